"""Reply templates.

Revision ID: 0014_reply_templates
Revises: 0013_service_levels
Create Date: 2026-11-30 11:30:00.000000

`reply_templates` holds the canned answers supervisors manage: a name (unique per language,
whatever its case: `name_key` is the name in lower case), a language, a body with placeholders,
who wrote and last changed it, and a version for optimistic locking. Only a new table: older
desks never name it. Reseller roles get no right on it (nothing is granted to them but the
`reseller_portal` views).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014_reply_templates"
down_revision: str | None = "0013_service_levels"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reply_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_key", sa.String(length=100), nullable=False),
        sa.Column(
            "language",
            sa.Enum(
                "pl",
                "en",
                name="template_language",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_agent_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_agent_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_agent_id"],
            ["agents.id"],
            name=op.f("fk_reply_templates_created_by_agent_id_agents"),
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_agent_id"],
            ["agents.id"],
            name=op.f("fk_reply_templates_updated_by_agent_id_agents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reply_templates")),
    )
    op.create_index(
        "ix_reply_templates_language_name",
        "reply_templates",
        ["language", "name_key"],
        unique=True,
    )
    op.execute(
        "INSERT INTO schema_compatibility (revision, oldest_client_revision) "
        "VALUES ('0014_reply_templates', '0013_service_levels')"
    )


def downgrade() -> None:
    op.execute("DELETE FROM schema_compatibility WHERE revision = '0014_reply_templates'")
    op.drop_index("ix_reply_templates_language_name", table_name="reply_templates")
    op.drop_table("reply_templates")
