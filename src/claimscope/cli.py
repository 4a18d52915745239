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
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from claimscope import __version__
from claimscope.errors import ClaimscopeError, InputError
from claimscope.ingest import ReadConfig, discover, read_paths
from claimscope.nlp import BATCH_SIZE, DEFAULT_MODEL
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
    err.print(f"[red]error[/red] {escape(str(error))}", highlight=False)


def _run(fn: Any) -> Any:
    try:
        return fn()
    except ClaimscopeError as exc:
        err.print(f"[red]error[/red] {escape(str(exc))}", highlight=False)
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
    paths: list[Path],
    db: str,
    published: str | None,
    model: str,
    quiet: bool,
    workers: int | None = 1,
    engine: str = "local",
    address: str | None = None,
    shards: Path | None = None,
    batch_size: int = BATCH_SIZE,
) -> tuple[Any, Any]:
    from claimscope.pipeline import Analyzer, ingest
    from claimscope.store import open_store
    from claimscope.workers import WorkerPool

    if engine not in {"local", "ray"}:
        raise ClaimscopeError(f"--engine {engine!r}: choose local or ray")
    if workers is not None and workers < 1:
        raise ClaimscopeError(f"--workers {workers}: needs at least 1")
    if batch_size < 1:
        raise ClaimscopeError(f"--batch-size {batch_size}: needs at least 1")
    store = open_store(db)
    config = ReadConfig(published=_date(published))
    files = discover(paths)
    with _progress(quiet or len(files) <= 3) as progress:
        task = progress.add_task("ingest", total=len(files), note="")
        done = {"n": 0}

        def tick(_origin: str) -> None:
            done["n"] += 1
            progress.update(task, note=f"{done['n']} articles")

        def file_done(_path: Path) -> None:
            progress.advance(task)

        if engine == "ray":
            from claimscope.engines.ray_engine import write_shards

            folder = shards or Path("claimscope-shards" if "://" in db else f"{db}.shards")
            made = write_shards(
                files, folder, model, config, workers, address, batch_size, on_file=file_done
            )
            return store, _load(made, store, progress)
        local = workers or os.cpu_count() or 1
        analyzer = (
            Analyzer(model, batch_size) if local == 1 else WorkerPool(model, local, batch_size)
        )
        report = ingest(
            files,
            store,
            analyzer,
            config,
            on_article=tick,
            on_error=_report_error,
            on_file=file_done,
        )
    if report.stored:
        store.refresh_statistics()
    return store, report


def _load(shards: list[Path], store: Any, progress: Progress) -> Any:
    from claimscope.shards import load

    task = progress.add_task("load", total=len(shards), note="")
    return load(
        shards, store, on_error=_report_error, on_shard=lambda _p: progress.advance(task)
    )


def _summary(report: Any, db: str) -> str:
    from claimscope.store.db import display_name

    skipped = (
        f" ({report.skipped_files} files unchanged since stored)" if report.skipped_files else ""
    )
    return (
        f"read {report.read} articles: {report.stored} stored, "
        f"{report.duplicates} already stored{skipped}, {len(report.errors)} input errors "
        f"→ {display_name(db)}"
    )


@app.command("ingest")
def ingest_cmd(
    paths: Paths,
    db: Db = "claimscope.sqlite",
    published: Published = None,
    model: Model = DEFAULT_MODEL,
    quiet: Quiet = False,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            "-w",
            help="Parallel parser processes (Ray actors); default: this machine's cores "
            "(with --address: the cluster's CPUs).",
        ),
    ] = None,
    engine: Annotated[
        str, typer.Option("--engine", help="local (worker processes) or ray.")
    ] = "local",
    address: Annotated[
        str | None,
        typer.Option("--address", help="Ray cluster to join (HOST:6379 or ray://HOST:10001)."),
    ] = None,
    shards: Annotated[
        Path | None,
        typer.Option(
            "--shards", help="Folder for the Ray engine's Parquet shards (default: DB.shards)."
        ),
    ] = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", help="Articles per parse batch and per transaction.")
    ] = BATCH_SIZE,
) -> None:
    """Analyze articles and store them with their records; known articles are skipped, and an
    interrupted ingest resumes where it stopped."""
    if engine == "local" and workers is None:
        workers = os.cpu_count() or 1
    try:
        store, report = _run(
            lambda: _ingest(
                paths, db, published, model, quiet, workers, engine, address, shards, batch_size
            )
        )
    except KeyboardInterrupt:
        err.print("interrupted: what was stored is kept; run the same ingest again to resume")
        raise typer.Exit(130) from None
    if not quiet:
        err.print(_summary(report, db))
    store.close()
    if report.errors:
        raise typer.Exit(1)


@app.command("load")
def load_cmd(
    shards: Annotated[
        list[Path], typer.Argument(help="Parquet shard files or folders of them.")
    ],
    db: Db = "claimscope.sqlite",
    quiet: Quiet = False,
) -> None:
    """Bring Parquet shards of records (from ingest --engine ray) into the store; shards
    loaded before are skipped."""
    from claimscope.shards import find_shards
    from claimscope.store import open_store

    def work() -> tuple[Any, Any]:
        found = find_shards(shards)
        store = open_store(db)
        with _progress(quiet or len(found) <= 3) as progress:
            return store, _load(found, store, progress)

    store, report = _run(work)
    if not quiet:
        err.print(_summary(report, db))
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
    fmt: Annotated[
        str, typer.Option("--format", help="jsonl, csv, estimates-csv or claimreview.")
    ] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default stdout).")
    ] = None,
) -> None:
    """Write stored statements and quantities out, one record a row."""
    from claimscope.store import open_store

    if fmt not in {"jsonl", "csv", *RECONCILE_FORMATS}:
        err.print(
            f"[red]error[/red] --format {fmt!r}: choose jsonl, csv, estimates-csv or claimreview"
        )
        raise typer.Exit(2)
    if fmt in RECONCILE_FORMATS:
        _export_reconciled(db, fmt, output)
        return
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


@app.command()
def serve(
    db: Db = "claimscope.sqlite",
    host: Annotated[
        str, typer.Option("--host", help="Interface to bind; the default keeps it on this machine.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
) -> None:
    """Serve the web UI and JSON API over a store, read-only, at http://HOST:PORT/."""
    from claimscope.web.server import serve as run_server

    _run(lambda: run_server(db, host, port, announce=lambda note: err.print(note, highlight=False)))


@app.command()
def doctor(db: Db = "claimscope.sqlite", model: Model = DEFAULT_MODEL) -> None:
    """Check the installation (Python, spaCy pipeline, store) and say how to fix each problem."""
    from claimscope.doctor import run_checks

    checks = run_checks(db, model)
    for check in checks:
        mark = "[green]ok[/green]     " if check.ok else "[red]problem[/red]"
        out.print(f"{mark} {check.name}: {escape(check.detail)}", highlight=False, soft_wrap=True)
        if check.fix:
            out.print(f"        fix: {escape(check.fix)}", highlight=False, soft_wrap=True)
    if not all(check.ok for check in checks):
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
    rules_only: Annotated[
        bool, typer.Option("--rules-only", help="Without the attribution tagger: parse rules.")
    ] = False,
) -> None:
    """Source, cue and content P/R/F1 on PolNeAR (exact and token overlap; joint)."""
    from claimscope.eval.statements import run

    root = polnear or shared_data("polnear")
    _print_lines(
        _run(lambda: run(root, split, model=model, limit=limit, tagger=not rules_only))
    )


@eval_app.command("speakers")
def eval_speakers(
    gold: Annotated[
        Path | None, typer.Option(help="Gold JSONL (default: the packaged one).")
    ] = None,
    model: Model = DEFAULT_MODEL,
    verbose: Annotated[bool, typer.Option("--verbose", help="List the misses.")] = False,
) -> None:
    """Accuracy of pronoun and nominal speaker resolution on the packaged gold file."""
    from claimscope.eval.speakers import run

    _print_lines(_run(lambda: run(gold, model=model, verbose=verbose)))


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


# --- reconciliation ------------------------------------------------------------------------

RECONCILE_FORMATS = {"estimates-csv", "claimreview"}
AsJson = Annotated[bool, typer.Option("--json", help="JSON instead of tables.")]


def _reconcile_progress(store: Any, quiet: bool = False) -> Any:
    """A progress callback for reconcile passes (a rich bar per stage)."""
    progress = _progress(quiet)
    total = store.counts()["articles"]
    tasks: dict[str, Any] = {}

    def tick(stage: str, n: int) -> None:
        if stage not in tasks:
            if not tasks:
                progress.start()
            tasks[stage] = progress.add_task(stage, total=None if stage == "disputes" else total,
                                             note="")
        progress.advance(tasks[stage], n)

    return progress, tick


def _reconciled(db: str, fn: Any, quiet: bool = False) -> Any:
    from claimscope.store import open_store

    store = _run(lambda: open_store(db))
    progress, tick = _reconcile_progress(store, quiet)
    try:
        return _run(lambda: fn(store, tick))
    finally:
        progress.stop()
        store.close()


@app.command("reconcile")
def reconcile_cmd(db: Db = "claimscope.sqlite", quiet: Quiet = False) -> None:
    """Rebuild the cross-article tables now (estimates, disputes and timeline do it on demand
    when the store changed)."""
    from claimscope.reconcile.build import rebuild
    from claimscope.store.reconcile import origins

    def work(store: Any, tick: Any) -> str:
        rebuild(store, tick)
        return f"{store.counts()['articles']} articles reconciled, {len(origins(store))} copies"

    err.print(_reconciled(db, work, quiet))


@app.command()
def estimates(
    db: Db = "claimscope.sqlite",
    about: Annotated[str | None, typer.Option("--about", help="Only measures about this.")] = None,
    as_json: AsJson = False,
) -> None:
    """The estimates ledger: measures, their estimates, low/best/high and conflicts."""
    from claimscope.reconcile import measures
    from claimscope.reconcile.report import measure_table

    found = _reconciled(db, lambda store, tick: measures(store, about, tick), as_json)
    _emit(found, as_json, lambda: out.print(*(measure_table(m) for m in found)))


@app.command("disputes")
def disputes_cmd(db: Db = "claimscope.sqlite", as_json: AsJson = False) -> None:
    """Rebuttals and the claims they rebut, across articles."""
    from claimscope.reconcile import disputes
    from claimscope.reconcile.report import dispute_table

    found = _reconciled(db, lambda store, tick: disputes(store, tick), as_json)
    _emit(found, as_json, lambda: out.print(dispute_table(found)))


@app.command()
def timeline(
    about: Annotated[str, typer.Option("--about", help="Subject (entity name or words).")],
    db: Db = "claimscope.sqlite",
    as_json: AsJson = False,
) -> None:
    """Statements and estimates about a subject in date order, with source and outlet."""
    from claimscope.reconcile import timeline as build_timeline
    from claimscope.reconcile.report import timeline_table

    items = _reconciled(db, lambda store, tick: build_timeline(store, about, tick), as_json)
    _emit(items, as_json, lambda: out.print(timeline_table(about, items)))


def _emit(found: Any, as_json: bool, render: Any) -> None:
    """Write reconcile results as indented JSON, or let ``render`` print them as tables."""
    if as_json:
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=1) + "\n")
    else:
        render()


def _export_reconciled(db: str, fmt: str, output: Path | None) -> None:
    from claimscope.reconcile import disputes, measures
    from claimscope.reconcile.exports import claimreview, write_estimates_csv

    def work(store: Any, tick: Any) -> None:
        stream = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            if fmt == "estimates-csv":
                write_estimates_csv(measures(store, None, tick), stream)
            else:
                doc = claimreview(disputes(store, tick))
                stream.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
        finally:
            if output:
                stream.close()

    _reconciled(db, work, quiet=output is None)


@eval_app.command("reconcile")
def eval_reconcile(
    gold: Annotated[
        Path | None, typer.Option(help="Gold JSON (default: the packaged one).")
    ] = None,
    model: Model = DEFAULT_MODEL,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List each dispute missed or linked wrongly.")
    ] = False,
) -> None:
    """Measure membership, dispute links and duplicate groups on the packaged gold corpus."""
    from claimscope.eval.reconcile import run

    _print_lines(_run(lambda: run(gold, model=model, verbose=verbose)))


if __name__ == "__main__":
    app()
