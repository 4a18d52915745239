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
    assert [q.low for q in run(nlp, "It was -5 degrees; lows were -8 degrees.")] == [-5, -8]
    found = run(nlp, "Growth of -0.5% was reported; readings went from -5 to -2 degrees.")
    assert [q.low for q in found] == [-0.5, -5, -2]
    assert [q.low for q in run(nlp, "The COVID-19 wave reached ages 10 -12.")] == [10]


def test_counted_number_after_a_proper_noun(nlp) -> None:
    q = single(nlp, "The probe passed Titan 9 times.")
    assert q.low == 9 and q.counted.text == "times"


def units_of(nlp, text: str) -> list[tuple[str, float | None, str | None]]:
    return [(q.span.text, q.low, q.unit) for q in run(nlp, text)]


def test_rate_after_the_counted_noun_phrase(nlp) -> None:
    pulp = single(nlp, "The mill ships 4,000 tonnes of paper pulp a month.")
    assert (pulp.span.text, pulp.unit, pulp.counted.text) == (
        "4,000 tonnes", "t per month", "paper pulp")
    goals = single(nlp, "The striker averaged 2 goals a game this year.")
    assert (goals.unit, goals.counted.text) == ("per game", "goals")


def test_a_comparative_or_a_time_word_stops_the_rate(nlp) -> None:
    assert single(nlp, "Growers want 20 cents more per crate.").unit == "cent"
    assert single(nlp, "Police held 30 protesters a day later.").unit is None


def test_measures_and_trade_words_as_rate_denominators(nlp) -> None:
    assert units_of(nlp, "Power costs 14 cents per kilowatt-hour and rice $2 a pound.") == [
        ("14 cents per kilowatt-hour", 14, "cent per kWh"), ("$2 a pound", 2, "USD per lb")]
    assert single(nlp, "The inn charges $90 a night.").unit == "USD per night"
    assert single(nlp, "Each vial held 12 microgrammes per gramme.").unit == "ug per g"


def test_ages_after_aged_and_age(nlp) -> None:
    found = run(nlp, "The driver, aged 41, was unhurt, and the ward admits children under "
                     "age 12 and a calf aged 6 months.")
    assert [(q.span.text, q.low, q.unit) for q in found] == [
        ("aged 41", 41, "year of age"), ("age 12", 12, "year of age"),
        ("6 months", 6, "month of age")]
    assert single(nlp, "A 72 yo woman was admitted.").unit == "year of age"


def test_one_letter_metric_symbols_written_apart(nlp) -> None:
    assert units_of(nlp, "The wall is 3 m high and the slab measures 2 m x 4 m.") == [
        ("3 m", 3, "m"), ("2 m", 2, "m"), ("4 m", 4, "m")]
    assert units_of(nlp, "The 5G mast stood 30 m tall.") == [("30 m", 30, "m")]


def test_inches_after_feet_and_not_in_names(nlp) -> None:
    assert units_of(nlp, "The centre is 7 ft 1 in tall.") == [("7 ft", 7, "ft"),
                                                              ("1 in", 1, "in")]
    found = run(nlp, 'Members of the "Gang of Eight" saw a one-in-five chance.')
    assert [q.unit for q in found] == [None, None]


def test_unit_in_brackets(nlp) -> None:
    assert single(nlp, "The crate weighs 40 (kg) when empty.").unit == "kg"


def test_case_of_a_glued_letter_decides_the_unit(nlp) -> None:
    assert [q.unit for q in run(nlp, "It hit 38C in Seville, rents rose 4pc and a bun "
                                     "cost 30p.")] == ["degC", "percent", "penny"]


def test_period_closing_the_sentence_is_not_part_of_a_scale(nlp) -> None:
    assert (single(nlp, "The flat sold for $320K.").low) == 320_000
    club = single(nlp, "The club lost £8m.")
    assert (club.span.text, club.low, club.unit) == ("£8m", 8e6, "GBP")


def test_hyphenated_scale_word(nlp) -> None:
    q = single(nlp, "The bank booked a $2.5-billion charge.")
    assert (q.span.text, q.low, q.unit) == ("$2.5-billion", 2.5e9, "USD")


def test_minus_word_but_not_a_margin(nlp) -> None:
    cold = single(nlp, "Lows reached minus 12 degrees Celsius overnight.")
    assert (cold.span.text, cold.low, cold.unit) == ("minus 12 degrees Celsius", -12, "degC")
    assert single(nlp, "The survey has a margin of plus or minus 2 points.").low == 2


def test_a_minus_sign_turns_a_range_over(nlp) -> None:
    cold = single(nlp, "Overnight lows reached minus 10-12 degrees.")
    assert (cold.low, cold.high) == (-12, -10)
    worded = single(nlp, "Minus 10 to 12 degrees was the forecast.")
    assert (worded.low, worded.high) == (-12, -10)
    mild = single(nlp, "It was -3 to 4 degrees.")  # the sign is the first bound's
    assert (mild.low, mild.high) == (-3, 4)
    vague = single(nlp, "minus dozens")  # found by the property test: low was above high
    assert (vague.low, vague.high) == (-99, -24)
    assert single(nlp, "- 5 people were hurt in the blast.").low == 5  # a list bullet
    assert single(nlp, "Lows: -5 degrees overnight.").low == -5


def test_either_bound_of_a_range_keeps_its_own_sign(nlp) -> None:
    def bounds(text: str) -> list[tuple[float | None, float | None, str]]:
        return [(q.low, q.high, q.span.text) for q in run(nlp, text)]

    assert bounds("Lows of -10 to -12 degrees are expected.") == [(-12, -10, "-10 to -12 degrees")]
    assert bounds("It will be minus 10 to minus 12 degrees.") == [
        (-12, -10, "minus 10 to minus 12 degrees")]
    assert bounds("The forecast is between -3 and 4 degrees.") == [
        (-3, 4, "between -3 and 4 degrees")]
    assert bounds("Growth was -0.5% to -1.2% last quarter.") == [(-1.2, -0.5, "-0.5% to -1.2%")]
    assert bounds("Readings ranged from -5 to 2 degrees.") == [(-5, 2, "from -5 to 2 degrees")]
    assert bounds("Output fell from 5 to -2 percent.") == [(5, 5, "5"), (-2, -2, "-2 percent")]
    assert bounds("The ratio was about -14 per mil.")[0][:2] == (-14, -14)
    assert run(nlp, "The ratio was about -14 per mil.")[0].approx


def test_a_plus_sign_keeps_its_number_and_a_phone_number_is_no_quantity(nlp) -> None:
    def bounds(text: str) -> list[tuple[float | None, float | None, str]]:
        return [(q.low, q.high, q.span.text) for q in run(nlp, text)]

    assert bounds("Growth was +3.5% in May.") == [(3.5, 3.5, "+3.5%")]
    assert bounds("Sales changed by +10% to -20% last year.") == [(-20, 10, "+10% to -20%")]
    assert bounds("Call +44 20 7946 0000 for details.") == []
    assert bounds("Call +1 (202) 555-0143 now.") == []


def test_unit_shared_across_a_list_a_product_and_a_change(nlp) -> None:
    found = run(nlp, "Doses of 1, 5 and 10 mg were tested, rates rose from 2 to 4 percent, "
                     "and the hall is 20 by 30 feet.")
    assert [(q.low, q.unit) for q in found] == [
        (1, "mg"), (5, "mg"), (10, "mg"), (2, "percent"), (4, "percent"), (20, "ft"),
        (30, "ft")]
    found = run(nlp, "Voters split between the two and up to 20 percent stayed home.")
    assert [q.unit for q in found] == [None, "percent"]


def test_pounds_after_a_payment_word_are_sterling(nlp) -> None:
    found = run(nlp, "She paid 40 pounds for the ticket and later lost 10 pounds.")
    assert [q.unit for q in found] == ["GBP", "lb"]


def test_glued_dollar_prefix_letter(nlp) -> None:
    found = run(nlp, "Fares start at A$59, plus a $5 fee.")
    assert [(q.low, q.unit) for q in found] == [(59, "AUD"), (5, "USD")]


def test_exponents_after_a_length_and_negative_ones(nlp) -> None:
    assert single(nlp, "The plot covers 450m2 of land.").unit == "m2"
    assert single(nlp, "Winds averaged 7 m s−1 on the ridge.").unit == "m per second"


def test_metric_prefixes_from_the_generated_lexicon(nlp) -> None:
    found = run(nlp, "The crack is 4 decimetres long and the film 3 nanometres thick.")
    assert [q.unit for q in found] == ["dm", "nm"]


def test_enumeration_marks_and_house_numbers_are_not_quantities(nlp) -> None:
    assert run(nlp, "Their demands: 1) wages; 2) rents.") == []
    found = run(nlp, "The shop at 221 Baker Street hired 12 staff.")
    assert [(q.low, q.counted.text) for q in found] == [(12, "staff")]


def test_double_space_is_not_a_glued_letter(nlp) -> None:
    q = single(nlp, "Sales were $ 14 million  last year.")
    assert (q.low, q.unit) == (14e6, "USD")


def test_hyphenated_percentage_point(nlp) -> None:
    q = single(nlp, "She held a 10 percentage-point lead.")
    assert (q.span.text, q.unit) == ("10 percentage-point", "percentage point")


def test_number_set_in_a_poll_takes_the_poll_as_source(nlp) -> None:
    found = run(nlp, "In the latest Gallup poll, 41 percent of voters approved of the plan.")
    sources = [(q.span.text, q.source_name) for q in found]
    assert sources == [("41 percent", "the latest Gallup poll")]
    q = single(nlp, "She trails by 6 points in a survey by the Siena College Research Institute.")
    assert q.source_name == "the Siena College Research Institute"
    assert q.statement is None


def test_poll_gives_no_source_to_its_sample_or_a_time_adjunct(nlp) -> None:
    q = single(nlp, "In a survey of 1,000 voters, most backed the plan.")
    assert q.source_name is None
    text = "Ten days after the vote, the senator led the race by 4 points in the same poll."
    sources = {q.span.text: q.source_name for q in run(nlp, text)}
    assert sources == {"Ten days": None, "4": "the same poll"}
