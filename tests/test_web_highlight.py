"""Highlighting article text: offsets cut the raw text, every piece is escaped on its own."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from claimscope.web.highlight import Mark, highlight

TEXT = 'Ana <b>Ruiz</b> said "1,200 & more" on Monday.'


def _plain(markup: str) -> str:
    """The text a browser would show: our tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_unmarked_text_is_escaped() -> None:
    out = str(highlight(TEXT, []))
    assert out == 'Ana &lt;b&gt;Ruiz&lt;/b&gt; said &#34;1,200 &amp; more&#34; on Monday.'


def test_nested_marks_combine_their_kinds() -> None:
    content = Mark(TEXT.index('"'), len(TEXT) - 1, "content", "s1", anchor=True)
    number = Mark(TEXT.index("1,200"), TEXT.index("1,200") + 5, "quantity", "q1",
                  href="/measures/m1", anchor=True)
    out = str(highlight(TEXT, [content, number]))
    assert '<span class="hl hl-content" data-r="s1">&#34;</span>' in out
    assert ('<span class="anchor" id="r-q1"></span><a href="/measures/m1">'
            '<span class="hl hl-content hl-quantity" data-r="s1 q1">1,200</span></a>') in out
    assert out.count('id="r-s1"') == 1
    assert _plain(out) == TEXT


def test_marks_may_start_inside_markup_like_text() -> None:
    speaker = Mark(TEXT.index("<b>") + 1, TEXT.index("</b>"), "speaker", "s1")
    out = str(highlight(TEXT, [speaker]))
    assert 'Ana &lt;<span class="hl hl-speaker" data-r="s1">b&gt;Ruiz</span>&lt;/b&gt;' in out


def test_quantity_link_wins_over_entity_link() -> None:
    ent = Mark(0, 3, "entity", "e1", href="/entities/1")
    qty = Mark(0, 3, "quantity", "q1", href="/measures/m")
    out = str(highlight("Ana", [ent, qty]))
    assert out.count("<a ") == 1 and 'href="/measures/m"' in out


def test_marks_outside_the_text_are_dropped() -> None:
    out = str(highlight("short", [Mark(3, 99, "content", "s1"), Mark(4, 2, "cue", "s1")]))
    assert out == "short"


@given(
    text=st.text(alphabet='ab <>&"\'\n', max_size=40),
    cuts=st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45)), max_size=8),
)
def test_any_marks_keep_the_text_and_add_no_markup_of_its_own(
    text: str, cuts: list[tuple[int, int]]
) -> None:
    kinds = ["speaker", "content", "quantity", "entity"]
    marks = [Mark(a, b, kinds[i % 4], f"r{i}", href="/x" if i % 2 else None, anchor=True)
             for i, (a, b) in enumerate(cuts)]
    out = str(highlight(text, marks))
    assert _plain(out) == text
    tags = re.findall(r"<[^>]+>", out)
    assert all(re.fullmatch(r'</?(span|a)( [a-z-]+="[^"<>]*")*>', t) for t in tags), tags
