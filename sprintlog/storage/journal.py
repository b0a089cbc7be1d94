"""Opening a journal (SQLite or PostgreSQL), and one transaction per command.

Nothing here runs at import time and SQLAlchemy is imported lazily, so that ``--help``
and shell completion never pay for it; the typed queries run on sqlite3 or psycopg
directly, and only the ORM's structural work (import, merge, copy, carry-over, upgrades)
makes an SQLAlchemy engine.
"""

import contextlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sprintlog import interrupts
from sprintlog.errors import JournalError, SprintlogError
from sprintlog.storage import dialects, files, row_check, schema_check
from sprintlog.storage import revision as revisions
from sprintlog.storage import sqlite as sqlite_db
from sprintlog.storage.location import Location, without_secrets
from sprintlog.storage.reader import ConnectionReader, Reader, ServerReader, SqliteReader
from sprintlog.storage.sql import timer as timer_rows

if TYPE_CHECKING:
    from psycopg import Connection as ServerConnection
    from sqlalchemy.engine import Connection, Dialect, Engine
    from sqlalchemy.pool import ConnectionPoolEntry
    from sqlmodel import Session


@dataclass
class Journal:
    """An opened journal, and what opening it did that the user should hear.

    The SQLAlchemy engine is made on first use: ``log`` writes to an SQLite journal
    through ``sqlite_transaction`` and to a server through ``psycopg_transaction``, and
    never needs it (see sqlite_db, server.py).
    """

    location: Location
    read_only: bool = False
    notices: list[str] = field(default_factory=list)
    # The running timer as the journal was opened (for the reminder every command prints).
    timer: timer_rows.Running | None = None
    _engine: "Engine | None" = field(default=None, repr=False)
    # The server's psycopg connection, opened to read the revision and kept for the command.
    _server: "ServerConnection[Any] | None" = field(default=None, repr=False)

    @property
    def engine(self) -> "Engine":
        if self._engine is None:
            self._close_server()  # the ORM's work runs on the engine's connections
            self._engine = make_engine(self.location, read_only=self.read_only)
        return self._engine

    @property
    def direct(self) -> bool:
        """Whether the typed queries run on psycopg itself (a ``postgresql+psycopg`` URL).

        A URL naming another driver (or none, which SQLAlchemy takes as psycopg2) keeps
        SQLAlchemy's connection, as every command had before.
        """
        server = self.location.server
        return server is not None and server.driver == "psycopg"

    def server_connection(self) -> "ServerConnection[Any]":
        if self._server is None:
            from sprintlog.storage import server as server_limits

            self._server = server_limits.open_connection(
                self.location, lock_timeout_ms=int(sqlite_db.BUSY_TIMEOUT_SECONDS * 1000)
            )
        return self._server

    def _close_server(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    @contextmanager
    def transaction(self, *, write: bool) -> Iterator["Session"]:
        """One transaction for one command: committed at the end, rolled back on error."""
        from sqlmodel import Session

        if write:
            self.require_writable()
        bind = self.engine.execution_options(sprintlog_write=write)
        with (
            translate_errors(self.location),
            Session(bind, expire_on_commit=False) as session,
            self.naming_unreadable_values(),
        ):
            session.begin()
            try:
                if self.location.path is not None:
                    raw = session.connection().connection.driver_connection
                    assert raw is not None  # (sqlite3's, of the session's connection)
                    row_check.refuse_bad_values(raw, self.location.shown, everything=False)
                yield session
            except BaseException:
                session.rollback()
                raise
            with interrupts.committing(write):
                session.commit()

    @contextmanager
    def naming_unreadable_values(self) -> Iterator[None]:
        """A value the ORM could not read (a row written by another tool) is named, by row."""
        try:
            yield
        except (ValueError, TypeError, OverflowError):
            if self.location.path is None:
                raise  # a server keeps its columns' types: this is something else
            with contextlib.closing(
                sqlite_db.plain_connect(self.location.path, read_only=not self._writable)
            ) as connection:
                row_check.refuse_bad_values(connection, self.location.shown, everything=True)
            raise

    @contextmanager
    def sqlite_transaction(self, *, write: bool) -> Iterator[sqlite3.Connection]:
        """The same one transaction on a bare sqlite3 connection (SQLite journals only)."""
        if self.location.path is None:
            raise ValueError("sqlite_transaction needs a journal in an SQLite file")
        if write:
            self.require_writable()
        with (
            translate_errors(self.location),
            sqlite_db.transaction(
                self.location.path, write=write, read_only=self.read_only
            ) as connection,
        ):
            yield connection

    @contextmanager
    def reading(self, *, write: bool) -> Iterator[Reader]:
        """The command's one transaction, for the typed queries (storage/sql/).

        An SQLite journal gets a bare sqlite3 connection, a server journal a bare psycopg
        connection (SQLAlchemy stays unimported on both), running the same text.
        """
        if self.direct:
            with self.psycopg_transaction(write=write) as server:
                yield ServerReader(server)
            return
        if self.location.path is None:
            with self.server_transaction(write=write) as connection:
                yield ConnectionReader(connection)
            return
        with self.sqlite_transaction(write=write) as connection:
            revisions.still_head(connection, self.location.shown)
            # Every value is read by its declared type (reader.py): a bad one fails, and is
            # then named (naming_unreadable_values), so a check through the indexes will do.
            row_check.refuse_bad_values(
                connection, self.location.shown, everything=False, typed_reads=True
            )
            with self.naming_unreadable_values():
                yield SqliteReader(connection)

    @contextmanager
    def psycopg_transaction(self, *, write: bool) -> Iterator["ServerConnection[Any]"]:
        """The one transaction on the server's psycopg connection; a writing one first takes
        the journal's write lock, as ``dialects.begin`` does on SQLAlchemy's."""
        if write:
            self.require_writable()
        with translate_errors(self.location):
            connection = self.server_connection()
            try:
                if write:
                    _take_write_lock(connection)
                yield connection
            except BaseException:
                with contextlib.suppress(Exception):  # a lost connection cannot roll back
                    connection.rollback()
                raise
            with interrupts.committing(write):
                connection.commit()

    @contextmanager
    def server_transaction(self, *, write: bool) -> Iterator["Connection"]:
        """The one transaction on a server's SQLAlchemy connection, without the ORM's session,
        for a URL that names a driver other than psycopg (see ``direct``)."""
        if write:
            self.require_writable()
        bind = self.engine.execution_options(sprintlog_write=write)
        with translate_errors(self.location), bind.connect() as connection:
            transaction = connection.begin()
            try:
                yield connection
            except BaseException:
                transaction.rollback()
                raise
            with interrupts.committing(write):
                transaction.commit()

    @property
    def _writable(self) -> bool:
        return self.location.path is not None and sqlite_db.writable(self.location.path)

    def require_writable(self) -> None:
        """Fail early (before asking or opening an editor) when nothing could be saved."""
        if self.read_only:
            raise JournalError(f"the journal {self.location.shown} is read-only; nothing was saved")

    def close(self) -> None:
        self._close_server()
        if self._engine is not None:
            self._engine.dispose()


def _take_write_lock(connection: "ServerConnection[Any]") -> None:
    try:
        connection.execute(dialects.WRITE_LOCK)
    except Exception as error:
        error.sprintlog_write_lock = True  # type: ignore[attr-defined]  # (storage/errors.py)
        raise


def open_journal(location: Location) -> Journal:
    """Open (creating or upgrading when needed) the journal at ``location``."""
    notices: list[str] = []
    read_only = False
    timer: list[timer_rows.Running | None] = [None]
    with translate_errors(location):
        if location.path is not None:
            revision, created = _prepare_file(location, notices, timer)
            read_only = not created and not sqlite_db.writable(location.path)
        else:
            revision = None
        journal = Journal(location, read_only=read_only, notices=notices, timer=timer[0])
        try:
            if location.path is None:
                revision = _open_server(journal)
            if revision != revisions.HEAD:
                # Only now: upgrading (with its backups and Alembic's scripts) is rare,
                # and every command on a journal at HEAD passes here.
                from sprintlog.storage import upgrade

                notice = upgrade.bring_to_head(
                    journal.engine, location, revision, read_only=read_only
                )
                if notice:
                    notices.append(notice)
        except BaseException:
            journal.close()
            raise
    return journal


def make_engine(location: Location, *, read_only: bool = False) -> "Engine":
    from sqlalchemy import create_engine, event

    if not location.is_sqlite:
        return _server_engine(location)
    path = location.path
    assert path is not None
    engine = create_engine(
        "sqlite://", creator=lambda: sqlite_db.connect(path, read_only=read_only)
    )
    event.listen(engine, "begin", dialects.begin)
    return engine


def _open_server(journal: Journal) -> str | None:
    """The server journal's revision and, at HEAD, its running timer: on psycopg's
    connection that the command then uses, or through the engine for another driver."""
    if not journal.direct:
        revision = revisions.on_server(journal.engine)
        if revision == revisions.HEAD:
            journal.timer = _server_timer(journal.engine)
        return revision
    connection = journal.server_connection()
    reader = ServerReader(connection)
    revision = revisions.of_server(reader)
    if revision == revisions.HEAD:
        journal.timer = timer_rows.read(reader)
    connection.rollback()  # the command's own transaction starts afresh
    return revision


def _server_engine(location: Location) -> "Engine":
    from sqlalchemy import create_engine, event

    from sprintlog.storage import server as server_limits

    try:
        engine = create_engine(
            location.url,
            # A server that is down, unreachable or stops answering is an error in
            # seconds, not a wait for ever; a writer waiting on another past the lock
            # timeout is "busy", as on SQLite (see server_limits).
            connect_args=server_limits.connect_args(
                lock_timeout_ms=int(sqlite_db.BUSY_TIMEOUT_SECONDS * 1000)
            ),
        )
    except ImportError as error:
        raise server_limits.driver_missing(location, error) from None
    event.listen(engine, "begin", dialects.begin)
    if engine.dialect.driver == "psycopg":
        event.listen(engine, "do_connect", _bounded_connect)
    return engine


def _bounded_connect(  # SQLAlchemy's do_connect hook, with the driver's arguments
    dialect: "Dialect", record: "ConnectionPoolEntry", cargs: list[Any], cparams: dict[str, Any]
) -> "ServerConnection[Any]":
    from sprintlog.storage import server as server_limits

    return server_limits.connect(*cargs, **cparams)


def _prepare_file(
    location: Location, notices: list[str], timer: list[timer_rows.Running | None]
) -> tuple[str | None, bool]:
    """Check the file is a journal (or create one); return its revision and whether new.

    The running timer is read into ``timer`` on the connection that read the revision:
    one more query of a one-row table, and no connection of its own, on every command.
    """
    path = location.path
    assert path is not None
    if path.is_dir():
        raise JournalError(f"{path} is a directory, not a journal file")
    created = not path.exists() and files.create_journal_file(path, build=_build_new_journal)
    if created:
        notices.append(f"Created a new journal at {path}")

    def read_timer(connection: sqlite3.Connection, revision: str) -> None:
        from sprintlog.storage.revision import HEAD

        if revision == HEAD:  # an older journal has no timer (and is upgraded next)
            timer[0] = timer_rows.read(SqliteReader(connection))

    return schema_check.read_revision(path, then=read_timer), created


def _server_timer(engine: "Engine") -> timer_rows.Running | None:
    with engine.connect() as connection:
        return timer_rows.read(ConnectionReader(connection))


def _build_new_journal(path: Path) -> None:
    from sprintlog.storage.migration_scripts import upgrade_connection

    engine = make_engine(Location(f"sqlite:///{path}", path, str(path)))
    try:
        with engine.connect() as connection:
            upgrade_connection(connection)
    finally:
        engine.dispose()
    # Closing the last connection folds the WAL into the file and removes it. Only then
    # does the file alone hold the whole journal, as it must before it is linked in.
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        raise JournalError(f"could not finish building a new journal at {path}")


@contextmanager
def translate_errors(location: Location) -> Iterator[None]:
    """Turn driver and file-system errors into one-line messages about the journal."""
    from sprintlog.storage.errors import translate

    try:
        yield
    except SprintlogError:  # already a message for the user
        raise
    except Exception as error:
        message = translate(error, location.shown)
        if message is None:
            raise
        hint = _backup_hint(error, location)
        if location.path is None:  # a driver's message may quote the connection string
            message = without_secrets(message, location.url)
        raise JournalError(message + hint) from error


def _backup_hint(error: BaseException, location: Location) -> str:
    """For a damaged journal file: where its latest backup is."""
    original = getattr(error, "orig", None) or error
    name = getattr(original, "sqlite_errorname", "") or ""
    if location.path is None or not name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return ""
    from sprintlog.storage import backups

    newest = backups.latest(location.path)
    if newest is None:
        return f"; there is no backup in {backups.backup_dir(location.path)}"
    return f"; the latest backup is {newest} (sprintlog db restore {newest})"
