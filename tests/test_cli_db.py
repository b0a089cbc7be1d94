import sqlite3
from pathlib import Path

from helpers import Run

from sprintlog import schema


def test_current(ok: Run, run: Run, journal_path: Path) -> None:
    missing = run("db", "current")
    assert (missing.exit_code, missing.stderr) == (
        1,
        f"Error: there is no journal at {journal_path} yet\n",
    )
    assert not journal_path.exists()
    ok("log", "x")
    result = ok("db", "current")
    assert result.stdout == f"Journal:  {journal_path}\nRevision: {schema.HEAD} (up to date)\n"


def test_upgrade_creates_or_reports(ok: Run, journal_path: Path) -> None:
    first = ok("db", "upgrade")
    assert "Created a new journal" in first.stderr
    again = ok("db", "upgrade")
    assert again.stderr == f"The journal is up to date (revision {schema.HEAD}).\n"


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
