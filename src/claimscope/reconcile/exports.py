"""Exports of reconciled results: the estimates CSV and ClaimReview-style JSON-LD for disputes.

``claimreview`` writes one schema.org ``ClaimReview`` per dispute: the rebuttal is the review
(author = the rebutting speaker, ``reviewBody`` its words), the ``itemReviewed`` is the claim
(``Claim`` with its author, appearance and date), and the extension field
``claimscope:rebuts`` carries the claim-to-claim link (statement ids on both sides, resolved or
not, and how it was linked: in the article or across articles).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import IO, Any

ESTIMATE_FIELDS = ["measure", "source", "low", "high", "as_of", "outlet", "url"]


def estimate_rows(measures: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for m in measures:
        for e in m["estimates"]:
            yield {"measure": m["measure"], "source": e["source"], "low": e["low"],
                   "high": e["high"], "as_of": e["as_of"], "outlet": e["outlet"],
                   "url": e["url"]}


def write_estimates_csv(measures: list[dict[str, Any]], stream: IO[str]) -> None:
    writer = csv.DictWriter(stream, fieldnames=ESTIMATE_FIELDS)
    writer.writeheader()
    writer.writerows(estimate_rows(measures))


def claimreview(disputes: list[dict[str, Any]]) -> dict[str, Any]:
    """A JSON-LD document with one ClaimReview per dispute."""
    graph = []
    for d in disputes:
        claim, rebuttal = d["claim"], d["rebuttal"]
        item: dict[str, Any] = {"@type": "Claim", "text": d["claim_text"]}
        if claim is not None:
            item.update({
                "author": {"@type": "Thing", "name": claim["speaker"]},
                "datePublished": claim["date"],
                "appearance": {"@type": "NewsArticle", "url": claim["url"],
                               "publisher": claim["outlet"]},
            })
        graph.append({
            "@type": "ClaimReview",
            "@id": f"claimscope:dispute/{d['id']}",
            "datePublished": rebuttal["date"],
            "url": rebuttal["url"],
            "author": {"@type": "Thing", "name": rebuttal["speaker"]},
            "reviewBody": rebuttal["text"],
            "reviewRating": {"@type": "Rating", "alternateName": rebuttal["cue"]},
            "itemReviewed": item,
            "claimscope:rebuts": {
                "rebuttal": rebuttal["statement"],
                "claim": claim["statement"] if claim else None,
                "resolved": d["resolved"],
                "link": d["link"],
                "outlets": d["outlets"],
            },
        })
    return {"@context": {"@vocab": "https://schema.org/",
                         "claimscope": "https://claimscope.test/ns#"},
            "@graph": graph}
