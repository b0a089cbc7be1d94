"""harsh's ``log`` file: the days one habit (the ``habit`` option) was done, and skipped.

Each line is ``YYYY-MM-DD : Habit : y|n|s : comment : amount`` (harsh's
``storage.LoadLog`` splits on " : " and accepts 3 to 5 fields); blank lines and lines
starting with ``#`` are skipped, and of two lines for the same day and habit the later
wins, as in harsh. For the chosen habit:

- ``y`` becomes an entry on that day, its text the comment (the habit's name when there
  is none). harsh's amount has no unit (it may be kilometres or pages), so it becomes the
  entry's minutes only with ``amount="minutes"`` (or ``"hours"``); otherwise it is not
  imported and ``ignored`` says how many amounts were left out.
- ``s`` (skipped on purpose): each run of consecutive skipped days becomes one break,
  its reason the comments of those days.
- ``n`` is not imported (counted in ``ignored``), nor are other habits' lines.

harsh prints a warning and skips a line it cannot read; we refuse the file instead,
naming the line, so nothing is imported from a log we misread.
"""

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sprintlog.errors import BadImport
from sprintlog.rules import stored
from sprintlog.services.exchange.formats.parsed import ImportedBreak, ImportedEntry, Parsed

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_LOOKS = re.compile(r"\d{4}-\d{2}-\d{2} : [^\n]*? : [yns](?: : |\r?$)", re.ASCII)
_SHAPE = "YYYY-MM-DD : Habit : y|n|s : comment : amount"
_UNITS = {"minutes": 1, "hours": 60}
_MAX_MINUTES = stored.MAX_MINUTES


@dataclass(frozen=True)
class Line:
    number: int
    day: date
    habit: str
    result: str
    comment: str
    amount: str


def looks_like(text: str) -> bool:
    """The first line that is not blank or a comment is a harsh log line."""
    for line in text[:4000].split("\n"):
        if line.strip() and not line.startswith("#"):
            return _LOOKS.match(line) is not None
    return False


def read(
    text: str, file: str, *, habit: str | None = None, amount: str | None = None, **options: Any
) -> Parsed:
    if amount is not None and amount not in _UNITS:
        raise BadImport(file, None, f"amount must be 'minutes' or 'hours', not {amount!r}")
    latest = _latest(_lines(text, file))
    chosen = _habit(habit, latest, file)
    mine = [line for line in latest if line.habit == chosen]
    parsed = Parsed(source="harsh")
    parsed.entries = [_entry(line, amount, file) for line in mine if line.result == "y"]
    parsed.breaks = _breaks([line for line in mine if line.result == "s"], chosen)
    _note_ignored(parsed, latest, mine, chosen, amount)
    return parsed


def _lines(text: str, file: str) -> list[Line]:
    if not text.strip():
        raise BadImport(file, None, "the file is empty")
    out = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")  # as Go's bufio.ScanLines
        if line and not line.startswith("#"):
            out.append(_line(line, number, file))
    if not out:
        raise BadImport(file, None, f"no harsh log line ({_SHAPE}) in the file")
    return out


def _line(line: str, number: int, file: str) -> Line:
    place = f"line {number}"
    fields = line.split(" : ")
    if not 3 <= len(fields) <= 5:
        raise BadImport(file, place, f"expected '{_SHAPE}', found {len(fields)} fields")
    if not _DATE.fullmatch(fields[0]):
        raise BadImport(file, place, f"expected a date like 2025-03-04, found {fields[0][:40]!r}")
    try:
        day = date.fromisoformat(fields[0])
    except ValueError:
        raise BadImport(file, place, f"{fields[0]} is not a date") from None
    if not fields[1].strip():
        raise BadImport(file, place, "the habit's name is empty")
    result = fields[2].strip()
    if result not in ("y", "n", "s"):
        raise BadImport(file, place, f"expected y, n or s, found {result[:20]!r}")
    fields += [""] * (5 - len(fields))
    return Line(number, day, fields[1], result, fields[3], fields[4])


def _latest(lines: list[Line]) -> list[Line]:
    """One line per (day, habit), the later one winning as in harsh; sorted by day."""
    latest: dict[tuple[date, str], Line] = {}
    for line in lines:
        latest[(line.day, line.habit)] = line
    return sorted(latest.values(), key=lambda line: (line.day, line.number))


def _habit(habit: str | None, lines: list[Line], file: str) -> str:
    """The habit asked for: its exact name, else the one name equal to it ignoring case."""
    names = sorted({line.habit for line in lines}, key=str.casefold)
    listed = ", ".join(repr(name) for name in names)
    if habit is None or not habit.strip():
        raise BadImport(file, None, f"say which habit means studying (--habit); found {listed}")
    if habit in names:
        return habit
    folded = [name for name in names if name.strip().casefold() == habit.strip().casefold()]
    if len(folded) == 1:
        return folded[0]
    raise BadImport(file, None, f"no habit {habit!r} in the log; found {listed}")


def _entry(line: Line, amount: str | None, file: str) -> ImportedEntry:
    return ImportedEntry(
        source_id=f"{line.day.isoformat()}:{line.habit}",
        day=line.day,
        text=line.comment.strip() or line.habit.strip(),
        place=f"line {line.number}",
        minutes=_minutes(line, amount, file) if amount else None,
    )


def _minutes(line: Line, unit: str, file: str) -> int | None:
    """The amount in minutes (None when there is none: harsh writes 0 or nothing)."""
    if not line.amount.strip():
        return None
    try:
        value = float(line.amount)
    except ValueError:
        problem = f"the amount {stored.quoted(line.amount)} is not a number"
        raise BadImport(file, f"line {line.number}", problem) from None
    if not math.isfinite(value) or value < 0 or value * _UNITS[unit] > _MAX_MINUTES:
        problem = f"the amount {stored.quoted(line.amount)} is not a day's {unit}"
        raise BadImport(file, f"line {line.number}", problem)
    minutes = round(value * _UNITS[unit])
    return minutes or None


def _breaks(skips: list[Line], habit: str) -> list[ImportedBreak]:
    """One break per run of consecutive skipped days."""
    runs: list[list[Line]] = []
    for line in skips:
        if runs and line.day - runs[-1][-1].day == timedelta(days=1):
            runs[-1].append(line)
        else:
            runs.append([line])
    return [_break(run, habit) for run in runs]


def _break(run: list[Line], habit: str) -> ImportedBreak:
    comments = [line.comment.strip() for line in run if line.comment.strip()]
    reason = "; ".join(dict.fromkeys(comments)) or None
    first, last = run[0], run[-1]
    place = f"line {first.number}" if len(run) == 1 else f"lines {first.number}–{last.number}"
    return ImportedBreak(
        source_id=f"{first.day.isoformat()}:{habit}",
        start=first.day,
        end=last.day,
        place=place,
        reason=reason,
    )


def _note_ignored(
    parsed: Parsed, latest: list[Line], mine: list[Line], habit: str, amount: str | None
) -> None:
    noes = sum(1 for line in mine if line.result == "n")
    if noes:
        parsed.ignored.append(f"{noes} 'n' line(s) of {habit}")
    others = sorted({line.habit for line in latest} - {habit}, key=str.casefold)
    if others:
        count = len(latest) - len(mine)
        parsed.ignored.append(f"{count} line(s) of other habits ({', '.join(others)})")
    if amount is None:
        with_amount = sum(1 for line in mine if line.result == "y" and _nonzero(line.amount))
        if with_amount:
            parsed.ignored.append(
                f"{with_amount} amount(s) of {habit} (harsh records no unit: "
                "amount='minutes' or 'hours' imports them as minutes)"
            )


def _nonzero(amount: str) -> bool:
    try:
        return float(amount) != 0
    except ValueError:
        return bool(amount.strip())
