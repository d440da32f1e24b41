"""The audit log's hash chain: every entry the desk writes is chained, and an entry edited,
removed, slipped in or moved with plain SQL is found by `hezo-desk audit verify`, on both
databases. The append-only triggers are lifted first, as anyone owning the tables can."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import func, insert, select, text

from access_builders import build_access_world, open_full_ticket
from hezo_desk.cli import main
from hezo_desk.db import Database, alembic_config
from hezo_desk.models import (
    AuditEntry,
    ResellerAccessChange,
    ServiceContract,
    Ticket,
    utcnow,
)
from hezo_desk.services.actor import Actor
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.audit_chain import ChainProblem, verify_chain
from hezo_desk.services.legacy_import import RunStatus
from hezo_desk.services.personal_data.erasure import ErasureService
from legacy_support import SAMPLE, back_office, run_import
from personal_data_builders import build_person_desk


def _run(capsys: pytest.CaptureFixture[str], db: Database, *argv: str) -> tuple[int, str]:
    code = main([*argv, "--database", db.url.render_as_string(hide_password=False)])
    return code, capsys.readouterr().out


def _tamper(db: Database, *statements: str) -> None:
    """Plain SQL on the log, its append-only triggers out of the way."""
    with db.engine.begin() as connection:
        if db.is_sqlite:
            connection.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_no_update")
            connection.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_no_delete")
        else:
            connection.exec_driver_sql("ALTER TABLE audit_log DISABLE TRIGGER USER")
        for statement in statements:
            connection.execute(text(statement))


def _ids(db: Database) -> list[int]:
    with db.sessions() as session:
        return list(session.scalars(select(AuditEntry.id).order_by(AuditEntry.id)))


@pytest.fixture
def busy_log(db: Database, agent: Actor) -> list[int]:
    """A few tickets' worth of entries (opening, reply, note, file), their ids in order."""
    world = build_access_world(db)
    open_full_ticket(db, agent, world.world.contract_id, "Łańcuch – pierwszy", access=True)
    open_full_ticket(db, agent, world.other_reseller_contract_id, "Łańcuch – drugi")
    ids = _ids(db)
    assert len(ids) >= 8
    return ids


def test_every_entry_the_desk_writes_is_chained_and_the_chain_holds(
    db: Database, busy_log: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    check = verify_chain(db)
    assert check.intact
    assert (check.entries, check.head_id) == (len(busy_log), busy_log[-1])
    code, out = _run(capsys, db, "audit", "verify", "--print-head")
    assert code == 0
    assert f"audit log intact, {len(busy_log)} entries" in out
    assert f"head {check.head_hash} (entry {busy_log[-1]})" in out
    code, out = _run(capsys, db, "audit", "verify", "--head", str(check.head_hash))
    assert code == 0


def test_the_demo_data_and_its_load_are_chained(demo_db: Database) -> None:
    check = verify_chain(demo_db)
    with demo_db.sessions() as session:
        assert check.entries == session.scalar(select(func.count(AuditEntry.id)))
    assert check.intact
    assert check.entries > 0


def test_an_edited_entry_is_named(
    db: Database, busy_log: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    edited = busy_log[3]
    _tamper(db, f"UPDATE audit_log SET summary = 'nothing happened' WHERE id = {edited}")
    check = verify_chain(db)
    assert (check.problem, check.broken_id, check.entries) == (ChainProblem.ALTERED, edited, 3)
    code, out = _run(capsys, db, "audit", "verify")
    assert code == 1
    assert f"entry {edited} was changed after it was written" in out


def test_a_removed_entry_is_found_at_the_next_one(
    db: Database, busy_log: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    _tamper(db, f"DELETE FROM audit_log WHERE id = {busy_log[2]}")
    check = verify_chain(db)
    assert (check.problem, check.broken_id) == (ChainProblem.UNLINKED, busy_log[3])
    code, out = _run(capsys, db, "audit", "verify", "--json")
    assert code == 1
    assert '"broken_id": ' + str(busy_log[3]) in out


def test_an_entry_slipped_in_is_found(db: Database, busy_log: list[int]) -> None:
    # Without a hash (written outside the desk) …
    _tamper(
        db,
        "INSERT INTO audit_log (id, recorded_at, action, summary, details) "
        f"VALUES ({busy_log[-1] + 5}, CURRENT_TIMESTAMP, 'agent.added', 'forged', '{{}}')",
    )
    check = verify_chain(db)
    assert (check.problem, check.broken_id) == (ChainProblem.UNCHAINED, busy_log[-1] + 5)
    # … and with a copied link and hash between two real entries.
    _tamper(db, f"DELETE FROM audit_log WHERE id = {busy_log[-1] + 5}")
    with db.sessions() as session:
        link, stored = session.execute(
            select(AuditEntry.chain_previous, AuditEntry.chain_hash).where(
                AuditEntry.id == busy_log[4]
            )
        ).one()
    gap = busy_log[4] + 1
    _tamper(
        db,
        f"UPDATE audit_log SET id = id + 1000 WHERE id > {busy_log[4]}",
        "INSERT INTO audit_log (id, recorded_at, action, summary, details, chain_previous, "
        f"chain_hash) VALUES ({gap}, CURRENT_TIMESTAMP, 'agent.added', 'forged', '{{}}', "
        f"'{link}', '{stored}')",
    )
    check = verify_chain(db)
    assert (check.problem, check.broken_id) == (ChainProblem.ALTERED, gap)


def test_entries_moved_are_found(db: Database, busy_log: list[int]) -> None:
    first, second = busy_log[1], busy_log[5]
    _tamper(
        db,
        f"UPDATE audit_log SET id = -1 WHERE id = {first}",
        f"UPDATE audit_log SET id = {first} WHERE id = {second}",
        f"UPDATE audit_log SET id = {second} WHERE id = -1",
    )
    check = verify_chain(db)
    assert check.broken_id == first
    assert check.problem in {ChainProblem.ALTERED, ChainProblem.UNLINKED}


def test_a_removed_tail_is_found_only_against_a_head_kept_elsewhere(
    db: Database, busy_log: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    head = verify_chain(db).head_hash
    assert head is not None
    _tamper(db, f"DELETE FROM audit_log WHERE id >= {busy_log[-2]}")
    assert verify_chain(db).intact
    check = verify_chain(db, expected_head=head)
    assert (check.problem, check.broken_id) == (ChainProblem.HEAD_MISSING, None)
    code, out = _run(capsys, db, "audit", "verify", "--head", head)
    assert code == 1
    assert f"no longer holds the head {head}" in out


def test_the_revision_chains_the_entries_already_there(db: Database, busy_log: list[int]) -> None:
    config = alembic_config()
    with db.engine.connect() as connection, connection.begin():
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
    with db.engine.begin() as connection:
        connection.execute(
            insert(AuditEntry.__table__).values(
                recorded_at=utcnow(), action="x.y", summary="written by an older desk", details={}
            )
        )
    db.upgrade()
    check = verify_chain(db)
    assert check.intact
    assert check.entries == len(busy_log) + 1


def test_the_legacy_imports_entries_are_chained_with_the_desks(db: Database, admin: Actor) -> None:
    """The importer writes its entries in bulk, through the same chain; the decisions it
    records name the reseller of the ticket's contract."""
    office = back_office(db, admin)
    report = run_import(db, office, SAMPLE)
    assert report.status is RunStatus.COMPLETED
    check = verify_chain(db)
    assert check.intact
    with db.sessions() as session:
        assert check.entries == session.scalar(select(func.count(AuditEntry.id)))
        decisions = session.execute(
            select(ResellerAccessChange.reseller_id, ServiceContract.reseller_id)
            .join(Ticket, Ticket.id == ResellerAccessChange.ticket_id)
            .outerjoin(ServiceContract, ServiceContract.id == Ticket.contract_id)
        ).all()
    assert decisions
    assert all(recorded == named for recorded, named in decisions)


def test_an_erasure_rewrites_entries_and_the_chain_still_holds(
    db: Database, agent: Actor, tmp_path: Path
) -> None:
    """RODO erasure rewrites the words of entries that named the person: its own chained
    entry lists them, so the chain holds; an edit of any other entry is still found."""
    desk = build_person_desk(db, agent, tmp_path)
    ErasureService(db, drafts=desk.drafts).erase(agent, desk.contact_id)
    assert verify_chain(db).intact
    with db.sessions() as session:
        untouched = session.scalar(
            select(AuditEntry.id)
            .where(AuditEntry.action == AuditAction.TICKET_OPENED)
            .order_by(AuditEntry.id.desc())
            .limit(1)
        )
    assert untouched is not None
    _tamper(db, f"UPDATE audit_log SET summary = 'podrobione' WHERE id = {untouched}")
    check = verify_chain(db)
    assert (check.problem, check.broken_id) == (ChainProblem.ALTERED, untouched)
