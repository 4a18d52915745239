"""Reconcile at scale: time and peak memory of ``reconcile.build.rebuild`` on synthetic stores.

For each size (default 10k and 100k articles) a store is filled through ``Store.add`` with
synthetic article results (no spaCy): every article has a text of about 120 words from one of
many story templates, each story set in its own (invented) place, entity mentions, two
statements, two quantities and a dispute rebutting "the agency's count for <place>" of the
story published a week earlier, so linking it needs a search of the other articles by that rare
word; one article in ten is a light rewrite of another (a syndicated copy). Then, each in a
fresh child process so peak RSS is its own: the baseline (one streaming pass reading every
stored quantity, ``Store.quantities``) and the full rebuild (duplicates, measures, disputes).
Reported: seconds, peak RSS in MiB, and the ratio of rebuild to baseline time.

    python benchmarks/reconcile_bench.py [--sizes 10000 100000] [--dir /tmp/rcbench]
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from claimscope.model import (
    Article,
    ArticleResult,
    Dispute,
    Entity,
    Quantity,
    Span,
    Speaker,
    Statement,
)
from claimscope.store import open_store

COUNTRIES = ["Slovenia", "Greece", "France", "Portugal", "Chile", "Kenya", "Japan", "Norway"]
WORDS = ("river bridge valley council report market road school village station harbour "
         "forest winter budget railway hospital rescue storm border power water").split()
SYLLABLES = "ka lo mi ve ru sa te no bi da fe go hu ji pe zo ra li mu ne".split()


def _place(story: int) -> str:
    """A made-up place name, one per story up to 8,000 stories."""
    return "".join(SYLLABLES[(story // 20**i) % 20] for i in range(3)).capitalize()


def _story(k: int) -> int:
    """The story article ``k`` tells: its own, or for a copy that of article k // 10."""
    return k // 10 if k % 10 == 9 else k


def _article(k: int, rng: random.Random) -> ArticleResult:
    country = COUNTRIES[k % len(COUNTRIES)]
    story = _story(k)
    srng = random.Random(story)
    filler = " ".join(srng.choice(WORDS) for _ in range(90))
    n1, n2 = srng.randint(10, 900), srng.randint(1000, 90000)
    place = _place(story)
    lead = f"Floods in {place}, {country} have killed at least {n1} people, the agency said."
    body = f"{lead} The Red Cross said that {n2:,} residents had been evacuated. {filler}"
    if k % 10 == 9:
        body = body.replace("residents", "people", 1)
    text = f"{body} Story {story} copy {k}."
    art = Article(text=text, origin=f"synthetic:{k}", title=f"Story {story}",
                  url=f"https://bench.test/{k}", outlet=f"Outlet {k % 50}",
                  published=date(2025, 1, 1) + timedelta(days=k % 300))
    c_at = text.index(country)
    ents = [Entity("e1", country, "GPE", mentions=[(c_at, c_at + len(country))]),
            Entity("e2", "Red Cross", "ORG", mentions=[(text.index("Red Cross"),
                                                        text.index("Red Cross") + 9)])]
    said = text.index("said")
    st1 = Statement("s1", None, Span("said", said, said + 4), "say",
                    Span(lead, 0, len(lead) - 1), "indirect", 0.8)
    rc = text.index("The Red Cross")
    st2 = Statement("s2", Speaker(Span("The Red Cross", rc, rc + 13), "e2", "Red Cross"),
                    Span("said", rc + 14, rc + 18), "say",
                    Span(text[rc + 24 : text.index(". ", rc)], rc + 24, text.index(". ", rc)),
                    "indirect", 0.9)
    quants = []
    for qid, value, noun in (("q1", n1, "people"), ("q2", n2, "residents")):
        s = text.index(f"{value:,}" if value >= 1000 else str(value))
        e = s + len(f"{value:,}" if value >= 1000 else str(value))
        ns = text.index(noun if k % 10 != 9 else "people", e)
        ne = text.index(" ", ns)
        quants.append(Quantity(qid, Span(text[s:e], s, e), float(value), float(value),
                               counted=Span(text[ns:ne], ns, ne), category="people"))
    claim = f"the agency's count for {_place(_story(max(0, k - 7)))}"
    disputes = [Dispute("d1", "s2", claim, Span("said", rc + 14, rc + 18))]
    return ArticleResult(art, ents, [st1, st2], quants, [], disputes)


def fill(db: Path, n: int) -> None:
    store = open_store(db)
    rng = random.Random(n)
    for k in range(n):
        store.add(_article(k, rng))
    store.close()


def child(db: str, what: str) -> None:
    """Run one measured step in this process; print seconds and peak RSS (MiB)."""
    store = open_store(db)
    start = time.perf_counter()
    if what == "baseline":
        sum(1 for _ in store.quantities())
    else:
        from claimscope.reconcile.build import rebuild

        rebuild(store)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{seconds:.2f} {peak:.1f}")


def measure(db: Path, what: str) -> tuple[float, float]:
    out = subprocess.run([sys.executable, __file__, "--child", str(db), what],
                         check=True, capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/rcbench"))
    parser.add_argument("--child", nargs=2)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    args.dir.mkdir(parents=True, exist_ok=True)
    print(f"{'articles':>9} {'fill s':>8} {'baseline s':>10} {'rebuild s':>10} {'ratio':>6} "
          f"{'base MiB':>9} {'rebuild MiB':>11}")
    for n in args.sizes:
        db = args.dir / f"bench-{n}.sqlite"
        for old in args.dir.glob(f"bench-{n}.sqlite*"):
            old.unlink()
        t0 = time.perf_counter()
        fill(db, n)
        filled = time.perf_counter() - t0
        base_s, base_mb = measure(db, "baseline")
        rec_s, rec_mb = measure(db, "rebuild")
        print(f"{n:>9} {filled:>8.1f} {base_s:>10.2f} {rec_s:>10.2f} {rec_s / base_s:>6.1f} "
              f"{base_mb:>9.0f} {rec_mb:>11.0f}", flush=True)


if __name__ == "__main__":
    main()
