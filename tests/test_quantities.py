"""Quantity records from sentences written for these tests."""

from __future__ import annotations

import pytest

from claimscope.extract.quantities import extract_quantities
from claimscope.model import Article, Entity, Quantity, Span, Speaker, Statement


def run(nlp, text: str, statements: list[Statement] | None = None,
        entities: list[Entity] | None = None) -> list[Quantity]:
    article = Article(text=text, origin="test")
    found = extract_quantities(nlp(article.text), article, statements or [], entities or [])
    for q in found:
        assert article.text[q.span.start : q.span.end] == q.span.text
        for span in (q.counted, q.predicate, q.source_span):
            if span is not None:
                assert article.text[span.start : span.end] == span.text
    return found


def single(nlp, text: str) -> Quantity:
    found = run(nlp, text)
    assert len(found) == 1, [q.span.text for q in found]
    return found[0]


def test_range_with_counted_noun_and_predicate(nlp) -> None:
    q = single(nlp, "The ministry said the army sent between 3,000 to 5,000 soldiers to the coast.")
    assert (q.span.text, q.low, q.high, q.bound) == ("between 3,000 to 5,000", 3000, 5000, None)
    assert q.counted.text == "soldiers" and q.predicate.text == "sent"
    assert q.category == "troops"


def test_hyphen_range_single_token(nlp) -> None:
    q = single(nlp, "Organizers counted 20,000-25,000 marchers in the capital.")
    assert (q.low, q.high) == (20000, 25000)


def test_approximation_and_passive_predicate(nlp) -> None:
    q = single(nlp, "Around 700 Bolivian miners have been killed or injured in the floods.")
    assert q.approx and q.low == q.high == 700
    assert q.counted.text == "Bolivian miners" and q.predicate.text == "killed or injured"
    assert q.to_json()["counted"] == "Bolivian miners killed or injured"
    assert q.category == "casualties"


def test_lower_and_upper_bounds(nlp) -> None:
    lower, upper = run(nlp, "More than 3,000 homes flooded and up to 15,000 people fled.")
    assert (lower.low, lower.high, lower.bound) == (3000, None, "lower")
    assert (upper.low, upper.high, upper.bound) == (None, 15000, "upper")
    assert upper.span.text == "up to 15,000"


def test_words_and_shares(nlp) -> None:
    dozen, third = run(nlp, "Two dozen reporters watched as a third of the delegates walked out.")
    assert dozen.low == 24 and dozen.counted.text == "reporters"
    assert third.unit == "percent" and third.low == pytest.approx(100 / 3)
    assert third.counted.text == "the delegates" or third.counted.text == "delegates"


def test_half_a_million_and_vague(nlp) -> None:
    half, vague = run(nlp, "Half a million tourists came and thousands of them stayed.")
    assert half.low == 500_000
    assert (vague.low, vague.high, vague.approx) == (2000, 9999, True)


def test_money_percent_and_rates(nlp) -> None:
    found = run(nlp, "The firm paid $4.5 million, 12% more than last year, or $3 a share, "
                     "and sells 80,000 cars a day.")
    units = [(q.unit, q.low) for q in found]
    assert units == [("USD", 4_500_000), ("percent", 12), ("USD per share", 3),
                     ("per day", 80000)]
    assert found[0].category == "money" and found[1].category == "share"
    assert found[3].counted.text == "cars"


def test_other_currencies_and_measures(nlp) -> None:
    found = run(nlp, "It cost 2 billion won and €30m, covering 450 square kilometres, 12 km away.")
    assert [(q.unit, q.low) for q in found] == [
        ("KRW", 2e9), ("EUR", 30e6), ("km2", 450), ("km", 12)]
    assert found[2].category == "territory"


def test_skips_dates_times_ordinals_and_names(nlp) -> None:
    text = ("In 2024, on March 3 at 2:30 pm, the second G7 meeting saw Su-34 jets and "
            "Article 5 debated for the 3rd time.")
    assert run(nlp, text) == []


def test_keeps_ages(nlp) -> None:
    q = single(nlp, "The 34-year-old mechanic was released on Friday.")
    assert (q.low, q.unit) == (34, "year of age")


def test_source_from_statement_and_hedge(nlp) -> None:
    text = "Mayor Ana Ruiz said that about 250 houses were damaged."
    start = text.index("that")
    statement = Statement(
        id="s1", speaker=Speaker(Span("Mayor Ana Ruiz", 0, 14), entity="e1", name="Ana Ruiz"),
        cue=Span("said", 15, 19), cue_lemma="say", content=Span(text[start:-1], start,
                                                                  len(text) - 1),
        kind="indirect", confidence=0.9, fragments=[(start, len(text) - 1)])
    q = run(nlp, text, [statement])[0]
    assert (q.statement, q.source_entity, q.source_name) == ("s1", "e1", "Ana Ruiz")


def test_unattributed_number_has_null_source(nlp) -> None:
    q = single(nlp, "The bridge carried 40,000 cars before it closed.")
    assert q.statement is None and q.source_name is None


def test_according_to_document_agent_and_belief_hedge(nlp) -> None:
    text = ("According to a report by Chilean and Peruvian engineers, the dam is believed to "
            "have held 9,000 tonnes of waste.")
    entity = Entity("e2", "Chile", "GPE", mentions=[(text.index("Chilean"),
                                                     text.index("Chilean") + 7)])
    q = run(nlp, text, entities=[entity])[0]
    assert q.source_name == "Chilean and Peruvian engineers"
    assert q.hedge == "believed" and q.unit == "t"


def test_anaphoric_noun_links_to_fuller_description(nlp) -> None:
    text = ("Nearly 900 Chilean soldiers were killed or wounded, while analysts estimated "
            "casualties to be closer to 600.")
    first, second = run(nlp, text)
    assert second.counted.text == "casualties" and second.refers_to == first.id
    assert second.hedge == "estimated" and second.approx


def test_seed_article(nlp, seed_article) -> None:
    found = run(nlp, seed_article.text)
    by_low = {q.low: q for q in found}
    troops, killed, casualties = by_low[10000], by_low[4000], by_low[1200]
    assert troops.high == 12000 and troops.span.text == "between 10,000 to 12,000"
    assert troops.to_json()["counted"] == "soldiers dispatched"
    assert "Ukrainian officials" in troops.source_name and troops.hedge == "believed"
    assert killed.approx and killed.to_json()["counted"] == (
        "North Korean servicemen killed or injured")
    assert casualties.refers_to == killed.id and casualties.approx


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [("The ticket cost 4 dollars 75 cents at the gate.", "4 dollars 75 cents", 4.75),
     ("Lunch was twelve dollars and sixty cents.", "twelve dollars and sixty cents", 12.6),
     ("The fee rose to 9 EUR 40.", "9 EUR 40", 9.4)],
)
def test_mixed_amounts_add_the_cents(nlp, text: str, span: str, value: float) -> None:
    q = single(nlp, text)
    assert (q.span.text, q.low) == (span, pytest.approx(value))


def test_cents_are_not_merged_into_a_count_or_a_priced_amount(nlp) -> None:
    found = run(nlp, "It cost 8 dollars and 30 people paid $2.50 and 12 more.")
    assert [q.low for q in found][:2] == [8, 30]


def test_currency_after_a_bare_number_closes_that_amount(nlp) -> None:
    first, second = run(nlp, "The bill listed 30 dollar 200 yen in cash.")
    assert (first.low, first.unit, second.low, second.unit) == (30, "USD", 200, "JPY")


def test_scale_after_a_currency_code(nlp) -> None:
    q = single(nlp, "The club lost 40 EUR million last season.")
    assert (q.low, q.unit) == (40e6, "EUR")


def test_number_inside_a_rate_is_not_counted_again(nlp) -> None:
    q = single(nlp, "Apples sold for 90 cents a dozen.")
    assert q.unit == "cent per dozen"


def test_spaced_hyphen_compound_and_slash_units(nlp) -> None:
    loan, lead = run(nlp, "The bank took a 10 - year loan; the water held 5 mg/L of lead.")
    assert (loan.low, loan.unit) == (10, "year")
    assert (lead.low, lead.unit) == (5, "mg per l")


def test_misspelled_temperature_scale_after_degrees(nlp) -> None:
    assert single(nlp, "It reached 98.4 degrees farenheit.").unit == "degF"


def test_skips_citations_figures_and_enumerated_lists(nlp) -> None:
    text = ("As shown in Fig. 3 and in rounds 2, 4 and 6, the yield rose [14] and fell (8), "
            "while the team played 3 games.")
    found = run(nlp, text)
    assert [(q.span.text, q.counted.text) for q in found] == [("3", "games")]


def test_colon_and_month_words_do_not_make_a_date(nlp) -> None:
    found = run(nlp, "Prices: 7 €, and the total was $ 1,204.50 march expenses.")
    assert [(q.low, q.unit) for q in found] == [(7, "EUR"), (1204.5, "USD")]


def test_minus_sign_inside_a_token(nlp) -> None:
    q = single(nlp, "The lake froze at −6°C overnight.")
    assert (q.low, q.unit) == (-6, "degC")


def test_counted_number_after_a_proper_noun(nlp) -> None:
    q = single(nlp, "The probe passed Titan 9 times.")
    assert q.low == 9 and q.counted.text == "times"
