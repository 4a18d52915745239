"""Readers that turn input files (text, HTML, JSON Lines, feeds, WARC) into Articles.

``read_paths`` yields an ``Article`` for each article read and an ``InputError`` for each input,
or part of an input, that fails, so that one bad file or record never stops a batch.
"""

from claimscope.ingest.config import ReadConfig
from claimscope.ingest.sources import discover, read_paths

__all__ = ["ReadConfig", "discover", "read_paths"]
