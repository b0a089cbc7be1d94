"""What a review post holds besides its goals: the daily log, the open questions, the
epistemic status and the next sprint's carried-from marks, written with its sprint."""

from typing import Any

from sqlalchemy import select

from sprintlog.models import SQLModel
from sprintlog.rules import tags
from sprintlog.services.exchange.formats.common import digest
from sprintlog.services.exchange.formats.parsed import ImportedSprint
from sprintlog.storage.values import new_uuid, utcnow

Ids = dict[tuple[int, str], tuple[int, int | None]]  # (goal, letter) -> (goal id, task id)


def _table(name: str) -> Any:
    return SQLModel.metadata.tables[name]


def entries(connection: Any, sprint: ImportedSprint, ids: Ids) -> list[tuple[str, str, str]]:
    """The daily log's rows as entries, linked to the sprint's goals and tasks they name;
    (source id, table, uuid) of each, for import_source."""
    made = []
    for entry in sprint.entries:
        uuid = new_uuid()
        stamp = utcnow()
        row = {"uuid": uuid, "day": entry.day, "text": entry.text, "minutes": entry.minutes}
        entry_id = connection.execute(
            _table("entry").insert().values(**row, created_at=stamp, updated_at=stamp)
        ).inserted_primary_key[0]
        links = [ids[ref] for ref in dict.fromkeys(entry.refs) if ref in ids]
        if links:
            connection.execute(
                _table("entrygoal").insert(),
                [{"entry_id": entry_id, "goal_id": goal, "task_id": task} for goal, task in links],
            )
        given = (tags.stored_form(tag) for tag in entry.tags)
        found = tags.of_entry(entry.text, [tag for tag in given if tag])
        if found:
            connection.execute(
                _table("entry_tag").insert(), [{"entry_id": entry_id, "tag": t} for t in found]
            )
        made.append((f"{sprint.source_id}/{entry.day}/{digest(entry.text)}", "entry", uuid))
    return made


def questions(connection: Any, sprint: ImportedSprint) -> list[str]:
    """The open questions, asked on the sprint's first day; notes of those already there."""
    table = _table("question")
    known = set(connection.execute(select(table.c.text)).scalars())
    notes = []
    for text in sprint.questions:
        if text in known:
            notes.append(f"question {text!r} is in your journal already")
            continue
        known.add(text)
        connection.execute(
            table.insert().values(
                text=text, asked_on=sprint.start, uuid=new_uuid(), updated_at=utcnow()
            )
        )
    return notes


def settings(connection: Any, sprint: ImportedSprint) -> list[str]:
    """The epistemic status, taken when the journal has none; the report says so."""
    if not sprint.epistemic_status:
        return []
    table = _table("setting")
    query = select(table.c.value).where(table.c.key == "epistemic_status")
    current = connection.execute(query).scalar()
    if current:
        if current != sprint.epistemic_status:
            return ["setting epistemic_status: kept yours, not the post's"]
        return []
    connection.execute(table.delete().where(table.c.key == "epistemic_status"))
    connection.execute(table.insert().values(key="epistemic_status", value=sprint.epistemic_status))
    return [f"setting epistemic_status: '' → {sprint.epistemic_status!r}"]


def carried(connection: Any, sprint: ImportedSprint, number: int, ids: Ids) -> None:
    """The post's "(carried from SSJ--3b)" marks, on the next sprint's tasks when the
    journal has that sprint (a task of the same goal and text not yet carried from any)."""
    if not sprint.carried:
        return
    sprint_t, goal_t, task_t = _table("sprint"), _table("goal"), _table("task")
    query = (
        select(task_t.c.id, goal_t.c.number, task_t.c.text)
        .join(goal_t, goal_t.c.id == task_t.c.goal_id)
        .join(sprint_t, sprint_t.c.id == goal_t.c.sprint_id)
        .where(sprint_t.c.number == number + 1, task_t.c.carried_from_id.is_(None))
    )
    waiting = {(goal, text): task for task, goal, text in connection.execute(query).all()}
    for goal, text, source in sprint.carried:
        task = waiting.pop((goal, text), None)
        origin = ids.get(source, (None, None))[1]
        if task is not None and origin is not None:
            connection.execute(
                task_t.update()
                .where(task_t.c.id == task)
                .values(carried_from_id=origin, updated_at=utcnow())
            )
