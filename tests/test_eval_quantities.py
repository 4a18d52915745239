"""The quantity scorer on small CQE- and MeasEval-shaped folders written by the test."""

from __future__ import annotations

import json
from pathlib import Path

from claimscope.eval.quantities import (
    cqe_unit,
    normalize_gold_unit,
    pairs,
    run,
    unit_matches,
    value_matches,
)
from claimscope.eval.quantities_misses import cqe_misses
from claimscope.extract.quantities import extract_quantities
from claimscope.model import Article, Quantity, Span


def quantity(low: float | None, high: float | None, bound: str | None = None) -> Quantity:
    return Quantity(id="q1", span=Span("x", 0, 1), low=low, high=high, bound=bound)


def test_value_matching_convention() -> None:
    assert value_matches(quantity(5, 5), "5")
    assert value_matches(quantity(40, 50), "40-50")
    assert not value_matches(quantity(40, 50), "40")
    assert value_matches(quantity(500, None, "lower"), "500")
    assert value_matches(quantity(100 / 3, 100 / 3), "33.33")
    assert not value_matches(quantity(6, 6), "5")


def test_unit_matching_convention() -> None:
    assert unit_matches("dollar", "dollar")
    assert unit_matches("jet", "fighter jet")
    assert unit_matches("-", "count") and not unit_matches("-", "dollar")
    assert normalize_gold_unit("km") == "km" and normalize_gold_unit("participants") is None


def test_run_scores_written_sets(tmp_path: Path, nlp) -> None:
    cqe = tmp_path / "cqe"
    (cqe / "formatted_test_set").mkdir(parents=True)
    items = [
        {"text": "The ferry carried 45 cars and cost $2 million.",
         "quantities": [{"value": "45", "normalized_unit": "car"},
                        {"value": "2000000", "normalized_unit": "dollar"}]},
        {"text": "It weighed 7 kilograms.",
         "quantities": [{"value": "9", "normalized_unit": "kilogram"}]},
    ]
    (cqe / "formatted_test_set" / "currency-model.json").write_text(json.dumps(items))
    meas = tmp_path / "measeval" / "eval"
    (meas / "text").mkdir(parents=True)
    (meas / "tsv").mkdir()
    text = "The sample was about 12 mm wide."
    (meas / "text" / "d1.txt").write_text(text)
    header = "docId\tannotSet\tannotType\tstartOffset\tendOffset\tannotId\ttext\tother\n"
    row = 'd1\t1\tQuantity\t15\t26\tT1\tabout 12 mm\t{"unit": "mm", "mods": ["IsApproximate"]}\n'
    (meas / "tsv" / "d1.tsv").write_text(header + row)
    lines = run(cqe, tmp_path / "measeval", "eval")
    assert lines[0].startswith("cqe currency value P 0.667 R 0.667 F1 0.667")
    assert lines[1].startswith("cqe currency value+unit P 0.667 R 0.667")
    assert "measeval eval span exact P 1.000 R 1.000" in lines[4]
    assert lines[-1].startswith("measeval eval unit accuracy 1.000")


def test_gold_units_with_slash_and_rate_normalize_like_predictions() -> None:
    assert normalize_gold_unit("mg/L") == "mg per l"
    assert normalize_gold_unit("% per year") == "percent per year"
    assert normalize_gold_unit("mg/L per protein") is None


def test_repetitions_count_as_count(nlp) -> None:
    text = "The bell rang 4 times."
    article = Article(text=text, origin="test")
    doc = nlp(text)
    q = extract_quantities(doc, article, [], [])[0]
    assert cqe_unit(q, doc) == "-" and unit_matches(cqe_unit(q, doc), "count")


def test_unit_codes_translate_to_cqe_names_on_both_sides_of_a_rate() -> None:
    def named(unit: str) -> str:
        return cqe_unit(Quantity(id="q1", span=Span("x", 0, 1), low=1, high=1, unit=unit), None)

    assert [named(u) for u in ("dm", "MW", "bp", "cm3", "Mbit", "cent per kWh", "ug per g")] == [
        "decimetre", "megawatt", "basis point", "cubic centimetre", "megabit",
        "cent per kilowatt hour", "microgram per gram"]
    assert named("per km2") == "per square kilometre"


def test_gold_metre_symbol_is_a_unit_not_a_counted_noun() -> None:
    assert normalize_gold_unit("m") == "m" and normalize_gold_unit("m s−1") == "m per second"


def test_pairs_match_one_to_one_in_gold_order() -> None:
    preds = [quantity(5, 5), quantity(5, 5), quantity(7, 7)]
    golds = [{"value": "5"}, {"value": "7"}, {"value": "5"}, {"value": "5"}]
    assert pairs(preds, golds, lambda q, g: value_matches(q, g["value"])) == {0: 0, 1: 2, 2: 1}


def test_misses_listing_tells_unit_value_and_extra_apart(tmp_path: Path, nlp) -> None:
    folder = tmp_path / "formatted_test_set"
    folder.mkdir()
    items = [{"text": "The van carried 300 kilograms and 4 crates.",
              "quantities": [{"value": "300", "normalized_unit": "gram"},
                             {"value": "9", "normalized_unit": "crate"}]},
             {"text": "It rained for 2 hours.",
              "quantities": [{"value": "2", "normalized_unit": "hour"}]}]
    (folder / "dimension-model.json").write_text(json.dumps(items))
    found = list(cqe_misses(tmp_path, ["dimension-model"]))
    assert [kind for kind, _ in found] == ["", "unit", "value", "extra"]
    assert "gold 'gram', predicted 'kilogram'" in found[1][1]
    assert found[3][1].startswith("  extra  4 'crate'")
