"""Person-name rules within one article: full names, name variants and lone names.

Full names ("Kim Jong Un", "Valery Vasilyevich Gerasimov") join a person with the same
romanization-folded name, or with the same first and last word (a middle name or initial added).
A lone name ("Kim", "Okafor") joins the one person named earlier in the article (anywhere in it,
when no one is named earlier) whose first or last name it is; if two people could own it, it is
kept apart with low confidence; if none, a curated unique surname ("Putin") gives the person,
else it stands alone.
"""

from __future__ import annotations

from claimscope.resolve.clusters import Cluster, Clusters, Mention
from claimscope.resolve.gazetteer import Gazetteer, Ref
from claimscope.resolve.normalize import person_key

FULL_NAME = 0.8
LONE_JOINED = 0.9
LONE_ALONE = 0.6
AMBIGUOUS = 0.3


def _words(cluster: Cluster) -> list[str]:
    return person_key(cluster.ref.name).split()


def _full_names(clusters: Clusters) -> list[Cluster]:
    return [c for c in clusters.all() if c.ref.type == "PERSON" and len(_words(c)) > 1]


def assign_people(mentions: list[Mention], clusters: Clusters, gaz: Gazetteer) -> None:
    """Add person mentions that no table resolved to clusters, by the rules above."""
    lone = []
    for mention in mentions:
        words = person_key(mention.text).split()
        if len(words) < 2:
            lone.append(mention)
            continue
        same = [c for c in _full_names(clusters) if (_words(c)[0], _words(c)[-1]) == (words[0],
                                                                                         words[-1])]
        if same:
            same[0].add(mention, FULL_NAME)
        else:
            clusters.add(Ref(mention.text, "PERSON"), mention, FULL_NAME)
    for mention in lone:
        word = person_key(mention.text)
        owners = [c for c in _full_names(clusters) if word in (_words(c)[0], _words(c)[-1])]
        earlier = [c for c in owners if min(m.start for m in c.mentions) < mention.start]
        owners = earlier or owners
        if len(owners) == 1:
            owners[0].add(mention, LONE_JOINED)
        elif len(owners) > 1:
            clusters.add(Ref(mention.text, "PERSON"), mention, AMBIGUOUS, alone=True)
        elif word in gaz.surnames:
            clusters.add(gaz.surnames[word], mention, LONE_JOINED)
        else:
            clusters.add(Ref(mention.text, "PERSON"), mention, LONE_ALONE)
