"""Writing a generated export to files (and zipping it), as the old system exported it."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

from hezo_desk.services.legacy_import.source import EXPORT_FILES

from .bad_rows import add_bad_rows, add_later_rows
from .builder import Builder
from .spec import COLUMNS, ExportSpec, format_of
from .truth import Expected, RowTruth


def _lines_in(record: str) -> int:
    """Physical lines a written record spans, counted as the csv module counts them."""
    text = record.rstrip("\r\n")
    return (
        1
        + text.count("\r\n")
        + text.replace("\r\n", "").count("\n")
        + text.replace("\r\n", "").count("\r")
    )


def generate_export(folder: str | Path, spec: ExportSpec | None = None) -> Expected:
    """Write the export into `folder` (created); return what its import must give."""
    spec = spec or ExportSpec()
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    builder = Builder(spec)
    builder.regular_rows()
    if spec.bad_rows:
        add_bad_rows(builder)
    if spec.generation >= 2:
        add_later_rows(builder)
    expected = builder.finish()
    for name in EXPORT_FILES:
        encoding, separator, ending = format_of(spec, name)
        newline = "\r\n" if ending == "crlf" else "\n"
        record_buffer = io.StringIO()
        writer = csv.writer(record_buffer, delimiter=separator, lineterminator=newline)
        writer.writerow(COLUMNS[name])
        parts = [record_buffer.getvalue()]
        line = 2
        truths: list[RowTruth] = []
        tickets: dict[int, str] = {}
        for row in builder.files[name]:
            record_buffer.seek(0)
            record_buffer.truncate()
            if row.raw is not None:
                record_buffer.write(row.raw.format(sep=separator) + newline)
            else:
                assert row.values is not None
                cells = [
                    (row.values.get(column, "") or "").replace("\n", newline)
                    if column == "body" and "\r\n" not in (row.values.get(column) or "")
                    else row.values.get(column, "")
                    for column in COLUMNS[name]
                ]
                writer.writerow(cells)
            record = record_buffer.getvalue()
            parts.append(record)
            truths.append(RowTruth(line, row.legacy_id, *row.truth))
            if row.ticket is not None:
                tickets[line] = row.ticket
            line += _lines_in(record)
        expected.rows[name] = truths
        expected.row_tickets[name] = tickets
        expected.formats[name] = (encoding, separator, ending)
        (target / name).write_bytes("".join(parts).encode(encoding))
    for relative, data in builder.attachment_files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return expected


def zip_export(folder: str | Path, zip_path: str | Path, *, inner: str | None = "export") -> Path:
    """The export folder zipped (inside one top folder, as people zip a folder)."""
    source = Path(folder)
    destination = Path(zip_path)
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(source.rglob("*")):
            if path.is_file():
                relative = path.relative_to(source).as_posix()
                archive.write(path, f"{inner}/{relative}" if inner else relative)
    return destination


def summary(expected: Expected) -> dict[str, Any]:
    """Counts per file and outcome (for the benchmark's printout)."""
    return {file: expected.counts(file) for file in expected.rows}
