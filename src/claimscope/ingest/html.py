"""Reader for saved web pages (.html, .htm): one article per file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from claimscope.errors import InputError
from claimscope.ingest.config import ReadConfig
from claimscope.ingest.files import read_bytes
from claimscope.ingest.htmlpage import page_article
from claimscope.model import Article


def read(path: Path, config: ReadConfig) -> Iterator[Article | InputError]:
    """The article in an HTML file, or one InputError saying why there is none."""
    data = read_bytes(path, config)
    if isinstance(data, InputError):
        yield data
        return
    yield page_article(data, str(path), config)
