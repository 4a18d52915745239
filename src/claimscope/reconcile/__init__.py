"""Cross-article reconciliation: the estimates ledger, disputes, duplicate articles, timeline.

``measures(store, about)`` and ``disputes(store)`` are the entry points the CLI and the web UI
call; both bring the reconcile tables up to date first (see ``build``).
"""

from claimscope.reconcile.views import disputes, measures, timeline

__all__ = ["disputes", "measures", "timeline"]
