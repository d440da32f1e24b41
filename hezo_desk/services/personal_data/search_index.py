"""After an erasure: no full-text index, free page or journal keeps the erased words.

PostgreSQL's `search_vector` columns are generated from the row: the UPDATE of a body or a
subject rewrote them. SQLite's FTS5 tables (revision 0001) are contentless: a changed row is
"deleted" from the index by a marker, and the old terms stay in older segments until merged.
So on SQLite the indexes are rewritten from the tables (`delete-all`, then every row again,
folded as the triggers fold), the file is rebuilt (`VACUUM`: freed pages held the old text),
and the write-ahead log is checkpointed and truncated (its frames held it too).
"""

from __future__ import annotations

from dataclasses import dataclass

from hezo_desk.db import Database

# What the triggers of revision 0001 write into each index: ł/Ł folded by hand.
_FOLD = "replace(replace(coalesce({column}, ''), 'ł', 'l'), 'Ł', 'L')"
_INDEXES = {
    "message_fts": ("messages", ("body",)),
    "ticket_fts": ("tickets", ("subject", "number", "legacy_number")),
}


@dataclass(frozen=True)
class SearchScrub:
    # SQLite: the full-text indexes were rewritten and the file rebuilt (PostgreSQL: no need).
    rewritten: bool
    # False: another connection still read the log, so it could not be emptied; run the
    # proof again when the other desks are closed.
    journal_truncated: bool


def scrub_search_index(db: Database) -> SearchScrub:
    if not db.is_sqlite:
        return SearchScrub(rewritten=False, journal_truncated=True)
    raw = db.engine.raw_connection()
    try:
        connection = raw.driver_connection
        assert connection is not None
        # The connection is in autocommit (db._configure_sqlite): transactions are explicit.
        connection.execute("BEGIN IMMEDIATE")
        try:
            for index, (table, columns) in _INDEXES.items():
                column_list = ", ".join(columns)
                folded = ", ".join(_FOLD.format(column=column) for column in columns)
                connection.execute(f"INSERT INTO {index} ({index}) VALUES ('delete-all')")
                connection.execute(
                    f"INSERT INTO {index} (rowid, {column_list}) SELECT id, {folded} FROM {table}"
                )
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        stat4 = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat4'"
        ).fetchone()
        if stat4:
            # Index samples (stat4) copy column values: sampled again from the redacted rows.
            connection.execute("ANALYZE")
        connection.execute("VACUUM")
        busy, _frames, _done = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return SearchScrub(rewritten=True, journal_truncated=not busy)
    finally:
        raw.close()
