"""What the readers share: JSON loading with placed errors, instants to local days, ids.

Every reader turns any text into ``Parsed`` or ``BadImport``; the helpers here are where
the odd cases (empty, truncated or absurdly nested JSON, timestamps out of range, NaN)
become a ``BadImport`` naming the place, rather than another exception.
"""

import hashlib
import json
import math
import re
from collections.abc import Generator, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, tzinfo
from typing import Any

from sprintlog.errors import BadImport
from sprintlog.rules import stored
from sprintlog.services.exchange.formats.parsed import ImportedEntry


def load_json(text: str, file: str) -> Any:
    """The JSON document in ``text``; an empty, truncated or broken one is a BadImport."""
    if not text.strip():
        raise BadImport(file, None, "the file is empty")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        # A string that never closes runs to the end of the file: cut short, too.
        cut = error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string")
        problem = "the JSON ends too soon" if cut else error.msg
        raise BadImport(
            file, f"line {error.lineno} column {error.colno}", f"not JSON ({problem})"
        ) from None
    except RecursionError:
        raise BadImport(file, None, "not JSON this program can read (nested too deeply)") from None


_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")  # JSON's whitespace, the only kind json.loads skips


def json_list_items(text: str, file: str, what: str) -> Iterator[Any]:
    """The items of the JSON list ``text`` holds, decoded one at a time: a big file's
    list is never whole in memory beside the records made of it (a reader turns each
    into its record before the next is decoded).

    Whatever is not a list of well-formed JSON values is refused as ``load_json`` and
    ``json_list`` refuse it, with the same words (they are asked to, on that text).
    """
    at = _skip(text, 0)
    if not text.startswith("[", at):
        yield from json_list(load_json(text, file), file, "$", what)
        return
    at = yield from _items(text, at, file)
    if _skip(text, at) != len(text):
        yield from _refused(text, file)  # something after the list


class NotStreamed(Exception):
    """The text is not the shape a streamed read knows; nothing was read: read it whole."""


def json_member_items(text: str, file: str, key: str) -> Iterator[Any]:
    """The items of the list under ``key`` of the JSON object ``text`` holds, decoded one
    at a time; the object's other members are decoded and dropped.

    NotStreamed, before any item, when ``text`` is no such object (the reader then reads
    it whole, and refuses it in its own words); a second ``key`` is refused.
    """
    at = _skip(text, 0)
    if not text.startswith("{", at) or text.startswith("}", _skip(text, at + 1)):
        raise NotStreamed
    at = _skip(text, at + 1)
    streamed = ended = False
    while not ended:
        try:
            name, at = _name(text, at)
            if name == key and streamed:
                raise BadImport(file, "$", f'"{key}" is there twice')
            if name == key and text.startswith("[", at):
                at = yield from _items(text, at, file)
                streamed = True
            else:
                _, at = _DECODER.raw_decode(text, at)
            at, ended = _after_member(text, at)
        except (ValueError, RecursionError):  # (json.JSONDecodeError is a ValueError)
            if not streamed:
                raise NotStreamed from None
            yield from _refused(text, file)
    if not streamed:
        raise NotStreamed
    if _skip(text, at) != len(text):
        yield from _refused(text, file)  # something after the object


def _name(text: str, at: int) -> tuple[str, int]:
    """A member's name at ``at`` and where its value starts; ValueError if none is there."""
    name, at = _DECODER.raw_decode(text, at)
    at = _skip(text, at)
    if not isinstance(name, str) or not text.startswith(":", at):
        raise ValueError(at)
    return name, _skip(text, at + 1)


def _after_member(text: str, at: int) -> tuple[int, bool]:
    """Where the next member starts and False, or where the object ends (past its ``}``)
    and True; ValueError when neither comes next."""
    at = _skip(text, at)
    if text.startswith("}", at):
        return at + 1, True
    if not text.startswith(",", at):
        raise ValueError(at)
    return _skip(text, at + 1), False


def _items(text: str, at: int, file: str) -> Generator[Any, None, int]:
    """The items of the list whose ``[`` is at ``at``; returns where it ends (past ``]``)."""
    at = _skip(text, at + 1)
    if text.startswith("]", at):
        return at + 1
    while True:
        try:
            item, at = _DECODER.raw_decode(text, at)
        except (json.JSONDecodeError, RecursionError):
            yield from _refused(text, file)
        yield item
        at = _skip(text, at)
        if text.startswith("]", at):
            return at + 1
        if not text.startswith(",", at):
            yield from _refused(text, file)
        at = _skip(text, at + 1)


def _skip(text: str, at: int) -> int:
    """Where the JSON whitespace from ``at`` on ends."""
    return _SPACE.match(text, at).end()  # type: ignore[union-attr]  # (matches even nothing)


def _refused(text: str, file: str) -> Iterator[Any]:
    """Refuse ``text`` as not JSON, in load_json's words (which find where and why)."""
    load_json(text, file)
    raise BadImport(file, None, "not JSON")  # (load_json refuses what raw_decode does)
    yield  # a generator, so that ``yield from`` it reads as the refusal it is


def json_list(value: Any, file: str, place: str, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise BadImport(file, place, f"expected {what}, found {kind(value)}")
    return value


def kind(value: Any) -> str:
    """A JSON value's kind in words, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def instant(value: Any, file: str, place: str) -> datetime:
    """Unix seconds (an int or a finite float) as an aware UTC datetime."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadImport(file, place, f"expected Unix seconds, found {kind(value)}")
    try:
        if not math.isfinite(value):
            raise ValueError(value)
        return datetime.fromtimestamp(value, UTC)
    except (ValueError, OverflowError, OSError):
        raise BadImport(file, place, f"{value!r} is not a time this program can read") from None


def local_day(moment: datetime, tz: tzinfo | None, file: str, place: str) -> date:
    """The calendar day of ``moment`` in ``tz``, or in this machine's zone when None."""
    try:
        return moment.astimezone(tz).date()
    except (OverflowError, ValueError, OSError):
        raise BadImport(file, place, f"{moment} is not a time this program can read") from None


def minutes_between(start: datetime, stop: datetime, file: str, place: str) -> int:
    """Whole minutes from start to stop, rounded half up, and at least 1."""
    seconds = (stop - start).total_seconds()
    if seconds < 0:
        raise BadImport(file, place, f"it ends ({stop:%Y-%m-%d %H:%M}) before it starts")
    return max(1, int((seconds + 30) // 60))


def digest(*parts: str) -> str:
    """A stable id from text parts (24 hex digits of SHA-256; parts joined unambiguously)."""
    joined = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.sha256(joined).hexdigest()[:24]


def unique_ids(entries: list[ImportedEntry]) -> list[ImportedEntry]:
    """Entries whose ids are unique in file order: a second equal one gets ``#2``, …

    Two identical records (the same minute and text twice) stay two records, and a
    second import of the same file gives them the same ids again.
    """
    seen: dict[str, int] = {}
    out = []
    for entry in entries:
        count = seen[entry.source_id] = seen.get(entry.source_id, 0) + 1
        out.append(entry if count == 1 else replace(entry, source_id=f"{entry.source_id}#{count}"))
    return out


def tag_words(tags: Any, file: str, place: str) -> tuple[str, ...]:
    """A JSON list of tag strings as written (runs of spaces folded), empty ones and repeats
    (in any case) dropped, in order."""
    out: list[str] = []
    for index, tag in enumerate(json_list(tags, file, place, "a list of tags")):
        if not isinstance(tag, str):
            raise BadImport(file, f"{place}[{index}]", f"expected a tag, found {kind(tag)}")
        word = tag_word(tag)
        if word and word.lower() not in {seen.lower() for seen in out}:
            out.append(word)
    return tuple(out)


TAG_MAX = stored.SIZES["entry_tag", "tag"]


def tag_word(tag: str) -> str:
    """A tag as written, runs of spaces folded, at most TAG_MAX long."""
    return " ".join(tag.split())[:TAG_MAX]


def former_tag_words(tags: tuple[str, ...]) -> list[str]:
    """Tags as sprintlog 0.x lower-cased them into its ids (Timewarrior's), sorted."""
    return sorted(tag.lower() for tag in tags)


def start_of(day: date, clock: str, tz: tzinfo | None) -> datetime | None:
    """``HH:MM`` on ``day`` in ``tz`` (this machine's zone when None) as an aware UTC time."""
    try:
        hour, minute = (int(part) for part in clock.split(":"))
        naive = datetime.combine(day, time(hour, minute))
    except ValueError:
        return None
    local = naive.replace(tzinfo=tz) if tz is not None else naive.astimezone()
    return local.astimezone(UTC)
