"""Backups are single files, and automatic ones do not pile up (issue 12, housekeeping)."""

import os
import sqlite3
from pathlib import Path

import pytest
from helpers import Run

from sprintlog.storage.revision import HEAD

pytestmark = [pytest.mark.sqlite_only, pytest.mark.migrations]

REVISIONS = Path(__file__).parent.parent / "revisions"


def _beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name + "-"))


def _journal_mode(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        connection.close()


def test_backup_and_restore_leave_one_self_contained_file(
    ok: Run, journal_path: Path, tmp_path: Path
) -> None:
    ok("log", "first")
    backup = tmp_path / "backup.db"
    ok("db", "backup", str(backup))
    assert _beside(backup) == [] and _beside(journal_path) == []
    ok("log", "second")
    ok("db", "restore", str(backup), "--yes")
    assert _beside(backup) == [] and _beside(journal_path) == []
    assert _journal_mode(backup) == "delete"
    assert [e["text"] for e in ok("entries", "--json").json()] == ["first"]


def test_restoring_an_older_wal_backup_leaves_nothing_beside_it(
    ok: Run, journal_path: Path, tmp_path: Path
) -> None:
    ok("log", "first")
    old_style = tmp_path / "old-style.db"
    source = sqlite3.connect(journal_path)
    target = sqlite3.connect(old_style)
    source.backup(target)  # a WAL-mode copy, as older sprintlogs wrote them
    target.close()
    source.close()
    ok("log", "second")
    ok("db", "restore", str(old_style), "--yes")
    assert _beside(old_style) == []
    assert [e["text"] for e in ok("entries", "--json").json()] == ["first"]


def _old_journal(path: Path, keep: str | None) -> None:
    connection = sqlite3.connect(path)
    connection.executescript((REVISIONS / "0002.sql").read_text())
    if keep is not None:
        connection.execute("INSERT INTO setting (key, value) VALUES ('keep_backups', ?)", (keep,))
    connection.commit()
    connection.close()


def _fake_upgrade_backups(folder: Path, stem: str, count: int) -> list[Path]:
    """Backups left by earlier upgrades, oldest first (by name and by time)."""
    folder.mkdir(exist_ok=True)
    made = []
    for number in range(count):
        path = folder / f"{stem}-2025010{number}-120000-before-000{number % 3 + 1}.db"
        path.write_bytes(b"")
        os.utime(path, (1_700_000_000 + number, 1_700_000_000 + number))
        made.append(path)
    return made


@pytest.mark.parametrize(("keep", "kept"), [(None, 5), ("3", 3), ("1", 1)])
def test_upgrade_backups_are_pruned_to_keep_backups(
    ok: Run, tmp_path: Path, keep: str | None, kept: int
) -> None:
    journal = tmp_path / "old.db"
    _old_journal(journal, keep)
    folder = tmp_path / "backups"
    earlier = _fake_upgrade_backups(folder, "old", 6)
    by_hand = folder / "old-20240101-120000-manual.db"
    by_hand.write_bytes(b"")
    os.utime(by_hand, (1_600_000_000, 1_600_000_000))
    result = ok("--db", str(journal), "entries")
    assert f"Upgraded the journal from revision 0002 to {HEAD}" in result.stderr
    [new] = [p for p in folder.iterdir() if p not in (*earlier, by_hand)]
    remaining = sorted(p for p in folder.iterdir() if p != by_hand)
    assert remaining == sorted([new, *earlier[len(earlier) - (kept - 1) :]][:kept])
    assert new in remaining  # the backup just made is never the one deleted
    assert by_hand.exists()  # backups made by hand are the user's to remove


def test_keep_backups_is_a_setting(ok: Run, run: Run) -> None:
    assert ok("config", "get", "keep_backups").stdout.strip().endswith("5")
    ok("config", "set", "keep_backups", "2")
    assert ok("config", "get", "keep_backups").stdout.strip().endswith("2")
    assert run("config", "set", "keep_backups", "0").exit_code == 2


def test_a_backup_from_a_newer_sprintlog_is_not_restored(
    ok: Run, run: Run, journal_path: Path, tmp_path: Path
) -> None:
    ok("log", "mine")
    newer = tmp_path / "newer.db"
    ok("db", "backup", str(newer))
    connection = sqlite3.connect(newer)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    result = run("db", "restore", str(newer), "--yes")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {newer} is from a newer sprintlog (schema revision 9999); upgrade sprintlog "
        "to restore it (nothing was restored)\n",
    )
    assert [e["text"] for e in ok("entries", "--json").json()] == ["mine"]
