"""Parquet shards of article records: written by the Ray engine, brought into a store by
``claimscope load``.

One shard holds what one input file gave, in input order, one row per article record or input
error: ``sha256``, ``origin``, ``outlet``, ``published`` and ``record`` (the article record as
JSON, see ``claimscope.store.rows``) for an article; ``origin`` and ``error`` for an input that
could not be read. A shard is written under a temporary name and renamed when complete, so a
shard that exists is whole. Its name is derived from the input file's mark (path, size,
modification time): a rerun finds the shards already made and skips their inputs.

Loading streams each shard in batches, stores them in one transaction each (known articles are
skipped by their sha256) and marks a shard loaded once all its records are stored, so an
interrupted load resumes too.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from claimscope.chunks import IngestReport
from claimscope.errors import ClaimscopeError, InputError
from claimscope.resume import FileMark, file_mark
from claimscope.store import Store
from claimscope.store.rows import Record

SUFFIX = ".parquet"
COLUMNS = ("sha256", "origin", "outlet", "published", "record", "error")


def _arrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ModuleNotFoundError as exc:
        raise ClaimscopeError(
            "Parquet shards need pyarrow: pip install 'claimscope[ray]'"
        ) from exc
    return pa, pq


def shard_name(mark: FileMark) -> str:
    """The shard file name for an input file as it is now."""
    digest = hashlib.sha256(f"{mark.path}\0{mark.size}\0{mark.mtime_ns}".encode()).hexdigest()
    return f"{Path(mark.path).name[:40]}-{digest[:16]}{SUFFIX}"


class ShardWriter:
    """Writes one shard: rows are buffered into row groups of ``batch`` rows."""

    def __init__(self, path: Path, batch: int = 64) -> None:
        pa, pq = _arrow()
        self.path = path
        self.partial = path.with_name(path.name + ".partial")
        self.schema = pa.schema([(name, pa.string()) for name in COLUMNS])
        self.writer = pq.ParquetWriter(self.partial, self.schema, compression="zstd")
        self.batch = batch
        self.rows: list[dict[str, str | None]] = []
        self.articles = 0
        self.errors = 0

    def add(self, outcome: Record | InputError) -> None:
        if isinstance(outcome, InputError):
            self.errors += 1
            self.rows.append({"origin": outcome.source, "error": outcome.reason})
        else:
            self.articles += 1
            art = outcome["article"]
            self.rows.append(
                {
                    "sha256": art["sha256"],
                    "origin": art["origin"],
                    "outlet": art.get("outlet"),
                    "published": art.get("published"),
                    "record": json.dumps(outcome, ensure_ascii=False),
                }
            )
        if len(self.rows) >= self.batch:
            self._flush()

    def _flush(self) -> None:
        if self.rows:
            pa, _pq = _arrow()
            columns = {name: [row.get(name) for row in self.rows] for name in COLUMNS}
            self.writer.write_table(pa.table(columns, schema=self.schema))
            self.rows = []

    def __enter__(self) -> ShardWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        _exc: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        if kind is None:
            self._flush()
        self.writer.close()
        if kind is None:
            self.partial.replace(self.path)
        else:
            self.partial.unlink(missing_ok=True)


def read_shard(path: Path, batch: int = 64) -> Iterator[list[Record | InputError]]:
    """The records and input errors of a shard, in batches, in input order."""
    _pa, pq = _arrow()
    try:
        parquet = pq.ParquetFile(path)
    except (OSError, ValueError) as exc:
        raise ClaimscopeError(f"{path}: not a claimscope Parquet shard ({exc})") from exc
    for table in parquet.iter_batches(batch_size=batch, columns=["origin", "record", "error"]):
        rows = table.to_pylist()
        yield [
            InputError(row["origin"], row["error"])
            if row["error"] is not None
            else json.loads(row["record"])
            for row in rows
        ]


def find_shards(paths: Iterable[Path]) -> list[Path]:
    """The shard files named, and those under folders (walked), sorted; no partial ones."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(path.rglob(f"*{SUFFIX}")))
        elif path.exists():
            found.append(path)
        else:
            raise ClaimscopeError(f"{path}: no such shard file or folder")
    return list(dict.fromkeys(found))


def load(
    shards: list[Path],
    store: Store,
    batch: int = 64,
    on_error: Callable[[InputError], None] | None = None,
    on_shard: Callable[[Path], None] | None = None,
) -> IngestReport:
    """Bring the records of the shards into the store; shards loaded before are skipped."""
    report = IngestReport()
    for path in shards:
        mark = file_mark(path)
        loaded = store.finished_file(mark) if mark else None
        if loaded is not None:
            report.read += loaded
            report.duplicates += loaded
            report.skipped_files += 1
        else:
            count, clean = 0, True
            for outcomes in read_shard(path, batch):
                records: list[Record] = []
                for outcome in outcomes:
                    if isinstance(outcome, InputError):
                        clean = False
                        report.errors.append(outcome)
                        if on_error:
                            on_error(outcome)
                    else:
                        records.append(outcome)
                added = store.add_records(records)
                count += len(records)
                report.read += len(records)
                report.stored += sum(added)
                report.duplicates += len(added) - sum(added)
            if clean and mark:
                store.mark_finished([(mark, count)])
        if on_shard:
            on_shard(path)
    return report
