"""What may be stored in a journal: the one gate every writer passes.

``log`` and every edit (through ``text.checked_text`` and ``checked_minutes``), every
importer (services/exchange/importing.py for other programs' files, formats/native.py
for sprintlog's own document, which a merge reads too) and ``db copy`` (storage/copy.py)
ask this module, on SQLite and PostgreSQL alike, so that a journal never holds what
another backend, a later export or the import of that export would refuse:

- text: no NUL (PostgreSQL cannot store one), valid UTF-8, at most MAX_TEXT_BYTES;
- names and identifiers within their columns' sizes (SIZES: the ``VARCHAR(n)`` columns
  of models.py; SQLite would keep a longer one, PostgreSQL refuses it);
- days within the years the command line accepts (rules/dates.py);
- minutes from 0 to MAX_MINUTES: one entry is at most a day's study;
- whole numbers within PostgreSQL's INTEGER.

Each rule has a name (RULES): ``problems`` gives every rule a value breaks, so that ``db
copy`` can tell a row its target refuses (storage/dialects.py: which rules a database
enforces itself) from one only sprintlog refuses, which an older version let in.

A problem is said in words naming the field, quoting at most QUOTE characters of a
value, so that a message about a 50 MB value is still one short line. Pure: no
database; tests/test_stored.py checks SIZES, DAYS and MINUTES against models.py.
"""

from collections.abc import Iterator, Mapping
from datetime import date
from typing import NamedTuple

from sprintlog.errors import UsageError
from sprintlog.rules import dates

MAX_TEXT_BYTES = 4 * 1024 * 1024
MAX_MINUTES = 24 * 60  # a day: a session longer than that is a timer left running
FIRST_YEAR, LAST_YEAR = dates.FIRST_YEAR, dates.LAST_YEAR
SMALLEST, LARGEST = -(2**31), 2**31 - 1  # PostgreSQL's INTEGER
QUOTE = 40

_UUID = 32
# The columns of models.py declared with a size (VARCHAR(n)): (table, column) -> n.
SIZES: dict[tuple[str, str], int] = {
    **{
        (table, "uuid"): _UUID
        for table in ("sprint", "goal", "task", "entry", "reading_item", "question", "study_break")
    },
    ("goal", "status"): 16,
    ("task", "status"): 16,
    ("task", "letter"): 1,
    ("setting", "key"): 64,
    ("reading_item", "category"): 200,
    ("reading_item", "status"): 16,
    ("acronym", "term"): 64,
    ("entry_tag", "tag"): 100,
    ("entry_tag", "written"): 100,
    ("import_source", "source"): 16,
    ("import_source", "source_id"): 200,
    ("import_source", "row_table"): 32,
    ("import_source", "row_uuid"): _UUID,
    ("goal", "previous_status"): 16,
    ("task", "previous_status"): 16,
    ("removal", "uuid"): _UUID,
    ("removal", "row_table"): 32,
    ("exchange_base", "peer"): _UUID,
    ("exchange_base", "row_uuid"): _UUID,
    ("import_source", "imported_state"): 64,
}
# The columns holding a calendar day (a DATE).
DAYS = frozenset(
    {
        ("sprint", "start_day"),
        ("sprint", "end_day"),
        ("entry", "day"),
        ("reading_item", "added_on"),
        ("reading_item", "started_on"),
        ("reading_item", "finished_on"),
        ("question", "asked_on"),
        ("question", "resolved_on"),
        ("study_break", "start_day"),
        ("study_break", "end_day"),
        ("timer", "day"),
    }
)
MINUTES = frozenset({("entry", "minutes")})


def quoted(value: object, limit: int = QUOTE) -> str:
    """``value`` as Python would quote it, cut after ``limit`` characters."""
    text = str(value)
    return repr(text[:limit]) + ("…" if len(text) > limit else "")


class Problem(NamedTuple):
    """One rule a value breaks: which (one of RULES), and what is wrong, in words."""

    rule: str
    words: str


# The rules, by name. A database itself enforces some of them (storage/dialects.py says
# which: PostgreSQL stores no NUL, nothing longer than its VARCHAR(n), no whole number
# past INTEGER); the others are sprintlog's own, which an older version let imports break.
NUL, SIZE, BYTES, UTF8, DAY, MINUTE, INTEGER = (
    "nul", "size", "bytes", "utf8", "day", "minutes", "integer"
)  # fmt: skip
RULES = (NUL, SIZE, BYTES, UTF8, DAY, MINUTE, INTEGER)


def text_problem(text: str, what: str, size: int | None = None) -> str | None:
    """What is wrong with storing ``text`` (a ``what``), or None."""
    return next((found.words for found in _text_problems(text, what, size)), None)


def _text_problems(text: str, what: str, size: int | None) -> Iterator[Problem]:
    if "\x00" in text:
        yield Problem(NUL, f"the {what} contains a NUL character, which cannot be stored")
    if size is not None and len(text) > size:
        yield Problem(SIZE, f"the {what} is {len(text):,} characters long; at most {size} fit")
    if len(text) * 4 > MAX_TEXT_BYTES:  # (a shorter one is within the limit in any case)
        length = len(text.encode("utf-8", "surrogatepass"))
        if length > MAX_TEXT_BYTES:
            yield Problem(
                BYTES,
                f"the {what} is {length / 1048576:.1f} MiB; "
                f"the limit is {MAX_TEXT_BYTES // 1048576} MiB",
            )
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            yield Problem(UTF8, f"the {what} is not valid UTF-8")


def day_problem(value: object, what: str) -> str | None:
    """What is wrong with storing ``value`` (a date, or an ISO day) as a day, or None."""
    day = value
    if isinstance(value, str):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return f"the {what} {quoted(value)} is not a date"
    if not isinstance(day, date):
        return f"the {what} is not a date"
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return f"the {what} {day.isoformat()} is outside the years {FIRST_YEAR} to {LAST_YEAR}"
    return None


def minutes_problem(value: object, what: str = "minutes") -> str | None:
    """What is wrong with storing ``value`` as an entry's minutes, or None."""
    if isinstance(value, bool) or not isinstance(value, int):
        return f"the {what} are not a whole number"
    if not 0 <= value <= MAX_MINUTES:
        return f"the {what} ({value:,}) are not from 0 to {MAX_MINUTES} (one day)"
    return None


def problem(table: str, column: str, value: object, *, what: str | None = None) -> str | None:
    """What is wrong with storing ``value`` in ``table.column``, in words, or None."""
    return next((found.words for found in problems(table, column, value, what=what)), None)


def problems(table: str, column: str, value: object, *, what: str | None = None) -> list[Problem]:
    """Every rule that storing ``value`` in ``table.column`` breaks (the first is what
    ``problem`` says)."""
    name = what or column.replace("_", " ")
    found: list[Problem] = []
    if value is None:
        return found
    if (table, column) in DAYS:
        words = day_problem(value, name)
        return found if words is None else [Problem(DAY, words)]
    if (table, column) in MINUTES:
        words = minutes_problem(value, name)
        found += [] if words is None else [Problem(MINUTE, words)]
    if isinstance(value, bool):
        return found
    if isinstance(value, int) and not SMALLEST <= value <= LARGEST:
        words = f"the {name} {quoted(value, 20)} is out of range (at most {LARGEST:,})"
        found.append(Problem(INTEGER, words))
    if isinstance(value, str):
        found += _text_problems(value, name, SIZES.get((table, column)))
    return found


def row_problem(
    table: str, row: Mapping[str, object], *, names: Mapping[str, str] | None = None
) -> str | None:
    """The first problem of storing ``row`` (column -> value) in ``table``, or None.

    ``names`` says what a column is called where the row came from (``"source_id"`` is
    a Watson frame's ``"id"``).
    """
    for column, value in row.items():
        found = problem(table, column, value, what=(names or {}).get(column))
        if found is not None:
            return found
    return None


def checked(table: str, column: str, value: object, *, what: str) -> None:
    """Raise UsageError if ``value`` may not be stored in ``table.column``."""
    found = problem(table, column, value, what=what)
    if found is not None:
        raise UsageError(found)
