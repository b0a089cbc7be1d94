"""Files sprintlog creates: private (0600 in 0700 directories) and never half-made."""

import errno
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` (and missing parents) as 0700; leave an existing one as it is."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for directory in reversed(missing):
        try:
            directory.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:
            continue
        os.chmod(directory, PRIVATE_DIR)  # mkdir's mode is filtered by the umask


def create_private_file(path: Path) -> None:
    """Create an empty 0600 file; FileExistsError if something is there already."""
    descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
    os.close(descriptor)


def create_numbered_file(directory: Path, stem: str, suffix: str, *, tries: int) -> Path | None:
    """Create an empty 0600 file ``stem`` + ``suffix`` in ``directory`` and return its path.

    A name that is taken is never replaced: ``stem-1`` + ``suffix``, ``stem-2`` + ``suffix``
    and so on are tried in turn; None when the first ``tries`` names are all taken.
    """
    for attempt in range(tries):
        number = f"-{attempt}" if attempt else ""
        path = directory / f"{stem}{number}{suffix}"
        try:
            create_private_file(path)
        except FileExistsError:
            continue
        return path
    return None


def create_journal_file(path: Path, *, build: Callable[[Path], None]) -> bool:
    """Build a new journal beside ``path`` and link it into place in one step.

    Returns False when another process created ``path`` first (then theirs is used).
    The journal is built under a temporary name and hard-linked to ``path``, so no
    process ever sees a half-built journal there, and an existing file is never replaced.
    """
    ensure_private_dir(path.parent)
    temporary = path.with_name(f".{path.name}.new-{os.getpid()}")
    try:
        create_private_file(temporary)
        build(temporary)
        try:
            os.link(temporary, path)
        except FileExistsError:
            return False
        return True
    finally:
        for leftover in (temporary, *_sidecars(temporary)):
            leftover.unlink(missing_ok=True)


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-journal", "-wal", "-shm")]


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` (0600) all at once: a temporary file renamed into place."""
    write_whole(path, text.encode("utf-8"), mode=PRIVATE_FILE)


def write_whole(path: Path, data: bytes, *, mode: int) -> None:
    """Write ``data`` to ``path`` all at once: a temporary file renamed into place.

    A reader sees the old file or the whole new one, never half of it, even after a crash.
    ``mode`` is filtered by the umask, as for any new file (0600 stays 0600).
    """
    _write_then_rename(path, [data], mode=mode)


def write_private_chunks(path: Path, chunks: Iterable[str]) -> None:
    """Like write_private, for text made piece by piece (a big export): never whole in memory."""
    _write_then_rename(path, (chunk.encode("utf-8") for chunk in chunks), mode=PRIVATE_FILE)


def _write_then_rename(path: Path, pieces: Iterable[bytes], *, mode: int) -> None:
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        descriptor = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, mode)
        with os.fdopen(descriptor, "wb") as handle:
            handle.writelines(pieces)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def regular_file_or_nothing(path: Path) -> Path | None:
    """The regular file ``path`` is (or links to), None if nothing is there; else refuse.

    What sprintlog writes for the user (a post, a picture) replaces a regular file only,
    never a directory, FIFO, device or socket, whatever --force says.
    """
    from sprintlog.errors import SprintlogError

    try:
        mode = path.stat().st_mode  # follows a symbolic link: the file it names is replaced
    except FileNotFoundError:
        if path.is_symlink():
            raise SprintlogError(
                f"{path} is a symbolic link to nothing; nothing was written"
            ) from None
        return None
    except OSError as error:
        raise SprintlogError(f"cannot write {path}: {error.strerror}") from None
    if not stat.S_ISREG(mode):
        kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
        raise SprintlogError(f"{path} is {kind}, not a regular file; nothing was written")
    return path.resolve() if path.is_symlink() else path


def may_write(path: Path, *, force: bool) -> Path:
    """Where a file the user named may be written: nothing there yet, or (with ``force``)
    a regular file; the file a symbolic link names is the one replaced."""
    from sprintlog.errors import Conflict

    target = regular_file_or_nothing(path)
    if target is not None and not force:
        raise Conflict(f"{path} exists already; use --force to overwrite it")
    return target or path


def write_named(path: Path, chunks: Iterable[str], *, force: bool) -> None:
    """Write a file the user named (0600, all at once), as ``may_write`` allows."""
    from sprintlog.errors import SprintlogError

    target = may_write(path, force=force)
    try:
        write_private_chunks(target, chunks)
    except OSError as error:
        raise SprintlogError(f"cannot write {path}: {error.strerror}") from None


_KINDS = {
    stat.S_IFDIR: "a directory",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}

_LOOP = "a loop of symbolic links"


class NotAFile(Exception):
    """A path to read that names no regular file: ``kind`` says what it is instead."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(f"{path} is {kind}")
        self.kind = kind


def check_readable_file(path: Path) -> None:
    """Refuse at once a path that is not a regular file (after its links), before anything
    opens it: a FIFO would be waited on for ever, a device read without end. A path that
    does not exist passes; what opens it says so."""
    try:
        mode = path.stat().st_mode  # never blocks, whatever the path names
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise NotAFile(path, _LOOP) from None
        return
    if not stat.S_ISREG(mode):
        raise NotAFile(path, _KINDS.get(stat.S_IFMT(mode), "not a regular file"))


def read_file(path: Path, *, limit: int) -> bytes:
    """Up to ``limit`` + 1 bytes of the regular file ``path``; NotAFile if it is none.

    Opened without waiting (a FIFO put there meanwhile is not waited on) and checked by
    what was opened, not by its name.
    """
    check_readable_file(path)  # a socket cannot even be opened: said as what it is
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise NotAFile(path, _LOOP) from None
        raise
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        raise NotAFile(path, _KINDS.get(stat.S_IFMT(mode), "not a regular file"))
    os.set_blocking(descriptor, True)
    with os.fdopen(descriptor, "rb") as handle:
        return handle.read(limit + 1)
