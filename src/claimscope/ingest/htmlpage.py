"""A web page's main text and metadata through trafilatura; shared by the HTML and WARC readers.

Extraction favours precision (boilerplate, comments and tables left out) and keeps each block of
the main text (paragraph, heading, list, quote) as its own paragraph, separated by a blank line.
"""

from __future__ import annotations

from contextlib import suppress

import trafilatura
from trafilatura.settings import set_date_params
from trafilatura.xml import xmltotxt

from claimscope.errors import InputError
from claimscope.ingest.config import ReadConfig
from claimscope.ingest.dates import parse_iso_date
from claimscope.model import Article

NO_TEXT = "no article text found in HTML"


def page_article(
    markup: bytes, origin: str, config: ReadConfig, url: str | None = None
) -> Article | InputError:
    """The article in an HTML page, or an InputError if it has no main text.

    ``markup`` is bytes so that the page's declared charset is honoured. ``url`` (a WARC record's
    target) wins over the URL the page declares; a page without a date gets ``config.published``.
    """
    try:
        document = trafilatura.bare_extraction(
            markup,
            url=url,
            with_metadata=True,
            favor_precision=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=set_date_params(extensive=False),
        )
    except Exception as exc:  # trafilatura and lxml fail in many ways on hostile markup
        return InputError(origin, f"HTML extraction failed: {exc}")
    if document is None or document.body is None:
        return InputError(origin, NO_TEXT)
    blocks = (xmltotxt(block, include_formatting=False).strip() for block in document.body)
    text = "\n\n".join(block for block in blocks if block)
    if not text:
        return InputError(origin, NO_TEXT)
    published = config.published
    if document.date:
        with suppress(ValueError):
            published = parse_iso_date(document.date)
    return Article(
        text=text,
        origin=origin,
        title=document.title or None,
        url=url or document.url or None,
        outlet=document.sitename or None,
        published=published,
    )
