"""Backups (faults 8 and 11): consistent, private, kept in generations, restorable."""

import sqlite3
import stat
from pathlib import Path

import pytest
from helpers import Run

pytestmark = [pytest.mark.sqlite_only, pytest.mark.migrations]


def texts(ok: Run) -> list[str]:
    return [entry["text"] for entry in ok("entries", "--json").json()]


def test_a_backup_is_consistent_with_a_reader_open_and_an_unchecked_wal(
    ok: Run, journal_path: Path
) -> None:
    ok("log", "one")
    writer = sqlite3.connect(journal_path, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")  # leave what follows in the WAL
    writer.execute(
        "INSERT INTO entry (day, text, created_at, uuid, updated_at) "
        "VALUES ('2026-01-01', 'in the wal', '2026-01-01', 'c0ffee', '2026-01-01')"
    )
    reader = sqlite3.connect(journal_path)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM entry").fetchall()  # an open read transaction
    try:
        backup = Path(ok("db", "backup").stdout.strip())
    finally:
        reader.close()
        writer.close()
    copy = sqlite3.connect(backup)
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert {row[0] for row in copy.execute("SELECT text FROM entry")} == {"one", "in the wal"}
    copy.close()
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_generations_are_kept_and_one_can_be_restored(
    ok: Run, run: Run, journal_path: Path
) -> None:
    ok("log", "one")
    first = Path(ok("db", "backup").stdout.strip())
    ok("log", "two")
    second = Path(ok("db", "backup").stdout.strip())
    ok("log", "three")
    assert first.exists() and second.exists() and first != second
    refused = run("db", "restore", str(first))
    assert refused.exit_code == 1 and "pass --yes" in refused.stderr
    assert texts(ok) == ["one", "two", "three"]
    result = ok("db", "restore", str(first), "--yes")
    assert result.stderr.startswith(
        f"Restored the journal from {first}; the journal as it was is in "
    )
    assert texts(ok) == ["one"]
    kept = Path(result.stderr.split(" is in ")[1].strip().rstrip("."))
    assert {r[0] for r in sqlite3.connect(kept).execute("SELECT text FROM entry")} == {
        "one",
        "two",
        "three",
    }


def test_a_damaged_journal_points_to_its_latest_backup_and_comes_back(
    ok: Run, run: Run, journal_path: Path
) -> None:
    for text in ("a", "b"):
        ok("log", text * 3000)
    backup = Path(ok("db", "backup").stdout.strip())
    data = journal_path.read_bytes()
    journal_path.write_bytes(data[: len(data) // 2])  # torn in half
    damaged = journal_path.read_bytes()
    result = run("entries")
    assert result.exit_code == 1
    assert "is damaged" in result.stderr and f"the latest backup is {backup}" in result.stderr
    assert journal_path.read_bytes() == damaged  # nothing recreated over it
    restored = ok("db", "restore", str(backup), "--yes")
    assert ".damaged-" in restored.stderr
    assert texts(ok) == ["a" * 3000, "b" * 3000]


@pytest.mark.parametrize("kind", ["missing", "text", "foreign"])
def test_restoring_something_that_is_not_a_backup(
    run: Run, ok: Run, tmp_path: Path, kind: str
) -> None:
    ok("log", "keep")
    bogus = tmp_path / "bogus.db"
    if kind == "text":
        bogus.write_text("hello")
    elif kind == "foreign":
        sqlite3.connect(bogus).execute("CREATE TABLE people (name)").connection.close()
    result = run("db", "restore", str(bogus), "--yes")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert texts(ok) == ["keep"]
