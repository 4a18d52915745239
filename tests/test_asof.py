"""As-of dates: content time first, then the statement time, then the publication date."""

from __future__ import annotations

from datetime import date

from claimscope.extract.asof import assign_as_of
from claimscope.model import Article, ArticleResult, Quantity, Span, Statement, TimeRef


def span(text: str, piece: str) -> Span:
    start = text.index(piece)
    return Span(piece, start, start + len(piece))


def time(text: str, piece: str, value: str, granularity: str, anchor: str | None = None) -> TimeRef:
    return TimeRef("t", span(text, piece), value, granularity, anchor=anchor)


def statement(text: str, cue: str, content: str) -> Statement:
    body = span(text, content)
    return Statement("s1", None, span(text, cue), cue, body, "indirect", 0.9,
                     fragments=[(body.start, body.end)])


TEXT = ("The minister said on Monday that troops were sent in the fall of 2024. "
        "He said 300 soldiers returned. Officials said 40 were hurt in March.")


def result() -> ArticleResult:
    article = Article(text=TEXT, origin="test", published=date(2025, 4, 24))
    times = [time(TEXT, "Monday", "2025-04-21", "day"),
             time(TEXT, "the fall of 2024", "2024-FA", "season"),
             time(TEXT, "March", "2025-03", "month")]
    statements = [statement(TEXT, "said", "troops were sent in the fall of 2024"),
                  statement(TEXT, "said 300", "300 soldiers returned")]
    statements[1].id, statements[1].cue = "s2", span(TEXT, "He said")
    quantities = [Quantity("q1", span(TEXT, "300 soldiers"), 300, 300, statement="s2"),
                  Quantity("q2", span(TEXT, "40"), 40, 40)]
    return ArticleResult(article, statements=statements, quantities=quantities, times=times)


def test_content_time_wins_over_statement_time() -> None:
    res = result()
    assign_as_of(res)
    assert res.statements[0].as_of == "2024-FA"


def test_statement_time_from_the_cue_sentence() -> None:
    text = "The minister said on Monday that the border is calm."
    article = Article(text=text, origin="test", published=date(2025, 4, 24))
    res = ArticleResult(article, statements=[statement(text, "said", "the border is calm")],
                        times=[time(text, "Monday", "2025-04-21", "day")])
    assign_as_of(res)
    assert res.statements[0].as_of == "2025-04-21"


def test_fallbacks_to_statement_and_publication_date() -> None:
    res = result()
    assign_as_of(res)
    assert res.statements[1].as_of == "2025-04-24"
    assert res.quantities[0].as_of == "2025-04-24"
    assert res.quantities[1].as_of == "2025-03"


def test_anchored_duration_and_vague_times() -> None:
    text = "Aid arrived eight months after the flood, and prices are high now."
    article = Article(text=text, origin="test", published=date(2025, 4, 24))
    quantity = Quantity("q1", span(text, "eight"), 8, 8)
    res = ArticleResult(article, quantities=[quantity],
                        times=[time(text, "eight months", "P8M", "duration", anchor="2024-11")])
    assign_as_of(res)
    assert quantity.as_of == "2024-11"
    res.times = [time(text, "eight months", "P8M", "duration")]
    assign_as_of(res)
    assert quantity.as_of == "2025-04-24"
