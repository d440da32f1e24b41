"""Staff who use the desk."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, String
from sqlalchemy.orm import Mapped, mapped_column

from hezo_desk.enums import Role
from hezo_desk.models.base import Base, UTCDateTime, str_enum, utcnow


class Agent(Base):
    __tablename__ = "agents"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(str_enum(Role, "agent_role"))
    # A key-derivation hash (scrypt, with its parameters); None: cannot sign in to the windows.
    # Deferred: on PostgreSQL the desks' role may not read it (revision 0017), so a query for
    # agents must not name it unless it asks; `secret`: no scan of text columns reads it (an
    # erasure, its proof).
    password_hash: Mapped[str | None] = mapped_column(
        String(255), deferred=True, info={"secret": True}
    )
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
