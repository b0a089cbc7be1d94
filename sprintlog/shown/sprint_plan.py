"""What is left of a sprint (its plan) and what a later sprint carried on (services/carry.py)."""

from dataclasses import dataclass, field


@dataclass
class PlanItem:
    text: str
    carried_from: str | None  # the reference it continues, like SSJ--3b
    description: str | None = None  # a task's own description (Markdown)
    markdown: bool = False  # the text is Markdown (a goal's description), not a task's line


@dataclass
class PlanGoal:
    number: int
    title: str
    items: list[PlanItem] = field(default_factory=list)


@dataclass(frozen=True)
class Carried:
    """A goal or task continued from an earlier sprint (the review and ``goal list`` say so)."""

    source: str  # the reference it continues
    times: int  # sprints it has been carried through
