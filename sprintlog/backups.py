"""Verified copies of an SQLite journal, made with SQLite's backup API.

A file copy of a live WAL database can miss committed pages; the backup API copies a
consistent snapshot even while others read or write.
"""

import sqlite3
from datetime import datetime
from pathlib import Path

from sprintlog import files
from sprintlog.db import sqlite_uri
from sprintlog.errors import JournalError

BACKUP_DIRNAME = "backups"


def backup_dir(journal_path: Path) -> Path:
    return journal_path.parent / BACKUP_DIRNAME


def make_backup(journal_path: Path, *, reason: str = "manual", dest: Path | None = None) -> Path:
    """Copy the journal to ``dest`` (or a new file in the backup directory) and verify it."""
    if dest is None:
        dest = _new_backup_path(journal_path, reason)
    else:
        files.ensure_private_dir(dest.parent)
        try:
            files.create_private_file(dest)
        except FileExistsError:
            raise JournalError(f"{dest} exists already; choose another path") from None
    # Written under a temporary name and renamed once verified: a backup interrupted
    # half-way (even by SIGKILL) never looks like a complete one.
    partial = dest.with_name(f".{dest.name}.partial")
    try:
        files.create_private_file(partial)
        _copy_and_verify(journal_path, partial)
        partial.replace(dest)
    except BaseException:
        partial.unlink(missing_ok=True)
        dest.unlink(missing_ok=True)
        raise
    return dest


def _new_backup_path(journal_path: Path, reason: str) -> Path:
    directory = backup_dir(journal_path)
    files.ensure_private_dir(directory)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for attempt in range(1000):
        suffix = f"-{attempt}" if attempt else ""
        candidate = directory / f"{journal_path.stem}-{stamp}-{reason}{suffix}.db"
        try:
            files.create_private_file(candidate)
        except FileExistsError:
            continue
        return candidate
    raise JournalError(f"could not find a free backup file name in {directory}")


def _copy_and_verify(source: Path, dest: Path) -> None:
    source_db = sqlite3.connect(sqlite_uri(source, read_only=True), uri=True, timeout=10)
    dest_db = sqlite3.connect(dest)
    try:
        source_db.backup(dest_db)
        verdict = dest_db.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            raise JournalError(f"the backup {dest} failed its integrity check: {verdict}")
    finally:
        dest_db.close()
        source_db.close()
