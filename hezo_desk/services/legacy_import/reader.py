"""Reading one CSV file of the export: its encoding, its separator, its rows.

Real exports come as Windows-1250 from the old server or as UTF-8 (with or without a BOM)
re-saved by people, with `;` or `,` between fields, quoted fields spanning lines, CRLF or LF
(LEGACY_EXPORT.md). Both are detected per file; `--encoding` overrides the detection.
Columns are found by name in any order; unknown columns are ignored.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import BinaryIO

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.errors import UserError
from hezo_desk.services.legacy_import.rules import RejectReason
from hezo_desk.services.legacy_import.source import ExportSource

UTF8 = "utf-8"
UTF8_BOM = "utf-8-sig"
CP1250 = "cp1250"
SEPARATORS = (";", ",")
_CHUNK = 1024 * 1024
_MIB = 1024 * 1024
# The longest record (a row, over one line or several) each file's format allows, in bytes as
# stored. A message body may hold 1,000,000 characters (staging.MAX_MESSAGE_LENGTH): up to 4
# bytes each in UTF-8, 6 as `&nbsp;`, 2 as a doubled quote. Any other row is a few hundred
# characters. A longer record is rejected without being held in memory (`_BoundedLines`).
MAX_RECORD_BYTES: Mapping[str, int] = {"messages.csv": 8 * _MIB}
DEFAULT_MAX_RECORD_BYTES = _MIB
# A message may be tens of kilobytes on one line; the csv module's default limit is 128 KiB.
# No field is longer than its record.
FIELD_SIZE_LIMIT = max(MAX_RECORD_BYTES.values())
# Polish letters and typographic marks as UTF-8 bytes: found in a file that is not valid UTF-8,
# they mean parts of it were saved as UTF-8 and parts as Windows-1250.
_UTF8_POLISH = tuple(char.encode("utf-8") for char in "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ„”–")

# Columns per file: those without which a row means nothing, and the others.
REQUIRED_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "resellers.csv": ("reseller_id", "name"),
    "customers.csv": ("customer_id", "nip", "name"),
    "contracts.csv": (
        "contract_no", "customer_id", "reseller_id", "start_date", "end_date", "status",
    ),
    "services.csv": ("service_id", "contract_no", "serial", "start_date", "end_date"),
    "tickets.csv": (
        "ticket_id", "customer_id", "contract_no", "serial", "subject", "status", "opened_at",
    ),
    "messages.csv": ("message_id", "ticket_id", "sent_at", "author_type", "body"),
    "attachments.csv": ("attachment_id", "ticket_id", "path"),
}  # fmt: skip
OPTIONAL_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "resellers.csv": ("nip", "email"),
    "customers.csv": ("street", "postal_code", "city", "country", "phone", "email"),
    "contracts.csv": (),
    "services.csv": ("product",),
    "tickets.csv": ("priority", "closed_at", "opened_by"),
    "messages.csv": ("author",),
    "attachments.csv": ("message_id", "file_name"),
}
ID_COLUMNS: Mapping[str, str] = {
    "resellers.csv": "reseller_id",
    "customers.csv": "customer_id",
    "contracts.csv": "contract_no",
    "services.csv": "service_id",
    "tickets.csv": "ticket_id",
    "messages.csv": "message_id",
    "attachments.csv": "attachment_id",
}


@dataclass(frozen=True)
class CsvRow:
    """One record: its first physical line, its values by column, or why it is malformed
    (`malformed` the detail, `problem` the reason)."""

    line: int
    values: dict[str, str]
    malformed: str | None = None
    problem: RejectReason = RejectReason.MALFORMED_ROW


@dataclass
class FileFormat:
    name: str
    encoding: str
    encoding_detected: bool
    separator: str
    columns: tuple[str, ...]
    missing_optional: tuple[str, ...]
    ignored_columns: tuple[str, ...]
    size: int
    line_ending: str = "LF"
    notes: list[str] = field(default_factory=list)

    @property
    def encoding_label(self) -> str:
        label = {UTF8: "UTF-8", UTF8_BOM: "UTF-8 with BOM", CP1250: "Windows-1250"}.get(
            self.encoding, self.encoding
        )
        return label if self.encoding_detected else f"{label} (given)"


def normalize_encoding(name: str) -> str:
    try:
        canonical = codecs.lookup(name.strip()).name
    except LookupError:
        raise UserError(
            QT_TRANSLATE_NOOP(
                "Errors", "unknown encoding “%1” (use e.g. cp1250, utf-8 or utf-8-sig)"
            ),
            name,
        ) from None
    return {"utf_8": UTF8, "utf_8_sig": UTF8_BOM}.get(canonical, canonical)


def parse_encoding_option(values: list[str] | None) -> dict[str, str]:
    """`--encoding cp1250` (every file) or `--encoding messages.csv=utf-8` (one file).

    Returns file name → encoding; the key `*` stands for every file not named.
    """
    result: dict[str, str] = {}
    for value in values or []:
        name, separator, encoding = value.partition("=")
        if not separator:
            name, encoding = "*", value
        name = name.strip().lower()
        if name != "*" and name not in REQUIRED_COLUMNS:
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "Errors", "--encoding “%1”: “%2” is not a file of the export (%3)"
                ),
                value,
                name,
                ", ".join(REQUIRED_COLUMNS),
            )
        result[name] = normalize_encoding(encoding)
    return result


def detect_encoding(source: ExportSource, name: str) -> str:
    """UTF-8 (with or without BOM) when the whole file decodes as UTF-8, else Windows-1250.

    A file that is not UTF-8 but holds Polish letters encoded as UTF-8 is a mix of both; no
    choice would be right for all of it, so the caller is asked to decide with `--encoding`.
    """
    with source.open_file(name) as stream:
        head = stream.read(3)
        if head == codecs.BOM_UTF8:
            return UTF8_BOM
        decoder = codecs.getincrementaldecoder(UTF8)("strict")
        chunk = head
        offset = 0
        try:
            while True:
                more = stream.read(_CHUNK)
                decoder.decode(chunk, final=not more)
                if not more:
                    return UTF8
                offset += len(chunk)
                chunk = more
        except UnicodeDecodeError as error:
            first_bad = offset + error.start
    # Not UTF-8: it must be valid Windows-1250, and must not hold UTF-8 Polish letters.
    decoder = codecs.getincrementaldecoder(CP1250)("strict")
    utf8_hits = 0
    offset = 0
    carry = b""
    not_cp1250: str | None = None
    with source.open_file(name) as stream:
        while chunk := stream.read(_CHUNK):
            window = carry + chunk
            utf8_hits += sum(window.count(letter) for letter in _UTF8_POLISH)
            carry = chunk[-2:]
            if not_cp1250 is None:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as error:
                    not_cp1250 = f"byte 0x{chunk[error.start]:02X} at offset {offset + error.start}"
            offset += len(chunk)
    if utf8_hits:
        raise UserError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "%1 mixes encodings: it is not valid UTF-8 (offset %2) yet holds %3 Polish "
                "letter(s) written as UTF-8, so parts were saved as UTF-8 and parts as "
                "Windows-1250. Re-save it in one encoding, or choose one with --encoding "
                "%1=cp1250 or --encoding %1=utf-8",
            ),
            name,
            first_bad,
            utf8_hits,
        )
    if not_cp1250 is not None:
        raise UserError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "%1 is neither UTF-8 nor Windows-1250: %2 fits neither; give its encoding with "
                "--encoding %1=ENCODING",
            ),
            name,
            not_cp1250,
        )
    return CP1250


def _detect_separator(name: str, header_line: str) -> str:
    known = set(REQUIRED_COLUMNS[name]) | set(OPTIONAL_COLUMNS[name])
    best, best_score = None, (0, 0)
    for separator in SEPARATORS:
        fields = next(csv.reader([header_line], delimiter=separator), [])
        names = {_column_name(field) for field in fields}
        score = (len(names & known), len(fields))
        if score > best_score:
            best, best_score = separator, score
    if best is None or best_score[0] == 0:
        raise UserError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "%1: the first line is not a header with the export's column names (expected "
                "e.g. %2; found “%3”)",
            ),
            name,
            ", ".join(REQUIRED_COLUMNS[name]),
            header_line[:120],
        )
    return best


def _column_name(text: str) -> str:
    return text.strip().strip("\ufeff").strip().lower()


def _first_line(source: ExportSource, name: str, encoding: str) -> tuple[str, str]:
    """The header line decoded, and its line ending (only its own bytes are decoded)."""
    with source.open_file(name) as stream:
        head = stream.read(_CHUNK)
    end = head.find(b"\n")
    raw = head if end < 0 else head[: end + 1]
    ending = "CRLF" if raw.endswith(b"\r\n") else "LF" if raw.endswith(b"\n") else "none"
    try:
        line = raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise UserError(
            QT_TRANSLATE_NOOP("Errors", "%1 is not valid %2 in its first line: %3"),
            name,
            encoding,
            error,
        ) from None
    return line.lstrip("\ufeff").rstrip("\r\n"), ending


def read_file(
    source: ExportSource,
    name: str,
    *,
    encoding: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[FileFormat, Iterator[CsvRow]]:
    """The file's format and an iterator over its records.

    `encoding` None detects it. The iterator raises `UserError` for a file that cannot be read
    reliably past some line (a quote never closed, text after a closing quote); rows with the
    wrong number of fields come as `CsvRow.malformed` so the rest goes on.
    """
    if csv.field_size_limit() < FIELD_SIZE_LIMIT:
        csv.field_size_limit(FIELD_SIZE_LIMIT)
    detected = encoding is None
    chosen = detect_encoding(source, name) if encoding is None else encoding
    header_line, ending = _first_line(source, name, chosen)
    if not header_line.strip():
        raise UserError(QT_TRANSLATE_NOOP("Errors", "%1 is empty: a header row is expected"), name)
    separator = _detect_separator(name, header_line)
    header = [_column_name(cell) for cell in next(csv.reader([header_line], delimiter=separator))]
    required, optional = REQUIRED_COLUMNS[name], OPTIONAL_COLUMNS[name]
    missing = [column for column in required if column not in header]
    if missing:
        raise UserError(
            QT_TRANSLATE_NOOP("Errors", "%1 has no column %2 (its columns: %3)"),
            name,
            ", ".join(repr(c) for c in missing),
            ", ".join(header),
        )
    positions: dict[str, int] = {}
    for position, column in enumerate(header):
        if column in required or column in optional:
            positions.setdefault(column, position)
    file_format = FileFormat(
        name=name,
        encoding=chosen,
        encoding_detected=detected,
        separator=separator,
        columns=tuple(header),
        missing_optional=tuple(c for c in optional if c not in positions),
        ignored_columns=tuple(c for c in header if c not in positions and c),
        size=source.file_size(name),
        line_ending=ending,
    )
    if file_format.missing_optional:
        file_format.notes.append(f"no column {', '.join(file_format.missing_optional)}: left empty")
    if file_format.ignored_columns:
        file_format.notes.append(f"ignored columns: {', '.join(file_format.ignored_columns)}")
    return file_format, _rows(source, file_format, positions, len(header), progress)


def _rows(
    source: ExportSource,
    file_format: FileFormat,
    positions: dict[str, int],
    width: int,
    progress: Callable[[int], None] | None,
) -> Iterator[CsvRow]:
    name = file_format.name
    id_column = ID_COLUMNS[name]
    id_position = positions[id_column]
    limit = MAX_RECORD_BYTES.get(name, DEFAULT_MAX_RECORD_BYTES)
    with source.open_file(name) as raw:
        lines = _BoundedLines(raw, file_format.encoding, file_format.separator, limit)
        reader = csv.reader(lines, delimiter=file_format.separator, quotechar='"', strict=True)
        # Physical lines, counted by `lines`: a record cut for its length spans more of them
        # than the one stand-in line `csv` sees.
        last_line = 0
        try:
            next(reader)  # the header
            last_line = lines.number
            for record in reader:
                line = last_line + 1
                last_line = lines.number
                if progress is not None:
                    progress(lines.consumed)
                cut = lines.take_cut()
                if cut is not None:
                    legacy_id = _cut_id(cut, record, id_position, file_format.separator)
                    detail = f"{cut.size} > {limit} bytes"
                    values = {id_column: legacy_id}
                    yield CsvRow(line, values, detail, RejectReason.RECORD_TOO_LONG)
                    continue
                if not record or (len(record) == 1 and not record[0].strip()):
                    continue
                malformed = None
                if len(record) > width and any(cell.strip() for cell in record[width:]):
                    malformed = (
                        f"the row has {len(record)} fields, the header {width} "
                        f"(a {file_format.separator!r} inside a field that is not quoted?)"
                    )
                elif len(record) < width:
                    malformed = f"the row has {len(record)} fields, the header {width}"
                if malformed is not None:
                    legacy_id = record[id_position].strip() if id_position < len(record) else ""
                    yield CsvRow(line, {id_column: legacy_id}, malformed)
                    continue
                values = {column: record[position] for column, position in positions.items()}
                for column in file_format.missing_optional:
                    values[column] = ""
                yield CsvRow(line, values)
        except csv.Error as error:
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "%1 cannot be read past line %2: %3 (a quote that is never closed, or text "
                    "after a closing quote). Nothing was imported; fix the quoting of that line "
                    "and run the import again",
                ),
                name,
                last_line + 1,
                error,
            ) from None
        except UnicodeDecodeError as error:
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "%1 is not valid %2 in line %3 (%4); choose another with --encoding "
                    "%1=ENCODING",
                ),
                name,
                file_format.encoding,
                lines.number,
                error.reason,
            ) from None


def _cut_id(cut: _Cut, record: list[str], id_position: int, separator: str) -> str:
    """The legacy id of a record cut for its length, when the part read before the cut holds
    it whole (the stand-in closed the record after it), else from the record's first bytes."""
    if cut.head is None:
        complete = record[:-1]  # the last field is the stand-in's
    else:
        text = cut.head.decode(cut.encoding, errors="replace")
        complete = next(csv.reader([text], delimiter=separator), [])[:-1]
    return complete[id_position].strip() if id_position < len(complete) else ""


@dataclass(frozen=True)
class _Cut:
    """A record longer than allowed: its size read (and dropped), and its first bytes when
    none of it had reached `csv` yet."""

    size: int
    head: bytes | None
    encoding: str


class _Chunks:
    """Lines of a binary stream read in blocks, never longer than the caller asks for.

    (A zip member's own `readline(limit)` steps through 512 bytes at a time; iterating any
    stream reads a whole line, however long.)"""

    def __init__(self, raw: BinaryIO, size: int = 64 * 1024) -> None:
        self._raw = raw
        self._size = size
        self._buffer = b""
        self._offset = 0

    def readline(self, limit: int) -> bytes:
        """The next line with its `\n`, or its first `limit` bytes; b"" at the end."""
        parts: list[bytes] = []
        wanted = limit
        while True:
            buffer, offset = self._buffer, self._offset
            end = buffer.find(b"\n", offset, offset + wanted)
            if end >= 0:
                parts.append(buffer[offset : end + 1])
                self._offset = end + 1
                break
            if len(buffer) - offset >= wanted:
                parts.append(buffer[offset : offset + wanted])
                self._offset = offset + wanted
                break
            parts.append(buffer[offset:])
            wanted -= len(buffer) - offset
            self._buffer, self._offset = self._raw.read(self._size), 0
            if not self._buffer:
                break
        return parts[0] if len(parts) == 1 else b"".join(parts)


class _Quoting:
    """Whether a record's quoted field is open, followed over its bytes as `csv` reads them: a
    quote opens a field only at the field's start, a doubled quote inside one is a quote.

    (`"`, `\n` and the separators are single bytes in UTF-8 and Windows-1250 alike.)"""

    def __init__(self, separator: str) -> None:
        self._separator = ord(separator)
        self.open = False
        self._quote_last = False  # the last piece ended on a quote inside an open field
        self._previous = -1  # the byte before the next piece; -1 at a record's start

    def start_record(self) -> None:
        self.open, self._quote_last, self._previous = False, False, -1

    def feed(self, piece: bytes) -> None:
        position, size = 0, len(piece)
        if self._quote_last and size:
            self._quote_last = False
            if piece[0] == 0x22:
                position = 1  # a doubled quote: the field stays open
            else:
                self.open = False
        while position < size:
            quote = piece.find(b'"', position)
            if quote < 0:
                break
            if self.open:
                if quote + 1 == size:
                    self._quote_last = True
                    break
                if piece[quote + 1] == 0x22:
                    position = quote + 2
                    continue
                self.open = False
            else:
                before = piece[quote - 1] if quote else self._previous
                self.open = before in (-1, self._separator)
            position = quote + 1
        if size:
            self._previous = piece[-1]

    def ended(self) -> bool:
        """At a line's end: whether the record ends there (no quoted field open)."""
        if self._quote_last:
            self._quote_last, self.open = False, False
        return not self.open


class _BoundedLines:
    """The file's physical lines, each decoded on its own (a decoding error names its line),
    no record longer than `limit` bytes held in memory.

    A record that grows past the limit is read on to its end a chunk at a time and dropped;
    `csv` gets one stand-in line that ends the record (an empty line, or a quote closing the
    field it was in), and `take_cut` says which row that was. Counts the bytes read
    (progress) and the physical lines (messages).
    """

    def __init__(self, raw: BinaryIO, encoding: str, separator: str, limit: int) -> None:
        self._lines = _Chunks(raw)
        self._encoding = encoding
        self._decoder = codecs.getincrementaldecoder(encoding)("strict")
        self._quoting = _Quoting(separator)
        self._limit = limit
        self._cut: _Cut | None = None
        self.consumed = 0
        self.number = 0

    def take_cut(self) -> _Cut | None:
        """The record `csv` just returned was cut for its length (once per cut record)."""
        cut, self._cut = self._cut, None
        return cut

    def __iter__(self) -> Iterator[str]:
        decode = self._decoder.decode
        quoting = self._quoting
        while True:
            quoting.start_record()
            size = 0
            while True:  # the lines of one record
                piece = self._lines.readline(self._limit - size + 1)
                if not piece:
                    tail = decode(b"", final=True)
                    if tail:
                        yield tail
                    return
                self.consumed += len(piece)
                size += len(piece)
                if size > self._limit:
                    yield self._cut_record(piece, size, first=size == len(piece))
                    break
                if quoting.open or b'"' in piece:
                    quoting.feed(piece)
                self.number += 1
                yield decode(piece)
                if quoting.ended():
                    break

    def _cut_record(self, piece: bytes, size: int, *, first: bool) -> str:
        """Read the rest of an over-long record and drop it; the stand-in line for `csv`."""
        quoting = self._quoting
        head = piece[:1024] if first else None
        while True:
            quoting.feed(piece)
            line_ended = piece.endswith(b"\n")
            if line_ended:
                self.number += 1
                if quoting.ended():
                    break
            piece = self._lines.readline(_CHUNK)
            if not piece:
                self.number += 0 if line_ended else 1  # the last line, without its \n
                break
            self.consumed += len(piece)
            size += len(piece)
        self._cut = _Cut(size=size, head=head, encoding=self._encoding)
        # Nothing of it reached csv: an empty line. Else csv is inside the quoted field the
        # record's earlier lines left open: a quote closes it and the line ends the record.
        return "\n" if first else '"\n'
