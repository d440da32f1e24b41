"""The migration's rules, applied to the staged export: each row's outcome, each ticket's links.

Rules run file by file, parents before children, and the first rule that applies decides:

1. a row without a legacy id, or with the wrong number of fields, is rejected;
2. the same legacy id again: rejected (the first occurrence is the one used);
3. already in the desk (legacy id, contract number): skipped, left as it is;
4. what does not move (expired/cancelled contracts, closed/cancelled tickets, and what
   belongs to them): skipped with that rule;
5. a value of the row itself that is wrong (tax id, date, status, …): rejected;
6. a reference that leads nowhere (customer, reseller, contract, ticket missing or rejected):
   rejected;
7. anything else is imported. Active tickets whose contract or serial cannot be linked are
   imported too, flagged for review with the reason (`ticket_links`).

Targets name what a row becomes in the desk: `db:<id>` for a row already there, `new:<seq>`
for the staged row that will be written (several rows may point at one company).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from hezo_desk.db import Database
from hezo_desk.models import (
    Attachment,
    Customer,
    Message,
    Reseller,
    Service,
    ServiceContract,
    Ticket,
)
from hezo_desk.services.legacy_import.attachment_checks import reject_unreadable_attachments
from hezo_desk.services.legacy_import.lookup import Parent, db_lookup
from hezo_desk.services.legacy_import.rules import RejectReason, SkipRule, describe
from hezo_desk.services.legacy_import.source import ExportSource
from hezo_desk.services.legacy_import.staging import (
    PLANNED,
    REJECTED,
    SKIPPED,
    TABLE_FILES,
    Staging,
)
from hezo_desk.services.legacy_import.ticket_links import TicketLinker


class Resolver:
    def __init__(
        self,
        staging: Staging,
        db: Database,
        tick: Callable[[str], None] | None = None,
        *,
        files: ExportSource | None = None,
        check: Callable[[], None] = lambda: None,
    ) -> None:
        self.staging = staging
        self.db = db
        self.tick = tick or (lambda _step: None)
        # The export's files: the attachments that move are read through once (None: not).
        self.files = files
        self.check = check

    def run(self) -> None:
        with self.db.sessions() as session:
            for table in TABLE_FILES:
                self._duplicates(table)
            self.tick("resellers")
            self._companies(session, "resellers", Reseller)
            self.tick("customers")
            self._companies(session, "customers", Customer)
            self.tick("contracts")
            self._contracts(session)
            self.tick("services")
            self._services(session)
            self.tick("tickets")
            self._tickets(session)
            self.staging.index_tickets()
            self.tick("messages")
            self._messages(session)
            self.tick("attachments")
            self._attachments(session)
            if self.files is not None:
                reject_unreadable_attachments(self.staging, self.files, self.check)
            self.tick("links")
            TicketLinker(self.staging, session).run()

    # ----- 1-2: identity ------------------------------------------------------------------------

    def _duplicates(self, table: str) -> None:
        staging = self.staging
        id_column = {"contracts": "contract_no"}.get(table, "")
        staging.execute("DROP TABLE IF EXISTS temp.firsts")
        staging.execute(
            f"CREATE TEMP TABLE firsts AS SELECT ident, min(seq) AS seq FROM {table} "
            "WHERE ident IS NOT NULL GROUP BY ident HAVING count(*) > 1"
        )
        rows = staging.execute(
            f"SELECT d.seq, f.seq, f.line, d.row_hash = f.row_hash, d.legacy_id, f.legacy_id "
            f"FROM {table} d JOIN temp.firsts x ON x.ident = d.ident AND x.seq <> d.seq "
            f"JOIN {table} f ON f.seq = x.seq"
        ).fetchall()
        updates = []
        for seq, first_seq, first_line, identical, legacy_id, first_id in rows:
            what = f"contract {first_id}" if id_column else f"{legacy_id}"
            detail = (
                f"the same row twice: identical to line {first_line}"
                if identical
                else f"{what} appears again (first at line {first_line}) with other values; "
                "the first is used"
            )
            if id_column and legacy_id != first_id:
                detail = (
                    f"contract number {legacy_id!r} is the same as {first_id!r} at line "
                    f"{first_line}; the first is used"
                )
            updates.append((first_seq, REJECTED, RejectReason.DUPLICATE.value, detail, seq))
        staging.executemany(
            f"UPDATE {table} SET dup_of = ?, outcome = ?, code = ?, detail = ? WHERE seq = ?",
            updates,
        )
        staging.execute("DROP TABLE temp.firsts")

    # ----- companies ----------------------------------------------------------------------------

    def _already(
        self,
        session: Session,
        table: str,
        key_column: InstrumentedAttribute[Any],
        id_column: InstrumentedAttribute[Any],
        *,
        where: str = "",
    ) -> None:
        """Rows whose identity the desk already holds: skipped, target the desk's row."""
        if session.scalar(select(id_column).where(key_column.is_not(None)).limit(1)) is None:
            return
        for page in self.staging.pages(
            f"SELECT seq, ident FROM {table} WHERE outcome IS NULL {where} AND seq > ? "
            "ORDER BY seq LIMIT ?"
        ):
            found = db_lookup(session, key_column, (id_column,), (ident for _s, ident in page))
            self.staging.executemany(
                f"UPDATE {table} SET outcome = ?, code = ?, detail = ?, target = ?, db_id = ? "
                "WHERE seq = ?",
                [
                    (
                        SKIPPED,
                        SkipRule.ALREADY_IMPORTED.value,
                        f"{ident} is already in the desk (imported by an earlier run)",
                        f"db:{found[ident][0]}",
                        found[ident][0],
                        seq,
                    )
                    for seq, ident in page
                    if ident in found
                ],
            )

    def _local_problems(self, table: str, *, where: str = "") -> None:
        self.staging.execute(
            f"UPDATE {table} SET outcome = '{REJECTED}', code = problem_code, "
            f"detail = problem_detail WHERE outcome IS NULL AND problem_code IS NOT NULL {where}"
        )

    def _companies(
        self, session: Session, table: str, model: type[Reseller] | type[Customer]
    ) -> None:
        what = "customer" if table == "customers" else "reseller"
        self._already(session, table, model.legacy_id, model.id)
        self._local_problems(table)
        first_by_tax: dict[str, tuple[str, str]] = {}
        for page in self.staging.pages(
            f"SELECT seq, legacy_id, tax_id, line FROM {table} WHERE outcome IS NULL "
            "AND seq > ? ORDER BY seq LIMIT ?"
        ):
            in_desk = db_lookup(
                session, model.tax_id, (model.id, model.name), (row[2] for row in page)
            )
            updates: list[tuple[Any, ...]] = []
            for seq, legacy_id, tax_id, line in page:
                if tax_id and tax_id in in_desk:
                    desk_id, desk_name = in_desk[tax_id]
                    updates.append(
                        (
                            SKIPPED,
                            SkipRule.SAME_COMPANY.value,
                            f"tax id {tax_id} is the desk's {what} {desk_name!r}; what names "
                            f"{legacy_id} goes to that {what}",
                            f"db:{desk_id}",
                            seq,
                        )
                    )
                elif tax_id and tax_id in first_by_tax:
                    target, first = first_by_tax[tax_id]
                    updates.append(
                        (
                            SKIPPED,
                            SkipRule.SAME_COMPANY.value,
                            f"tax id {tax_id} is also {first}'s; what names {legacy_id} goes "
                            f"to {first}",
                            target,
                            seq,
                        )
                    )
                else:
                    if tax_id:
                        first_by_tax[tax_id] = (f"new:{seq}", f"{legacy_id} (line {line})")
                    updates.append((PLANNED, None, None, f"new:{seq}", seq))
            self.staging.executemany(
                f"UPDATE {table} SET outcome = ?, code = ?, detail = ?, target = ? WHERE seq = ?",
                updates,
            )

    def _references(
        self,
        session: Session,
        child: str,
        ref_column: str,
        parent: str,
        model: type[Reseller] | type[Customer],
        *,
        missing: RejectReason,
        target_column: str,
    ) -> None:
        """Resolve one company reference of each undecided row, page by page, into the row:
        its target, or (the first) problem with it in `ref_code`/`ref_detail`."""
        parent_file = TABLE_FILES[parent]
        for page in self.staging.pages(
            f"SELECT c.seq, c.{ref_column}, p.seq, p.outcome, p.code, p.target, p.line, "
            f"p.detail FROM {child} c LEFT JOIN {parent} p ON p.ident = c.{ref_column} "
            f"AND p.dup_of IS NULL WHERE c.outcome IS NULL AND c.{ref_column} IS NOT NULL "
            "AND c.seq > ? ORDER BY c.seq LIMIT ?"
        ):
            unknown = [row[1] for row in page if row[2] is None]
            in_desk = db_lookup(session, model.legacy_id, (model.id,), unknown)
            targets: list[tuple[str, int]] = []
            problems: list[tuple[str, str, int]] = []
            for seq, ref, p_seq, outcome, code, target, line, detail in page:
                if p_seq is None:
                    if ref in in_desk:
                        targets.append((f"db:{in_desk[ref][0]}", seq))
                    else:
                        problems.append((missing.value, f"{ref} is not in {parent_file}", seq))
                elif Parent(p_seq, outcome, code, target, line, detail).usable:
                    targets.append((target, seq))
                else:
                    problems.append(
                        (
                            RejectReason.PARENT_REJECTED.value,
                            f"{ref} was rejected ({parent_file} line {line}: {describe(code)})",
                            seq,
                        )
                    )
            self.staging.executemany(
                f"UPDATE {child} SET {target_column} = ? WHERE seq = ?", targets
            )
            self.staging.executemany(
                f"UPDATE {child} SET ref_code = ?, ref_detail = ? "
                "WHERE seq = ? AND ref_code IS NULL",
                problems,
            )

    def _reference_problems(self, table: str) -> None:
        self.staging.execute(
            f"UPDATE {table} SET outcome = '{REJECTED}', code = ref_code, detail = ref_detail "
            "WHERE outcome IS NULL AND ref_code IS NOT NULL"
        )

    # ----- contracts and services -------------------------------------------------------------

    def _contracts(self, session: Session) -> None:
        staging = self.staging
        self._references(
            session, "contracts", "customer_ref", "customers", Customer,
            missing=RejectReason.MISSING_CUSTOMER, target_column="customer_target",
        )  # fmt: skip
        self._references(
            session, "contracts", "reseller_ref", "resellers", Reseller,
            missing=RejectReason.MISSING_RESELLER, target_column="reseller_target",
        )  # fmt: skip
        # Already in the desk: the same contract number. For another customer, a conflict.
        if session.scalar(select(ServiceContract.id).limit(1)) is not None:
            for page in staging.pages(
                "SELECT seq, ident, number, customer_target FROM contracts "
                "WHERE outcome IS NULL AND seq > ? ORDER BY seq LIMIT ?"
            ):
                in_desk = db_lookup(
                    session,
                    ServiceContract.number_key,
                    (ServiceContract.id, ServiceContract.customer_id, ServiceContract.number),
                    (row[1] for row in page),
                )
                updates: list[tuple[Any, ...]] = []
                for seq, ident, number, customer_target in page:
                    if ident not in in_desk:
                        continue
                    contract_id, customer_id, desk_number = in_desk[ident]
                    if customer_target is not None and customer_target != f"db:{customer_id}":
                        updates.append(
                            (
                                REJECTED,
                                RejectReason.CONFLICT.value,
                                f"contract {desk_number} is already in the desk for another "
                                "customer; the export names a different one",
                                None,
                                None,
                                seq,
                            )
                        )
                    else:
                        updates.append(
                            (
                                SKIPPED,
                                SkipRule.ALREADY_IMPORTED.value,
                                f"contract {number} is already in the desk",
                                f"db:{contract_id}",
                                f"db:{customer_id}",
                                seq,
                            )
                        )
                staging.executemany(
                    "UPDATE contracts SET outcome = ?, code = ?, detail = ?, target = ?, "
                    "customer_target = ? WHERE seq = ?",
                    updates,
                )
        staging.execute(
            f"UPDATE contracts SET outcome = '{SKIPPED}', code = status_skip, "
            "detail = 'contract ' || number || ' is ' || state || ' and does not move' "
            "WHERE outcome IS NULL AND status_skip IS NOT NULL"
        )
        self._local_problems("contracts")
        self._reference_problems("contracts")
        staging.execute(
            f"UPDATE contracts SET outcome = '{PLANNED}', target = 'new:' || seq "
            "WHERE outcome IS NULL"
        )

    def _services(self, session: Session) -> None:
        staging = self.staging
        self._already(session, "services", Service.legacy_id, Service.id)
        staging.execute(
            "UPDATE services SET outcome = ?, code = ?, "
            "detail = 'contract ' || c.number || ' is ' || c.state || ' and does not move', "
            "contract_seq = c.seq FROM contracts c "
            "WHERE services.outcome IS NULL AND c.ident = services.contract_key "
            "AND c.dup_of IS NULL AND c.outcome = ? AND c.code IN (?, ?)",
            (
                SKIPPED,
                SkipRule.CONTRACT_DID_NOT_MOVE.value,
                SKIPPED,
                SkipRule.CONTRACT_EXPIRED.value,
                SkipRule.CONTRACT_CANCELLED.value,
            ),
        )
        self._local_problems("services")
        staging.execute(
            "UPDATE services SET outcome = ?, code = ?, "
            "detail = 'contract ' || c.number || ' was rejected (contracts.csv line ' || c.line "
            "|| ': ' || describe(c.code) || ')' FROM contracts c "
            "WHERE services.outcome IS NULL AND c.ident = services.contract_key "
            "AND c.dup_of IS NULL AND c.outcome = ?",
            (REJECTED, RejectReason.PARENT_REJECTED.value, REJECTED),
        )
        staging.execute(
            "UPDATE services SET outcome = ?, contract_target = c.target, contract_seq = c.seq "
            "FROM contracts c WHERE services.outcome IS NULL "
            "AND c.ident = services.contract_key AND c.dup_of IS NULL "
            "AND c.target IS NOT NULL",
            (PLANNED,),
        )
        # Contracts not in this export may be in the desk (imported by an earlier run).
        for page in staging.pages(
            "SELECT seq, contract_key, contract_no FROM services WHERE outcome IS NULL "
            "AND seq > ? ORDER BY seq LIMIT ?"
        ):
            in_desk = db_lookup(
                session, ServiceContract.number_key, (ServiceContract.id,), (r[1] for r in page)
            )
            staging.executemany(
                "UPDATE services SET outcome = ?, code = ?, detail = ?, contract_target = ? "
                "WHERE seq = ?",
                [
                    (PLANNED, None, None, f"db:{in_desk[key][0]}", seq)
                    if key in in_desk
                    else (
                        REJECTED,
                        RejectReason.MISSING_CONTRACT.value,
                        f"contract {number} is not in contracts.csv",
                        None,
                        seq,
                    )
                    for seq, key, number in page
                ],
            )
        staging.execute("UPDATE services SET target = 'new:' || seq WHERE outcome = ?", (PLANNED,))

    # ----- tickets and their dialogue -------------------------------------------------------------

    def _tickets(self, session: Session) -> None:
        staging = self.staging
        self._already(session, "tickets", Ticket.legacy_number, Ticket.id)
        staging.execute(
            "UPDATE tickets SET outcome = ?, code = status_skip, "
            "detail = 'ticket ' || legacy_id || ' is ' || state || ' and does not move' "
            "WHERE outcome IS NULL AND status_skip IS NOT NULL",
            (SKIPPED,),
        )
        self._local_problems("tickets")
        self._references(
            session, "tickets", "customer_ref", "customers", Customer,
            missing=RejectReason.MISSING_CUSTOMER, target_column="customer_target",
        )  # fmt: skip
        self._reference_problems("tickets")
        staging.execute(
            f"UPDATE tickets SET outcome = '{PLANNED}', target = 'new:' || seq "
            "WHERE outcome IS NULL"
        )

    def _dialogue_rows(
        self, session: Session, table: str, model: type[Message] | type[Attachment]
    ) -> None:
        """Messages or attachments: what their ticket's outcome means for them."""
        staging = self.staging
        what = "message" if table == "messages" else "attachment"
        staging.execute(
            f"UPDATE {table} SET ticket_seq = t.seq FROM tickets t "
            f"WHERE t.ident = {table}.ticket_ref AND t.dup_of IS NULL AND {table}.outcome IS NULL"
        )
        for code, state in (
            (SkipRule.TICKET_CLOSED.value, "closed"),
            (SkipRule.TICKET_CANCELLED.value, "cancelled"),
        ):
            staging.execute(
                f"UPDATE {table} SET outcome = ?, code = ?, detail = 'ticket ' || t.legacy_id "
                f"|| ' is {state} and does not move' FROM tickets t WHERE t.seq = "
                f"{table}.ticket_seq AND {table}.outcome IS NULL AND t.outcome = ? AND t.code = ?",
                (SKIPPED, SkipRule.TICKET_DID_NOT_MOVE.value, SKIPPED, code),
            )
        staging.execute(
            f"UPDATE {table} SET outcome = ?, code = ?, detail = 'ticket ' || t.legacy_id || "
            f"' was rejected (tickets.csv line ' || t.line || ': ' || describe(t.code) || ')' "
            f"FROM tickets t WHERE t.seq = {table}.ticket_seq AND {table}.outcome IS NULL "
            "AND t.outcome = ?",
            (REJECTED, RejectReason.PARENT_REJECTED.value, REJECTED),
        )
        # Rows already in the desk; rows of tickets migrated earlier (in this export or not).
        rows_known = (
            session.scalar(select(model.id).where(model.legacy_id.is_not(None)).limit(1))
            is not None
        )
        only_undecided = "" if rows_known else f"AND (t.seq IS NULL OR t.outcome <> '{PLANNED}')"
        for page in staging.pages(
            f"SELECT r.seq, r.ident, r.ticket_ref, r.problem_code, r.problem_detail, t.outcome, "
            f"t.code FROM {table} r LEFT JOIN tickets t ON t.seq = r.ticket_seq "
            f"WHERE r.outcome IS NULL {only_undecided} AND r.seq > ? ORDER BY r.seq LIMIT ?"
        ):
            unknown_tickets = [row[2] for row in page if row[5] is None and row[2]]
            tickets_in_desk = db_lookup(
                session, Ticket.legacy_number, (Ticket.id,), unknown_tickets
            )
            rows_in_desk = (
                db_lookup(session, model.legacy_id, (model.id,), (row[1] for row in page))
                if rows_known
                else {}
            )
            updates: list[tuple[Any, ...]] = []
            for seq, ident, ticket_ref, p_code, p_detail, t_outcome, t_code in page:
                earlier = (t_outcome == SKIPPED and t_code == SkipRule.ALREADY_IMPORTED.value) or (
                    t_outcome is None and ticket_ref in tickets_in_desk
                )
                if ident in rows_in_desk:
                    updates.append(
                        (SKIPPED, SkipRule.ALREADY_IMPORTED.value,
                         f"{what} {ident} is already in the desk", seq)
                    )  # fmt: skip
                elif t_outcome == PLANNED:
                    continue
                elif earlier:
                    updates.append(
                        (
                            SKIPPED,
                            SkipRule.TICKET_MIGRATED_EARLIER.value,
                            f"ticket {ticket_ref} was migrated by an earlier run; its migrated "
                            f"dialogue is not changed, so this new {what} is not added",
                            seq,
                        )
                    )
                elif p_code is not None:
                    updates.append((REJECTED, p_code, p_detail, seq))
                else:
                    updates.append(
                        (REJECTED, RejectReason.MISSING_TICKET.value,
                         f"ticket {ticket_ref} is not in tickets.csv", seq)
                    )  # fmt: skip
            staging.set_outcome(table, updates)
        # What remains belongs to tickets that move.
        self._local_problems(table)
        staging.execute(f"UPDATE {table} SET outcome = ? WHERE outcome IS NULL", (PLANNED,))

    def _messages(self, session: Session) -> None:
        self._dialogue_rows(session, "messages", Message)

    def _attachments(self, session: Session) -> None:
        self._dialogue_rows(session, "attachments", Attachment)
        self.staging.execute(
            "UPDATE attachments SET message_seq = m.seq FROM messages m "
            "WHERE m.ident = attachments.message_ref AND m.dup_of IS NULL "
            "AND m.ticket_seq = attachments.ticket_seq AND m.outcome = ? "
            "AND attachments.outcome = ?",
            (PLANNED, PLANNED),
        )
