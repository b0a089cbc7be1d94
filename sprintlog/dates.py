"""Calendar days from the words a user types.

Everything is a local calendar day (``datetime.date``). "Today" is always passed in, so
that tests can pin it and so that one command sees one "today" from start to end.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sprintlog.errors import UsageError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_RELATIVE = re.compile(
    r"(?:-(?P<n1>\d{1,9})\s*(?P<u1>d|w)|(?P<n2>\d{1,9})\s*(?P<u2>d|days?|w|weeks?)\s+ago)",
    re.ASCII,
)
_FUTURE_RELATIVE = re.compile(r"(?:\+\d+\s*(?:d|w)|in\s+\d+\s*(?:d|days?|w|weeks?))", re.ASCII)
_FAR_DATE = date(1900, 1, 1)


@dataclass(frozen=True)
class ParsedDay:
    day: date
    in_words: bool  # True when the user did not write the date out (echo it back to them)


def parse_day(text: str, *, today: date, allow_future: bool = True) -> ParsedDay:
    """Parse a day, or raise UsageError saying why it is not one."""
    words = " ".join(text.strip().lower().split())
    if not words:
        raise UsageError("a date is empty; write it like 2025-03-04, today, monday or -3d")
    parsed = _parse_words(words, today) or _parse_written(text.strip())
    if not allow_future and parsed.day > today:
        # Name the day once: echo it only when it was given in words ("tomorrow").
        shown = (
            f"{text.strip()!r} is {parsed.day.isoformat()},"
            if parsed.in_words
            else (f"{parsed.day.isoformat()} is")
        )
        raise UsageError(f"{shown} in the future")
    if parsed.day < _FAR_DATE:
        raise UsageError(f"{text.strip()!r} is too far in the past")
    return parsed


def _parse_words(words: str, today: date) -> ParsedDay | None:
    if words == "today":
        return ParsedDay(today, True)
    if words == "yesterday":
        return ParsedDay(today - timedelta(days=1), True)
    if words == "tomorrow":
        return ParsedDay(today + timedelta(days=1), True)
    weekday = _weekday_index(words.removeprefix("last "))
    if weekday is not None:
        # The most recent such day, never the future; "last monday" skips today.
        back = (today.weekday() - weekday) % 7
        if back == 0 and words.startswith("last "):
            back = 7
        return ParsedDay(today - timedelta(days=back), True)
    if words.startswith("next ") and _weekday_index(words[5:]) is not None:
        raise UsageError(f"{words!r} is in the future; a weekday name means the most recent one")
    return _parse_relative(words, today)


def _weekday_index(word: str) -> int | None:
    if len(word) < 3:
        return None
    for index, name in enumerate(WEEKDAYS):
        if name.startswith(word):
            return index
    return None


def _parse_relative(words: str, today: date) -> ParsedDay | None:
    match = _RELATIVE.fullmatch(words)
    if match is None:
        if _FUTURE_RELATIVE.fullmatch(words):
            raise UsageError(f"{words!r}: write a future day as a date, like 2025-03-04")
        return None
    count = int(match["n1"] or match["n2"])
    unit = (match["u1"] or match["u2"])[0]
    days = count * (7 if unit == "w" else 1)
    if days > 365 * 200:
        raise UsageError(f"{words!r} is too far in the past")
    return ParsedDay(today - timedelta(days=days), True)


def _parse_written(text: str) -> ParsedDay:
    iso = _ISO.fullmatch(text)
    if iso is not None:
        return ParsedDay(_checked_date(text, *(int(part) for part in iso.groups())), False)
    if not any(ch.isdigit() for ch in text) or not text.isascii():
        raise UsageError(f"{text!r} is not a date; write it like 2025-03-04, today, monday or -3d")
    return ParsedDay(_parse_with_dateutil(text), False)


def _parse_with_dateutil(text: str) -> date:
    from dateutil import parser  # only needed for the rare free-form date

    try:
        # Parsing against two different defaults reveals any part the text left out.
        first = parser.parse(text, default=datetime(2001, 1, 1))
        second = parser.parse(text, default=datetime(2002, 2, 2))
        day_first = parser.parse(text, default=datetime(2001, 1, 1), dayfirst=True)
    except (ValueError, OverflowError) as error:
        raise UsageError(f"{text!r} is not a valid date: {_reason(error)}") from None
    if first.date() != second.date():
        raise UsageError(f"{text!r} is not a full date; give the year, month and day")
    if first.date() != day_first.date():
        raise UsageError(
            f"{text!r} is ambiguous ({first.date().isoformat()} or "
            f"{day_first.date().isoformat()}); write it as YYYY-MM-DD"
        )
    return first.date()


def _checked_date(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as error:
        raise UsageError(f"{text!r} is not a valid date: {error}") from None


def _reason(error: Exception) -> str:
    return str(error).split(":")[0] or "unknown format"


def day_label(day: date) -> str:
    """How a day is printed: ``Sun 2026-11-22``."""
    return f"{day:%a} {day.isoformat()}"
