"""A journal file from elsewhere (issue 12, item 3): none of its own SQL runs.

Every SQLite connection sprintlog opens has trusted_schema off; a file whose schema is not
exactly what sprintlog's migrations make is refused before it is used (open, restore,
copy); a row holding a value sprintlog cannot read is named, not a traceback.
"""

import sqlite3
from pathlib import Path

import pytest
from helpers import Run

from sprintlog.storage import sqlite as sqlite_db
from sprintlog.storage.journal import open_journal
from sprintlog.storage.location import locate
from sprintlog.storage.migration_scripts import known_revisions
from sprintlog.storage.revision import HEAD
from sprintlog.storage.schema_check import read_revision

pytestmark = pytest.mark.sqlite_only

TRIGGER = "CREATE TRIGGER wipe AFTER INSERT ON entry BEGIN DELETE FROM entry WHERE id < new.id; END"


def _alter(path: Path, *statements: str) -> None:
    """Change the file behind sprintlog's back, as another tool (or an attacker) would."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            connection.execute(statement)
    finally:
        connection.close()


def _texts(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("SELECT text FROM entry ORDER BY id")]
    finally:
        connection.close()


def _trusted(connection) -> int:
    return connection.execute("PRAGMA trusted_schema").fetchone()[0]


def test_every_connection_distrusts_the_schema(
    ok: Run, journal_path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ok("log", "first")
    journal = open_journal(locate(str(journal_path), default_dir=tmp_path))
    try:
        with journal.engine.connect() as connection:  # the ORM's (SQLAlchemy's) connections
            assert connection.exec_driver_sql("PRAGMA trusted_schema").scalar() == 0
        with journal.sqlite_transaction(write=False) as connection:  # `log`'s bare one
            assert _trusted(connection) == 0
    finally:
        journal.close()
    plain = sqlite_db.plain_connect(journal_path, read_only=True)  # checks, backups, TAB
    assert _trusted(plain) == 0
    plain.close()

    # Alembic's connection, read from inside a real upgrade of an old journal.
    from alembic import command

    seen: list[int] = []
    upgrade = command.upgrade

    def spying_upgrade(config, revision):
        connection = config.attributes["connection"]
        seen.append(connection.exec_driver_sql("PRAGMA trusted_schema").scalar())
        return upgrade(config, revision)

    monkeypatch.setattr(command, "upgrade", spying_upgrade)
    old = tmp_path / "old.db"
    _alter(old, *_script(Path(__file__).parent.parent / "revisions" / "0001.sql"))
    ok("--db", str(old), "entries")
    assert seen == [0]


def _script(path: Path) -> list[str]:
    connection = sqlite3.connect(":memory:")
    statements = [s for s in _split(path.read_text(), connection) if s.strip()]
    connection.close()
    return statements


def _split(script: str, connection: sqlite3.Connection) -> list[str]:
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current)
            current = ""
    return statements


def test_a_trigger_in_the_journal_is_refused_before_it_runs(
    ok: Run, run: Run, journal_path: Path
) -> None:
    ok("log", "mine")
    _alter(journal_path, TRIGGER)
    for command in (("log", "another"), ("entries",), ("db", "current"), ("db", "backup")):
        result = run(*command)
        assert result.exit_code == 1, command
        [line] = result.stderr.splitlines()
        assert line.startswith(f"Error: {journal_path} is not a journal as sprintlog makes it: ")
        assert "trigger 'wipe' on entry is not sprintlog's" in line
    assert _texts(journal_path) == ["mine"]


@pytest.mark.parametrize(
    ("statement", "found"),
    [
        ("CREATE VIEW peek AS SELECT text FROM entry", "view 'peek' is not sprintlog's"),
        ("CREATE INDEX ix_extra ON entry (text)", "index 'ix_extra' on entry is not sprintlog's"),
        ("CREATE TABLE extra (x)", "table 'extra' is not sprintlog's"),
        ("DROP INDEX ix_entry_day", "index 'ix_entry_day' is missing"),
        (
            "ALTER TABLE entry ADD COLUMN shadow TEXT DEFAULT 'x'",
            "table 'entry' is not defined as sprintlog defines it",
        ),
    ],
)
def test_anything_not_sprintlogs_is_named(
    ok: Run, run: Run, journal_path: Path, statement: str, found: str
) -> None:
    ok("log", "mine")
    _alter(journal_path, statement)
    result = run("entries")
    assert result.exit_code == 1 and found in result.stderr


def test_restore_and_copy_refuse_a_file_with_a_trigger(
    ok: Run, run: Run, journal_path: Path, tmp_path: Path
) -> None:
    ok("log", "mine")
    sent = tmp_path / "sent.db"
    ok("db", "backup", str(sent))
    _alter(sent, TRIGGER)
    restored = run("db", "restore", str(sent), "--yes")
    assert restored.exit_code == 1
    assert "trigger 'wipe' on entry is not sprintlog's" in restored.stderr
    assert "nothing was restored" in restored.stderr
    copied = run("--db", str(sent), "db", "copy", "--to", str(tmp_path / "copy.db"))
    assert copied.exit_code == 1 and "trigger 'wipe'" in copied.stderr
    assert not (tmp_path / "copy.db").exists()
    ok("log", "still mine")
    assert _texts(journal_path) == ["mine", "still mine"]


def test_restore_and_copy_run_quick_check(
    ok: Run, run: Run, journal_path: Path, tmp_path: Path
) -> None:
    ok("log", "mine")
    for number in range(200):
        ok("log", f"entry {number} " + "x" * 500)
    damaged = tmp_path / "damaged.db"
    ok("db", "backup", str(damaged))
    _damage_index(damaged)
    result = run("db", "restore", str(damaged), "--yes")
    assert result.exit_code == 1
    assert f"{damaged} is damaged" in result.stderr and "nothing was restored" in result.stderr
    assert len(_texts(journal_path)) == 201
    copy = tmp_path / "copy.db"
    result = run("--db", str(damaged), "db", "copy", "--to", str(copy))
    assert result.exit_code == 1 and f"{damaged} is damaged" in result.stderr
    assert not copy.exists()


def _damage_index(path: Path) -> None:
    """Point the entry.day index's root page at garbage: only a full check notices."""
    connection = sqlite3.connect(path)
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    root = connection.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'ix_entry_day'"
    ).fetchone()[0]
    connection.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size + 8)
        handle.write(b"\xff" * 64)


def test_an_upgraded_journal_matches_a_new_one(ok: Run, tmp_path: Path) -> None:
    """Journals upgraded from every older revision pass the check (and open)."""
    revisions = Path(__file__).parent.parent / "revisions"
    for script in sorted(revisions.glob("*.sql")):
        path = tmp_path / f"{script.stem}.db"
        _alter(path, *_script(script))
        ok("--db", str(path), "entries", "--json")
        assert read_revision(path) == HEAD


def test_the_schema_snapshot_is_what_the_migrations_make(tmp_path: Path) -> None:
    """schema_snapshot.py is current.

    Regenerate it with `python -m sprintlog.storage.schema_check`.
    """
    from sprintlog.storage import schema_check
    from sprintlog.storage.schema_snapshot import SCHEMAS

    assert list(SCHEMAS) == known_revisions()
    for revision, expected in SCHEMAS.items():
        built = schema_check.build_schema(tmp_path / f"{revision}.db", revision)
        assert built == [tuple(row) for row in expected], revision


@pytest.mark.parametrize("command", ["entries", "status", "streak", "render review"])
def test_a_crafted_row_is_named_not_a_traceback(
    ok: Run, run: Run, journal_path: Path, command: str
) -> None:
    ok("sprint", "start", "--start", "-3d", "--length", "14")
    ok("log", "fine")
    ok("log", "crafted")
    _alter(journal_path, "UPDATE entry SET day = 'garbage' WHERE id = 2")
    result = run(*command.split())
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: the journal {journal_path} holds values sprintlog cannot read: entry 2: day "
        "holds 'garbage', not a date. Correct or delete these rows with an SQLite tool, or "
        "restore a backup (sprintlog db restore)\n"
    )


def test_a_value_inside_the_date_range_is_named_when_read(
    ok: Run, run: Run, journal_path: Path
) -> None:
    ok("log", "fine")
    ok("log", "crafted", "--minutes", "5")
    _alter(journal_path, "UPDATE entry SET day = '2025-02-30', minutes = 'lots' WHERE id = 2")
    result = run("entries")
    assert result.exit_code == 1
    assert "entry 2: day holds '2025-02-30', not a date" in result.stderr
    assert "entry 2: minutes holds 'lots', not a whole number" in result.stderr


def test_a_crafted_row_stops_a_copy_and_is_named(
    ok: Run, run: Run, journal_path: Path, tmp_path: Path
) -> None:
    ok("log", "fine")
    _alter(journal_path, "UPDATE entry SET day = '2025-02-30' WHERE id = 1")
    copy = tmp_path / "copy.db"
    result = run("db", "copy", "--to", str(copy))
    assert result.exit_code == 1
    assert "entry 1: day holds '2025-02-30', not a date" in result.stderr
    assert not copy.exists()
