import sqlite3
from pathlib import Path

import pytest
from helpers import Run

from sprintlog.storage.revision import HEAD

# The SQLite journal file (servers: test_server.py); `db upgrade` builds new ones itself.
pytestmark = [pytest.mark.sqlite_only, pytest.mark.migrations]


def test_current(ok: Run, run: Run, journal_path: Path) -> None:
    missing = run("db", "current")
    assert (missing.exit_code, missing.stderr) == (
        1,
        f"Error: there is no journal at {journal_path} yet\n",
    )
    assert not journal_path.exists()
    ok("log", "x")
    result = ok("db", "current")
    assert result.stdout == (
        f"Journal:  {journal_path}\nRevision: {HEAD} (up to date)\n"
        f"Backups:  {journal_path.parent / 'backups'} (none yet)\n"
    )
    written = Path(ok("db", "backup").stdout.strip())
    assert ok("db", "current").stdout.endswith(f"(newest: {written.name})\n")


def test_upgrade_creates_or_reports(ok: Run, journal_path: Path) -> None:
    first = ok("db", "upgrade")
    assert "Created a new journal" in first.stderr
    again = ok("db", "upgrade")
    assert again.stderr == f"The journal is up to date (revision {HEAD}).\n"


def test_backup_of_no_journal(run: Run, journal_path: Path) -> None:
    result = run("db", "backup")
    assert result.stderr == f"Error: there is no journal at {journal_path} to back up\n"
    assert not journal_path.exists()


def test_backup_default_place_and_explicit_path(
    ok: Run, run: Run, journal_path: Path, tmp_path: Path
) -> None:
    ok("log", "precious")
    first = Path(ok("db", "backup").stdout.strip())
    second = Path(ok("db", "backup").stdout.strip())
    assert first != second  # generations, not one file overwritten
    assert first.parent == journal_path.parent / "backups"
    explicit = tmp_path / "copies" / "mine.db"
    assert Path(ok("db", "backup", str(explicit)).stdout.strip()) == explicit
    for path in (first, second, explicit):
        assert path.stat().st_mode & 0o777 == 0o600
        copy = sqlite3.connect(path)
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT text FROM entry").fetchall() == [("precious",)]
        copy.close()
    refused = run("db", "backup", str(explicit))
    assert (refused.exit_code, refused.stderr) == (
        1,
        f"Error: {explicit} exists already; choose another path\n",
    )


def test_copy_to_a_new_file_and_refusals(
    ok: Run, run: Run, journal_path: Path, tmp_path: Path
) -> None:
    ok("sprint", "start", "--start", "-3d")
    ok("goal", "add", "2", "Read", "-t", "Survey ∀")
    ok("log", "CRLF\r\nand 🐙", "-g", "2a", "-m", "25")
    before = journal_path.read_bytes()
    copy = tmp_path / "elsewhere" / "copy.db"
    copy.parent.mkdir()  # a missing folder is refused: tests/faults/test_copy_faults.py
    result = ok("db", "copy", "--to", str(copy))
    assert result.stderr == (
        f"Copied the journal to {copy}: 1 sprint, 1 goal, 1 task, 1 entry, "
        "1 goal link, 0 settings, 0 reading items, 0 acronyms, 0 questions, 0 tags, 0 breaks, "
        "0 running timers, 0 imported rows, 0 removals, 0 merge records.\n"
    )
    assert journal_path.read_bytes() == before
    for command in (
        ("sprint", "show", "--json"),
        ("entries", "--json"),
        ("config", "list", "--json"),
    ):
        assert ok("--db", str(copy), *command).json() == ok(*command).json()
    refused = run("db", "copy", "--to", str(copy))
    assert (refused.exit_code, refused.stderr) == (
        1,
        f"Error: {copy} already holds a journal (1 sprint, 1 goal, 1 task, 1 entry, "
        "1 goal link); copy into an empty one\n",
    )
    itself = run("db", "copy", "--to", str(journal_path))
    assert (itself.exit_code, itself.stderr) == (
        1,
        "Error: the journal cannot be copied onto itself\n",
    )
    assert journal_path.read_bytes() == before


def test_copy_to_a_server_without_its_driver_or_to_another_database(
    run: Run, tmp_path: Path
) -> None:
    run("log", "x")
    result = run("db", "copy", "--to", "mysql://u:pw@localhost/j")
    assert result.exit_code == 1 and "SQLite or PostgreSQL" in result.stderr
    assert "pw" not in result.stderr.replace("SQLite or PostgreSQL", "")
