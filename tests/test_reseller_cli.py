"""`hezo-desk ticket access` and `hezo-desk reseller …`: decisions recorded and audited, and
nothing of a ticket without access (nor any internal note) leaves through the command line."""

from __future__ import annotations

import io
import json
import uuid

import psycopg
import pytest
from sqlalchemy import select, text

from access_builders import (
    FILE_NAME,
    LEGACY_PDF,
    NOTE,
    REPLY,
    AccessWorld,
    build_access_world,
    open_full_ticket,
)
from hezo_desk.cli import main
from hezo_desk.db import Database
from hezo_desk.models import AuditEntry
from hezo_desk.services.access import ResellerAccessService
from hezo_desk.services.actor import Actor
from hezo_desk.services.audit import AuditAction

# Commands prove their acting agent (issue 12): the fixtures' agents' password is at hand.
pytestmark = pytest.mark.usefixtures("agent_password")


@pytest.fixture
def aw(db: Database) -> AccessWorld:
    return build_access_world(db)


def run(capsys: pytest.CaptureFixture[str], db: Database, *argv: str) -> tuple[int, str, str]:
    code = main(["--database", db.url.render_as_string(hide_password=False), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_ticket_access_grants_and_revokes_at_once_and_is_audited(
    capsys: pytest.CaptureFixture[str], db: Database, aw: AccessWorld, agent: Actor
) -> None:
    ticket = open_full_ticket(db, agent, aw.world.contract_id, "Brak VPN")
    as_agent = ("--agent", agent.login)
    code, out, err = run(
        capsys,
        db,
        "ticket",
        "access",
        ticket.number.lower(),
        "--grant",
        "--requested-by",
        "Pawel@laka.pl",
        "--channel",
        "email",
        "--note",
        "mail „zgoda” z 2.11",
        *as_agent,
    )
    assert code == 0, err
    assert "Gęś IT Partner Sp. z o.o. may now see this ticket" in out
    assert "Paweł Żółkiewski" in out
    assert ResellerAccessService(db).preview(ticket.id) is not None

    code, out, err = run(
        capsys,
        db,
        "ticket",
        "access",
        ticket.number,
        "--revoke",
        "--requested-by",
        "Zofia Łęcka",
        "--channel",
        "phone",
        "--json",
        *as_agent,
    )
    assert code == 0, err
    shown = json.loads(out)
    assert shown["ticket"]["reseller_access"] is False
    assert [c["granted"] for c in shown["history"]] == [False, True, False]
    assert shown["history"][-1]["requested_by_name"] == "Zofia Łęcka"
    assert ResellerAccessService(db).preview(ticket.id) is None

    code, out, _ = run(capsys, db, "ticket", "access", ticket.number)
    assert code == 0
    assert "no access → access" in out
    assert "access → no access" in out
    assert "mail „zgoda” z 2.11" in out
    with db.sessions() as session:
        entries = session.scalars(
            select(AuditEntry.summary).where(
                AuditEntry.ticket_id == ticket.id,
                AuditEntry.action == AuditAction.TICKET_RESELLER_ACCESS_CHANGED,
            )
        ).all()
    assert len(entries) == 2


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--grant", "--channel", "phone"], "--requested-by"),
        (["--grant", "--requested-by", "Jan"], "--channel"),
        (["--revoke", "--requested-by", "Jan", "--channel", "phone"], "nothing to change"),
        (["--grant", "--requested-by", "olga@zolw.pl", "--channel", "phone"], "no registered"),
        (["--grant", "--requested-by", "Jan", "--channel", "phone", "--expected-version", "9"], ""),
    ],
)
def test_ticket_access_refusals_say_why(
    capsys: pytest.CaptureFixture[str],
    db: Database,
    aw: AccessWorld,
    agent: Actor,
    extra: list[str],
    message: str,
) -> None:
    ticket = open_full_ticket(db, agent, aw.world.contract_id, "Brak VPN")
    code, _, err = run(
        capsys, db, "ticket", "access", ticket.number, *extra, "--agent", "anna.nowak"
    )
    if "--expected-version" in extra:
        assert code == 1
        assert "changed by someone else" in err
    else:
        assert code == 2
        assert message in err
    assert "Traceback" not in err
    assert ResellerAccessService(db).preview(ticket.id) is None


def test_a_missing_channel_is_refused_in_the_chosen_language(
    capsys: pytest.CaptureFixture[str], db: Database, aw: AccessWorld, agent: Actor
) -> None:
    ticket = open_full_ticket(db, agent, aw.world.contract_id, "Brak VPN")
    code, _, err = run(
        capsys, db, "--language", "pl", "ticket", "access", ticket.number,
        "--grant", "--requested-by", "Jan", "--agent", "anna.nowak",
    )  # fmt: skip
    assert code == 2
    assert "podaj, jak klient poprosił o zmianę: --channel " in err
    assert "say how" not in err


def test_reseller_list_tickets_and_show_ticket_obey_the_rule(
    capsys: pytest.CaptureFixture[str], db: Database, aw: AccessWorld, agent: Actor
) -> None:
    allowed = open_full_ticket(db, agent, aw.world.contract_id, "Zgoda – Łódź", access=True)
    refused = open_full_ticket(db, agent, aw.world.contract_id, "Bez zgody")
    theirs = open_full_ticket(db, agent, aw.other_reseller_contract_id, "Żuraw", access=True)

    code, out, _ = run(capsys, db, "reseller", "list", "--json")
    assert code == 0
    assert [(r["name"], r["visible_tickets"]) for r in json.loads(out)] == [
        ("Gęś IT Partner Sp. z o.o.", 1),
        ("Żuraw Systemy S.A.", 1),
    ]

    code, out, err = run(capsys, db, "reseller", "tickets", "603-082-46-25", "--json")
    assert code == 0, err
    listed = json.loads(out)
    assert listed["reseller"]["name"] == "Gęś IT Partner Sp. z o.o."
    assert [t["number"] for t in listed["tickets"]] == [allowed.number]
    assert refused.number not in out
    assert theirs.number not in out
    code, out, _ = run(capsys, db, "reseller", "tickets", "gęś it partner sp. z o.o.")
    assert code == 0
    assert "Zgoda – Łódź" in out
    assert "Bez zgody" not in out

    code, out, err = run(capsys, db, "reseller", "show-ticket", "PL6030824625", allowed.number)
    assert code == 0, err
    assert REPLY in out
    assert FILE_NAME in out
    assert NOTE not in out
    assert LEGACY_PDF not in out
    code, out, _ = run(
        capsys, db, "reseller", "show-ticket", "PL6030824625", allowed.number, "--json"
    )
    assert NOTE not in out
    assert "internal_note" not in out
    for hidden in (refused, theirs):
        code, out, err = run(capsys, db, "reseller", "show-ticket", "PL6030824625", hidden.number)
        assert code == 2
        assert out == ""
        assert "may see nothing" in err
        assert hidden.subject not in err

    code, _, err = run(capsys, db, "reseller", "tickets", "Nikt Sp. z o.o.")
    assert code == 2
    assert "no reseller has" in err


def test_grant_and_revoke_db_role_through_the_cli(
    capsys: pytest.CaptureFixture[str],
    db: Database,
    aw: AccessWorld,
    admin: Actor,
    agent: Actor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    role = f"rs_cli_{uuid.uuid4().hex[:10]}"
    if db.is_sqlite:
        code, _, err = run(
            capsys,
            db,
            "reseller",
            "grant-db-role",
            "PL6030824625",
            "--role",
            role,
            "--agent",
            "admin",
        )
        assert code == 2
        assert "only on a PostgreSQL server" in err
        return
    allowed = open_full_ticket(db, agent, aw.world.contract_id, "Zgoda", access=True)
    open_full_ticket(db, agent, aw.world.contract_id, "Bez zgody")
    monkeypatch.setattr("sys.stdin", io.StringIO("hasło-partnera\n"))
    try:
        code, out, err = run(
            capsys,
            db,
            "reseller",
            "grant-db-role",
            "PL6030824625",
            "--role",
            role,
            "--role-password-stdin",
            "--agent",
            "admin",
        )
        assert code == 0, err
        assert f"role {role} may now read" in out
        assert f"hostssl  {db.url.database}  {role}" in out
        assert f"host     all  {role}  all  reject" in out
        code, out, _ = run(capsys, db, "reseller", "db-roles", "--json")
        assert [r["role_name"] for r in json.loads(out)] == [role]
        url = db.url
        with psycopg.connect(
            host=url.host, port=url.port or 5432, dbname=url.database, user=role, autocommit=True
        ) as connection:
            numbers = [
                r[0] for r in connection.execute(b"SELECT number FROM reseller_portal.tickets")
            ]
        assert numbers == [allowed.number]
        code, _, err = run(
            capsys,
            db,
            "reseller",
            "grant-db-role",
            "PL6030824625",
            "--role",
            role,
            "--agent",
            "anna.nowak",
        )
        assert code == 2
        assert "administrator" in err
        code, out, err = run(capsys, db, "reseller", "revoke-db-role", role, "--agent", "admin")
        assert code == 0, err
        assert "dropped" in out
    finally:
        with db.engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT")
            if connection.scalar(
                text("SELECT count(*) FROM pg_roles WHERE rolname = :n"), {"n": role}
            ):
                connection.execute(text(f'DROP OWNED BY "{role}"'))
                connection.execute(text(f'DROP ROLE "{role}"'))
