"""Verified copies of an SQLite journal, made with SQLite's backup API.

A file copy of a live WAL database can miss committed pages; the backup API copies a
consistent snapshot even while others read or write.
"""

import fcntl
import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from sprintlog.errors import JournalError
from sprintlog.storage import files, places, schema_check
from sprintlog.storage import sqlite as sqlite_db

PARTIAL = ".partial"  # a backup being written: .NAME.partial, renamed to NAME once verified


def backup_dir(journal_path: Path) -> Path:
    return journal_path.parent / places.BACKUPS_DIRNAME


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
    # half-way (even by SIGKILL) never looks like a complete one. It is locked while it is
    # written, so that what a killed one left is told from one being written now.
    partial = dest.with_name(f".{dest.name}{PARTIAL}")
    sweep_unfinished(backup_dir(journal_path))
    try:
        descriptor = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, files.PRIVATE_FILE)
    except BaseException:
        dest.unlink(missing_ok=True)
        raise
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        _copy_and_verify(journal_path, partial)
        partial.replace(dest)
    except BaseException:
        partial.unlink(missing_ok=True)
        dest.unlink(missing_ok=True)
        raise
    finally:
        os.close(descriptor)
    return dest


def sweep_unfinished(folder: Path) -> list[Path]:
    """Remove what backups killed half-way left in sprintlog's backup ``folder``: each
    ``.partial`` file, SQLite's files beside it, and the empty name it had taken. One
    being written (locked by its sprintlog) is left be. (Never run on a folder of the
    user's: a ``db backup FILE`` killed half-way leaves its ``.partial`` beside FILE.)"""
    removed: list[Path] = []
    for partial in folder.glob(f".*.db{PARTIAL}") if folder.is_dir() else []:
        try:
            descriptor = os.open(partial, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue  # gone meanwhile, or not a file sprintlog made
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            continue  # a backup being written now
        try:
            taken = partial.with_name(partial.name[1 : -len(PARTIAL)])
            if taken.is_file() and not taken.is_symlink() and taken.stat().st_size == 0:
                taken.unlink(missing_ok=True)
                removed.append(taken)
            for left in (partial, *_sidecars(partial)):
                if left.exists():
                    left.unlink(missing_ok=True)
                    removed.append(left)
        finally:
            os.close(descriptor)
    return removed


def _sidecars(partial: Path) -> list[Path]:
    """SQLite's own files beside a backup being written (its rollback journal, or a WAL)."""
    return [partial.with_name(partial.name + suffix) for suffix in ("-journal", "-wal", "-shm")]


def _new_backup_path(journal_path: Path, reason: str) -> Path:
    directory = backup_dir(journal_path)
    files.ensure_private_dir(directory)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    stem = f"{journal_path.stem}-{stamp}-{reason}"
    path = files.create_numbered_file(directory, stem, ".db", tries=1000)
    if path is None:
        raise JournalError(f"could not find a free backup file name in {directory}")
    return path


def _copy_and_verify(source: Path, dest: Path) -> None:
    # Read-write when we may: closing then folds and removes the journal's -wal and -shm.
    source_db = sqlite_db.plain_connect(source, read_only=not sqlite_db.writable(source))
    dest_db = sqlite_db.plain_connect(dest, read_only=False)
    try:
        source_db.backup(dest_db)
        _make_self_contained(dest_db)
        verdict = dest_db.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            raise JournalError(f"the backup {dest} failed its integrity check: {verdict}")
    finally:
        dest_db.close()
        source_db.close()


def _make_self_contained(connection: sqlite3.Connection) -> None:
    """A backup is one file: no write-ahead log, so reading it later leaves nothing beside it."""
    connection.execute("PRAGMA journal_mode = DELETE")


def prune(journal_path: Path, *, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` automatic backups made before upgrades.

    Backups made by hand or before a restore are the user's to remove; the newest
    upgrade backup is never deleted, whatever ``keep`` says.
    """
    folder = backup_dir(journal_path)
    if not folder.is_dir():
        return []
    pattern = re.compile(re.escape(journal_path.stem) + r"-\d{8}-\d{6}-before-\d+(-\d+)?\.db")
    automatic = [p for p in folder.iterdir() if pattern.fullmatch(p.name) and p.is_file()]
    automatic.sort(key=lambda p: (p.stat().st_mtime, p.name), reverse=True)
    removed = automatic[max(keep, 1) :]
    for old in removed:
        old.unlink(missing_ok=True)
    return removed


def latest(journal_path: Path) -> Path | None:
    """The newest complete backup of the journal, if there is one."""
    folder = backup_dir(journal_path)
    if not folder.is_dir():
        return None
    found = [p for p in folder.glob(f"{journal_path.stem}-*.db") if p.is_file()]
    return max(found, key=lambda p: p.stat().st_mtime, default=None)


def restore(journal_path: Path, backup: Path) -> Path | None:
    """Put a verified backup's contents into the journal; returns the safety copy made first.

    The current journal is itself backed up first, then the backup is copied in through
    SQLite's backup API (under the journal's locks, never a file copy over a live file).
    """
    _verify_journal_file(backup)
    safety = _keep_current(journal_path)
    if not journal_path.exists():
        files.ensure_private_dir(journal_path.parent)
        files.create_private_file(journal_path)
    # Read-write when we may: closing then leaves no -wal or -shm beside the backup.
    source = sqlite_db.plain_connect(backup, read_only=not sqlite_db.writable(backup))
    target = sqlite_db.plain_connect(journal_path, read_only=False)
    try:
        source.backup(target)
        verdict = target.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            raise JournalError(
                f"the restored journal failed its integrity check ({verdict}); "
                f"the journal as it was is in {safety}"
            )
    finally:
        target.close()
        source.close()
    return safety


def _keep_current(journal_path: Path) -> Path | None:
    """Save the journal as it is before it is replaced: a backup, or set aside if damaged."""
    if not journal_path.exists():
        return None
    try:
        return make_backup(journal_path, reason="before-restore")
    except (JournalError, sqlite3.DatabaseError):
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = journal_path.with_name(f"{journal_path.name}.damaged-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            part = journal_path.with_name(journal_path.name + suffix)
            if part.exists():
                part.replace(aside.with_name(aside.name + suffix))
        return aside


def _verify_journal_file(backup: Path) -> None:
    """The backup is a whole, undamaged sprintlog journal with sprintlog's schema only."""
    if not backup.is_file():
        raise JournalError(f"there is no backup file {backup}")
    try:
        revision = schema_check.read_revision(backup, thorough=True)
    except JournalError as error:
        raise JournalError(f"{error.message}; nothing was restored") from None
    except sqlite3.DatabaseError:
        raise JournalError(f"{backup} is not an SQLite database; nothing was restored") from None
    if revision is None:
        raise JournalError(f"{backup} is not a sprintlog journal; nothing was restored")
    if not schema_check.knows(revision):
        raise JournalError(
            f"{backup} is from a newer sprintlog (schema revision {revision}); upgrade "
            "sprintlog to restore it (nothing was restored)"
        )
