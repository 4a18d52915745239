"""The cross-article identity of an entity: ``canonical_key``.

The store keeps one entity per key. The key is the Wikidata QID when a table gives one
("Q56226"), else ``TYPE:normalized name`` ("GOV:government of ukraine", "PERSON:valery
gerasimov"; person names are folded across romanizations, so "Valeriy" and "Valery" agree).

An entity the resolver was unsure of (confidence below ``MERGE_THRESHOLD``) or a person known
only by one word ("Smith") does not merge across articles: its key is scoped to the article
(``TYPE:name@article_id``), so two articles' lone "Smith"s stay apart.
"""

from __future__ import annotations

from claimscope.model import Entity
from claimscope.resolve.normalize import name_key, person_key

MERGE_THRESHOLD = 0.5


def is_local(entity: Entity) -> bool:
    """Whether the entity is too uncertain to share an identity with other articles."""
    if entity.wikidata:
        return False
    lone_person = entity.type == "PERSON" and len(entity.name.split()) < 2
    return entity.confidence < MERGE_THRESHOLD or lone_person


def canonical_key(entity: Entity, article_id: str | None = None) -> str:
    """The stable cross-article key of an entity (see the module docstring).

    ``article_id`` scopes the key of an entity that must not merge across articles; without it,
    such a key is scoped to the entity's own id and is only unique within its article.
    """
    if entity.wikidata:
        return entity.wikidata
    norm = person_key(entity.name) if entity.type == "PERSON" else name_key(entity.name)
    key = f"{entity.type}:{norm}"
    if is_local(entity):
        return f"{key}@{article_id or entity.id}"
    return key
