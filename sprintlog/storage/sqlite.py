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
from sprintlog.errors import JournalError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing on every TAB
if TYPE_CHECKING:
    from typing import Literal, TypedDict, Unpack

    class _Options(TypedDict, total=False):
        """What ``connect`` asks of sqlite3.connect besides the file and the timeout."""

        isolation_level: Literal["DEFERRED", "EXCLUSIVE", "IMMEDIATE"] | None
        check_same_thread: bool


BUSY_TIMEOUT_SECONDS = 10.0
# A writer waits for the lock in steps this long: SQLite's busy handler sleeps in C, where
# Ctrl-C cannot stop it, so each step returns to Python, which raises KeyboardInterrupt.
_LOCK_STEP_MS = 100


def check_one_name(path: Path) -> None:
    """Refuse a journal file that has another name (a hard link) besides ``path``.

    SQLite keeps a journal's uncommitted and shared state in ``-wal`` and ``-shm`` files
    named after the path it was opened by: two names of one file get two of each, and
    writers through the two names overwrite each other's entries.
    """
    links = _links(path)
    if links > 1 and not _being_created(path) and _links(path) > 1:
        raise JournalError(
            f"the journal {path} has {links} names (hard links): SQLite names its -wal and "
            "-shm files after the path, so writes through two names get lost; keep one name "
            "(rm the other) and use a symbolic link (ln -s) or a copy instead"
        )


def _links(path: Path) -> int:
    try:
        return path.stat().st_nlink
    except OSError:
        return 0  # no file yet (or none to stat): opening it says what is wrong


def _being_created(path: Path) -> bool:
    """A new journal is linked into place from a temporary name, then that name goes.

    (Asked between two stats: a name gone by the second one was that temporary name.)
    """
    return any(path.parent.glob(f".{path.name}.new-*"))


def plain_connect(
    path: Path, *, read_only: bool, timeout: float = BUSY_TIMEOUT_SECONDS
) -> sqlite3.Connection:
    """A bare connection to an existing file, for reading a journal or backup as it is."""
    return _open(path, read_only=read_only, timeout=timeout)


def _open(
    path: Path, *, read_only: bool, timeout: float, **options: "Unpack[_Options]"
) -> sqlite3.Connection:
    check_one_name(path)
    shm = path.with_name(path.name + "-shm")
    new_shm = read_only and not shm.exists()
    connection = sqlite3.connect(
        sqlite_uri(path, read_only=read_only), uri=True, timeout=timeout, **options
    )
    try:
        distrust_schema(connection)
        if new_shm:
            _private_shm(connection, shm)
    except BaseException:
        connection.close()
        raise
    return connection


def _private_shm(connection: sqlite3.Connection, shm: Path) -> None:
    """A -shm file that a read-only open had to create (a -wal held changes) is made 0600.

    SQLite gives it the journal's mode; a 0444 one would block writes after ``chmod 600``.
    """
    connection.execute("PRAGMA schema_version").fetchone()  # the first read creates it
    with contextlib.suppress(OSError):  # not there, or not ours: nothing to correct
        if shm.stat().st_uid == os.getuid():
            shm.chmod(0o600)


def distrust_schema(connection: sqlite3.Connection) -> None:
    """Run none of a journal file's own SQL functions in its views, triggers or defaults.

    A journal may come from elsewhere; its schema is checked as well (schema_check.py).
    """
    connection.execute("PRAGMA trusted_schema = OFF")


def sqlite_uri(path: Path, *, read_only: bool) -> str:
    """The URI to open ``path`` with; ``mode=rw`` never creates a file by accident.

    ``read_only`` is for a file this process may not write (see ``writable``). Reading a
    WAL journal needs a -shm file beside it, which SQLite creates with the journal's own
    mode: a 0444 journal would get a 0444 -shm that blocks every write after a
    ``chmod 600``, and a read-only directory gets none at all. With nothing in a -wal
    file, the main file holds every committed change, and reading it as immutable sees
    exactly that and creates nothing beside it.
    """
    uri = f"file:{quote(str(path))}?mode={'ro' if read_only else 'rw'}"
    if read_only and not _has_content(path.with_name(path.name + "-wal")):
        uri += "&immutable=1"
    return uri


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def writable(path: Path) -> bool:
    """Whether this process may change ``path`` (and its -wal and -shm files beside it)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """A connection in autocommit mode: transactions are begun explicitly, never by the driver."""
    connection = _open(
        path,
        read_only=read_only,
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
    distrust_schema(connection)
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
