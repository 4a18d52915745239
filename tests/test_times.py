"""Time expressions: extents, normalization against the publication date, tense, anchors."""

from __future__ import annotations

from datetime import date

import pytest

from claimscope.extract.time_calendar import to_edtf
from claimscope.extract.times import extract_times, find_timexes
from claimscope.model import Article

THURSDAY = date(2025, 4, 24)


def times(nlp, text: str, published: date = THURSDAY) -> dict[str, str | None]:
    return {t.text: t.value for t in find_timexes(nlp(text), published)}


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("The ceasefire was signed on March 3, 2022 in Geneva.", "March 3, 2022", "2022-03-03"),
        ("The envoys met on Monday in the capital.", "Monday", "2025-04-21"),
        ("The envoys will meet on Monday in the capital.", "Monday", "2025-04-28"),
        ("Prices rose sharply last week, traders said.", "last week", "2025-W16"),
        ("The plant reopened in August after repairs.", "August", "2024-08"),
        ("The plant will reopen in August after repairs.", "August", "2025-08"),
        ("Exports fell earlier this month, the agency said.", "earlier this month", "2025-04"),
        ("Rebels seized the town in the fall of the previous year.",
         "the fall of the previous year", "2024-FA"),
        ("Profit in the first quarter rose from a year earlier.", "a year earlier", "2024-Q1"),
        ("Two years ago the mill closed.", "Two years ago", "2023"),
        ("Output peaked in the 1990s.", "the 1990s", "199"),
        ("The strike lasted 5 1/2 hours.", "5 1/2 hours", "PT5H30M"),
        ("The bank publishes the figures daily.", "daily", "P1D"),
        ("The port is busy now.", "now", "PRESENT_REF"),
    ],
)
def test_normalizes_constructions(nlp, sentence: str, expression: str, value: str) -> None:
    assert times(nlp, sentence).get(expression) == value


def test_later_that_day_takes_the_last_mentioned_day(nlp) -> None:
    found = times(nlp, "Talks began on Tuesday. Later that day, the envoys left.")
    assert found["Tuesday"] == "2025-04-22"
    assert found["Later that day"] == "2025-04-22"


def test_anchored_duration_lands_on_its_anchor(nlp) -> None:
    doc = nlp("The talks resumed eight months after the ceasefire of March 2024.")
    duration = find_timexes(doc, THURSDAY)[0]
    assert (duration.text, duration.value, duration.type) == ("eight months", "P8M", "DURATION")
    assert duration.anchor == "2024-11"


def test_rejects_words_that_are_not_times(nlp) -> None:
    found = times(nlp, "Officials may fall behind, and a 6-year-old boy joined the March.")
    assert found == {}


def test_seed_article(nlp, seed_article: Article) -> None:
    refs = extract_times(nlp(seed_article.text), seed_article)
    by_text = {r.span.text: r for r in refs}
    assert by_text["Monday"].value == "2025-04-28"
    assert by_text["Later that day"].value == "2025-04-28"
    fall = by_text["the fall of the previous year"]
    assert (fall.value, fall.granularity, to_edtf(fall.value)) == ("2024-FA", "season", "2024-23")
    assert [r.id for r in refs] == [f"t{i}" for i in range(1, len(refs) + 1)]
    for ref in refs:
        assert seed_article.text[ref.span.start:ref.span.end] == ref.span.text


def test_without_publication_date_relative_values_stay_unknown(nlp) -> None:
    found = times(nlp, "The mill closed last year, not in 1999.", published=None)
    assert found == {"last year": None, "1999": "1999"}


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [("The village had been cut off for weeks.", "weeks", "PXW"),
     ("The dam has stood for centuries.", "centuries", "PXC"),
     ("Net income for the year ended March 31 doubled.", "the year", "P1Y"),
     ("Sales for the year were flat, the retailer said.", "the year", "2025"),
     ("Monks built it in the 11th century.", "the 11th century", "10"),
     ("Crime fell through the nineties.", "the nineties", "199"),
     ("The merger should close by year-end.", "year-end", "2025"),
     ("The year-ago results were restated.", "The year-ago", "2024-Q1"),
     ("The talks are to resume Tuesday in Oslo.", "Tuesday", "2025-04-29")],
)
def test_second_round_constructions(nlp, sentence: str, expression: str, value: str) -> None:
    assert times(nlp, sentence).get(expression) == value


def test_ages_are_not_durations(nlp) -> None:
    assert times(nlp, "The mayor, 52 years old, resigned.") == {}
