"""TimeML loading and TempEval-3 scoring, on a TimeML document written for the test."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from claimscope.eval import times as scorer
from claimscope.eval.timeml import GoldTimex, parse_timeml
from claimscope.extract.times import Timex

DOCUMENT = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2025-04-24" functionInDocument="CREATION_TIME">April
24, 2025</TIMEX3></DCT>
<TEXT>
Ports &amp; mills closed <TIMEX3 tid="t1" type="DATE" value="2025-04-21">Monday</TIMEX3>, and
<EVENT eid="e1">reopened</EVENT> <TIMEX3 tid="t2" type="DURATION" value="P2D">two days</TIMEX3>
later.
</TEXT>
</TimeML>
"""


def test_parse_maps_offsets_onto_plain_text() -> None:
    doc = parse_timeml(DOCUMENT, "test.tml")
    assert doc.dct == date(2025, 4, 24)
    assert "&amp;" not in doc.text and "<EVENT" not in doc.text
    assert [(t.text, t.value, t.type) for t in doc.timexes] == [
        ("Monday", "2025-04-21", "DATE"), ("two days", "P2D", "DURATION")]
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text


def test_relaxed_match_and_value_scoring() -> None:
    gold = [GoldTimex(0, 6, "Monday", "DATE", "2025-04-21"),
            GoldTimex(10, 18, "two days", "DURATION", "P2D")]
    system = [Timex(0, 6, "Monday", "2025-04-21", "DATE"),
              Timex(10, 24, "two days later", "2025-04-23", "DATE"),
              Timex(30, 33, "now", "PRESENT_REF", "DATE")]
    counts = scorer.Counts()
    scorer.score_document(system, gold, counts)
    assert (counts.system, counts.gold, counts.strict, counts.relaxed) == (3, 2, 1, 2)
    assert counts.correct == {"value": 1, "type": 1}
    lines = scorer.report(counts, 1)
    assert lines[3] == "value P 33.3 R 50.0 F1 40.0"


def test_week_values_compare_padded() -> None:
    assert scorer.canonical_value("2000-W8") == scorer.canonical_value("2000-W08")


def test_run_over_a_folder(tmp_path: Path, nlp) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.tml").write_text(DOCUMENT, encoding="utf-8")
    lines = scorer.run(tmp_path)
    assert lines[0] == "documents 1 gold 2 system 2"
    assert lines[2] == "relaxed P 100.0 R 100.0 F1 100.0"
    assert lines[3] == "value P 50.0 R 50.0 F1 50.0"  # "two days later" is read as a date
