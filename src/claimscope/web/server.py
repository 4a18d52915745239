"""Running the web app: open the store read-only and serve it with uvicorn."""

from __future__ import annotations

from collections.abc import Callable

import uvicorn

from claimscope.store import open_store
from claimscope.store.queries import open_readonly
from claimscope.web.app import create_app

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def serve(
    db: str,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    announce: Callable[[str], None] = print,
) -> None:
    """Serve the store at ``db`` until interrupted; raises StoreError for a missing store."""
    pages = open_readonly(db)
    app = create_app(pages, reconcile_store=open_store(db))
    announce(f"serving {db} at http://{host}:{port}/ (read-only; Ctrl-C stops)")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
