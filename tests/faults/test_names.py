"""One journal file, one name (issue 12, item 1), and `db copy --to` a path that leads nowhere.

SQLite names a journal's -wal and -shm files after the path it was opened by: two hard
links to one file get two of each, and entries written through both are lost. A hard-linked
journal is refused everywhere it is opened; a symbolic link is followed to the one real
path, so it works.
"""

import os
import sqlite3
from pathlib import Path

import pytest
from helpers import Run

pytestmark = pytest.mark.sqlite_only


def _texts(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("SELECT text FROM entry ORDER BY id")]
    finally:
        connection.close()


def test_a_hard_linked_journal_is_refused_wherever_it_is_opened(
    ok: Run, run: Run, journal_path: Path, tmp_path: Path
) -> None:
    ok("log", "first")
    other = tmp_path / "other.db"
    os.link(journal_path, other)
    backup = tmp_path / "backup.db"
    commands = [
        ("log", "through the first name"),
        ("--db", str(other), "log", "through the second"),
        ("entries",),
        ("status",),
        ("db", "current"),
        ("db", "backup", str(backup)),
        ("db", "copy", "--to", str(tmp_path / "copy.db")),
    ]
    for command in commands:
        result = run(*command)
        assert result.exit_code == 1, command
        [line] = result.stderr.splitlines()
        assert "has 2 names (hard links)" in line, command
        assert "keep one name" in line and "symbolic link" in line
    assert not backup.exists() and not (tmp_path / "copy.db").exists()
    os.unlink(other)
    ok("log", "one name again")
    assert _texts(journal_path) == ["first", "one name again"]


def test_a_hard_linked_backup_is_not_restored_from(
    ok: Run, run: Run, journal_path: Path, tmp_path: Path
) -> None:
    ok("log", "first")
    backup = Path(ok("db", "backup").stdout.strip())
    os.link(backup, tmp_path / "second-name.db")
    result = run("db", "restore", str(backup), "--yes")
    assert result.exit_code == 1 and "has 2 names (hard links)" in result.stderr


def test_completion_offers_nothing_from_a_hard_linked_journal(
    ok: Run, journal_path: Path, tmp_path: Path
) -> None:
    from sprintlog import completion

    ok("sprint", "start", "--start", "-3d")
    ok("goal", "add", "1", "Write")
    environ = {"SPRINTLOG_DB": str(journal_path)}
    assert "1" in completion.goal_refs(None, environ)
    os.link(journal_path, tmp_path / "other.db")
    assert completion.goal_refs(None, environ) == []


def test_a_symbolic_link_is_followed_to_one_real_path(
    ok: Run, journal_path: Path, tmp_path: Path
) -> None:
    ok("log", "through the real path")
    link = tmp_path / "link.db"
    link.symlink_to(journal_path)
    result = ok("--db", str(link), "log", "through the link")
    assert "Created" not in result.stderr
    ok("log", "real again")
    assert _texts(journal_path) == ["through the real path", "through the link", "real again"]
    assert ok("--db", str(link), "db", "current").stdout.startswith(f"Journal:  {journal_path}\n")
    # SQLite's files beside the journal are named after the real path, never the link's.
    assert not list(tmp_path.glob("link.db-*"))


def test_db_copy_to_a_dangling_link_or_a_missing_folder(
    ok: Run, run: Run, journal_path: Path, tmp_path: Path
) -> None:
    ok("log", "first")
    dangling = tmp_path / "dangling.db"
    dangling.symlink_to(tmp_path / "nowhere" / "x.db")
    result = run("db", "copy", "--to", str(dangling))
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {dangling} is a symbolic link to {tmp_path / 'nowhere' / 'x.db'}, which "
        "does not exist; nothing was copied\n",
    )
    missing = tmp_path / "missing" / "copy.db"
    result = run("db", "copy", "--to", f"sqlite:///{missing}")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: there is no folder {missing.parent}; create it first (nothing was copied)\n",
    )
    assert not (tmp_path / "nowhere").exists() and not missing.parent.exists()
