"""Service levels as the desk keeps them (revision 0013), and the pauses of a ticket's clock.

The rules are in DOMAIN.md (*Service levels*) and in `services.service_levels`: a level names
the calendar its targets count on and, per priority, a response and a resolution target, each
minutes of that calendar, "by the closing of the next business day", or none. Each service
(contract line) has one level; each ticket keeps a copy of the targets it was opened under, so a
supervisor's later change applies to tickets opened afterwards unless they choose to recompute.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hezo_desk.enums import CalendarKind, Priority
from hezo_desk.models.base import Base, UTCDateTime, str_enum, utcnow


class ServiceLevel(Base):
    __tablename__ = "service_levels"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Unique whatever the letter case (the services compare folded names).
    name: Mapped[str] = mapped_column(String(64), unique=True)
    calendar: Mapped[CalendarKind] = mapped_column(str_enum(CalendarKind, "service_level_calendar"))
    # The built-in levels the desk itself picks: by the product rule ("24x7", "nbd", "8x5") and
    # for a ticket without an active service ("none"). NULL for levels a supervisor added.
    rule_key: Mapped[str | None] = mapped_column(String(16), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    targets: Mapped[list[ServiceLevelTarget]] = relationship(
        back_populates="level", order_by="ServiceLevelTarget.priority"
    )


class ServiceLevelTarget(Base):
    """A level's two targets for one priority. Minutes, or the next business day, or none."""

    __tablename__ = "service_level_targets"
    __table_args__ = (
        CheckConstraint(
            "response_minutes IS NULL OR response_minutes >= 0", name="response_not_negative"
        ),
        CheckConstraint(
            "resolution_minutes IS NULL OR resolution_minutes >= 0",
            name="resolution_not_negative",
        ),
        CheckConstraint(
            "NOT (response_next_business_day AND response_minutes IS NOT NULL)",
            name="response_one_kind",
        ),
        CheckConstraint(
            "NOT (resolution_next_business_day AND resolution_minutes IS NOT NULL)",
            name="resolution_one_kind",
        ),
    )

    level_id: Mapped[int] = mapped_column(ForeignKey("service_levels.id"), primary_key=True)
    priority: Mapped[Priority] = mapped_column(
        str_enum(Priority, "target_priority"), primary_key=True
    )
    response_minutes: Mapped[int | None] = mapped_column()
    response_next_business_day: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    resolution_minutes: Mapped[int | None] = mapped_column()
    resolution_next_business_day: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )

    level: Mapped[ServiceLevel] = relationship(back_populates="targets")


class TicketPause(Base):
    """An interval while a ticket waited for the customer: its clock did not run.

    `ended_at` NULL: it still waits. Written by the ticket service when the state enters and
    leaves "waiting for the customer"; the dues are computed from these.
    """

    __tablename__ = "ticket_pauses"
    __table_args__ = (Index("ix_ticket_pauses_ticket", "ticket_id", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
