"""Reading the export's files: folder or zip, encodings, separators, quoting, columns."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from hezo_desk.errors import UserError
from hezo_desk.services.legacy_import.reader import (
    CP1250,
    UTF8,
    UTF8_BOM,
    detect_encoding,
    parse_encoding_option,
    read_file,
)
from hezo_desk.services.legacy_import.source import EXPORT_FILES, ExportSource
from legacy_support import SAMPLE

POLISH = "Żółć gęślą jaźń – „cytat” ĄĆĘŁŃÓŚŹŻ"


def _export(tmp_path: Path, **files: bytes) -> Path:
    """A copy of the sample export with some files replaced (name without .csv → bytes)."""
    folder = tmp_path / "export"
    shutil.copytree(SAMPLE, folder)
    for stem, data in files.items():
        (folder / f"{stem}.csv").write_bytes(data)
    return folder


def _rows(folder: Path, name: str, encoding: str | None = None) -> list[tuple[int, dict[str, str]]]:
    with ExportSource(folder) as source:
        _format, rows = read_file(source, name, encoding=encoding)
        return [(row.line, row.values) for row in rows]


RESELLERS = f"reseller_id;nip;name;email\nR001;5260250274;{POLISH};a@b.pl\n"


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (RESELLERS.encode("cp1250"), CP1250),
        (RESELLERS.encode("utf-8"), UTF8),
        (b"\xef\xbb\xbf" + RESELLERS.encode("utf-8"), UTF8_BOM),
    ],
)
def test_the_encoding_is_detected_per_file(tmp_path: Path, encoded: bytes, encoding: str) -> None:
    folder = _export(tmp_path, resellers=encoded)
    with ExportSource(folder) as source:
        assert detect_encoding(source, "resellers.csv") == encoding
        file_format, rows = read_file(source, "resellers.csv")
        assert [row.values["name"] for row in rows] == [POLISH]
        assert file_format.columns == ("reseller_id", "nip", "name", "email")


@pytest.mark.parametrize("second_name", ["żółw łąka ćma źdźbło", POLISH])
def test_a_file_mixing_encodings_asks_for_one(tmp_path: Path, second_name: str) -> None:
    mixed = RESELLERS.encode("cp1250") + f"R002;;{second_name};c@d.pl\n".encode()
    folder = _export(tmp_path, resellers=mixed)
    with ExportSource(folder) as source, pytest.raises(UserError, match="mixes encodings") as error:
        read_file(source, "resellers.csv")
    assert "--encoding resellers.csv=cp1250" in str(error.value)
    if second_name == POLISH:
        return  # "Ę" and "Ł" in UTF-8 hold bytes Windows-1250 does not define
    # The override decides, for that file only.
    rows = _rows(folder, "resellers.csv", encoding=CP1250)
    assert rows[0][1]["name"] == POLISH
    assert rows[1][1]["name"] == second_name.encode().decode("cp1250")  # as asked


def test_bytes_that_fit_no_encoding_are_refused(tmp_path: Path) -> None:
    folder = _export(tmp_path, resellers=b"reseller_id;nip;name;email\nR001;;\x81\x83;x\n")
    with ExportSource(folder) as source, pytest.raises(UserError, match="neither UTF-8 nor"):
        read_file(source, "resellers.csv")


@pytest.mark.parametrize("separator", [";", ","])
@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_separators_line_endings_and_quoted_multiline_fields(
    tmp_path: Path, separator: str, newline: str
) -> None:
    s = separator
    text = newline.join(
        [
            f"body{s}message_id{s}unknown_column{s}author_type{s}sent_at{s}ticket_id{s}author",
            f'"Dzień dobry,{newline}w załączeniu log{s} proszę ""pilnie""{newline}{newline}'
            f'Pozdrawiam"{s}M1{s}x{s}klient{s}01.02.2023 10:00{s}Z1{s}Jan',
            f"zwykła treść{s}M2{s}{s}agent{s}01.02.2023 11:00{s}Z1{s}Ewa",
            "",
        ]
    )
    folder = _export(tmp_path, messages=text.encode("cp1250"))
    with ExportSource(folder) as source:
        file_format, rows = read_file(source, "messages.csv")
        read = [(row.line, row.values) for row in rows]
    assert file_format.separator == separator
    assert file_format.ignored_columns == ("unknown_column",)
    assert [line for line, _values in read] == [2, 6]
    assert read[0][1]["body"] == (
        f'Dzień dobry,{newline}w załączeniu log{s} proszę "pilnie"{newline}{newline}Pozdrawiam'
    )
    assert read[0][1]["message_id"] == "M1"
    assert "unknown_column" not in read[0][1]
    assert read[1][1] == {
        "message_id": "M2",
        "ticket_id": "Z1",
        "sent_at": "01.02.2023 11:00",
        "author": "Ewa",
        "author_type": "agent",
        "body": "zwykła treść",
    }


def test_a_missing_required_column_stops_before_reading(tmp_path: Path) -> None:
    folder = _export(tmp_path, customers="customer_id;name;city\nK1;Firma;Łódź\n".encode())
    with ExportSource(folder) as source, pytest.raises(UserError) as error:
        read_file(source, "customers.csv")
    assert "customers.csv has no column 'nip'" in str(error.value)


def test_a_missing_optional_column_is_noted_and_left_empty(tmp_path: Path) -> None:
    folder = _export(tmp_path, resellers=b"reseller_id;name\nR1;Firma\n")
    with ExportSource(folder) as source:
        file_format, rows = read_file(source, "resellers.csv")
        assert [row.values for row in rows] == [
            {"reseller_id": "R1", "name": "Firma", "nip": "", "email": ""}
        ]
    assert "no column nip, email: left empty" in file_format.notes


def test_rows_with_the_wrong_number_of_fields_are_marked_not_lost(tmp_path: Path) -> None:
    folder = _export(
        tmp_path,
        resellers=b"reseller_id;nip;name;email\nR1;;A;a@b.pl\nR2;;B; x;y@z.pl\nR3;;C\nR4;;D;;\n",
    )
    with ExportSource(folder) as source:
        _format, rows = read_file(source, "resellers.csv")
        read = list(rows)
    assert [(row.line, row.malformed is None) for row in read] == [
        (2, True), (3, False), (4, False), (5, True),
    ]  # fmt: skip
    assert read[1].values == {"reseller_id": "R2"}
    assert "the row has 5 fields, the header 4" in (read[1].malformed or "")


def test_a_quote_never_closed_stops_the_import_with_the_line(tmp_path: Path) -> None:
    folder = _export(
        tmp_path, resellers=b'reseller_id;nip;name;email\nR1;;A;a\nR2;;"B;b\nR3;;C;c\n'
    )
    with ExportSource(folder) as source:
        _format, rows = read_file(source, "resellers.csv")
        with pytest.raises(UserError, match="cannot be read past line 3"):
            list(rows)


def test_a_header_that_is_no_header_is_refused(tmp_path: Path) -> None:
    folder = _export(tmp_path, resellers=b"R1;5260250274;Firma;a@b.pl\n")
    with ExportSource(folder) as source, pytest.raises(UserError, match="not a header"):
        read_file(source, "resellers.csv")


def test_a_zip_of_the_folder_reads_like_the_folder(tmp_path: Path) -> None:
    archive = tmp_path / "eksport.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in SAMPLE.rglob("*"):
            if path.is_file():
                zipped.write(path, "eksport-2026/" + path.relative_to(SAMPLE).as_posix())
    assert _rows(archive, "tickets.csv") == _rows(SAMPLE, "tickets.csv")
    with ExportSource(archive) as source:
        assert source.attachment_size("attachments/Z000004/log-1.txt") == 39
        assert source.attachment_size("attachments/Z000004/nie-ma.txt") is None
        assert (
            source.read_attachment("attachments/Z000004/log-1.txt")
            == (SAMPLE / "attachments/Z000004/log-1.txt").read_bytes()
        )


def test_an_incomplete_export_names_what_is_missing(tmp_path: Path) -> None:
    folder = _export(tmp_path)
    (folder / "messages.csv").unlink()
    with pytest.raises(UserError, match=r"missing messages\.csv"):
        ExportSource(folder)
    with pytest.raises(UserError, match="does not exist"):
        ExportSource(tmp_path / "nie-ma")
    (tmp_path / "zepsuty.zip").write_bytes(b"PK nie zip")
    with pytest.raises(UserError, match="neither a folder nor a readable zip"):
        ExportSource(tmp_path / "zepsuty.zip")


@pytest.mark.parametrize(
    ("path", "safe"),
    [
        ("attachments/Z1/log.txt", "attachments/Z1/log.txt"),
        ("attachments\\Z1\\log.txt", "attachments/Z1/log.txt"),
        ("./attachments//Z1/log.txt", "attachments/Z1/log.txt"),
        ("../../etc/passwd", None),
        ("/etc/passwd", None),
        ("C:\\Windows\\win.ini", None),
        ("", None),
    ],
)
def test_attachment_paths_stay_inside_the_export(path: str, safe: str | None) -> None:
    assert ExportSource.safe_relative(path) == safe


def test_the_encoding_option_per_file_or_for_all() -> None:
    assert parse_encoding_option(["cp1250"]) == {"*": CP1250}
    assert parse_encoding_option(["messages.csv=UTF-8", "windows-1250"]) == {
        "messages.csv": UTF8,
        "*": CP1250,
    }
    with pytest.raises(UserError, match="unknown encoding"):
        parse_encoding_option(["klingon"])
    with pytest.raises(UserError, match="not a file of the export"):
        parse_encoding_option(["notes.csv=cp1250"])


def test_every_export_file_is_known() -> None:
    assert len(EXPORT_FILES) == 7


def test_a_given_encoding_that_does_not_fit_names_the_line(tmp_path: Path) -> None:
    text = "reseller_id;nip;name;email\nR1;;Firma;a@b.pl\nR2;;Łódź;c@d.pl\n"
    folder = _export(tmp_path, resellers=text.encode("cp1250"))
    with ExportSource(folder) as source:
        _format, rows = read_file(source, "resellers.csv", encoding=UTF8)
        with pytest.raises(UserError, match="not valid utf-8 in line 3"):
            list(rows)


def test_an_attachment_linked_from_outside_the_export_is_not_read(tmp_path: Path) -> None:
    folder = _export(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("tajne")
    (folder / "attachments" / "link.txt").symlink_to(secret)
    with ExportSource(folder) as source:
        assert source.attachment_size("attachments/link.txt") is None
