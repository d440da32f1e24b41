"""Each ticket that moves gets its contract and service, or flags for review saying why not.

The last step of the rules (`resolve`): it runs once every file's rows have their outcome, a
page of tickets at a time, looking up contracts and services among the staged rows that move
and among the desk's own.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hezo_desk.audit_words import review_flag
from hezo_desk.models import Service, ServiceContract
from hezo_desk.services.legacy_import.lookup import Parent, chunks, db_lookup
from hezo_desk.services.legacy_import.rules import SkipRule, describe
from hezo_desk.services.legacy_import.staging import PLANNED, REJECTED, SKIPPED, Staging
from hezo_desk.services.normalize import contract_number_key
from hezo_desk.services.serials import InvalidSerialError, format_notation, parse_serial

PAGE = 2_000
FLAGS_LISTED = 5


class TicketLinker:
    """For each ticket that moves: its contract and service, and its flags for review."""

    def __init__(self, staging: Staging, session: Session) -> None:
        self.staging = staging
        self.session = session

    def run(self) -> None:
        for page in self.staging.pages(
            "SELECT seq, legacy_id, customer_target, contract_no, serial_raw, flags "
            "FROM tickets WHERE outcome = ? AND seq > ? ORDER BY seq LIMIT ?",
            (PLANNED,),
            size=PAGE,
        ):
            self._page(page)

    def _page(self, page: list[tuple[Any, ...]]) -> None:
        staging = self.staging
        low, high = page[0][0], page[-1][0]
        keys = sorted({contract_number_key(row[3]) for row in page if row[3].strip()} - {""})
        contracts = self._staged_contracts(keys)
        desk_contracts = db_lookup(
            self.session,
            ServiceContract.number_key,
            (ServiceContract.id, ServiceContract.customer_id, ServiceContract.number),
            [key for key in keys if key not in contracts or not contracts[key][0].usable],
        )
        services = self._staged_services(keys)
        desk_services = self._desk_services(
            [
                int(target[3:])
                for target in (c[0].target for c in contracts.values())
                if target is not None and target.startswith("db:")
            ]
            + [row[0] for row in desk_contracts.values()]
        )
        dialogue_flags = self._dialogue_flags(low, high)
        message_counts = dict(
            staging.execute(
                "SELECT ticket_seq, count(*) FROM messages WHERE ticket_seq BETWEEN ? AND ? "
                "AND outcome = ? GROUP BY ticket_seq",
                (low, high, PLANNED),
            ).fetchall()
        )
        updates = []
        for seq, _legacy_id, customer_target, contract_no, serial_raw, own_flags in page:
            flags = own_flags.splitlines() if own_flags else []
            link_contract, link_service, link_flags = self._link(
                customer_target, contract_no, serial_raw, contracts, desk_contracts,
                services, desk_services,
            )  # fmt: skip
            flags.extend(link_flags)
            flags.extend(dialogue_flags.get(seq, []))
            if not message_counts.get(seq):
                flags.append(review_flag("empty_dialogue"))
            updates.append((link_contract, link_service, "\n".join(flags) or None, seq))
        staging.executemany(
            "UPDATE tickets SET link_contract = ?, link_service = ?, flags = ? WHERE seq = ?",
            updates,
        )

    def _staged_contracts(self, keys: list[str]) -> dict[str, tuple[Parent, str, str | None, str]]:
        """key → (row, number, customer target, state)."""
        found: dict[str, tuple[Parent, str, str | None, str]] = {}
        for chunk in chunks(keys):
            marks = ", ".join("?" for _ in chunk)
            for (
                ident,
                seq,
                outcome,
                code,
                target,
                line,
                detail,
                number,
                customer,
                state,
            ) in self.staging.execute(
                "SELECT ident, seq, outcome, code, target, line, detail, number, "
                f"customer_target, state FROM contracts WHERE ident IN ({marks}) "
                "AND dup_of IS NULL",
                list(chunk),
            ):
                found[ident] = (
                    Parent(seq, outcome, code, target, line, detail),
                    number,
                    customer,
                    state,
                )
        return found

    def _staged_services(self, keys: list[str]) -> dict[tuple[str, str], list[tuple[str, str]]]:
        """(contract key, serial) → [(target, legacy id)] of services that move or moved."""
        found: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for chunk in chunks(keys):
            marks = ", ".join("?" for _ in chunk)
            for key, serial, target, legacy_id in self.staging.execute(
                f"SELECT contract_key, serial, target, legacy_id FROM services "
                f"WHERE contract_key IN ({marks}) AND dup_of IS NULL AND (outcome = ? OR "
                "(outcome = ? AND code = ?)) ORDER BY seq",
                [*chunk, PLANNED, SKIPPED, SkipRule.ALREADY_IMPORTED.value],
            ):
                found[(key, serial)].append((target, legacy_id))
        return found

    def _desk_services(
        self, contract_ids: list[int]
    ) -> dict[tuple[int, str], list[tuple[str, str]]]:
        """(contract id, serial) → [(target, notation)] of the desk's services."""
        found: dict[tuple[int, str], list[tuple[str, str]]] = defaultdict(list)
        for chunk in chunks(sorted(set(contract_ids))):
            rows = self.session.execute(
                select(Service.contract_id, Service.serial, Service.id, Service.notation_index)
                .where(Service.contract_id.in_(chunk))
                .order_by(Service.notation_index)
            )
            for contract_id, serial, service_id, index in rows:
                found[(contract_id, serial)].append(
                    (f"db:{service_id}", format_notation(serial, index))
                )
        return found

    def _link(
        self,
        customer_target: str,
        contract_no: str,
        serial_raw: str,
        contracts: dict[str, tuple[Parent, str, str | None, str]],
        desk_contracts: dict[str, tuple[Any, ...]],
        services: dict[tuple[str, str], list[tuple[str, str]]],
        desk_services: dict[tuple[int, str], list[tuple[str, str]]],
    ) -> tuple[str | None, str | None, list[str]]:
        flags: list[str] = []
        number = contract_no.strip()
        key = contract_number_key(number) if number else ""
        contract_target: str | None = None
        contract_customer: str | None = None
        if not key:
            flags.append(review_flag("no_contract"))
        elif key in contracts and contracts[key][0].usable:
            row, number, contract_customer, _state = contracts[key]
            contract_target = row.target
        elif key in desk_contracts:
            contract_id, customer_id, number = desk_contracts[key]
            contract_target, contract_customer = f"db:{contract_id}", f"db:{customer_id}"
        elif key in contracts:
            row, number, _customer, state = contracts[key]
            if row.outcome == SKIPPED:
                flags.append(review_flag("contract_not_moved", number, state))
            else:
                flags.append(
                    review_flag("contract_rejected", number, row.line, describe(row.code or ""))
                )
        else:
            flags.append(review_flag("contract_not_exported", number))
        if contract_target is not None and contract_customer != customer_target:
            flags.append(review_flag("contract_of_another_customer", number))
            contract_target = None
        try:
            serial = parse_serial(serial_raw).serial if serial_raw.strip() else None
        except InvalidSerialError as error:
            flags.append(review_flag("invalid_serial", error))
            return contract_target, None, flags
        if serial is None:
            flags.append(review_flag("no_serial"))
            return contract_target, None, flags
        if contract_target is None:
            flags.append(review_flag("serial_contract_not_moved", serial))
            return None, None, flags
        candidates: dict[str, str] = {}
        for target, legacy_id in services.get((key, serial), []):
            candidates[target] = f"service {legacy_id}"
        if contract_target.startswith("db:"):
            for target, notation in desk_services.get((int(contract_target[3:]), serial), []):
                candidates.setdefault(target, notation)
        if len(candidates) == 1:
            return contract_target, next(iter(candidates)), flags
        if not candidates:
            flags.append(review_flag("serial_on_no_service", serial, number))
        else:
            flags.append(
                review_flag(
                    "serial_on_several_services",
                    serial,
                    len(candidates),
                    number,
                    ", ".join(candidates.values()),
                )
            )
        return contract_target, None, flags

    def _dialogue_flags(self, low: int, high: int) -> dict[int, list[str]]:
        """Rejected messages and attachments of tickets low..high, and unlinked attachments."""
        rejected: dict[int, list[str]] = defaultdict(list)
        counts: dict[int, int] = defaultdict(int)
        for table, file_name in (("messages", "messages.csv"), ("attachments", "attachments.csv")):
            for ticket_seq, legacy_id, line, detail in self.staging.execute(
                f"SELECT ticket_seq, legacy_id, line, detail FROM {table} "
                "WHERE ticket_seq BETWEEN ? AND ? AND outcome = ? ORDER BY ticket_seq, seq",
                (low, high, REJECTED),
            ):
                counts[ticket_seq] += 1
                if len(rejected[ticket_seq]) < FLAGS_LISTED:
                    what = "message" if table == "messages" else "attachment"
                    rejected[ticket_seq].append(
                        f"{what} {legacy_id or '(no id)'} rejected ({file_name} line {line}: "
                        f"{detail})"
                    )
        for ticket_seq, count in counts.items():
            if count > FLAGS_LISTED:
                rejected[ticket_seq].append(
                    f"… and {count - FLAGS_LISTED} more rejected messages or attachments"
                )
        for ticket_seq, legacy_id, message_ref in self.staging.execute(
            "SELECT ticket_seq, legacy_id, message_ref FROM attachments "
            "WHERE ticket_seq BETWEEN ? AND ? AND outcome = ? AND message_ref IS NOT NULL "
            "AND message_seq IS NULL ORDER BY ticket_seq, seq",
            (low, high, PLANNED),
        ):
            rejected[ticket_seq].append(
                f"attachment {legacy_id} names message {message_ref}, which is not among this "
                "ticket's messages that moved; attached to the ticket without it"
            )
        return rejected
