"""Statements from the attribution tagger's spans, built on the parse rules' candidates.

The tagger marks source, cue and content spans; this module groups them into statements. A token
belongs to a span when its B or I probability beats its O probability times a factor per layer
(``OUT_SCALE``): three for a cue, so that a cue the tagger is unsure of leaves the rule candidate
there to stand or fall on its own weight, a half for content and 0.7 for a source. Each tagged cue
becomes a statement. Its content is the tagged content span that overlaps most with the content of a
rule candidate sharing the cue, else the nearest tagged content next to the cue (before or after,
across at most a short gap, in the cue's sentence or the next; whom the cue's verb addresses, and
when, are neither content nor gap: "reported to President Putin during a video call that …"). Its
source is the tagged source nearest the cue in the cue's sentence outside the content. Where a rule
candidate shares the cue, its content and speaker compete with the tagged ones: the one whose tags
the tagger finds likelier over the tokens either covers is kept. A rule candidate whose cue the
tagger did not mark is kept only when the tagger gives its cue some weight, less for one whose
content is a quotation beside it in its paragraph ("“…,” the statement continued"), and always for
one the layout attributes, a quotation signed with a dash and a name or a transcript line whose
label recurs ("Q: …", "A: …"; the tagger has seen few of either; it keeps the rules' confidence).
The speaker's antecedent (for "which", "who") and the cue lemma come from the rule candidate where
one shares the cue. A rule candidate that denies or disputes (a denial cue, or a rebuttal phrase in
its content) is kept as the rules found it, and so are the rule statements nested in it, with no
tagged cue added there: the dispute extractor reads that structure ("rejected Russia's claim that …"
rebuts the nested claim). Last, the content of each statement built from tagged spans gets PolNeAR's
boundaries (quotation marks, a quotation running on past the cue, whole phrases:
:mod:`claimscope.tagger.bounds`), and a statement whose cue lies inside quoted speech is dropped.
Where such a content starts a word or two after its cue with a preposition, and those words hang on
the cue, they join the cue, as PolNeAR marks it ("called on", "distanced himself from"). Outside
quotation marks a tagged content stays in its cue's paragraph, and a cue whose verb is marked by
"than" ("far fewer than the unions claimed") makes no statement: its claim is only named, and the
dispute extractor reads the comparison. A statement whose speaker is a relative pronoun after its
content is dropped: the pronoun speaks in its own clause, after its noun."""

from __future__ import annotations

from bisect import bisect_left

import numpy as np
from spacy.attrs import POS, SENT_START
from spacy.symbols import NOUN, NUM, PRON, PROPN
from spacy.tokens import Doc, Token

from claimscope.extract.cues import REPORTING_NOUNS
from claimscope.extract.disputes import DENIAL_CUES, REBUTTAL_PHRASES
from claimscope.extract.quotes import QuoteIndex
from claimscope.extract.statements import (
    CONTRAST_MARKS,
    Candidate,
    after_dateline,
    relative_antecedent,
    verb_speaker,
)
from claimscope.extract.tokens import char_span, token_table, tokens_with
from claimscope.nlp import doc_text, one_sentence_across
from claimscope.tagger.bounds import ContentBounds
from claimscope.tagger.encoding import BEGIN, INSIDE, OUT, covered_tokens, decode_layer
from claimscope.tagger.features import quote_marks, rule_spans
from claimscope.tagger.model import AttributionTagger

Run = tuple[int, int]  # first token, last token + 1
NAMING_POS = np.array([PROPN, NOUN, PRON, NUM], dtype=np.uint64)
# A content ending on one of these stopped short ("… troops in the").
DANGLING_POS = frozenset({"DET", "ADP", "CCONJ"})
# Most tokens between a cue and its content ("“…,” the former secretary of state said").
MAX_CONTENT_GAP = 6
# Least mean tag weight (1 - P(O)) on a rule cue the tagger did not mark, to keep the rule's
# statement.
KEEP_RULE_CUE = 0.35
# The same for a rule statement whose content is a quotation beside the cue, in the same
# paragraph ("“…,” the statement continued").
KEEP_QUOTED_CUE = 0.1
# The factor on P(O) that B or I must beat for a token to join a span, per layer (source, cue,
# content): a cue the tagger is unsure of is left to the rule candidate there, whose weight test
# follows, while content is read more generously. Chosen on the held-out training articles with
# ``training/tune_statement_merge.py`` (joint F1 0.474 at 1, 1, 1; 0.499 here).
OUT_SCALE = (0.7, 3.0, 0.5)
# Least source weight on some token of a rule speaker the tagged source does not touch, for the
# rule speaker to stay (the tagger found another attribution's source nearer the cue).
KEEP_RULE_SOURCE = 0.3
RELATIVE_TAGS = frozenset({"WP", "WDT"})
# Most words between a cue and its content that join the cue, the last a preposition ("called
# on", "distanced himself from").
MAX_CUE_TAIL = 2


def _tokens(runs: list[Run]) -> set[int]:
    return {i for a, b in runs for i in range(a, b)}


class _RunsShape:
    """What the content search asks of one tagged span, worked out once per document: its
    tokens, the sentences it touches, and whether it opens with a quotation mark."""

    def __init__(self, runs: list[Run], sentence: np.ndarray, quote_mark: np.ndarray) -> None:
        self.tokens = _tokens(runs)
        self.sentences = set(sentence[sorted(self.tokens)].tolist())
        self.quote_first = bool(quote_mark[runs[0][0]])


def _gap(runs: list[Run], cue: Run) -> int:
    """Tokens between a span and the cue; 0 when they touch or the span surrounds the cue."""
    first, last = runs[0][0], runs[-1][1]
    if last <= cue[0]:
        return cue[0] - last
    if first >= cue[1]:
        return first - cue[1]
    return 0


class TaggedStatements:
    """The refiner ``extract_statements`` calls: rule candidates in, tagged candidates out."""

    def __init__(
        self,
        tagger: AttributionTagger,
        max_content_gap: int = MAX_CONTENT_GAP,
        keep_rule_cue: float = KEEP_RULE_CUE,
        max_cue_tail: int = MAX_CUE_TAIL,
        keep_quoted_cue: float = KEEP_QUOTED_CUE,
        out_scale: tuple[float, float, float] = OUT_SCALE,
    ) -> None:
        self.tagger = tagger
        self.out_scale = np.array(out_scale, dtype=np.float32)
        self.max_content_gap = max_content_gap
        self.keep_rule_cue = keep_rule_cue
        self.max_cue_tail = max_cue_tail
        self.keep_quoted_cue = keep_quoted_cue

    def __call__(
        self, doc: Doc, candidates: list[Candidate], quotes: QuoteIndex
    ) -> list[Candidate]:
        if not len(doc):
            return candidates
        probs = self.tagger.probabilities(doc, [rule_spans(doc, c) for c in candidates], quotes)
        return self.group(doc, candidates, probs, quotes)

    def group(
        self, doc: Doc, candidates: list[Candidate], probs: np.ndarray, quotes: QuoteIndex
    ) -> list[Candidate]:
        """Statements from the tagger's per-token probabilities (tokens, layers, O/B/I) and the
        document's quotations as the rules found them."""
        scaled = probs.copy()
        scaled[:, :, OUT] *= self.out_scale
        tags = scaled.argmax(-1)
        weight = 1.0 - probs[:, :, OUT]
        sources = decode_layer(tags[:, 0])
        cues = decode_layer(tags[:, 1])
        contents = decode_layer(tags[:, 2])
        sentence = np.cumsum(doc.to_array([SENT_START]).astype(np.int64) == 1)
        rule_at_cue = {
            i: k
            for k, c in reversed(list(enumerate(candidates)))
            for i in range(c.cue[0], c.cue[1] + 1)
        }
        table = token_table(doc)
        starts, ends = table.starts, table.ends
        quote_mark = quote_marks(doc)
        named = np.isin(doc.to_array([POS]).reshape(-1), NAMING_POS)
        labellings = _Labellings(np.log(np.maximum(probs, 1e-9)))
        kept = {k for k, c in enumerate(candidates) if _rebuts(doc, c)}
        guarded = [_extent(candidates[k], starts) for k in kept]
        cut_points = set(rule_at_cue) | _cut_points(doc)
        text = doc_text(doc)
        breaks = _paragraph_starts(text, starts, sentence, quotes)
        shapes = [_RunsShape(runs, sentence, quote_mark) for runs in contents]
        source_tokens = [_tokens(runs) for runs in sources]
        used: set[int] = set()
        out: list[Candidate] = []
        built: set[int] = set()  # ids of the statements built from tagged spans
        matched: set[int] = set()
        for cue_runs in cues:
            cue = cue_runs[0]
            base_index = min(
                (rule_at_cue[i] for i in range(*cue) if i in rule_at_cue), default=None
            )
            inside_rebuttal = any(a <= cue[0] < b for a, b in guarded)
            if base_index is None and inside_rebuttal:
                continue  # inside a rebuttal the rules' statements stand
            base = candidates[base_index] if base_index is not None else None
            if base_index is not None:
                matched.add(base_index)
                if base_index in kept or inside_rebuttal:
                    out.append(base)
                    continue
            ruled = _runs(starts, ends, base.fragments) if base is not None else []
            content = self._content(doc, contents, shapes, cue, _tokens(ruled), used, sentence)
            if content is None:
                if base is None:
                    continue
                out.append(base)
                continue
            used.add(content)
            tagged = _in_paragraph(contents[content], cue, breaks)
            options = [tagged, _within_sentences(tagged, sentence)]  # both non-empty
            if base is not None:
                cue = labellings.likeliest(1, [[cue], [(base.cue[0], base.cue[1] + 1)]])[0]
                options.extend([ruled] if ruled else [])
            body_runs = labellings.likeliest(2, options)
            dangling = doc[body_runs[-1][1] - 1].pos_ in DANGLING_POS
            extent = set(range(body_runs[0][0], body_runs[-1][1]))
            if ruled and (dangling or _swallows(extent - _tokens(ruled), cut_points)):
                body_runs = ruled
            source = self._source(sources, source_tokens, cue, _tokens(body_runs), sentence, named)
            if source is not None and _dateline_only(doc, source):
                source = None
            if source is None and (base is None or base.speaker is None):
                source = _parse_source(doc, cue, _tokens(body_runs), sentence)
            if base is not None and base.speaker is not None:
                base_source = (base.speaker[0], base.speaker[1] + 1)
                apart = source is None or source[1] <= base_source[0] or base_source[1] <= source[0]
                if apart and weight[base_source[0] : base_source[1], 0].max() >= KEEP_RULE_SOURCE:
                    source = base_source
                else:
                    chosen = labellings.likeliest(0, [[source] if source else [], [base_source]])
                    source = chosen[0] if chosen else None
            out.append(self._candidate(doc, cue, body_runs, source, base))
            built.add(id(out[-1]))
        for k, cand in enumerate(candidates):
            if k in matched:
                continue
            cue_weight = float(weight[cand.cue[0] : cand.cue[1] + 1, 1].mean())
            nested = any(a <= cand.cue[0] < b for a, b in guarded)
            quoted = _quoted_beside(cand, quotes, text, starts, ends)
            least = self.keep_quoted_cue if quoted else self.keep_rule_cue
            if k in kept or nested or cand.by_layout or cue_weight >= least:
                out.append(cand)
        out = [
            cand
            for cand in out
            if not _compared_claim(doc, cand.cue) and not _content_before_relative(doc, cand)
        ]
        out = _settle(doc, out, built, starts, ends, quotes, self.max_cue_tail)
        for cand in out:
            if not cand.by_layout:
                cand.confidence = _confidence(weight, cand, starts, ends)
        return sorted(out, key=lambda c: c.cue)

    def _content(
        self,
        doc: Doc,
        contents: list[list[Run]],
        shapes: list[_RunsShape],
        cue: Run,
        ruled: set[int],
        used: set[int],
        sentence: np.ndarray,
    ) -> int | None:
        """The tagged content of a cue: the one sharing most tokens with the rule's content
        (``ruled``), else the nearest within the gap in the cue's sentence (or a quotation opening
        the next). The words of the cue verb's own phrase after it (:func:`_cue_phrase`: "reported
        to President Putin during a call that …") are no content and do not count in the gap."""
        overlaps = [(len(shape.tokens & ruled), k) for k, shape in enumerate(shapes)]
        best = max(overlaps, default=(0, -1))
        if best[0] > 0:
            return best[1]
        cue_sentence = int(sentence[cue[0]])
        phrase = _cue_phrase(doc, cue)
        near = []
        for k, (runs, shape) in enumerate(zip(contents, shapes, strict=True)):
            if shape.tokens <= phrase:
                continue
            gap = _gap(runs, cue) - sum(cue[1] <= i < runs[0][0] for i in phrase)
            touches = cue_sentence in shape.sentences or (
                shape.quote_first and cue_sentence + 1 in shape.sentences
            )
            if gap <= self.max_content_gap and touches:
                near.append((k in used, gap, k))
        return min(near)[2] if near else None

    @staticmethod
    def _source(
        sources: list[list[Run]],
        source_tokens: list[set[int]],
        cue: Run,
        body: set[int],
        sentence: np.ndarray,
        named: np.ndarray,
    ) -> Run | None:
        """The nearest tagged source in the cue's sentence, outside the content, that holds a
        noun, name, pronoun or number (not a stray "the")."""
        cue_sentence = sentence[cue[0]]
        near = [
            (_gap(runs, cue), runs[0])
            for runs, tokens in zip(sources, source_tokens, strict=True)
            if sentence[runs[0][0]] == cue_sentence
            and not tokens & body
            and named[runs[0][0] : runs[0][1]].any()
        ]
        return min(near)[1] if near else None

    @staticmethod
    def _candidate(
        doc: Doc,
        cue: Run,
        content: list[Run],
        source: Run | None,
        base: Candidate | None,
    ) -> Candidate:
        speaker = _speaker(doc, source) if source else None
        antecedent = None
        if base is not None and speaker is not None and base.speaker == speaker:
            antecedent = base.antecedent
        if speaker is not None and speaker[0] == speaker[1]:
            speaker, antecedent = _relative_speaker(doc, speaker, cue, antecedent)
        lemma = base.lemma if base is not None else doc[cue[0] : cue[1]].root.lemma_.lower()
        fragments = [char_span(doc, a, b - 1) for a, b in _trimmed(doc, content)]
        return Candidate(
            cue=(cue[0], cue[1] - 1),
            lemma=lemma,
            speaker=speaker,
            fragments=fragments,
            confidence=0.0,  # set for every statement in group()
            antecedent=antecedent,
        )


# Dependents of a cue's verb that address or frame the report rather than carry its content
CUE_PHRASE_DEPS = frozenset({"prep", "dative", "npadvmod", "agent"})


def _cue_phrase(doc: Doc, cue: Run) -> set[int]:
    """Tokens after a cue that belong to its verb's own phrase: whom it addresses and when or how
    ("reported to President Putin during a video call that …", "told reporters on Monday"), each
    up to its head noun, so that a clause the parser hangs on that noun stays out."""
    verb = doc[cue[0] : cue[1]].root
    phrase: set[int] = set()
    for child in verb.rights:
        if child.dep_ in CUE_PHRASE_DEPS and child.i >= cue[1]:
            nouns = [c.i for c in child.children if c.dep_ == "pobj"]
            phrase.update(range(child.left_edge.i, max(nouns, default=child.i) + 1))
    return phrase


def _content_before_relative(doc: Doc, cand: Candidate) -> bool:
    """A relative pronoun speaks in its own clause, after the noun it stands for: a content
    before it ("his wife, Laura, who spoke of …" with "his wife" as content), tagged or from the
    rules, is a misreading."""
    if cand.speaker is None or cand.speaker[0] != cand.speaker[1]:
        return False
    pronoun = doc[cand.speaker[0]]
    return pronoun.tag_ in RELATIVE_TAGS and cand.end <= pronoun.idx


def _speaker(doc: Doc, source: Run) -> tuple[int, int]:
    """A tagged source as first and last token, without a comma that ends it and closes no
    apposition: PolNeAR ends a source at its last word ("Donald Trump, in a speech, said" gives
    "Donald Trump") unless an apposition closes there ("Jean-Marc Ayrault, the foreign minister,
    said"), and without a dateline heading it ("WASHINGTON -- President Obama")."""
    first, last = source[0], source[1] - 1
    if last > first and doc[last].text == "," and all(t.text != "," for t in doc[first:last]):
        last -= 1
    return after_dateline(doc, first, last), last


def _dateline_only(doc: Doc, source: Run) -> bool:
    """Whether a tagged source is only the dateline opening its paragraph ("KYIV — Ukraine's
    military … rejected …, saying …" tagged with "KYIV" as the source of "saying")."""
    first, end = source
    start = doc[first].idx
    if start and doc_text(doc)[start - 1] != "\n":
        return False
    return after_dateline(doc, first, min(len(doc) - 1, end + 1)) >= end


def _parse_source(doc: Doc, cue: Run, body: set[int], sentence: np.ndarray) -> Run | None:
    """Where the tagger marked no source, the speaker the parse gives the cue's verb, when it
    lies in the cue's sentence outside the content."""
    verb = doc[cue[0] : cue[1]].root
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    speaker = verb_speaker(verb)
    if speaker is None or sentence[speaker[0]] != sentence[cue[0]]:
        return None
    if body & set(range(speaker[0], speaker[1] + 1)):
        return None
    return speaker[0], speaker[1] + 1


def _relative_speaker(
    doc: Doc, speaker: tuple[int, int], cue: Run, antecedent: tuple[int, int] | None
) -> tuple[tuple[int, int], tuple[int, int] | None]:
    """A relative pronoun tagged as the source speaks for the noun its clause belongs to. Inside
    that clause it stays the source, with the noun as its antecedent ("Obama, who said that …");
    outside, the noun itself is the source ("Obama, who understood that …, told his advisers")."""
    pronoun = doc[speaker[0]]
    noun = relative_antecedent(pronoun)
    if noun is None:
        return speaker, antecedent
    clause = pronoun.head
    if clause.left_edge.i <= cue[0] <= clause.right_edge.i:
        return speaker, antecedent or noun
    return noun, None


def _settle(
    doc: Doc,
    out: list[Candidate],
    built: set[int],
    starts: list[int],
    ends: list[int],
    quotes: QuoteIndex,
    max_cue_tail: int,
) -> list[Candidate]:
    """The statements less those whose cue lies inside a quotation, with the content of each
    one built from tagged spans (``built`` holds their ``id``) set by the boundary rules of
    :mod:`claimscope.tagger.bounds` and its cue taking in the preposition that leads to the
    content (see ``_with_tail``); the rules' own candidates stay as the rules found them."""
    bounds = ContentBounds(doc, doc_text(doc), starts, quotes.quotes)
    out = [c for c in out if not bounds.inside(c.cue[0])]
    every = []
    for cand in out:
        runs = _runs(starts, ends, cand.fragments)
        every.append(bounds.with_marks(runs) if id(cand) in built else runs)
    taken = np.zeros(len(doc), dtype=bool)  # tokens in some statement's content
    occupied = np.zeros(len(doc), dtype=bool)  # tokens in some statement's content, cue, speaker
    cues = np.zeros(len(doc), dtype=bool)
    extents = []
    for cand, runs in zip(out, every, strict=True):
        for a, b in runs:
            taken[a:b] = True
        cues[cand.cue[0] : cand.cue[1] + 1] = True
        edges = [cand.cue[0], cand.cue[1] + 1, runs[0][0], runs[-1][1]]
        if cand.speaker is not None:
            occupied[cand.speaker[0] : cand.speaker[1] + 1] = True
            edges.extend((cand.speaker[0], cand.speaker[1] + 1))
        extents.append((min(edges), max(edges)))
    occupied |= cues | taken
    coordinated = cues & bounds.conjoined
    for n, (cand, runs) in enumerate(zip(out, every, strict=True)):
        if id(cand) not in built:
            continue
        tail = max(cand.cue[1], cand.speaker[1] if cand.speaker else 0) + 1
        runs = bounds.running_on(runs, tail, taken, extents[:n] + extents[n + 1 :])
        runs = bounds.without_siblings(runs, coordinated)
        runs = bounds.with_modifiers(runs, occupied)
        runs = bounds.completed(runs, occupied)
        runs = bounds.without_dangling(runs)
        runs = bounds.with_relative(runs, doc[cand.cue[0] : cand.cue[1] + 1].root.i, occupied)
        runs = _trimmed(doc, runs)
        cand.fragments = [char_span(doc, a, b - 1) for a, b in runs]
        cand.cue = _with_tail(doc, cand.cue, runs[0][0], occupied, max_cue_tail)
    return out


def _quoted_beside(
    cand: Candidate, quotes: QuoteIndex, text: str, starts: list[int], ends: list[int]
) -> bool:
    """Whether every fragment of a candidate's content lies within one quotation, marks
    included, with no new line or paragraph between it and the cue ("“…,”\nthe statement
    continued" yes, a quotation closing the paragraph before the cue no): a line break counts
    unless the next line continues the sentence, as ``claimscope.nlp.line_breaks`` reads it."""
    cue_start, cue_end = starts[cand.cue[0]], ends[cand.cue[1]]
    for start, end in cand.fragments:
        quote = quotes.opened_by(start)
        if quote is None or end > quote.outer_end:
            return False
        if quote.outer_end <= cue_start:
            between = text[quote.outer_end : cue_start + 1]
        else:
            between = text[cue_end : quote.outer_start + 1]
        if not one_sentence_across(between):
            return False
    return True


def _with_tail(
    doc: Doc, cue: tuple[int, int], content_first: int, occupied: np.ndarray, most: int
) -> tuple[int, int]:
    """A cue (first, last token) taking in the words between it and a content that starts after
    it, when there are at most ``most`` of them, the last is a preposition, none is punctuation
    or ``occupied`` (some statement's speaker, cue or content), and each hangs on the cue or on
    another of them ("called on", "distanced himself from")."""
    first, last = cue
    tail = range(last + 1, content_first)
    if not 0 < len(tail) <= most or doc[content_first - 1].pos_ != "ADP":
        return cue
    if occupied[tail.start : tail.stop].any():
        return cue
    for i in tail:
        tok = doc[i]
        if tok.is_punct or tok.is_space or not first <= tok.head.i < content_first:
            return cue
    return first, content_first - 1


def _cut_points(doc: Doc) -> set[int]:
    """The tokens where the rules cut content on purpose (see ``_cut_point``); only tokens whose
    lowercase form or lemma could qualify are looked at."""
    maybe = tokens_with(doc, REPORTING_NOUNS, CONTRAST_MARKS).tolist()
    return {i for i in maybe if _cut_point(doc[i])}


def _cut_point(tok: Token) -> bool:
    """A "while" clause or an appositive reporting noun ("…, a statement that …")."""
    if tok.lower_ in CONTRAST_MARKS:
        return True
    if tok.lemma_.lower() not in REPORTING_NOUNS or tok.i < 2:
        return False
    before = tok.doc[tok.i - 1]
    return tok.dep_ == "appos" or (before.pos_ == "DET" and tok.doc[tok.i - 2].text == ",")


def _swallows(extra: set[int], cut_points: set[int]) -> bool:
    """Whether the tokens a tagged content spans beyond the rule's (gaps between its fragments
    included) take in a point where the rules cut content on purpose: a statement's cue (the
    content's own or another's), a "while" clause, an appositive reporting noun ("…, a statement
    that has been met with skepticism")."""
    return bool(extra & cut_points)


def _confidence(weight: np.ndarray, cand: Candidate, starts: list[int], ends: list[int]) -> float:
    """The tagger's cue weight squared times its content weight (each a mean of 1 - P(O)) over
    the statement's tokens: the cue decides whether there is a statement at all, so it counts
    twice. Chosen on the held-out training articles, where it ranks right statements above wrong
    ones better than the plain product (area under the ROC curve 0.812 against 0.797); on
    PolNeAR dev the share of statements whose cue is exactly right rises with it (see
    ``claimscope eval statements``)."""
    cue_weight = float(weight[cand.cue[0] : cand.cue[1] + 1, 1].mean())
    body = [i for a, b in _runs(starts, ends, cand.fragments) for i in range(a, b)]
    body_weight = float(weight[body, 2].mean()) if body else 0.0
    return cue_weight * cue_weight * body_weight


def _rebuts(doc: Doc, candidate: Candidate) -> bool:
    """Whether a rule candidate denies or disputes: it is kept as the rules found it, since the
    dispute extractor reads its cue and the statements nested in its content."""
    if candidate.lemma in DENIAL_CUES:
        return True
    text = doc_text(doc)
    return any(REBUTTAL_PHRASES.search(text, s, e) for s, e in candidate.fragments)


def _extent(candidate: Candidate, starts: list[int]) -> Run:
    """Tokens from a candidate's first word (speaker, cue or content) to its last."""
    content_first = bisect_left(starts, min(s for s, _e in candidate.fragments))
    content_end = bisect_left(starts, max(e for _s, e in candidate.fragments))
    first = min(candidate.cue[0], content_first, *(candidate.speaker or ()))
    return first, max(candidate.cue[1] + 1, content_end)


def _runs(starts: list[int], ends: list[int], fragments: list[tuple[int, int]]) -> list[Run]:
    """Token runs covering character fragments."""
    out = []
    for s, e in sorted(fragments):
        first, end = covered_tokens(starts, ends, s, e)
        if first < end:
            out.append((first, end))
    return out


class _Labellings:
    """Scores of one-span labellings from the tagger's log-probabilities (tokens, layers, O/B/I),
    by prefix sums per layer and tag, so that a score costs a few additions per run."""

    def __init__(self, logp: np.ndarray) -> None:
        cum = np.zeros((len(logp) + 1, *logp.shape[1:]), dtype=np.float64)
        np.cumsum(logp, axis=0, out=cum[1:])
        self.size = len(logp)
        layers = range(logp.shape[1])
        self.cum = [(cum[:, k, OUT].tolist(), cum[:, k, INSIDE].tolist()) for k in layers]
        self.point = [(logp[:, k, BEGIN].tolist(), logp[:, k, INSIDE].tolist()) for k in layers]

    def score(self, layer: int, runs: list[Run], lo: int, hi: int) -> float:
        """Log-probability of the layer's tags over tokens lo..hi when ``runs`` is its only span:
        B at its first token, I on the rest of its runs, O elsewhere."""
        out, inside = self.cum[layer]
        total = out[hi] - out[lo]
        if not runs:
            return total
        for a, b in _merged(runs):
            total += inside[b] - inside[a] - (out[b] - out[a])
        begin, inside_at = self.point[layer]
        return total + begin[runs[0][0]] - inside_at[runs[0][0]]

    def likeliest(self, layer: int, options: list[list[Run]]) -> list[Run]:
        """Of several spans for one slot (the tagger's own first), the one the tagger finds
        likeliest, comparing the tags each implies over the tokens any of them covers (and one
        on each side)."""
        edges = [i for runs in options for a, b in runs for i in (a, b)]
        if len(options) == 1 or not edges:
            return options[0]
        lo, hi = max(0, min(edges) - 1), min(self.size, max(edges) + 1)
        scores = [self.score(layer, runs, lo, hi) for runs in options]
        return options[scores.index(max(scores))]


def _merged(runs: list[Run]) -> list[Run]:
    """The tokens of possibly overlapping runs as disjoint runs in order."""
    out: list[Run] = []
    for a, b in sorted(runs):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _compared_claim(doc: Doc, cue: tuple[int, int]) -> bool:
    """Whether a cue (first, last token) reports a claim only named in a comparison, its content
    left out ("380,000, far fewer than the unions claimed"): its verb is marked by "than". The
    dispute extractor reads that comparison as the estimate's rebuttal of the claim."""
    root = doc[cue[0] : cue[1] + 1].root
    return any(child.dep_ == "mark" and child.lower_ == "than" for child in root.children)


def _paragraph_starts(
    text: str, starts: list[int], sentence: np.ndarray, quotes: QuoteIndex
) -> np.ndarray:
    """Tokens that start a sentence on a new line (a paragraph, or a line of its own:
    ``claimscope.nlp.line_breaks``) outside quoted speech and not opening a quotation, in order:
    a quotation running on into the next paragraph reopens there with a mark of its own."""
    new_sentence = np.flatnonzero(np.diff(sentence)) + 1
    return np.array(
        [
            i
            for i in new_sentence.tolist()
            if "\n" in text[starts[i - 1] : starts[i]] and quotes.opened_by(starts[i]) is None
        ],
        dtype=np.int64,
    )


def _in_paragraph(runs: list[Run], cue: Run, breaks: np.ndarray) -> list[Run]:
    """A tagged content cut to the paragraph of its cue (to its first paragraph where it has no
    token in the cue's): a content outside quotation marks does not run on into the next
    paragraph ("…, the union said.\n\nThe ministry put the number at 380,000")."""
    first, last = runs[0][0], runs[-1][1] - 1
    if np.searchsorted(breaks, first, "right") == np.searchsorted(breaks, last, "right"):
        return runs
    paragraph = int(np.searchsorted(breaks, cue[0], "right"))
    low = int(breaks[paragraph - 1]) if paragraph else 0
    high = int(breaks[paragraph]) if paragraph < len(breaks) else last + 1
    inside = [(max(a, low), min(b, high)) for a, b in runs if a < high and b > low]
    if inside:
        return inside
    end = int(breaks[np.searchsorted(breaks, first, "right")])
    return [(a, min(b, end)) for a, b in runs if a < end]


def _within_sentences(runs: list[Run], sentence: np.ndarray) -> list[Run]:
    """A span cut at the end of the sentence where it starts."""
    last = sentence[runs[0][0]]
    out = []
    for a, b in runs:
        if sentence[a] != last:
            break
        end = a
        while end < b and sentence[end] == last:
            end += 1
        out.append((a, end))
        if end < b:
            break
    return out


def _trimmed(doc: Doc, runs: list[Run]) -> list[Run]:
    """Runs without whitespace tokens at their ends (a run of only whitespace is dropped)."""
    out = []
    for a, b in runs:
        while a < b and doc[a].is_space:
            a += 1
        while b > a and doc[b - 1].is_space:
            b -= 1
        if a < b:
            out.append((a, b))
    return out or runs
