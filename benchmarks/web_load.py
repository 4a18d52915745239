"""Soak test of the web app on loopback: N concurrent clients for S seconds, no errors allowed.

Starts ``claimscope serve`` on 127.0.0.1 over a store (``--db``; by default a fresh one made by
ingesting the bundled sample corpus), then runs ``--clients`` asyncio clients, each on its own
keep-alive connection, requesting pages and API lists one after another in a shuffled loop until
``--seconds`` have passed. Prints requests, errors (any status but 200, or a broken connection),
throughput and p50/p95/max latency; exits 1 if there was any error. It only ever talks to
127.0.0.1, and stops at the time limit.

    python benchmarks/web_load.py [--clients 50] [--seconds 60] [--db STORE]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HOST = "127.0.0.1"
PAGES = [
    "/", "/articles", "/statements", "/statements?q=said", "/statements?kind=direct",
    "/entities", "/disputes", "/measures", "/api/overview", "/api/articles",
    "/api/statements?size=100", "/api/entities", "/api/disputes", "/api/measures",
]  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def sample_store(folder: Path) -> str:
    """A store holding the bundled sample corpus, made with the real CLI."""
    from claimscope.paths import SAMPLE_CORPUS

    db = str(folder / "load.sqlite")
    command = [sys.executable, "-m", "claimscope.cli", "ingest", str(SAMPLE_CORPUS), "--db", db]
    subprocess.run([*command, "--quiet"], check=True)
    return db


def article_pages(port: int) -> list[str]:
    """The page of each stored article (from the API)."""
    with urllib.request.urlopen(f"http://{HOST}:{port}/api/articles?size=100") as response:
        body = json.load(response)
    rows = body["items"] if isinstance(body, dict) else body
    return [f"/articles/{row['id']}" for row in rows]


def wait_until_up(port: int, process: subprocess.Popen[bytes], limit: float = 60.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited: {process.communicate()[1].decode()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/api/overview", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("server did not start")


async def get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> int:
    """One GET on a keep-alive connection; returns the status code."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next(
        (int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length")),
        None,
    )
    if length is None:
        raise ValueError(f"{path}: response without Content-Length")
    await reader.readexactly(length)
    return status


async def client(
    port: int, paths: list[str], until: float, seed: int, latencies: list[float], errors: list[str]
) -> None:
    rng = random.Random(seed)
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        while time.monotonic() < until:
            path = rng.choice(paths)
            started = time.perf_counter()
            try:
                status = await get(reader, writer, path)
            except (OSError, ValueError, asyncio.IncompleteReadError) as exc:
                errors.append(f"{path}: {type(exc).__name__}: {exc}")
                writer.close()
                reader, writer = await asyncio.open_connection(HOST, port)
                continue
            latencies.append(time.perf_counter() - started)
            if status != 200:
                errors.append(f"{path}: HTTP {status}")
    finally:
        writer.close()


async def soak(port: int, paths: list[str], clients: int, seconds: float) -> tuple[list, list]:
    latencies: list[float] = []
    errors: list[str] = []
    until = time.monotonic() + seconds
    await asyncio.gather(
        *(client(port, paths, until, n, latencies, errors) for n in range(clients))
    )
    return latencies, errors


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--db", help="store to serve (default: the sample corpus, ingested)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or sample_store(Path(folder))
        port = free_port()
        env = {**os.environ, "HF_HUB_OFFLINE": "1"}
        server = subprocess.Popen(
            [sys.executable, "-m", "claimscope.cli", "serve", "--db", db, "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
        )
        try:
            wait_until_up(port, server)
            paths = PAGES + article_pages(port)
            started = time.monotonic()
            latencies, errors = asyncio.run(soak(port, paths, args.clients, args.seconds))
            elapsed = time.monotonic() - started
        finally:
            server.terminate()
            server.communicate(timeout=30)
    ms = [1000 * x for x in latencies]
    print(f"{args.clients} clients for {elapsed:.0f} s on {HOST}, {len(paths)} distinct URLs")
    print(f"requests {len(ms)}, errors {len(errors)}, {len(ms) / elapsed:.1f} requests/s")
    if ms:
        print(
            f"latency ms: p50 {percentile(ms, 0.50):.1f}, p95 {percentile(ms, 0.95):.1f}, "
            f"max {max(ms):.1f}, mean {statistics.fmean(ms):.1f}"
        )
    for line in errors[:10]:
        print(f"error {line}")
    return 1 if errors or not ms else 0


if __name__ == "__main__":
    sys.exit(main())
