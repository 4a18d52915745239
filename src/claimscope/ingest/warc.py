"""Reader for web archives (.warc, .warc.gz) through warcio.

Each ``response`` record with status 200 and an HTML content type is a page, read as by the HTML
reader; its URL is the record's target URI and its origin ``path@OFFSET``. The WARC-Date is when
the page was fetched, not published, so a page without a date of its own gets
``config.published``. A damaged archive yields the articles before the damage, then one
InputError.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import WARCIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader
from warcio.recordloader import ArcWarcRecord

from claimscope.errors import InputError
from claimscope.ingest.config import ReadConfig
from claimscope.ingest.files import size_text
from claimscope.ingest.htmlpage import page_article
from claimscope.model import Article

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read(path: Path, config: ReadConfig) -> Iterator[Article | InputError]:
    """An article for each HTML page in the archive; an InputError if it is damaged. Archives
    are streamed, so one of any size can be read; the size limit applies to each page."""
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield InputError(str(path), f"cannot read file: {exc.strerror or exc}")
        return
    with stream:
        size = os.fstat(stream.fileno()).st_size
        if size == 0:
            yield InputError(str(path), "empty")
            return
        yield from read_archive(stream, str(path), size, config)


def read_archive(
    stream: BinaryIO, origin: str, size: int, config: ReadConfig
) -> Iterator[Article | InputError]:
    """The pages in an open archive of ``size`` bytes.

    warcio passes over damage quietly, so each record is checked to have all its bytes and the
    records to reach the end of the file; a record cut short is not read.
    """
    iterator = WARCIterator(stream)
    records = 0
    end = 0
    try:
        for record in iterator:
            limit = config.max_bytes + 1
            page = record.content_stream().read(limit) if is_html_page(record) else None
            iterator.read_to_end()
            if is_cut_short(record):
                break
            offset = iterator.get_record_offset()
            end = iterator.offset
            records += 1
            if page is not None and len(page) == limit:
                yield InputError(
                    f"{origin}@{offset}", f"page is over the limit of {size_text(config.max_bytes)}"
                )
            elif page is not None:
                target = record.rec_headers.get_header("WARC-Target-URI")
                yield page_article(page, f"{origin}@{offset}", config, url=target)
    except (ArchiveLoadFailed, EOFError, OSError, ValueError):
        pass  # a malformed record header or stream: reported below, as the records stop short
    if end != size:
        noun = "record" if records == 1 else "records"
        yield InputError(origin, f"truncated or corrupt WARC after {records} {noun}")


def is_html_page(record: ArcWarcRecord) -> bool:
    """Whether a record is an HTTP 200 response carrying HTML."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return content_type.startswith(HTML_TYPES)


def is_cut_short(record: ArcWarcRecord) -> bool:
    """Whether the archive ended before the record's declared Content-Length."""
    return isinstance(record.raw_stream, LimitReader) and record.raw_stream.limit > 0
