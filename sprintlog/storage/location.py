"""Where a journal is: a file path or a database server's URL, from ``--db``/``SPRINTLOG_DB``."""

from dataclasses import dataclass
from pathlib import Path

from sprintlog.errors import JournalError
from sprintlog.storage import files
from sprintlog.storage.places import JOURNAL_FILENAME

SUPPORTED_BACKENDS = ("sqlite", "postgresql")


@dataclass(frozen=True)
class Location:
    """Where a journal lives: an SQLAlchemy URL and, for SQLite files, the path."""

    url: str
    path: Path | None
    shown: str  # for messages: the path, or the URL with any password hidden

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")


def locate(value: str | None, *, default_dir: Path) -> Location:
    """Turn ``--db`` / ``SPRINTLOG_DB`` (a path or a URL) into a Location."""
    if not value or not value.strip():
        path = default_dir / JOURNAL_FILENAME
    elif "://" in value:
        return _locate_url(value.strip())
    else:
        path = Path(value).expanduser()
    return _file_location(path)


def _file_location(path: Path) -> Location:
    # One real path per file: SQLite names the -wal and -shm files after the path it is
    # given, so every name a journal is reached by must lead to the same ones.
    try:
        path = path.absolute().resolve()
        files.check_readable_file(path)  # a FIFO would block SQLite for ever: refused now
    except files.NotAFile as error:
        raise JournalError(f"{path} is {error.kind}, not a journal file") from None
    except (RuntimeError, OSError):  # Python 3.11's resolve() on a loop: RuntimeError
        raise JournalError(f"{path} is a loop of symbolic links, not a journal file") from None
    return Location(url=f"sqlite:///{path}", path=path, shown=str(path))


def _locate_url(value: str) -> Location:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(value)
    except (ArgumentError, ValueError):  # ValueError: a port that is no number ([::1:5432)
        raise JournalError(
            "the database URL is not valid (expected e.g. sqlite:///path or "
            "postgresql+psycopg://user@host:5432/name)"
        ) from None
    _quiet_driver_log()
    shown = url.render_as_string(hide_password=True)
    backend = url.get_backend_name()
    if backend not in SUPPORTED_BACKENDS:
        raise JournalError(
            f"sprintlog keeps journals in SQLite or PostgreSQL, not {backend!r} ({shown})"
        )
    if backend != "sqlite":
        return Location(url=value, path=None, shown=shown)
    if not url.database or url.database == ":memory:":
        raise JournalError("an in-memory SQLite database cannot hold a journal; give a file path")
    return _file_location(Path(url.database).expanduser())


def _quiet_driver_log() -> None:
    """The database driver's own log lines stay off the terminal: psycopg logs "error
    ignored terminating <psycopg.Pipeline …>" when a server goes away mid-import, before
    the error that sprintlog then says in one line (storage/errors.py)."""
    import logging

    logging.getLogger("psycopg").addHandler(logging.NullHandler())
