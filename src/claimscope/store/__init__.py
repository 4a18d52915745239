"""The store: articles and their records in SQLite (default) or another SQLAlchemy database."""

from claimscope.store.db import Store, open_store

__all__ = ["Store", "open_store"]
