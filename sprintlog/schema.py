"""Schema revisions: creating, checking and upgrading a journal through Alembic.

Alembic is imported only when a journal is not at HEAD (a new journal, an upgrade, or the
``db`` commands); the everyday check is a single SELECT against this constant.
"""

from pathlib import Path
from typing import TYPE_CHECKING

from sprintlog.errors import JournalError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy.engine import Connection, Engine

    from sprintlog.db import Journal, Location

# The newest revision in migrations/versions; tests/test_migrations.py keeps them equal.
HEAD = "0003"


def migrations_dir() -> Path:
    """Alembic's script directory: inside the installed package, or the checkout's."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "migrations", here.parent / "migrations"):
        if (candidate / "env.py").is_file():
            return candidate
    raise JournalError("sprintlog is installed without its migrations; reinstall it")


def alembic_config(connection: "Connection | None" = None) -> "Config":
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["connection"] = connection
    return config


def script_directory() -> "ScriptDirectory":
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def known_revisions() -> list[str]:
    """Every revision this sprintlog knows, oldest first."""
    revisions = [rev.revision for rev in script_directory().walk_revisions()]
    return list(reversed(revisions))


def server_revision(engine: "Engine") -> str | None:
    """The revision of a journal on a server, read with plain SQL (Alembic stays unloaded).

    Raises JournalError when the database holds sprintlog's tables without a revision:
    something else made them, and upgrading would collide with them.
    """
    from sqlalchemy import inspect, text

    from sprintlog.models import SQLModel

    with engine.connect() as connection:
        inspector = inspect(connection)
        if inspector.has_table("alembic_version"):
            rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
            return rows[0][0] if len(rows) == 1 else None
        tables = set(inspector.get_table_names())
    clashing = sorted(tables & set(SQLModel.metadata.tables))
    if clashing:
        raise JournalError(
            f"the database has tables named {', '.join(clashing)} but is not a sprintlog "
            "journal; use an empty database"
        )
    return None


def upgrade_connection(connection: "Connection") -> None:
    """Run every pending migration on ``connection``, in one transaction (see env.py)."""
    from alembic import command

    command.upgrade(alembic_config(connection.execution_options(sprintlog_write=True)), "head")


def bring_to_head(journal: "Journal", revision: str | None) -> None:
    """Make an opened journal usable at HEAD, or refuse, changing nothing."""
    location = journal.location
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
    if journal.read_only:
        raise JournalError(
            f"the journal {location.shown} needs an upgrade (revision {revision} to {HEAD}) "
            "but is read-only"
        )
    upgrade(journal, revision)


def upgrade(journal: "Journal", revision: str | None) -> None:
    """Upgrade an SQLite journal to HEAD: one process at a time, after a verified backup.

    The decision is taken under the write lock: a process that waited while another one
    upgraded finds the journal at HEAD and does nothing (no second backup, no notice).
    """
    from sprintlog import backups

    with journal.engine.connect() as connection:
        driver = connection.connection.driver_connection
        # Batch migrations rebuild tables; with foreign keys on, dropping the old table
        # would cascade into its children. The pragma only takes effect outside a
        # transaction, so it is set before ours begins (and checked by hand at the end).
        driver.execute("PRAGMA foreign_keys = OFF")
        try:
            locked = connection.execution_options(sprintlog_write=True)
            with locked.begin():  # BEGIN IMMEDIATE: the journal's write lock
                current = _revision_in(locked)
                if current == HEAD:
                    return
                backup = None
                if current is not None and journal.location.path is not None:
                    backup = backups.make_backup(journal.location.path, reason=f"before-{HEAD}")
                    backups.prune(journal.location.path, keep=_keep_backups(locked))
                upgrade_connection(locked)
        finally:
            driver.execute("PRAGMA foreign_keys = ON")
    if current is not None:
        where = f"; the backup is {backup}" if backup else ""
        journal.notices.append(f"Upgraded the journal from revision {current} to {HEAD}{where}")


def _keep_backups(connection: "Connection") -> int:
    """The journal's keep_backups setting (read as the journal stands before the upgrade)."""
    from sqlalchemy import text

    from sprintlog.setting_values import SPECS

    spec = SPECS["keep_backups"]
    stored = connection.execute(
        text("SELECT value FROM setting WHERE key = 'keep_backups'")
    ).scalar()
    try:
        return spec.parse(stored if stored is not None else spec.default)
    except ValueError:
        return int(spec.default)  # a bad value is reported when settings are read


def _revision_in(connection: "Connection") -> str | None:
    from sqlalchemy import inspect, text

    if not inspect(connection).has_table("alembic_version"):
        return None
    rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    return rows[0][0] if len(rows) == 1 else None


def upgrade_server(engine: "Engine", location: "Location") -> None:
    """Explicit upgrade of a journal on a database server (never done automatically)."""
    revision = server_revision(engine)
    if revision is not None and revision not in known_revisions():
        raise JournalError(
            f"the journal database {location.shown} is at schema revision {revision}, which "
            f"is newer than this sprintlog knows (it knows up to {HEAD}); upgrade sprintlog"
        )
    with engine.connect() as connection:
        upgrade_connection(connection)
