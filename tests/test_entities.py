"""Tests for entity extraction on articles we wrote and on the seed article."""

from __future__ import annotations

from datetime import date

import pytest

from claimscope.extract.entities import entity_at, extract_entities
from claimscope.model import Article, Entity


@pytest.fixture(scope="module")
def extract(nlp):
    def run(text: str, published: date | None = date(2025, 4, 28)) -> list[Entity]:
        article = Article(text=text, origin="test", published=published)
        return extract_entities(nlp(article.text), article)

    return run


def _named(entities: list[Entity], name: str) -> Entity:
    return next(e for e in entities if e.name == name)


def _at(entities: list[Entity], text: str, surface: str, nth: int = 0) -> Entity | None:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return entity_at(entities, start, start + len(surface))


def test_offsets_are_evidence(seed_article, nlp) -> None:
    entities = extract_entities(nlp(seed_article.text), seed_article)
    assert [e.id for e in entities] == [f"e{i}" for i in range(1, len(entities) + 1)]
    for entity in entities:
        for start, end in entity.mentions:
            assert seed_article.text[start:end] in entity.aliases


def test_seed_article(seed_article, nlp) -> None:
    text = seed_article.text
    entities = extract_entities(nlp(text), seed_article)
    kims = [e for e in entities if "Kim" in e.name]
    assert len(kims) == 1 and kims[0].wikidata == "Q56226"
    assert {"Kim Jong Un", "Kim Jong-un"} <= set(kims[0].aliases)
    kyiv = _at(entities, text, "Kyiv")
    assert kyiv is not None and (kyiv.name, kyiv.type) == ("Government of Ukraine", "GOV")
    dprk = _at(entities, text, "DPRK")
    assert dprk is not None and dprk.name == "North Korea" and dprk.type == "GPE"
    kursk = _at(entities, text, "Kursk")
    assert kursk is not None and kursk.type == "GPE"
    assert _at(entities, text, "Moscow").name == "Government of Russia"
    assert _at(entities, text, "Russian President Vladimir Putin").name == "Vladimir Putin"
    assert _at(entities, text, "U.S. officials").name == "United States"
    assert _at(entities, text, "North Korean servicemen").name == "North Korea"
    assert _at(entities, text, "KCNA").name == "Korean Central News Agency"


def test_capital_as_government_and_as_city(extract) -> None:
    text = ("Washington accused Tehran of lying. Later, the envoy arrived in Washington "
            "for talks, and Moscow's assertions were dismissed.")
    entities = extract(text)
    assert _at(entities, text, "Washington").type == "GOV"
    assert _at(entities, text, "Tehran").name == "Government of Iran"
    city = _at(entities, text, "Washington", nth=1)
    assert city.type == "GPE" and city.wikidata == "Q61"
    assert _at(entities, text, "Moscow").name == "Government of Russia"


def test_people_variants_and_near_misses(extract) -> None:
    text = ("Kim Jong-un met his sister Kim Yo Jong in Pyongyang. Comrade Kim Jong Un spoke. "
            "Zelenskiy said Ukraine would not yield, and Volodymyr Zelensky thanked allies.")
    entities = extract(text)
    un, yo = _named(entities, "Kim Jong Un"), _named(entities, "Kim Yo Jong")
    assert len(un.mentions) == 2 and un is not yo
    zel = _named(entities, "Volodymyr Zelenskyy")
    assert len(zel.mentions) == 2 and zel.wikidata == "Q3874799"


def test_lone_name_declined_when_two_people_share_it(extract) -> None:
    text = "Kim Jong Un and Kim Yo Jong attended. Kim spoke first."
    entities = extract(text)
    lone = _at(entities, text, "Kim", nth=2)
    assert lone is not None and lone.name == "Kim" and lone.confidence < 0.5


def test_role_joins_the_office_holder_named_in_the_article(extract) -> None:
    text = "Kim Jong Un inspected a factory. The North Korean leader praised the workers."
    entities = extract(text)
    assert _at(entities, text, "North Korean leader").name == "Kim Jong Un"
    absent = "The North Korean leader praised the workers."
    role = _at(extract(absent), absent, "North Korean")
    assert role is not None and role.name == "North Korea"


def test_role_uses_the_publication_date(extract) -> None:
    text = "Kim Jong Il and Kim Jong Un appeared together. The North Korean leader waved."
    then = extract(text, date(2005, 1, 1))
    assert _at(then, text, "North Korean leader").name == "Kim Jong Il"
    now = extract(text, date(2025, 1, 1))
    assert _at(now, text, "North Korean leader").name == "Kim Jong Un"


def test_organizations_acronyms_and_missed_names(extract) -> None:
    text = ("The Pentagon said the Defense Department would respond. The Baltic Maritime "
            "Safety Council warned ships, and the BMSC said mines were drifting. Mira Okafor, "
            "an analyst, agreed. Okafor said more was needed.")
    entities = extract(text)
    pentagon = _at(entities, text, "Pentagon")
    assert pentagon is _at(entities, text, "Defense Department") and pentagon.type == "ORG"
    council = _at(entities, text, "Baltic Maritime Safety Council")
    assert council is not None and _at(entities, text, "BMSC") is council
    okafor = _named(entities, "Mira Okafor")
    assert len(okafor.mentions) == 2
