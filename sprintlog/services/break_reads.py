"""The study breaks of a range of days, read by the daily commands (status, streak, the
post) through their reader: plain SQL, no ORM (editing breaks is breaks.py's)."""

from datetime import date

from sprintlog.break_days import Breaks, Span
from sprintlog.storage import queries
from sprintlog.storage.reader import Reader

EARLIEST = date(1, 1, 1)


def load(reader: Reader, *, since: date = EARLIEST, until: date) -> Breaks:
    """The breaks that share a day with [since, until]."""
    found = reader.rows(queries.BREAKS_BETWEEN, since=since, until=until)
    return Breaks(tuple(Span(*row) for row in found))
