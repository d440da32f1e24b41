"""The legacy import's summary and row details in the command's language (issue 14).

What is stored (the staging rows, `migration_runs.report`, the `--report` JSON) stays the
English it always was, so that older desks read it; the summary and the report window word it
in the reader's language, the stored details worded back from their templates.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from hezo_desk.catalogue import Catalogue
from hezo_desk.cli.import_commands import describe_progress
from hezo_desk.cli.output import Output
from hezo_desk.db import Database
from hezo_desk.services.actor import Actor
from hezo_desk.services.legacy_import import ImportReport, RunStatus, summary_lines
from hezo_desk.services.legacy_import.details import detail_words
from hezo_desk.services.legacy_import.importer import ImportProgress, Phase
from hezo_desk.services.legacy_import.report import FileReport, RowEntry
from legacy_support import back_office
from support.legacy_generator import ExportSpec, generate_export
from test_cli import run, url

pytestmark = pytest.mark.usefixtures("agent_password")


def polish(context: str, source: str) -> str:
    return Catalogue().language("pl").translate(context, source)


def test_the_import_summary_follows_language(
    capsys: pytest.CaptureFixture[str], db: Database, admin: Actor, tmp_path: Path
) -> None:
    office = back_office(db, admin)
    generate_export(tmp_path / "export", ExportSpec(customers=6, tickets=20))
    said = {}
    for language in ("en", "pl"):
        code, out, err = run(
            capsys, "--language", language, "import-legacy", str(tmp_path / "export"),
            "--dry-run", "--database", url(db), "--agent", office.login,
        )  # fmt: skip
        assert code == 0, err
        said[language] = out
    english, polish_out = said["en"], said["pl"]
    assert english.startswith("Dry run of the import of ")
    assert "file             read  would import  skipped  rejected" in english
    assert "  3 skipped: expired contracts do not move" in english
    assert "customers.csv:9 (no id): customer_id is empty" in english
    assert "unknown contract status 'zawieszona'" in english

    assert polish_out.startswith("Próbny import z ")
    assert ": zakończony" in polish_out.splitlines()[0]
    header = polish_out.splitlines()[1].split()
    assert header == ["plik", "odczytane", "do", "importu", "pominięte", "odrzucone"]
    assert "razem" in polish_out
    assert "  pominięte (3): wygasłe umowy nie są przenoszone" in polish_out
    assert "zgłoszenia, które zostałyby oznaczone do przejrzenia: " in polish_out
    assert "odrzucone wiersze (pierwsze 20):" in polish_out
    # The rows' details, worded back from the English kept in the staging database.
    assert "customers.csv:9 (bez id): customer_id jest puste" in polish_out
    assert "nieznany status umowy 'zawieszona' (znane: 'aktywna', 'wygasła', 'anulowana')" in (
        polish_out
    )
    assert "ten sam wiersz dwa razy: identyczny z wierszem 2" in polish_out
    assert "odrzucono: umowa UMS/2021/00014 (contracts.csv, wiersz 15: " in polish_out
    for words in ("skipped", "rejected", "is empty", "do not move", "the first is used"):
        assert words not in polish_out


def test_the_json_report_stays_data(
    capsys: pytest.CaptureFixture[str], db: Database, admin: Actor, tmp_path: Path
) -> None:
    office = back_office(db, admin)
    generate_export(tmp_path / "export", ExportSpec(customers=4, tickets=8))
    code, out, err = run(
        capsys, "--language", "pl", "import-legacy", str(tmp_path / "export"), "--dry-run",
        "--json", "--database", url(db), "--agent", office.login,
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    assert data["status"] == "completed"
    details = [entry["detail"] for entry in data["rejected"]]
    assert any(detail.endswith(" is empty") for detail in details)
    assert not any("jest puste" in detail for detail in details)


def stored_report(detail: str, *, dry_run: bool = False) -> ImportReport:
    return ImportReport(
        source="eksport.zip",
        dry_run=dry_run,
        status=RunStatus.COMPLETED,
        started_at=dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC),
        finished_at=dt.datetime(2026, 11, 30, 12, 5, tzinfo=dt.UTC),
        files=(
            FileReport(
                "contracts.csv",
                "UTF-8 with BOM",
                ";",
                3,
                1,
                1,
                1,
                skipped_by_rule={"contract_expired": 1},
                rejected_by_reason={"invalid_date": 1},
                notes=("ignored columns: uwagi",),
            ),
        ),
        rejected=(RowEntry("contracts.csv", 3, "UMS/1", "invalid_date", detail),),
        flagged_total=2,
        overdue_total=1,
        run_id=7,
    )


def test_a_stored_report_reads_in_both_languages_and_is_stored_as_before() -> None:
    detail = "end_date 01.01.2020 is before start_date 02.02.2021"
    report = stored_report(detail)
    # What is stored is what older desks wrote and read: English details, codes, counts.
    stored = report.to_json()
    assert stored["rejected"][0]["detail"] == detail
    assert ImportReport.from_json(stored) == report
    english = summary_lines(report)
    assert english[0] == "Import of eksport.zip: completed (run 7)"
    assert "  1 skipped: expired contracts do not move" in english
    assert "contracts.csv (UTF-8 with BOM, separator ';'; ignored columns: uwagi)" in english
    assert "1 migrated ticket(s) already overdue on arrival (marked, not alarmed)" in english
    assert f"  contracts.csv:3 UMS/1: {detail}" in english
    worded = summary_lines(report, translate=polish)
    assert worded[0] == "Import z eksport.zip: zakończony (przebieg 7)"
    assert "  pominięte (1): wygasłe umowy nie są przenoszone" in worded
    assert "  odrzucone (1): data, która nie jest datą" in worded
    assert "contracts.csv (UTF-8 z BOM, separator ';'; pominięte kolumny: uwagi)" in worded
    assert "przeniesione zgłoszenia oznaczone do przejrzenia: 2" in worded
    assert (
        "  contracts.csv:3 UMS/1: end_date 01.01.2020 jest wcześniejsza niż start_date 02.02.2021"
        in worded
    )
    assert summary_lines(stored_report(detail, dry_run=True), translate=polish)[0].startswith(
        "Próbny import z eksport.zip"
    )


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ("nip is empty", "nip jest puste"),
        ("ticket Z000001 is closed and does not move",
         "zgłoszenie Z000001 jest w stanie „zamknięte” i nie jest przenoszone"),
        ("contract UMS/1 is expired and does not move",
         "umowa UMS/1 jest w stanie „wygasła” i nie jest przenoszona"),
        ("ticket Z000002 was rejected (tickets.csv line 4: a date that is not a date)",
         "odrzucono: zgłoszenie Z000002 (tickets.csv, wiersz 4: data, która nie jest datą)"),
        ("K00002 appears again (first at line 3) with other values; the first is used",
         "K00002 występuje ponownie (pierwszy raz w wierszu 3) z innymi wartościami; użyto "
         "pierwszego"),
        ("unknown ticket status 'wstrzymane' (known: 'nowe')",
         "nieznany status zgłoszenia 'wstrzymane' (znane: 'nowe')"),
        ("file files/a.pdf has 30.5 MB; the desk stores at most 25 MB per attachment",
         "plik files/a.pdf ma 30.5 MB; desk przechowuje najwyżej 25 MB na załącznik"),
        # A detail no template made (an older desk's, a library's) reads as it was stored.
        ("something the desk never said", "something the desk never said"),
        ("", ""),
    ],
)  # fmt: skip
def test_a_stored_detail_is_worded_back(stored: str, expected: str) -> None:
    assert detail_words(stored) == stored
    assert detail_words(stored, polish) == expected


def test_the_progress_line_follows_the_language() -> None:
    tickets = ImportProgress(
        Phase.TICKETS, 1200, 5000, 10.0, 95.0,
        tickets_written=1200, tickets_total=5000, messages_written=34567,
        attachments_written=12, flagged=3,
    )  # fmt: skip
    stream = io.StringIO()
    polish_out = Output(as_json=False, stream=stream, translate=polish)
    assert describe_progress(tickets, polish_out) == (
        "zgłoszenia 1\u00a0200/5\u00a0000 (24%), wiadomości 34\u00a0567, załączniki 12, "
        "oznaczone 3 · zostało 1 min 35 s"
    )
    english = describe_progress(tickets, Output(as_json=False, stream=stream))
    assert english == (
        "tickets 1\u00a0200/5\u00a0000 (24%), messages 34\u00a0567, attachments 12, flagged 3 · "
        "1 min 35 s left"
    )
    checking = ImportProgress(Phase.CHECKING, 2, 7, 1.0, None)
    assert describe_progress(checking, polish_out) == "sprawdzanie reguł: krok 2 z 7"
    done = ImportProgress(Phase.DONE, 1, 1, 1.0, None)
    assert describe_progress(done, polish_out) == "import zakończony"
