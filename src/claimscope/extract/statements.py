"""Statement extraction: speaker, cue and content from the dependency parse and quotation marks.

Constructions handled:
- a reporting verb with a clausal complement ("X said that …", "…, X said"), with its subject as
  the speaker; the agent of a passive ("it was stated by X"); a relative pronoun subject resolves
  to its antecedent ("Kyiv, which contends that …"); a participle or conjoined verb inherits the
  subject of the verb it hangs on ("…, adding that …");
- a reporting verb whose content is a quotation next to it (“…,” he said; He said: “…”), including
  a quotation split around its cue (“A,” he said, “B.”) and quotations continued in the following
  sentences or paragraphs, kept as one statement with several content fragments;
- "according to X, …"; a poll or survey as the source ("In the latest CNN poll, Clinton led …";
  "… fell to 10 percent in a Fox poll released Wednesday");
- reporting nouns with a complement clause ("the claim that …", "Moscow's assertion that …");
- passive beliefs without a source ("X is believed to have …"), and what someone seems or appears
  to do ("Carson seems to recognize …"; "it appears that …").
Content is cut where the parse lets a neighbouring clause hang inside it: at "while"/"whereas"
clauses, at relative clauses that carry their own reporting verb, and at appositive reporting
nouns ("…, a statement that has been met with skepticism").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from claimscope.extract.cues import (
    BELIEF_VERBS,
    CLAUSE_ONLY,
    RAISING_VERBS,
    REPORTING_NOUNS,
    REPORTING_VERBS,
    SURVEY_NOUNS,
)
from claimscope.extract.entities import entity_at
from claimscope.extract.quotes import CLOSING_MARKS, OPENING_MARKS, QuoteIndex, find_quotes
from claimscope.extract.signed_quotes import signed_quotes
from claimscope.extract.speakers import resolve_speakers
from claimscope.extract.tokens import (
    char_span,
    contiguous_run_with,
    runs,
    subtree_without,
    token_table,
    tokens_with,
    trim,
)
from claimscope.model import Article, Entity, Speaker, Statement
from claimscope.model import Span as TextSpan
from claimscope.nlp import doc_text, one_sentence_across

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
CONTRAST_MARKS = {"while", "whereas", "although", "though"}
NOUN_MODIFIERS_TO_DROP = {"relcl", "acl", "appos", "advcl", "punct"}
# Verbs whose direct object is the addressee, not the content.
ADDRESSEE_VERBS = frozenset(
    {
        "tell",
        "ask",
        "inform",
        "notify",
        "urge",
        "advise",
        "accuse",
        "warn",
        "assure",
        "charge",
        "remind",
        "question",
        "challenge",
        "thank",
    }
)
# Heads of speaker phrases that speak for the country or body qualifying them.
COLLECTIVE_HEADS = frozenset(
    {
        "official",
        "authority",
        "government",
        "source",
        "intelligence",
        "military",
        "diplomat",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "leadership",
        "officer",
        "ministry",
        "army",
        "forces",
        "force",
        "command",
        "agency",
        "media",
        "state",
    }
)
# Adverbs that stay in the cue before the verb ("also said", "has repeatedly said").
CUE_ADVERBS = frozenset(
    "also later now repeatedly initially since once often previously reportedly first "
    "again recently publicly privately".split()
)
# Words after the verb that tell when or how it was said ("said Tuesday", "said recently").
OCCASION_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday recently then "
    "earlier later tonight sarcastically".split()
)
# "said in a statement", "said in an interview".
OCCASION_NOUNS = frozenset(
    "statement interview email e-mail letter post tweet release speech video memo briefing "
    "conference call message time debate rally event translator".split()
)
# Children of a verb that make up its complement when it has no clausal content.
COMPLEMENT_DEPS = frozenset({"dobj", "dative", "oprd", "xcomp", "attr", "acomp"})
COMPLEMENT_PREPS = frozenset({"of", "for", "as", "about"})
# Verb and preposition read as one cue ("called for", "pointed to"); the object is the content.
PHRASAL_CUES = frozenset(
    {
        ("call", "for"),
        ("call", "on"),
        ("point", "to"),
        ("refer", "to"),
        ("speak", "about"),
        ("talk", "about"),
        ("focus", "on"),
        ("vote", "for"),
        ("argue", "for"),
        ("push", "for"),
    }
)
LABELLED_LINE = re.compile(r'(?m)^["“]?([A-Z][^\n:]{0,40}?)(:)[ \t]+(\S[^\n]*)$')
# How much of a cue's sentence may lie between one quotation and the next of the same statement.
MAX_CUE_TAIL = 120
SENTENCE_END = re.compile(r"[.!?,:;—]\s*$")
DATELINE_BREAKS = frozenset({"—", "–", ")"})
HYPHENS = frozenset({"-", "--"})
CLOSING_MARKS_AND_STOPS = frozenset("”’\"'.,!?")
GAP = re.compile(r"^[\s,.;:—–-]*$")
QUOTE_IN_GAP = re.compile(r"[“”\"]|''|``")
# Lemmas that can open a statement (besides "according to" and "in" a poll)
CUE_LEMMAS = REPORTING_VERBS | REPORTING_NOUNS | RAISING_VERBS


class Refiner(Protocol):
    """Rewrites the rule candidates of a parsed article (see claimscope.tagger.refine)."""

    def __call__(
        self, doc: Doc, candidates: list[Candidate], quotes: QuoteIndex
    ) -> list[Candidate]: ...


@dataclass
class Candidate:
    """A statement under construction, in token and character terms."""

    cue: tuple[int, int]  # first, last token index
    lemma: str
    speaker: tuple[int, int] | None  # first, last token index
    fragments: list[tuple[int, int]]  # character offsets
    confidence: float
    antecedent: tuple[int, int] | None = None  # what a relative-pronoun speaker refers to
    # the layout attributes it: a quotation signed with a dash and a name, or a transcript line
    # whose label recurs ("Q: …", "A: …")
    by_layout: bool = False

    @property
    def start(self) -> int:
        return min(f[0] for f in self.fragments)

    @property
    def end(self) -> int:
        return max(f[1] for f in self.fragments)


def extract_statements(
    doc: Doc, article: Article, entities: list[Entity], refine: Refiner | None = None
) -> list[Statement]:
    """All attributed statements in a parsed article, in text order. ``refine``, when given,
    rewrites the parse rules' candidates (the attribution tagger)."""
    quotes = QuoteIndex(find_quotes(doc_text(doc)))
    candidates = rule_candidates(doc, quotes)
    if refine is not None:
        candidates = refine(doc, candidates, quotes)
    return _records(doc, article, entities, candidates, quotes)


def rule_candidates(doc: Doc, quotes: QuoteIndex) -> list[Candidate]:
    """The statements the parse rules and quotation marks find, in cue order."""
    candidates: list[Candidate] = []
    possible = tokens_with(doc, CUE_LEMMAS, ("according", "in")).tolist()
    for sent in doc.sents:
        for i in possible[bisect_left(possible, sent.start) : bisect_left(possible, sent.end)]:
            tok = doc[i]
            if quotes.at(tok.idx) is not None:
                continue
            cand = _candidate(tok, sent, quotes)
            if cand is not None and not _duplicate(cand, candidates):
                cand.fragments = [_whole_quote(f, quotes) for f in cand.fragments]
                candidates.append(cand)
    candidates.extend(_labelled_lines(doc))
    candidates.extend(_signed(doc, quotes))
    candidates = _without_repeats(sorted(candidates, key=lambda c: c.cue), doc_text(doc))
    _attach_running_quotes(doc, candidates, quotes)
    return candidates


def _without_repeats(candidates: list[Candidate], text: str) -> list[Candidate]:
    """Drop a candidate whose content another already has ("…," the statement continued,
    highlighting …), and a sourceless one inside an attributed one ("According to X, Y is
    believed to …"; "calling its casualty estimates “a fabrication”" has no statement of
    "estimates"), closing marks and stops after the attributed one's content counting as
    inside it."""

    def end_with_marks(cand: Candidate) -> int:
        end = cand.end
        while end < len(text) and text[end] in CLOSING_MARKS_AND_STOPS:
            end += 1
        return end

    kept: list[Candidate] = []
    for cand in candidates:
        if any(k.fragments == cand.fragments for k in kept):
            continue
        if cand.speaker is None and any(
            o is not cand
            and o.speaker is not None
            and o.start <= cand.start
            and cand.end <= end_with_marks(o)
            for o in candidates
        ):
            continue
        kept.append(cand)
    return kept


def _candidate(tok: Token, sent: Span, quotes: QuoteIndex) -> Candidate | None:
    if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
        return _according_to(tok, sent)
    if tok.lower_ == "in":
        return _in_survey(tok, sent)
    lemma = tok.lemma_.lower()
    if tok.pos_ in {"VERB", "AUX"} and lemma in REPORTING_VERBS:
        return _verb_cue(tok, sent, quotes)
    if tok.pos_ == "VERB" and lemma in RAISING_VERBS:
        return _raising(tok, lemma)
    if tok.pos_ == "NOUN" and lemma in REPORTING_NOUNS:
        return _noun_cue(tok)
    return None


def _labelled_lines(doc: Doc) -> list[Candidate]:
    """ "Graham: Trump's rhetoric is destroying the party." — a line (headline or transcript)
    that opens with a short name and a colon: the name is the speaker, the colon the cue and the
    rest of the line the content. A transcript quoted paragraph by paragraph opens each with a
    quotation mark ("WALLACE: …); there the name must be in capitals, since a quoted sentence
    often has a colon of its own ("Our philosophy is simple: …"). A label on more than one line
    (an interview's "Q:" and "A:") marks a transcript, whose lines the layout attributes."""
    found = []
    labels: list[str] = []
    text = doc_text(doc)
    for match in LABELLED_LINE.finditer(text):
        label = doc.char_span(match.start(1), match.end(1))
        colon = doc.char_span(match.start(2), match.end(2))
        if label is None or colon is None or len(label) > 5:
            continue
        if match.start(1) > match.start() and not label.text.isupper():
            continue  # in quoted speech only a transcript's capitals label a speaker
        if not all(t.pos_ in {"PROPN", "NOUN", "ADJ", "PUNCT", "DET"} for t in label):
            continue
        content = doc.char_span(match.start(3), match.end(3), alignment_mode="expand")
        if content is None:
            continue
        span = trim(doc, content.start, content.end - 1)
        if span is None:
            continue
        found.append(
            Candidate(
                (colon.start, colon.start),
                ":",
                (label.start, label.end - 1),
                [char_span(doc, *_close_quote(doc, *span))],
                0.6,
            )
        )
        labels.append(label.text)
    counts = Counter(labels)
    for cand, label_text in zip(found, labels, strict=True):
        cand.by_layout = counts[label_text] > 1  # an interview's "Q: …" and "A: …"
    return found


def _signed(doc: Doc, quotes: QuoteIndex) -> list[Candidate]:
    """Quotations signed with a dash and a name after them (“…” ― Sonya Herridge): the name is
    the speaker, the dash the cue (:mod:`claimscope.extract.signed_quotes`)."""
    found = []
    for signed in signed_quotes(doc_text(doc), quotes):
        cue = doc.char_span(*signed.cue, alignment_mode="expand")
        speaker = doc.char_span(*signed.speaker, alignment_mode="expand")
        if cue is None or speaker is None or not len(cue) or not len(speaker):
            continue
        span = (cue.start, cue.end - 1)
        found.append(
            Candidate(
                span,
                cue.text,
                (speaker.start, speaker.end - 1),
                [signed.content],
                0.8,
                by_layout=True,
            )
        )
    return found


def _whole_quote(fragment: tuple[int, int], quotes: QuoteIndex) -> tuple[int, int]:
    """A content fragment starting inside a quotation becomes the whole quotation, marks and the
    punctuation inside them included (what follows the quotation is the reporter's narration:
    “…,” and shared a link)."""
    q = quotes.opened_by(fragment[0])
    if q is not None:
        return q.outer_start, q.outer_end
    return fragment


def _duplicate(cand: Candidate, others: list[Candidate]) -> bool:
    return any(o.cue == cand.cue for o in others)


# --- cues -----------------------------------------------------------------------------------


def _cue_extent(verb: Token) -> tuple[int, int]:
    """The reporting verb with what belongs to the act of saying: auxiliaries, negation and
    adverbs on the left ("has also said"); on the right a particle, the occasion ("said in a
    statement", "said during the interview", "said at the time", "said Tuesday") and a colon that
    opens the content ("said:")."""
    first = last = verb.i
    left = sorted(
        (
            c
            for c in verb.children
            if c.dep_ in {"aux", "auxpass", "neg", "advmod"} and c.i < verb.i
        ),
        key=lambda c: -c.i,
    )
    for c in left:
        if c.i == first - 1 and (c.dep_ != "advmod" or c.lower_ in CUE_ADVERBS):
            first = c.i
    doc = verb.doc
    for c in sorted((c for c in verb.children if c.i > verb.i), key=lambda c: c.i):
        if c.i != last + 1:
            break
        if (
            (c.dep_ == "prep" and (verb.lemma_.lower(), c.lower_) in PHRASAL_CUES)
            or c.dep_ == "prt"
            or (c.dep_ in {"npadvmod", "advmod"} and c.lower_ in OCCASION_WORDS)
        ):
            last = c.i
        elif (
            c.dep_ == "prep"
            and c.lower_ in {"in", "during", "at", "per"}
            and any(g.dep_ == "pobj" and g.lemma_.lower() in OCCASION_NOUNS for g in c.children)
        ):
            last = max(t.i for t in c.subtree)
        else:
            break
    if last + 1 < len(doc) and doc[last + 1].text == ":":
        last += 1
    return first, last


def _verb_cue(verb: Token, sent: Span, quotes: QuoteIndex) -> Candidate | None:
    lemma = verb.lemma_.lower()
    if verb.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        # "declined to say", "wants to support": the governing verb carries the attribution
        return None
    subject = _subject(verb)
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    speaker_tok = _speaker_head(verb, subject, passive)
    cue = _cue_extent(verb)
    speaker = _np_extent(speaker_tok) if speaker_tok is not None else None
    antecedent = relative_antecedent(subject) if subject is not None else None
    skip = set(range(cue[0], cue[1] + 1))
    if speaker:
        skip |= set(range(speaker[0], speaker[1] + 1))

    if passive and lemma in BELIEF_VERBS and speaker_tok is None:
        return _passive_belief(verb, cue, lemma)

    content = _clausal_content(verb, skip)
    confidence = 0.8
    if content is None:
        content = _adjacent_quotes(verb.doc, cue, speaker, sent, quotes)
        confidence = 0.85
    if content is None and speaker is not None:
        content = _host_clause(verb, skip)
        confidence = 0.7
    if (
        content is None
        and speaker is not None
        and lemma not in CLAUSE_ONLY
        and lemma not in ADDRESSEE_VERBS
    ):
        content = _object_content(verb, skip)
        confidence = 0.5
    if content is None and speaker is not None and verb.dep_ in {"relcl", "acl"}:
        content = _relative_object(verb)
        confidence = 0.5
    if content is None:
        return None
    if speaker is None:
        confidence -= 0.25
    return Candidate(cue, lemma, speaker, content, confidence, antecedent)


def _relative_object(verb: Token) -> list[tuple[int, int]] | None:
    """ "a figure that Ukraine's government disputed", "a claim Kyiv has rejected": the reporting
    verb of a relative clause whose object is the noun the clause hangs on."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    if any(c.lower_ not in RELATIVE_PRONOUNS for c in objects):
        return None
    head = verb.head
    if head.pos_ not in {"NOUN", "PROPN"}:
        return None
    first, last = _core_extent(head)
    return [char_span(verb.doc, first, last)]


def _is_dateline(tok: Token) -> bool:
    """ "SEOUL (Wire) —", "KYIV —": an upper-case place opening a line names where the story was
    filed, whatever the parser made of it."""
    doc = tok.doc
    line_start = tok.i == 0 or "\n" in doc[tok.i - 1].text_with_ws
    return (
        line_start
        and tok.is_upper
        and tok.i + 1 < len(doc)
        and doc[tok.i + 1].text in {"(", "—", "–", "-"}
    )


def _subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    for c in subjects:
        if not _is_dateline(c):
            return c
    for c in subjects:
        # "LJUBLJANA — Red Cross secretary general Ana Petrovec rejected …" parsed with the
        # dateline as subject and the speaker in apposition to it
        appos = [a for a in c.children if a.dep_ == "appos"]
        if appos:
            return appos[0]
    # participles and conjoined verbs share the subject of the verb they hang on
    head = verb
    while head.dep_ in {"conj", "advcl", "xcomp"} and head.head.i != head.i:
        if head.dep_ == "advcl" and head.tag_ != "VBG":
            break
        head = head.head
        for c in head.children:
            if c.dep_ in {"nsubj", "csubj"} and not _is_dateline(c):
                return c
    return None


def verb_speaker(verb: Token) -> tuple[int, int] | None:
    """The speaker the parse gives a reporting verb, as first and last token: its subject (or the
    subject it shares as a participle or conjunct), or the agent of a passive."""
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    head = _speaker_head(verb, _subject(verb), passive)
    return _np_extent(head) if head is not None else None


def _speaker_head(verb: Token, subject: Token | None, passive: bool) -> Token | None:
    if passive:
        for c in verb.children:
            if c.dep_ == "agent":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                return objs[0] if objs else None
        return None
    if subject is None:
        return None
    return subject


def relative_antecedent(pronoun: Token) -> tuple[int, int] | None:
    """What a relative pronoun subject refers to, as first and last token: the noun its clause
    belongs to, without that noun's own clauses ("Kyiv" in "Kyiv, which contends that …")."""
    clause = pronoun.head  # the relative clause's verb (or its first conjunct)
    if pronoun.lower_ not in RELATIVE_PRONOUNS or clause.dep_ != "relcl":
        return None
    person = pronoun.lower_ in {"who", "whom"}
    return _core_extent(_antecedent(clause.head, person=person))


def _antecedent(head: Token, person: bool) -> Token:
    """The noun a relative clause belongs to; "who" must find a person, so an attachment to the
    last noun of "Gerasimov, the chief of the General Staff, who …" climbs back to the person."""
    if not person or head.ent_type_ == "PERSON":
        return head
    node = head
    while node.dep_ in {"pobj", "prep", "appos", "compound"} and node.head.i != node.i:
        node = node.head
        if node.ent_type_ == "PERSON" and node.pos_ == "PROPN":
            return node
    return head


def _np_extent(head: Token) -> tuple[int, int]:
    """The whole noun phrase of a speaker, appositives, relative clauses and bracketed asides
    included ("Muhammad Babar, a spokesman for the center,"; "Sen. Bernie Sanders (I-Vt.)"), as
    the contiguous token run around its head, but not a relative clause that makes a statement of
    its own ("Helsinki, which contends that …"). The comma closing an appositive stays with it."""
    nested = {
        c.i
        for c in head.subtree
        if c.dep_ in {"relcl", "acl"} and c.i != head.i and _has_reporting_verb(c)
    }
    kept = subtree_without(head, nested)
    first, last = contiguous_run_with(kept, head.i)
    doc = head.doc
    texts = token_table(doc).texts
    first = after_dateline(doc, first, last)
    span = trim(doc, first, last)
    if span is None:
        return head.i, head.i
    first, last = span
    closes_aside = "," in texts[head.i : last + 1]
    if closes_aside and last + 1 < len(doc) and texts[last + 1] == "," and last + 1 in kept:
        last += 1
    return first, last


def after_dateline(doc: Doc, first: int, last: int) -> int:
    """Where a speaker phrase starts once a dateline heading it is left out ("SEOUL (Meridian
    Wire) — North Korea", "WASHINGTON -- President Obama", "BRUSSELS - European leaders"): the
    token after the dateline's closing bracket or dash, when the phrase opens with a word in
    capitals. A hyphen counts only with spaces around it ("NATO-led" is no dateline)."""
    if not doc[first].is_upper:
        return first
    texts = token_table(doc).texts
    for i in range(first, last):
        spaced = doc[i - 1].whitespace_ != "" and doc[i].whitespace_ != "" if i else False
        if texts[i] in DATELINE_BREAKS or (texts[i] in HYPHENS and spaced):
            while i + 1 < last and texts[i + 1] in DATELINE_BREAKS | HYPHENS:
                i += 1  # "- -", ") —"
            return i + 1
    return first


def _core_extent(head: Token) -> tuple[int, int]:
    """A noun phrase without its relative clauses, appositives and other trailing modifiers: the
    part that names the entity ("Gerasimov" in "Gerasimov, the chief of …, who …")."""
    drop = {
        c.i
        for c in head.subtree
        if c.dep_ in NOUN_MODIFIERS_TO_DROP and c.head.i >= head.i and c.i > head.i
    }
    return _extent_without(head, drop)


def _extent_without(head: Token, drop: set[int]) -> tuple[int, int]:
    """The trimmed contiguous run of ``head``'s subtree around it, the subtrees of ``drop`` left
    out (the head alone when nothing else is left)."""
    first, last = contiguous_run_with(subtree_without(head, drop), head.i)
    span = trim(head.doc, first, last)
    return span if span is not None else (head.i, head.i)


# --- content --------------------------------------------------------------------------------


_CUT_DEPS = frozenset({"advcl", "conj", "relcl", "acl", "appos", "npadvmod", "cc"})


def _cut_points(head: Token) -> set[int]:
    """Tokens whose subtrees do not belong to the content clause rooted at ``head``."""
    cut: set[int] = set()
    for t in head.subtree:
        dep = t.dep_
        if t.i == head.i or dep not in _CUT_DEPS:
            continue
        if dep in {"advcl", "conj"}:
            cut_here = t.i > head.i and any(
                c.dep_ in {"mark", "advmod"} and c.lower_ in CONTRAST_MARKS for c in t.children
            )
        elif dep in {"relcl", "acl"}:
            cut_here = _has_reporting_verb(t)
        elif dep in {"appos", "npadvmod"}:
            cut_here = t.lemma_.lower() in REPORTING_NOUNS
        else:  # cc
            cut_here = t.lower_ in CONTRAST_MARKS
        if cut_here:
            cut.add(t.i)
    return cut


def _has_reporting_verb(t: Token) -> bool:
    return any(
        x.lemma_.lower() in REPORTING_VERBS
        and x.pos_ == "VERB"
        and any(c.dep_ in SUBJECTS for c in x.children)
        for x in t.subtree
    )


def _clause_fragments(head: Token, skip: set[int]) -> list[tuple[int, int]] | None:
    """Character fragments of the clause rooted at ``head``: the first run of its tokens after
    leaving out cut-off subtrees and the tokens in ``skip``."""
    kept = subtree_without(head, _cut_points(head)) - skip
    if not kept:
        return None
    first, last = runs(kept)[0] if head.i not in kept else contiguous_run_with(kept, head.i)
    # include a leading complementizer run ("that …") that precedes the head's run
    trimmed = trim(head.doc, first, last)
    if trimmed is None:
        return None
    return [char_span(head.doc, *_close_quote(head.doc, *trimmed))]


def _close_quote(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """Extend a run that opens a quotation it does not close through the closing mark, when only
    punctuation lies between ("… “do not correspond to reality.”")."""
    table = token_table(doc)
    texts = table.texts
    opened = sum(1 for t in texts[first : last + 1] if t in "“«")
    closed = sum(1 for t in texts[first : last + 1] if t in "”»")
    if opened <= closed:
        return first, last
    for j in range(last + 1, min(len(doc), last + 4)):
        if texts[j] in "”»":
            return first, j
        if not table.punct[j]:
            break
    return first, last


def _clausal_content(verb: Token, skip: set[int]) -> list[tuple[int, int]] | None:
    for c in verb.children:
        if c.dep_ == "ccomp" or (c.dep_ == "parataxis" and _reported_parataxis(c)):
            return _clause_fragments(c, skip)
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    for c in verb.children:
        if c.dep_ == "xcomp" and objs and objs[0].i < c.i:
            # object raising: "estimated casualties to be closer to 1,200"
            kept = (subtree_without(objs[0], set()) | subtree_without(c, _cut_points(c))) - skip
            first, last = contiguous_run_with(kept, objs[0].i)
            span = trim(verb.doc, first, last)
            return [char_span(verb.doc, *span)] if span else None
    return None


def _reported_parataxis(clause: Token) -> bool:
    """A verb set beside a reporting verb that is what it reports ("He said, the plan would
    work"), not a reporting clause of its own set in the middle ("…, the center noted, …")."""
    if clause.pos_ not in {"VERB", "AUX"}:
        return False
    return not (
        clause.lemma_.lower() in REPORTING_VERBS
        and any(c.dep_ in SUBJECTS for c in clause.children)
        and not any(c.dep_ in {"ccomp", "dobj"} for c in clause.children)
    )


def _host_clause(verb: Token, skip: set[int]) -> list[tuple[int, int]] | None:
    """A reporting clause set inside what it reports ("Moscow has announced the end of the
    fighting before, the center noted, only for …"): the clause it interrupts, around it and
    without it, as the content."""
    host = verb.head
    if verb.dep_ != "parataxis" or host.pos_ not in {"VERB", "AUX"}:
        return None
    kept = subtree_without(host, {verb.i}) - skip
    leading = sorted(kept)
    while leading and verb.doc[leading[0]].dep_ in {"cc", "punct"}:
        kept.discard(leading.pop(0))  # "But …": the conjunction joins, it is not reported
    fragments = []
    for first, last in runs(kept):
        span = trim(verb.doc, first, last)
        if span is not None:
            fragments.append(char_span(verb.doc, *span))
    return fragments or None


def _object_content(verb: Token, skip: set[int]) -> list[tuple[int, int]] | None:
    """The complement of the verb as content: its object with what completes it ("called Trump
    “unhinged”", "accused him of lying", "urged him to resign", "wants to win", "confirmed the
    participation of …"); in the passive, the subject ("the figures were disputed by …")."""
    parts = [
        g
        for c in verb.children
        if c.i in skip and c.dep_ == "prep"
        for g in c.children
        if g.dep_ == "pobj"
    ] + [
        c
        for c in verb.children
        if (c.i > verb.i and c.dep_ in COMPLEMENT_DEPS)
        or (c.i > verb.i and c.dep_ == "prep" and c.lower_ in COMPLEMENT_PREPS)
        or (c.dep_ == "nsubjpass" and c.pos_ in {"NOUN", "PROPN", "PRON"})
    ]
    if not parts or all(c.dep_ == "prep" and c.i not in skip for c in parts):
        return None
    kept: set[int] = set()
    for c in parts:
        kept |= subtree_without(c, _cut_points(c))
    kept -= skip
    if not kept:
        return None
    first = min(kept)
    last = first
    while last + 1 in kept:
        last += 1
    span = trim(verb.doc, first, last)
    return [char_span(verb.doc, *_close_quote(verb.doc, *span))] if span else None


def _adjacent_quotes(
    doc: Doc,
    cue: tuple[int, int],
    speaker: tuple[int, int] | None,
    sent: Span,
    quotes: QuoteIndex,
) -> list[tuple[int, int]] | None:
    """Quotations right before or after the speaker-and-cue clause ("…," he said, "…"). One
    before must be on the clause's line, or on the line before when the clause continues its
    sentence ("“…,”\nthe statement continued"): a quotation closing the paragraph before has its
    own attribution, and a cue opening the next paragraph ("Officials declined to comment") is
    not it."""
    first = min(cue[0], speaker[0]) if speaker else cue[0]
    last = max(cue[1], speaker[1]) if speaker else cue[1]
    start, end = char_span(doc, first, last)
    text = doc_text(doc)
    before = [
        q
        for q in quotes.quotes
        if q.outer_end <= start
        and GAP.match(text[q.outer_end : start])
        and one_sentence_across(text[q.outer_end : start + 1])
        and q.outer_end >= sent.start_char - 2
    ]
    after = [
        q
        for q in quotes.quotes
        if q.outer_start >= end
        and GAP.match(text[end : q.outer_start])
        and q.outer_start < sent.end_char + 2
        and _leads_into(text[end - 1 : q.outer_start])
    ]
    picked = before[-1:] + after[:1]
    if not picked:
        return None
    return [(q.outer_start, q.outer_end) for q in picked]


def _leads_into(gap: str) -> bool:
    """Whether the text from a cue's last character to a quotation after it leads into the
    quotation: a paragraph break does only after a colon ("said:" then the quoted paragraph);
    after a full stop the next paragraph's quotation has its own attribution ("… was
    continuing." then "“…,” the General Staff said")."""
    return "\n" not in gap or ":" in gap


def _passive_belief(verb: Token, cue: tuple[int, int], lemma: str) -> Candidate | None:
    """ "X is believed to have …": no source, content = subject + infinitive clause."""
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if subj is None or xcomp is None:
        return None
    return _subject_and_clause(subj, xcomp, cue, lemma)


def _subject_and_clause(
    subj: Token, xcomp: Token, cue: tuple[int, int], lemma: str
) -> Candidate | None:
    """A statement without a source whose content is a subject and its infinitive clause ("X is
    believed to have …", "X seems to …")."""
    x = _clause_fragments(xcomp, set(range(cue[0], cue[1] + 1)))
    if x is None:
        return None
    fragments = [char_span(subj.doc, *_np_extent(subj)), *x]
    return Candidate(cue, lemma, None, fragments, 0.45)


def _raising(verb: Token, lemma: str) -> Candidate | None:
    """ "Carson seems to recognize his problem": no source, content = subject + infinitive clause;
    "it appears that the talks stalled": the clause alone. Not "appeared on television"."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    cue = _cue_extent(verb)
    skip = set(range(cue[0], cue[1] + 1))
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if clause is not None and (subj is None or subj.lower_ == "it"):
        fragments = _clause_fragments(clause, skip)
        return Candidate(cue, lemma, None, fragments, 0.45) if fragments else None
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
    if subj is None or subj.lower_ == "it" or xcomp is None:
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in xcomp.children):
        return None
    return _subject_and_clause(subj, xcomp, cue, lemma)


def _according_to(tok: Token, sent: Span) -> Candidate | None:
    """ "According to X, …": X is the speaker, the clause the phrase modifies is the content."""
    to = tok.doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    speaker = _np_extent(pobj)
    # "according to X from Y" keeps the whole phrase as the speaker
    speaker = (speaker[0], max(speaker[1], max(t.i for t in pobj.subtree)))
    return _phrase_source(tok, to, speaker, sent, "according to")


def _in_survey(tok: Token, sent: Span) -> Candidate | None:
    """ "In the latest CNN poll, Clinton led …", "… fell to 10 percent in a Fox poll released
    Wednesday": the poll or survey is the speaker, "in" the cue and the clause the phrase
    modifies the content, without an aside after the poll (", a collapse driven by …")."""
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None or tok.dep_ != "prep" or pobj.lemma_.lower() not in SURVEY_NOUNS:
        return None
    # not a poll naming a subject ("the 15 percent mark in polls") or an opening phrase
    # ("Despite his low standing in the polls, …")
    host = tok.head
    if host.dep_ in {"nsubj", "nsubjpass", "poss", "compound"} or (
        host.dep_ == "pobj" and host.head.i == sent.start
    ):
        return None
    aside = {c.i for c in pobj.children if c.dep_ in {"appos", "relcl"}}
    return _phrase_source(tok, tok, _extent_without(pobj, aside), sent, "in")


def _phrase_source(
    tok: Token, cue_last: Token, speaker: tuple[int, int], sent: Span, lemma: str
) -> Candidate | None:
    """The statement of a phrase naming its source: the cue runs from ``tok`` to ``cue_last``,
    ``speaker`` is the phrase's object and the clause the phrase modifies the content."""
    doc = tok.doc
    phrase = set(range(tok.i, max(t.i for t in cue_last.subtree) + 1))
    clause = tok.head
    while clause.pos_ not in {"VERB", "AUX"} and clause.head.i != clause.i:
        clause = clause.head
    if clause.pos_ not in {"VERB", "AUX"}:
        clause = sent.root
    end = max(phrase)
    subjects = [c for c in clause.children if c.dep_ in SUBJECTS]
    if (
        len(subjects) > 1
        and subjects[0].left_edge.i == end + 2
        and doc[end + 1].text == ","
        and doc[subjects[0].right_edge.i + 1].text == ","
    ):  # "According to X, a spokesman for Y, …": the parse's second subject is X's appositive
        phrase |= {t.i for t in subjects[0].subtree}
        end = max(phrase)
    asides = {  # "… in a poll released Wednesday, a collapse driven by …": a comment on it
        c.i
        for c in clause.children
        if c.dep_ in {"npadvmod", "appos"}
        and c.left_edge.i > end
        and doc[c.left_edge.i - 1].text == ","
    }
    kept = subtree_without(clause, _cut_points(clause) | asides | {tok.i}) - phrase
    leading = sorted(kept)
    while leading and doc[leading[0]].dep_ in {"cc", "punct"}:
        kept.discard(leading.pop(0))  # "But …": the conjunction joins, it is not reported
    fragments = []
    for first, last in runs(kept):
        span = trim(doc, first, last)
        if span is not None and span[1] - span[0] >= 1:
            fragments.append(char_span(doc, *span))
    if not fragments:
        return None
    content_start = fragments[0][0]
    if content_start > doc[tok.i].idx:
        # sentence-initial "According to X, Y …": X runs up to the comma before Y
        upto = cue_last.i  # the last token before the content
        while upto + 1 < len(doc) and doc[upto + 1].idx < content_start:
            upto += 1
        span = trim(doc, cue_last.i + 1, upto) if upto > cue_last.i else None
        if span is not None:
            speaker = span
    return Candidate((tok.i, cue_last.i), lemma, speaker, fragments[:2], 0.8)


def _noun_cue(noun: Token) -> Candidate | None:
    """ "the claim that …", "Moscow's assertion that …"."""
    clause = next(
        (
            c
            for c in noun.children
            if c.dep_ in {"acl", "ccomp"}
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ),
        None,
    )
    if clause is None:
        return None
    speaker: tuple[int, int] | None = None
    for c in noun.children:
        if c.dep_ == "poss":
            speaker = _np_extent(c)
        elif c.dep_ == "prep" and c.lower_ in {"by", "from"}:
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                speaker = _np_extent(pobj)
    if speaker is None and noun.dep_ == "dobj":
        subj = _subject(noun.head)
        if subj is not None:
            speaker = _np_extent(subj)
    content = _clause_fragments(clause, {noun.i})
    if content is None:
        return None
    return Candidate(
        (noun.i, noun.i), noun.lemma_.lower(), speaker, content, 0.65 if speaker else 0.4
    )


# --- quotations across sentences -----------------------------------------------------------


def _attach_running_quotes(doc: Doc, candidates: list[Candidate], quotes: QuoteIndex) -> None:
    """A quotation that no statement covers is more of the quoted statement before it when only
    the rest of that statement's sentence lies between (“A,” he said. “B.”; “A,” Smith told the
    paper. “B.”; not two sentences), or a paragraph break after a quote left open for the next
    paragraph. A statement lying wholly in that gap does not stop it (“A,” said X, a backer,
    referring to Y. “B.”); one reaching out of it does. A signed quotation (“A.” ― X) ends at
    its signature.

    One pass over the quotations in text order with sorted lookups, so text with thousands of
    quotation marks stays linear-logarithmic."""
    text = doc_text(doc)
    extents = [_char_extent(doc, c) for c in candidates]
    at_cue = sorted((doc[c.cue[0]].idx, n) for n, c in enumerate(candidates))
    cues = [idx for idx, _n in at_cue]
    spans = sorted((c.start, c.end) for c in candidates)
    starts = [s for s, _e in spans]
    reach = list(accumulate((e for _s, e in spans), max))  # furthest end among spans so far
    by_end = sorted(range(len(candidates)), key=lambda n: (candidates[n].end, n))
    ahead = 0
    last: Candidate | None = None
    since: list[int] = []  # statements ending after ``last``, before the quotation
    for q in quotes.quotes:
        while ahead < len(by_end) and candidates[by_end[ahead]].end <= q.outer_start:
            n = by_end[ahead]
            cand = candidates[n]
            if _is_quoted(text, cand) and (last is None or cand.end > last.end):
                last = cand
                since = []
            else:
                since.append(n)
            ahead += 1
        i = bisect_right(starts, q.outer_start) - 1
        if (i >= 0 and reach[i] >= q.outer_end) or last is None:
            continue  # inside a statement already, or no statement before it
        tail = max(last.end, doc[last.cue[1]].idx + len(doc[last.cue[1]].text))
        if last.speaker is not None:
            tail = max(tail, char_span(doc, *last.speaker)[1])
        if last.by_layout or not _is_quoted(text, last) or tail > q.outer_start:
            continue  # a signature ends its quotation; a transcript line is its own
        gap = text[tail : q.outer_start]
        continues = GAP.match(gap) is not None and gap.count("\n") <= 2
        rest_of_sentence = (
            "\n" not in gap and len(gap) <= MAX_CUE_TAIL and SENTENCE_END.search(gap) is not None
        )
        if QUOTE_IN_GAP.search(gap) or not (continues or rest_of_sentence):
            continue
        if since and candidates[since[0]].end <= tail:
            continue  # a statement ending inside this one's cue clause
        # the others end inside the short gap: few to look at
        in_gap = since + [
            n for _c, n in at_cue[bisect_left(cues, tail) : bisect_left(cues, q.outer_start)]
        ]
        if any(extents[n][0] < tail or extents[n][1] > q.outer_start for n in in_gap):
            continue  # a statement reaching out of the gap lies between
        if continues or _one_sentence(doc, tail, q.outer_start):
            last.fragments.append((q.outer_start, q.outer_end))


def _char_extent(doc: Doc, cand: Candidate) -> tuple[int, int]:
    """Characters from a candidate's first word (speaker, cue or content) to its last."""
    first, last = char_span(doc, *cand.cue)
    if cand.speaker is not None:
        s, e = char_span(doc, *cand.speaker)
        first, last = min(first, s), max(last, e)
    return min(first, cand.start), max(last, cand.end)


def _one_sentence(doc: Doc, start: int, end: int) -> bool:
    """Whether the characters [start, end) lie in one sentence of the parse."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return True
    return span[0].sent.start == span[-1].sent.start


def _is_quoted(text: str, cand: Candidate) -> bool:
    s, e = cand.fragments[-1]
    return text.startswith(OPENING_MARKS, s) or text.endswith(CLOSING_MARKS, s, e)


# --- records --------------------------------------------------------------------------------


def _kind(fragments: list[tuple[int, int]], quotes: QuoteIndex) -> str:
    """direct: every fragment is a quotation; mixed: some quoted text inside; else indirect."""
    quoted = 0
    partly = False
    for s, e in fragments:
        inner = quotes.within(s, e)
        if any(q.outer_start <= s + 1 and e - 1 <= q.outer_end for q in inner):
            quoted += 1
        elif inner:
            partly = True
    if quoted == len(fragments):
        return "direct"
    return "mixed" if quoted or partly else "indirect"


def _speaker_entity(doc: Doc, speaker: tuple[int, int], entities: list[Entity]) -> Entity | None:
    """The entity a speaker phrase names: the one at its head word ("Russian President Vladimir
    Putin" → Putin; not "Ukraine" for "Ukraine's commander") or at the head of its appositive
    ("Russia's top general, Valery Gerasimov," → Gerasimov), or the single entity qualifying a
    collective head ("U.S. officials" → United States)."""
    phrase = doc[speaker[0] : speaker[1] + 1]
    head = phrase.root
    for word in (head, *(c for c in head.children if c.dep_ == "appos" and c.i <= speaker[1])):
        found = entity_at(entities, word.idx, word.idx + len(word.text))
        if found is not None:
            return found
    if head.lemma_.lower() not in COLLECTIVE_HEADS:
        return None
    inside = {
        e.id: e
        for e in entities
        for s, t in e.mentions
        if phrase.start_char <= s and t <= phrase.end_char
    }
    return next(iter(inside.values())) if len(inside) == 1 else None


def _records(
    doc: Doc,
    article: Article,
    entities: list[Entity],
    candidates: list[Candidate],
    quotes: QuoteIndex,
) -> list[Statement]:
    text = article.text
    statements: list[Statement] = []
    for n, cand in enumerate(candidates, start=1):
        fragments = sorted(cand.fragments)
        start, end = fragments[0][0], fragments[-1][1]
        cue_s, cue_e = char_span(doc, *cand.cue)
        speaker = None
        if cand.speaker is not None:
            sp_s, sp_e = char_span(doc, *cand.speaker)
            ent = _speaker_entity(doc, cand.antecedent or cand.speaker, entities)
            speaker = Speaker(
                TextSpan(text[sp_s:sp_e], sp_s, sp_e),
                ent.id if ent else None,
                ent.name if ent else None,
            )
        statements.append(
            Statement(
                id=f"s{n}",
                speaker=speaker,
                cue=TextSpan(text[cue_s:cue_e], cue_s, cue_e),
                cue_lemma=cand.lemma,
                content=TextSpan(text[start:end], start, end),
                kind=_kind(fragments, quotes),
                confidence=max(0.05, min(0.99, cand.confidence)),
                fragments=fragments,
            )
        )
    resolve_speakers(doc, statements, entities)
    return statements
