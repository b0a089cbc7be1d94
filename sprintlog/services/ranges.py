"""Ranges of days that need the journal: weeks (its ``week_start``) and sprints."""

from datetime import date

from sqlmodel import Session

from sprintlog.dates import DayRange, RangeSpec, SprintOf, WeekOf
from sprintlog.errors import NotFound
from sprintlog.services import sprints as sprint_service
from sprintlog.setting_specs import Settings


def resolve(session: Session, *, spec: RangeSpec, settings: Settings, today: date) -> DayRange:
    """The days of a range parsed by ``dates.parse_range``."""
    if isinstance(spec, WeekOf):
        return spec.days(settings.week_start)
    if isinstance(spec, SprintOf):
        return _sprint_days(session, spec=spec, today=today)
    return spec


def _sprint_days(session: Session, *, spec: SprintOf, today: date) -> DayRange:
    if spec.number is not None:
        sprint = sprint_service.get(session, number=spec.number)
    else:
        current = sprint_service.resolve(session, number=None, today=today)
        sprint = current
        if spec.offset:
            wanted = current.number + spec.offset
            found = sprint_service.find(session, number=wanted) if wanted >= 1 else None
            if found is None:
                where = "before" if spec.offset < 0 else "after"
                raise NotFound(f"there is no sprint {where} sprint {current.number}")
            sprint = found
    return DayRange(sprint.start_day, sprint.end_day)
