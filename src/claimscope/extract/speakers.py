"""Speaker resolution: pronouns ("He stated") and nominals ("the statement continued", "the
ministry said", "the general added") linked to the entity they refer to within the article.

No coreference model installs offline, so resolution follows salience rules over the parse:
- he/she: the nearest preceding person who is the grammatical subject of a sentence (searching
  back sentence by sentence), else the nearest person mentioned;
- they/it/we: the same for organizations, governments and countries;
- "the statement", "the report", "the announcement": whoever issued it ("a statement released by
  X"), else the source of the nearest preceding statement made by an organization or government;
- "the ministry", "the company", "the union" …: the nearest preceding organization whose name
  contains that noun, else the nearest organization;
- "the general", "the chief executive", "the spokeswoman" …: the nearest preceding person
  introduced with that role ("Gen. Valery Gerasimov", "Hannah Ludwig, the chief executive").
Gender keeps he and she apart: a gendered title next to a name, a gendered pronoun in a sentence
naming only that person, or an earlier resolution give a person's gender.
The speaker keeps its own span; only ``speaker.entity`` and ``speaker.name`` are filled.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from claimscope.model import Entity, Statement
from claimscope.nlp import doc_text

PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
GROUP_PRONOUNS = {"they", "it", "we", "its", "their"}
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
# Heads of nominal speakers that name an organization ("the company said").
ORG_NOUNS = frozenset(
    """
    agency ministry department commission committee council company firm union airline utility
    office service government administration organization organisation group party campaign
    bank court board institute university network newspaper station hospital school police
    military army navy regime cabinet parliament assembly authority bureau corporation insurer
    manufacturer operator retailer carrier team club federation association coalition alliance
    movement embassy mission delegation secretariat inspectorate prosecutor prosecutors chamber
    guild museum foundation fund library trust exchange studio lab laboratory center centre
    """.split()
)
# Words that give a person's gender where they stand next to the name.
FEMALE_WORDS = frozenset(
    """
    she her hers herself mrs. ms. miss madam spokeswoman chairwoman councilwoman congresswoman
    businesswoman woman mother daughter sister wife queen actress
    """.split()
)
MALE_WORDS = frozenset(
    """
    he him his himself mr. spokesman chairman councilman congressman businessman man father son
    brother husband king actor
    """.split()
)
SENTENCES_BACK = 6


def resolve_speakers(doc: Doc, statements: list[Statement], entities: list[Entity]) -> None:
    """Fill entity and name for pronoun and nominal speakers, in text order."""
    sents = list(doc.sents)
    genders = _genders(doc, entities)
    for st in statements:
        sp = st.speaker
        if sp is None or sp.entity is not None:
            continue
        words = sp.span.text.lower().split()
        if not words:
            continue
        target: Entity | None = None
        if len(words) == 1 and words[0] in PERSON_PRONOUNS:
            gender = "f" if words[0] in {"she", "her"} else "m"  # "her" may be possessive too
            people = [e for e in entities if genders.get(e.id, gender) == gender]
            target = _salient(doc, sents, people, sp.span.start, PERSON_TYPES, statements)
            if target is not None:
                genders[target.id] = gender
        elif len(words) == 1 and words[0] in GROUP_PRONOUNS:
            target = _document_source(doc, entities, sp.span.start) or _salient(
                doc, sents, entities, sp.span.start, GROUP_TYPES, statements
            )
        elif words[0] in {"the", "this", "that"} and 2 <= len(words) <= 3:
            target = _nominal(doc, statements, st, entities, words[1:])
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


def _genders(doc: Doc, entities: list[Entity]) -> dict[str, str]:
    """Genders the article itself gives: a gendered title or word right before a person's mention
    ("spokeswoman Noor Khalid", "Mr. Lee"), or a gendered pronoun later in a sentence where that
    person is the only one named ("Mateo Alvarez said he had …")."""
    text = doc_text(doc)
    found: dict[str, str] = {}
    people = [(s, e, ent) for ent in entities if ent.type == "PERSON" for s, e in ent.mentions]
    for s, _e, ent in people:
        before = text[max(0, s - 30) : s].lower().replace(",", " ").split()[-3:]
        if any(w in FEMALE_WORDS for w in before):
            found.setdefault(ent.id, "f")
        elif any(w in MALE_WORDS for w in before):
            found.setdefault(ent.id, "m")
    for sent in doc.sents:
        inside = {ent.id for s, _e, ent in people if sent.start_char <= s < sent.end_char}
        if len(inside) != 1:
            continue
        (only,) = inside
        first = min(s for s, _e, ent in people if ent.id == only and sent.start_char <= s)
        words = {t.lower_ for t in sent if t.idx > first and t.pos_ == "PRON"}
        if words & {"she", "her", "herself"} and not words & {"he", "him", "his", "himself"}:
            found.setdefault(only, "f")
        elif words & {"he", "him", "his", "himself"} and not words & {"she", "her", "herself"}:
            found.setdefault(only, "m")
    return found


def _salient(
    doc: Doc,
    sents: list[Span],
    entities: list[Entity],
    offset: int,
    types: set[str],
    statements: list[Statement],
) -> Entity | None:
    """The nearest preceding salient mention of the given types: the subject of its sentence (or
    in apposition to it: "Its spokeswoman, Noor Khalid, said"), or the speaker of a statement;
    else the nearest mention. Datelines are not candidates."""
    speakers = {
        (st.speaker.span.start, st.speaker.span.end, st.speaker.entity)
        for st in statements
        if st.speaker is not None and st.speaker.entity is not None
    }
    text = doc_text(doc)
    candidates = [
        m for m in _mentions_before(entities, offset, types) if not _is_dateline(text, m[0], m[1])
    ]
    if not candidates:
        return None
    here = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if here is None:
        return candidates[0][2]
    current = next((i for i, s in enumerate(sents) if s.start <= here.start < s.end), 0)
    for i in range(current, max(-1, current - SENTENCES_BACK), -1):
        sent = sents[i]
        for s, e, ent in sorted(candidates, key=lambda m: m[0]):
            if not (sent.start_char <= s < sent.end_char):
                continue
            if any(a < e and s < b and who == ent.id for a, b, who in speakers):
                return ent
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            if root.dep_ in {"nsubj", "nsubjpass"} or (
                root.dep_ == "appos" and root.head.dep_ in {"nsubj", "nsubjpass"}
            ):
                return ent
    window_start = sents[max(0, current - SENTENCES_BACK)].start_char
    nearest = [m for m in candidates if m[0] >= window_start]
    return nearest[0][2] if nearest else None


def _nominal(
    doc: Doc, statements: list[Statement], st: Statement, entities: list[Entity], role: list[str]
) -> Entity | None:
    """ "the statement" → who issued it; "the company" → the organization; "the chief executive"
    → the person introduced with that role."""
    offset = st.speaker.span.start if st.speaker else st.cue.start
    noun = role[-1]
    if noun in DOCUMENT_NOUNS:
        found = _document_source(doc, entities, offset)
        if found is not None:
            return found
        by_id = {e.id: e for e in entities}
        for prev in reversed([p for p in statements if p.cue.start < st.cue.start]):
            ent = by_id.get(prev.speaker.entity) if prev.speaker and prev.speaker.entity else None
            if ent is not None and ent.type in GROUP_TYPES:
                return ent
        near = _mentions_before(entities, offset, {"ORG", "GOV"})
        return near[0][2] if near else None
    if noun not in ORG_NOUNS:
        person = _titled_person(doc, entities, offset, " ".join(role))
        if person is not None:
            return person
    near = _mentions_before(entities, offset, {"ORG", "GOV"})
    for _s, _e, ent in near:
        names = [ent.name.lower(), *(a.lower() for a in ent.aliases)]
        if any(noun in n.split() for n in names):
            return ent
    if noun in ORG_NOUNS and len(role) == 1:
        # "the company said": the organization in focus; "the ruling party" names a specific one
        return _salient(doc, list(doc.sents), entities, offset, {"ORG", "GOV"}, statements)
    return None


def _titled_person(doc: Doc, entities: list[Entity], offset: int, title: str) -> Entity | None:
    """The nearest person before ``offset`` introduced with ``title`` ("Gen. Valery Gerasimov",
    "Hannah Ludwig, the chief executive")."""
    short = {"general": "gen.", "senator": "sen.", "governor": "gov."}.get(title)
    text = doc_text(doc).lower()
    for s, e, ent in _mentions_before(entities, offset, PERSON_TYPES):
        before = text[max(0, s - 40) : s]
        after = text[e : e + 80]
        if (
            title in before
            or (short is not None and short in before)
            or f", the {title}" in after
            or f", a {title}" in after
        ):
            return ent
    return None
