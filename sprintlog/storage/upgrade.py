"""Upgrading a journal's schema to HEAD: automatically for SQLite files (after a
verified backup), only on request for a server.

Alembic is imported only when a journal is not at HEAD (a new journal, an upgrade, or the
``db`` commands); the everyday check is a single SELECT (see revision.py).
"""

from typing import TYPE_CHECKING

from sprintlog.errors import JournalError
from sprintlog.storage import backups
from sprintlog.storage.migration_scripts import known_revisions, upgrade_connection
from sprintlog.storage.revision import HEAD, in_connection, on_server

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

    from sprintlog.storage.location import Location


def bring_to_head(
    engine: "Engine", location: "Location", revision: str | None, *, read_only: bool
) -> str | None:
    """Make an opened journal usable at HEAD, or refuse, changing nothing.

    Returns what the user should hear about it (an upgrade done), if anything.
    """
    known = known_revisions()
    if revision is not None and revision not in known:
        raise JournalError(
            f"the journal {location.shown} is at schema revision {revision}, which is newer "
            f"than this sprintlog knows (it knows up to {HEAD}); upgrade sprintlog"
        )
    if not location.is_sqlite and revision is None:
        raise JournalError(
            f"the database {location.shown} holds no journal yet; "
            "create it with `sprintlog db upgrade`"
        )
    if not location.is_sqlite:
        # Never automatic on a server: another machine may still run the older sprintlog.
        raise JournalError(
            f"the journal database {location.shown} is at schema revision {revision}, "
            f"this sprintlog needs {HEAD}; run `sprintlog db upgrade`"
        )
    if read_only:
        raise JournalError(
            f"the journal {location.shown} needs an upgrade (revision {revision} to {HEAD}) "
            "but is read-only"
        )
    return upgrade(engine, location)


def upgrade(engine: "Engine", location: "Location") -> str | None:
    """Upgrade an SQLite journal to HEAD: one process at a time, after a verified backup.

    The decision is taken under the write lock: a process that waited while another one
    upgraded finds the journal at HEAD and does nothing (no second backup, no notice).
    """
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        assert driver is not None  # (sqlite3's, of a connection just made)
        # Batch migrations rebuild tables; with foreign keys on, dropping the old table
        # would cascade into its children. The pragma only takes effect outside a
        # transaction, so it is set before ours begins (and checked by hand at the end).
        driver.execute("PRAGMA foreign_keys = OFF")
        try:
            locked = connection.execution_options(sprintlog_write=True)
            with locked.begin():  # BEGIN IMMEDIATE: the journal's write lock
                current = in_connection(locked)
                if current == HEAD:
                    return None
                backup = None
                if current is not None and location.path is not None:
                    backup = backups.make_backup(location.path, reason=f"before-{HEAD}")
                    backups.prune(location.path, keep=_keep_backups(locked))
                upgrade_connection(locked)
        finally:
            driver.execute("PRAGMA foreign_keys = ON")
    if current is None:
        return None
    where = f"; the backup is {backup}" if backup else ""
    return f"Upgraded the journal from revision {current} to {HEAD}{where}"


def _keep_backups(connection: "Connection") -> int:
    """The journal's keep_backups setting (read as the journal stands before the upgrade)."""
    from sqlalchemy import text

    from sprintlog.rules.setting_specs import SPECS

    spec = SPECS["keep_backups"]
    stored = connection.execute(
        text("SELECT value FROM setting WHERE key = 'keep_backups'")
    ).scalar()
    try:
        keep: int = spec.parse(stored if stored is not None else spec.default)
        return keep
    except ValueError:
        return int(spec.default)  # a bad value is reported when settings are read


def upgrade_server(engine: "Engine", location: "Location") -> None:
    """Explicit upgrade of a journal on a database server (never done automatically)."""
    revision = on_server(engine)
    if revision is not None and revision not in known_revisions():
        raise JournalError(
            f"the journal database {location.shown} is at schema revision {revision}, which "
            f"is newer than this sprintlog knows (it knows up to {HEAD}); upgrade sprintlog"
        )
    with engine.connect() as connection:
        upgrade_connection(connection)
