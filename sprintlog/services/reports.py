"""``sprintlog report``: days and minutes over any range, by goal, task, tag, week, month
or sprint, from SQL aggregates (storage/sql/reports.py) bounded by the range."""

from datetime import date

from sprintlog.errors import UsageError
from sprintlog.rules import report_rows
from sprintlog.rules.report_rows import DayRow, Report
from sprintlog.rules.setting_specs import Settings
from sprintlog.rules.weeks import Weeks
from sprintlog.services import tagging
from sprintlog.storage.reader import Reader
from sprintlog.storage.sql import reports as sql


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
    bounds = {"since": first, "until": last}
    days = [DayRow(*row) for row in reader.rows(sql.DAYS, **bounds)]
    return Report(
        first, last, by, _rows(reader, by, days, bounds, settings), report_rows.total(days)
    )


def _rows(
    reader: Reader,
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
        return report_rows.by_goal(reader.rows(sql.GOALS, **bounds), settings.prefix)
    if by == "task":
        return report_rows.by_task(reader.rows(sql.TASKS, **bounds), settings.prefix)
    if by == "tag":
        spelled = tagging.shown(reader)
        return report_rows.by_tag(
            [(spelled.get(tag, tag), *rest) for tag, *rest in reader.rows(sql.TAGS, **bounds)]
        )
    return report_rows.by_sprint(
        reader.rows(sql.SPRINTS, **bounds),
        reader.rows(sql.SPRINT_DAYS, **bounds),
        reader.rows(sql.CARRIED_BEFORE, **bounds),
    )
