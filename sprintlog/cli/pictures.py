"""The review post's pictures: where they go, what the post links, writing them.

Imported only when pictures are asked for (``render review --images`` or the
``post_images`` setting), so the post alone costs what it did before.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    link: dict[str, Any]  # what the post shows: {"src", "alt"}, and "rows" for the goals


@dataclass(frozen=True)
class Planned:
    folder: Path
    pictures: dict[str, Picture]  # "days", and "goals" when the sprint has goals

    @property
    def links(self) -> dict[str, dict[str, Any] | None]:
        return {
            key: (self.pictures[key].link if key in self.pictures else None)
            for key in ("days", "goals")
        }


def plan(review: "Review", *, folder: str, post: Path | None, url: str = "") -> Planned:
    """Draw the pictures of ``review`` for a post at ``post`` (None: standard output)."""
    base = (post.parent if post else Path.cwd()).resolve()
    target = images_dir(base, folder)
    slug = post.stem if post else f"sprint-{review.sprint.number}"
    return Planned(
        target,
        {
            key: _picture(target / f"{slug}-{key}.svg", text, link, base, url)
            for key, (text, link) in _drawn(review).items()
        },
    )


def for_site(review: "Review", *, folder: Path, address: str, slug: str) -> Planned:
    """The pictures of a post published into a site: files in ``folder``, linked as
    ``address`` + their name (publish knows where the engine serves them from)."""
    return Planned(
        folder,
        {
            key: Picture(folder / f"{slug}-{key}.svg", text, {**link, "src": address + name})
            for key, (text, link) in _drawn(review).items()
            for name in [f"{slug}-{key}.svg"]
        },
    )


def _drawn(review: "Review") -> dict[str, tuple[str, dict[str, Any]]]:
    """Each picture's SVG, and what the post shows with it: the alt text, and for the
    goals the figures of each bar as rows of a table."""
    from dataclasses import asdict

    from sprintlog.render import svg
    from sprintlog.services import pictures

    days = pictures.sprint_days(review, breaks=review.break_days)
    drawn: dict[str, tuple[str, dict[str, Any]]] = {
        "days": (svg.sprint_days(days), {"alt": svg.days_alt(days)})
    }
    if review.sprint.goals:
        bars = pictures.goal_bars(review)
        rows = [asdict(bar) for bar in bars.bars]
        drawn["goals"] = (svg.goal_bars(bars), {"alt": svg.goals_alt(bars), "rows": rows})
    return drawn


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


def _picture(path: Path, text: str, link: dict[str, Any], base: Path, url: str) -> Picture:
    src = f"{url.rstrip('/')}/{path.name}" if url else path.relative_to(base).as_posix()
    return Picture(path, text, {**link, "src": src})


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
