"""Where a journal is: a file path or a database server's URL, from ``--db``/``SPRINTLOG_DB``.

URLs are read here, without SQLAlchemy (importing it costs every command on a server
~0.2 s): ``backend+driver://user:password@host:port/database?option=value``, split the
way SQLAlchemy splits them, so that the ORM's engine (the structural commands) and the
daily commands' own psycopg connection reach the same database. ``hidden`` is the one
place that decides what of a URL may be shown or stored.
"""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, unquote_plus

from sprintlog.errors import JournalError
from sprintlog.storage import files
from sprintlog.storage.places import JOURNAL_FILENAME

SUPPORTED_BACKENDS = ("sqlite", "postgresql")
HIDDEN = "***"

# SQLAlchemy's URL grammar (sqlalchemy.engine.url._parse_url), so both read a URL alike.
_URL = re.compile(
    r"""
        (?P<name>[\w\+]+)://
        (?:
            (?P<username>[^:/]*)
            (?::(?P<password>[^@]*))?
        @)?
        (?:
            (?:
                \[(?P<ipv6host>[^/\?]+)\] |
                (?P<ipv4host>[^/:\?]+)
            )?
            (?::(?P<port>[^/\?]*))?
        )?
        (?:/(?P<database>[^\?]*))?
        (?:\?(?P<query>.*))?
    """,
    re.X,
)

# libpq parameters that carry a secret (a password, a key's passphrase, an OAuth secret),
# and any parameter whose name says it does.
_SECRET_PARAMETERS = frozenset({"password", "sslpassword", "oauth_client_secret"})
_SECRET_WORDS = ("password", "secret", "token", "passphrase")


@dataclass(frozen=True)
class Url:
    """A database URL in its parts (values decoded), as SQLAlchemy would read it."""

    backend: str
    driver: str | None
    username: str | None
    password: str | None
    host: str | None
    port: int | None
    database: str | None
    query: tuple[tuple[str, str], ...]

    def psycopg_arguments(self) -> dict[str, Any]:
        """psycopg.connect's keyword arguments, as SQLAlchemy's psycopg dialect makes them."""
        found: dict[str, Any] = {
            key: value
            for key, value in (
                ("host", self.host),
                ("port", self.port),
                ("user", self.username),
                ("password", self.password),
                ("dbname", self.database),
            )
            if value is not None
        }
        repeated: dict[str, list[str]] = {}
        for key, value in self.query:
            repeated.setdefault(key, []).append(value)
        for key, values in repeated.items():
            # Several hosts (and their ports) are libpq's comma-separated lists.
            found[key] = ",".join(values) if key in ("host", "port") else values[-1]
        return found


def is_secret(parameter: str) -> bool:
    name = parameter.lower()
    return name in _SECRET_PARAMETERS or any(word in name for word in _SECRET_WORDS)


def parse(value: str) -> Url:
    """The parts of a database URL; JournalError (one line) when it is not one."""
    found = _URL.match(value)
    if found is None:
        raise JournalError("the database URL is not valid (expected e.g. sqlite:///path)")
    parts = found.groupdict()
    backend, _, driver = parts["name"].partition("+")
    port = parts["port"] or None
    if port is not None and not (port.isascii() and port.isdigit()):
        raise JournalError(f"the database URL's port is not a number ({hidden(value)})")
    return Url(
        backend=backend,
        driver=driver or None,
        username=_decoded(parts["username"]),
        password=_decoded(parts["password"]),
        host=parts["ipv4host"] or parts["ipv6host"],
        port=int(port) if port is not None else None,
        database=_decoded(parts["database"]),
        query=tuple(parse_qsl(parts["query"] or "", keep_blank_values=True)),
    )


def _decoded(part: str | None) -> str | None:
    return unquote(part) if part is not None else None


def hidden(value: str) -> str:
    """``value`` as it may be shown or stored: every secret-carrying part is ``***``.

    The user-info password and each secret query parameter (``password``,
    ``sslpassword``, ...) are replaced; the rest of the URL is kept as written.
    """
    found = _URL.match(value)
    if found is None:
        # Not a URL we can split: hide whatever could be a password in it.
        return re.sub(r"(?<=:)[^:/@]*(?=@)", HIDDEN, value)
    start, end = found.span("password")
    if start >= 0:
        value = value[:start] + HIDDEN + value[end:]
        found = _URL.match(value)
        assert found is not None
    start, end = found.span("query")
    if start < 0:
        return value
    return value[:start] + _hidden_query(value[start:end]) + value[end:]


def _hidden_query(query: str) -> str:
    kept = []
    for pair in query.split("&"):
        key, equals, _ = pair.partition("=")
        kept.append(f"{key}={HIDDEN}" if equals and is_secret(unquote(key)) else pair)
    return "&".join(kept)


def secrets(value: str) -> list[str]:
    """The secret values in ``value``, as written and decoded (to take out of messages)."""
    found = _URL.match(value)
    if found is None:
        return []
    written = [found["password"] or ""]
    for pair in (found["query"] or "").split("&"):
        key, _, item = pair.partition("=")
        if is_secret(unquote(key)):
            written.append(item)
    decoded = {unquote(item) for item in written} | {unquote_plus(item) for item in written}
    every = set(written) | decoded | {quote(item, safe="") for item in decoded}
    return sorted((item for item in every if item), key=len, reverse=True)


def without_secrets(message: str, value: str) -> str:
    """A driver's message may quote the connection string; never show a secret of it."""
    for secret in secrets(value):
        message = message.replace(secret, HIDDEN)
    return message


@dataclass(frozen=True)
class Location:
    """Where a journal lives: its URL and, for SQLite files, the path."""

    url: str
    path: Path | None
    shown: str  # for messages: the path, or the URL with every secret hidden

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @property
    def server(self) -> Url | None:
        """The server's URL in its parts (None for an SQLite file)."""
        return None if self.path is not None else parse(self.url)


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
    url = parse(value)
    shown = hidden(value)
    _quiet_driver_log()
    if url.backend not in SUPPORTED_BACKENDS:
        raise JournalError(
            f"sprintlog keeps journals in SQLite or PostgreSQL, not {url.backend!r} ({shown})"
        )
    if url.backend != "sqlite":
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
