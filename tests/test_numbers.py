"""Value parsing on word lists: digits, words, ranges, bounds, approximations, vague sizes."""

from __future__ import annotations

import pytest

from claimscope.extract.numbers import parse_digits, scan


def one(text: str, currency_at: frozenset[int] = frozenset()):
    words = text.split()
    found = scan(words, currency_at)
    assert len(found) == 1, found
    m = found[0]
    return " ".join(words[m.start : m.end]), m.value


@pytest.mark.parametrize(
    ("word", "value"),
    [("10,000", 10000.0), ("1.5", 1.5), ("12,34,567.89", 1234567.89), ("1/2", 0.5), ("½", 0.5),
     ("-5", -5.0), ("abc", None), ("10,00", None)],
)
def test_parse_digits(word: str, value: float | None) -> None:
    assert parse_digits(word) == value


@pytest.mark.parametrize(
    ("text", "low"),
    [("two dozen eggs", 24), ("half a million people", 500_000), ("ninety five", 95),
     ("one hundred and five", 105), ("forty - five", 45), ("10 1/2 miles", 10.5),
     ("1.5 million", 1_500_000), ("three quarters billion", 750_000_000),
     ("a quarter million", 250_000), ("a dozen", 12), ("1.8 M", 1_800_000)],
)
def test_point_values(text: str, low: float) -> None:
    _, value = one(text)
    assert value.low == pytest.approx(low) and value.high == pytest.approx(low)
    assert value.bound is None


def test_share_of_whole_is_a_percentage() -> None:
    span, value = one("a third of voters")
    assert span == "a third" and value.share and value.low == pytest.approx(100 / 3)


@pytest.mark.parametrize(
    ("text", "span", "low", "high"),
    [("between 10,000 to 12,000 troops", "between 10,000 to 12,000", 10000, 12000),
     ("between 10 and 12", "between 10 and 12", 10, 12),
     ("10,000 - 12,000", "10,000 - 12,000", 10000, 12000),
     ("from 3 to 5 days", "from 3 to 5", 3, 5), ("two or three", "two or three", 2, 3)],
)
def test_ranges(text: str, span: str, low: float, high: float) -> None:
    got_span, value = one(text)
    assert (got_span, value.low, value.high) == (span, low, high)


def test_change_from_to_is_two_values() -> None:
    assert [(m.value.low, m.value.high) for m in scan(["rose", "from", "3", "to", "5"])] == [
        (3, 3), (5, 5)]


@pytest.mark.parametrize(
    ("text", "low", "high", "bound"),
    [("more than 3,000", 3000, None, "lower"), ("at least 40", 40, None, "lower"),
     ("up to 15,000", None, 15000, "upper"), ("fewer than 20", None, 20, "upper"),
     ("500 or more", 500, None, "lower"), ("over 9", 9, None, "lower")],
)
def test_bounds(text: str, low: float | None, high: float | None, bound: str) -> None:
    _, value = one(text)
    assert (value.low, value.high, value.bound) == (low, high, bound)


@pytest.mark.parametrize("text", ["around 4,000", "about 4,000", "nearly 4,000",
                                  "closer to 4,000", "an estimated 4,000", "4,000 or so"])
def test_approximations(text: str) -> None:
    _, value = one(text)
    assert value.approx and value.low == 4000


def test_an_estimated_records_the_hedge() -> None:
    assert scan(["an", "estimated", "300"])[0].hedge == "estimated"


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("thousands", 2000, 9999), ("hundreds", 200, 999), ("dozens", 24, 99),
     ("tens of thousands", 20000, 99999), ("hundreds of thousands", 200000, 999999),
     ("several hundred", 300, 900)],
)
def test_vague_magnitudes(text: str, low: float, high: float) -> None:
    _, value = one(text + " of people")
    assert (value.low, value.high, value.approx) == (low, high, True)


def test_money_letter_scale_only_after_currency() -> None:
    assert one("$ 62.7 m", frozenset({0}))[1].low == pytest.approx(62_700_000)
    assert one("1.8 m tall")[1].low == 1.8


def test_spaced_thousands_group_joins_but_lists_stay_apart() -> None:
    assert one("some 45 , 000 fans")[1].low == 45000
    assert [m.value.low for m in scan("rooms 4 , 120 and 9".split())] == [4, 120, 9]


@pytest.mark.parametrize(
    ("text", "low", "high", "bound", "approx"),
    [("≥ 18", 18, None, "lower", False), ("< 0.5", None, 0.5, "upper", False),
     ("∼ 300", 300, 300, None, True), ("≈ 2.5", 2.5, 2.5, None, True)],
)
def test_symbol_bounds_and_approximations(
    text: str, low: float | None, high: float | None, bound: str | None, approx: bool
) -> None:
    _, value = one(text)
    assert (value.low, value.high, value.bound, value.approx) == (low, high, bound, approx)


def test_percent_sign_on_both_ends_of_a_range() -> None:
    span, value = one("between 15 % and 20 % of voters")
    assert span == "between 15 % and 20" and (value.low, value.high) == (15, 20)
    assert one("2.5 % – 4 %")[1].high == 4


def test_scores_is_vague_only_before_of() -> None:
    assert scan("test scores fell".split()) == []
    assert one("scores of boats")[1].low == 40


def test_second_half_of_is_a_period_not_a_share() -> None:
    assert scan("in the second half of the season".split()) == []
    assert one("half of the budget")[1].share


def test_scale_word_after_a_hyphen() -> None:
    text, value = one("$ 1.2 - billion", frozenset({0}))
    assert text == "1.2 - billion" and value.low == pytest.approx(1.2e9)
    _, value = one("1 - 2 million")
    assert (value.low, value.high) == (1_000_000, 2_000_000)


def test_scale_after_a_range_applies_to_both_ends_that_stay_ordered() -> None:
    _, value = one("between 10 and 12 million")
    assert (value.low, value.high) == (10e6, 12e6)
    _, value = one("from 900 to 1.2 million")
    assert (value.low, value.high) == (900, 1.2e6)
    _, value = one("2 billion to 3 billion")
    assert (value.low, value.high) == (2e9, 3e9)
