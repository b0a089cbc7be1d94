"""Finding what a command names: a goal or task of a sprint, by its reference."""

from datetime import date
from typing import NamedTuple

from sqlmodel import Session

from sprintlog.models import Sprint
from sprintlog.services import goals, settings, sprints
from sprintlog.services.goals import Target
from sprintlog.setting_specs import Settings
from sprintlog.storage.reader import of_session


class Found(NamedTuple):
    """A goal or task found by its reference, with what finding it took."""

    target: Target
    settings: Settings
    sprint: Sprint


def find_in_sprint(session: Session, *, ref: str, sprint: int | None, today: date) -> Found:
    """The goal or task ``ref`` names in sprint number ``sprint`` (or today's)."""
    config = settings.read(of_session(session))
    chosen = sprints.resolve(session, number=sprint, today=today)
    return Found(goals.resolve(session, sprint=chosen, ref=ref, settings=config), config, chosen)
