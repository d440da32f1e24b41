"""Several agents in parallel processes on one PostgreSQL database: nothing lost or doubled,
also while their server connections are killed."""

from __future__ import annotations

from hezo_desk.db import Database
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.audit_chain import verify_chain
from support.loadcheck import verify
from support.loadtest import audit_position, run

LOGINS = ("anna.nowak", "jan.kowalski", "ewa.wisniewska", "marek.zielinski")


def test_four_agents_at_once_lose_and_double_nothing(pg_demo_db: Database) -> None:
    url = pg_demo_db.url.render_as_string(hide_password=False)
    since = audit_position(pg_demo_db)
    # Bounded by operations, not seconds: the same work on a fast and on a loaded machine.
    result = run(url, LOGINS, operations=12, tickets=6, seed=3)
    assert result.operations == 4 * 12
    assert sum(len(r.replies) + len(r.notes) for r in result.reports) > 0
    assert sum(len(r.states) + len(r.accesses) for r in result.reports) > 0
    assert result.kills == 0
    # No deadlock either: the desk's writers take the audit chain's lock at BEGIN (db.py).
    assert result.faults == 0
    verdict = verify(pg_demo_db, result, audit_since_id=since)
    assert verdict.problems == []
    assert (verdict.lost, verdict.doubled, verdict.unsure) == (0, 0, 0)
    assert verdict.acknowledged == sum(r.acknowledged for r in result.reports) > 0
    # Four writers at once took turns on the audit chain: it holds, in id order.
    assert verify_chain(pg_demo_db).intact


def test_agents_whose_connections_are_killed_lose_and_double_nothing(
    pg_demo_db: Database,
) -> None:
    url = pg_demo_db.url.render_as_string(hide_password=False)
    since = audit_position(pg_demo_db)
    # The issue's fault run in short: the agents' sessions terminated every 250 ms; each agent
    # waits after its first operation for a kill, so at least one always lands.
    result = run(url, LOGINS[:2], operations=12, tickets=4, seed=7, kill_every_s=0.25)
    assert result.operations == 2 * 12
    assert result.kills >= 1
    verdict = verify(pg_demo_db, result, audit_since_id=since)
    assert verdict.problems == []
    assert (verdict.lost, verdict.doubled) == (0, 0)
    assert verdict.acknowledged > 0
    # A transaction killed holding the chain's turn leaves no gap in it.
    assert verify_chain(pg_demo_db).intact


def test_verify_notices_a_lost_reply(pg_demo_db: Database) -> None:
    url = pg_demo_db.url.render_as_string(hide_password=False)
    since = audit_position(pg_demo_db)
    result = run(url, LOGINS[:1], operations=6, tickets=3, seed=5)
    result.reports[0].replies.append((1, "never-written", "zgubiona odpowiedź"))
    result.reports[0].written[AuditAction.TICKET_REPLIED] += 1
    verdict = verify(pg_demo_db, result, audit_since_id=since)
    assert any("never-written" in problem for problem in verdict.problems)
    assert any("ticket.replied" in problem for problem in verdict.problems)
    assert verdict.lost == 2
    assert verdict.doubled == 0


def test_verify_notices_a_doubled_change(pg_demo_db: Database) -> None:
    url = pg_demo_db.url.render_as_string(hide_password=False)
    since = audit_position(pg_demo_db)
    result = run(url, LOGINS[:1], operations=8, tickets=3, seed=5)
    report = result.reports[0]
    written = next(action for action, count in report.written.items() if count)
    # As if one of the writes had been applied twice: one more in the log than acknowledged.
    report.written[written] -= 1
    verdict = verify(pg_demo_db, result, audit_since_id=since)
    assert verdict.doubled == 1
    assert any(written in problem for problem in verdict.problems)


def test_agents_sharing_a_login_are_counted_together(pg_demo_db: Database) -> None:
    url = pg_demo_db.url.render_as_string(hide_password=False)
    since = audit_position(pg_demo_db)
    result = run(url, ("anna.nowak", "anna.nowak", "jan.kowalski"), operations=8, tickets=4, seed=9)
    assert verify(pg_demo_db, result, audit_since_id=since).problems == []
