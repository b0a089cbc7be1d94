"""Finding what a command names: a goal or task of a sprint, by its reference."""

from datetime import date
from typing import NamedTuple

from sprintlog.records import Sprint, Target
from sprintlog.rules.setting_specs import Settings
from sprintlog.services import settings, sprint_reads
from sprintlog.storage.reader import Reader


class Found(NamedTuple):
    """A goal or task found by its reference, with what finding it took."""

    target: Target
    settings: Settings
    sprint: Sprint  # with its goals and their tasks


def find_in_sprint(reader: Reader, *, ref: str, sprint: int | None, today: date) -> Found:
    """The goal or task ``ref`` names in sprint number ``sprint`` (or today's)."""
    config = settings.read(reader)
    chosen = sprint_reads.with_goals(
        reader, sprint=sprint_reads.resolve(reader, number=sprint, today=today)
    )
    return Found(sprint_reads.resolve_target(chosen, ref=ref, settings=config), config, chosen)
