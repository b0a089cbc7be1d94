"""Where sprintlog keeps its files by default: the journal, its backups and the drafts.

They go in the user's data directory (``$XDG_DATA_HOME/sprintlog``, by default
``~/.local/share/sprintlog`` on Linux). Older sprintlogs kept them in Typer's app directory
(``~/.config/sprintlog``); a journal found there is moved on first use. This module is
the one place that knows both, and imports only the standard library: TAB completion
(completion.py) asks it where the journal is without importing Typer.
"""

import contextlib
import os
import sqlite3
import sys
from collections.abc import Mapping
from pathlib import Path

APP_NAME = "sprintlog"
JOURNAL_FILENAME = "journal.db"
DRAFTS_DIRNAME = "drafts"
BACKUPS_DIRNAME = "backups"


def data_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """The user's data directory for sprintlog (the XDG rule on Linux and BSD)."""
    if sys.platform == "darwin" or sys.platform.startswith("win"):
        return old_app_dir(environ)  # the same folder there: nothing ever moves
    xdg = environ.get("XDG_DATA_HOME", "")
    # The XDG spec: a relative path is invalid and is ignored.
    base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".local" / "share"
    return base / APP_NAME


def old_app_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """Typer's ``get_app_dir("sprintlog")`` (Click's rule), where sprintlog kept files before."""
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_NAME
    if sys.platform.startswith("win"):
        return Path(environ.get("APPDATA") or Path.home()) / APP_NAME
    return Path(environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / APP_NAME


def default_journal(environ: Mapping[str, str] = os.environ) -> Path:
    """The journal used without ``--db``: the old one while it has not been moved."""
    new = data_dir(environ) / JOURNAL_FILENAME
    old = old_app_dir(environ) / JOURNAL_FILENAME
    return old if not new.exists() and old.is_file() else new


def drafts_dirs(environ: Mapping[str, str] = os.environ) -> list[Path]:
    """Where drafts are written (the first) and looked for (all, old place included)."""
    new = data_dir(environ) / DRAFTS_DIRNAME
    old = old_app_dir(environ) / DRAFTS_DIRNAME
    return [new] if old == new or not old.is_dir() else [new, old]


def move_old_journal(environ: Mapping[str, str] = os.environ) -> str | None:
    """Move a journal left at the old place (with its backups and drafts) to the new one.

    Returns the one line to tell the user, or None when there was nothing to move. A
    journal that cannot be moved stays where it is, and is used there.
    """
    new_dir, old_dir = data_dir(environ), old_app_dir(environ)
    old, new = old_dir / JOURNAL_FILENAME, new_dir / JOURNAL_FILENAME
    if new_dir == old_dir or new.exists() or not old.is_file():
        return None
    reason = _why_not_movable(old)
    if reason is None:
        try:
            new_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.link(old, new)  # unlike a rename, never replaces a journal made meanwhile
            old.unlink()
        except FileExistsError:
            return None  # another sprintlog moved it first: it is at the new place
        except OSError as error:
            reason = error.strerror or str(error)
    if reason is not None:
        return f"Using the journal at {old}: it could not be moved to {new} ({reason})"
    for name in (BACKUPS_DIRNAME, DRAFTS_DIRNAME):
        with contextlib.suppress(OSError):  # still found at the old place (see drafts_dirs)
            if (old_dir / name).is_dir() and not (new_dir / name).exists():
                os.rename(old_dir / name, new_dir / name)
    return f"Moved the journal from {old} to {new}"


def _why_not_movable(path: Path) -> str | None:
    """Fold the journal's -wal into it; say why not when that cannot be done now.

    A rename moves the main file only: the changes still in its -wal must be in the file
    first. With another sprintlog using the journal, the -wal stays, and so does the file.
    """
    from sprintlog.storage.sqlite import sqlite_uri  # quotes the path ("#", "?", "%")

    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        return "it or its folder is read-only"
    wal = path.with_name(path.name + "-wal")
    try:
        connection = sqlite3.connect(sqlite_uri(path, read_only=False), uri=True, timeout=1)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()  # the last connection to close removes the -wal
    except sqlite3.Error as error:
        return f"its -wal could not be folded in: {error}"
    if wal.exists():  # only the last connection to close removes it
        return "another sprintlog is using it"
    return None
