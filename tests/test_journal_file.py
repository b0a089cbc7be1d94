"""The journal file: created safely, opened with the right settings, never damaged."""

import hashlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from helpers import Run, lock_held

from sprintlog.storage import sqlite as sqlite_db
from sprintlog.storage.journal import Journal, open_journal
from sprintlog.storage.location import locate
from sprintlog.storage.revision import HEAD

pytestmark = pytest.mark.sqlite_only


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def open_at(path: Path) -> Journal:
    return open_journal(locate(str(path), default_dir=path.parent))


def test_new_journal_is_private(ok: Run, journal_path: Path) -> None:
    old = os.umask(0o022)
    try:
        result = ok("log", "first")
    finally:
        os.umask(old)
    assert f"Created a new journal at {journal_path}" in result.stderr
    assert journal_path.stat().st_mode & 0o777 == 0o600
    assert journal_path.parent.stat().st_mode & 0o777 == 0o700
    leftovers = [p.name for p in journal_path.parent.iterdir() if ".new-" in p.name]
    assert leftovers == []


def test_sqlite_settings_on_every_connection(ok: Run, journal_path: Path) -> None:
    ok("log", "first")
    journal = open_at(journal_path)
    try:
        with journal.engine.connect() as connection:
            pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
            assert pragma("journal_mode") == "wal"
            assert pragma("synchronous") == 2  # FULL
            assert pragma("foreign_keys") == 1
            assert pragma("busy_timeout") >= 5000
            assert pragma("secure_delete") == 1
    finally:
        journal.close()


def test_writes_take_the_lock_at_begin_and_reads_do_not(ok: Run, journal_path: Path) -> None:
    ok("log", "first")
    journal = open_at(journal_path)
    other = sqlite3.connect(journal_path, timeout=0, isolation_level=None)
    try:
        with journal.transaction(write=False) as session:
            session.connection()
            other.execute("BEGIN IMMEDIATE")  # a reader does not hold the write lock
            other.execute("ROLLBACK")
        with journal.transaction(write=True) as session:
            session.connection()
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
    finally:
        other.close()
        journal.close()


def test_a_busy_journal_is_a_one_line_error(
    ok: Run, run: Run, journal_path: Path, monkeypatch
) -> None:
    ok("log", "first")
    monkeypatch.setattr(sqlite_db, "BUSY_TIMEOUT_SECONDS", 0.2)
    with lock_held(journal_path):
        result = run("log", "second")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: the journal {journal_path} is busy: another program "
        "(another sprintlog?) is using it; try again\n"
    )
    assert [e["text"] for e in ok("entries", "--json").json()] == ["first"]


def test_a_directory_is_not_a_journal(run: Run, tmp_path: Path) -> None:
    result = run("--db", str(tmp_path), "log", "x")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {tmp_path} is a directory, not a journal file\n",
    )


def _truncated(path: Path) -> None:
    source = path.parent / "source.db"
    connection = sqlite3.connect(source)
    connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    connection.execute("INSERT INTO alembic_version VALUES ('0001')")
    connection.execute("CREATE TABLE entry (id INTEGER PRIMARY KEY, text TEXT)")
    connection.executemany("INSERT INTO entry (text) VALUES (?)", [("x" * 2000,)] * 200)
    connection.commit()
    connection.close()
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    source.unlink()


def _foreign(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE people (name TEXT)")
    connection.commit()
    connection.close()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda p: p.write_text("just some notes\n"),
            "is not a sprintlog journal (not an SQLite database)",
        ),
        (
            lambda p: p.write_bytes(b""),
            "is an empty file, not a sprintlog journal; it was left as it is",
        ),
        (_foreign, "is an SQLite database but not a sprintlog journal; it was left as it is"),
        (_truncated, "is damaged"),
    ],
    ids=["text-file", "zero-bytes", "foreign-tables", "truncated"],
)
@pytest.mark.parametrize("command", [("entries",), ("log", "x")])
def test_files_that_are_not_journals_are_left_alone(
    run: Run, tmp_path: Path, make, message: str, command: tuple[str, ...]
) -> None:
    path = tmp_path / "other.db"
    make(path)
    before = digest(path)
    result = run("--db", str(path), *command)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_a_journal_from_a_newer_sprintlog_is_refused(ok: Run, run: Run, journal_path: Path) -> None:
    ok("log", "first")
    connection = sqlite3.connect(journal_path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    before = digest(journal_path)
    result = run("log", "second")
    assert result.exit_code == 1
    assert "schema revision 9999" in result.stderr and f"knows up to {HEAD}" in result.stderr
    assert "upgrade sprintlog" in result.stderr
    assert digest(journal_path) == before


def test_journal_on_a_url(ok: Run, tmp_path: Path) -> None:
    path = tmp_path / "via url.db"
    ok("--db", f"sqlite:///{path}", "log", "through a URL")
    assert path.exists()
    assert ok("--db", str(path), "entries", "--json").json()[0]["text"] == "through a URL"


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:", "not a url://x"])
def test_unusable_urls(run: Run, url: str) -> None:
    result = run("--db", url, "entries")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")


def test_opening_never_creates_over_a_missing_parent_file(run: Run, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("--db", str(blocker / "journal.db"), "log", "x")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert blocker.read_text() == "x"


@contextmanager
def immutable(*paths: Path) -> Iterator[None]:
    """Make paths read-only even for root (chattr +i), or skip where that is impossible."""
    done: list[Path] = []
    try:
        for path in paths:
            attempt = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
            if attempt.returncode != 0:
                pytest.skip(f"cannot make a file immutable here: {attempt.stderr.strip()}")
            done.append(path)
        yield
    finally:
        for path in done:
            subprocess.run(["chattr", "-i", str(path)], check=True)


@pytest.mark.skipif(shutil.which("chattr") is None, reason="needs chattr (e2fsprogs)")
@pytest.mark.parametrize("read_only_dir", [False, True], ids=["file", "file-and-directory"])
def test_read_only_journal(ok: Run, run: Run, journal_path: Path, read_only_dir: bool) -> None:
    ok("log", "written before")
    before = digest(journal_path)
    listing = sorted(p.name for p in journal_path.parent.iterdir())
    with immutable(journal_path, *([journal_path.parent] if read_only_dir else [])):
        read = run("entries", "--json")
        assert read.exit_code == 0, read.stderr
        assert [e["text"] for e in read.json()] == ["written before"]
        assert run("sprint", "list").exit_code == 0
        for command in (("log", "x"), ("config", "set", "prefix", "ABC"), ("entry", "rm", "1")):
            write = run(*command)
            assert write.exit_code == 1, command
            assert write.stderr == (
                f"Error: the journal {journal_path} is read-only; nothing was saved\n"
            )
    assert digest(journal_path) == before
    if read_only_dir:
        assert sorted(p.name for p in journal_path.parent.iterdir()) == listing


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://me:secret@localhost/journal", "SQLite or PostgreSQL, not 'mysql'"),
        ("foo://x/y", "SQLite or PostgreSQL, not 'foo'"),
    ],
)
def test_other_databases_are_refused_without_the_password(run: Run, url: str, message: str) -> None:
    result = run("--db", url, "entries")
    assert result.exit_code == 1
    assert message in result.stderr
    assert "secret" not in result.stderr


def test_a_journal_in_a_folder_that_does_not_exist_is_refused(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "dir"
    result = run("--db", str(missing), "log", "x")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: there is no folder {tmp_path / 'no'} to keep the journal {missing} in; "
        f"nothing was created (make it with `mkdir -p {missing.parent}`, or give another "
        "--db)\n"
    )
    assert list(tmp_path.iterdir()) == []
