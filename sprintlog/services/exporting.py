"""``sprintlog export``: the whole journal as JSON, its entries as CSV, its review posts."""

import csv
import io
import json
import re
import unicodedata
from bisect import bisect_right
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session

from sprintlog.errors import Conflict, SprintlogError
from sprintlog.refs import label
from sprintlog.services import review, settings
from sprintlog.services import sprints as sprint_service
from sprintlog.storage import exchange, files

CSV_HEADER = ("day", "sprint", "goals", "minutes", "tags", "text")


def document(session: Session) -> dict[str, Any]:
    """The journal as the versioned document (see storage/export_schema.json)."""
    body = exchange.read_document(session.connection())
    exported = {"format": body.pop("format"), "version": body.pop("version")}
    exported["exported_at"] = exchange.stamp(datetime.now(UTC))
    return exported | body


def as_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def as_csv(session: Session) -> str:
    """One row per entry (RFC 4180: CRLF line ends, quotes doubled), with a header."""
    data = exchange.read_document(session.connection())
    prefix = settings.load(session).prefix
    labels: dict[str, str] = {}
    for sprint in data["sprints"]:
        for goal in sprint["goals"]:
            labels[goal["uuid"]] = label(prefix, goal["number"])
            for task in goal["tasks"]:
                labels[task["uuid"]] = label(prefix, goal["number"], task["letter"])
    ordered = sorted(data["sprints"], key=lambda sprint: sprint["start_day"])
    starts = [sprint["start_day"] for sprint in ordered]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for entry in data["entries"]:
        at = bisect_right(starts, entry["day"]) - 1
        sprint = ordered[at] if at >= 0 and entry["day"] <= ordered[at]["end_day"] else None
        goals = " ".join(labels[link["task"] or link["goal"]] for link in entry["goals"])
        writer.writerow(
            (
                entry["day"],
                sprint["number"] if sprint else "",
                goals,
                "" if entry["minutes"] is None else entry["minutes"],
                " ".join(entry["tags"]),
                entry["text"],
            )
        )
    return out.getvalue()


def reviews(session: Session, *, today: date) -> list[review.Review]:
    """Every sprint's review, for rendering its post."""
    config = settings.load(session)
    return [
        review.gather(session, sprint=sprint, settings=config, today=today)
        for sprint in sprint_service.list_all(session)
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


def write_file(path: Path, text: str, *, force: bool) -> None:
    """Write an export to ``path`` (0600, all at once); an existing file only with force."""
    target = files.regular_file_or_nothing(path)
    if target is not None and not force:
        raise Conflict(f"{path} exists already; use --force to overwrite it")
    try:
        files.write_private(target or path, text)
    except OSError as error:
        raise SprintlogError(f"cannot write {path}: {error.strerror}") from None
