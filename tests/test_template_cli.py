"""`hezo-desk template list|add|edit|remove` and `ticket reply NUMBER --template NAME`, on both
databases: wrong input exits 2 with the catalogue's sentence, an agent may not manage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from builders import build_world
from hezo_desk.cli import main
from hezo_desk.db import Database
from hezo_desk.enums import Role
from hezo_desk.models import AuditEntry, Message, Service
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService
from hezo_desk.services.limits import TEMPLATE_BODY_LENGTH
from hezo_desk.services.reply_templates import TemplateAction
from hezo_desk.services.tickets import NewTicket, TicketService

pytestmark = pytest.mark.usefixtures("agent_password")

BODY = "Dzień dobry,\nNIP: {tax_id}\n{serials}\n\n{cursor}\n\nPozdrawiamy, {agent}"


def run(capsys: pytest.CaptureFixture[str], db: Database, *argv: str) -> tuple[int, str, str]:
    url = db.url.render_as_string(hide_password=False)
    code = main([*argv, "--database", url])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def supervisor(db: Database, admin: Actor, agent_password: str) -> Actor:
    agents = AgentService(db)
    agents.add(
        admin,
        login="ola.szef",
        display_name="Ola Szef",
        role=Role.SUPERVISOR,
        password=agent_password,
    )
    return agents.resolve("ola.szef")


def _file(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_supervisors_add_edit_list_and_remove_templates(
    capsys: pytest.CaptureFixture[str], db: Database, supervisor: Actor, tmp_path: Path
) -> None:
    body = _file(tmp_path, "body.txt", BODY)
    as_supervisor = ("--agent", "ola.szef")
    code, out, err = run(
        capsys, db, "template", "add", "Rejestracja", "--language", "pl", "--body-file", body,
        *as_supervisor,
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert "template added: Rejestracja (Polish)" in out
    code, out, err = run(
        capsys, db, "template", "add", "Registration", "--language", "en", "--body-file", body,
        *as_supervisor,
    )  # fmt: skip
    assert code == 0, err
    code, out, _ = run(capsys, db, "template", "list", "--json")
    assert code == 0
    listed = json.loads(out)
    assert [(t["name"], t["language"]) for t in listed] == [
        ("Registration", "en"),
        ("Rejestracja", "pl"),
    ]
    code, out, _ = run(capsys, db, "template", "list", "--language", "pl")
    assert "Rejestracja" in out
    assert "Registration" not in out
    assert "Dzień dobry," in out

    new_body = _file(tmp_path, "new.txt", "Witamy {contact}")
    code, out, err = run(
        capsys, db, "template", "edit", "REJESTRACJA", "--name", "Portal",
        "--body-file", new_body, *as_supervisor,
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert "template changed: Portal (Polish)" in out
    code, out, _ = run(capsys, db, "template", "list", "--json", "--language", "pl")
    assert json.loads(out)[0]["body"] == "Witamy {contact}"

    code, out, err = run(capsys, db, "template", "remove", "portal", *as_supervisor)
    assert (code, err) == (0, "")
    assert "template removed: Portal (Polish)" in out
    code, out, _ = run(capsys, db, "template", "list", "--json")
    assert [t["name"] for t in json.loads(out)] == ["Registration"]


def test_wrong_input_exits_2_with_the_catalogue_sentence(
    capsys: pytest.CaptureFixture[str], db: Database, supervisor: Actor, tmp_path: Path
) -> None:
    as_supervisor = ("--agent", "ola.szef")
    unknown = _file(tmp_path, "unknown.txt", "Dzień dobry {klient}")
    code, _, err = run(
        capsys, db, "template", "add", "X", "--language", "pl", "--body-file", unknown,
        *as_supervisor,
    )  # fmt: skip
    assert code == 2
    assert "unknown placeholder {klient}" in err
    assert "{serials}" in err
    assert "Traceback" not in err
    long = _file(tmp_path, "long.txt", "x" * (TEMPLATE_BODY_LENGTH + 1))
    code, _, err = run(
        capsys, db, "template", "add", "X", "--language", "pl", "--body-file", long,
        *as_supervisor,
    )  # fmt: skip
    assert code == 2
    assert f"The template text is too long: {TEMPLATE_BODY_LENGTH + 1} characters" in err
    code, _, err = run(capsys, db, "template", "remove", "Nie ma", *as_supervisor)
    assert code == 2
    assert "No reply template is named Nie ma" in err
    code, _, err = run(capsys, db, "template", "edit", "Nie ma", *as_supervisor)
    assert code == 2
    assert "nothing to change" in err


def test_an_agent_may_not_manage_templates(
    capsys: pytest.CaptureFixture[str], db: Database, agent: Actor, tmp_path: Path
) -> None:
    body = _file(tmp_path, "body.txt", "Dzień dobry")
    code, _, err = run(
        capsys, db, "template", "add", "X", "--language", "pl", "--body-file", body,
        "--agent", "anna.nowak",
    )  # fmt: skip
    assert code == 2
    assert "may not manage reply templates" in err


def test_ticket_reply_with_a_template_fills_it_in_and_the_text_fills_its_gap(
    capsys: pytest.CaptureFixture[str],
    db: Database,
    agent: Actor,
    supervisor: Actor,
    tmp_path: Path,
) -> None:
    world = build_world(db)
    with db.sessions() as session:
        service_id = session.scalar(select(Service.id).where(Service.serial == "FW5550001111"))
    assert service_id is not None
    ticket = TicketService(db).open(
        agent,
        NewTicket(
            contract_id=world.contract_id,
            service_id=service_id,
            subject="Rejestracja",
            description="Nie mogę się zarejestrować.",
        ),
    )
    body = _file(tmp_path, "body.txt", BODY)
    run(
        capsys, db, "template", "add", "Rejestracja", "--language", "pl", "--body-file", body,
        "--agent", "ola.szef",
    )  # fmt: skip
    code, out, err = run(
        capsys, db, "ticket", "reply", ticket.number.lower(), "--template", "rejestracja",
        "--body", "Proszę użyć numeru (H2).", "--agent", "anna.nowak",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert f"reply added to {ticket.number}" in out
    code, out, err = run(
        capsys, db, "ticket", "reply", ticket.number, "--template", "Rejestracja",
        "--agent", "anna.nowak",
    )  # fmt: skip
    assert code == 0, err
    with db.sessions() as session:
        replies = session.scalars(
            select(Message.body).where(Message.ticket_id == ticket.id).order_by(Message.id)
        ).all()[1:]
        used = session.scalar(
            select(AuditEntry.details).where(AuditEntry.action == TemplateAction.USED).limit(1)
        )
    assert replies[0] == (
        "Dzień dobry,\nNIP: PL5260250274\n"
        "(H1)-FG1234567890 (UMS/2024/00001, FortiCare 8x5)\n"
        "(H2)-FG1234567890 (UMS/2024/00001, FortiGuard IPS)\n"
        "(H)-FW5550001111 (UMS/2024/00001, UTP Bundle)\n\n"
        "Proszę użyć numeru (H2).\n\nPozdrawiamy, Anna.Nowak"
    )
    # Without text the gap only goes.
    assert "UTP Bundle)\n\nPozdrawiamy" in replies[1]
    assert used is not None
    assert used["name"] == "Rejestracja"

    code, _, err = run(
        capsys, db, "ticket", "reply", ticket.number, "--template", "Nie ma",
        "--agent", "anna.nowak",
    )  # fmt: skip
    assert code == 2
    assert "No reply template is named Nie ma" in err
