"""Faults on a PostgreSQL server (issue 12): a server that stops answering, what sprintlog
asks of its connections, a `db copy` killed half-way, locks held by others, NULs.

Run with SPRINTLOG_TEST_DATABASE_URL set. Processes are stopped and killed for real; each
wait is bounded (SPRINTLOG_SERVER_TIMEOUT makes sprintlog's own limits a few seconds).
"""

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from helpers import JournalUnderTest, Run

from sprintlog.storage import dialects
from sprintlog.storage import sqlite as sqlite_db

pytestmark = pytest.mark.server_only

FOUND_WITHIN_SECONDS = 60  # how long the test looks for sprintlog's backend


def _psycopg_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@contextmanager
def _connection(journal: JournalUnderTest, *, autocommit: bool = False) -> Iterator:
    import psycopg

    connection = psycopg.connect(_psycopg_url(journal.url), autocommit=autocommit)
    try:
        yield connection
    finally:
        connection.close()


def _backend_waiting_on_a_lock(admin) -> int:
    """The pid of sprintlog's server process once it waits for a lock the test holds."""
    deadline = time.monotonic() + FOUND_WITHIN_SECONDS
    while time.monotonic() < deadline:
        # In the test's own database only the test's connections and sprintlog's exist,
        # and the test's never wait.
        row = admin.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        ).fetchone()
        if row:
            return row[0]
        time.sleep(0.02)  # polling, not a timing window: the backend waits until killed
    raise AssertionError("sprintlog never waited for the lock")


def _sprintlog(*args: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "sprintlog", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_server_that_stops_answering_ends_the_command(ok: Run, journal: JournalUnderTest) -> None:
    ok("log", "before")
    env = {**os.environ, "SPRINTLOG_DB": journal.url, "SPRINTLOG_SERVER_TIMEOUT": "8"}
    with _connection(journal, autocommit=True) as admin, _connection(journal) as holder:
        holder.execute("SELECT pg_advisory_xact_lock(%s)", (dialects.WRITE_LOCK_KEY,))
        started = time.monotonic()
        child = _sprintlog("log", "while frozen", env=env)
        backend = _backend_waiting_on_a_lock(admin)
        try:
            os.kill(backend, signal.SIGSTOP)
        except (PermissionError, ProcessLookupError):
            child.kill()
            pytest.skip("the server's processes cannot be signalled from here")
        try:
            _, errors = child.communicate(timeout=120)
        finally:
            os.kill(backend, signal.SIGCONT)
            child.kill()
        elapsed = time.monotonic() - started
        holder.rollback()
    assert child.returncode == 1
    [line] = errors.splitlines()
    assert line.startswith("Error: the journal database ") and "stopped answering" in line
    assert line.endswith("; nothing was saved")
    assert elapsed < 60
    assert journal.query("SELECT text FROM entry") == [("before",)]


def test_a_commit_in_flight_is_reported_as_unknown() -> None:
    """The outcome the test above cannot reach on purpose: no answer to the COMMIT itself."""
    from sprintlog.storage import server as server_limits
    from sprintlog.storage.errors import translate

    no_answer = server_limits.bounded_connection_class().NoAnswer
    message = translate(no_answer(7, committing=True), "db")
    assert message == (
        "the journal database db stopped answering while the change was being committed: "
        "whether it was saved is unknown; check before doing it again"
    )
    waiting = translate(no_answer(7, committing=False), "db")
    assert waiting == (
        "the journal database db stopped answering (no answer from the server in 7 s); "
        "nothing was saved"
    )


def test_a_connection_lost_mid_import_is_one_line_saying_nothing_was_saved(
    ok: Run, journal: JournalUnderTest, tmp_path: Path
) -> None:
    """The server ends sprintlog's connection (pg_terminate_backend) while an import is
    inserting: one line, no driver's warning before it, and the journal as it was."""
    ok("log", "before")
    entry = {"body": "", "date": "2025-03-05", "time": "09:00", "starred": False}
    entries = [{**entry, "title": f"entry {number}"} for number in range(40000)]
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"tags": {}, "entries": entries}), encoding="utf-8")
    env = {**os.environ, "SPRINTLOG_DB": journal.url}
    with _connection(journal, autocommit=True) as admin:
        child = _sprintlog("import", str(big), env=env)
        deadline = time.monotonic() + FOUND_WITHIN_SECONDS
        backend = None
        while backend is None and time.monotonic() < deadline and child.poll() is None:
            row = admin.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND query ILIKE 'INSERT INTO entry%%' AND pid <> pg_backend_pid()"
            ).fetchone()
            backend = row[0] if row else None
        assert backend is not None, "sprintlog never inserted"
        admin.execute("SELECT pg_terminate_backend(%s)", (backend,))
        _, errors = child.communicate(timeout=120)
    assert child.returncode == 1
    [line] = errors.splitlines()
    assert line.startswith("Error: the connection to the journal database ")
    assert line.endswith("; nothing was saved"), line
    assert journal.query("SELECT text FROM entry") == [("before",)]


def test_a_connection_lost_during_the_commit_is_reported_as_unknown() -> None:
    """What the test above cannot reach on purpose: SQLAlchemy names no statement for a
    COMMIT; an error that says it was committing is believed."""
    import psycopg
    from sqlalchemy import exc

    from sprintlog.storage.errors import translate

    lost = psycopg.OperationalError("server closed the connection unexpectedly")
    at_commit = translate(exc.OperationalError(None, None, lost), "db")
    assert at_commit == (
        "the connection to the journal database db was lost (server closed the connection "
        "unexpectedly) while the change was being committed: whether it was saved is "
        "unknown; check before doing it again"
    )
    at_insert = translate(exc.OperationalError("INSERT INTO entry …", {}, lost), "db")
    assert at_insert.endswith(
        "was lost (server closed the connection unexpectedly); nothing was saved"
    )
    lost.committing = False  # type: ignore[attr-defined]
    assert translate(lost, "db").endswith("; nothing was saved")
    refused = psycopg.OperationalError(
        'connection to server at "h", port 5432 failed: server closed the connection unexpectedly'
    )
    assert translate(exc.OperationalError(None, None, refused), "db").startswith(
        "cannot use the journal database db: "
    )


def test_connections_ask_for_durable_commits_and_bounded_waits(
    journal: JournalUnderTest, tmp_path: Path
) -> None:
    from sprintlog.storage.journal import open_journal
    from sprintlog.storage.location import locate

    opened = open_journal(locate(journal.url, default_dir=tmp_path))
    try:
        with opened.engine.connect() as connection:
            show = lambda name: connection.exec_driver_sql(f"SHOW {name}").scalar()  # noqa: E731
            # The test server runs with synchronous_commit=off: sprintlog's ask wins.
            assert show("synchronous_commit") == "on"
            assert show("statement_timeout") == "30s"
            assert show("lock_timeout") == "10s"
            parameters = connection.connection.driver_connection.info.get_parameters()
            assert parameters["keepalives"] == "1"
            assert int(parameters["keepalives_idle"]) > 0
            assert int(parameters["keepalives_count"]) > 0
    finally:
        opened.close()


def test_busy_names_another_sprintlog_or_another_program(
    ok: Run, run: Run, journal: JournalUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("log", "first")
    monkeypatch.setattr(sqlite_db, "BUSY_TIMEOUT_SECONDS", 1.0)
    with _connection(journal) as holder:
        holder.execute("SELECT pg_advisory_xact_lock(%s)", (dialects.WRITE_LOCK_KEY,))
        result = run("log", "second")
        holder.rollback()
    assert result.exit_code == 1
    assert "is busy: another sprintlog is writing to it; try again" in result.stderr
    with _connection(journal) as holder:
        holder.execute("LOCK TABLE entry IN ACCESS EXCLUSIVE MODE")
        result = run("entries")
        holder.rollback()
    assert result.exit_code == 1
    assert "is busy: another program holds a lock on it; try again" in result.stderr


TABLES = "sprint, goal, task, entry, entrygoal, setting, reading_item, acronym, question"


def test_a_copy_killed_half_way_is_reported_and_can_start_over(
    ok: Run, run: Run, journal: JournalUnderTest, tmp_path: Path
) -> None:
    ok("log", "one")
    ok("log", "two")
    target = tmp_path / "copy.db"
    env = {**os.environ, "SPRINTLOG_DB": journal.url}
    with _connection(journal, autocommit=True) as admin, _connection(journal) as holder:
        # The copy marks its target, then waits to read the source: killed there.
        holder.execute(f"LOCK TABLE {TABLES} IN ACCESS EXCLUSIVE MODE")
        child = _sprintlog("db", "copy", "--to", str(target), env=env)
        try:
            _backend_waiting_on_a_lock(admin)
        finally:
            child.kill()
            child.communicate(timeout=60)
        holder.rollback()
    current = ok("--db", str(target), "db", "current").stdout
    assert "Revision: " in current and "an unfinished copy from " in current
    refused = run("--db", str(target), "entries")
    assert refused.exit_code == 1 and "is an unfinished copy" in refused.stderr
    ok("db", "copy", "--to", str(target))
    assert "(up to date)" in ok("--db", str(target), "db", "current").stdout
    texts = [e["text"] for e in ok("--db", str(target), "entries", "--json").json()]
    assert texts == ["one", "two"]


def test_the_unfinished_copy_marker_keeps_no_secret(
    ok: Run, journal: JournalUnderTest, tmp_path: Path
) -> None:
    """The marker names the source by its URL with every secret hidden (issue 23, item 4)."""
    ok("log", "one")
    target = tmp_path / "copy.db"
    # The test server trusts the postgres role: libpq sends these and the server ignores them.
    source = f"{journal.url}?password=S3cret-pw&sslpassword=Key-phrase"
    env = {**os.environ, "SPRINTLOG_DB": source}
    with _connection(journal, autocommit=True) as admin, _connection(journal) as holder:
        holder.execute(f"LOCK TABLE {TABLES} IN ACCESS EXCLUSIVE MODE")
        child = _sprintlog("db", "copy", "--to", str(target), env=env)
        try:
            _backend_waiting_on_a_lock(admin)
        finally:
            child.kill()
            child.communicate(timeout=60)
        holder.rollback()
    current = ok("--db", str(target), "db", "current").stdout
    assert f"an unfinished copy from {journal.url}?password=***&sslpassword=***, " in current
    stored = b"".join(path.read_bytes() for path in tmp_path.glob("copy.db*") if path.is_file())
    assert b"S3cret-pw" not in stored and b"Key-phrase" not in stored
    assert "S3cret-pw" not in current and "Key-phrase" not in current


def test_a_nul_bound_for_the_server_is_named_and_nothing_is_copied(
    ok: Run, run: Run, journal: JournalUnderTest, tmp_path: Path
) -> None:
    import sqlite3

    source = tmp_path / "old.db"
    ok("--db", str(source), "log", "fine")
    ok("--db", str(source), "log", "secret words")
    connection = sqlite3.connect(source)
    connection.execute("UPDATE entry SET text = 'secret' || char(0) || 'words' WHERE id = 2")
    connection.commit()
    connection.close()
    result = run("--db", str(source), "db", "copy", "--to", journal.url)
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: PostgreSQL cannot store these rows: entry 2 (the text contains a NUL "
        "character, which cannot be stored); correct or remove them first; an SQLite file "
        "keeps them (nothing was copied)\n",
    )
    assert journal.query("SELECT count(*) FROM entry") == [(0,)]
    assert journal.query("SELECT count(*) FROM setting WHERE key = 'copy_unfinished'") == [(0,)]
