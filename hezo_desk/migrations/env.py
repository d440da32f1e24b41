"""Alembic environment. HEZO Desk always hands Alembic an open connection (see hezo_desk.db)."""

from __future__ import annotations

from alembic import context

from hezo_desk.db import include_in_comparison
from hezo_desk.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "HEZO Desk's migrations run through `hezo-desk db upgrade`, which supplies the connection"
    )

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    include_object=include_in_comparison,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
