"""What a sprint's review post shows: the Review services/review.py gathers, render/post.py
writes out (services/pictures.py also draws its pictures' data from it)."""

from dataclasses import dataclass, field
from datetime import date

from sprintlog.records import Acronym, Entry, Goal, Question, Sprint
from sprintlog.rules.setting_specs import Settings
from sprintlog.shown.sprint_plan import Carried, PlanGoal
from sprintlog.shown.streak_weeks import Adherence


@dataclass(frozen=True)
class ItemAsOf:
    """A reading item as it stood on a given day (a post shows its sprint's last day)."""

    title: str
    url: str | None
    category: str | None
    goal_number: int | None
    status: str
    note: str | None


@dataclass(frozen=True)
class Review:
    sprint: Sprint  # with its goals and their tasks
    settings: Settings
    entries: list[Entry]
    adherence: Adherence
    streak_weeks: int  # the streak of weeks as it stood at the end of the sprint's last day
    reading: list[ItemAsOf]  # as the list stood on the sprint's last day
    questions: list[Question]
    acronyms: list[Acronym]  # all of them; the post keeps those its text uses
    carried: dict[tuple[str, int], Carried]  # of the next sprint's goals and tasks
    next_goals: list[Goal] | None  # the next sprint's goals when it exists
    plan: list[PlanGoal]  # otherwise: what is left of this sprint
    has_previous: bool
    has_next: bool  # the next sprint exists and its post is where this one goes
    statuses: dict[int, str]  # goal id -> the status its tasks add up to (or its own)
    next_sprint: Sprint | None = None  # for its notes, the intro of its goals
    tags: dict[int, list[str]] = field(default_factory=dict)  # entry id -> its tags
    break_days: frozenset[date] = frozenset()  # the sprint's days on a break
    dated: date | None = None  # the post's date: the sprint's last day, or today if sooner
    goal_minutes: dict[int, int] = field(default_factory=dict)  # goal id -> minutes logged
