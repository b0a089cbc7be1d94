"""Calendar days and ranges of days from the words a user types.

Everything is a local calendar day (``datetime.date``). "Today" is always passed in, so
that tests can pin it and so that one command sees one "today" from start to end.
A range ("last week", "june 2025", "sprint 3") is parsed here; the ranges that need the
journal (its ``week_start`` setting, its sprints) are returned as a description that
``services.ranges`` resolves, so that this module never touches the database.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import NamedTuple

from sprintlog.errors import UsageError


class _Pattern:
    """A regular expression compiled on first use, so that `log` without a date compiles none."""

    def __init__(self, source: str) -> None:
        self.source = source

    @cached_property
    def _compiled(self) -> re.Pattern[str]:
        return re.compile(self.source, re.ASCII)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self._compiled.fullmatch(text)

    def findall(self, text: str) -> list[str]:
        return self._compiled.findall(text)


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
FIRST_YEAR, LAST_YEAR = 1900, 2200  # a year outside these is a typo, not a study day
MAX_LENGTH = 80  # "Thursday, 29 February 2024 at 11:59 p.m." is half of it

_HINT = "write it like 2025-03-04, today, monday or -3d"
_UNIT = r"(?:d|days?|w|weeks?)"
_RELATIVE = _Pattern(
    rf"(?:-(?P<n1>\d{{1,9}})\s*(?P<u1>{_UNIT})|(?P<n2>\d{{1,9}}|a|one)\s*(?P<u2>{_UNIT})\s+ago)",
)
_FUTURE_RELATIVE = _Pattern(rf"(?:\+\d+\s*{_UNIT}|in\s+(?:\d+|a|one)\s*{_UNIT})")
# A date that starts with a four-digit year is year-month-day, whatever the separator.
_YEAR_FIRST = _Pattern(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})|(\d{4})(\d{2})(\d{2})")
_FOUR_DIGITS = _Pattern(r"(?<!\d)\d{4}(?!\d)")
# A time of day after the date ("today 9am", "yesterday at 11:59pm", "2025-03-04T10:30Z"):
# the day is kept and the time dropped, since an entry stores no time.
_TIME = _Pattern(
    r"(?P<rest>.*?)(?:[\s,]+(?:at\s+|@\s*)?|t)"
    r"(?:(?P<hour>\d{1,2})(?::(?P<minute>\d{2})(?::\d{2}(?:\.\d+)?)?)?\s*(?P<half>[ap]\.?m\.?)?"
    r"(?:z|[+-]\d{2}(?::?\d{2})?)?|noon|midnight)",
)


@dataclass(frozen=True)
class ParsedDay:
    day: date
    in_words: bool  # True when the user did not write the date out (echo it back to them)


def local_day(moment: datetime) -> date:
    """The calendar day of an aware ``moment`` where this process is (its TZ)."""
    return moment.astimezone().date()


def parse_day(text: str, *, today: date, allow_future: bool = True) -> ParsedDay:
    """Parse a day, or raise UsageError saying why it is not one."""
    shown = text.strip()
    words = _normalized(text)
    if not words:
        raise UsageError(f"a date is empty; {_HINT}")
    _check_length(words, shown)
    coming = _next_weekday(words, today) if allow_future else None
    parsed = coming or _parse_dated(_without_time(words, shown), shown, today)
    if not allow_future and parsed.day > today:
        # Name the day once: echo it only when it was given in words ("tomorrow").
        said = (
            f"{shown!r} is {parsed.day.isoformat()},"
            if parsed.in_words
            else f"{parsed.day.isoformat()} is"
        )
        raise UsageError(f"{said} in the future")
    if not FIRST_YEAR <= parsed.day.year <= LAST_YEAR:
        direction = "past" if parsed.day < today else "future"
        raise UsageError(f"{shown!r} is too far in the {direction}")
    return parsed


def _normalized(text: str) -> str:
    return " ".join(text.strip().lower().split())


def _check_length(words: str, shown: str) -> None:
    # No date is this long; and the patterns below need not be fast on pages of text.
    if len(words) > MAX_LENGTH:
        raise UsageError(f"{shown[:20]!r}… is too long for a date ({len(shown)} characters)")


def _without_time(words: str, shown: str) -> str:
    match = _TIME.fullmatch(words)
    if match is None or not match["rest"]:
        return words
    hour, minute, half = match["hour"], match["minute"], match["half"]
    if hour is not None and minute is None and half is None:
        return words  # a bare number is part of the date ("4 March 25"), not a time
    if hour is not None:
        top = 12 if half else 23
        if int(hour) > top or (half and int(hour) == 0) or int(minute or 0) > 59:
            raise UsageError(f"{shown!r} has an impossible time of day")
    return match["rest"]


def _parse_dated(words: str, shown: str, today: date) -> ParsedDay:
    """A day, maybe with its weekday ("Sunday, 2025-11-09"), which must then agree."""
    named, rest = _split_weekday(words)
    parsed = _parse_words(rest, today) or _parse_written(rest, shown, today)
    if named is not None and parsed.day.weekday() != named:
        real = WEEKDAYS[parsed.day.weekday()].capitalize()
        raise UsageError(
            f"{shown!r}: {parsed.day.isoformat()} is a {real}, not a {WEEKDAYS[named].capitalize()}"
        )
    return parsed


def _split_weekday(words: str) -> tuple[int | None, str]:
    """A weekday name before or after a date: its index and the date without it."""
    parts = words.split(" ")
    if len(parts) >= 2:
        for named, rest in ((parts[0], parts[1:]), (parts[-1], parts[:-1])):
            index = _weekday_index(named.strip(",."))
            remainder = " ".join(rest).strip(" ,")
            if index is not None and any(ch.isdigit() for ch in remainder):
                return index, remainder
    return None, words


def _parse_words(words: str, today: date) -> ParsedDay | None:
    if words in ("today", "now"):
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


def _next_weekday(words: str, today: date) -> ParsedDay | None:
    """``next monday``: the first Monday after today, where a future day may be meant
    (planning a sprint or a break; ``log`` takes only days that have been)."""
    if not words.startswith("next "):
        return None
    weekday = _weekday_index(words[5:])
    if weekday is None:
        return None
    return ParsedDay(today + timedelta(days=(weekday - today.weekday()) % 7 or 7), True)


def _weekday_index(word: str) -> int | None:
    return _index_of(word, WEEKDAYS)


def _index_of(word: str, names: tuple[str, ...]) -> int | None:
    if len(word) < 3:
        return None
    for index, name in enumerate(names):
        if name.startswith(word):
            return index
    return None


def _parse_relative(words: str, today: date) -> ParsedDay | None:
    match = _RELATIVE.fullmatch(words)
    if match is None:
        if _FUTURE_RELATIVE.fullmatch(words):
            raise UsageError(f"{words!r}: write a future day as a date, like 2025-03-04")
        return None
    number = match["n1"] or match["n2"]
    count = 1 if number in ("a", "one") else int(number)
    unit = (match["u1"] or match["u2"])[0]
    days = count * (7 if unit == "w" else 1)
    if days > 365 * 200:
        raise UsageError(f"{words!r} is too far in the past")
    return ParsedDay(today - timedelta(days=days), True)


def _parse_written(words: str, shown: str, today: date) -> ParsedDay:
    year_first = _YEAR_FIRST.fullmatch(words)
    if year_first is not None:
        parts = [int(part) for part in year_first.groups() if part and part.isdigit()]
        return ParsedDay(_checked_date(shown, *parts), False)
    if not any(ch.isdigit() for ch in words) or not words.isascii():
        kind = _range_kind(words, today)
        if kind is not None:
            raise UsageError(f"{shown!r} is a range of days (a {kind}), not one day; {_HINT}")
        raise UsageError(f"{shown!r} is not a date; {_HINT}")
    years = _FOUR_DIGITS.findall(words)
    for year in years:
        _check_year(shown, year)
    kind = _range_kind(words, today)
    if kind is not None:
        raise UsageError(f"{shown!r} is not a full date but a whole {kind}; give the day too")
    return ParsedDay(_parse_with_dateutil(words, shown, years), False)


def _check_year(shown: str, year: str) -> None:
    if not FIRST_YEAR <= int(year) <= LAST_YEAR:
        raise UsageError(
            f"{shown!r}: the year {year} is out of range; years {FIRST_YEAR} to {LAST_YEAR} are"
            " accepted"
        )


def _parse_with_dateutil(words: str, shown: str, years: list[str]) -> date:
    year_first = words[:4].isdigit()
    # Parsing against two different defaults reveals any part the text left out. Both are
    # in leap years and months of 31 days, so that "Feb 29" and "31" parse to say so.
    first = _dateutil(words, shown, datetime(2000, 1, 1), year_first=year_first)
    second = _dateutil(words, shown, datetime(2004, 3, 3), year_first=year_first)
    if first != second:
        raise UsageError(f"{shown!r} is not a full date; give the year, month and day")
    if str(first.year) not in years:
        from contextlib import suppress

        readings = {first}
        with suppress(UsageError):  # the year read first may make no date at all
            readings.add(_dateutil(words, shown, datetime(2000, 1, 1), year_first=True))
        listed = " or ".join(sorted(day.isoformat() for day in readings))
        raise UsageError(
            f"{shown!r} does not give the year in full: {listed}? Write it as YYYY-MM-DD"
        )
    if not year_first:
        day_first = _dateutil(words, shown, datetime(2000, 1, 1), day_first=True)
        if first != day_first:
            raise UsageError(
                f"{shown!r} is ambiguous ({first.isoformat()} or {day_first.isoformat()});"
                " write it as YYYY-MM-DD"
            )
    return first


def _dateutil(
    words: str, shown: str, default: datetime, *, year_first: bool = False, day_first: bool = False
) -> date:
    from dateutil import parser  # only needed for the rare free-form date

    try:
        return parser.parse(words, default=default, yearfirst=year_first, dayfirst=day_first).date()
    except (ValueError, OverflowError) as error:
        if str(error).startswith("Unknown string format"):
            raise UsageError(f"{shown!r} is not a date; {_HINT}") from None
        raise UsageError(f"{shown!r} is not a valid date: {_reason(error)}") from None


def _checked_date(shown: str, year: int, month: int, day: int) -> date:
    _check_year(shown, f"{year:04d}")
    try:
        return date(year, month, day)
    except ValueError as error:
        raise UsageError(f"{shown!r} is not a valid date: {error}") from None


def _reason(error: Exception) -> str:
    return str(error).split(":")[0] or "unknown format"


class DayRange(NamedTuple):
    """The days from ``first`` to ``last``, both included."""

    first: date
    last: date


class WeekOf(NamedTuple):
    """The week holding ``day``; the journal's ``week_start`` setting says where it starts."""

    day: date

    def days(self, week_start: str) -> DayRange:
        back = (self.day.weekday() - WEEKDAYS.index(week_start)) % 7
        first = self.day - timedelta(days=back)
        return DayRange(first, first + timedelta(days=6))


class SprintOf(NamedTuple):
    """Sprint ``number``, or (number None) the current sprint moved by ``offset``."""

    number: int | None = None
    offset: int = 0


RangeSpec = DayRange | WeekOf | SprintOf  # named tuples: cheaper to define than dataclasses


class ParsedRange(NamedTuple):
    spec: RangeSpec
    in_words: bool  # True unless it was one day written out (echo the days back)


_RANGE_HINT = "write it like last week, this month, june 2025, 2025, sprint 3 or a day"
_OFFSETS = {"this": 0, "current": 0, "last": -1, "previous": -1, "next": 1}
_NAMED_RANGE = _Pattern(r"(this|current|last|previous|next) (week|month|year|sprint)")
_SPRINT = _Pattern(r"sprint #?(\d{1,9})")
_MONTH_YEAR = _Pattern(r"([a-z]{3,})\.?,? (\d{4})|(\d{4}),? ([a-z]{3,})\.?|(\d{4})-(\d{1,2})")


def parse_range(text: str, *, today: date) -> ParsedRange:
    """Parse a range of days ("last week", "june 2025", "sprint 3", or one day)."""
    words = _normalized(text)
    if not words:
        raise UsageError(f"a range is empty; {_RANGE_HINT}")
    _check_length(words, text.strip())
    month = _index_of(words.rstrip("."), MONTHS)
    if month is not None:
        latest = today.year - (1 if month + 1 > today.month else 0)  # the most recent one
        raise UsageError(
            f"{text.strip()!r} names no year; write it like {words.rstrip('.')} {latest}"
        )
    found = _range_words(words, text.strip(), today)
    if found is not None:
        return ParsedRange(found[1], True)
    parsed = parse_day(text, today=today)
    return ParsedRange(DayRange(parsed.day, parsed.day), parsed.in_words)


def _range_kind(words: str, today: date) -> str | None:
    """ "week", "month", "year" or "sprint" when ``words`` name such a range, else None."""
    found = _range_words(words, words, today)
    return None if found is None else found[0]


def _range_words(words: str, shown: str, today: date) -> tuple[str, RangeSpec] | None:
    named = _NAMED_RANGE.fullmatch(words)
    if named is not None:
        return named[2], _named_range(_OFFSETS[named[1]], named[2], today)
    sprint = _SPRINT.fullmatch(words)
    if sprint is not None:
        return "sprint", SprintOf(number=int(sprint[1]))
    if _FOUR_DIGITS.fullmatch(words):
        _check_year(shown, words)
        return "year", DayRange(date(int(words), 1, 1), date(int(words), 12, 31))
    month = _MONTH_YEAR.fullmatch(words)
    if month is None:
        return None
    year = month[2] or month[3] or month[5]
    if month[6] is not None:
        number = int(month[6])
    else:
        index = _index_of(month[1] or month[4], MONTHS)
        if index is None:
            return None
        number = index + 1
    _check_year(shown, year)
    if not 1 <= number <= 12:
        raise UsageError(f"{shown!r} is not a valid month: month must be in 1..12")
    return "month", _month(int(year), number)


def _named_range(offset: int, unit: str, today: date) -> RangeSpec:
    if unit == "week":
        return WeekOf(today + timedelta(days=7 * offset))
    if unit == "sprint":
        return SprintOf(offset=offset)
    if unit == "year":
        return DayRange(date(today.year + offset, 1, 1), date(today.year + offset, 12, 31))
    months = today.year * 12 + today.month - 1 + offset
    return _month(months // 12, months % 12 + 1)


def _month(year: int, month: int) -> DayRange:
    following = date(year + month // 12, month % 12 + 1, 1)
    return DayRange(date(year, month, 1), following - timedelta(days=1))


def day_label(day: date) -> str:
    """How a day is printed: ``Sun 2026-11-22``."""
    return f"{day:%a} {day.isoformat()}"
