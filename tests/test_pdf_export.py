"""Case PDFs from the database: variants, the reseller rule, audit, files, batches, the CLI."""

from __future__ import annotations

import hashlib
import io
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from builders import World, build_world
from hezo_desk.cli import main
from hezo_desk.db import Database
from hezo_desk.enums import Language
from hezo_desk.errors import HezoError, UserError
from hezo_desk.models import Attachment, Customer, Service
from hezo_desk.services.actor import Actor
from hezo_desk.services.audit import AuditAction, AuditService
from hezo_desk.services.pdf import Variant
from hezo_desk.services.pdf.batch import export_batch
from hezo_desk.services.pdf.export import (
    PART_SUFFIX,
    PdfExportService,
    ResellerCopyRefusedError,
)
from hezo_desk.services.tickets import NewTicket, TicketService

# Commands prove their acting agent (issue 12): the fixtures' agents' password is at hand.
pytestmark = pytest.mark.usefixtures("agent_password")

NOTE = "Notatka: klient <zalega> z płatnością & nie mówić mu tego"
REPLY = "Dzień dobry, proszę o log z „diagnose debug” – dziękuję."
CUSTOMER_TEXT = "Tunel VPN nie wstaje.\nLog w załączeniu: <b>error</b> & więcej."


def extract(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def squeeze(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Case:
    world: World
    ticket_id: int
    number: str


def open_case(db: Database, agent: Actor, *, access: bool) -> Case:
    world = build_world(db)
    with db.sessions() as session:
        service_id = session.scalar(select(Service.id).where(Service.serial == "FW5550001111"))
    assert service_id is not None
    tickets = TicketService(db)
    row = tickets.open(
        agent,
        NewTicket(
            contract_id=world.contract_id,
            service_id=service_id,
            subject="Brak połączenia VPN <pilne> & ważne",
            description=CUSTOMER_TEXT,
            reseller_access=access,
            access_requested_by="Jan Kowalski",
        ),
    )
    tickets.reply(agent, row.id, REPLY)
    tickets.add_note(agent, row.id, NOTE)
    tickets.add_attachment(agent, row.id, "konfiguracja ł.txt", "zażółć\n".encode())
    with db.transaction() as session:
        session.add(
            Attachment(
                ticket_id=row.id,
                file_name="stary-dialog.pdf",
                content_type="application/pdf",
                size=4,
                sha256=hashlib.sha256(b"%PDF").hexdigest(),
                data=b"%PDF",
                kind="legacy_dialogue",
            )
        )
    return Case(world, row.id, row.number)


def audit_actions(db: Database, ticket_id: int) -> list[tuple[str, dict[str, object]]]:
    return [
        (row.action, row.details)
        for row in AuditService(db).for_ticket(ticket_id)
        if row.action in (AuditAction.TICKET_EXPORTED, AuditAction.TICKET_PRINTED)
    ]


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder for exported files (tmp_path also holds the SQLite database)."""
    folder = tmp_path / "wyniki"
    folder.mkdir()
    return folder


def no_part_files(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if p.name.endswith(PART_SUFFIX)]


def test_customer_copy_leaves_internal_notes_and_staff_attachments_out(
    db: Database, agent: Actor
) -> None:
    case = open_case(db, agent, access=False)
    service = PdfExportService(db)
    document = service.document(case.ticket_id, Variant.CUSTOMER)
    assert [e.body for e in document.entries] == [CUSTOMER_TEXT, REPLY]
    assert [a.name for a in document.attachments] == ["konfiguracja ł.txt"]
    text = extract(service.render(agent, case.ticket_id, Variant.CUSTOMER).pdf)
    assert squeeze(CUSTOMER_TEXT) in squeeze(text)
    assert squeeze(REPLY) in squeeze(text)
    assert "zalega" not in text
    assert "NOTATKA WEWNĘTRZNA" not in text
    assert "stary-dialog.pdf" not in text
    assert "Wersja dla klienta" in text
    # The desk's words for the same things: no "partner", no "Status".
    assert "Dostęp resellera\nnie" in text
    assert re.search(r"^Stan\n(nowe|w realizacji)$", text, re.M)
    assert "Dostęp partnera" not in text
    assert "Status" not in text
    assert "Brak połączenia VPN <pilne> & ważne" in text
    assert "Drukarnia Łąka Sp. z o.o." in text
    assert "PL5260250274" in text
    assert "(H)-FW5550001111" in text


def test_internal_copy_has_everything_and_marks_each_note(db: Database, agent: Actor) -> None:
    case = open_case(db, agent, access=False)
    text = extract(PdfExportService(db).render(agent, case.ticket_id, Variant.INTERNAL).pdf)
    assert re.search(r"3\. NOTATKA WEWNĘTRZNA · Anna\.Nowak · \d{4}-\d\d-\d\d \d\d:\d\d", text)
    assert squeeze(NOTE) in squeeze(text)
    assert "stary-dialog.pdf" in text
    assert "Wersja wewnętrzna – zawiera notatki wewnętrzne" in text


def test_reseller_copy_only_through_the_access_rule(db: Database, agent: Actor, out: Path) -> None:
    closed = open_case(db, agent, access=False)
    service = PdfExportService(db)
    with pytest.raises(ResellerCopyRefusedError, match="has not allowed its reseller"):
        service.document(closed.ticket_id, Variant.RESELLER)
    with pytest.raises(UserError, match="no reseller copy"):
        service.export_to_file(agent, closed.ticket_id, Variant.RESELLER, out)
    assert list(out.iterdir()) == []
    assert audit_actions(db, closed.ticket_id) == []

    tickets = TicketService(db)
    opened = tickets.open(
        agent,
        NewTicket(
            contract_id=closed.world.contract_id,
            service_id=tickets.row(closed.ticket_id).service_id or 0,
            subject="Zgoda na partnera",
            description="Proszę pokazać partnerowi.",
            reseller_access=True,
            access_requested_by="Jan Kowalski",
        ),
    )
    tickets.add_note(agent, opened.id, NOTE)
    with db.transaction() as session:
        session.add(
            Attachment(
                ticket_id=opened.id,
                file_name="stary-dialog.pdf",
                content_type="application/pdf",
                size=4,
                sha256="0" * 64,
                data=b"%PDF",
                kind="legacy_dialogue",
            )
        )
    document = service.document(opened.id, Variant.RESELLER)
    assert document.prepared_for == "Gęś IT Partner Sp. z o.o."
    assert document.tax_id is None
    assert document.contact is None
    exported = service.export_to_file(agent, opened.id, Variant.RESELLER, out)
    text = extract(exported.path.read_bytes())
    assert "Proszę pokazać partnerowi." in text
    assert "zalega" not in text
    assert "stary-dialog.pdf" not in text
    assert "Przygotowano dla\nGęś IT Partner Sp. z o.o." in text
    assert "Wersja dla resellera" in text
    assert "Dostęp resellera\ntak (Gęś IT Partner Sp. z o.o.)" in text
    assert exported.path.name == f"{opened.number}-reseller.pdf"


def test_exports_and_prints_are_audited_and_files_appear_whole(
    db: Database, agent: Actor, out: Path
) -> None:
    case = open_case(db, agent, access=False)
    service = PdfExportService(db)
    target = out / "sprawa ł.pdf"
    exported = service.export_to_file(agent, case.ticket_id, Variant.INTERNAL, target)
    data = target.read_bytes()
    assert exported.path == target
    assert exported.size == len(data)
    assert exported.sha256 == hashlib.sha256(data).hexdigest()
    assert no_part_files(out)
    service.record_print(agent, case.ticket_id, Variant.CUSTOMER, pages=2, printer="HP")
    actions = audit_actions(db, case.ticket_id)
    assert [a for a, _ in actions] == [AuditAction.TICKET_EXPORTED, AuditAction.TICKET_PRINTED]
    assert actions[0][1]["variant"] == "internal"
    assert actions[0][1]["path"] == str(target)
    assert actions[1][1] == {
        "number": case.number,
        "variant": "customer",
        "pages": 2,
        "printer": "HP",
    }
    rows = AuditService(db).for_ticket(case.ticket_id)
    assert {r.agent_login for r in rows if r.action == AuditAction.TICKET_EXPORTED} == {
        "anna.nowak"
    }
    with pytest.raises(UserError, match="does not exist"):
        service.export_to_file(agent, case.ticket_id, Variant.CUSTOMER, out / "no" / "x.pdf")


def test_a_failed_write_leaves_nothing_and_records_nothing(
    db: Database, agent: Actor, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = open_case(db, agent, access=False)

    def half_then_full_disk(self: Path, data: bytes) -> int:
        with self.open("wb") as handle:
            handle.write(data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", half_then_full_disk)
    with pytest.raises(HezoError, match="No space left on device"):
        PdfExportService(db).export_to_file(agent, case.ticket_id, Variant.CUSTOMER, out)
    assert list(out.iterdir()) == []
    assert audit_actions(db, case.ticket_id) == []


def test_english_customers_get_english_pdfs(db: Database, agent: Actor) -> None:
    case = open_case(db, agent, access=False)
    with db.transaction() as session:
        session.execute(
            update(Customer)
            .where(Customer.id == case.world.customer_id)
            .values(language=Language.ENGLISH)
        )
    text = extract(PdfExportService(db).render(agent, case.ticket_id, Variant.CUSTOMER).pdf)
    assert f"Case {case.number}" in text
    assert "Customer copy" in text
    assert "Reseller access\nno" in text
    assert re.search(r"^State\n(new|in progress)$", text, re.M)
    assert "Page 1 of 1" in text


class CancelledError(Exception):
    pass


class StopAfter:
    """A caller that cancels once `cases` cases are done."""

    def __init__(self, cases: int) -> None:
        self.cases = cases
        self.seen: list[tuple[int, int, str]] = []

    def progress(self, done: int, total: int, text: str = "") -> None:
        self.seen.append((done, total, text))

    def check(self) -> None:
        if len(self.seen) >= self.cases:
            raise CancelledError


def _cases(db: Database, agent: Actor, count: int) -> list[int]:
    first = open_case(db, agent, access=True)
    tickets = TicketService(db)
    service_id = tickets.row(first.ticket_id).service_id or 0
    ids = [first.ticket_id]
    for index in range(count - 1):
        ids.append(
            tickets.open(
                agent,
                NewTicket(
                    contract_id=first.world.contract_id,
                    service_id=service_id,
                    subject=f"Sprawa {index} – łączność",
                    description=f"Opis {index}: zażółć gęślą jaźń",
                    reseller_access=index % 2 == 0,
                    access_requested_by="Jan Kowalski",
                ),
            ).id
        )
    return ids


def test_batch_writes_one_file_per_case_or_one_combined_file(
    db: Database, agent: Actor, out: Path
) -> None:
    ids = _cases(db, agent, 5)
    progress = StopAfter(10_000)
    folder = out / "eksport"
    result = export_batch(db, agent, ids, Variant.CUSTOMER, folder, progress=progress, workers=2)
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 5
    assert all(n.endswith("-customer.pdf") for n in names)
    assert [done for done, _, _ in progress.seen] == [1, 2, 3, 4, 5]
    assert [f.ticket_id for f in result.files] == ids
    for exported in result.files:
        assert exported.number in extract(exported.path.read_bytes())

    combined = export_batch(
        db, agent, ids, Variant.RESELLER, out / "razem.pdf", combined=True, workers=1
    )
    # Tickets 2 and 4 of the five were opened without reseller access: refused, not printed.
    assert len(combined.refused) == 2
    assert all("has not allowed" in case.reason for case in combined.refused)
    reader = PdfReader(out / "razem.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages)
    exported_numbers = [f.number for f in combined.files]
    assert len(exported_numbers) == 3
    for number in exported_numbers:
        assert f"Zgłoszenie {number}" in text
    assert [item.title for item in reader.outline] == exported_numbers  # type: ignore[union-attr]
    for ticket_id in ids:
        details = [d for a, d in audit_actions(db, ticket_id) if a == AuditAction.TICKET_EXPORTED]
        variants = sorted(str(d["variant"]) for d in details)
        expected = (
            ["customer", "reseller"]
            if ticket_id in {f.ticket_id for f in combined.files}
            else ["customer"]
        )
        assert variants == expected
    assert no_part_files(out)


def test_a_cancelled_batch_leaves_no_partial_file(db: Database, agent: Actor, out: Path) -> None:
    ids = _cases(db, agent, 5)
    folder = out / "pliki"
    with pytest.raises(CancelledError):
        export_batch(db, agent, ids, Variant.INTERNAL, folder, progress=StopAfter(2), workers=1)
    # Two complete files, nothing else: no temporary, no half-written third one.
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{TicketService(db).row(i).number}-internal.pdf" for i in ids[:2]
    )
    for path in folder.iterdir():
        assert PdfReader(path).pages
    exported = [i for i in ids if audit_actions(db, i)]
    assert exported == ids[:2]

    with pytest.raises(CancelledError):
        export_batch(
            db,
            agent,
            ids,
            Variant.INTERNAL,
            out / "razem.pdf",
            combined=True,
            progress=StopAfter(3),
            workers=2,
        )
    assert not (out / "razem.pdf").exists()
    assert no_part_files(out)
    assert [i for i in ids if audit_actions(db, i)] == ids[:2]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_export_pdf_exit_codes(
    db: Database, agent: Actor, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = open_case(db, agent, access=False)
    url = db.url.render_as_string(hide_password=False)
    base = ("--database", url, "--agent", "anna.nowak")
    number = int(case.number.split("-")[1])

    code, stdout, err = run(capsys, "export-pdf", f"hd {number}", "-o", str(out), *base)
    assert (code, err) == (0, "")
    assert (out / f"{case.number}-customer.pdf").is_file()
    assert case.number in stdout

    code, stdout, err = run(
        capsys,
        "export-pdf",
        case.number,
        "--variant",
        "internal",
        "-o",
        str(out / "w.pdf"),
        "--json",
        *base,
    )
    assert code == 0, err
    assert json.loads(stdout)["exported"][0]["variant"] == "internal"

    code, _, err = run(
        capsys,
        "export-pdf",
        case.number,
        "--variant",
        "reseller",
        "-o",
        str(out / "r.pdf"),
        *base,
    )
    assert code == 2
    assert "no reseller copy" in err
    assert "Traceback" not in err
    assert not (out / "r.pdf").exists()

    code, _, err = run(capsys, "export-pdf", "HD-999999", "-o", str(out), *base)
    assert code == 2
    assert "HD-999999" in err

    code, _, err = run(capsys, "export-pdf", case.number, "--database", url)
    assert code == 2
    assert "--agent" in err

    code, _, err = run(capsys, "export-pdf", case.number, "HD-999998", "-o", str(out), *base)
    assert code == 2
    assert "HD-999998" in err

    code, stdout, _ = run(
        capsys, "export-pdf", case.number, "--combined", "-o", str(out / "all.pdf"), *base
    )
    assert code == 0
    assert (out / "all.pdf").is_file()
    assert len(audit_actions(db, case.ticket_id)) == 3
    assert no_part_files(out)


class CommitFailedError(Exception):
    """Injected: the database refused the commit of the export's audit records."""


def _failing_commits(monkeypatch: pytest.MonkeyPatch) -> None:
    """The transaction that records an export fails at its commit (after its rows were
    written), in the single export and in batches alike."""
    from hezo_desk.services.pdf import batch, export

    original = export.record_export

    def record_then_fail_at_commit(session: Session, *args: Any, **kwargs: Any) -> None:
        original(session, *args, **kwargs)

        def refuse(_session: Session) -> None:
            raise CommitFailedError

        event.listen(session, "before_commit", refuse, once=True)

    monkeypatch.setattr(export, "record_export", record_then_fail_at_commit)
    monkeypatch.setattr(batch, "record_export", record_then_fail_at_commit)


@pytest.mark.parametrize("how", ["single", "batch", "combined"])
def test_no_export_file_exists_when_its_audit_record_does_not_commit(
    db: Database, agent: Actor, out: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    case = open_case(db, agent, access=False)
    _failing_commits(monkeypatch)

    def export() -> object:
        if how == "single":
            return PdfExportService(db).export_to_file(agent, case.ticket_id, Variant.INTERNAL, out)
        target = out / "razem.pdf" if how == "combined" else out
        return export_batch(
            db, agent, [case.ticket_id], Variant.INTERNAL, target,
            combined=how == "combined", workers=1,
        )  # fmt: skip

    with pytest.raises(CommitFailedError):
        export()
    assert list(out.iterdir()) == []  # neither the PDF nor its temporary file
    assert audit_actions(db, case.ticket_id) == []


def test_a_kill_between_the_commit_and_the_rename_leaves_a_record_not_a_file(
    db: Database, agent: Actor, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file takes its name only after its audit record committed: the process dying in
    between leaves the record of an export that did not land, never an unrecorded file."""
    case = open_case(db, agent, access=False)

    def killed(_self: Path, _target: Path) -> Path:
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        PdfExportService(db).export_to_file(agent, case.ticket_id, Variant.CUSTOMER, out)
    assert not (out / f"{case.number}-customer.pdf").exists()
    assert [action for action, _ in audit_actions(db, case.ticket_id)] == [
        AuditAction.TICKET_EXPORTED
    ]


# A process killed at the commit of an export's audit record (os._exit: no handler runs).
KILLED_AT_COMMIT = """
import os, sys
from pathlib import Path
from sqlalchemy import event
from hezo_desk.db import Database
from hezo_desk.services.agents import AgentService
from hezo_desk.services.pdf import Variant, export

url, login, ticket_id, folder = sys.argv[1:]
original = export.record_export

def record_then_die(session, *args, **kwargs):
    original(session, *args, **kwargs)
    event.listen(session, "before_commit", lambda _session: os._exit(9))

export.record_export = record_then_die
db = Database(url)
actor = AgentService(db).resolve(login)
export.PdfExportService(db).export_to_file(actor, int(ticket_id), Variant.CUSTOMER, Path(folder))
"""


def test_a_process_killed_before_the_commit_leaves_no_named_file(
    db: Database, agent: Actor, out: Path
) -> None:
    case = open_case(db, agent, access=False)
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            KILLED_AT_COMMIT,
            db.url.render_as_string(hide_password=False),
            agent.login,
            str(case.ticket_id),
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert killed.returncode == 9, killed.stderr
    assert not (out / f"{case.number}-customer.pdf").exists()
    assert [p for p in out.iterdir() if not p.name.endswith(PART_SUFFIX)] == []
    assert audit_actions(db, case.ticket_id) == []
