"""``sprintlog export --format posts``: every sprint's review post into one directory."""

import re
import unicodedata
from datetime import date
from pathlib import Path

from sqlmodel import Session

from sprintlog.errors import Conflict, SprintlogError
from sprintlog.services import review, settings, sprint_reads
from sprintlog.storage import files
from sprintlog.storage.reader import of_session


def reviews(session: Session, *, today: date) -> list[review.Review]:
    """Every sprint's review, for rendering its post."""
    reader = of_session(session)  # the review's queries, inside this transaction
    config = settings.read(reader)
    return [
        # Every post goes into the same directory: each links the next one there.
        review.gather(reader, sprint=sprint, settings=config, today=today, link_next=True)
        for sprint in sprint_reads.list_all(reader)
    ]


def post_name(number: int, url_path: str | None, taken: set[str]) -> str:
    """``<last part of the post's URL>.md``, else (or when taken) ``sprint-N.md``.

    Only ASCII letters, digits and dashes: whatever a title or URL holds, the name stays
    one file inside the directory.
    """
    last = (url_path or "").rstrip("/").rsplit("/", 1)[-1]
    ascii_text = unicodedata.normalize("NFKD", last).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")
    name = f"{slug}.md" if slug else f"sprint-{number}.md"
    return f"sprint-{number}.md" if name in taken else name


def write_posts(directory: Path, posts: list[tuple[str, str]], *, force: bool) -> list[Path]:
    """Write (name, text) posts into ``directory``; check them all before writing any."""
    if directory.exists() and not directory.is_dir():
        raise SprintlogError(f"{directory} is not a directory; nothing was written")
    targets = [_target(directory, name, force=force) for name, _ in posts]
    try:
        files.ensure_private_dir(directory)
        for target, (_, text) in zip(targets, posts, strict=True):
            files.write_private(target, text)
    except OSError as error:
        raise SprintlogError(f"cannot write into {directory}: {error.strerror}") from None
    return targets


def _target(directory: Path, name: str, *, force: bool) -> Path:
    path = directory / name
    if path.is_symlink():
        raise SprintlogError(f"{path} is a symbolic link; not writing through it")
    if files.regular_file_or_nothing(path) is not None and not force:
        raise Conflict(f"{path} exists already; use --force to overwrite it (nothing was written)")
    return path
