"""`hezo-desk import-legacy PATH`: the migration from the legacy system (back office)."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any, TextIO

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.cli.context import CommandContext
from hezo_desk.cli.output import Output, neutralised
from hezo_desk.services.legacy_import import (
    ImportOptions,
    ImportProgress,
    LegacyImporter,
    Phase,
    RunStatus,
    parse_encoding_option,
    summary_lines,
)

EXIT_CANCELLED = 130


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "import-legacy",
        parents=[common],
        help="import the legacy system's export (folder or zip); safe to run again",
        description="Import the legacy helpdesk's export: active contracts with their "
        "services, active tickets with their dialogue (also as a PDF). Running it again, or "
        "with a later export, duplicates nothing. Ctrl-C stops after the unit in flight.",
    )
    parser.add_argument("path", metavar="PATH", help="the export folder, or its zip")
    parser.add_argument("--report", metavar="FILE", help="write the full report as JSON")
    parser.add_argument(
        "--dry-run", action="store_true", help="check and report only; write nothing"
    )
    parser.add_argument(
        "--encoding",
        metavar="ENC",
        action="append",
        help="the encoding of every file (cp1250, utf-8), or of one: messages.csv=cp1250; "
        "repeatable (default: detected per file)",
    )
    parser.add_argument(
        "--work-dir",
        metavar="DIR",
        help="where the temporary staging database goes (default: the system's temporary "
        "folder; a large export needs a few times its size there)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="processes rendering dialogue PDFs (default: one per core)",
    )
    parser.set_defaults(handler=import_legacy)


class _ProgressPrinter:
    """Progress on standard error: one rewritten line on a terminal, else a line now and then."""

    def __init__(self, stream: TextIO, out: Output) -> None:
        self.stream = stream
        self.out = out
        self.tty = stream.isatty()
        self.last_phase: Phase | None = None
        self.last_line_at = -1e9

    def __call__(self, progress: ImportProgress) -> None:
        text = neutralised(describe_progress(progress, self.out))
        if self.tty:
            self.stream.write("\r\x1b[2K" + text)
            if progress.phase is Phase.DONE:
                self.stream.write("\n")
        elif progress.phase is not self.last_phase or progress.elapsed - self.last_line_at >= 5:
            self.stream.write(text + "\n")
            self.last_line_at = progress.elapsed
        self.last_phase = progress.phase
        self.stream.flush()


def describe_progress(progress: ImportProgress, out: Output) -> str:
    """The import's progress in one line, in the command's language."""
    percent = f" ({100 * progress.done / progress.total:.0f}%)" if progress.total else ""
    if progress.phase is Phase.READING:
        text = out.words(
            QT_TRANSLATE_NOOP("Cli", "reading %1: %2 rows%3"),
            progress.file or "",
            _grouped(progress.rows_read),
            percent,
        )
    elif progress.phase is Phase.CHECKING:
        text = out.words(
            QT_TRANSLATE_NOOP("Cli", "checking the rules: step %1 of %2"),
            progress.done,
            progress.total,
        )
    elif progress.phase is Phase.WRITING:
        text = out.words(
            QT_TRANSLATE_NOOP("Cli", "writing companies, contracts, services: %1/%2"),
            _grouped(progress.done),
            _grouped(progress.total),
        )
    elif progress.phase is Phase.TICKETS:
        text = out.words(
            QT_TRANSLATE_NOOP("Cli", "tickets %1/%2%3, messages %4, attachments %5, flagged %6"),
            _grouped(progress.tickets_written),
            _grouped(progress.tickets_total),
            percent,
            _grouped(progress.messages_written),
            _grouped(progress.attachments_written),
            _grouped(progress.flagged),
        )
    else:
        text = out.words(QT_TRANSLATE_NOOP("Cli", "import finished"))
    if progress.eta is not None and progress.phase is not Phase.DONE:
        text += out.words(QT_TRANSLATE_NOOP("Cli", " · %1 left"), format_duration(progress.eta))
    return text


def _grouped(count: int) -> str:
    """1234567 → "1 234 567": thousands apart by a no-break space, read alike in Polish
    (where a comma is the decimal mark) and English."""
    return f"{count:,}".replace(",", "\u00a0")


def format_duration(seconds: float) -> str:
    total = round(seconds)
    if total < 60:
        return f"{total} s"
    minutes, seconds_left = divmod(total, 60)
    if minutes < 60:
        return f"{minutes} min {seconds_left:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


@contextmanager
def _cancel_on_interrupt(stream: TextIO, out: Output) -> Iterator[threading.Event]:
    """The first Ctrl-C asks the import to stop after the unit in flight; the second stops."""
    event = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield event
        return

    def on_interrupt(_signum: int, _frame: FrameType | None) -> None:
        if event.is_set():
            raise KeyboardInterrupt
        event.set()
        note = QT_TRANSLATE_NOOP(
            "Cli", "cancelling after the unit in flight (Ctrl-C again to stop at once)"
        )
        stream.write("\n" + out.words(note) + "\n")

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield event
    finally:
        signal.signal(signal.SIGINT, previous)


def import_legacy(context: CommandContext) -> int:
    args = context.args
    options = ImportOptions(
        dry_run=args.dry_run,
        encodings=parse_encoding_option(args.encoding),
        render_workers=args.workers,
        work_dir=Path(args.work_dir).expanduser() if args.work_dir else None,
    )
    db = context.database()
    actor = context.actor()
    with _cancel_on_interrupt(sys.stderr, context.out) as stop:
        report = LegacyImporter(db).run(
            actor,
            args.path,
            options,
            progress=_ProgressPrinter(sys.stderr, context.out),
            cancelled=stop.is_set,
            report_file=args.report,
        )
    if context.out.as_json:
        context.out.json(report.to_json())
    else:
        for line in summary_lines(report, translate=context.out.translate):
            context.out.line(line)
        if args.report:
            context.out.say(QT_TRANSLATE_NOOP("Cli", "full report: %1"), args.report)
        elif report.lists_truncated:
            context.out.say(
                QT_TRANSLATE_NOOP("Cli", "the lists are shortened; --report FILE writes every row")
            )
    return EXIT_CANCELLED if report.status is RunStatus.CANCELLED else 0
