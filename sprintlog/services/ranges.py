"""Ranges of days that need the journal: weeks (its ``week_start``) and sprints."""

from datetime import date

from sprintlog.errors import NotFound
from sprintlog.rules.dates import DayRange, RangeSpec, SprintOf, WeekOf
from sprintlog.rules.setting_specs import Settings
from sprintlog.services import sprint_reads as sprint_service
from sprintlog.storage.reader import Reader


def resolve(reader: Reader, *, spec: RangeSpec, settings: Settings, today: date) -> DayRange:
    """The days of a range parsed by ``dates.parse_range``."""
    if isinstance(spec, WeekOf):
        return spec.days(settings.week_start)
    if isinstance(spec, SprintOf):
        return _sprint_days(reader, spec=spec, today=today)
    return spec


def _sprint_days(reader: Reader, *, spec: SprintOf, today: date) -> DayRange:
    if spec.number is not None:
        sprint = sprint_service.get(reader, number=spec.number)
    else:
        current = sprint_service.resolve(reader, number=None, today=today)
        sprint = current
        if spec.offset:
            wanted = current.number + spec.offset
            found = sprint_service.find(reader, number=wanted) if wanted >= 1 else None
            if found is None:
                where = "before" if spec.offset < 0 else "after"
                raise NotFound(
                    f"there is no sprint {where} sprint {current.number} "
                    "(see `sprintlog sprint list`)"
                )
            sprint = found
    return DayRange(sprint.start_day, sprint.end_day)
