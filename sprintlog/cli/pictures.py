"""The review post's pictures: where they go, what the post links, writing them.

Imported only when pictures are asked for (``render review --images`` or the
``post_images`` setting), so the post alone costs what it did before.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sprintlog.errors import SprintlogError, UsageError

if TYPE_CHECKING:
    from datetime import date

    from sprintlog.rules.weeks import Weeks
    from sprintlog.shown.review_post import Review
    from sprintlog.shown.streak_weeks import CalendarDay


@dataclass(frozen=True)
class Picture:
    path: Path
    svg: str
    link: dict[str, str]  # what the post shows: {"src": ..., "alt": ...}


@dataclass(frozen=True)
class Planned:
    folder: Path
    pictures: dict[str, Picture]  # "days", and "goals" when the sprint has goals

    @property
    def links(self) -> dict[str, dict[str, str] | None]:
        return {
            key: (self.pictures[key].link if key in self.pictures else None)
            for key in ("days", "goals")
        }


def plan(review: "Review", *, folder: str, post: Path | None, url: str = "") -> Planned:
    """Draw the pictures of ``review`` for a post at ``post`` (None: standard output)."""
    from sprintlog.render import svg
    from sprintlog.services import pictures

    base = (post.parent if post else Path.cwd()).resolve()
    target = images_dir(base, folder)
    slug = post.stem if post else f"sprint-{review.sprint.number}"
    days = pictures.sprint_days(review, breaks=review.break_days)
    drawn = {"days": (svg.sprint_days(days), svg.days_alt(days))}
    if review.sprint.goals:
        bars = pictures.goal_bars(review)
        drawn["goals"] = (svg.goal_bars(bars), svg.goals_alt(bars))
    return Planned(
        target,
        {
            key: _picture(target / f"{slug}-{key}.svg", text, alt, base, url)
            for key, (text, alt) in drawn.items()
        },
    )


def images_dir(base: Path, folder: str) -> Path:
    """``folder`` inside the post's directory ``base`` (resolved), or a usage error."""
    if not folder.strip():
        raise UsageError("--images needs a directory (like images)")
    given = Path(folder).expanduser()
    if ".." in given.parts:
        raise UsageError(f"the images directory {folder} must not contain '..'")
    resolved = (base / given).resolve()  # follows symbolic links, so one pointing out shows
    if not resolved.is_relative_to(base):
        raise UsageError(f"the images directory {folder} is outside the post's directory {base}")
    return resolved


def _picture(path: Path, text: str, alt: str, base: Path, url: str) -> Picture:
    src = f"{url.rstrip('/')}/{path.name}" if url else path.relative_to(base).as_posix()
    return Picture(path, text, {"src": src, "alt": alt})


def write(planned: Planned, *, post: Path | None, force: bool) -> list[Path]:
    """Write the pictures (0600, in a 0700 directory made if missing); nothing if one is taken."""
    from sprintlog.storage import files

    paths = [picture.path for picture in planned.pictures.values()]
    if post is not None and not post.parent.is_dir():  # the post could not be written after
        raise SprintlogError(f"cannot write {post}: no directory {post.parent}")
    for path in [*paths, *([post] if post else [])]:
        files.may_write(path, force=force)
    try:
        files.ensure_private_dir(planned.folder)
        for picture in planned.pictures.values():
            files.write_private(picture.path, picture.svg)
    except OSError as error:
        raise SprintlogError(f"cannot write into {planned.folder}: {error.strerror}") from None
    return paths


def write_year(
    path: Path,
    days: "dict[date, CalendarDay]",
    weeks: "Weeks",
    first: "date",
    last: "date",
    by: str,
    breaks: "frozenset[date]" = frozenset(),
) -> None:
    """The year's heatmap as SVG at ``path``, replaced whole (a regular file or nothing)."""
    from sprintlog.render import svg
    from sprintlog.storage import files

    text = svg.year(days, weeks, first, last, by, breaks=breaks)
    files.write_named(path, [text], force=True)  # the heatmap is replaced as it always was
