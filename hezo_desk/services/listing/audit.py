"""The list of the audit log, for supervisors and administrators."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, aliased

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.db import Database
from hezo_desk.models import Agent, AuditEntry
from hezo_desk.services.actor import Actor, require_role
from hezo_desk.services.audit import (
    AuditFilter,
    AuditRow,
    AuditService,
    audit_conditions,
    audit_row,
    audit_select,
)
from hezo_desk.services.listing.definition import KeyExpression, Listing, Sort, text_key
from hezo_desk.services.listing.paging import Condition
from hezo_desk.services.records import AnyRow, AnySelect


class AuditListing(Listing[AuditRow, AuditFilter]):
    """The append-only log, for supervisors and administrators."""

    default_sort: ClassVar[Sort] = Sort("time", descending=True)

    def __init__(self, db: Database, actor: Actor) -> None:
        require_role(actor, AuditService.READERS, QT_TRANSLATE_NOOP("Errors", "read the audit log"))
        super().__init__(db)

    def _id_column(self) -> InstrumentedAttribute[int]:
        return AuditEntry.id

    def _define_sort_keys(self) -> Mapping[str, tuple[KeyExpression, ...]]:
        agent = aliased(Agent)
        agent_login = (
            select(agent.login)
            .where(agent.id == AuditEntry.agent_id)
            .correlate(AuditEntry)
            .scalar_subquery()
        )
        return {
            "time": (AuditEntry.recorded_at,),
            "agent": (text_key(agent_login),),
            "action": (AuditEntry.action,),
            # Tickets in the order they were opened (their numbers' order); none first.
            "ticket": (func.coalesce(AuditEntry.ticket_id, 0),),
            "summary": (AuditEntry.summary,),
        }

    def _conditions(self, list_filter: AuditFilter) -> list[Condition]:
        return audit_conditions(list_filter)

    def _rows(self) -> AnySelect:
        return audit_select()

    def _make_row(self, row: AnyRow) -> AuditRow:
        entry, login, name, number = row
        return audit_row(entry, login, name, number)
