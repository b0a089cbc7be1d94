"""``sprintlog report``: days and minutes over any range, by goal, task, tag, week, month
or sprint, from SQL aggregates (storage/learner_queries.py) bounded by the range."""

from datetime import date
from typing import TYPE_CHECKING

from sprintlog import report_rows
from sprintlog.errors import UsageError
from sprintlog.report_rows import DayRow, Report
from sprintlog.setting_specs import Settings
from sprintlog.storage import learner_queries as q
from sprintlog.storage import queries
from sprintlog.storage.reader import Reader
from sprintlog.weeks import Weeks

if TYPE_CHECKING:
    import sqlite3

    from sqlalchemy.engine import Connection


def build(
    reader: Reader,
    *,
    settings: Settings,
    since: date | None,
    until: date | None,
    by: str,
    today: date,
) -> Report:
    """The report of [since, until] (the last 12 weeks by default) grouped ``by``."""
    if by not in report_rows.BY:
        raise UsageError(f"--by takes one of {', '.join(report_rows.BY)}, not {by!r}")
    weeks = Weeks(settings.week_start)
    default_since, default_until = report_rows.default_range(
        until if until is not None else today, weeks
    )
    first = since if since is not None else default_since
    last = until if until is not None else max(default_until, first)
    if first > last:
        raise UsageError(f"the report would start ({first.isoformat()}) after it ends")
    connection = reader.connection
    bounds = {"since": first, "until": last}
    days = [DayRow(*row) for row in reader.rows(queries.REPORT_DAYS, **bounds)]
    return Report(
        first, last, by, _rows(connection, by, days, bounds, settings), report_rows.total(days)
    )


def _rows(
    connection: "sqlite3.Connection | Connection",
    by: str,
    days: list[DayRow],
    bounds: dict[str, date],
    settings: Settings,
) -> list:
    first, last = bounds["since"], bounds["until"]
    if by == "week":
        return report_rows.by_week(days, Weeks(settings.week_start), first, last)
    if by == "month":
        return report_rows.by_month(days, first, last)
    if by == "goal":
        return report_rows.by_goal(q.rows(connection, q.REPORT_GOALS, bounds), settings.prefix)
    if by == "task":
        return report_rows.by_task(q.rows(connection, q.REPORT_TASKS, bounds), settings.prefix)
    if by == "tag":
        return report_rows.by_tag(q.rows(connection, q.REPORT_TAGS, bounds))
    return report_rows.by_sprint(
        q.rows(connection, q.REPORT_SPRINTS, bounds),
        q.rows(connection, q.REPORT_SPRINT_DAYS, bounds),
        q.rows(connection, q.REPORT_CARRIED_BEFORE, bounds),
    )
