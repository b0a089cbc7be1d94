"""Watson's ``frames`` file and ``watson log --json``: one entry per frame.

A frame becomes an entry on the local calendar day of its start (this machine's zone,
or the ``tz`` option), its minutes the duration rounded to the nearest minute (at least
one), its text ``project [tag, tag]`` as ``watson log`` shows it, its tags the project and the
frame's tags, its start time the frame's, its source id the frame id (so a frame edited
in Watson updates the entry it made). The two files give the same entries for the same
frames.

- ``frames`` (td-watson 2.x): a list of ``[start, stop, project, id, tags, updated_at]``
  in Unix seconds; very old files lack the last one or two fields. The running frame
  lives in another file (``state``), so it is never in ``frames``.
- ``watson log --json``: a list of ``{"id", "project", "start", "stop", "tags"}`` with
  ISO 8601 times; with ``--current`` the running frame is there too, with the id
  ``"current"``, and is not imported (it has not ended).
"""

import re
from datetime import UTC, datetime, tzinfo
from typing import Any

from sprintlog.errors import BadImport
from sprintlog.services.exchange.formats.common import (
    instant,
    json_list_items,
    kind,
    local_day,
    minutes_between,
    tag_words,
)
from sprintlog.services.exchange.formats.parsed import ImportedEntry, Parsed

_FRAMES = re.compile(r"\s*\[\s*\[")
_LOG = re.compile(r'\s*\[\s*\{[^{}]*"project"\s*:')
_RUNNING = "current"


def looks_like(text: str) -> bool:
    """A list of lists (frames) or a list of objects with a "project" (log --json)."""
    head = text[:2000]
    return _FRAMES.match(head) is not None or _LOG.match(head) is not None


def read(text: str, file: str, *, tz: tzinfo | None = None, **options: Any) -> Parsed:
    frames = json_list_items(text, file, "a list of Watson frames")
    parsed = Parsed(source="watson")
    for index, frame in enumerate(frames):
        place = f"$[{index}]"
        if isinstance(frame, list):
            entry = _from_row(frame, file, place, tz)
        elif isinstance(frame, dict):
            logged = _from_log(frame, file, place, tz)
            if logged is None:
                parsed.ignored.append(f"the running Watson frame ({place})")
                continue
            entry = logged
        else:
            raise BadImport(file, place, f"expected a Watson frame, found {kind(frame)}")
        parsed.entries.append(entry)
    return parsed


def _from_row(row: list, file: str, place: str, tz: tzinfo | None) -> ImportedEntry:
    """``[start, stop, project, id, tags, updated_at]`` of the frames file."""
    if len(row) < 4:
        raise BadImport(
            file, place, "expected [start, stop, project, id, tags, updated_at], too few fields"
        )
    start = instant(row[0], file, f"{place}[0]")
    stop = instant(row[1], file, f"{place}[1]")
    project = _text(row[2], file, f"{place}[2]", "a project")
    frame_id = _text(row[3], file, f"{place}[3]", "a frame id")
    tags = tag_words(row[4], file, f"{place}[4]") if len(row) > 4 else ()
    return _entry(frame_id, start, stop, project, tags, file, place, tz)


def _from_log(item: dict, file: str, place: str, tz: tzinfo | None) -> ImportedEntry | None:
    """``{"id", "project", "start", "stop", "tags"}`` of ``watson log --json``."""
    frame_id = _text(item.get("id"), file, f"{place}.id", "a frame id")
    if frame_id == _RUNNING:
        return None
    start = _iso(item.get("start"), file, f"{place}.start")
    stop = _iso(item.get("stop"), file, f"{place}.stop")
    project = _text(item.get("project"), file, f"{place}.project", "a project")
    tags = tag_words(item.get("tags", []), file, f"{place}.tags")
    return _entry(frame_id, start, stop, project, tags, file, place, tz)


def _entry(
    frame_id: str,
    start: datetime,
    stop: datetime,
    project: str,
    tags: tuple[str, ...],
    file: str,
    place: str,
    tz: tzinfo | None,
) -> ImportedEntry:
    lowered = {tag.lower() for tag in tags}
    return ImportedEntry(
        source_id=frame_id,
        day=local_day(start, tz, file, place),
        text=frame_text(project, tags),
        place=place,
        minutes=minutes_between(start, stop, file, place),
        tags=tags if project.lower() in lowered else (project, *tags),
        started_at=start,
    )


def frame_text(project: str, tags: tuple[str, ...]) -> str:
    """``sprintlog [docs, sqlite]``: the project and tags as ``watson log`` shows them."""
    return f"{project} [{', '.join(tags)}]" if tags else project


def _text(value: Any, file: str, place: str, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        found = repr(value) if isinstance(value, str) else kind(value)
        raise BadImport(file, place, f"expected {what}, found {found}")
    return value.strip()


def _iso(value: Any, file: str, place: str) -> datetime:
    """An ISO 8601 time with its offset, as ``watson log --json`` writes it."""
    if not isinstance(value, str):
        shape = "a time like 2025-03-03T09:00:00+01:00"
        raise BadImport(file, place, f"expected {shape}, found {kind(value)}")
    try:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError(value)
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):
        raise BadImport(file, place, f"expected a time with its offset, found {value!r}") from None
