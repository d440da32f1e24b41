"""The case PDF renderer without a database: text fidelity, fonts, pages, metadata, size."""

from __future__ import annotations

import datetime as dt
import io
import pickle
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from hezo_desk.catalogue import Catalogue
from hezo_desk.enums import Language, MessageKind, Priority, TicketState
from hezo_desk.services.pdf import (
    LEGACY_AUTHOR_TYPES,
    CaseAttachment,
    CaseDocument,
    CaseEntry,
    RenderPool,
    Variant,
    legacy_case_document,
    render_case_pdf,
)
from hezo_desk.services.pdf.labels import NUMBER_FORMATS, format_size
from hezo_desk.services.pdf.text import Wrapper, printable

UTC = dt.UTC
EXPORTED_AT = dt.datetime(2026, 11, 2, 13, 5, tzinfo=UTC)  # 14:05 in Warsaw (CET)
POLISH = (
    "Zażółć gęślą jaźń. ZAŻÓŁĆ GĘŚLĄ JAŹŃ – „cytat” i «inny», ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ … 100 °C.\n"
    "Druga linia: Łódź, Kraków, Gdańsk — koniec."
)
MARKUP = (
    '<b>pogrubienie</b> <i>x</i> <script>alert("x")</script> <img src="/etc/passwd"/> '
    "a & b &amp; &lt;tag&gt; <unclosed <para> 1 < 2 > 0 &#169;"
)


FOOTER = re.compile(
    r"\S+\s*(?:Wyeksportował\(a\):|Exported by) [^\n]*\s*(?:Strona|Page) \d+ (?:z|of) \d+\s*$"
)


def extract(pdf: bytes) -> str:
    """The text of every page, without the page footers (stamped last on each page)."""
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    return "\n".join(FOOTER.sub("", text) for text in pages)


def squeeze(text: str) -> str:
    return " ".join(text.split())


def document(
    entries: list[CaseEntry] | None = None,
    *,
    variant: Variant = Variant.INTERNAL,
    language: Language = Language.POLISH,
    **facts: object,
) -> CaseDocument:
    values: dict[str, object] = {
        "number": "HD-000123",
        "subject": "Drukarka <nie> drukuje & „ęą”",
        "customer_name": "Drukarnia Łąka Sp. z o.o.",
        "tax_id": "PL5260250274",
        "contact": "Jan Kowalski, jan@laka.pl",
        "contract": "UMS/2024/00001",
        "serial": "(H2)-FG1234567890",
        "state": TicketState.IN_PROGRESS,
        "priority": Priority.HIGH,
        "opened_at": dt.datetime(2026, 10, 1, 8, 0, tzinfo=UTC),
        "updated_at": dt.datetime(2026, 11, 2, 8, 30, tzinfo=UTC),
        "reseller_access": True,
        "reseller_name": "Gęś IT Partner",
    }
    values.update(facts)
    return CaseDocument(
        variant=variant,
        language=language,
        entries=tuple(entries or []),
        **values,  # type: ignore[arg-type]
    )


def entry(body: str, kind: MessageKind = MessageKind.CUSTOMER, minute: int = 0) -> CaseEntry:
    return CaseEntry(
        "Jan Kowalski", kind, dt.datetime(2026, 11, 2, 9, minute % 60, tzinfo=UTC), body
    )


def render(doc: CaseDocument) -> bytes:
    return render_case_pdf(doc, exported_by="Anna Nowak", exported_at=EXPORTED_AT)


def test_polish_text_and_line_breaks_extract_exactly() -> None:
    pdf = render(document([entry(POLISH)]))
    text = extract(pdf)
    assert squeeze(POLISH) in squeeze(text)
    # Each source line is a line of its own in the PDF.
    assert "koniec.\n" in text or text.rstrip().endswith("koniec.")
    lines = [line.strip() for line in text.splitlines()]
    first, second = (line.strip() for line in POLISH.splitlines())
    assert lines.index(second) == lines.index(first) + 1


def test_markup_like_text_is_printed_literally() -> None:
    body = f"{MARKUP}\n\nakapit po pustej linii"
    pdf = render(document([entry(body)], subject="<b>Temat</b> & <script>"))
    text = squeeze(extract(pdf))
    assert squeeze(body) in text
    assert "<b>Temat</b> & <script>" in text
    assert PdfReader(io.BytesIO(pdf)).metadata.title == (  # type: ignore[union-attr]
        "Zgłoszenie HD-000123 – <b>Temat</b> & <script>"
    )


def test_a_100_kb_message_without_line_breaks_prints_completely() -> None:
    words = "zażółć-gęślą-jaźń-" * 6000  # ~108 KB of UTF-8, no spaces, no line breaks
    spaced = " ".join(f"słowo{i}" for i in range(14000))  # ~110 KB, spaces, no line break
    pdf = render(document([entry(words), entry(spaced, minute=1)]))
    text = extract(pdf)
    no_space = re.sub(r"\s+", "", text)
    assert re.sub(r"\s+", "", words) in no_space
    assert squeeze(spaced) in squeeze(text)
    assert len(PdfReader(io.BytesIO(pdf)).pages) > 40


def test_characters_the_font_lacks_become_a_visible_replacement() -> None:
    body = "Emoji 😀🧪 CJK 中文 control \x07 surrogate \udcff tab\tend"
    pdf = render(document([entry(body)], customer_name="Firma 🚀"))
    text = extract(pdf)
    assert "Emoji �� CJK �� control � surrogate � tab    end" in text
    assert "Firma �" in text
    assert "zastąpiono znakiem �" in text  # the note under the dialogue says why


def test_every_page_says_case_number_page_x_of_y_and_who_exported_it() -> None:
    entries = [entry(f"Wiadomość {i}\n" + "treść " * 200, minute=i) for i in range(40)]
    pdf = render(document(entries))
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) >= 5
    for number, page in enumerate(pages, start=1):
        text = page.extract_text()
        assert text.rstrip().endswith(
            f"HD-000123\nWyeksportował(a): Anna Nowak, 2026-11-02 14:05\n"
            f"Strona {number} z {len(pages)}"
        )


def test_english_customers_get_english_labels_and_warsaw_times() -> None:
    doc = document(
        [entry("Hello", MessageKind.AGENT)], language=Language.ENGLISH, variant=Variant.CUSTOMER
    )
    text = extract(render(doc))
    for label in ("Case HD-000123", "Customer copy", "Subject", "Tax ID", "Service contract"):
        assert label in text
    assert "State\nin progress" in text or "in progress" in text
    footer = PdfReader(io.BytesIO(render(doc))).pages[0].extract_text()
    assert footer.rstrip().endswith("Exported by Anna Nowak, 2026-11-02 14:05\nPage 1 of 1")
    assert "HEZO agent · Jan Kowalski · 2026-11-02 10:00" in text  # 09:00 UTC = 10:00 CET
    assert "Strona" not in text


def test_polish_customers_get_the_desks_words() -> None:
    text = extract(render(document([entry("Dzień dobry")])))
    assert "Stan\nw realizacji" in text
    assert "Priorytet\nwysoki" in text
    assert "Dostęp resellera\ntak (Gęś IT Partner)" in text
    assert "Status" not in text
    assert "partnera" not in text
    assert "Wersja dla resellera" in extract(render(document(variant=Variant.RESELLER)))


def test_the_words_come_from_the_catalogue_given(tmp_path: Path) -> None:
    (tmp_path / "hezo_desk_pl.ts").write_text(
        '<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="pl_PL">'
        "<context><name>CasePdf</name><message><source>Case</source>"
        "<translation>Sprawa</translation></message></context></TS>",
        encoding="utf-8",
    )
    pdf = render_case_pdf(
        document(), exported_by="A", exported_at=EXPORTED_AT, catalogue=Catalogue(tmp_path)
    )
    text = extract(pdf)
    assert "Sprawa HD-000123" in text
    assert "Subject" in text  # not in that catalogue: the English source


def test_sizes_follow_the_customers_number_format() -> None:
    polish, english = NUMBER_FORMATS[Language.POLISH], NUMBER_FORMATS[Language.ENGLISH]
    assert format_size(1023, polish) == "1023 B"
    assert format_size(1536, polish) == "1,5 KB"
    assert format_size(1536, english) == "1.5 KB"
    assert format_size(5 * 1024**3 // 2, english) == "2.5 GB"
    assert format_size(1024**4, polish) == "1\u00a0024,0 GB"
    assert format_size(1024**4, english) == "1,024.0 GB"


def test_fonts_are_embedded_and_metadata_set() -> None:
    pdf = render(document([entry(POLISH)]))
    reader = PdfReader(io.BytesIO(pdf))
    names = set()
    for page in reader.pages:
        for reference in page["/Resources"]["/Font"].values():
            font = reference.get_object()
            names.add(str(font["/BaseFont"]))
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]
    assert any(name.endswith("+DejaVuSans") for name in names)
    assert not any("Helvetica" in name for name in names)
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Zgłoszenie HD-000123 – Drukarka <nie> drukuje & „ęą”"
    assert meta.author == "Anna Nowak"
    assert meta.subject is not None
    assert "Wersja wewnętrzna" in meta.subject
    assert meta["/CreationDate"].startswith("D:20261102140500+01'00'")
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")


def test_internal_notes_are_marked_on_the_entry_itself() -> None:
    doc = document(
        [
            entry("Pytanie klienta", MessageKind.CUSTOMER),
            entry("Tylko dla nas: klient zalega z płatnością", MessageKind.INTERNAL_NOTE, 1),
        ]
    )
    text = extract(render(doc))
    assert "2. NOTATKA WEWNĘTRZNA · Jan Kowalski · 2026-11-02 10:01" in text
    assert "Tylko dla nas: klient zalega z płatnością" in text
    assert "Wersja wewnętrzna – zawiera notatki wewnętrzne" in text


def test_customer_and_reseller_documents_cannot_hold_internal_content() -> None:
    note = entry("sekret", MessageKind.INTERNAL_NOTE)
    for variant in (Variant.CUSTOMER, Variant.RESELLER):
        with pytest.raises(ValueError, match="internal notes"):
            document([note], variant=variant)
        with pytest.raises(ValueError, match="staff-only attachments"):
            document(
                variant=variant,
                attachments=(CaseAttachment("dialog.pdf", 10, "0" * 64, "legacy_dialogue"),),
            )
    with pytest.raises(ValueError, match="naive"):
        document([CaseEntry("x", MessageKind.CUSTOMER, dt.datetime(2026, 1, 1), "y")])


def test_attachments_are_listed_with_size_and_checksum() -> None:
    attachments = tuple(
        CaseAttachment(f"log-{i} <ważny>.txt", 1536 * (i + 1), f"{i:064x}") for i in range(60)
    )
    pdf = render(document([entry("x")], attachments=attachments))
    text = extract(pdf)
    assert "Załączniki (60)" in text
    assert "log-0 <ważny>.txt" in text
    assert "1,5 KB" in text
    assert f"{59:064x}" in text
    assert "Suma kontrolna SHA-256" in text


@pytest.mark.slow
def test_a_case_of_thousands_of_messages_completes() -> None:
    kinds = [MessageKind.CUSTOMER, MessageKind.AGENT, MessageKind.INTERNAL_NOTE]
    entries = [entry(f"Wiadomość nr {i}: {POLISH}", kinds[i % 3], minute=i) for i in range(3000)]
    pdf = render(document(entries))
    text = extract(pdf)
    assert "Korespondencja (3000)" in text
    headers = re.findall(r"^\s*(\d+)\. (?:Klient|Konsultant HEZO|NOTATKA WEWNĘTRZNA) ·", text, re.M)
    assert [int(n) for n in headers] == list(range(1, 3001))
    assert "Wiadomość nr 2999:" in text


def test_rendering_is_deterministic_and_documents_pickle() -> None:
    doc = document([entry(POLISH), entry(MARKUP, MessageKind.INTERNAL_NOTE, 2)])
    assert pickle.loads(pickle.dumps(doc)) == doc
    assert render(doc) == render(doc)


def test_legacy_builder_needs_no_database_and_reads_naive_times_as_warsaw() -> None:
    doc = legacy_case_document(
        legacy_number="ZG/2019/00042",
        subject="  Nie działa VPN  ",
        customer_name="Żółw Logistyka S.A.",
        messages=[
            CaseEntry("Jan", LEGACY_AUTHOR_TYPES["klient"], dt.datetime(2019, 7, 1, 9, 15), "A"),
            CaseEntry("Ola", LEGACY_AUTHOR_TYPES["notatka"], None, "B <br> & C"),
        ],
        attachments=[CaseAttachment("faktura.pdf", 2048, "a" * 64)],
        opened_by="Jan",
        closed_at=None,
    )
    assert doc.variant is Variant.INTERNAL
    assert doc.subject == "  Nie działa VPN  "
    assert doc.entries[0].time == dt.datetime(2019, 7, 1, 7, 15, tzinfo=UTC)
    text = extract(render_case_pdf(doc, exported_by="Import", exported_at=EXPORTED_AT))
    assert "Numer w starym systemie\nZG/2019/00042" in text
    assert "1. Klient · Jan · 2019-07-01 09:15" in text
    assert "2. NOTATKA WEWNĘTRZNA · Ola · czas nieznany" in text
    assert "B <br> & C" in text
    assert "Otworzył(a)\nJan" in text


def test_render_pool_uses_processes_and_keeps_the_order() -> None:
    docs = [(i, document([entry(f"sprawa {i}")], number=f"HD-{i:06d}")) for i in range(1, 7)]
    with RenderPool(workers=2) as pool:
        results = list(pool.render_ordered(docs, exported_by="A", exported_at=EXPORTED_AT))
    assert [key for key, _ in results] == [1, 2, 3, 4, 5, 6]
    for key, pdf in results:
        assert f"sprawa {key}" in extract(pdf)
    with RenderPool(workers=1) as pool:
        single = dict(pool.render_ordered(docs[:2], exported_by="A", exported_at=EXPORTED_AT))
    assert single[1] == results[0][1]


def test_wrapping_keeps_every_character_and_fits_the_width() -> None:
    from hezo_desk.services.pdf.fonts import dejavu_fonts

    fonts = dejavu_fonts()
    wrapper = Wrapper(fonts.regular, 9.5)
    text = printable(
        "  wcięcie\n" + "słowo " * 300 + "\n" + "x" * 5000 + "\n\nkoniec",
        fonts.coverage[fonts.regular],
    )
    lines = wrapper.wrap(text, 300)
    assert all(wrapper.width(line) <= 300 for line in lines)
    assert lines[0] == "  wcięcie"
    assert "".join("".join(lines).split()) == "".join(text.split())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_pdftotext_reads_the_same_text(tmp_path: Path) -> None:
    path = tmp_path / "case.pdf"
    path.write_bytes(render(document([entry(POLISH), entry(MARKUP, minute=1)])))
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    text = done.stdout.decode()
    assert squeeze(POLISH) in squeeze(text)
    assert squeeze(MARKUP) in squeeze(text)
