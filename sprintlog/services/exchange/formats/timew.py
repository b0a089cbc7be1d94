"""Timewarrior's ``timew export``: one entry per closed interval, like Watson's frames.

``timew export`` writes a list of ``{"id", "start", "end", "tags", "annotation"}`` with
times in UTC (``20250303T080000Z``); ``end`` is missing for the open interval (the one
being tracked), which is not imported; ``tags`` and ``annotation`` are left out when
empty. An interval becomes an entry on the local day of its start (this machine's zone,
or the ``tz`` option), minutes rounded as for Watson (at least one), its text the tags
joined with commas and then the annotation (``book, reading list: Chapter 3``), its
tags kept, its start time the interval's. Timewarrior's ids are renumbered as intervals
come and go, and intervals never overlap, so the source id is the start
(``20250303T080000Z``): an interval whose end, tags or annotation were changed in
Timewarrior updates the entry it made. Older sprintlogs used a hash of the start and the
lower-cased tags (``former_id``).
"""

import re
from datetime import UTC, datetime, tzinfo
from typing import Any

from sprintlog.errors import BadImport
from sprintlog.services.exchange.formats.common import (
    digest,
    former_tag_words,
    json_list_items,
    kind,
    local_day,
    minutes_between,
    tag_words,
    unique_ids,
)
from sprintlog.services.exchange.formats.parsed import ImportedEntry, Parsed

UNTITLED = "Timewarrior interval"  # the text of an interval with no tags or annotation
_STAMP = re.compile(r"\d{8}T\d{6}Z", re.ASCII)
_LOOKS = re.compile(r'\s*\[\s*\{[^{}]*"start"\s*:\s*"\d{8}T\d{6}Z"')


def looks_like(text: str) -> bool:
    """A list whose first object has a ``start`` in Timewarrior's compact UTC form."""
    return _LOOKS.match(text[:2000]) is not None


def read(text: str, file: str, *, tz: tzinfo | None = None, **options: Any) -> Parsed:
    intervals = json_list_items(text, file, "a list of Timewarrior intervals")
    parsed = Parsed(source="timew")
    for index, interval in enumerate(intervals):
        place = f"$[{index}]"
        if not isinstance(interval, dict):
            found = kind(interval)
            raise BadImport(file, place, f"expected an interval (an object), found {found}")
        if interval.get("end") is None:
            parsed.ignored.append(f"the open Timewarrior interval ({place}), still being tracked")
            continue
        parsed.entries.append(_entry(interval, file, place, tz))
    parsed.entries = unique_ids(parsed.entries)
    return parsed


def _entry(interval: dict, file: str, place: str, tz: tzinfo | None) -> ImportedEntry:
    start = _stamp(interval.get("start"), file, f"{place}.start")
    end = _stamp(interval.get("end"), file, f"{place}.end")
    tags = tag_words(interval.get("tags", []), file, f"{place}.tags")
    annotation = interval.get("annotation", "")
    if not isinstance(annotation, str):
        raise BadImport(file, f"{place}.annotation", f"expected text, found {kind(annotation)}")
    return ImportedEntry(
        source_id=interval["start"],
        day=local_day(start, tz, file, place),
        text=interval_text(tags, annotation),
        place=place,
        minutes=minutes_between(start, end, file, place),
        tags=tags,
        started_at=start,
        former_id=digest(interval["start"], *former_tag_words(tags)),
    )


def interval_text(tags: tuple[str, ...], annotation: str) -> str:
    annotation = annotation.strip()
    named = ", ".join(tags)
    if named and annotation:
        return f"{named}: {annotation}"
    return named or annotation or UNTITLED


def _stamp(value: Any, file: str, place: str) -> datetime:
    if not isinstance(value, str) or not _STAMP.fullmatch(value):
        shown = repr(value) if isinstance(value, str) else kind(value)
        raise BadImport(file, place, f"expected a UTC time like 20250303T080000Z, found {shown}")
    try:
        return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        raise BadImport(file, place, f"{value} is not a time") from None
