"""Is this SQLite file a journal as sprintlog makes it? Checked before any of it is used.

A journal may come from elsewhere (a backup, a colleague, a download). SQLite runs what
the file's schema says: a trigger on ``entry`` runs on the next ``log``. So before a file
is used, its schema (``sqlite_master``) must be exactly what sprintlog's migrations make
for its revision: the same tables, indexes and triggers (none), with the same SQL.

The expected schemas are in schema_snapshot.py, generated from the migrations
(``python -m sprintlog.storage.schema_check``; tests/faults/test_untrusted.py keeps it current), so
the check is one SELECT of a few rows and no import of Alembic: ``log`` stays fast.
"""

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

from sprintlog.errors import JournalError
from sprintlog.storage import revision as revisions
from sprintlog.storage import sqlite as sqlite_db

# (type, name, table, normalized SQL); the SQL is None for SQLite's automatic indexes.
SchemaRow = tuple[str, str, str, str | None]

# What ANALYZE adds: statistics for the query planner, no SQL of their own.
_HARMLESS = {"sqlite_stat1", "sqlite_stat4"}
_MAX_PROBLEMS = 3
_SQLITE_HEADER = b"SQLite format 3\x00"


def read_revision(
    path: Path,
    *,
    thorough: bool = False,
    then: Callable[[sqlite3.Connection, str], None] | None = None,
) -> str | None:
    """The journal's schema revision, read without changing anything the file holds.

    A file whose schema is not sprintlog's own is refused before anything runs on it;
    ``thorough`` also reads every page (quick_check). ``then`` reads more on the same
    connection once the schema is known to be good (opening the journal reads the timer).
    """
    shown = str(path)
    _check_header(path, shown)
    # Read-write when we may: closing the connection then tidies the -wal and -shm files.
    connection = sqlite_db.plain_connect(path, read_only=not sqlite_db.writable(path))
    try:
        rows = schema_rows(connection)
        if not rows:
            return None
        revision = _one_revision(connection, rows, shown)
        check_schema(rows, revision, shown)
        if thorough:
            check_intact(connection, shown)
        if then is not None:
            then(connection, revision)
    finally:
        connection.close()
    return revision


def _check_header(path: Path, shown: str) -> None:
    """Refuse an empty file or one that is not an SQLite database, before SQLite opens it."""
    with path.open("rb") as handle:
        header = handle.read(len(_SQLITE_HEADER))
    if not header:
        raise JournalError(
            f"{shown} is an empty file, not a sprintlog journal; it was left as it is"
        )
    if header != _SQLITE_HEADER:
        raise JournalError(f"{shown} is not a sprintlog journal (not an SQLite database)")


def _one_revision(connection: sqlite3.Connection, rows: list[SchemaRow], shown: str) -> str:
    """The one schema revision Alembic wrote with the tables, or a JournalError."""
    if "alembic_version" not in {name for kind, name, _, _ in rows if kind == "table"}:
        raise JournalError(
            f"{shown} is an SQLite database but not a sprintlog journal; it was left as it is"
        )
    versions = revisions.in_sqlite_file(connection)
    if len(versions) != 1:  # Alembic writes exactly one, with the tables
        raise JournalError(
            f"{shown} is an SQLite database but not a sprintlog journal (it has no single "
            "schema revision); it was left as it is"
        )
    return versions[0]


def schema_rows(connection: sqlite3.Connection) -> list[SchemaRow]:
    rows = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return sorted((kind, name, table, normalize(sql)) for kind, name, table, sql in rows)


def normalize(sql: str | None) -> str | None:
    """The SQL with quoting, spacing and the order of named constraints made canonical.

    A table rebuilt by an upgrade (Alembic's batch mode) lists the same constraints in
    another order, and SQLite quotes the names of renamed tables.
    """
    if sql is None:
        return None
    text = re.sub(r"\s+", " ", sql.replace('"', "")).strip()
    match = re.fullmatch(r"(CREATE TABLE \S+ )\((.*)\)", text)
    if match is None:
        return text
    parts = [part.strip() for part in _top_level_split(match.group(2))]
    columns = [part for part in parts if not part.startswith("CONSTRAINT ")]
    constraints = sorted(part for part in parts if part.startswith("CONSTRAINT "))
    return f"{match.group(1)}({', '.join(columns + constraints)})"


def _top_level_split(body: str) -> list[str]:
    """Split at the commas outside parentheses and quotes."""
    parts, depth, quote, start = [], 0, "", 0
    for index, char in enumerate(body):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'`[":
            quote = "]" if char == "[" else char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(body[start:index])
            start = index + 1
    parts.append(body[start:])
    return parts


def knows(revision: str) -> bool:
    """Whether this sprintlog knows the schema of ``revision`` (older sprintlogs' are known)."""
    from sprintlog.storage.schema_snapshot import SCHEMAS

    return revision in SCHEMAS


def check_schema(rows: list[SchemaRow], revision: str, shown: str) -> None:
    """Refuse a file whose schema is not sprintlog's own for ``revision``."""
    from sprintlog.storage.schema_snapshot import SCHEMAS

    expected = SCHEMAS.get(revision)
    if expected is None:
        return  # a revision this sprintlog does not know: opening refuses it, running nothing
    problems = _differences(rows, expected)
    if problems and revision_is_built_differently(rows, revision):
        problems = []
    if problems:
        raise JournalError(
            f"{shown} is not a journal as sprintlog makes it: {'; '.join(problems)}. "
            "It was left as it is and none of its SQL was run; "
            "use a journal you made, or a backup of one"
        )


def _differences(rows: list[SchemaRow], expected: list[SchemaRow]) -> list[str]:
    found = {(kind, name): (table, sql) for kind, name, table, sql in rows}
    wanted = {(kind, name): (table, sql) for kind, name, table, sql in expected}
    problems = []
    for (kind, name), (table, sql) in sorted(found.items()):
        if name in _HARMLESS and kind == "table":
            continue
        if (kind, name) not in wanted:
            where = f" on {table}" if kind in ("trigger", "index") else ""
            problems.append(f"{kind} '{name}'{where} is not sprintlog's")
        elif wanted[(kind, name)] != (table, sql):
            problems.append(f"{kind} '{name}' is not defined as sprintlog defines it")
    problems += [
        f"{kind} '{name}' is missing" for kind, name in sorted(wanted.keys() - found.keys())
    ]
    if len(problems) > _MAX_PROBLEMS:
        problems = [*problems[:_MAX_PROBLEMS], f"and {len(problems) - _MAX_PROBLEMS} more"]
    return problems


def revision_is_built_differently(rows: list[SchemaRow], revision: str) -> bool:
    """Whether this installation's migrations build exactly ``rows`` for ``revision``.

    The snapshot holds the SQL that the SQLAlchemy version of the tests writes; another
    version may write it differently. Building the schema (a fraction of a second) is only
    needed when the quick comparison fails.
    """
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        built = build_schema(Path(folder) / "journal.db", revision)
    return not _differences(rows, built)


def build_schema(path: Path, revision: str) -> list[SchemaRow]:
    """Run the migrations up to ``revision`` into a new file; return its schema."""
    from sqlalchemy import create_engine, event

    from sprintlog.storage import dialects
    from sprintlog.storage.migration_scripts import upgrade_connection

    sqlite3.connect(path).close()
    engine = create_engine("sqlite://", creator=lambda: sqlite_db.connect(path, read_only=False))
    event.listen(engine, "begin", dialects.begin)
    try:
        with engine.connect() as connection:
            upgrade_connection(connection, revision)
    finally:
        engine.dispose()
    built = sqlite3.connect(path)
    try:
        return schema_rows(built)
    finally:
        built.close()


def check_intact(connection: sqlite3.Connection, shown: str) -> None:
    """``PRAGMA quick_check``: every page and index of the file is readable and consistent.

    Its cost grows with the file, so it runs where a file enters (restore, copy, before an
    upgrade), not on every command (SQLite reports damage on the pages a command reads).
    """
    verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
    if verdict != "ok":
        raise JournalError(f"{shown} is damaged ({verdict})")


def _generate() -> str:
    import pprint
    import tempfile

    from sprintlog.storage.migration_scripts import known_revisions

    schemas = {}
    for revision in known_revisions():
        with tempfile.TemporaryDirectory() as folder:
            schemas[revision] = build_schema(Path(folder) / "journal.db", revision)
    return (
        '"""Generated by `python -m sprintlog.storage.schema_check`: each revision\'s schema."""\n'
        "\n# fmt: off\n"
        f"SCHEMAS = {pprint.pformat(schemas, width=100)}\n"
    )


# python -m sprintlog.storage.schema_check > sprintlog/storage/schema_snapshot.py
if __name__ == "__main__":
    print(_generate(), end="")
