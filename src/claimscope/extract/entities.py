"""Entity extraction: canonical entities of one article, each with every mention's offsets.

Candidates come from the parser's named entities (trimmed of "the", titles and leading demonyms:
"Comrade Kim Jong Un" → "Kim Jong Un") and from the curated tables, which also find names the
parser missed and correct its labels ("Kyiv" tagged as a person, "Kursk" as a product).
A personal title before a name of two or three capitalized words makes a person, whatever the
parser's label or where it found none ("Councilwoman Grace Obi", "Mayor Ines Calder of
Dunmere"). Overlaps keep the longer span (a table match wins a tie). A role ("the North Korean
leader") becomes a mention of the one person the table gives it who is named in the article.
Capitals are read as their government or the city by ``resolve.metonymy``; ``resolve.merge``
forms the entities. Types: PERSON, ORG, GPE (countries and places; demonyms map to their
country), GOV (a government named by its capital or seat: "Kyiv contends" → "Government of
Ukraine"), and NORP for groups no table maps to a country.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from spacy.tokens import Doc, Span

from claimscope.extract.tokens import tokens_with
from claimscope.model import Article, Entity
from claimscope.nlp import doc_text
from claimscope.resolve.clusters import Cluster, Mention
from claimscope.resolve.gazetteer import Entry, Gazetteer, Ref, load, word_char_at
from claimscope.resolve.merge import LABEL_TYPES, merge
from claimscope.resolve.metonymy import is_government
from claimscope.resolve.normalize import PERSONAL_TITLES, TITLES, acronym

TITLE_FORMS = (*PERSONAL_TITLES, *(f"{t}." for t in PERSONAL_TITLES))
_TRAILING = frozenset({"'s", "’s", "'", "’", ".", ",", ":", ";"})
_BREAKS = frozenset({"(", ")", "[", "]", "—", "–"})


def _trim(span: Span, gaz: Gazetteer) -> Span | None:
    """Drop a leading "the", titles and demonyms from a person's span, and trailing marks."""
    start, end = span.start, span.end
    doc = span.doc
    # a name never runs across brackets or dashes: "SEOUL (Meridian Wire" is a dateline
    cut = next((t.i for t in span if t.text in _BREAKS), None)
    if cut is not None:
        end = cut
    while end > start and doc[end - 1].text in _TRAILING:
        end -= 1
    while end - start > 1:
        first = doc[start]
        word = first.lower_.rstrip(".")
        if word == "the" or (span.label_ == "PERSON" and word in TITLES):
            start += 1
            continue
        entry = None
        if span.label_ == "PERSON":
            entry = gaz.lookup(first.text) or gaz.lookup(doc[start : start + 2].text)
        if entry is None or entry.kind != "demonym":
            break
        start += 1 if gaz.lookup(first.text) else 2
    return doc[start:end] if end > start else None


def _titled_name(ent: Span) -> Span:
    """A span the parser labelled otherwise that is a personal title and a name of two or three
    capitalized words ("Councilwoman Grace Obi" read as an organization) is a person."""
    if ent.label_ == "PERSON" or ent.doc[ent.start].lower_.rstrip(".") not in PERSONAL_TITLES:
        return ent
    name = ent[1:]
    if (
        2 <= len(name) <= 3
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in name)
    ):
        return Span(ent.doc, ent.start, ent.end, label="PERSON")
    return ent


def _titled_people(doc: Doc) -> Iterator[Mention]:
    """Names of two or three capitalized words after a personal title, which the parser may
    miss ("Mayor Ines Calder of Dunmere")."""
    for i in tokens_with(doc, words=TITLE_FORMS).tolist():
        tok = doc[i]
        if not tok.text[:1].isupper():
            continue
        end = tok.i + 1
        while end < len(doc) and end - tok.i <= 3 and doc[end].pos_ == "PROPN":
            end += 1
        name = doc[tok.i + 1 : end]
        if 2 <= len(name) <= 3 and all(t.text[:1].isupper() and t.is_alpha for t in name):
            yield Mention(name.start_char, name.end_char, name.text, "PERSON")


def _candidates(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    found = list(_titled_people(doc))
    for ent in map(_titled_name, doc.ents):
        span = _trim(ent, gaz)
        if span is None:
            continue
        entry = gaz.lookup(span.text)
        if entry is not None or ent.label_ in LABEL_TYPES:
            found.append(Mention(span.start_char, span.end_char, span.text, ent.label_, entry))
    for start, end in gaz.find_surfaces(doc_text(doc)):
        span = doc.char_span(start, end)
        if span is None:
            continue
        entry = gaz.lookup(span.text)
        found.append(
            Mention(
                span.start_char, span.end_char, span.text, "TABLE" if entry else "PERSON", entry
            )
        )
    return found


_NAMED_KINDS = frozenset({"org", "person", "seat"})


def _inside(inner: Mention, outer: Mention) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and inner != outer


def _non_overlapping(mentions: list[Mention]) -> list[Mention]:
    """Keep the longer of overlapping mentions; on a tie, the one a table resolves, then a
    person's name. A span no table knows yields to a table's organization or person inside it
    ("KCNA news agency"), unless the parser read it as a person ("Donald Trump Jr.")."""
    named = [m for m in mentions if m.entry is not None and m.entry.kind in _NAMED_KINDS]
    mentions = [
        m
        for m in mentions
        if m.entry is not None or m.label == "PERSON" or not any(_inside(n, m) for n in named)
    ]
    kept: list[Mention] = []
    order = sorted(
        mentions, key=lambda m: (m.start - m.end, m.entry is None, m.label != "PERSON", m.start)
    )
    for mention in order:
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def _rescan_words(mentions: list[Mention]) -> dict[str, str]:
    """Words to look for again, with the label to give them: the first and last names of people
    named in full, and the acronyms of organizations named in full."""
    words: dict[str, str] = {}
    for m in mentions:
        parts = m.text.split()
        if len(parts) < 2:
            continue
        if m.label == "PERSON" or (m.entry is not None and m.entry.kind == "person"):
            words.update({parts[0]: "PERSON", parts[-1]: "PERSON"})
        elif m.label == "ORG" and m.entry is None and len(acronym(m.text)) > 2:
            words[acronym(m.text)] = "ORG"
    return {
        w: label
        for w, label in words.items()
        if w[:1].isupper() and len(w) > 2 and w.lower().rstrip(".") not in TITLES
    }


def _rescan(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Later bare names and acronyms of the entities named in full, which the parser may miss
    ("Okafor said", "the BMSC said"); the merge rules decide whom each one belongs to."""
    text = doc_text(doc)
    found = []
    for word, label in _rescan_words(mentions).items():
        for start in _whole_words(text, word):
            span = doc.char_span(start, start + len(word))
            if span is not None:
                found.append(Mention(span.start_char, span.end_char, span.text, label))
    return found


def _whole_words(text: str, word: str) -> Iterator[int]:
    r"""Where ``word`` stands in ``text`` with no word character (letter, digit, underscore)
    right before or after it, as the regular expression ``(?<!\w)word(?!\w)`` finds it."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if not (start and word_char_at(text, start - 1)) and not word_char_at(text, end):
            yield start
            start = text.find(word, end)
        else:
            start = text.find(word, start + 1)


def _roles(doc: Doc, gaz: Gazetteer, mentions: list[Mention], day: date | None) -> list[Mention]:
    """Role phrases after "the" that name exactly one table person present in the article and
    in office on the day of publication."""
    present = {m.entry.ref.name for m in mentions if m.entry and m.entry.kind == "person"}
    present |= {
        gaz.surnames[k].name for k in (m.text.casefold() for m in mentions) if k in gaz.surnames
    }
    lowered = doc_text(doc).casefold()
    found = []
    for role, terms in gaz.roles.items():
        named = {t.person for t in terms if t.covers(day) and t.person in present}
        if len(named) != 1:
            continue
        start = lowered.find("the " + role)
        while start >= 0:
            span = doc.char_span(start + 4, start + 4 + len(role))
            if span is not None and not _followed_by_name(span):
                person = next(iter(named))
                ref = Ref(person, "PERSON", _qid(gaz, person))
                found.append(
                    Mention(span.start_char, span.end_char, span.text, "ROLE", Entry("role", ref))
                )
            start = lowered.find("the " + role, start + 1)
    return found


def _followed_by_name(span: Span) -> bool:
    """A role used as a title ("the Russian president Vladimir Putin") is not a mention."""
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return nxt is not None and nxt.ent_type_ == "PERSON"


def _qid(gaz: Gazetteer, name: str) -> str | None:
    entry = gaz.lookup(name)
    return entry.ref.qid if entry else None


def _entity(index: int, cluster: Cluster, text: str) -> Entity:
    aliases = list(dict.fromkeys(text[m.start : m.end] for m in cluster.mentions))
    return Entity(
        id=f"e{index}",
        name=cluster.ref.name,
        type=cluster.ref.type,
        aliases=aliases,
        mentions=sorted((m.start, m.end) for m in cluster.mentions),
        wikidata=cluster.ref.qid,
        confidence=cluster.confidence,
    )


def extract_entities(doc: Doc, article: Article) -> list[Entity]:
    """The article's canonical entities, ids "e1", "e2", … in order of first mention."""
    gaz = load()
    mentions = _non_overlapping(_candidates(doc, gaz))
    extra = _rescan(doc, mentions) + _roles(doc, gaz, mentions, article.published)
    mentions = _non_overlapping(mentions + extra)
    for mention in mentions:
        if mention.entry is not None and mention.entry.kind == "capital":
            span = doc.char_span(mention.start, mention.end)
            mention.government = span is not None and is_government(span)
    clusters = merge(mentions, gaz)
    return [_entity(i, c, article.text) for i, c in enumerate(clusters, start=1)]


def entity_at(entities: list[Entity], start: int, end: int) -> Entity | None:
    """The entity with a mention overlapping [start, end); the best is the one whose mention
    ends nearest the span's end (the head of an English noun phrase comes last: "Russian
    President Vladimir Putin" → Putin), then the longest overlap."""
    best: tuple[int, int] | None = None
    found = None
    for entity in entities:
        for s, e in entity.mentions:
            overlap = min(e, end) - max(s, start)
            if overlap <= 0:
                continue
            score = (-abs(end - e), overlap)
            if best is None or score > best:
                best, found = score, entity
    return found
