"""Greek tax ids stored as `GR…` become `EL…`; a company stored under both becomes one customer.

Revision ID: 0016_greek_vat_ids
Revises: 0015_dashboard_indexes
Create Date: 2026-11-30 14:45:00.000000

Greece's VAT prefix is EL (VIES), its ISO code GR. The desk reads a typed `GR…` as `EL…` at
the door (services/tax_ids.py), but customers written before that, or by an older importer,
kept `GR…`: a lookup, a registration or an import (all of which compare the canonical `EL…`)
did not find them, and a company typed once each way became two customers. The tax id lives in
`customers.tax_id` alone (unique; no folded or search copy of it exists).

- `GR123…` with no `EL123…`: the customer's tax id becomes `EL123…` (one set-based UPDATE).
- Both exist (one company, two customers): the `GR` customer is merged into the `EL` one.
  Everything that names a customer follows it (its contacts, contracts, tickets, calls; the
  ticket's sort copy of its customer's name follows by the triggers of 0006, and a moved ticket
  or call gets a new version so that a save from before is refused); the `EL` customer keeps
  its name and its details, and takes the `GR` one's phone, e-mail, address or legacy id only
  where it had none; the `GR` customer is deleted. Contacts may now be two for one person, and
  contracts keep their numbers. Each merge is recorded in the audit log as the system's entry
  (`customer.merged`), chained as the desk chains its own (`models.audit.chain_hash`, the ids in
  order after the log's last entry, under the desk's chain lock on PostgreSQL), so `hezo-desk
  audit verify` still finds the chain whole. Merges are read a chunk of pairs at a time, by key.

Customers only: a reseller stored with `GR…` (none is known) is left as it was.

Desks from 0013 on read `GR` as `EL` already and keep working; the schema is unchanged.
"""

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from hezo_desk.db import CHAIN_LOCK_KEY
from hezo_desk.models.audit import chain_hash
from hezo_desk.models.base import UTCDateTime

revision: str = "0016_greek_vat_ids"
down_revision: str | None = "0015_dashboard_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Merges done per round (pairs read, moved, recorded and deleted together).
MERGE_CHUNK = 500
# The action code of the desk's `AuditAction.CUSTOMER_MERGED`, as written here for good.
MERGED = "customer.merged"
# The tables that name a customer, and whether their rows carry an optimistic-lock version.
REFERRING = (
    ("contacts", False),
    ("service_contracts", False),
    ("tickets", True),
    ("calls", True),
)
# Groups of the customer's columns taken over together where the kept customer has none.
FILLED = (
    ("phone", "phone_key", "phone_e164"),
    ("email", "email_normalized"),
    ("street", "postal_code", "city"),
)


_audit = sa.table(
    "audit_log",
    sa.column("id", sa.Integer),
    sa.column("recorded_at", UTCDateTime()),
    sa.column("agent_id", sa.Integer),
    sa.column("action", sa.String),
    sa.column("ticket_id", sa.Integer),
    sa.column("subject_type", sa.String),
    sa.column("subject_id", sa.Integer),
    sa.column("summary", sa.Text),
    sa.column("details", sa.JSON),
    sa.column("chain_previous", sa.String),
    sa.column("chain_hash", sa.String),
)


def upgrade() -> None:
    _merge_twins()
    op.execute(
        "UPDATE customers SET tax_id = 'EL' || substr(tax_id, 3) WHERE substr(tax_id, 1, 2) = 'GR'"
    )
    op.execute(
        "INSERT INTO schema_compatibility (revision, oldest_client_revision) "
        "VALUES ('0016_greek_vat_ids', '0013_service_levels')"
    )


def _merge_twins() -> None:
    bind = op.get_bind()
    pairs_query = sa.text(
        "SELECT g.id, g.tax_id, g.name, g.legacy_id, e.id, e.tax_id, e.name, e.legacy_id "
        "FROM customers g JOIN customers e ON e.tax_id = 'EL' || substr(g.tax_id, 3) "
        "WHERE substr(g.tax_id, 1, 2) = 'GR' AND g.id > :after ORDER BY g.id LIMIT :limit"
    )
    first = bind.execute(pairs_query, {"after": 0, "limit": 1}).first()
    if first is None:
        return
    if bind.dialect.name == "postgresql":
        # As a desk's writing transaction does, before any row of this revision is locked:
        # audit entries are chained one writer at a time (services/audit.py, db.py).
        bind.exec_driver_sql(f"SELECT pg_advisory_xact_lock({CHAIN_LOCK_KEY})")
    previous: str = (
        bind.scalar(sa.text("SELECT chain_hash FROM audit_log ORDER BY id DESC LIMIT 1")) or ""
    )
    now = dt.datetime.now(dt.UTC)
    after = 0
    while True:
        pairs = [
            tuple(row) for row in bind.execute(pairs_query, {"after": after, "limit": MERGE_CHUNK})
        ]
        if not pairs:
            return
        previous = _merge_chunk(pairs, previous, now)
        after = pairs[-1][0]


def _merge_chunk(pairs: Sequence[tuple[Any, ...]], previous: str, now: dt.datetime) -> str:
    """Merge each `GR` customer of `pairs` into its `EL` twin; return the chain's new head."""
    bind = op.get_bind()
    moves = [{"gone": pair[0], "kept": pair[4]} for pair in pairs]
    gone_ids = [pair[0] for pair in pairs]
    counts: dict[str, dict[int, int]] = {}
    for table, versioned in REFERRING:
        counts[table] = dict(
            bind.execute(
                sa.text(
                    f"SELECT customer_id, count(*) FROM {table} "
                    "WHERE customer_id IN :ids GROUP BY customer_id"
                ).bindparams(sa.bindparam("ids", expanding=True)),
                {"ids": gone_ids},
            ).all()
        )
        version = ", version = version + 1" if versioned else ""
        bind.execute(
            sa.text(f"UPDATE {table} SET customer_id = :kept{version} WHERE customer_id = :gone"),
            moves,
        )
    for columns in FILLED:
        taken = ", ".join(
            f"{column} = (SELECT g.{column} FROM customers g WHERE g.id = :gone)"
            for column in columns
        )
        blank = " AND ".join(f"{column} IS NULL" for column in columns)
        bind.execute(sa.text(f"UPDATE customers SET {taken} WHERE id = :kept AND {blank}"), moves)
    entries = []
    for gone, gone_tax, gone_name, _legacy, kept, kept_tax, kept_name, _kept_legacy in pairs:
        moved = {table: counts[table].get(gone, 0) for table, _versioned in REFERRING}
        entries.append(
            {
                "recorded_at": now,
                "agent_id": None,
                "action": MERGED,
                "ticket_id": None,
                "subject_type": "customer",
                "subject_id": kept,
                "summary": (
                    f"customer {gone_name} ({gone_tax}) merged into {kept_name} ({kept_tax}); "
                    f"moved: {moved['contacts']} contact(s), "
                    f"{moved['service_contracts']} contract(s), {moved['tickets']} ticket(s), "
                    f"{moved['calls']} call(s)"
                ),
                "details": _as_stored(
                    {
                        "from": {"id": gone, "tax_id": gone_tax, "name": gone_name},
                        "into": {"id": kept, "tax_id": kept_tax, "name": kept_name},
                        "moved": moved,
                        "revision": revision,
                    }
                ),
            }
        )
    previous = _chain(entries, previous)
    bind.execute(sa.insert(_audit), entries)
    bind.execute(sa.text("DELETE FROM customers WHERE id = :gone"), moves)
    # Unique: taken over once the merged customer (its holder) is gone.
    legacy = [
        {"kept": pair[4], "legacy_id": pair[3]}
        for pair in pairs
        if pair[3] is not None and pair[7] is None
    ]
    if legacy:
        bind.execute(
            sa.text("UPDATE customers SET legacy_id = :legacy_id WHERE id = :kept"), legacy
        )
    return previous


def _as_stored(details: dict[str, Any]) -> dict[str, Any]:
    # What the database gives back, which the hash must be computed from (services/audit.py).
    stored: dict[str, Any] = json.loads(json.dumps(details))
    return stored


def _chain(entries: list[dict[str, Any]], previous: str) -> str:
    """Give `entries` the next ids of the log and their links, as the desk's `_link` does."""
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        ids = sorted(
            bind.scalars(
                sa.text(
                    "SELECT nextval(pg_get_serial_sequence('audit_log', 'id')) "
                    "FROM generate_series(1, :count)"
                ),
                {"count": len(entries)},
            )
        )
    else:
        last_id = bind.scalar(sa.text("SELECT max(id) FROM audit_log")) or 0
        ids = list(range(last_id + 1, last_id + 1 + len(entries)))
    for entry, entry_id in zip(entries, ids, strict=True):
        entry["id"] = entry_id
        entry["chain_previous"] = previous
        entry["chain_hash"] = previous = chain_hash(
            previous,
            id=entry_id,
            recorded_at=entry["recorded_at"],
            agent_id=entry["agent_id"],
            action=entry["action"],
            ticket_id=entry["ticket_id"],
            subject_type=entry["subject_type"],
            subject_id=entry["subject_id"],
            summary=entry["summary"],
            details=entry["details"],
        )
    return previous


def downgrade() -> None:
    # Nothing comes back: a merged customer is gone and what named it names its twin, and a
    # renamed `GR…` id cannot be told from one typed as `EL…`. Both forms read as `EL` anyway.
    op.execute("DELETE FROM schema_compatibility WHERE revision = '0016_greek_vat_ids'")
