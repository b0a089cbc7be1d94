"""Sprints read from review posts: checked against the journal's sprints, then written."""

from collections.abc import Iterable
from itertools import islice
from typing import Any

from sqlalchemy import func, select

from sprintlog.errors import BadImport, Conflict
from sprintlog.models import SQLModel, Status
from sprintlog.rules.text import plural
from sprintlog.services.exchange import post_rows
from sprintlog.services.exchange.formats.parsed import ImportedSprint
from sprintlog.storage.values import new_uuid, utcnow

CHUNK = 500


def remember(
    connection: Any,
    source: str,
    rows: Iterable[tuple[str, str, str]],
    states: Iterable[str] | None = None,
) -> None:
    """Record (source id, table, uuid) of imported rows in import_source, with the digest
    of each record as the file had it (``states``, in the same order) where one is kept;
    a chunk at a time (not every row of a big import made into a dict at once)."""
    table = SQLModel.metadata.tables["import_source"]
    stamp = utcnow()
    pending = zip(rows, states, strict=True) if states is not None else ((r, None) for r in rows)
    while chunk := list(islice(pending, CHUNK)):
        made = [
            {
                "source": source,
                "source_id": source_id,
                "row_table": row_table,
                "row_uuid": uuid,
                "imported_at": stamp,
                "imported_state": state,
            }
            for (source_id, row_table, uuid), state in chunk
        ]
        connection.execute(table.insert(), made)


def describe(sprint: ImportedSprint) -> str:
    """What was recognised in a post, for the learner to check (--dry-run)."""
    tasks = sum(len(goal.tasks) for goal in sprint.goals)
    notes = [goal.note for goal in sprint.goals] + [
        task.note for goal in sprint.goals for task in goal.tasks
    ]
    sizes = ", ".join(f"{len(note)}" for note in notes if note)
    written = f"notes of {sizes} characters" if sizes else "no notes"
    goals = "; ".join(
        f"goal {goal.number} {goal.title!r} ({plural(len(goal.tasks), 'task')})"
        for goal in sprint.goals
    )
    return (
        f"sprint {sprint.number or '(next number)'} {sprint.start} – {sprint.end}: "
        f"{plural(len(sprint.goals), 'goal')}, {plural(tasks, 'task')}, {written}, "
        f"{plural(len(sprint.acronyms), 'acronym')}, "
        f"{plural(len(sprint.reading), 'reading item')}" + (f". {goals}" if goals else "")
    )


class SprintWriter:
    def __init__(self, connection: Any, *, source: str, file: str, max_goals: int) -> None:
        self.connection = connection
        self.source = source
        self.file = file
        self.max_goals = max_goals
        self.table = SQLModel.metadata.tables["sprint"]

    def check(self, sprints: list[ImportedSprint]) -> None:
        """Refuse, before anything is written, sprints that overlap or take a number."""
        rows = self.connection.execute(
            select(self.table.c.number, self.table.c.start_day, self.table.c.end_day)
        ).all()
        taken = [(row.number, row.start_day, row.end_day) for row in rows]
        for sprint in sprints:
            for number, start, end in taken:
                if start <= sprint.end and sprint.start <= end:
                    raise Conflict(
                        f"{self.file}, {sprint.place}: the post's sprint ({sprint.start} – "
                        f"{sprint.end}) overlaps sprint {number} ({start} – {end}); "
                        "nothing was imported"
                    )
                if sprint.number == number:
                    raise Conflict(
                        f"{self.file}, {sprint.place}: the journal has a sprint {number} "
                        "already; nothing was imported"
                    )
            for goal in sprint.goals:
                if not 1 <= goal.number <= self.max_goals:
                    raise BadImport(
                        self.file,
                        sprint.place,
                        f"goal {goal.number} is past max_goals ({self.max_goals})",
                    )
            taken.append((sprint.number, sprint.start, sprint.end))

    def write(self, sprint: ImportedSprint) -> list[str]:
        """Add the sprint, its goals, tasks, acronyms and reading; notes of what was kept."""
        number = sprint.number or self._next_number()
        uuid = new_uuid()
        sprint_id = self._insert(
            "sprint",
            number=number,
            title=sprint.title,
            start_day=sprint.start,
            end_day=sprint.end,
            notes=sprint.notes,
            uuid=uuid,
        )
        ids: dict[tuple[int, str], tuple[int, int | None]] = {}
        for goal in sprint.goals:
            goal_id = self._insert(
                "goal",
                sprint_id=sprint_id,
                number=goal.number,
                title=goal.title,
                description=goal.description,
                status=goal.status or Status.OPEN.value,
                outcome=goal.note,
                uuid=new_uuid(),
            )
            ids[(goal.number, "")] = (goal_id, None)
            for task in goal.tasks:
                ids[(goal.number, task.letter)] = (
                    goal_id,
                    self._insert(
                        "task",
                        goal_id=goal_id,
                        letter=task.letter,
                        text=task.text,
                        description=task.description,
                        status=task.status or Status.OPEN.value,
                        outcome=task.note,
                        uuid=new_uuid(),
                    ),
                )
        remember(self.connection, self.source, [(sprint.source_id, "sprint", uuid)])
        remember(self.connection, self.source, post_rows.entries(self.connection, sprint, ids))
        post_rows.carried(self.connection, sprint, number, ids)
        return (
            self._acronyms(sprint)
            + self._reading(sprint)
            + post_rows.questions(self.connection, sprint)
            + post_rows.settings(self.connection, sprint)
        )

    def _next_number(self) -> int:
        query = select(func.max(self.table.c.number))
        return (self.connection.execute(query).scalar() or 0) + 1

    def _insert(self, name: str, **values: Any) -> int:
        table = SQLModel.metadata.tables[name]
        if "uuid" in table.c:
            values["updated_at"] = utcnow()
        result = self.connection.execute(table.insert().values(**values))
        row_id: int = result.inserted_primary_key[0]
        return row_id

    def _acronyms(self, sprint: ImportedSprint) -> list[str]:
        table = SQLModel.metadata.tables["acronym"]
        known = dict(self.connection.execute(select(table.c.term, table.c.expansion)).all())
        notes = []
        for term, expansion in sprint.acronyms:
            if term not in known:
                self._insert("acronym", term=term, expansion=expansion)
                known[term] = expansion
            elif known[term] != expansion:
                notes.append(f"acronym {term}: kept yours ({known[term]!r}), not {expansion!r}")
        return notes

    def _reading(self, sprint: ImportedSprint) -> list[str]:
        table = SQLModel.metadata.tables["reading_item"]
        titles = set(self.connection.execute(select(table.c.title)).scalars())
        notes = []
        for item in sprint.reading:
            if item.title in titles:
                notes.append(f"reading item {item.title!r} is on your list already")
                continue
            titles.add(item.title)
            # As the post shows it on the sprint's last day (reading.as_of).
            started = sprint.end if item.status != "to read" else None
            self._insert(
                "reading_item",
                title=item.title,
                url=item.url,
                category=item.category,
                goal_number=sprint.reading_goal,
                status=item.status,
                note=item.note,
                added_on=sprint.start,
                started_on=started,
                finished_on=sprint.end if item.status == "read" else None,
                uuid=new_uuid(),
            )
        return notes
