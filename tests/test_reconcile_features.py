"""Measure keys, the ledger summary and conflicts, and MinHash near-duplicates (no spaCy)."""

from __future__ import annotations

from datetime import date

from claimscope.reconcile.duplicates import signature, similarity
from claimscope.reconcile.features import (
    ArticleContext,
    MeasureKey,
    Mention,
    Previous,
    article_country,
    measure_key,
)
from claimscope.reconcile.ledger import as_of_date, build_measures


def _q(
    text: str,
    number: str,
    counted: str | None,
    category: str | None = "casualties",
    **extra: object,
) -> dict:
    start = text.index(number)
    q = {
        "start": start,
        "end": start + len(number),
        "unit": None,
        "source_name": None,
        "entity": None,
        "counted_start": None,
        "counted_end": None,
        "record": {"category": category, "counted": counted},
        **extra,
    }
    if counted:
        cs = text.index(counted)
        q["counted_start"], q["counted_end"] = cs, cs + len(counted)
    return q


def _mentions(text: str, *names: tuple[str, str]) -> list[Mention]:
    return [Mention(text.index(s), text.index(s) + len(s), n, "GPE") for s, n in names]


def _key(
    q: dict,
    text: str,
    mentions: list[Mention],
    previous: Previous | None = None,
    fallback: str = "",
    published: str | None = None,
) -> MeasureKey | None:
    return measure_key(q, ArticleContext(text, mentions, fallback, published), previous)


def test_wordings_of_one_measure_share_a_key() -> None:
    a = "He said that around 4,000 North Korean servicemen were killed or injured."
    b = "Officials said 1,200 North Korean soldiers have been killed or wounded so far."
    c = "The ministry said North Korean casualties were about 1,100."
    keys = {
        _key(_q(t, n, cnt), t, _mentions(t, ("North Korean", "North Korea")))
        for t, n, cnt in [
            (a, "around 4,000", "North Korean servicemen"),
            (b, "1,200", "North Korean soldiers"),
            (c, "about 1,100", "North Korean casualties"),
        ]
    }
    assert len(keys) == 1
    assert next(iter(keys)).kind == "killed or wounded"


def test_killed_sent_and_windows_stay_apart() -> None:
    t1 = "The agency said that some 600 North Korean soldiers had died."
    t2 = "North Korea sent about 11,000 soldiers to Russia."
    t3 = "Ukraine killed or wounded 24 more North Korean soldiers in the past week alone."
    m = [("North Korea", "North Korea"), ("North Korean", "North Korea")]
    k1 = _key(_q(t1, "some 600", "North Korean soldiers"), t1, _mentions(t1, m[1]))
    k2 = _key(
        _q(t2, "about 11,000", "soldiers", "troops"), t2, _mentions(t2, m[0], ("Russia", "Russia"))
    )
    k3 = _key(_q(t3, "24", None), t3, _mentions(t3, m[1], ("Ukraine", "Ukraine")))
    assert (k1.kind, k2.kind, k3.kind) == ("killed", "sent", "killed or wounded")
    assert k2.subject == "North Korea" and k3.subject == "North Korea"
    assert k3.window == "past week" and k1.window == ""


def test_agent_before_the_number_is_not_counted_and_an_anaphor_refers_back() -> None:
    text = (
        "Zelenskyy said around 4,000 North Korean servicemen were killed or injured, while "
        "U.S. officials have put the toll closer to 1,200."
    )
    mentions = _mentions(text, ("North Korean", "North Korea"), ("U.S.", "United States"))
    first = _key(_q(text, "around 4,000", "North Korean servicemen"), text, mentions)
    assert first is not None
    q = _q(
        text,
        "closer to 1,200",
        "U.S. officials",
        "people",
        high=1200.0,
        record={
            "category": "people",
            "counted": "U.S. officials put",
            "predicate_span": {"start": text.index("put"), "end": text.index("put") + 3},
        },
    )
    previous = Previous(first, text.index(" North Korean"), 4000.0)
    assert _key(q, text, mentions, previous) == first
    far = Previous(first, text.index(" North Korean"), 40.0)  # not the same order of magnitude
    assert _key(q, text, mentions, far) is None


def test_one_day_events_on_different_days_stay_apart() -> None:
    text = "The union said that 900,000 workers joined the strike."
    q = _q(text, "900,000", "workers", "people")
    monday = _key({**q, "as_of": "2025-03-06"}, text, [], published="2025-03-06")
    tuesday = _key({**q, "as_of": "2025-03-11"}, text, [], published="2025-03-11")
    assert monday is not None and tuesday is not None
    assert monday.kind == tuesday.kind == "on strike"
    assert monday.window == "2025-03-06" and monday != tuesday
    later = "Police counted 45,000 protesters in the capital."
    q2 = _q(later, "45,000", "protesters", "people", as_of="2025-03-07")
    follow = _key(q2, later, [], Previous(monday, 0, 900000.0), published="2025-03-07")
    assert follow is not None and follow.window == "2025-03-06"  # the publication day: inherit


def test_party_pronoun_takes_the_source_party_and_turnout_is_no_party() -> None:
    text = "Chega said that it had won 22 percent of the vote, with turnout at 61 percent."
    q = _q(
        text, "22 percent", "vote", "share", unit="percent", source_name="The far-right Chega party"
    )
    share = _key(q, text, [], fallback="Portugal")
    assert share is not None and (share.subject, share.kind) == ("Chega", "vote share")
    turnout = _key(
        _q(text, "61 percent", None, "share", unit="percent"),
        text,
        [],
        Previous(share, q["end"], 22.0),
        fallback="Portugal",
    )
    assert turnout is not None and (turnout.subject, turnout.kind) == ("Portugal", "turnout")


def test_article_country_without_a_country_named() -> None:
    assert article_country([Mention(0, 5, "Paris", "GPE")], {}) == "France"
    savinja = [Mention(0, 7, "Savinja", "GPE")]
    assert article_country(savinja, {"Savinja": "Slovenia"}) == "Slovenia"
    assert article_country(savinja, {}) == "Savinja"


def test_as_of_dates() -> None:
    assert as_of_date("2025-W17", None) == date(2025, 4, 21)
    assert as_of_date("2024-FA", None) == date(2024, 9, 1)
    assert as_of_date(None, date(2025, 1, 2)) == date(2025, 1, 2)


def _row(
    qid: str,
    low: float | None,
    high: float | None,
    source: str,
    origin: str,
    outlet: str,
    bound: str | None = None,
) -> dict:
    return {
        "measure_key": "k",
        "measure": "X: killed",
        "subject": "X",
        "id": qid,
        "article_id": origin,
        "text": "n",
        "start": 0,
        "end": 1,
        "low": low,
        "high": high,
        "approx": False,
        "bound": bound,
        "unit": None,
        "counted": None,
        "source_name": None,
        "as_of": "2025-05-01",
        "statement_id": None,
        "entity": source,
        "outlet": outlet,
        "url": None,
        "published": date(2025, 5, 1),
        "title": None,
        "origin": origin,
    }


def test_summary_conflict_and_syndicated_copies_counted_once() -> None:
    rows = [
        _row("a:q1", 1100, 1300, "Pentagon", "a", "Wire"),
        _row("b:q1", 1100, 1300, "Pentagon", "a", "Copy"),
        _row("c:q1", 4000, 4000, "Zelenskyy", "c", "Post"),
        _row("d:q1", 76000, None, "Moscow", "d", "Ledger", bound="lower"),
    ]
    (m,) = build_measures(iter(rows))
    assert len(m["estimates"]) == 3
    assert m["estimates"][0]["outlets"] == ["Copy", "Wire"]
    assert m["summary"]["low"] == {"value": 1100, "source": "Pentagon", "outlet": "Wire"}
    assert m["summary"]["high"]["source"] == "Moscow"
    assert m["conflict"] and m["ratio"] == round(76000 / 1300, 2)  # the widest gap


def test_overlapping_ranges_do_not_conflict() -> None:
    rows = [
        _row("a:q1", 10000, 12000, "US", "a", "W"),
        _row("b:q1", 11000, 11000, "NIS", "b", "P"),
        _row("c:q1", None, 15000, "Carrow", "c", "L", bound="upper"),
    ]
    (m,) = build_measures(iter(rows))
    assert not m["conflict"] and m["ratio"] is None


def test_minhash_finds_light_rewrites_only() -> None:
    base = " ".join(f"word{i}" for i in range(200))
    rewrite = base.replace("word50", "other").replace("word120 word121 word122", "")
    unrelated = " ".join(f"term{i}" for i in range(200))
    assert similarity(signature(base).tobytes(), signature(rewrite).tobytes()) > 0.7
    assert similarity(signature(base).tobytes(), signature(unrelated).tobytes()) < 0.1


def test_copies_of_one_origin_carry_an_unattributed_estimate_once() -> None:
    from datetime import date

    from claimscope.reconcile.ledger import build_measures

    def row(n: int, outlet: str, origin: str) -> dict:
        return {
            "id": f"a{n}:q1", "article_id": f"a{n}", "origin": origin, "measure_key": "k",
            "measure": "Harbour: ships delayed", "subject": "Harbour", "entity": None,
            "source_name": None, "outlet": outlet, "low": 80.0, "high": 80.0, "approx": True,
            "bound": None, "as_of": "2025-03-04", "published": date(2025, 3, 4),
            "url": None, "text": "about 80", "start": 10, "end": 18, "counted": "ships",
        }  # fmt: skip

    rows = [row(1, "Port Wire", "a1"), row(2, "Coast Daily", "a1"), row(3, "Bay News", "a3")]
    (measure,) = build_measures(iter(rows))
    outlets = sorted(tuple(e["outlets"]) for e in measure["estimates"])
    assert outlets == [("Bay News",), ("Coast Daily", "Port Wire")]
