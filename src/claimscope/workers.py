"""Parallel analysis: worker processes that each load the spaCy pipeline once and turn chunks of
articles into article records, returned to the one writer in input order.

Workers are spawned (not forked), ignore Ctrl-C (the parent stops them) and exit when the parent
is gone (killed). Each chunk is sent as its parse batches (``pipeline.parse_batches``), so that
workers share out even a single chunk and finish together at the end of a run; they take batches
from one task queue and put JSON-able records on one result queue, and the writer reassembles
each chunk. At most ``2 × workers`` chunks are in flight, so a slow writer holds back reading
(back-pressure) and memory stays bounded. Workers start as batches come: a run with a single
chunk of new articles is analyzed in this process, and no more workers start than there are
batches.
"""

from __future__ import annotations

import ctypes
import multiprocessing as mp
import queue
import signal
import sys
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from typing import Any

from claimscope.errors import ClaimscopeError, InputError, ModelError
from claimscope.nlp import BATCH_SIZE, DEFAULT_MODEL
from claimscope.pipeline import Analyzer, C, Outcome, parse_batches

POLL_SECONDS = 0.5
PR_SET_PDEATHSIG = 1  # prctl option, <linux/prctl.h>
STOP_SECONDS = 10.0

Wire = dict[str, Any] | tuple[str, str]
TaskKey = tuple[int, int]  # (chunk number, batch number within the chunk)


def _to_wire(outcome: Outcome) -> Wire:
    return (outcome.source, outcome.reason) if isinstance(outcome, InputError) else outcome


def _from_wire(item: Wire) -> Outcome:
    return InputError(*item) if isinstance(item, tuple) else item


def _die_with_parent() -> None:
    """On Linux, have the kernel kill this worker the moment its parent dies (even mid-parse)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def serve(model: str, batch_size: int, tasks: Queue[Any], results: Queue[Any]) -> None:
    """A worker's life: load the pipeline, then analyze chunks until told to stop (None)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    try:
        analyzer = Analyzer(model, batch_size)
    except ClaimscopeError as exc:
        results.put((None, str(exc)))
        return
    parent = mp.parent_process()
    while True:
        try:
            task = tasks.get(timeout=POLL_SECONDS)
        except queue.Empty:
            if parent is not None and not parent.is_alive():
                results.cancel_join_thread()  # nobody reads results any more
                return  # the ingest was killed: do not linger
            continue
        if task is None:
            return
        key, articles = task
        results.put((key, [_to_wire(o) for o in analyzer.records(articles)]))


class WorkerPool:
    """A chunk analyzer (see ``pipeline.ingest``) running ``workers`` processes."""

    def __init__(
        self, model: str = DEFAULT_MODEL, workers: int = 2, batch_size: int = BATCH_SIZE
    ) -> None:
        self.model = model
        self.workers = max(1, workers)
        self.batch_size = batch_size

    def analyze_chunks(self, chunks: Iterable[C]) -> Iterator[tuple[C, list[Outcome]]]:
        """Each chunk with the outcomes of its articles, in input order."""
        stream = iter(chunks)
        head: list[C] = []
        with_articles = 0
        for chunk in stream:
            head.append(chunk)
            with_articles += bool(chunk.articles)
            if with_articles > 1:
                break
        else:
            if with_articles:  # a single chunk to parse: not worth starting processes
                yield from Analyzer(self.model, self.batch_size).analyze_chunks(head)
            else:
                yield from ((chunk, []) for chunk in head)
            return
        yield from self._parallel(_chain(head, stream))

    def _parallel(self, chunks: Iterator[C]) -> Iterator[tuple[C, list[Outcome]]]:
        ctx = mp.get_context("spawn")
        tasks: Queue[Any] = ctx.Queue()
        results: Queue[Any] = ctx.Queue()
        procs: list[BaseProcess] = []
        # each chunk in flight with its batches' outcomes (None until that batch is back)
        waiting: dict[int, tuple[C, list[list[Outcome] | None]]] = {}
        sent = done = 0
        finished = False
        try:
            while True:
                for chunk in islice(chunks, max(0, 2 * self.workers - (sent - done))):
                    batches = list(parse_batches(chunk.articles, self.batch_size))
                    for k, batch in enumerate(batches):
                        if len(procs) < self.workers:
                            procs.append(self._start(ctx, tasks, results))
                        tasks.put(((sent, k), batch))
                    waiting[sent] = (chunk, [None] * len(batches))
                    sent += 1
                if done == sent:
                    break
                parts = waiting[done][1]
                while any(part is None for part in parts):
                    (seq, k), outcomes = self._receive(results, procs)
                    waiting[seq][1][k] = outcomes
                chunk, parts = waiting.pop(done)
                done += 1
                yield chunk, [o for part in parts for o in part or ()]
            finished = True
        finally:
            _stop(procs, tasks, graceful=finished)

    def _start(self, ctx: Any, tasks: Queue[Any], results: Queue[Any]) -> BaseProcess:
        proc = ctx.Process(
            target=serve,
            args=(self.model, self.batch_size, tasks, results),
            name=f"claimscope-worker-{id(tasks)}",
            daemon=True,
        )
        proc.start()
        return proc

    @staticmethod
    def _receive(results: Queue[Any], procs: list[BaseProcess]) -> tuple[TaskKey, list[Outcome]]:
        while True:
            try:
                key, payload = results.get(timeout=POLL_SECONDS)
            except queue.Empty:
                dead = [p for p in procs if p.exitcode is not None]
                if dead:
                    raise ClaimscopeError(
                        f"worker process {dead[0].pid} stopped (exit code {dead[0].exitcode}); "
                        "run the ingest again to resume where it stopped"
                    ) from None
                continue
            if key is None:
                raise ModelError(payload)
            return key, [_from_wire(item) for item in payload]


def _chain(head: list[C], rest: Iterator[C]) -> Iterator[C]:
    yield from head
    yield from rest


def _stop(procs: list[BaseProcess], tasks: Queue[Any], graceful: bool) -> None:
    if graceful:
        for _ in procs:
            tasks.put(None)
        for proc in procs:
            proc.join(STOP_SECONDS)
    for proc in procs:
        if proc.is_alive():
            proc.terminate()
            proc.join(STOP_SECONDS)
    tasks.cancel_join_thread()
    tasks.close()
