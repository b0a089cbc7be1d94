"""Everything a sprint's review post shows, gathered in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session

from sprintlog.models import Acronym, Entry, Goal, Question, Sprint
from sprintlog.services import breaks, carry, entries, glossary, reading, streaks
from sprintlog.services import sprints as sprint_service
from sprintlog.services.goals import derived_status
from sprintlog.services.reading import ItemAsOf
from sprintlog.setting_specs import Settings


@dataclass(frozen=True)
class Review:
    sprint: Sprint  # with its goals and their tasks
    settings: Settings
    entries: list[Entry]
    adherence: streaks.Adherence
    streak_weeks: int  # the streak of weeks as it stood on the sprint's last day
    reading: list[ItemAsOf]  # as the list stood on the sprint's last day
    questions: list[Question]
    acronyms: list[Acronym]  # all of them; the post keeps those its text uses
    carried: dict[tuple[str, int], carry.Carried]  # of the next sprint's goals and tasks
    next_goals: list[Goal] | None  # the next sprint's goals when it exists
    plan: list[carry.PlanGoal]  # otherwise: what is left of this sprint
    has_previous: bool
    has_next: bool
    statuses: dict[int, str]  # goal id -> the status its tasks add up to (or its own)
    next_sprint: Sprint | None = None  # for its notes, the intro of its goals
    tags: dict[int, list[str]] = field(default_factory=dict)  # entry id -> its tags
    break_days: frozenset[date] = frozenset()  # the sprint's days on a break


def gather(session: Session, *, sprint: Sprint, settings: Settings, today: date) -> Review:
    sprint = sprint_service.with_goals(session, sprint=sprint)
    as_of = min(today, sprint.end_day)
    following = sprint_service.find(session, number=sprint.number + 1)
    next_goals = sprint_service.with_goals(session, sprint=following).goals if following else None
    report = streaks.report(session, settings=settings, today=as_of, recent_weeks=1)
    logged = entries.query(session, filters=entries.Filters(sprint=sprint))
    return Review(
        sprint=sprint,
        settings=settings,
        entries=logged,
        adherence=streaks.adherence(session, sprint=sprint, settings=settings, today=today),
        streak_weeks=report.current.weeks if report.current else 0,
        reading=reading.as_of(
            reading.for_review(session, start_day=sprint.start_day, end_day=sprint.end_day),
            day=sprint.end_day,
        ),
        questions=glossary.open_at(session, day=sprint.end_day),
        acronyms=glossary.acronyms(session),
        carried=carry.carried_info(session, next_goals, settings.prefix) if next_goals else {},
        next_goals=next_goals,
        plan=carry.plan(sprint.goals, settings.prefix),
        has_previous=sprint.number > 1,
        has_next=following is not None,
        statuses={goal.id or 0: derived_status(goal).value for goal in sprint.goals},
        next_sprint=following,
        tags=entries.tags_of(session, logged),
        break_days=breaks.load(session, since=sprint.start_day, until=sprint.end_day).days(
            sprint.start_day, sprint.end_day
        ),
    )
