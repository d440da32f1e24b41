"""What the desks' database role `hezo_desk` may do on PostgreSQL, granted by the schema owner.

Revision 0017 calls `grant_desk_rights` first; a later revision that adds a table calls it
again (it is idempotent), and `tests/security/test_desk_roles.py` fails on a table left
without it.

- Reading needs no agent session: every agent sees every ticket in the desk, and full-text
  search and the lists' `LIKE` keep their indexes (a policy checked on each read would keep the
  planner from using them for any operator that is not leakproof).
- Every change needs a valid agent session (`hezo_session_agent()` refuses otherwise), and
  some need a desk role: `ROLE_WRITES` names them.
- The audit log and the reseller-access history take new rows only (an audit entry naming
  the session's agent); an erasure rewrites their words through revision 0017's functions.
- Agents: names readable, password hashes never (column rights); accounts changed by
  administrators only; passwords through `hezo_set_password_hash`.
"""

from __future__ import annotations

from sqlalchemy import Connection

from hezo_desk.db import DESK_ROLE

# Tables the desk reads but never writes (the schema's own bookkeeping), and those it must
# not touch at all.
READ_ONLY = ("alembic_version", "schema_compatibility")
UNTOUCHED = ("agent_sessions",)
SESSION = "(SELECT hezo_session_agent()) IS NOT NULL"
# Rows the desk adds and never changes (an erasure rewrites their words through a function).
APPEND_ONLY = ("audit_log", "reseller_access_changes")
DATABASE_SET_COLUMNS = ("xact", "acting_agent_id")
# Read by the desk, written only by the database's own functions (an erasure's permits).
READ_ONLY_FOR_DESK = ("redaction_permits", "redactions", "anonymisations")
# Changes that need a desk role beyond a session: table → [(the commands, the roles)].
_EVERY_CHANGE = ("INSERT", "UPDATE", "DELETE")
ROLE_WRITES: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "agents": [(_EVERY_CHANGE, ("administrator",))],
    "service_levels": [(_EVERY_CHANGE, ("supervisor", "administrator"))],
    "service_level_targets": [(_EVERY_CHANGE, ("supervisor", "administrator"))],
    "reply_templates": [(_EVERY_CHANGE, ("supervisor", "administrator"))],
    "migration_runs": [
        (("INSERT", "DELETE"), ("back_office", "administrator")),
        # The run's own progress, and an erasure taking a person out of a report.
        (("UPDATE",), ("back_office", "supervisor", "administrator")),
    ],
    "reseller_db_roles": [(_EVERY_CHANGE, ("administrator",))],
}
# The agents' columns the desk may read and change (never `password_hash`, never `id`).
AGENT_SECRET = "password_hash"


def grant_desk_rights(connection: Connection) -> None:
    """Grant `hezo_desk` its rights on every table of `public` and (re)create its policies."""
    run = connection.exec_driver_sql
    run(f"GRANT USAGE ON SCHEMA public TO {DESK_ROLE}")
    run(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {DESK_ROLE}")
    tables = [
        str(name)
        for name in run(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        ).scalars()
    ]
    for table in tables:
        quoted = f'public."{table}"'
        run(f"REVOKE ALL ON {quoted} FROM {DESK_ROLE}")
        if table in UNTOUCHED:
            continue
        if table in READ_ONLY:
            run(f"GRANT SELECT ON {quoted} TO {DESK_ROLE}")
            continue
        _grant_table(connection, table)
        _policies(connection, table)


def _grant_table(connection: Connection, table: str) -> None:
    run = connection.exec_driver_sql
    quoted = f'public."{table}"'
    if table in APPEND_ONLY:
        # Transactions and the acting agent come from the database, never the desk (an audit
        # entry's id the desk draws from the sequence: its chain hash covers it).
        insertable = ", ".join(
            f'"{c}"' for c in _columns(connection, table) if c not in DATABASE_SET_COLUMNS
        )
        run(f"GRANT SELECT, INSERT ({insertable}) ON {quoted} TO {DESK_ROLE}")
        return
    if table in READ_ONLY_FOR_DESK:
        run(f"GRANT SELECT ON {quoted} TO {DESK_ROLE}")
        return
    if table == "agents":
        columns = _columns(connection, table)
        readable = ", ".join(f'"{c}"' for c in columns if c != AGENT_SECRET)
        changeable = ", ".join(f'"{c}"' for c in columns if c not in (AGENT_SECRET, "id"))
        run(f"GRANT SELECT ({readable}), UPDATE ({changeable}) ON {quoted} TO {DESK_ROLE}")
        run(f"GRANT INSERT ON {quoted} TO {DESK_ROLE}")
        return
    run(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {quoted} TO {DESK_ROLE}")


def _columns(connection: Connection, table: str) -> list[str]:
    return [
        str(name)
        for name in connection.exec_driver_sql(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND table_name = %s ORDER BY ordinal_position",
            (table,),
        ).scalars()
    ]


def _policies(connection: Connection, table: str) -> None:
    run = connection.exec_driver_sql
    quoted = f'public."{table}"'
    run(f"ALTER TABLE {quoted} ENABLE ROW LEVEL SECURITY")
    for policy in run(
        "SELECT policyname FROM pg_policies WHERE schemaname = 'public' AND tablename = %s "
        "AND policyname LIKE 'desk\\_%%'",
        (table,),
    ).scalars():
        run(f'DROP POLICY "{policy}" ON {quoted}')
    run(f"CREATE POLICY desk_read ON {quoted} FOR SELECT TO {DESK_ROLE} USING (true)")
    if table in READ_ONLY_FOR_DESK:
        return
    if table in APPEND_ONLY:
        # A row of the log or the history names the agent of the session that adds it.
        run(
            f"CREATE POLICY desk_insert ON {quoted} FOR INSERT TO {DESK_ROLE} "
            "WITH CHECK (agent_id IS NOT DISTINCT FROM (SELECT hezo_session_agent()))"
        )
        return
    run(f"CREATE POLICY desk_insert ON {quoted} FOR INSERT TO {DESK_ROLE} WITH CHECK ({SESSION})")
    run(
        f"CREATE POLICY desk_update ON {quoted} FOR UPDATE TO {DESK_ROLE} "
        f"USING ({SESSION}) WITH CHECK ({SESSION})"
    )
    run(f"CREATE POLICY desk_delete ON {quoted} FOR DELETE TO {DESK_ROLE} USING ({SESSION})")
    for commands, roles in ROLE_WRITES.get(table, []):
        allowed = "(SELECT hezo_session_role()) IN (" + ", ".join(f"'{r}'" for r in roles) + ")"
        clauses = {
            "INSERT": f"WITH CHECK ({allowed})",
            "UPDATE": f"USING ({allowed}) WITH CHECK ({allowed})",
            "DELETE": f"USING ({allowed})",
        }
        for command in commands:
            run(
                f"CREATE POLICY desk_{command.lower()}_by_role ON {quoted} AS RESTRICTIVE "
                f"FOR {command} TO {DESK_ROLE} {clauses[command]}"
            )
