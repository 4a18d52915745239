"""Speaker resolution: pronouns ("He stated") and nominals ("the statement continued", "the
ministry said", "the general added") linked to the entity they refer to within the article.

No coreference model installs offline, so resolution follows salience rules over the parse:
- he/she: the nearest preceding person who is the grammatical subject of a sentence (searching
  back sentence by sentence), else the nearest person mentioned;
- they/it/we: the same for organizations, governments and countries;
- "the statement", "the report", "the announcement": the source of the nearest preceding statement
  made by an organization or government (a statement speaks for whoever issued it);
- "the ministry", "the agency", "the commission" …: the nearest preceding organization whose name
  contains that noun;
- "the general", "the president", "the minister" …: the nearest preceding person introduced with
  that title ("Gen. Valery Gerasimov", "Valery Gerasimov, the chief of the General Staff").
The speaker keeps its own span; only ``speaker.entity`` and ``speaker.name`` are filled.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimscope.model import Entity, Statement

PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"they", "it", "we"}
PERSON_TYPES = {"PERSON"}
GROUP_TYPES = {"ORG", "GOV", "GPE", "NORP"}
DOCUMENT_NOUNS = {
    "statement",
    "report",
    "announcement",
    "communique",
    "release",
    "declaration",
    "letter",
    "readout",
    "commentary",
    "editorial",
    "dispatch",
}
TITLES = {
    "general": ("gen.", "general"),
    "president": ("president",),
    "minister": ("minister",),
    "chairman": ("chairman",),
    "leader": ("leader",),
    "chief": ("chief",),
    "spokesman": ("spokesman",),
    "spokeswoman": ("spokeswoman",),
    "spokesperson": ("spokesperson",),
    "senator": ("sen.", "senator"),
    "governor": ("gov.", "governor"),
    "secretary": ("secretary",),
    "ambassador": ("ambassador",),
    "commander": ("commander",),
    "official": ("official",),
    "prime": ("prime minister",),
}
SENTENCES_BACK = 6


def resolve_speakers(doc: Doc, statements: list[Statement], entities: list[Entity]) -> None:
    """Fill entity and name for pronoun and nominal speakers, in text order."""
    for st in statements:
        sp = st.speaker
        if sp is None or sp.entity is not None:
            continue
        words = sp.span.text.lower().split()
        if not words:
            continue
        target: Entity | None = None
        if len(words) == 1 and words[0] in PERSON_PRONOUNS:
            target = _salient(doc, entities, sp.span.start, PERSON_TYPES)
        elif len(words) == 1 and words[0] in GROUP_PRONOUNS:
            target = _document_source(doc, entities, sp.span.start) or _salient(
                doc, entities, sp.span.start, GROUP_TYPES
            )
        elif words[0] in {"the", "this", "that"} and len(words) <= 3:
            target = _nominal(doc, statements, st, entities, words[-1])
        if target is not None:
            sp.entity, sp.name = target.id, target.name
            st.confidence = round(st.confidence * 0.9, 3)


def _mentions_before(
    entities: list[Entity], offset: int, types: set[str]
) -> list[tuple[int, int, Entity]]:
    found = [
        (s, e, ent) for ent in entities if ent.type in types for s, e in ent.mentions if e <= offset
    ]
    return sorted(found, key=lambda m: m[0], reverse=True)


def _is_dateline(text: str, start: int, end: int) -> bool:
    """ "SEOUL (Wire) —", "KYIV —": a place heading a paragraph names where it was filed."""
    at_line_start = start == 0 or text[start - 1] == "\n"
    return at_line_start and text[end : end + 3].lstrip()[:1] in {"(", "—", "–", "-"}


def _document_source(doc: Doc, entities: list[Entity], offset: int) -> Entity | None:
    """ "It said …" right after "… a statement from X" or "a statement released by X": X."""
    here = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if here is None:
        return None
    sent = here[0].sent
    previous = doc[sent.start - 1].sent if sent.start > 0 else None
    for scope in (s for s in (previous, sent) if s is not None):
        for tok in scope:
            if tok.lemma_.lower() not in DOCUMENT_NOUNS or tok.idx >= offset:
                continue
            for prep in _source_preps(tok):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    found = _entity_in(entities, pobj, GROUP_TYPES)
                    if found is not None:
                        return found
    return None


def _source_preps(noun: Token) -> list[Token]:
    """ "statement from X", "statement by X", "statement released/issued by X"."""
    preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in {"from", "by"}]
    for acl in (c for c in noun.children if c.dep_ == "acl"):
        preps.extend(c for c in acl.children if c.dep_ == "agent")
    return preps


def _entity_in(entities: list[Entity], head: Token, types: set[str]) -> Entity | None:
    span = (min(t.idx for t in head.subtree), max(t.idx + len(t.text) for t in head.subtree))
    for ent in entities:
        if ent.type in types and any(span[0] <= s and e <= span[1] for s, e in ent.mentions):
            return ent
    return None


def _salient(doc: Doc, entities: list[Entity], offset: int, types: set[str]) -> Entity | None:
    """The nearest preceding subject mention of the given types, else the nearest mention;
    datelines are not candidates."""
    candidates = [
        m
        for m in _mentions_before(entities, offset, types)
        if not _is_dateline(doc.text, m[0], m[1])
    ]
    if not candidates:
        return None
    here = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if here is None:
        return candidates[0][2]
    sents = list(doc.sents)
    current = next((i for i, s in enumerate(sents) if s.start <= here.start < s.end), 0)
    for i in range(current, max(-1, current - SENTENCES_BACK), -1):
        sent = sents[i]
        for s, e, ent in sorted(candidates, key=lambda m: m[0]):
            if not (sent.start_char <= s < sent.end_char):
                continue
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None and span.root.dep_ in {"nsubj", "nsubjpass"}:
                return ent
    window_start = sents[max(0, current - SENTENCES_BACK)].start_char
    nearest = [m for m in candidates if m[0] >= window_start]
    return nearest[0][2] if nearest else None


def _nominal(
    doc: Doc, statements: list[Statement], st: Statement, entities: list[Entity], noun: str
) -> Entity | None:
    offset = st.speaker.span.start if st.speaker else st.cue.start
    if noun in DOCUMENT_NOUNS:
        by_id = {e.id: e for e in entities}
        for prev in reversed([p for p in statements if p.cue.start < st.cue.start]):
            ent = by_id.get(prev.speaker.entity) if prev.speaker and prev.speaker.entity else None
            if ent is not None and ent.type in GROUP_TYPES:
                return ent
        near = _mentions_before(entities, offset, {"ORG", "GOV"})
        return near[0][2] if near else None
    if noun in TITLES:
        text = doc.text
        for s, e, ent in _mentions_before(entities, offset, PERSON_TYPES):
            before = text[max(0, s - 40) : s].lower()
            after = text[e : e + 80].lower()
            if any(t in before for t in TITLES[noun]) or any(
                f", the {t}" in after or f", a {t}" in after for t in TITLES[noun]
            ):
                return ent
        return None
    for _s, _e, ent in _mentions_before(entities, offset, GROUP_TYPES):
        names = [ent.name.lower(), *(a.lower() for a in ent.aliases)]
        if any(noun in n.split() for n in names):
            return ent
    return None
