"""Several agents in parallel processes on one PostgreSQL database: nothing lost or doubled."""

from __future__ import annotations

from hezo_desk.db import Database
from support.loadtest import audit_position, run, verify

LOGINS = ("anna.nowak", "jan.kowalski", "ewa.wisniewska", "marek.zielinski")


def test_four_agents_at_once_lose_and_double_nothing(pg_demo_db: Database) -> None:
    url = pg_demo_db.url.render_as_string(hide_password=False)
    since = audit_position(pg_demo_db)
    # Bounded by operations, not seconds: the same work on a fast and on a loaded machine.
    result = run(url, LOGINS, operations=12, tickets=6, seed=3)
    assert result.operations == 4 * 12
    assert all(report.replies for report in result.reports)
    assert sum(len(r.states) + len(r.accesses) for r in result.reports) > 0
    assert verify(pg_demo_db, result, audit_since_id=since) == []


def test_verify_notices_a_lost_reply(pg_demo_db: Database) -> None:
    url = pg_demo_db.url.render_as_string(hide_password=False)
    since = audit_position(pg_demo_db)
    result = run(url, LOGINS[:1], operations=6, tickets=3, seed=5)
    result.reports[0].replies.append((1, "never-written", "zgubiona odpowiedź"))
    problems = verify(pg_demo_db, result, audit_since_id=since)
    assert any("never-written" in problem for problem in problems)
    assert any("ticket.replied" in problem for problem in problems)


def test_agents_sharing_a_login_are_counted_together(pg_demo_db: Database) -> None:
    url = pg_demo_db.url.render_as_string(hide_password=False)
    since = audit_position(pg_demo_db)
    result = run(url, ("anna.nowak", "anna.nowak", "jan.kowalski"), operations=8, tickets=4, seed=9)
    assert verify(pg_demo_db, result, audit_since_id=since) == []
