"""The `claimscope` command line: analyze, ingest, show, export, demo and eval."""

from __future__ import annotations

import csv
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from claimscope import __version__
from claimscope.errors import ClaimscopeError, InputError
from claimscope.ingest import ReadConfig, discover, read_paths
from claimscope.nlp import DEFAULT_MODEL
from claimscope.paths import SAMPLE_CORPUS, shared_data

os.environ.setdefault("HF_HUB_OFFLINE", "1")

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Who claims what, with which numbers, as of when, and who disputes it.",
)
eval_app = typer.Typer(no_args_is_help=True, help="Score extractors against gold data.")
app.add_typer(eval_app, name="eval")

out = Console()
err = Console(stderr=True, soft_wrap=True)

Paths = Annotated[list[Path], typer.Argument(help="Files or directories (walked recursively).")]
Db = Annotated[str, typer.Option("--db", help="SQLite file or SQLAlchemy URL of the store.")]
Model = Annotated[str, typer.Option("--model", help="Installed spaCy pipeline to use.")]
Published = Annotated[
    str | None,
    typer.Option("--published", help="Publication date (YYYY-MM-DD) for inputs that have none."),
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or notes.")]

EXPORT_FIELDS = [
    "record",
    "id",
    "article_id",
    "outlet",
    "published",
    "url",
    "speaker",
    "source_entity",
    "cue",
    "text",
    "start",
    "end",
    "kind",
    "low",
    "high",
    "approx",
    "bound",
    "unit",
    "counted",
    "statement_id",
    "hedge",
    "as_of",
    "confidence",
]


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ClaimscopeError(f"--published {value!r}: not a date in YYYY-MM-DD form") from exc


def _report_error(error: InputError) -> None:
    err.print(f"[red]error[/red] {error}", highlight=False)


def _run(fn: Any) -> Any:
    try:
        return fn()
    except ClaimscopeError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None


@app.command()
def version() -> None:
    """Print the claimscope version."""
    out.print(f"claimscope {__version__}")


@app.command()
def analyze(
    paths: Paths,
    published: Published = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="One claimscope/1 JSON object a line.")
    ] = False,
    model: Model = DEFAULT_MODEL,
) -> None:
    """Print the records of each article: rich tables, or JSON with --json."""
    from claimscope.pipeline import Analyzer
    from claimscope.report import article_tables

    def work() -> int:
        analyzer = Analyzer(model)
        config = ReadConfig(published=_date(published))
        failures = 0
        articles = []
        for item in read_paths(paths, config):
            if isinstance(item, InputError):
                _report_error(item)
                failures += 1
            else:
                articles.append(item)
        for result in analyzer.analyze_many(articles):
            if as_json:
                sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
            else:
                out.print(article_tables(result))
        return failures

    failures = _run(work)
    if failures:
        raise typer.Exit(1)


def _progress(quiet: bool) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[note]}"),
        TimeElapsedColumn(),
        console=err,
        disable=quiet,
        transient=False,
    )


def _ingest(
    paths: list[Path], db: str, published: str | None, model: str, quiet: bool
) -> tuple[Any, Any]:
    from claimscope.pipeline import Analyzer, ingest
    from claimscope.store import open_store

    store = open_store(db)
    config = ReadConfig(published=_date(published))
    files = discover(paths)
    analyzer = Analyzer(model)
    with _progress(quiet or len(files) <= 3) as progress:
        task = progress.add_task("ingest", total=len(files), note="")
        done = {"n": 0}

        def tick(_origin: str) -> None:
            done["n"] += 1
            progress.update(task, note=f"{done['n']} articles")

        def file_done(_path: Path) -> None:
            progress.advance(task)

        report = ingest(
            files,
            store,
            analyzer,
            config,
            on_article=tick,
            on_error=_report_error,
            on_file=file_done,
        )
    return store, report


@app.command("ingest")
def ingest_cmd(
    paths: Paths,
    db: Db = "claimscope.sqlite",
    published: Published = None,
    model: Model = DEFAULT_MODEL,
    quiet: Quiet = False,
) -> None:
    """Analyze articles and store them with their records; known articles are skipped."""
    store, report = _run(lambda: _ingest(paths, db, published, model, quiet))
    if not quiet:
        err.print(
            f"read {report.read} articles: {report.stored} stored, "
            f"{report.duplicates} already stored, {len(report.errors)} input errors "
            f"→ {db}"
        )
    store.close()
    if report.errors:
        raise typer.Exit(1)


@app.command()
def show(db: Db = "claimscope.sqlite") -> None:
    """List the stored articles and record counts."""
    from claimscope.store import open_store

    store = _run(lambda: open_store(db))
    counts = store.counts()
    table = Table(title=f"{db}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    for col in ("id", "published", "outlet", "title", "statements", "quantities"):
        table.add_column(col, overflow="fold")
    for row in store.articles():
        table.add_row(
            row["id"],
            str(row["published"] or ""),
            row["outlet"] or "",
            row["title"] or row["origin"],
            str(row["statements"]),
            str(row["quantities"]),
        )
    out.print(table)
    store.close()


def _export_rows(store: Any) -> Any:
    for s in store.statements():
        yield {
            "record": "statement",
            "id": s["id"],
            "article_id": s["article_id"],
            "outlet": s["outlet"],
            "published": s["published"],
            "url": s["url"],
            "speaker": s["speaker_text"],
            "source_entity": s["entity"] or s["speaker_name"],
            "cue": s["cue_text"],
            "text": s["content_text"],
            "start": s["content_start"],
            "end": s["content_end"],
            "kind": s["kind"],
            "as_of": s["as_of"],
            "confidence": s["confidence"],
        }
    for q in store.quantities():
        yield {
            "record": "quantity",
            "id": q["id"],
            "article_id": q["article_id"],
            "outlet": q["outlet"],
            "published": q["published"],
            "url": q["url"],
            "source_entity": q["entity"] or q["source_name"],
            "text": q["text"],
            "start": q["start"],
            "end": q["end"],
            "low": q["low"],
            "high": q["high"],
            "approx": q["approx"],
            "bound": q["bound"],
            "unit": q["unit"],
            "counted": q["counted"],
            "statement_id": q["statement_id"],
            "hedge": q["hedge"],
            "as_of": q["as_of"],
        }


@app.command()
def export(
    db: Db = "claimscope.sqlite",
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv.")] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default stdout).")
    ] = None,
) -> None:
    """Write stored statements and quantities out, one record a row."""
    from claimscope.store import open_store

    if fmt not in {"jsonl", "csv"}:
        err.print(f"[red]error[/red] --format {fmt!r}: choose jsonl or csv")
        raise typer.Exit(2)
    store = _run(lambda: open_store(db))
    stream = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if fmt == "jsonl":
            for row in _export_rows(store):
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            writer = csv.DictWriter(stream, fieldnames=EXPORT_FIELDS, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(_export_rows(store))
    finally:
        if output:
            stream.close()
        store.close()


@app.command()
def demo(
    db: Db = "claimscope-demo.sqlite",
    model: Model = DEFAULT_MODEL,
    quiet: Quiet = False,
) -> None:
    """Analyze the bundled sample corpus, store it, and print statements grouped by speaker."""
    from claimscope.report import speaker_report

    files = discover([SAMPLE_CORPUS])
    store, report = _run(lambda: _ingest(files, db, None, model, quiet))
    rows = list(store.statements())
    texts = {a["id"]: store.article_text(a["id"]) or "" for a in store.articles()}
    out.rule(
        f"[bold]claimscope demo[/bold] — {len(texts)} articles from "
        f"{len({r['outlet'] for r in rows})} outlets, {len(rows)} statements → {db}"
    )
    speaker_report(out, rows, texts)
    counts = store.counts()
    out.print(", ".join(f"{v} {k}" for k, v in counts.items()) + f" stored in {db}")
    store.close()
    if report.errors:
        raise typer.Exit(1)


# --- evaluation ---------------------------------------------------------------------------


def _print_lines(lines: list[str]) -> None:
    for line in lines:
        out.print(line, highlight=False, soft_wrap=True)


@eval_app.command("statements")
def eval_statements(
    polnear: Annotated[
        Path | None,
        typer.Option(help="PolNeAR root (the folder holding data/); default shared/data/polnear."),
    ] = None,
    split: Annotated[str, typer.Option(help="train, dev or test.")] = "dev",
    limit: Annotated[int | None, typer.Option(help="Score only the first N articles.")] = None,
    model: Model = DEFAULT_MODEL,
) -> None:
    """Source, cue and content P/R/F1 on PolNeAR (exact and token overlap; joint)."""
    from claimscope.eval.statements import run

    root = polnear or shared_data("polnear")
    _print_lines(_run(lambda: run(root, split, model=model, limit=limit)))


@eval_app.command("speakers")
def eval_speakers(
    gold: Annotated[
        Path | None, typer.Option(help="Gold JSONL (default: the packaged one).")
    ] = None,
    model: Model = DEFAULT_MODEL,
) -> None:
    """Accuracy of pronoun and nominal speaker resolution on the packaged gold file."""
    from claimscope.eval.speakers import run

    _print_lines(_run(lambda: run(gold, model=model)))


@eval_app.command("quantities")
def eval_quantities(
    cqe: Annotated[Path | None, typer.Option(help="CQE quantities data folder.")] = None,
    measeval: Annotated[Path | None, typer.Option(help="MeasEval data folder.")] = None,
    split: Annotated[str, typer.Option(help="MeasEval split: train, eval or trial.")] = "eval",
) -> None:
    """Value, range/bound and unit scores on CQE's test sets and MeasEval (both by default,
    from shared/data; name one to score only that one)."""
    from claimscope.eval.quantities import run

    if cqe is None and measeval is None:
        cqe, measeval = shared_data("cqe-quantities"), shared_data("measeval")
    _print_lines(_run(lambda: run(cqe, measeval, split)))


@eval_app.command("times")
def eval_times(
    path: Annotated[
        Path | None,
        typer.Option(help="Folder of TimeML .tml files (walked); default shared/data/tempeval3."),
    ] = None,
) -> None:
    """TempEval-3 style time expression scores: spans, types and normalized values."""
    from claimscope.eval.times import run

    folder = path or shared_data("tempeval3")
    _print_lines(_run(lambda: run(folder)))


@eval_app.command("entities")
def eval_entities(
    gold: Annotated[
        Path | None, typer.Option(help="Gold JSONL (default: the packaged one).")
    ] = None,
) -> None:
    """Pairwise merge precision and recall of canonical entities on the packaged gold file."""
    from claimscope.eval.entities import run

    _print_lines(_run(lambda: run(gold)))


if __name__ == "__main__":
    app()
