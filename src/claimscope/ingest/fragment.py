"""HTML fragments (feed entry content) to plain text that keeps paragraphs as blank-line breaks."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p",
        "pre", "section", "table", "tr", "ul",
    }
)  # fmt: skip
CODE_TAGS = ("script", "style", "applet")  # dropped with their content (feedparser does too)
WHITESPACE = re.compile(r"\s+")


def fragment_text(markup: str) -> str:
    """The text of an HTML fragment: whitespace collapsed as in a browser, a blank line around
    each block element, a line break for each ``<br>``, and no scripts or style sheets."""
    if not markup.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except etree.ParserError:
        return ""
    etree.strip_elements(root, *CODE_TAGS, with_tail=False)
    for element in root.iter():
        element.tail = squash(element.tail)
        if not isinstance(element.tag, str):
            continue
        element.text = squash(element.text)
        tag = element.tag.lower()
        if tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif tag in BLOCK_TAGS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    return str(root.text_content()).strip()


def squash(text: str | None) -> str | None:
    """Text with each run of whitespace made one space, as a browser shows it."""
    return WHITESPACE.sub(" ", text) if text else text
