"""Tests for the resolve package without spaCy: normalization, tables, merge rules, keys."""

from __future__ import annotations

from claimscope.model import Entity
from claimscope.resolve import canonical_key
from claimscope.resolve.clusters import Mention
from claimscope.resolve.gazetteer import government_name, load
from claimscope.resolve.merge import merge
from claimscope.resolve.normalize import acronym, is_acronym, name_key, person_key


def test_name_key_folds_punctuation_case_and_the() -> None:
    assert name_key("U.S.") == name_key("US") == "us"
    assert name_key("the Kremlin") == "kremlin"
    assert name_key("Moscow’s") == "moscow"
    assert name_key("Kim Jong-un") == name_key("Kim Jong Un")


def test_person_key_folds_romanizations_but_not_different_names() -> None:
    assert person_key("Zelenskyy") == person_key("Zelenskiy") == person_key("Zelensky")
    assert person_key("Valeriy Gerasimov") == person_key("Valery Gerasimov")
    assert person_key("Sergey Lavrov") == person_key("Sergei Lavrov")
    assert person_key("Kim Jong Un") != person_key("Kim Jong Il")
    assert person_key("Kim Jong Un") != person_key("Kim Yo Jong")


def test_acronyms() -> None:
    assert acronym("Institute for the Study of War") == "ISW"
    assert acronym("Korean Central News Agency") == "KCNA"
    assert is_acronym("U.N.") and is_acronym("NIS")
    assert not is_acronym("Nato") and not is_acronym("Kyiv")


def test_tables_know_variants_and_types() -> None:
    gaz = load()
    assert gaz.lookup("DPRK").ref == gaz.lookup("Democratic People's Republic of Korea").ref
    assert gaz.lookup("N. Korea").ref.name == "North Korea"
    assert gaz.lookup("North Korean").kind == "demonym"
    kiev, kyiv = gaz.lookup("Kiev"), gaz.lookup("Kyiv")
    assert kiev == kyiv and kyiv.kind == "capital"
    assert kyiv.ref.type == "GPE" and kyiv.alt.name == "Government of Ukraine"
    assert gaz.lookup("the Kremlin").ref.type == "GOV"
    assert gaz.lookup("Pentagon").ref == gaz.lookup("Department of Defense").ref
    assert gaz.lookup("KCNA").ref.name == "Korean Central News Agency"
    assert gaz.lookup("Kim Jong-un").ref.qid == "Q56226"
    assert gaz.lookup("Korea") is None  # ambiguous: declined on purpose


def test_tables_have_unique_qids_and_no_conflicting_keys() -> None:
    gaz = load()
    by_qid: dict[str, str] = {}
    for entry in [*gaz.names.values(), *gaz.people.values()]:
        if entry.ref.qid:
            assert by_qid.setdefault(entry.ref.qid, entry.ref.name) == entry.ref.name


def test_government_name_convention() -> None:
    assert government_name("Ukraine") == "Government of Ukraine"
    assert government_name("United States") == "Government of the United States"


def test_roles_follow_terms_of_office() -> None:
    from datetime import date

    terms = load().roles["u.s. president"]
    in_office = {t.person for t in terms if t.covers(date(2023, 6, 1))}
    assert in_office == {"Joe Biden"}


def _person(start: int, text: str) -> Mention:
    return Mention(start, start + len(text), text, "PERSON")


def test_lone_name_joins_the_only_owner_and_declines_when_two() -> None:
    gaz = load()
    one = merge([_person(0, "John Smith"), _person(30, "Smith")], gaz)
    assert len(one) == 1 and len(one[0].mentions) == 2
    two = merge([_person(0, "John Smith"), _person(20, "Mary Smith"), _person(40, "Smith")], gaz)
    assert len(two) == 3
    lone = next(c for c in two if c.ref.name == "Smith")
    assert lone.confidence < 0.5


def test_acronym_joins_the_organization_it_spells() -> None:
    name = "Baltic Maritime Safety Council"
    clusters = merge([Mention(0, len(name), name, "ORG"), Mention(50, 54, "BMSC", "ORG")], load())
    assert len(clusters) == 1 and clusters[0].ref.name == name


def test_canonical_key() -> None:
    assert canonical_key(Entity("e1", "Kim Jong Un", "PERSON", wikidata="Q56226")) == "Q56226"
    gov = Entity("e2", "Government of Ukraine", "GOV")
    assert canonical_key(gov) == "GOV:government of ukraine"
    a = Entity("e3", "Valeriy Gerasimov", "PERSON", confidence=0.8)
    b = Entity("e7", "Valery Gerasimov", "PERSON", confidence=0.9)
    assert canonical_key(a) == canonical_key(b)
    lone = Entity("e4", "Smith", "PERSON", confidence=0.6)
    assert canonical_key(lone, "art1") != canonical_key(lone, "art2")
    unsure = Entity("e5", "Kim", "PERSON", confidence=0.3)
    assert canonical_key(unsure, "art1").endswith("@art1")


def test_lone_name_joins_the_one_named_before_it() -> None:
    mentions = [_person(0, "Kim Jong Un"), _person(20, "Kim"), _person(40, "Kim Yo Jong")]
    clusters = merge(mentions, load())
    assert len(clusters) == 2 and len(clusters[0].mentions) == 2
