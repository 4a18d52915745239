"""Typewriter quotation marks (''…'' and ``…''): found as quotations, read as direct speech."""

from __future__ import annotations

from claimscope.eval.spans import quoted_regions
from claimscope.extract.quotes import QuoteIndex, find_quotes
from test_statements import only, statements


def _outer(text: str) -> list[str]:
    return [text[q.outer_start : q.outer_end] for q in find_quotes(text)]


def test_two_apostrophes_alternate():
    text = "''Roads first,'' she said, ''then schools.''"
    assert _outer(text) == ["''Roads first,''", "''then schools.''"]
    assert [text[q.start : q.end] for q in find_quotes(text)] == ["Roads first,", "then schools."]


def test_backquotes_open_and_apostrophes_close():
    assert _outer("He wrote, ``the mill will stay open.'' Then he left.") == [
        "``the mill will stay open.''"
    ]


def test_single_quote_inside_typewriter_quote():
    text = "''Call it a 'fresh start,''' the clerk said."
    assert _outer(text) == ["''Call it a 'fresh start,'''"]


def test_typewriter_quote_open_at_paragraph_end():
    text = "''The ferry will run again\n''once the pier is fixed.''"
    quotes = find_quotes(text)
    assert [q.closed for q in quotes] == [False, True]
    assert QuoteIndex(quotes).opened_by(0) is quotes[0]


def test_eval_regions_take_typewriter_marks():
    text = "''Roads first,'' she said, ``then schools.'' It's late."
    assert [text[a:b] for a, b in quoted_regions(text)] == ["''Roads first,''", "``then schools.''"]


def test_typewriter_quote_runs_on_and_hides_its_cues(nlp):
    text = "''The dam is safe,'' the engineer said. ''They said it would fail. It held.''"
    found = statements(nlp, text)
    st = only(found, "said")
    assert st.content.text.endswith("''They said it would fail. It held.''")
    assert len(st.fragments) == 2


def test_running_quote_not_after_another_sentence(nlp):
    text = "“The dam is safe,” engineer Tomas Varga said. The rain stopped. “It held.”"
    st = only(statements(nlp, text), "said")
    assert st.content.text == "“The dam is safe,”"


def test_running_quote_past_a_statement_inside_the_gap(nlp):
    text = (
        "“The plan is sound,” said Ana Ruiz, who argued that taxes would fall. "
        "“It pays for itself.”"
    )
    found = statements(nlp, text)
    st = only(found, "said")
    assert st.content.text.endswith("“It pays for itself.”")
    assert only(found, "argued").content.text == "that taxes would fall"


def test_closing_mark_that_starts_a_paragraph_opens_a_quotation():
    text = "He spoke.\n”Fear is all I feel.” ― Edwin Monroy\nThen “he left.”"
    assert _outer(text) == ["”Fear is all I feel.”", "“he left.”"]
