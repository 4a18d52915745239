"""Within-article merge: from candidate mentions to one cluster per canonical identity.

Table matches take the table's identity (a capital its city or government sense, a role the one
person it names). Person names follow ``people``. An organization written as an acronym joins the
one organization in the article whose initials it spells. Anything else clusters by type and
normalized name, at lower confidence.
"""

from __future__ import annotations

from claimscope.resolve.clusters import Cluster, Clusters, Mention
from claimscope.resolve.gazetteer import Gazetteer, Ref
from claimscope.resolve.normalize import acronym, is_acronym
from claimscope.resolve.people import assign_people

TABLE = 1.0
ROLE = 0.85
ACRONYM = 0.9
UNTABLED = 0.8

LABEL_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "GPE", "FAC": "GPE",
               "NORP": "NORP"}


def _table_ref(mention: Mention) -> Ref | None:
    entry = mention.entry
    if entry is None:
        return None
    if entry.kind == "capital" and mention.government and entry.alt is not None:
        return entry.alt
    return entry.ref


def _join_acronyms(mentions: list[Mention], clusters: Clusters) -> None:
    for mention in mentions:
        letters = mention.text.replace(".", "")
        owners = [c for c in clusters.all()
                  if c.ref.type == "ORG" and not is_acronym(c.ref.name)
                  and acronym(c.ref.name) == letters]
        if len(owners) == 1:
            owners[0].add(mention, ACRONYM)
        else:
            clusters.add(Ref(mention.text, "ORG"), mention, UNTABLED)


def merge(mentions: list[Mention], gaz: Gazetteer) -> list[Cluster]:
    """Cluster an article's mentions; clusters come in order of first mention."""
    clusters = Clusters()
    people: list[Mention] = []
    acronyms: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        ref = _table_ref(mention)
        if ref is not None:
            clusters.add(ref, mention, ROLE if mention.entry.kind == "role" else TABLE)
        elif mention.label == "PERSON":
            people.append(mention)
        elif mention.label == "ORG" and is_acronym(mention.text):
            acronyms.append(mention)
        else:
            clusters.add(Ref(mention.text, LABEL_TYPES[mention.label]), mention, UNTABLED)
    assign_people(people, clusters, gaz)
    _join_acronyms(acronyms, clusters)
    return sorted(clusters.all(), key=lambda c: min(m.start for m in c.mentions))
