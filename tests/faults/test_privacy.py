"""What sprintlog writes is private, and what it deletes is gone (faults 14, 15, 16)."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import Run

pytestmark = pytest.mark.sqlite_only

SECRET = "my-very-private-note-7f3a9c"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_deleting_really_deletes(ok: Run, journal_path: Path) -> None:
    """After `entry rm`, the text is in neither the journal file nor its WAL."""
    ok("log", "before")
    ok("log", f"{SECRET} " * 50)
    ok("log", "after")
    ok("entry", "rm", "2", "--yes")
    files = [journal_path, journal_path.with_name(journal_path.name + "-wal")]
    for path in files:
        if path.exists():
            assert SECRET.encode() not in path.read_bytes(), path
    assert [e["text"] for e in ok("entries", "--json").json()] == ["before", "after"]


def test_every_file_sprintlog_creates_is_private(
    ok: Run, journal_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Journal, WAL/SHM, backups, drafts, rendered posts: 0600 in 0700 folders, umask 022."""
    monkeypatch.setenv("EDITOR", f'"{sys.executable}" -c "import sys; sys.exit(1)"')
    old = os.umask(0o022)
    try:
        ok("sprint", "start")
        ok("goal", "add", "1", "Write")
        backup = Path(ok("db", "backup").stdout.strip())
        post = tmp_path / "post.md"
        ok("render", "review", "-o", str(post))
        holder = _open_reader(journal_path)  # keeps the -wal and -shm files in place
        try:
            created = [journal_path, backup, post, *_sidecars(journal_path)]
            for path in created:
                assert mode(path) == 0o600, path
            for folder in (journal_path.parent, backup.parent):
                assert mode(folder) == 0o700, folder
        finally:
            holder.kill()
            holder.wait()
    finally:
        os.umask(old)


def _sidecars(path: Path) -> list[Path]:
    found = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    assert all(p.exists() for p in found), "the WAL files should be there while a reader is"
    return found


def _open_reader(path: Path) -> subprocess.Popen:
    code = (
        "import sqlite3, sys, time\n"
        f"c = sqlite3.connect({str(path)!r})\n"
        "c.execute('SELECT count(*) FROM entry').fetchall()\n"
        "print('ready', flush=True)\n"
        "time.sleep(60)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    return process


@pytest.mark.parametrize("megabytes", [1, 20])
def test_big_texts_are_stored_or_refused_cleanly(run: Run, ok: Run, megabytes: int) -> None:
    text = "∑ escape \x1b[2J and [bold]markup[/bold] " * (megabytes * 1024 * 1024 // 40)
    result = run("log", "-", input=text)
    if megabytes == 1:
        assert result.exit_code == 0
        assert ok("entry", "show", "1").stdout == text
    else:
        assert (result.exit_code, result.stderr) == (
            2,
            "Error: standard input is over the limit of 4 MiB\n",
        )
        assert ok("entries", "--json").json() == []
