"""Write a realistic legacy export of any size (for the import benchmark, or by hand).

Run from the repository root: `python -m benchmarks.legacy_export FOLDER [--tickets 50000]`
(`--zip` also zips it).

The export is what `tests/support/legacy_generator` makes (the tests use it at small sizes):
Windows-1250 and UTF-8 files, `;` and `,`, CRLF and LF, quoted multi-line bodies, HTML line
breaks and entities, Polish text, and every kind of bad row.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from tests.support.legacy_generator import (
    ExportSpec,
    generate_export,
    summary,
    zip_export,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where the export goes (created)")
    parser.add_argument("--tickets", type=int, default=50_000)
    parser.add_argument("--customers", type=int, help="default: one per ten tickets")
    parser.add_argument("--messages", type=int, default=8, help="at most this many per ticket")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--encoding", default="mixed", help="cp1250, utf-8, utf-8-sig or mixed (default)"
    )
    parser.add_argument("--separator", default="mixed", help="';', ',' or mixed (default)")
    parser.add_argument("--long-every", type=int, default=200, help="a 30 KB message every n")
    parser.add_argument("--clean", action="store_true", help="no bad rows")
    parser.add_argument("--zip", action="store_true", help="also write FOLDER.zip")
    args = parser.parse_args(argv)
    spec = ExportSpec(
        customers=args.customers or max(10, args.tickets // 10),
        tickets=args.tickets,
        seed=args.seed,
        max_messages=args.messages,
        bad_rows=not args.clean,
        encoding=args.encoding,
        separator=args.separator,
        long_message_every=args.long_every,
    )
    started = time.perf_counter()
    expected = generate_export(args.folder, spec)
    elapsed = time.perf_counter() - started
    for name, counts in summary(expected).items():
        print(f"  {name:16} {counts}")
    size = sum(path.stat().st_size for path in args.folder.rglob("*") if path.is_file())
    print(f"export of {args.tickets:,} tickets: {size / 1e6:.1f} MB in {elapsed:.1f} s")
    if args.zip:
        archive = zip_export(args.folder, args.folder.with_suffix(".zip"))
        print(f"zipped: {archive} ({archive.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
