"""Synthetic news corpus for the benchmarks: realistic articles with varied speakers, numbers,
quotes and dates, written as JSON Lines shards so anyone can re-run the benchmarks without
third-party text.

Every article is built from templates written for claimscope and filled from invented names,
places and organisations; the same seed always gives the same corpus.

    python benchmarks/corpus.py OUT_DIR --articles 20000 [--per-file 1000] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path

FIRST = (
    "Amara Lena Tomas Ines Viktor Sofia Rahim Mei Jonas Priya Oskar Hana Mateo Yusuf Clara Dmitri "
    "Aiko Farah Lucas Nadia Emeka Greta Tariq Elena Kofi Ingrid Rafael Leila Anton Zainab Marek "
    "Lucia Idris Freya Hugo Salma Pavel Noor Felix Ayesha"
).split()
LAST = (
    "Koval Okafor Lindqvist Haddad Moreau Tanaka Brennan Mwangi Petrov Castillo Nakamura Osei "
    "Varga Delacroix Rahman Albright Novak Chen Ferreira Ibrahim Kowalski Sato Mendes Larsen "
    "Quispe Abara Dumont Yilmaz Horvath Silva Nyberg Adeyemi Russo Kaplan Morales Lindgren"
).split()
ROLES = [
    "the finance minister",
    "the port director",
    "a spokesman for the interior ministry",
    "the mayor",
    "the chief economist at Harlow Bank",
    "a senior health official",
    "the head of the electoral commission",
    "the defence minister",
    "a union leader",
    "the opposition leader",
    "an analyst at the Carrow Institute",
    "the regional governor",
]
ORGS = [
    "the Ministry of Finance",
    "the National Statistics Office",
    "the Harbour Authority",
    "the Central Bank",
    "the World Food Programme",
    "the Red Cross",
    "the Electoral Commission",
    "the Ministry of Health",
    "Marlow Energy",
    "the Carrow Institute for Security Studies",
    "the Teachers' Union",
    "the Coast Guard",
]
PLACES = [
    "Velmora",
    "Castelbruck",
    "Port Arlen",
    "Drovnik",
    "Saint Maren",
    "Ostrava Bay",
    "Kelso",
    "Tarsin",
    "Lower Brenna",
    "Alderholm",
]
COUNTRIES = ["Norland", "Estavia", "the Republic of Calder", "Vesperia", "Ardania", "Montrel"]
COUNTED = [
    ("people", "were evacuated"),
    ("homes", "were damaged"),
    ("jobs", "would be cut"),
    ("ships", "were waiting outside the port"),
    ("soldiers", "had been deployed"),
    ("patients", "were admitted to hospital"),
    ("voters", "had registered"),
    ("schools", "remained closed"),
    ("families", "had received aid"),
    ("flights", "were cancelled"),
]
CUES = ["said", "told reporters", "stated", "added", "claimed", "warned", "insisted", "noted"]
INDIRECT_CUES = ["said", "estimated", "claimed", "reported", "acknowledged", "denied", "argued"]
TIMES = [
    "on Monday",
    "on Tuesday",
    "last week",
    "earlier this month",
    "in March",
    "late on Friday",
    "in the fall of last year",
    "two days later",
    "by the end of the year",
    "since January",
]
TOPICS = [
    ("budget", "The government presented its budget for next year"),
    ("storm", "A storm swept across the coast overnight"),
    ("election", "Voters prepare for a closely watched election"),
    ("strike", "Dock workers walked out in a dispute over pay"),
    ("outbreak", "Health officials are tracking an outbreak of measles"),
    ("border", "Tension rose along the northern border"),
    ("energy", "Energy prices climbed for the third month in a row"),
    ("harvest", "Farmers counted the cost of a poor harvest"),
]
OUTLETS = ["The Harbour Ledger", "Meridian Wire", "Baltic Desk", "Northgate Times", "Lantern Post"]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _number(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.35:
        return f"{rng.randrange(12, 9_000):,}"
    if kind < 0.55:
        low = rng.randrange(1, 40) * 100
        return f"between {low:,} and {low + rng.randrange(1, 20) * 100:,}"
    if kind < 0.7:
        return f"{rng.choice(['about', 'nearly', 'more than', 'at least', 'up to'])} "
    if kind < 0.85:
        return rng.choice(["two dozen", "hundreds of", "thousands of", "half of the", "a dozen"])
    return f"{rng.randrange(2, 95)} percent of the"


def _quantity_phrase(rng: random.Random) -> str:
    counted, predicate = rng.choice(COUNTED)
    number = _number(rng)
    if number.endswith(" "):
        number += f"{rng.randrange(100, 50_000):,}"
    return f"{number} {counted} {predicate}"


def _money(rng: random.Random) -> str:
    return rng.choice(
        [
            f"${rng.randrange(2, 900)} million",
            f"{rng.randrange(1, 40)} billion euros",
            f"${rng.randrange(100, 9_000):,} a month",
        ]
    )


def _paragraph(rng: random.Random, place: str) -> str:
    speaker = _person(rng)
    role = rng.choice(ROLES)
    org = rng.choice(ORGS)
    time = rng.choice(TIMES)
    shape = rng.randrange(9)
    if shape == 0:
        return (
            f"“We have {rng.choice(['never', 'always', 'repeatedly'])} said that "
            f"{_quantity_phrase(rng)} in {place},” {speaker}, {role}, {rng.choice(CUES)} {time}. "
            f"“The figures will be published in full.”"
        )
    if shape == 1:
        return (
            f"{org[0].upper()}{org[1:]} {rng.choice(INDIRECT_CUES)} "
            f"that {_quantity_phrase(rng)} {time}, a figure that {speaker} of "
            f"{rng.choice(ORGS)} dismissed as "
            f"{rng.choice(['far too low', 'exaggerated', 'propaganda'])}."
        )
    if shape == 2:
        return (
            f"According to {org}, {_quantity_phrase(rng)} across {place} {time}, while "
            f"{rng.choice(COUNTRIES)} put the number closer to {rng.randrange(100, 20_000):,}."
        )
    if shape == 3:
        return (
            f"“This is not acceptable,” {speaker} said. “People in {place} deserve better, and "
            f"they deserve the truth about what happened {time}.” She added that {_money(rng)} "
            f"had been set aside for repairs."
        )
    if shape == 4:
        return (
            f"{speaker}, {role}, told the {rng.choice(OUTLETS)} that the plan would cost "
            f"{_money(rng)} and that {_quantity_phrase(rng)}. He declined to say when the work "
            f"would begin."
        )
    if shape == 5:
        return (
            f"The claim that {_quantity_phrase(rng)} was denied by {org}, which said its own "
            f"count, completed {time}, showed {rng.randrange(3, 70)} percent fewer."
        )
    if shape == 6:
        return (
            f"Residents of {place} described long queues and empty shelves. “We waited for "
            f"{rng.randrange(2, 12)} hours and nobody came,” said {speaker}, a "
            f"{rng.randrange(24, 80)}-year-old "
            f"{rng.choice(['teacher', 'nurse', 'fisherman', 'driver'])}."
        )
    if shape == 7:
        return (
            f"In a statement released {time}, {org} estimated that {_quantity_phrase(rng)}. "
            f"The statement continued: “Our teams are working around the clock.”"
        )
    return (
        f"{rng.choice(COUNTRIES)} has {rng.choice(['rejected', 'welcomed', 'questioned'])} the "
        f"findings. Officials there insisted that no more than {rng.randrange(5, 500):,} "
        f"{rng.choice(COUNTED)[0]} were affected {time}, and that the report by "
        f"{rng.choice(ORGS)} relied on {rng.choice(['old', 'partial', 'unverified'])} data."
    )


def article(rng: random.Random, number: int, start: date) -> dict[str, str]:
    """One synthetic article as a JSON Lines record."""
    topic, lead = rng.choice(TOPICS)
    place = rng.choice(PLACES)
    published = start + timedelta(days=rng.randrange(365))
    paragraphs = [f"{lead}, and officials in {place} said more help was on its way."]
    paragraphs += [_paragraph(rng, place) for _ in range(rng.randrange(12, 21))]
    outlet = rng.choice(OUTLETS)
    return {
        "title": f"{place}: {lead.split(',')[0]} ({topic} #{number})",
        "url": f"https://{outlet.lower().replace(' ', '-')}.test/{published:%Y/%m}/{number}",
        "outlet": outlet,
        "published": published.isoformat(),
        "text": "\n\n".join(paragraphs),
    }


def write_corpus(out: Path, articles: int, per_file: int = 1000, seed: int = 7) -> list[Path]:
    """Write ``articles`` synthetic articles as JSON Lines files of ``per_file`` each."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    for first in range(0, articles, per_file):
        path = out / f"news-{first // per_file:05d}.jsonl"
        with path.open("w", encoding="utf-8") as stream:
            for number in range(first, min(first + per_file, articles)):
                record = article(rng, number, date(2024, 1, 1))
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        files.append(path)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--per-file", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    files = write_corpus(args.out, args.articles, args.per_file, args.seed)
    print(f"wrote {args.articles} articles in {len(files)} files under {args.out}")


if __name__ == "__main__":
    main()
