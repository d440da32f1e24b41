"""Reply templates: canned answers with placeholders filled in for a ticket (revision 0014)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hezo_desk.enums import Language
from hezo_desk.models.base import Base, UTCDateTime, str_enum, utcnow


class ReplyTemplate(Base):
    __tablename__ = "reply_templates"
    __table_args__ = (
        # One name per language, however it is capitalised.
        Index("ix_reply_templates_language_name", "language", "name_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    # The name folded to lower case: what uniqueness and look-ups by name compare.
    name_key: Mapped[str] = mapped_column(String(100))
    language: Mapped[Language] = mapped_column(str_enum(Language, "template_language"))
    # Bounded at the door (`services/limits.py`, TEMPLATE_BODY), not by the column.
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    # Optimistic locking: an edit based on an older version is refused.
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
