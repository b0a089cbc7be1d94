"""Ctrl-C at start-up and while waiting for the write lock: one line, exit 130, at once.

Each signal is sent at a point the test has seen the child reach (an import finished, a
sleep in SQLite's busy wait), never after a guessed delay.
"""

import os
import platform
import signal
import time
from pathlib import Path

import pytest
from helpers import Run, lock_held, start, wait_for_import

# The system calls SQLite's busy handler sleeps in (usleep), by architecture.
_SLEEP_CALLS = {"x86_64": {"35", "230"}, "aarch64": {"101", "115"}}


def messages(stderr: str) -> list[str]:
    """The child's stderr without the import-time lines."""
    return [line for line in stderr.splitlines() if line and not line.startswith("import time:")]


@pytest.mark.sqlite_only
def test_ctrl_c_while_the_cli_is_imported_is_one_line(ok: Run, journal_path: Path) -> None:
    ok("sprint", "start")
    env = {**os.environ, "SPRINTLOG_DB": str(journal_path)}
    # The lock held: a child that outran the signal waits for it instead of saving the entry.
    with lock_held(journal_path):
        child = start("log", "never saved", env=env)
        wait_for_import(child, "typer._click.exceptions")  # the CLI is being imported now
        child.send_signal(signal.SIGINT)
        _, errors = child.communicate(timeout=60)
    assert child.returncode == 130, errors
    assert messages(errors) == ["Interrupted."]
    assert ok("entries", "--json").json() == []


def _sleeping(pid: int) -> bool:
    calls = _SLEEP_CALLS.get(platform.machine())
    try:
        number = Path(f"/proc/{pid}/syscall").read_text().split()[0]
    except (OSError, IndexError):
        pytest.skip("cannot see what the child is doing (/proc/PID/syscall)")
    if calls is None:
        pytest.skip(f"no system call numbers known for {platform.machine()}")
    return number in calls


@pytest.mark.sqlite_only
def test_ctrl_c_while_waiting_for_the_write_lock_is_honoured_at_once(
    ok: Run, journal_path: Path
) -> None:
    ok("sprint", "start")
    env = {**os.environ, "SPRINTLOG_DB": str(journal_path)}
    with lock_held(journal_path):
        child = start("log", "never saved", env=env)
        wait_for_import(child, "sprintlog.services.daylog")
        while not _sleeping(child.pid):  # in SQLite's busy wait for the lock we hold
            assert child.poll() is None, "the child ended while the lock was held"
            time.sleep(0.01)  # polling what the child does; nothing hinges on the delay
        sent = time.monotonic()
        child.send_signal(signal.SIGINT)
        _, errors = child.communicate(timeout=60)
        waited = time.monotonic() - sent
    assert child.returncode == 130, errors
    assert messages(errors) == ["Interrupted."]
    assert waited < 5, f"Ctrl-C took {waited:.1f} s to stop the wait for the lock (10 s)"
    assert ok("entries", "--json").json() == []


@pytest.mark.server_only
def test_ctrl_c_while_waiting_for_the_server_write_lock_is_honoured_at_once(
    ok: Run, journal
) -> None:
    from sqlalchemy import create_engine, text

    from sprintlog.storage.dialects import WRITE_LOCK_KEY

    ok("sprint", "start")
    engine = create_engine(journal.url)
    waiting = text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
    try:
        with engine.connect() as holder, engine.connect() as watcher:
            holder.execute(text(f"SELECT pg_advisory_lock({WRITE_LOCK_KEY})"))
            child = start("log", "never saved", env={**os.environ, "SPRINTLOG_DB": journal.url})
            while not watcher.execute(waiting).scalar():  # the child queues for the lock
                assert child.poll() is None, "the child ended while the lock was held"
                watcher.rollback()
                time.sleep(0.01)  # polling the server; nothing hinges on the delay
            sent = time.monotonic()
            child.send_signal(signal.SIGINT)
            _, errors = child.communicate(timeout=60)
            waited = time.monotonic() - sent
    finally:
        engine.dispose()
    assert child.returncode == 130, errors
    assert messages(errors) == ["Interrupted."]
    assert waited < 5, f"Ctrl-C took {waited:.1f} s to stop the wait for the lock (10 s)"
    assert ok("entries", "--json").json() == []
