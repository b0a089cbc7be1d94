"""The default journal, its backups and the drafts live in the user's data directory
($XDG_DATA_HOME/sprintlog); a journal at the old place (~/.config/sprintlog) moves there."""

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import Run

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """(new folder, old folder), with no --db and no SPRINTLOG_DB."""
    monkeypatch.delenv("SPRINTLOG_DB")
    return tmp_path / "data" / "sprintlog", tmp_path / "config" / "sprintlog"


def _make_old_journal(ok: Run, old: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    journal = old / "journal.db"
    old.parent.mkdir(parents=True, exist_ok=True)  # ~/.config is there: sprintlog/ is made
    monkeypatch.setenv("SPRINTLOG_DB", str(journal))
    ok("log", "written by an older sprintlog")
    ok("db", "backup")
    (old / "drafts").mkdir(mode=0o700)
    (old / "drafts" / "a-draft.md").write_text("kept\n", encoding="utf-8")
    monkeypatch.delenv("SPRINTLOG_DB")
    return journal


def _texts(ok: Run) -> list[str]:
    return [entry["text"] for entry in ok("entries", "--json").json()]


def test_a_new_journal_goes_in_the_data_directory(ok: Run, places) -> None:
    new, old = places
    result = ok("log", "first")
    assert f"Created a new journal at {new / 'journal.db'}" in result.stderr
    assert (new / "journal.db").is_file() and not old.exists()
    assert ok("db", "current").stdout.startswith(f"Journal:  {new / 'journal.db'}\n")


def _leave_changes_in_the_wal(journal: Path, text: str) -> None:
    """The journal as a killed writer leaves it: a committed entry only in its -wal."""
    before = journal.with_name("before.db")
    shutil.copyfile(journal, before)
    connection = sqlite3.connect(journal, isolation_level=None)
    connection.execute("PRAGMA wal_autocheckpoint = 0")
    connection.execute(
        "INSERT INTO entry (day, text, created_at, uuid, updated_at) VALUES ('2025-01-02', ?,"
        " '2025-01-02 10:00:00.000000', 'c0ffee', '2025-01-02 10:00:00.000000')",
        (text,),
    )
    wal = journal.with_name(journal.name + "-wal")
    saved = wal.read_bytes()
    connection.close()  # folds the WAL in: put back the file as it was before, and the WAL
    before.replace(journal)
    wal.write_bytes(saved)
    assert saved


def test_an_old_journal_moves_with_its_wal_backups_and_drafts(
    ok: Run, places, monkeypatch: pytest.MonkeyPatch
) -> None:
    new, old = places
    journal = _make_old_journal(ok, old, monkeypatch)
    _leave_changes_in_the_wal(journal, "only in the wal")
    result = ok("entries", "--json")
    assert result.stderr == f"Moved the journal from {journal} to {new / 'journal.db'}\n"
    assert sorted(e["text"] for e in result.json()) == [
        "only in the wal",
        "written by an older sprintlog",
    ]
    assert not journal.exists() and not journal.with_name("journal.db-wal").exists()
    moved = sqlite3.connect(f"file:{new / 'journal.db'}?mode=ro&immutable=1", uri=True)
    assert moved.execute("SELECT count(*) FROM entry").fetchone() == (2,)  # in the file itself
    moved.close()
    assert len(list((new / "backups").glob("journal-*.db"))) == 1
    assert (new / "drafts" / "a-draft.md").read_text(encoding="utf-8") == "kept\n"
    again = ok("entries")
    assert "Moved" not in again.stderr
    assert ok("db", "current").stdout.startswith(f"Journal:  {new / 'journal.db'}\n")


def test_an_old_journal_in_a_folder_with_a_hash_in_its_name_moves_too(
    ok: Run, places, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In an SQLite URI "#" starts a fragment: unquoted, it would open another file.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "con#fig"))
    new, old = places[0], tmp_path / "con#fig" / "sprintlog"
    journal = _make_old_journal(ok, old, monkeypatch)
    _leave_changes_in_the_wal(journal, "only in the wal")
    result = ok("entries", "--json")
    assert result.stderr == f"Moved the journal from {journal} to {new / 'journal.db'}\n"
    assert len(result.json()) == 2
    assert not (tmp_path / "con").exists()


def test_an_old_journal_in_use_stays_where_it_is(
    ok: Run, places, monkeypatch: pytest.MonkeyPatch
) -> None:
    new, old = places
    journal = _make_old_journal(ok, old, monkeypatch)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time\n"
            f"c = sqlite3.connect({str(journal)!r})\n"
            "c.execute('SELECT count(*) FROM entry').fetchall()\n"
            "print('ready', flush=True)\n"
            "sys.stdin.read()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "ready\n"
        result = ok("log", "while another sprintlog reads it")
        assert result.stderr.splitlines()[0] == (
            f"Using the journal at {journal}: it could not be moved to {new / 'journal.db'} "
            "(another sprintlog is using it)"
        )
        assert ok("db", "current").stdout.startswith(f"Journal:  {journal}\n")
    finally:
        holder.communicate("")
    assert not (new / "journal.db").exists()
    assert "while another sprintlog reads it" in _texts(ok)  # moved now: nobody holds it
    assert (new / "journal.db").exists() and not journal.exists()


def test_completion_finds_the_journal_where_commands_do(places, tmp_path: Path) -> None:
    from sprintlog.storage import places as where

    new, old = places
    environ = {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    assert where.default_journal(environ) == new / "journal.db"
    old.mkdir(parents=True)
    (old / "journal.db").write_bytes(b"")
    assert where.default_journal(environ) == old / "journal.db"  # not moved yet
    assert where.data_dir({"XDG_DATA_HOME": "relative"}) == Path.home() / ".local/share/sprintlog"
