"""The pipeline on Ray: actors that hold the loaded spaCy pipeline read input files in parallel
and write one Parquet shard of article records per file (``claimscope.shards``).

On one machine Ray is started locally with ``workers`` CPUs; with an address it joins a running
cluster (``ray start --head`` on one node, ``ray start --address HEAD:6379`` on the others) and
runs one actor per cluster CPU unless told otherwise. Input files and the shard folder must be on
storage every node sees under the same path. A file whose shard exists is not read again, so an
interrupted run resumes; ``claimscope load`` (or ``ingest --engine ray`` itself) then brings the
shards into a store, where duplicates are dropped by their sha256.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from claimscope.errors import ClaimscopeError, InputError, ModelError
from claimscope.ingest import ReadConfig, read_paths
from claimscope.model import Article
from claimscope.nlp import BATCH_SIZE
from claimscope.resume import file_mark
from claimscope.shards import ShardWriter, shard_name


class ShardMaker:
    """A Ray actor's state: the loaded pipeline. ``make`` turns one input file into a shard."""

    def __init__(self, model: str, batch_size: int, config: ReadConfig) -> None:
        from claimscope.pipeline import Analyzer

        self.config = config
        self.batch_size = batch_size
        self.failure: str | None = None
        try:
            self.analyzer: Any = Analyzer(model, batch_size)
        except ModelError as exc:
            self.failure = str(exc)

    def make(self, source: str, shard: str) -> tuple[str, str | None]:
        """Write the shard of one input file; (source, None), or (source, why not)."""
        if self.failure:
            return source, self.failure
        with ShardWriter(Path(shard), self.batch_size) as writer:
            batch: list[Article | InputError] = []
            for item in read_paths([Path(source)], self.config):
                batch.append(item)
                if len(batch) >= self.batch_size:
                    self._analyze(batch, writer)
                    batch = []
            self._analyze(batch, writer)
        return source, None

    def _analyze(self, batch: list[Article | InputError], writer: ShardWriter) -> None:
        articles = [item for item in batch if isinstance(item, Article)]
        outcomes = iter(self.analyzer.records(articles)) if articles else iter(())
        for item in batch:
            writer.add(next(outcomes) if isinstance(item, Article) else item)


def write_shards(
    files: list[Path],
    out: Path,
    model: str,
    config: ReadConfig,
    workers: int | None = None,
    address: str | None = None,
    batch_size: int = BATCH_SIZE,
    on_file: Callable[[Path], None] | None = None,
) -> list[Path]:
    """Make the shard of each input file under ``out`` (existing ones are kept); the shard
    paths, in input order."""
    try:
        import ray
        from ray.util import ActorPool
    except ModuleNotFoundError as exc:
        raise ClaimscopeError("--engine ray needs Ray: pip install 'claimscope[ray]'") from exc
    out.mkdir(parents=True, exist_ok=True)
    shards: list[Path] = []
    todo: list[tuple[str, str]] = []
    for path in files:
        mark = file_mark(path)
        if mark is None:
            raise ClaimscopeError(f"{path}: cannot read file")
        shard = out.resolve() / shard_name(mark)
        shards.append(shard)
        if shard.exists():
            if on_file:
                on_file(path)
        else:
            todo.append((mark.path, str(shard)))
    if not todo:
        return shards
    started = not ray.is_initialized()
    if started:
        try:
            if address:
                ray.init(address=address, log_to_driver=False, logging_level=logging.WARNING)
            else:
                ray.init(
                    num_cpus=workers,
                    include_dashboard=False,
                    log_to_driver=False,
                    logging_level=logging.WARNING,
                )
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise ClaimscopeError(f"--address {address}: cannot join the Ray cluster ({exc})") \
                from exc
    try:
        count = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        actor = ray.remote(num_cpus=1)(ShardMaker)
        actors = [actor.remote(model, batch_size, config) for _ in range(min(count, len(todo)))]
        pool = ActorPool(actors)
        for source, failure in pool.map_unordered(lambda a, job: a.make.remote(*job), todo):
            if failure:
                raise ModelError(failure)
            if on_file:
                on_file(Path(source))
    finally:
        if started:
            ray.shutdown()
    return shards
