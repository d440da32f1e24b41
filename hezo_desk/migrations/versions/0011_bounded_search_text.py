"""Messages are indexed for search by a bounded prefix; the message itself is kept whole.

Revision ID: 0011_bounded_search_text
Revises: 0010_consent_reseller
Create Date: 2026-11-30 08:30:00.000000

PostgreSQL's tsvector holds at most 1 MB of distinct lexemes: `to_tsvector` fails ("string is
too long for tsvector") beyond, and with it the INSERT of the message. Revision 0001 cut bodies
at 500,000 characters, which is more than 1 MB as soon as the words are not ASCII (Cyrillic,
Greek: two bytes a letter; unaccent folds only Latin letters), so a legal message of up to
1,000,000 characters (a reply, a note, a migrated legacy message) could not be stored. The
index now covers the first `INDEXED_CHARACTERS` characters: at most four bytes each, 400 KB of
lexemes, whatever the text. A search finds a message by what its first 100,000 characters say;
the message and its PDF keep every character.

SQLite's FTS5 has no such limit; it gets the same prefix so that both databases find the same
messages. Its index is contentless: an entry is removed by giving the values it was added
with, so the long messages already indexed whole are removed whole and added again cut.

PostgreSQL 15 cannot change a generated column's expression: the column is dropped and added
again (the table is rewritten and every vector computed anew: a long upgrade on a large desk).
Desks at 0001 onwards keep working: the column keeps its name and type.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011_bounded_search_text"
down_revision: str | None = "0010_consent_reseller"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXED_CHARACTERS = 100_000
BEFORE_CHARACTERS = 500_000  # revision 0001's cut (PostgreSQL only; SQLite indexed all)

# As revision 0001: FTS5's remove_diacritics does not fold ł/Ł.
_SQLITE_FOLD = "replace(replace({value}, 'ł', 'l'), 'Ł', 'L')"


def _postgresql(characters: int) -> list[str]:
    return [
        "DROP INDEX ix_messages_search",
        "ALTER TABLE messages DROP COLUMN search_vector",
        "ALTER TABLE messages ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
        f"(to_tsvector('hezo_search'::regconfig, left(body, {characters}))) STORED",
        "CREATE INDEX ix_messages_search ON messages USING gin (search_vector)",
    ]


def _sqlite_indexed(row: str, characters: int | None) -> str:
    body = f"coalesce({row}.body, '')"
    if characters is not None:
        body = f"substr({body}, 1, {characters})"
    return _SQLITE_FOLD.format(value=body)


def _sqlite(characters: int | None, before: int | None) -> list[str]:
    """The triggers indexing `characters` (None: all), and the long messages' entries moved
    from the `before` cut to it."""
    new, old = _sqlite_indexed("new", characters), _sqlite_indexed("old", characters)
    delete_old = (
        f"INSERT INTO message_fts (message_fts, rowid, body) VALUES ('delete', old.id, {old});"
    )
    insert_new = f"INSERT INTO message_fts (rowid, body) VALUES (new.id, {new});"
    longest = min(c for c in (characters, before) if c is not None)
    return [
        "DROP TRIGGER messages_fts_insert",
        "DROP TRIGGER messages_fts_delete",
        "DROP TRIGGER messages_fts_update",
        f"INSERT INTO message_fts (message_fts, rowid, body) SELECT 'delete', id, "
        f"{_sqlite_indexed('messages', before)} FROM messages WHERE length(body) > {longest}",
        f"INSERT INTO message_fts (rowid, body) SELECT id, "
        f"{_sqlite_indexed('messages', characters)} FROM messages "
        f"WHERE length(body) > {longest}",
        f"CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN {insert_new} END",
        f"CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN {delete_old} END",
        "CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages "
        f"BEGIN {delete_old} {insert_new} END",
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        statements = _postgresql(INDEXED_CHARACTERS)
    else:
        statements = _sqlite(INDEXED_CHARACTERS, None)
    for statement in statements:
        op.execute(statement)
    op.execute(
        "INSERT INTO schema_compatibility (revision, oldest_client_revision) "
        "VALUES ('0011_bounded_search_text', '0010_consent_reseller')"
    )


def downgrade() -> None:
    op.execute("DELETE FROM schema_compatibility WHERE revision = '0011_bounded_search_text'")
    if op.get_bind().dialect.name == "postgresql":
        statements = _postgresql(BEFORE_CHARACTERS)
    else:
        statements = _sqlite(None, INDEXED_CHARACTERS)
    for statement in statements:
        op.execute(statement)
