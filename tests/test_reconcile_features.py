"""Measure keys, the ledger summary and conflicts, and MinHash near-duplicates (no spaCy)."""

from __future__ import annotations

from datetime import date

from claimscope.reconcile.duplicates import signature, similarity
from claimscope.reconcile.features import Mention, measure_key
from claimscope.reconcile.ledger import as_of_date, build_measures


def _q(text: str, number: str, counted: str | None, category: str | None = "casualties") -> dict:
    start = text.index(number)
    q = {"start": start, "end": start + len(number), "unit": None, "source_name": None,
         "entity": None, "counted_start": None, "counted_end": None,
         "record": {"category": category, "counted": counted}}
    if counted:
        cs = text.index(counted)
        q["counted_start"], q["counted_end"] = cs, cs + len(counted)
    return q


def _mentions(text: str, *names: tuple[str, str]) -> list[Mention]:
    return [Mention(text.index(s), text.index(s) + len(s), n, "GPE") for s, n in names]


def test_wordings_of_one_measure_share_a_key() -> None:
    a = "He said that around 4,000 North Korean servicemen were killed or injured."
    b = "Officials said 1,200 North Korean soldiers have been killed or wounded so far."
    c = "The ministry said North Korean casualties were about 1,100."
    keys = {
        measure_key(_q(t, n, cnt), t, _mentions(t, ("North Korean", "North Korea")), None, "")
        for t, n, cnt in [(a, "around 4,000", "North Korean servicemen"),
                          (b, "1,200", "North Korean soldiers"),
                          (c, "about 1,100", "North Korean casualties")]
    }
    assert len(keys) == 1
    assert next(iter(keys)).kind == "killed or wounded"


def test_killed_sent_and_windows_stay_apart() -> None:
    t1 = "The agency said that some 600 North Korean soldiers had died."
    t2 = "North Korea sent about 11,000 soldiers to Russia."
    t3 = "Ukraine killed or wounded 24 more North Korean soldiers in the past week alone."
    m = [("North Korea", "North Korea"), ("North Korean", "North Korea")]
    k1 = measure_key(_q(t1, "some 600", "North Korean soldiers"), t1,
                     _mentions(t1, m[1]), None, "")
    k2 = measure_key(_q(t2, "about 11,000", "soldiers", "troops"), t2,
                     _mentions(t2, m[0], ("Russia", "Russia")), None, "")
    k3 = measure_key(_q(t3, "24", None), t3, _mentions(t3, m[1], ("Ukraine", "Ukraine")),
                     None, "")
    assert (k1.kind, k2.kind, k3.kind) == ("killed", "sent", "killed or wounded")
    assert k2.subject == "North Korea" and k3.subject == "North Korea"
    assert k3.window == "past week" and k1.window == ""


def test_as_of_dates() -> None:
    assert as_of_date("2025-W17", None) == date(2025, 4, 21)
    assert as_of_date("2024-FA", None) == date(2024, 9, 1)
    assert as_of_date(None, date(2025, 1, 2)) == date(2025, 1, 2)


def _row(qid: str, low: float | None, high: float | None, source: str, origin: str,
         outlet: str, bound: str | None = None) -> dict:
    return {"measure_key": "k", "measure": "X: killed", "subject": "X", "id": qid,
            "article_id": origin, "text": "n", "start": 0, "end": 1, "low": low, "high": high,
            "approx": False, "bound": bound, "unit": None, "counted": None, "source_name": None,
            "as_of": "2025-05-01", "statement_id": None, "entity": source, "outlet": outlet,
            "url": None, "published": date(2025, 5, 1), "title": None, "origin": origin}


def test_summary_conflict_and_syndicated_copies_counted_once() -> None:
    rows = [_row("a:q1", 1100, 1300, "Pentagon", "a", "Wire"),
            _row("b:q1", 1100, 1300, "Pentagon", "a", "Copy"),
            _row("c:q1", 4000, 4000, "Zelenskyy", "c", "Post"),
            _row("d:q1", 76000, None, "Moscow", "d", "Ledger", bound="lower")]
    (m,) = build_measures(iter(rows))
    assert len(m["estimates"]) == 3
    assert m["estimates"][0]["outlets"] == ["Copy", "Wire"]
    assert m["summary"]["low"] == {"value": 1100, "source": "Pentagon", "outlet": "Wire"}
    assert m["summary"]["high"]["source"] == "Moscow"
    assert m["conflict"] and m["ratio"] == round(76000 / 1300, 2)  # the widest gap


def test_overlapping_ranges_do_not_conflict() -> None:
    rows = [_row("a:q1", 10000, 12000, "US", "a", "W"),
            _row("b:q1", 11000, 11000, "NIS", "b", "P"),
            _row("c:q1", None, 15000, "Carrow", "c", "L", bound="upper")]
    (m,) = build_measures(iter(rows))
    assert not m["conflict"] and m["ratio"] is None


def test_minhash_finds_light_rewrites_only() -> None:
    base = " ".join(f"word{i}" for i in range(200))
    rewrite = base.replace("word50", "other").replace("word120 word121 word122", "")
    unrelated = " ".join(f"term{i}" for i in range(200))
    assert similarity(signature(base).tobytes(), signature(rewrite).tobytes()) > 0.7
    assert similarity(signature(base).tobytes(), signature(unrelated).tobytes()) < 0.1
