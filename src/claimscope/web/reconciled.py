"""Measures and disputes from ``claimscope.reconcile``, computed once per state of the store.

Reconciling reads the whole store, so the web keeps one snapshot per store state (in the app's
``VersionedCache``) and recomputes it, in the background, only when articles were added.

``claimscope.reconcile`` keeps its own derived tables (``rc_*``) up to date, so it is given a
writable store of its own; the pages read through a query-only one. When reconciling fails (a
read-only file, say), the previous snapshot is kept, or the pages say why there is none.
"""

from __future__ import annotations

import importlib
import logging
import threading
from concurrent.futures import Future, TimeoutError
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from claimscope.errors import ClaimscopeError
from claimscope.store import Store
from claimscope.web.cache import VersionedCache, keep

log = logging.getLogger(__name__)


class ReconcileUnavailable(RuntimeError):
    """No reconciled measures and disputes to show; the message says why."""


@dataclass
class Snapshot:
    """Reconciled measures and disputes of one store state, with lookups by id and article."""

    measures: list[dict[str, Any]]
    disputes: list[dict[str, Any]]
    by_id: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_evidence: dict[tuple[str, int, int], str] = field(default_factory=dict)
    by_quantity: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for m in self.measures:
            mid = str(m["id"])
            self.by_id[mid] = m
            for est in m.get("estimates") or []:
                ev = est.get("evidence") or {}
                if est.get("article") and ev.get("start") is not None:
                    key = (str(est["article"]), int(ev["start"]), int(ev["end"]))
                    self.by_evidence.setdefault(key, mid)
                for quantity_id in est.get("quantities") or []:
                    self.by_quantity.setdefault(str(quantity_id), mid)

    def measure_of(self, article_id: str, quantity: dict[str, Any]) -> str | None:
        """The measure a stored quantity is an estimate of (syndicated copies included)."""
        return self.by_quantity.get(quantity["id"]) or self.by_evidence.get(
            (article_id, quantity["start"], quantity["end"])
        )


def _reconcile_module() -> Any:
    try:
        module = importlib.import_module("claimscope.reconcile")
    except ImportError as exc:
        raise ReconcileUnavailable(str(exc)) from exc
    if not (hasattr(module, "measures") and hasattr(module, "disputes")):
        raise ReconcileUnavailable("claimscope.reconcile has no measures() and disputes()")
    return module


class Reconciled:
    """``reconcile.measures(store)`` and ``reconcile.disputes(store)``, once per store state.

    ``store`` is the store reconcile runs on (it writes its ``rc_*`` tables there). Reconciling
    runs in a background thread; a request waits for it at most ``wait_s`` seconds and is then
    answered without measures and disputes (or with the previous snapshot), so a large store
    being reconciled never holds pages up for long.
    """

    def __init__(self, store: Store, cache: VersionedCache, wait_s: float = 10.0) -> None:
        self.store = store
        self.cache = cache
        self.wait_s = wait_s
        self.problem: str | None = None
        self._last: Snapshot | None = None

    def snapshot(self) -> Snapshot:
        """The current snapshot; raises ReconcileUnavailable when there is none to give."""
        job: Future[Snapshot] = self.cache.get("reconcile", self._start)
        try:
            snap = job.result(timeout=self.wait_s)
        except TimeoutError:
            if self._last is not None:
                return self._last
            self.problem = "reconciling the store is still running; reload in a minute"
            raise ReconcileUnavailable(self.problem) from None
        except ReconcileUnavailable as exc:
            self.problem = str(exc)
            raise
        self.problem = None
        return snap

    def _start(self) -> Future[Snapshot]:
        """Reconcile in a daemon thread (an interrupted rebuild is redone next time)."""
        job: Future[Snapshot] = Future()

        def work() -> None:
            try:
                job.set_result(self._compute())
            except BaseException as exc:  # handed to whoever waits on the job
                job.set_exception(exc)

        threading.Thread(target=work, name="reconcile", daemon=True).start()
        return job

    def _compute(self) -> Snapshot:
        module = _reconcile_module()
        try:
            snap = Snapshot(list(module.measures(self.store)), list(module.disputes(self.store)))
        except (SQLAlchemyError, ClaimscopeError) as exc:
            if self._last is not None:
                log.warning("reconcile failed, serving the previous snapshot: %s", exc)
                return self._last
            raise ReconcileUnavailable(f"reconcile failed: {exc}") from exc
        keep()
        self._last = snap
        return snap
