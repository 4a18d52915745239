"""Speaker resolution: pronouns ("He stated") and nominals ("the statement continued", "the
ministry said", "the general added") linked to the entity they refer to within the article.

No coreference model installs offline, so resolution follows salience rules over the parse:
- he/she: the nearest preceding person who is the grammatical subject of a sentence (searching
  back sentence by sentence), else the nearest person mentioned;
- they/it/we: the same for organizations, governments and countries;
- "the statement", "the report", "the announcement": whoever issued it ("a statement released by
  X"), else the source of the nearest preceding statement made by an organization or government;
- "the ministry", "the company", "the union" …: the nearest earlier speaker headed by that noun
  or with it in apposition ("Northgrid, the regional utility, said"), else the nearest preceding
  organization whose name contains that noun, else the nearest organization;
- they: first the nearest earlier plural speaker or plural noun subject in its sentence or the
  one before ("Nurses at the hospital said … They said"; "Fishing crews reacted with anger. They
  said …");
- "the general", "the chief executive", "the spokeswoman" …: the nearest preceding person
  introduced with that role ("Gen. Valery Gerasimov", "Hannah Ludwig, the chief executive"); a
  role in the headline ("Russia's top general says …") looks forward, to the first person the
  text introduces with it.
Gender keeps he and she apart: a gendered title or word right before a name in its sentence ("Ms.
Lee", "spokeswoman Noor Khalid"), a gendered pronoun in a sentence naming only that person, or an
earlier resolution give a person's gender.
The speaker keeps its own span; only ``speaker.entity`` and ``speaker.name`` are filled. A mention
that refers back to a speaker no entity names ("the regional fire service") gets, as its name,
that speaker's description ("regional fire service"), with no entity.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from claimscope.extract.tokens import tokens_with
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
ISSUING_VERBS = frozenset({"issue", "release", "publish", "put", "send", "post", "circulate"})
ISSUER_TYPES = {"ORG", "GOV", "GPE", "NORP", "PERSON"}
PRONOUNS = frozenset({"she", "her", "hers", "herself", "he", "him", "his", "himself"})
SENTENCE_END = frozenset('.!?"”')
ABBREVIATED_TITLES = frozenset({"mr.", "mrs.", "ms.", "dr.", "sen.", "gov.", "rep.", "gen."})
PLURAL = frozenset({"they", "their"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# Where a description of a group or body ends: "Nurses at the hospital, who …".
DESCRIPTION_ENDS = frozenset({",", "(", "—", "–", "who", "which", "that", "whose"})


def resolve_speakers(doc: Doc, statements: list[Statement], entities: list[Entity]) -> None:
    """Fill entity and name for pronoun and nominal speakers, in text order."""
    sents = list(doc.sents)
    genders = _genders(doc, entities)
    headline_end = _headline_end(doc_text(doc))
    for st in statements:
        sp = st.speaker
        if sp is None or sp.entity is not None:
            continue
        words = sp.span.text.lower().split(",")[0].split()  # "The statement, released on …,"
        if not words:
            continue
        target: Entity | str | None = None
        if len(words) == 1 and words[0] in PERSON_PRONOUNS:
            gender = "f" if words[0] in {"she", "her"} else "m"  # "her" may be possessive too
            people = [e for e in entities if genders.get(e.id, gender) == gender]
            target = _salient(doc, sents, people, sp.span.start, PERSON_TYPES, statements)
            if target is not None:
                genders[target.id] = gender
        elif len(words) == 1 and words[0] in GROUP_PRONOUNS:
            plural = words[0] in PLURAL
            target = (
                (_plural_speaker(doc, sents, statements, st, entities) if plural else None)
                or _document_source(doc, entities, sp.span.start)
                or _salient(doc, sents, entities, sp.span.start, GROUP_TYPES, statements)
            )
        elif words[0] in {"the", "this", "that"} and 2 <= len(words) <= 3:
            target = _nominal(doc, sents, statements, st, entities, words[1:])
        elif sp.span.end <= headline_end:
            target = _headline_role(doc, entities, sp.span.end, words)
        if isinstance(target, Entity):
            sp.entity, sp.name = target.id, target.name
        elif target is not None:
            sp.name = target
        if target is not None:
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
    """ "It said …" right after "… a statement from X", "a statement released by X" or "X issued
    a statement": X."""
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
            issuer = _issuer(tok)
            found = _entity_in(entities, issuer, ISSUER_TYPES) if issuer is not None else None
            if found is not None:
                return found
    return None


def _issuer(noun: Token) -> Token | None:
    """ "Keswin issued a statement", "The institute published a report": the subject of the
    verb that puts the document out."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in ISSUING_VERBS:
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


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


def _words_before(text: str, start: int) -> list[str]:
    """The last three words before ``start`` in its own sentence, lowercased: a word ending a
    sentence (".", "!", "?", a closing quotation mark) and the words before it do not count,
    except an abbreviated title ("Mr.", "Dr.")."""
    words = text[max(0, start - 30) : start].lower().replace(",", " ").split()[-3:]
    kept: list[str] = []
    for word in reversed(words):
        if word[-1] in SENTENCE_END and word not in ABBREVIATED_TITLES:
            break
        kept.append(word)
    return kept[::-1]


def _genders(doc: Doc, entities: list[Entity]) -> dict[str, str]:
    """Genders the article itself gives: a gendered title or word right before a person's mention
    ("spokeswoman Noor Khalid", "Mr. Lee"), or a gendered pronoun later in a sentence where that
    person is the only one named ("Mateo Alvarez said he had …")."""
    text = doc_text(doc)
    found: dict[str, str] = {}
    people = [(s, e, ent) for ent in entities if ent.type == "PERSON" for s, e in ent.mentions]
    for s, _e, ent in people:
        before = _words_before(text, s)
        if any(w in FEMALE_WORDS - PRONOUNS for w in before):
            found.setdefault(ent.id, "f")
        elif any(w in MALE_WORDS - PRONOUNS for w in before):
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
    by_id = {e.id: e for e in entities}
    for st in statements:  # resolved nominal speakers: "The ministry has promised …, though it"
        sp = st.speaker
        ent = by_id.get(sp.entity) if sp is not None and sp.entity else None
        if sp is not None and ent is not None and ent.type in types and sp.span.end <= offset:
            candidates.append((sp.span.start, sp.span.end, ent))
    candidates.extend(_named_nominals(doc, entities, offset, types))
    candidates.sort(key=lambda m: m[0], reverse=True)
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


def _speaker_tokens(doc: Doc, st: Statement) -> Span | None:
    if st.speaker is None:
        return None
    return doc.char_span(st.speaker.span.start, st.speaker.span.end, alignment_mode="expand")


def _description(span: Span) -> str | None:
    """What an unnamed speaker is called, for the mentions that refer back to it: its noun with
    the words before it and one prepositional phrase after it, without a leading determiner,
    up to a comma, bracket, dash or relative pronoun ("The regional fire service" → "regional
    fire service"; "Residents of the Corran estate in East Lissop, who …" → "residents of the
    Corran estate")."""
    root = span.root
    last = root.i
    prep = next((c for c in root.rights if c.dep_ == "prep" and c.i == root.i + 1), None)
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
    if pobj is not None and pobj.i < span.end:
        last = pobj.i  # one prepositional phrase, without what hangs on its noun
    words = [t for t in span if t.i <= last]
    while words and words[0].pos_ in {"DET", "PRON"}:
        words = words[1:]
    end = next((k for k, t in enumerate(words) if t.lower_ in DESCRIPTION_ENDS), len(words))
    words = words[:end]
    if not words or not any(t.pos_ in {"NOUN", "PROPN"} for t in words):
        return None
    first = words[0].text if words[0].pos_ == "PROPN" else words[0].lower_
    rest = "".join(t.text_with_ws for t in words[1:])
    return (first + words[0].whitespace_ + rest).strip()


def _referent(st: Statement, span: Span, by_id: dict[str, Entity]) -> Entity | str | None:
    """Whom an earlier statement's speaker stands for: its entity, its resolved name, or its
    description."""
    if st.speaker is None:
        return None
    if st.speaker.entity is not None and st.speaker.entity in by_id:
        return by_id[st.speaker.entity]
    return st.speaker.name or _description(span)


def _earlier_speakers(
    doc: Doc, sents: list[Span], statements: list[Statement], st: Statement, back: int
) -> list[tuple[Statement, Span]]:
    """The speakers of the statements before ``st``, nearest first, at most ``back`` sentences
    before its speaker's sentence."""
    here = _speaker_tokens(doc, st)
    if here is None:
        return []
    current = next(i for i, s in enumerate(sents) if s.start <= here.start < s.end)
    first = sents[max(0, current - back)].start
    found = []
    for prev in statements:
        span = _speaker_tokens(doc, prev)
        if prev is not st and span is not None and first <= span.start and span.end <= here.start:
            found.append((prev, span))
    return sorted(found, key=lambda pair: -pair[1].start)


def _plural_speaker(
    doc: Doc,
    sents: list[Span],
    statements: list[Statement],
    st: Statement,
    entities: list[Entity],
) -> Entity | str | None:
    """ "Nurses at the hospital said … They said": the nearest earlier speaker or plural noun
    subject, in the same sentence or the one before; a speaker counts when it is a plural noun
    phrase or a "they" already resolved."""
    earlier = _earlier_speakers(doc, sents, statements, st, back=1)
    subject = _plural_subject(doc, st)
    if earlier and (subject is None or earlier[0][1].start >= subject.start):
        prev, span = earlier[0]
        resolved_they = span.root.lower_ in PLURAL and bool(prev.speaker and prev.speaker.name)
        if span.root.tag_ in PLURAL_TAGS or resolved_they:
            return _referent(prev, span, {e.id: e for e in entities})
        return None
    if subject is None:
        return None
    root = subject.root
    named = [
        ent
        for ent in entities
        if any(s <= root.idx < e for s, e in ent.mentions)  # "Democrats", not "… in Tollmouth"
    ]
    return named[0] if named else _description(subject)


def _plural_subject(doc: Doc, st: Statement) -> Span | None:
    """The nearest plural noun subject before the speaker, in its sentence or the one before
    ("Fishing crews in Tollmouth reacted with anger. They said …")."""
    here = _speaker_tokens(doc, st)
    if here is None:
        return None
    sent = here[0].sent
    first = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    for tok in reversed(doc[first : here.start]):
        if tok.dep_ in {"nsubj", "nsubjpass"} and tok.tag_ in PLURAL_TAGS and tok.pos_ == "NOUN":
            return doc[tok.left_edge.i : tok.right_edge.i + 1]
    return None


def _same_head(
    doc: Doc,
    sents: list[Span],
    statements: list[Statement],
    st: Statement,
    entities: list[Entity],
    noun: str,
) -> Entity | str | None:
    """ "The regional fire service said … The service said", "Northgrid, the regional utility,
    said … The utility said": the nearest earlier speaker headed by the same noun, or with an
    apposition so headed."""
    by_id = {e.id: e for e in entities}
    for prev, span in _earlier_speakers(doc, sents, statements, st, SENTENCES_BACK):
        heads = [span.root, *(t for t in span.root.children if t.dep_ == "appos" and t in span)]
        if any(noun in (h.lower_, h.lemma_.lower()) for h in heads):
            return _referent(prev, span, by_id)
    return None


def _named_nominals(
    doc: Doc, entities: list[Entity], offset: int, types: set[str]
) -> list[tuple[int, int, Entity]]:
    """Subjects like "the agency" before ``offset``, each with the nearest organization before it
    whose name holds that noun ("The agency will cut the quota. It estimated …")."""
    found: list[tuple[int, int, Entity]] = []
    organizations = types & {"ORG", "GOV"}
    if not organizations:  # a person's pronoun: no "the agency" stands for a person
        return found
    for i in tokens_with(doc, words=ORG_NOUNS).tolist():
        tok = doc[i]
        if tok.idx >= offset:
            break
        if tok.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            continue
        for _s, _e, ent in _mentions_before(entities, tok.idx, organizations):
            if tok.lower_ in ent.name.lower().split():
                found.append((tok.idx, tok.idx + len(tok.text), ent))
                break
    return found


def _nominal(
    doc: Doc,
    sents: list[Span],
    statements: list[Statement],
    st: Statement,
    entities: list[Entity],
    role: list[str],
) -> Entity | str | None:
    """ "the statement" → who issued it; "the company" → the organization, or the earlier speaker
    so called; "the chief executive" → the person introduced with that role."""
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
    earlier = _same_head(doc, sents, statements, st, entities, noun)
    if earlier is not None:
        return earlier
    near = _mentions_before(entities, offset, {"ORG", "GOV"})
    for _s, _e, ent in near:
        names = [ent.name.lower(), *(a.lower() for a in ent.aliases)]
        if any(noun in n.split() for n in names):
            return ent
    if noun in ORG_NOUNS and len(role) == 1:
        # "the company said": the organization in focus; "the ruling party" names a specific one
        return _salient(doc, sents, entities, offset, {"ORG", "GOV"}, statements)
    return None


def _headline_end(text: str) -> int:
    """Where the headline ends: a first line of at most 25 words, without a full stop, followed
    by more text; 0 when the text opens with no such line."""
    first = text.split("\n", 1)[0].rstrip()
    if first == text.rstrip() or first.endswith(".") or len(first.split()) > 25:
        return 0
    return len(first)


def _headline_role(doc: Doc, entities: list[Entity], end: int, words: list[str]) -> Entity | None:
    """A headline names a person by role before the text introduces them ("Russia's top general
    says …", then "Gen. Valery Gerasimov …"): the first person after it introduced with that
    role."""
    role = words[-1]
    if role in ORG_NOUNS or role in DOCUMENT_NOUNS or not role.isalpha() or len(words) > 4:
        return None
    return _titled_person(doc, entities, end, role, forward=True)


def _titled_person(
    doc: Doc, entities: list[Entity], offset: int, title: str, forward: bool = False
) -> Entity | None:
    """The nearest person before ``offset`` introduced with ``title`` ("Gen. Valery Gerasimov",
    "Hannah Ludwig, the chief executive"); with ``forward``, the first one after it."""
    short = {"general": "gen.", "senator": "sen.", "governor": "gov."}.get(title)
    text = doc_text(doc).lower()
    if forward:
        mentions = sorted(
            (s, e, ent) for ent in entities if ent.type in PERSON_TYPES
            for s, e in ent.mentions if s >= offset
        )
    else:
        mentions = _mentions_before(entities, offset, PERSON_TYPES)
    for s, e, ent in mentions:
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
