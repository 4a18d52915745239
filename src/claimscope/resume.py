"""What makes an interrupted ingest resumable: the identity of an input file as last seen.

Articles are committed with their records atomically and keyed by their text's sha256, so a
rerun never stores one twice; what a rerun must not repeat is the work. Once every article of a
file (or of a Parquet shard, for ``claimscope load``) is stored, the store records the file's
``FileMark`` (path, size, modification time) with its article count, and a later run skips the
file without reading it while the mark still matches. A file cut off mid-way is read again and
its stored articles are skipped by their sha256 before parsing; an article read but not yet
committed when the run stopped is simply not in the store, so it is parsed again. A file with
input errors is never marked, so its errors are reported again on every run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FileMark:
    """An input file as seen now: absolute path, size in bytes, modification time in ns."""

    path: str
    size: int
    mtime_ns: int


def file_mark(path: Path) -> FileMark | None:
    """The mark of a file, or None if it cannot be looked at (the reader reports why)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return FileMark(str(path.resolve()), stat.st_size, stat.st_mtime_ns)
