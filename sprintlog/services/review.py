"""Everything a sprint's review post shows, gathered in a fixed number of queries."""

from datetime import date
from typing import Any

from sprintlog.records import (
    derived_status,
)
from sprintlog.rules.setting_specs import Settings
from sprintlog.services import breaks, carry, entries, glossary, reading, sprint_reads, streaks
from sprintlog.shown.review_post import Review
from sprintlog.storage.reader import Reader


def gather(reader: Reader, *, sprint: Any, settings: Settings, today: date) -> Review:
    """The review of sprint number ``sprint.number`` (a records.Sprint or the ORM's)."""
    sprint = sprint_reads.with_goals(reader, sprint=sprint_reads.get(reader, number=sprint.number))
    as_of = min(today, sprint.end_day)
    following = sprint_reads.find(reader, number=sprint.number + 1)
    if following is not None:
        sprint_reads.with_goals(reader, sprint=following)
    report = streaks.report(reader, settings=settings, today=as_of, recent_weeks=1)
    logged = entries.query(reader, filters=entries.Filters(sprint=sprint))
    return Review(
        sprint=sprint,
        settings=settings,
        entries=logged,
        adherence=streaks.adherence(reader, sprint=sprint, settings=settings, today=today),
        streak_weeks=report.current.weeks if report.current else 0,
        reading=reading.at_end_of(reader, first=sprint.start_day, last=sprint.end_day),
        questions=glossary.open_on(reader, day=sprint.end_day),
        acronyms=glossary.acronyms(reader),
        carried=carry.carried_info(reader, following, settings.prefix) if following else {},
        next_goals=following.goals if following else None,
        plan=carry.plan(sprint.goals, settings.prefix, to_carry=following is None),
        has_previous=sprint.number > 1,
        has_next=following is not None,
        statuses={goal.id: derived_status(goal).value for goal in sprint.goals},
        next_sprint=following,
        tags=entries.tags_of(reader, logged),
        break_days=breaks.load(reader, since=sprint.start_day, until=sprint.end_day).days(
            sprint.start_day, sprint.end_day
        ),
    )
