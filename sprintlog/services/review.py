"""Everything a sprint's review post shows, gathered in a fixed number of queries."""

from datetime import date, timedelta
from typing import Any

from sprintlog.records import (
    derived_status,
)
from sprintlog.rules.setting_specs import Settings
from sprintlog.services import breaks, carry, entries, glossary, reading, sprint_reads, streaks
from sprintlog.shown.review_post import Review
from sprintlog.storage.reader import Reader
from sprintlog.storage.sql import status as status_sql


def gather(
    reader: Reader, *, sprint: Any, settings: Settings, today: date, link_next: bool = False
) -> Review:
    """The review of sprint number ``sprint.number`` (a records.Sprint or the ORM's).

    ``link_next``: the next sprint's post exists where this one goes, so "Next" may link it.
    """
    sprint = sprint_reads.with_goals(reader, sprint=sprint_reads.get(reader, number=sprint.number))
    following = sprint_reads.find(reader, number=sprint.number + 1)
    if following is not None:
        sprint_reads.with_goals(reader, sprint=following)
    # As of the end of the sprint's last day, whenever the post is rendered: the day after
    # it, every week of the sprint is over and judged (a partial last week prorated).
    streak = streaks.at_end_of(reader, settings=settings, day=sprint.end_day)
    over = sprint.end_day + timedelta(days=1)
    as_of = min(today, sprint.end_day)  # the post's date
    logged = entries.query(reader, filters=entries.Filters(sprint=sprint))
    return Review(
        sprint=sprint,
        settings=settings,
        entries=logged,
        adherence=streaks.adherence(reader, sprint=sprint, settings=settings, today=over),
        streak_weeks=streak.current.weeks if streak.current else 0,
        reading=reading.at_end_of(reader, first=sprint.start_day, last=sprint.end_day),
        questions=glossary.open_on(reader, day=sprint.end_day),
        acronyms=glossary.acronyms(reader),
        carried=carry.carried_info(reader, following, settings.prefix) if following else {},
        next_goals=following.goals if following else None,
        plan=carry.plan(sprint.goals, settings.prefix, to_carry=following is None),
        has_previous=sprint.number > 1,
        has_next=link_next and following is not None,
        dated=as_of,  # a running sprint's post: today, never a day still to come
        statuses={goal.id: derived_status(goal).value for goal in sprint.goals},
        next_sprint=following,
        tags=entries.tags_of(reader, logged),
        goal_minutes=_goal_minutes(reader, sprint) if sprint.goals else {},
        break_days=breaks.load(reader, since=sprint.start_day, until=sprint.end_day).days(
            sprint.start_day, sprint.end_day
        ),
    )


def _goal_minutes(reader: Reader, sprint: Any) -> dict[int, int]:
    """Minutes logged against each goal of the sprint (an entry counts once per goal)."""
    rows = reader.rows(status_sql.GOAL_ACTIVITY, sprint=sprint.id)
    return {goal_id: int(minutes) for goal_id, _days, minutes, _last in rows if minutes}
