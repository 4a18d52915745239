"""Statement extraction: each construction pinned down with a sentence of our own."""

from __future__ import annotations

from datetime import date

import pytest

from claimscope.extract.entities import extract_entities
from claimscope.extract.statements import after_dateline, extract_statements
from claimscope.model import Article, Statement


def statements(nlp, text: str) -> list[Statement]:
    article = Article(text=text, origin="test", published=date(2025, 4, 28))
    doc = nlp(article.text)
    found = extract_statements(doc, article, extract_entities(doc, article))
    for st in found:
        spans = [st.cue, st.content] + ([st.speaker.span] if st.speaker else [])
        for span in spans:
            assert article.text[span.start : span.end] == span.text
        for s, e in st.fragments:
            assert st.content.start <= s < e <= st.content.end
    return found


def only(found: list[Statement], cue: str) -> Statement:
    matches = [s for s in found if s.cue.text == cue]
    assert len(matches) == 1, [s.cue.text for s in found]
    return matches[0]


def test_indirect_that_clause(nlp):
    st = only(
        statements(nlp, "The defence minister said that the bridge had been repaired."), "said"
    )
    assert st.speaker and st.speaker.span.text == "The defence minister"
    assert st.content.text == "that the bridge had been repaired"
    assert st.kind == "indirect"


# Curly quotation marks, and the typewriter pairs some wires use (''…'' and ``…'').
QUOTE_STYLES = pytest.mark.parametrize("o,c", [("“", "”"), ("''", "''"), ("``", "''")])


@QUOTE_STYLES
def test_direct_quote_before_cue(nlp, o, c):
    st = only(
        statements(nlp, f"{o}We will rebuild every school,{c} Mayor Elena Brandt said on Tuesday."),
        "said",
    )
    assert st.speaker and st.speaker.span.text == "Mayor Elena Brandt"
    assert st.content.text == f"{o}We will rebuild every school,{c}"
    assert st.kind == "direct"


@QUOTE_STYLES
def test_direct_quote_after_colon(nlp, o, c):
    st = only(
        statements(nlp, f"The governor told reporters: {o}The roads will reopen by Friday.{c}"),
        "told",
    )
    assert st.content.text == f"{o}The roads will reopen by Friday.{c}"
    assert st.kind == "direct"


@QUOTE_STYLES
def test_quote_split_around_cue_is_one_statement(nlp, o, c):
    found = statements(
        nlp, f"{o}The harvest was poor,{c} the farmer said, {o}but we will manage until spring.{c}"
    )
    st = only(found, "said")
    assert len(st.fragments) == 2
    assert st.content.text.startswith(f"{o}The harvest was poor,{c}")
    assert st.content.text.endswith(f"{o}but we will manage until spring.{c}")
    assert st.kind == "direct"


def test_quote_continued_in_next_sentence(nlp):
    text = "“The dam is safe,” engineer Tomas Varga said. “We inspected it twice this week.”"
    st = only(statements(nlp, text), "said")
    assert len(st.fragments) == 2
    assert st.content.text.endswith("“We inspected it twice this week.”")


def test_a_quotation_closing_a_paragraph_is_no_content_of_the_next_paragraphs_cue(nlp):
    text = (
        "“The levy will hold through June,” the engineer said. “We checked every gate twice.”"
        "\n\nCity officials declined to comment on the report."
    )
    found = statements(nlp, text)
    said = only(found, "said")
    assert said.content.text.endswith("“We checked every gate twice.”")
    assert len(said.fragments) == 2
    assert all("gate" not in s.content.text for s in found if s is not said)


def test_mixed_speech(nlp):
    st = only(
        statements(
            nlp,
            "The opposition leader claimed that the vote count was “deeply flawed” in two "
            "districts.",
        ),
        "claimed",
    )
    assert st.kind == "mixed"
    assert "“deeply flawed”" in st.content.text


def test_according_to(nlp):
    found = statements(
        nlp,
        "According to the regional health office, 40 patients were treated for smoke inhalation.",
    )
    st = only(found, "According to")
    assert st.speaker and st.speaker.span.text == "the regional health office"
    assert st.content.text == "40 patients were treated for smoke inhalation"


def test_according_to_keeps_the_sources_appositive_out_of_the_content(nlp):
    found = statements(
        nlp,
        "According to Muhammad Babar, a spokesman for the center, 4,000 soldiers were killed.",
    )
    st = only(found, "According to")
    assert st.speaker and st.speaker.span.text == "Muhammad Babar, a spokesman for the center"
    assert st.content.text == "4,000 soldiers were killed"


def test_a_poll_leading_its_clause_is_the_source(nlp):
    found = statements(
        nlp,
        "In the latest Harbor Institute poll, conducted in March, 61 percent of residents backed "
        "the new ferry line.",
    )
    st = only(found, "In")
    assert st.speaker
    assert st.speaker.span.text == "the latest Harbor Institute poll, conducted in March"
    assert st.content.text == "61 percent of residents backed the new ferry line"


def test_a_survey_after_its_clause_is_the_source_without_the_aside_after_it(nlp):
    found = statements(
        nlp,
        "But the mayor fell to 31 percent in a Coastal Research survey released Tuesday, a drop "
        "driven by the bridge closures.",
    )
    st = only(found, "in")
    assert st.speaker and st.speaker.span.text == "a Coastal Research survey released Tuesday"
    assert st.content.text == "the mayor fell to 31 percent"


@pytest.mark.parametrize(
    "text",
    [
        "The ballots were counted in the polling station on Main Street.",
        "Despite her low standing in the polls, the senator won the debate.",
    ],
)
def test_a_place_or_an_opening_phrase_is_no_source(nlp, text):
    assert [s.cue.text for s in statements(nlp, text)] == []


def test_what_someone_seems_to_do_is_content_without_a_source(nlp):
    st = only(
        statements(nlp, "The harbour master has seemed to accept the blame for the late ferries."),
        "has seemed",
    )
    assert st.speaker is None
    text = "The harbour master has seemed to accept the blame for the late ferries."
    assert [text[a:b] for a, b in st.fragments] == [
        "The harbour master",
        "to accept the blame for the late ferries",
    ]


def test_it_appears_that_takes_the_clause_alone(nlp):
    st = only(statements(nlp, "It appears that the talks on the bridge have stalled."), "appears")
    assert st.speaker is None and st.content.text == "that the talks on the bridge have stalled"


def test_appearing_somewhere_is_no_statement(nlp):
    assert statements(nlp, "The mayor appeared on the morning news on Sunday.") == []


def test_criticism_and_concern_are_reporting_nouns(nlp):
    found = statements(
        nlp,
        "The council has faced criticism from shopkeepers that the new toll will empty the "
        "high street. There is growing concern that the ferry will stop in winter.",
    )
    criticism = only(found, "criticism")
    assert criticism.speaker and criticism.speaker.span.text == "shopkeepers"
    assert criticism.content.text == "that the new toll will empty the high street"
    concern = only(found, "concern")
    assert concern.speaker is None
    assert concern.content.text == "that the ferry will stop in winter"


def test_fronted_content_with_trailing_cue(nlp):
    st = only(
        statements(nlp, "The ceasefire is holding, a United Nations spokesperson said."), "said"
    )
    assert st.speaker and st.speaker.span.text == "a United Nations spokesperson"
    assert st.content.text == "The ceasefire is holding"


def test_passive_agent_is_the_speaker(nlp):
    st = only(
        statements(nlp, "The figures were disputed by the statistics bureau."), "were disputed"
    )
    assert st.speaker and st.speaker.span.text == "the statistics bureau"


def test_relative_pronoun_speaker_resolves_to_the_antecedent(nlp):
    found = statements(
        nlp, "The plan was criticised by Helsinki, which contends that the costs are understated."
    )
    st = only(found, "contends")
    assert st.speaker and st.speaker.span.text == "which"
    assert st.speaker.name == "Government of Finland"
    assert st.content.text == "that the costs are understated"
    criticised = only(found, "was criticised")
    assert criticised.speaker and criticised.speaker.span.text == "Helsinki"


def test_while_clause_is_a_separate_statement(nlp):
    found = statements(
        nlp,
        "The union indicated that about 300 workers had joined the strike, while the "
        "company has estimated the number to be closer to 120.",
    )
    first = only(found, "indicated")
    assert first.content.text == "that about 300 workers had joined the strike"
    second = only(found, "has estimated")
    assert second.speaker and second.speaker.span.text == "the company"
    assert "120" in second.content.text


def test_pronoun_speaker_resolves_to_the_subject_before(nlp):
    text = (
        "Prime Minister Ada Lindqvist thanked Governor Paul Reyes for his help. "
        "She said, “We owe the volunteers a great deal.”"
    )
    st = only(statements(nlp, text), "said")
    assert st.speaker and st.speaker.span.text == "She"
    assert st.speaker.name is not None and "Lindqvist" in st.speaker.name


@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [
        (  # a nominal takes the description of an unnamed earlier speaker
            "The island's coastal ferry service said four crossings had been cancelled. "
            "The service said the harbour would reopen on Friday.",
            "The service",
            "island's coastal ferry service",
        ),
        (  # through an apposition
            "Hollander Energy, the regional utility, said 8,000 homes were still without "
            "power. The utility said crews would work through the night.",
            "The utility",
            "Hollander Energy",
        ),
        (  # they: a plural speaker just before
            "The Water Board said the pipes were safe. Teachers at the Elm Street school said "
            "they had reported brown water in March. They said nobody had answered their "
            "letters.",
            "They",
            "teachers at the Elm Street school",
        ),
        (  # they: a plural subject that made no statement
            "The port authority raised mooring fees by a third. Trawler owners in Kelby reacted "
            "with anger. They said the increase would put smaller boats out of business.",
            "They",
            "trawler owners in Kelby",
        ),
        (  # a document: whoever issued it
            "Marrin Foods issued a statement on Sunday evening. The statement said that the "
            "recalled jars had been sold in four regions.",
            "The statement",
            "Marrin Foods",
        ),
        (  # a nominal read up to its first comma
            "The Ostmark Rail Company said it would close two depots. The statement, released "
            "on Monday, said 90 jobs would go.",
            "The statement, released on Monday,",
            "Ostmark Rail Company",
        ),
        (  # it: an organization named by its type as the subject just before
            "The Coastal Survey Office sent two ships to the bay in May. The office will "
            "publish its charts next year. It estimated that the channel had silted up by a "
            "metre.",
            "It",
            "Coastal Survey Office",
        ),
    ],
)
def test_speaker_resolves_to(nlp, text, mention, name):
    found = [s for s in statements(nlp, text) if s.speaker and s.speaker.span.text == mention]
    assert len(found) == 1
    assert found[0].speaker.name == name


def test_titled_name_the_parser_calls_an_organization_is_a_person(nlp):
    text = (
        "Councilwoman Nadia Brandt, who chairs the transport committee, said the tram was late. "
        "She said the contractor would pay a penalty."
    )
    doc = nlp(text)
    article = Article(text=text, origin="test", published=date(2025, 4, 28))
    people = [e for e in extract_entities(doc, article) if e.type == "PERSON"]
    assert [e.name for e in people] == ["Nadia Brandt"]
    st = [s for s in statements(nlp, text) if s.speaker and s.speaker.span.text == "She"]
    assert len(st) == 1 and st[0].speaker.name == "Nadia Brandt"


def test_reporting_noun_with_that_clause(nlp):
    found = statements(nlp, "Officials rejected the claim that the reservoir was contaminated.")
    st = only(found, "claim")
    assert st.content.text == "that the reservoir was contaminated"


def test_no_statement_without_reporting(nlp):
    assert statements(nlp, "The river rose two metres overnight and flooded the lower town.") == []


@pytest.mark.parametrize(
    "cue",
    [
        "asserted",
        "emphasized",
        "continued",
        "stated",
        "claimed",
        "contends",
        "previously indicated",
        "have estimated",
        "According to",
    ],
)
def test_seed_article_statements(nlp, seed_article, cue):
    doc = nlp(seed_article.text)
    found = extract_statements(doc, seed_article, extract_entities(doc, seed_article))
    assert any(s.cue.text == cue for s in found), [s.cue.text for s in found]


def test_seed_article_speakers(nlp, seed_article):
    doc = nlp(seed_article.text)
    found = extract_statements(doc, seed_article, extract_entities(doc, seed_article))
    by_cue = {s.cue.text: s for s in found}
    assert by_cue["stated"].speaker.span.text == "He"
    assert "Putin" in (by_cue["stated"].speaker.name or "")
    assert by_cue["contends"].speaker.span.text == "which"
    assert by_cue["contends"].speaker.name == "Government of Ukraine"
    assert by_cue["claimed"].speaker.span.text == "Gerasimov"
    assert (
        by_cue["previously indicated"].speaker.span.text
        == "Ukrainian President Volodymyr Zelenskyy"
    )
    assert by_cue["have estimated"].speaker.span.text == "U.S. officials"
    assert by_cue["According to"].speaker.span.text == (
        "intelligence assessments from U.S., South Korean, and Ukrainian officials"
    )
    assert (
        by_cue["contends"].content.text
        == "that Moscow’s assertions “do not correspond to reality.”"
    )


def test_relative_clause_rebuttal_takes_the_noun_it_hangs_on(nlp):
    found = statements(
        nlp, "The agency put the toll at 900, a figure that Finland's government disputed Monday."
    )
    st = only(found, "disputed Monday")
    assert st.speaker and st.speaker.span.text == "Finland's government"
    assert st.content.text == "a figure"


def test_possessive_pronoun_speaker_of_a_reporting_noun_is_resolved(nlp):
    found = statements(
        nlp, "The Harbour Authority repeated its claim that the channel was safe for ferries."
    )
    st = only(found, "claim")
    assert st.speaker and st.speaker.span.text == "its"
    assert st.speaker.name is not None and "Harbour Authority" in st.speaker.name


def test_cue_keeps_its_occasion_and_adverbs(nlp):
    found = statements(
        nlp, "The mayor has also said in a statement that the bridge will reopen in May."
    )
    st = found[0]
    assert st.cue.text == "has also said in a statement"
    assert st.content.text == "that the bridge will reopen in May"


def test_labelled_headline_line(nlp):
    found = statements(nlp, "Lindqvist: Ferry Fares Will Not Rise This Year\n\nThe minister spoke.")
    st = only(found, ":")
    assert st.speaker and st.speaker.span.text == "Lindqvist"
    assert st.content.text == "Ferry Fares Will Not Rise This Year"


def test_labelled_transcript_line_inside_a_running_quotation(nlp):
    text = 'Partial transcript:\n\n"HOST: Will the ferry run on Monday\n\n"BRANDT: It will.'
    found = [s for s in statements(nlp, text) if s.cue.text == ":"]
    assert [(s.speaker and s.speaker.span.text, s.content.text) for s in found] == [
        ("HOST", "Will the ferry run on Monday"),
        ("BRANDT", "It will"),
    ]
    quoted = statements(nlp, '"Common sense: we rebuild the pier first," the mayor said.')
    assert not [s for s in quoted if s.cue.text == ":"]


def test_quotations_signed_with_a_dash_and_a_name(nlp):
    text = (
        "Readers wrote to us after the debate.\n"
        "“The council forgot the harbour workers.” ― Marta Lindqvist\n"
        "“Nobody asked the fishermen.”― Tomas K. Berg.\n\n"
        '"Fares must fall before winter."\n\n- Councillor Ana Ruiz.\n'
    )
    found = [s for s in statements(nlp, text) if s.cue.text in "―-"]
    assert [(s.cue.text, s.speaker and s.speaker.span.text, s.content.text) for s in found] == [
        ("―", "Marta Lindqvist", "“The council forgot the harbour workers.”"),
        ("―", "Tomas K. Berg", "“Nobody asked the fishermen.”"),
        ("-", "Councillor Ana Ruiz", '"Fares must fall before winter."'),
    ]
    assert all(s.kind == "direct" for s in found)


def test_embedded_post_signed_with_a_handle(nlp):
    text = (
        "The mayor answered online.\n\n"
        "The ferry runs again on Monday. pic.twitter.com/AbC123 — Elena Brandt (@elenabrandt) "
        "July 5, 2025\n"
    )
    st = only(statements(nlp, text), "—")
    assert st.speaker and st.speaker.span.text == "Elena Brandt (@elenabrandt)"
    assert st.content.text == "The ferry runs again on Monday."
    glued = "The pier is shut.https://t.co/x1 — Ana Ruiz (@anaruiz) July 6, 2025\n"
    assert only(statements(nlp, glued), "—").content.text == "The pier is shut."


def test_a_dash_after_a_quotation_inside_a_sentence_signs_nothing(nlp):
    text = "The clerk called the plan “a start” - Mayor Brandt disagreed.\nShe said nothing more."
    assert not [s for s in statements(nlp, text) if s.cue.text == "-"]


def test_a_signature_ends_its_quotation(nlp):
    text = "“The council forgot the harbour workers.” ― Marta Lindqvist\n“Nobody asked us.”\n"
    st = only(statements(nlp, text), "―")
    assert st.fragments == [(0, text.index(" ―"))]


def test_a_participle_takes_the_subject_after_a_dateline(nlp):
    text = (
        "Border talks stall\n\nKYIV — Ukraine's navy on Sunday rejected Moscow's account of the "
        "collision, saying its patrol boat had stayed in Ukrainian waters."
    )
    st = only(statements(nlp, text), "saying")
    assert st.speaker and st.speaker.span.text.startswith("Ukraine's navy")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("WASHINGTON -- President Obama said the talks would resume.", "President"),
        ("BRUSSELS - European leaders said the talks would resume.", "European"),
        ("SEOUL (Meridian Wire) — North Korea said the talks would resume.", "North"),
        ("NATO-led forces said the talks would resume.", "NATO"),
    ],
)
def test_a_speaker_phrase_starts_after_its_dateline(nlp, text, speaker):
    doc = nlp(text)
    said = next(t.i for t in doc if t.text == "said")
    assert doc[after_dateline(doc, 0, said - 1)].text == speaker


def test_a_quotation_after_a_paragraph_break_keeps_its_own_attribution(nlp):
    text = (
        "The navy said its ships were still at sea and that talks were continuing.\n\n"
        "\u201cNo ship has been lost,\u201d the fleet commander said in a statement."
    )
    found = statements(nlp, text)
    quoted = [s for s in found if "No ship has been lost" in s.content.text]
    assert [s.cue.text for s in quoted] == ["said in a statement"]


def test_a_colon_leads_into_the_quoted_paragraph_after_it(nlp):
    text = "The commander said:\n\n\u201cNo ship has been lost.\u201d"
    st = only(statements(nlp, text), "said:")
    assert "No ship has been lost" in st.content.text


def test_a_reporting_noun_inside_an_attributed_content_makes_no_statement(nlp):
    text = (
        "Mara Lind, the agency's director, lashed out at the ministry in a statement, calling "
        'its casualty estimates "a fiction written to hide the damage."'
    )
    cues = [s.cue.text for s in statements(nlp, text)]
    assert "calling" in cues and "estimates" not in cues


def test_a_reporting_clause_set_inside_what_it_reports(nlp):
    text = "The new bridge, the mayor said, would cost less than the old ferry."
    st = only(statements(nlp, text), "said")
    assert st.speaker and st.speaker.span.text == "the mayor"
    assert [text[a:b] for a, b in st.fragments] == [
        "The new bridge",
        "would cost less than the old ferry",
    ]


def test_a_parenthetical_reporting_clause_is_not_the_content_of_the_verb_it_interrupts(nlp):
    text = (
        "The rebels have declared a ceasefire before, the monitors noted, only to break it "
        "within days."
    )
    found = statements(nlp, text)
    noted = only(found, "noted")
    assert noted.speaker and noted.speaker.span.text == "the monitors"
    assert noted.content.text.startswith("The rebels have declared a ceasefire before")
    assert all(
        "the monitors noted" not in text[a:b] for s in found for a, b in s.fragments
    ), [(s.cue.text, s.fragments) for s in found]


@pytest.mark.parametrize(
    ("first_line", "named"),
    [
        ("Navy's top commander says the fleet is ready", True),  # a headline
        ("The navy's top commander says the fleet is ready.", False),  # a sentence
    ],
)
def test_a_role_in_the_headline_names_the_person_the_text_introduces_with_it(
    nlp, first_line, named
):
    text = (
        f"{first_line}\n\n"
        "Petra Lindqvist, the commander of the northern fleet, said on Friday that all ships "
        "had returned to port."
    )
    found = [s for s in statements(nlp, text) if s.cue.text == "says"]
    assert len(found) == 1 and found[0].speaker is not None
    assert (found[0].speaker.name == "Petra Lindqvist") is named
