"""PostgreSQL login roles that let a reseller's own tools read what the access rule allows.

A row links one database role to one reseller. The views in the `reseller_portal` schema
(revision 0002) compare it with `current_user`, so a session connected as that role sees only
its reseller's tickets that the customer allowed, their customer-visible messages and files.
SQLite has no roles: the table exists there too (one schema for both) but stays empty.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from hezo_desk.models.base import Base, UTCDateTime, utcnow

# PostgreSQL truncates identifiers at 63 bytes.
MAX_ROLE_NAME_LENGTH = 63


class ResellerDatabaseRole(Base):
    __tablename__ = "reseller_db_roles"
    __table_args__ = (Index("ix_reseller_db_roles_reseller_id", "reseller_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    role_name: Mapped[str] = mapped_column(String(MAX_ROLE_NAME_LENGTH), unique=True)
    reseller_id: Mapped[int] = mapped_column(ForeignKey("resellers.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
