"""`hezo-desk gdpr erase | verify-erased | retention`: output and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hezo_desk.cli import main
from hezo_desk.config import DATA_DIR_ENV
from hezo_desk.db import Database
from hezo_desk.services.actor import Actor
from hezo_desk.services.personal_data.erasure import ErasureService
from hezo_desk.services.registration import ContactDetails
from hezo_desk.services.tickets import TicketService
from personal_data_builders import (
    EMAIL,
    VALUES,
    build_person_desk,
    open_ticket,
    register,
    supervisor,
)


def _run(capsys: pytest.CaptureFixture[str], db: Database, *argv: str) -> tuple[int, str, str]:
    code = main(["--database", db.url.render_as_string(hide_password=False), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_erase_verify_and_retention_from_the_command_line(
    capsys: pytest.CaptureFixture[str],
    db: Database,
    agent: Actor,
    admin: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    desk = build_person_desk(db, agent, tmp_path)
    # The drafts the commands read are this computer's: the desk's data folder.
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    # Commands prove their acting agent on main (issue 12): the fixtures' agents' password
    # (`agent_password` in main's conftest), the supervisor's too.
    monkeypatch.setenv("HEZO_DESK_PASSWORD", "correct horse")
    boss = supervisor(db, admin)
    ticket = open_ticket(db, desk.world, agent, desk.contact_id, "Jeszcze", "jedno")
    number = TicketService(db).detail(ticket).ticket.number

    code, out, _err = _run(capsys, db, "gdpr", "verify-erased", *VALUES)
    assert code == 1
    assert f"contacts.email/{desk.contact_id}: e-mail" in out.splitlines()
    assert any(line.startswith("drafts/") for line in out.splitlines())

    code, out, err = _run(capsys, db, "gdpr", "erase", EMAIL, "--agent", agent.login)
    assert code == 2
    assert number in err

    code, out, err = _run(
        capsys,
        db,
        "gdpr",
        "erase",
        "+48 600-100-200",
        "--agent",
        boss.login,
        "--override-reason",
        "pisemne żądanie",
        "--json",
    )
    assert code == 0, err
    outcome = json.loads(out)
    assert outcome["contact_id"] == desk.contact_id
    assert outcome["overridden_open_tickets"] == [number]
    assert outcome["changed"]["drafts"] == 1

    code, out, _err = _run(capsys, db, "gdpr", "verify-erased", *VALUES)
    assert code == 0
    assert out.startswith("none of the values found")

    code, out, _err = _run(
        capsys, db, "gdpr", "retention", "--closed-before", "2021-01-01", "--dry-run",
        "--agent", boss.login,
    )  # fmt: skip
    assert code == 0
    assert out.startswith("0 contact(s) would be anonymised")

    with pytest.raises(SystemExit) as exited:
        _run(capsys, db, "gdpr", "retention", "--closed-before", "someday")
    assert exited.value.code == 2
    assert "not a date" in capsys.readouterr().err


def test_verify_erased_passes_but_names_a_namesake_s_own_data(
    capsys: pytest.CaptureFixture[str], db: Database, agent: Actor, tmp_path: Path
) -> None:
    desk = build_person_desk(db, agent, tmp_path)
    namesake = register(
        db, agent, ContactDetails("Łukasz", "Kowalski", "lk2@laka.pl", "+48 699 000 111")
    )
    open_ticket(db, desk.world, agent, namesake, "Mój", "Pozdrawiam, Łukasz Kowalski")
    ErasureService(db).erase(agent, desk.contact_id)

    code, out, _err = _run(capsys, db, "gdpr", "verify-erased", *VALUES)
    assert code == 0
    assert f"held by other contacts too (#{namesake})" in out
    code, out, _err = _run(capsys, db, "gdpr", "verify-erased", *VALUES, "--json")
    assert code == 0
    held = json.loads(out)["held_by_other_contacts"]
    assert held["contacts"] == [namesake]
    assert any(found["where"].startswith("messages.author_name/") for found in held["found"])
