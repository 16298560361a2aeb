"""call search: SQLite FTS5 over character bigrams, PostgreSQL pg_trgm

Revision ID: 0004_call_search
Revises: 0003_call_orgs
Create Date: 2026-11-29 21:50:00

SQLite 3.40's trigram tokenizer gets 1-2 character CJK LIKE wrong, so SQLite gets a
contentless FTS5 table (unicode61) over overlapping character pairs of organisation, caller and
content, pairs of pinyin initials, and digit triples of the number, kept by triggers in plain
SQL (any client that writes a call keeps the index right). `call_fts_seq` numbers the character
positions the triggers walk; a row in `call_fts_pause` (only ever inside a bulk insert's own
transaction) makes the triggers skip, and the bulk path indexes the new rows in one statement.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004_call_search"
down_revision: str | Sequence[str] | None = "0003_call_orgs"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MAX_INDEXED = 10000
TEXT_COLUMNS = ("org", "caller", "content", "org_initials", "caller_initials")


def _pairs(column: str) -> str:
    return (
        f"(SELECT group_concat(substr({column}, n, 2), ' ') FROM call_fts_seq "
        f"WHERE n < length({column}))"
    )


def _triples_of_digits(column: str) -> str:
    digits = (
        f"(SELECT group_concat(substr({column}, n, 1), '') AS d FROM call_fts_seq "
        f"WHERE n <= length({column}) AND substr({column}, n, 1) GLOB '[0-9]')"
    )
    return (
        f"(SELECT group_concat(substr(x.d, s.n, 3), ' ') FROM call_fts_seq AS s, {digits} AS x "
        "WHERE s.n <= length(x.d) - 2)"
    )


def _values(row: str) -> str:
    return ", ".join(
        [*(_pairs(f"{row}.{c}") for c in TEXT_COLUMNS), _triples_of_digits(f"{row}.number_raw")]
    )


COLUMNS = ", ".join([*TEXT_COLUMNS, "number"])
SKIP = "NOT EXISTS (SELECT 1 FROM call_fts_pause)"


def _upgrade_sqlite() -> None:
    op.execute("CREATE TABLE call_fts_seq (n INTEGER PRIMARY KEY)")
    op.execute(
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r "
        f"WHERE n < {MAX_INDEXED}) INSERT INTO call_fts_seq (n) SELECT n FROM r"
    )
    op.execute("CREATE TABLE call_fts_pause (on_since INTEGER)")
    op.execute(
        f"CREATE VIRTUAL TABLE call_fts USING fts5({COLUMNS}, content='', tokenize='unicode61')"
    )
    op.execute(
        f"CREATE TRIGGER call_fts_ai AFTER INSERT ON call WHEN {SKIP} BEGIN "
        f"INSERT INTO call_fts (rowid, {COLUMNS}) VALUES (new.id, {_values('new')}); END"
    )
    op.execute(
        f"CREATE TRIGGER call_fts_ad AFTER DELETE ON call BEGIN "
        f"INSERT INTO call_fts (call_fts, rowid, {COLUMNS}) "
        f"VALUES ('delete', old.id, {_values('old')}); END"
    )
    watched = ", ".join([*TEXT_COLUMNS, "number_raw"])
    op.execute(
        f"CREATE TRIGGER call_fts_au AFTER UPDATE OF {watched} ON call BEGIN "
        f"INSERT INTO call_fts (call_fts, rowid, {COLUMNS}) "
        f"VALUES ('delete', old.id, {_values('old')}); "
        f"INSERT INTO call_fts (rowid, {COLUMNS}) VALUES (new.id, {_values('new')}); END"
    )
    op.execute(f"INSERT INTO call_fts (rowid, {COLUMNS}) SELECT id, {_values('call')} FROM call")


PG_INDEXES = {
    "ix_call_org_trgm": "org",
    "ix_call_caller_trgm": "caller",
    "ix_call_content_trgm": "content",
    "ix_call_org_initials_trgm": "org_initials",
    "ix_call_caller_initials_trgm": "caller_initials",
    "ix_call_number_digits_trgm": "(regexp_replace(number_raw, '[^0-9]', '', 'g'))",
}


def upgrade() -> None:
    """Add the call search index."""
    if op.get_bind().dialect.name == "sqlite":
        _upgrade_sqlite()
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in PG_INDEXES.items():
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON call USING gin ({column} gin_trgm_ops)")


def downgrade() -> None:
    """Remove the call search index."""
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("call_fts_ai", "call_fts_ad", "call_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        for table in ("call_fts", "call_fts_pause", "call_fts_seq"):
            op.execute(f"DROP TABLE IF EXISTS {table}")
        return
    for name in PG_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
