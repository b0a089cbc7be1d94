"""What a database or file-system error means for the user, in one line."""

import errno
import re
import sqlite3
import sys
from types import ModuleType

# SQLite cannot tell who holds its lock: sprintlog, the sqlite3 shell, a backup tool.
_BUSY = "the journal {where} is busy: another program (another sprintlog?) is using it; try again"

# SQLite's primary result codes (extended ones such as SQLITE_BUSY_SNAPSHOT share them).
_SQLITE_MESSAGES = {
    "SQLITE_BUSY": _BUSY,
    "SQLITE_LOCKED": _BUSY,
    "SQLITE_READONLY": "the journal {where} is read-only; nothing was saved",
    "SQLITE_FULL": "disk full: the journal {where} could not be written; nothing was saved",
    "SQLITE_NOTADB": "{where} is not a sprintlog journal (not an SQLite database)",
    "SQLITE_CORRUPT": "the journal {where} is damaged ({detail})",
    "SQLITE_CANTOPEN": "the journal {where} cannot be opened ({detail})",
    "SQLITE_PERM": "the journal {where} cannot be opened: permission denied",
    "SQLITE_AUTH": "the journal {where} cannot be opened: permission denied",
    # A full disk can surface as a failed write (a file-size limit always does).
    "SQLITE_IOERR_WRITE": (
        "disk full, or the journal {where} could not be written; nothing was saved"
    ),
    "SQLITE_IOERR": "the journal {where} could not be read or written ({detail})",
    "SQLITE_TOOBIG": "the text is too large to store in the journal {where}",
}

_OS_MESSAGES = {
    errno.EACCES: "permission denied: {detail}",
    errno.EPERM: "permission denied: {detail}",
    errno.EROFS: "the journal {where} is on a read-only file system",
    errno.ENOSPC: "disk full: the journal {where} could not be written; nothing was saved",
    errno.EDQUOT: "disk quota exceeded: the journal {where} could not be written",
    errno.EISDIR: "{where} is a directory, not a journal file",
    errno.ENOTDIR: "{where} is not a path to a file (a part of it is not a directory)",
    errno.ENAMETOOLONG: "the journal path is too long",
}


def translate(error: BaseException, where: str) -> str | None:
    """A user message for ``error``, or None when it is not a database or file problem."""
    original = getattr(error, "orig", None) or error
    if original is getattr(sys.stdout, "failed", None):
        return None  # standard output, written while the journal was open (__main__ says so)
    if isinstance(original, sqlite3.Error):
        return _sqlite_message(original, where)
    if isinstance(original, OSError) and original.errno in _OS_MESSAGES:
        detail = original.strerror or str(original)
        if original.filename:
            detail = f"{original.filename}: {detail}"
        return _OS_MESSAGES[original.errno].format(where=where, detail=detail)
    return _server_message(error, where)


def _sqlite_message(error: sqlite3.Error, where: str) -> str | None:
    name = getattr(error, "sqlite_errorname", "") or ""
    for code, template in _SQLITE_MESSAGES.items():
        if name == code or name.startswith(code + "_"):
            return template.format(where=where, detail=str(error))
    if "locked" in str(error):
        return _SQLITE_MESSAGES["SQLITE_BUSY"].format(where=where)
    return None


# SQLSTATE codes (PostgreSQL's error classes) that a user can do something about.
_SERVER_MESSAGES = {
    "55P03": "the journal {where} is busy: another program holds a lock on it; try again",
    "57014": "the journal database {where} did not finish in time (statement timeout: "
    "it is overloaded, or another program holds a lock); nothing was saved, try again",
    "53100": "disk full: the journal database {where} could not be written; nothing was saved",
    "25006": "the journal database {where} is read-only; nothing was saved",
    "42501": "permission denied on the journal database {where} ({detail})",
    "53300": "the journal database server {where} has too many connections; try again",
}


def _server_message(error: BaseException, where: str) -> str | None:
    """Problems with a database server: connecting, locks, permissions, space.

    The error is psycopg's own (the daily commands run on it) or SQLAlchemy's wrapping of
    it (``.orig``: the ORM's structural work); both are read alike.
    """
    original = getattr(error, "orig", None) or error
    if getattr(original, "sprintlog_no_answer", False):
        return _no_answer(original, where)
    if not _from_server(error, original):
        return None  # servers are reached only through psycopg: this is something else
    detail = _first_line(original)
    if _connection_lost(original, detail):
        return _lost(error, original, where, detail)
    sqlstate = getattr(original, "sqlstate", None) or ""
    if sqlstate == "55P03" and _taking_write_lock(error):
        # sprintlog's own write lock: only another sprintlog takes it.
        return f"the journal {where} is busy: another sprintlog is writing to it; try again"
    template = _SERVER_MESSAGES.get(sqlstate)
    if template is not None:
        return template.format(where=where, detail=detail)
    if _cannot_connect(error, original):
        return f"cannot use the journal database {where}: {detail}"
    return None


def _from_server(error: BaseException, original: BaseException) -> bool:
    if "psycopg" in sys.modules and isinstance(original, sys.modules["psycopg"].Error):
        return True
    return "sqlalchemy" in sys.modules and isinstance(error, _sqlalchemy_exc().DBAPIError)


def _taking_write_lock(error: BaseException) -> bool:
    """Whether the error came from taking the journal's write lock (storage/dialects.py)."""
    if getattr(getattr(error, "orig", None) or error, "sprintlog_write_lock", False):
        return True  # marked where the psycopg transaction takes it (storage/journal.py)
    return "pg_advisory_xact_lock" in str(getattr(error, "statement", ""))


def _cannot_connect(error: BaseException, original: BaseException) -> bool:
    if "psycopg" in sys.modules:
        psycopg = sys.modules["psycopg"]
        if isinstance(original, psycopg.OperationalError | psycopg.InterfaceError):
            return True
    if "sqlalchemy" not in sys.modules:
        return False
    exc = _sqlalchemy_exc()
    return isinstance(error, exc.OperationalError | exc.InterfaceError)


def _sqlalchemy_exc() -> ModuleType:  # (asked only once SQLAlchemy is loaded)
    from sqlalchemy import exc

    return exc


def _no_answer(error: BaseException, where: str) -> str:
    if getattr(error, "committing", False):
        return (
            f"the journal database {where} stopped answering while the change was being "
            "committed: whether it was saved is unknown; check before doing it again"
        )
    return f"the journal database {where} stopped answering ({error}); nothing was saved"


# A connection that was open and went away (the server stopped, crashed or restarted, or
# the network dropped), as libpq and psycopg say it; and the SQLSTATEs of a server that
# ends its connections (admin_shutdown, crash_shutdown, connection_failure).
_LOST = re.compile(
    r"server closed the connection|connection is lost|connection is closed|"
    r"terminating connection|consuming input failed|SSL SYSCALL error|"
    r"could not receive data from server|no connection to the server",
    re.IGNORECASE,
)
_LOST_STATES = ("57P01", "57P02", "08006", "08003")
# ...unless it went away while sprintlog was still connecting: that is "cannot use".
_CONNECTING = re.compile(r"^connection (failed|to server at .* failed)", re.IGNORECASE)


def _connection_lost(original: BaseException, detail: str) -> bool:
    if _CONNECTING.match(str(original).strip()):
        return False
    sqlstate = getattr(original, "sqlstate", None) or ""
    return sqlstate in _LOST_STATES or bool(_LOST.search(detail))


def _lost(error: BaseException, original: BaseException, where: str, detail: str) -> str:
    """One line that says the connection went, and whether anything was saved."""
    said = f"the connection to the journal database {where} was lost ({detail})"
    committing = _while_committing(error, original)
    if committing is False:
        return f"{said}; nothing was saved"
    if committing:
        return (
            f"{said} while the change was being committed: whether it was saved is "
            "unknown; check before doing it again"
        )
    return f"{said}: whether anything was saved is unknown; check before doing it again"


def _while_committing(error: BaseException, original: BaseException) -> bool | None:
    """Whether the connection went during a COMMIT; None when that cannot be told.

    A connection that says so (``committing``, as server.py's does when the server stops
    answering) is believed; SQLAlchemy's errors name the statement that failed, and
    name none for a failed COMMIT.
    """
    for raised in (original, error):
        said = getattr(raised, "committing", None)
        if isinstance(said, bool):
            return said
    if hasattr(error, "statement"):
        return error.statement is None
    return None


# libpq repeats where it was connecting to, which the message already says.
_LIBPQ_NOISE = re.compile(
    r'connection failed: |connection to server at "[^"]*",? port \d+ failed: |FATAL:\s+'
)


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return _LIBPQ_NOISE.sub("", lines[0]) if lines else type(error).__name__
