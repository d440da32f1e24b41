"""The legacy import: tickets per second and peak memory, against the raw CSV parse.

Run: `.venv-dev/bin/python benchmarks/bench_import.py [--tickets 50000] [--also 10000]`

For each size, in a process of its own (so that its peak memory is its own):
- a generated export (`benchmarks/legacy_export.py`, cached under the bench directory,
  `HEZO_DESK_BENCH_DIR`), with every kind of bad row;
- baseline, measured in the same run: reading and parsing the same CSV files (decode +
  `csv.reader`, nothing else), the floor no import can beat;
- the import into a new SQLite database: every phase timed, tickets per second over the
  export's tickets and over the migrated ones (each with its dialogue PDF, rendered on every
  core), peak memory of the importing process and of one rendering process.
Comparing the sizes shows whether memory stays flat as the export grows.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import platformdirs

from hezo_desk.db import Database
from hezo_desk.enums import Role
from hezo_desk.services.agents import AgentService
from hezo_desk.services.legacy_import import (
    ImportOptions,
    ImportProgress,
    LegacyImporter,
    Phase,
)
from hezo_desk.services.legacy_import.reader import FIELD_SIZE_LIMIT, detect_encoding
from hezo_desk.services.legacy_import.source import EXPORT_FILES, ExportSource

REPOSITORY = Path(__file__).resolve().parent.parent


def bench_dir() -> Path:
    folder = Path(os.environ.get("HEZO_DESK_BENCH_DIR") or platformdirs.user_cache_dir("hezo-desk"))
    path = folder / "bench"
    path.mkdir(parents=True, exist_ok=True)
    return path


def ensure_export(tickets: int) -> Path:
    folder = bench_dir() / f"legacy-export-{tickets}"
    done = folder / ".complete"
    if done.exists():
        return folder
    print(f"generating an export of {tickets:,} tickets in {folder} …", flush=True)
    subprocess.run(
        [sys.executable, "-m", "benchmarks.legacy_export", str(folder), "--tickets", str(tickets)],
        cwd=REPOSITORY,
        check=True,
    )
    done.write_text("ok\n")
    return folder


def baseline(folder: Path) -> tuple[int, int, float]:
    """Rows of all files and of tickets.csv, and the seconds to decode and parse them."""
    if csv.field_size_limit() < FIELD_SIZE_LIMIT:
        csv.field_size_limit(FIELD_SIZE_LIMIT)
    started = time.perf_counter()
    rows = tickets = 0
    with ExportSource(folder) as source:
        for name in EXPORT_FILES:
            encoding = detect_encoding(source, name)
            with source.open_file(name) as raw:
                text = io.TextIOWrapper(raw, encoding=encoding, newline="")
                header = text.readline()
                separator = ";" if header.count(";") > header.count(",") else ","
                count = sum(1 for _row in csv.reader(text, delimiter=separator))
            rows += count
            if name == "tickets.csv":
                tickets = count
    return rows, tickets, time.perf_counter() - started


def measure(tickets: int, workers: int | None) -> dict[str, object]:
    folder = ensure_export(tickets)  # made by `main` before: no child but the renderers
    rows, ticket_rows, parse_seconds = baseline(folder)
    with tempfile.TemporaryDirectory(prefix="hezo-bench-import-") as work:
        db = Database(f"sqlite:///{Path(work) / 'desk.sqlite3'}")
        db.upgrade()
        agents = AgentService(db)
        agents.add(None, login="admin", display_name="Admin", role=Role.ADMINISTRATOR,
                   password="benchmark-password")  # fmt: skip
        actor = agents.resolve("admin")
        phases: dict[str, float] = {}
        started = time.perf_counter()

        def progress(update: ImportProgress) -> None:
            phases.setdefault(update.phase.value, time.perf_counter() - started)

        report = LegacyImporter(db).run(
            actor, folder, ImportOptions(render_workers=workers, work_dir=Path(work)),
            progress=progress,
        )  # fmt: skip
        total = time.perf_counter() - started
        db.dispose()
    order = [p.value for p in Phase]
    marks = sorted(phases.items(), key=lambda item: order.index(item[0]))
    spans = {
        name: (marks[i + 1][1] if i + 1 < len(marks) else total) - at
        for i, (name, at) in enumerate(marks)
        if name != Phase.DONE.value
    }
    migrated = report.file("tickets.csv").imported
    return {
        "tickets": tickets,
        "rows": rows,
        "ticket_rows": ticket_rows,
        "parse_seconds": parse_seconds,
        "import_seconds": total,
        "phases": spans,
        "migrated": migrated,
        "balanced": report.balanced,
        "rejected": report.totals.rejected,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "render_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "cpu_importer": resource.getrusage(resource.RUSAGE_SELF).ru_utime,
        "cpu_renderers": resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime,
    }


def print_figures(result: dict[str, object]) -> None:
    tickets = int(result["ticket_rows"])  # type: ignore[call-overload]
    rows = int(result["rows"])  # type: ignore[call-overload]
    parse = float(result["parse_seconds"])  # type: ignore[arg-type]
    total = float(result["import_seconds"])  # type: ignore[arg-type]
    migrated = int(result["migrated"])  # type: ignore[call-overload]
    phases: dict[str, float] = result["phases"]  # type: ignore[assignment]
    print(f"\nexport of {result['tickets']:,} tickets ({rows:,} rows in 7 files)")
    print(
        f"  baseline, decode + csv parse only: {parse:.2f} s = {rows / parse:,.0f} rows/s, "
        f"{tickets / parse:,.0f} tickets/s"
    )
    print(
        f"  import: {total:.1f} s = {tickets / total:,.0f} export tickets/s "
        f"({total / parse:.0f}× the baseline); {migrated:,} migrated with their dialogue PDF "
        f"= {migrated / total:,.1f} migrated tickets/s"
    )
    print("  phases: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in phases.items()))
    print(
        f"  CPU: importing process {result['cpu_importer']:.0f} s, rendering processes "
        f"{result['cpu_renderers']:.0f} s (together)"
    )
    if phases.get("tickets"):
        print(f"  ticket phase alone: {migrated / phases['tickets']:,.1f} migrated tickets/s")
    print(
        f"  peak memory: importing process {result['peak_mb']:.0f} MB, "
        f"one rendering process {result['render_peak_mb']:.0f} MB; "
        f"report balanced: {result['balanced']}, rejected rows: {result['rejected']}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="legacy import benchmark")
    parser.add_argument("--tickets", type=int, default=50_000)
    parser.add_argument(
        "--also", type=int, action="append", default=None,
        help="also measure this size (default: 10000, to compare peak memory)",
    )  # fmt: skip
    parser.add_argument("--workers", type=int, help="rendering processes (default: every core)")
    parser.add_argument("--single", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.single is not None:
        print(json.dumps(measure(args.single, args.workers)))
        return 0
    sizes = sorted({*(args.also if args.also is not None else [10_000]), args.tickets})
    for size in sizes:
        ensure_export(size)
    results = []
    for size in sizes:
        command = [sys.executable, str(Path(__file__).resolve()), "--single", str(size)]
        if args.workers:
            command += ["--workers", str(args.workers)]
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        results.append(result)
        print_figures(result)
    if len(results) > 1:
        small, large = results[0], results[-1]
        print(
            f"\npeak memory from {small['tickets']:,} to {large['tickets']:,} tickets: "
            f"{small['peak_mb']:.0f} → {large['peak_mb']:.0f} MB (importing process)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
