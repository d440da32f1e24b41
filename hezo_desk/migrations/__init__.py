"""Alembic revisions of the HEZO Desk schema, shipped inside the package."""
