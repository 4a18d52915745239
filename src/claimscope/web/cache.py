"""Values computed once per state of the store: corpus statistics, reconciled measures, rankings.

The store's data version (its article count and latest ingest) is read at most every
``recheck_s`` seconds, by one request while the others go on with the values they have; when it
changes, every cached value is dropped. Each key has its own lock,
so concurrent requests for a missing value wait for one computation instead of each running it.

Cached values live as long as the store's state, so once one is computed the objects alive are
frozen out of the garbage collector's passes (``keep``; the reconciled snapshot, hundreds of
thousands of objects, is frozen the same way): otherwise each full pass walks them all again,
stalling every request for most of a second under load.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Hashable
from typing import Any


def keep() -> None:
    """Leave the objects alive now out of the garbage collector's passes (``gc.freeze``). They
    are still freed when nothing refers to them; only reference cycles among them stay."""
    gc.freeze()


class VersionedCache:
    """A dict of computed values, emptied whenever ``version()`` changes."""

    def __init__(self, version: Callable[[], Hashable], recheck_s: float = 5.0) -> None:
        self._version_of = version
        self.recheck_s = recheck_s
        self._version: Hashable = None
        self._checked = float("-inf")
        self._values: dict[Hashable, Any] = {}
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()
        self._recheck = threading.Lock()

    def _refresh(self) -> None:
        if time.monotonic() - self._checked < self.recheck_s:
            return
        if not self._recheck.acquire(blocking=False):
            return  # another request is re-reading the version; the others go on meanwhile
        try:
            version = self._version_of()
            with self._guard:
                if version != self._version:
                    self._values = {}
                    self._version = version
                self._checked = time.monotonic()
        finally:
            self._recheck.release()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The value for ``key`` in the current version, computed by ``compute`` if missing."""
        self._refresh()
        values = self._values
        if key in values:
            return values[key]
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            values = self._values
            if key not in values:
                values[key] = compute()
                keep()
            return values[key]
