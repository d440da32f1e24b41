"""Run every benchmark: `python -m benchmarks [--quick] [--only pdf tables import load ...]`.

Each benchmark prints its figures next to a baseline measured in the same run. Full sizes are
the ones the issues name (1,000,000 tickets for lists and load, 50,000 for the import, a
1,000-message case and 500 cases for PDFs); the first full run builds the big databases, which
takes a while, and later runs reuse them. `--quick` uses small sizes to check that everything
still runs. The load and command-line fault benchmarks need PostgreSQL
(`HEZO_DESK_BENCH_POSTGRESQL`, default the local server's `test` database as an admin
connection).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
BENCHMARKS: dict[str, tuple[list[str], list[str]]] = {
    # name: (full arguments, quick arguments)
    "pdf": ([], ["--cases", "60", "--messages", "300"]),
    "tables": ([], ["--tickets", "50000"]),
    "import": ([], ["--tickets", "3000"]),
    "load": ([], ["--tickets", "20000", "--seconds", "5", "--agents", "1", "4"]),
    "cli_faults": ([], ["--replies", "12"]),
    "service_levels": ([], ["--tickets", "50000"]),
    "dashboard": ([], ["--tickets", "50000"]),
}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, to check they run")
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHMARKS), metavar="NAME")
    args = parser.parse_args()
    failed = []
    for name in args.only or list(BENCHMARKS):
        full, quick = BENCHMARKS[name]
        command = [
            sys.executable,
            "-m",
            f"benchmarks.bench_{name}",
            *(quick if args.quick else full),
        ]
        print(f"\n=== {name}: {' '.join(command[1:])}", flush=True)
        started = time.perf_counter()
        done = subprocess.run(command, cwd=REPOSITORY, check=False)
        print(
            f"=== {name}: {'ok' if done.returncode == 0 else 'FAILED'} in "
            f"{time.perf_counter() - started:.0f} s",
            flush=True,
        )
        if done.returncode != 0:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
