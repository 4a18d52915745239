"""Time expressions in a parsed article, normalized against its publication date.

:func:`find_timexes` runs the rule grammar (``time_grammar``) over the document text, reads the
tense of each expression's governing verb from the parse, and normalizes it (``time_normalize``)
in text order, so anaphoric expressions ("later that day") resolve against the last date before
them. A duration that anchors on a time ("eight months after March 2024") gets the point it
lands on. :func:`extract_times` returns the records the pipeline stores.

Values are TimeML values (see ``time_calendar``): ISO 8601 dates, weeks and times, ``2024-FA``
for a season, ``P8M`` for a duration, ``PRESENT_REF`` for "now"; ``time_calendar.to_edtf`` maps
them to EDTF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from claimscope.extract import time_calendar as cal
from claimscope.extract.time_grammar import ORDINALS, Candidate, find_candidates
from claimscope.extract.time_normalize import Context, normalize
from claimscope.model import Article, TimeRef
from claimscope.model import Span as TextSpan
from claimscope.nlp import doc_text

_FUTURE_AUX = {"will", "'ll", "shall", "wo"}
_FUTURE_VERBS = {"plan", "schedule", "expect", "intend"}
_INFINITIVE_FUTURE = {"set", "due", "be", "aim"}
_ANCHOR_WORDS = ("after", "before", "since")


@dataclass
class Timex:
    """A normalized time expression with its offsets, TimeML type and modifier.

    ``anchor`` is, for a duration anchored on a time ("eight months after March 2024"), the
    value it lands on ("2024-11").
    """

    start: int
    end: int
    text: str
    value: str | None
    type: str
    mod: str | None = None
    anchor: str | None = None

    @property
    def granularity(self) -> str:
        return cal.granularity(self.value, self.type)


def tense(doc: Doc, start: int, end: int) -> str | None:
    """ "past", "present" or "future" of the verb governing the text span, if any."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token: Token = span.root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in auxes) or token.lower_ in _FUTURE_AUX:
        return "future"
    if token.lemma_ in _FUTURE_VERBS or token.head.lemma_ in _FUTURE_VERBS:
        return "future"
    to_infinitive = token.tag_ == "VB" and any(a.lower_ == "to" for a in auxes)
    if to_infinitive and token.head.lemma_ in _INFINITIVE_FUTURE:
        return "future"
    if re.search(
        r"\bas\s+(?:soon|early)\s+as\s+$", doc_text(doc)[max(0, start - 16) : start], re.I
    ):
        return "future"
    if token.tag_ in ("VBD",) or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if token.tag_ == "VBN" and (not auxes or any(a.lemma_ == "have" for a in auxes)):
        return "past"
    if token.tag_ in ("VBP", "VBZ") or any(a.tag_ in ("VBP", "VBZ") for a in auxes):
        return "present"
    return None


def _trim_signal(cand: Candidate) -> tuple[Candidate, str | None]:
    """Cut the signal word off "eight months after": TimeML's extent is "eight months"."""
    direction = cand.groups.get("dir")
    if cand.rule != "ago" or direction not in _ANCHOR_WORDS:
        return cand, None
    cut = cand.text.lower().rstrip().rfind(direction)
    text = cand.text[:cut].rstrip()
    return Candidate(cand.start, cand.start + len(text), cand.rule, cand.groups, text), direction


def _land(base: str, duration: str, sign: int) -> str | None:
    """The value ``duration`` (``P8M``) away from the start of ``base``, at a fitting grain."""
    start = cal.value_start(base)
    if start is None or not duration[1:-1].isdigit():
        return None
    amount, unit = sign * int(duration[1:-1]), duration[-1]
    if unit == "D":
        return (start + timedelta(days=amount)).isoformat()
    if unit == "W":
        return (start + timedelta(weeks=amount)).isoformat()
    months = amount * 12 if unit == "Y" else amount
    moved = cal.add_months(start, months)
    if cal.parse_day(base):
        return moved.isoformat()
    if unit == "Y" and cal.granularity(base, "DATE") == "year":
        return str(moved.year)
    return cal.month_value(moved.year, moved.month)


def _anchor_target(doc: Doc, timex: Timex, later: list[Timex]) -> Timex | None:
    """The time expression inside the object of the signal word that follows ``timex``."""
    signal = doc.char_span(timex.end, len(doc_text(doc)), alignment_mode="expand")
    if signal is None or len(signal) == 0:
        return None
    word: Token = signal[0]
    if word.lower_ not in _ANCHOR_WORDS:
        return None
    limit = max(t.idx + len(t) for t in word.subtree)
    sentence: Span = word.sent
    limit = min(limit, sentence.end_char) if limit > word.idx + len(word) else sentence.end_char
    for other in later:
        if other.start >= timex.end and other.end <= limit and other.value:
            return other
    return None


def find_timexes(doc: Doc, dct: date | None) -> list[Timex]:
    """All time expressions in ``doc``, normalized against the publication date ``dct``."""
    ctx = Context(dct=dct)
    found: list[tuple[Timex, str | None]] = []
    for raw in find_candidates(doc_text(doc)):
        cand, direction = _trim_signal(raw)
        ctx.tense = tense(doc, cand.start, cand.end)
        ctx.preceding = doc_text(doc)[max(0, cand.start - 20) : cand.start]
        ctx.following = doc_text(doc)[cand.end : cand.end + 20]
        resolved = normalize(cand, ctx)
        if resolved is None:
            continue
        timex = Timex(cand.start, cand.end, cand.text, resolved.value, resolved.type, resolved.mod)
        found.append((timex, direction))
        grain = timex.granularity
        if resolved.type in ("DATE", "TIME") and grain in ("day", "time") and timex.value:
            ctx.ref_day = timex.value[:10]
        elif grain == "quarter" and cand.rule == "quarter" and cand.groups.get("qord") in ORDINALS:
            ctx.ref_quarter = timex.value
    timexes = [t for t, _ in found]
    for i, (timex, direction) in enumerate(found):
        if direction is None or timex.value is None:
            continue
        target = _anchor_target(doc, timex, timexes[i + 1 :])
        if target and target.value:
            timex.anchor = _land(target.value, timex.value, -1 if direction == "before" else 1)
    return timexes


def extract_times(doc: Doc, article: Article) -> list[TimeRef]:
    """The article's time expressions as records with ids "t1", "t2", … in text order."""
    return [
        TimeRef(
            id=f"t{i}",
            span=TextSpan(t.text, t.start, t.end),
            value=t.value,
            granularity=t.granularity,
            type=t.type,
            anchor=t.anchor,
        )
        for i, t in enumerate(find_timexes(doc, article.published), start=1)
    ]
