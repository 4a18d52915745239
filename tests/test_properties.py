"""Property-based tests (hypothesis) on the extractors: random text never makes them raise,
every span they return lies inside the article and matches its text, and numbers parse back to
the value they were printed from.

Examples are bounded (``max_examples``) and without deadline so the suite stays quick and steady
on a shared machine; the texts are drawn from a news-like vocabulary so that the extractors
actually fire, mixed with arbitrary characters so that they meet what they never expect.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimscope.extract.numbers import parse_digits, scan
from claimscope.extract.quotes import find_quotes
from claimscope.model import Article
from claimscope.pipeline import extract

FAST = settings(max_examples=300, deadline=None)
PARSED = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

VOCABULARY = [
    "The", "minister", "Ana", "Ruiz", "said", "told", "reporters", "that", "according", "to",
    "the", "Kremlin", "Ukraine", "Kyiv", "denied", "claimed", "he", "she", "added", "on",
    "Monday", "last", "week", "in", "March", "2024", "since", "12,000", "1.5", "three", "dozens",
    "of", "troops", "killed", "more", "than", "about", "between", "and", "percent", "%", "$",
    "million", "billion", "km", "people", "were", "wounded", "“", "”", '"', "'", "«", "»", ",",
    ".", ";", ":", "—", "-", "(", ")", "\n", "\n\n", "not", "no", "estimate", "officials",
    "statement", "later", "that", "day", "yesterday", "10-12", "½", "1/2", "100k", "U.S.",
]  # fmt: skip

news_text = st.lists(
    st.one_of(st.sampled_from(VOCABULARY), st.text(min_size=1, max_size=6)),
    min_size=1,
    max_size=60,
).map(lambda words: " ".join(words))


def in_bounds(text: str, span: dict[str, Any] | None) -> None:
    """A span record lies in the text and its ``text`` is what sits at its offsets."""
    if span is None:
        return
    assert 0 <= span["start"] <= span["end"] <= len(text), span
    assert text[span["start"] : span["end"]] == span["text"], span


def check_record(record: dict[str, Any]) -> None:
    """Every span of an article record: statements, quantities, times, entities, disputes."""
    text = record["article"]["text"]
    for statement in record["statements"]:
        for key in ("speaker", "cue", "content"):
            in_bounds(text, statement[key])
        for start, end in statement["content"]["fragments"]:
            assert 0 <= start < end <= len(text)
            assert statement["content"]["start"] <= start and end <= statement["content"]["end"]
    for quantity in record["quantities"]:
        in_bounds(text, quantity)
        for key in ("counted_span", "predicate_span"):
            in_bounds(text, quantity[key])
        in_bounds(text, quantity["source"]["span"])
        if quantity["low"] is not None and quantity["high"] is not None:
            assert quantity["low"] <= quantity["high"], quantity
    for time in record["times"]:
        in_bounds(text, time)
    for entity in record["entities"]:
        for start, end in entity["mentions"]:
            assert 0 <= start < end <= len(text)
    for dispute in record["disputes"]:
        in_bounds(text, dispute["cue"])


@PARSED
@given(text=news_text)
def test_extractors_never_raise_and_spans_match_their_text(nlp, text: str) -> None:
    article = Article(text=text, origin="hypothesis")
    record = extract(nlp(article.text), article).to_json()
    check_record(record)


@FAST
@given(text=st.text(alphabet=st.sampled_from('ab “”"«»„\n.,'), max_size=200))
def test_quotes_are_in_bounds_and_bounded_by_marks(text: str) -> None:
    previous_end = 0
    for quote in find_quotes(text):
        assert 0 < quote.start < quote.end <= len(text)
        opening = text[quote.outer_start]
        starts_paragraph = text[quote.outer_start - 1 : quote.outer_start] in ("", "\n")
        assert opening in '“„«"' or (opening == "”" and starts_paragraph)  # ”mistyped …”
        if quote.closed:
            assert text[quote.end] in '”»"'
        assert "\n" not in text[quote.start : quote.end]
        assert quote.outer_start >= previous_end
        previous_end = quote.end


@FAST
@given(words=st.lists(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=5)), max_size=40))
def test_number_scan_never_raises_and_stays_in_bounds(words: list[str]) -> None:
    previous_end = 0
    for match in scan(words):
        assert previous_end <= match.start <= match.core_start < match.core_end
        assert match.core_end <= match.end <= len(words)
        previous_end = match.end
        value = match.value
        if value.low is not None and value.high is not None:
            assert value.low <= value.high


@FAST
@given(n=st.integers(min_value=0, max_value=10**15))
def test_integers_parse_back_with_and_without_separators(n: int) -> None:
    assert parse_digits(str(n)) == n
    assert parse_digits(f"{n:,}") == n


@FAST
@given(n=st.integers(min_value=0, max_value=10**9), places=st.integers(min_value=1, max_value=3))
def test_decimals_parse_back(n: int, places: int) -> None:
    printed = f"{n / 10**places:,.{places}f}"
    assert parse_digits(printed) == float(printed.replace(",", ""))


@PARSED
@given(n=st.integers(min_value=2, max_value=10**9))
def test_a_printed_count_is_extracted_with_its_value(nlp, n: int) -> None:
    printed = f"{n:,}"
    text = f"The ministry said on Monday that {printed} people had left the city."
    article = Article(text=text, origin="hypothesis")
    record = extract(nlp(article.text), article).to_json()
    check_record(record)
    found = [q for q in record["quantities"] if printed in q["text"]]
    assert found, record["quantities"]
    assert found[0]["low"] == found[0]["high"] == n
