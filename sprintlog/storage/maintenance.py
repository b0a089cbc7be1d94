"""What the ``db`` commands ask of storage: a journal's revision without opening it, an
explicit upgrade of a server, and backups made or restored with errors as messages."""

from pathlib import Path

from sprintlog.errors import JournalError
from sprintlog.storage import backups, revision, schema_check, upgrade
from sprintlog.storage.journal import Journal, make_engine, translate_errors
from sprintlog.storage.location import Location

HEAD = revision.HEAD


def revision_of(location: Location) -> str | None:
    """The journal's schema revision, read without opening (so without upgrading) it."""
    with translate_errors(location):
        if location.path is not None:
            if not location.path.exists():
                raise JournalError(f"there is no journal at {location.shown} yet")
            return schema_check.read_revision(location.path)
        engine = make_engine(location)
        try:
            return revision.on_server(engine)
        finally:
            engine.dispose()


def upgrade_server(location: Location) -> None:
    """Create or upgrade the journal on a database server (never done automatically)."""
    engine = make_engine(location)
    try:
        with translate_errors(location):
            upgrade.upgrade_server(engine, location)
    finally:
        engine.dispose()


def backups_of(journal_path: Path) -> tuple[Path, Path | None]:
    """The journal's backups folder and its newest backup, if any."""
    return backups.backup_dir(journal_path), backups.latest(journal_path)


def back_up(journal: Journal, dest: Path | None) -> Path:
    """A verified backup of an opened SQLite journal; returns where it was written."""
    path = journal.location.path
    if path is None:
        raise JournalError("back up a database server with its own tools (e.g. pg_dump)")
    with translate_errors(journal.location):
        return backups.make_backup(path, dest=dest)


def restore(location: Location, backup_file: Path) -> Path | None:
    """Replace the journal file with a backup; returns where the journal as it was is kept."""
    if location.path is None:
        raise JournalError("restore a database server with its own tools (e.g. pg_restore)")
    with translate_errors(location):
        return backups.restore(location.path, backup_file)
