"""Connections to an SQLite journal file, set up as DESIGN.md says.

SQLAlchemy's engine gets its connections from ``connect`` here, and ``log`` uses
``transaction`` bare: logging a day is the command people run most, and on SQLite it
needs nothing from SQLAlchemy, whose import alone costs more than the whole of jrnl's
answer (issue 6). Both paths share these settings, so both write equally durably.
"""

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from sprintlog import interrupts

BUSY_TIMEOUT_SECONDS = 10.0
# A writer waits for the lock in steps this long: SQLite's busy handler sleeps in C, where
# Ctrl-C cannot stop it, so each step returns to Python, which raises KeyboardInterrupt.
_LOCK_STEP_MS = 100


def sqlite_uri(path: Path, *, read_only: bool) -> str:
    """The URI to open ``path`` with; ``mode=rw`` never creates a file by accident."""
    uri = f"file:{quote(str(path))}?mode={'ro' if read_only else 'rw'}"
    wal = path.with_name(path.name + "-wal")
    if read_only and not os.access(path.parent, os.W_OK) and not wal.exists():
        # Reading a WAL journal needs a -shm file beside it, which SQLite cannot create in
        # a directory we may not write. With no -wal file there is nothing the main file
        # does not hold, so reading it as immutable sees exactly what is committed.
        uri += "&immutable=1"
    return uri


def connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """A connection in autocommit mode: transactions are begun explicitly, never by the driver."""
    connection = sqlite3.connect(
        sqlite_uri(path, read_only=read_only),
        uri=True,
        timeout=BUSY_TIMEOUT_SECONDS,
        isolation_level=None,
        check_same_thread=False,
    )
    try:
        configure(connection, read_only=read_only)
    except BaseException:
        connection.close()
        raise
    return connection


def configure(connection: sqlite3.Connection, *, read_only: bool) -> None:
    connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    connection.execute("PRAGMA foreign_keys = ON")
    if not read_only:
        connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    # Deleted text is overwritten, not left readable in free pages of the file.
    connection.execute("PRAGMA secure_delete = ON")


def begin_statement(*, write: bool) -> str:
    # A writer takes the lock at BEGIN (see dialects.begin for why).
    return "BEGIN IMMEDIATE" if write else "BEGIN"


def begin(connection: sqlite3.Connection, *, write: bool) -> None:
    """BEGIN; a writer waits up to the busy timeout for the lock, Ctrl-C stopping it at once."""
    if not write:
        connection.execute(begin_statement(write=False))
        return
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    connection.execute(f"PRAGMA busy_timeout = {_LOCK_STEP_MS}")
    try:
        while True:
            try:
                connection.execute(begin_statement(write=True))
                return
            except sqlite3.OperationalError as error:
                busy = getattr(error, "sqlite_errorname", "").startswith("SQLITE_BUSY")
                if not busy or time.monotonic() >= deadline:
                    raise
    finally:
        connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")


@contextlib.contextmanager
def transaction(
    path: Path, *, write: bool, read_only: bool = False
) -> Iterator[sqlite3.Connection]:
    """One transaction on its own connection: committed at the end, rolled back on error."""
    connection = connect(path, read_only=read_only)
    try:
        begin(connection, write=write)
        yield connection
        with interrupts.committing(write):
            connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            with contextlib.suppress(sqlite3.Error):  # the original error is the one to report
                connection.execute("ROLLBACK")
        raise
    finally:
        # Closing the last connection checkpoints the WAL, as disposing an engine does.
        connection.close()
