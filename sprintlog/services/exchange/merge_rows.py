"""Writing a planned merge: rows by table, parents first, foreign keys through uuids."""

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, delete, select, update

from sprintlog.models import SQLModel
from sprintlog.storage.values import from_db

if TYPE_CHECKING:
    from sqlalchemy import Table
    from sqlalchemy.engine import Connection

# Tables in the order they are written, and the column that names a row in each.
KEYS = {
    "sprint": "uuid",
    "goal": "uuid",
    "task": "uuid",
    "entry": "uuid",
    "reading_item": "uuid",
    "question": "uuid",
    "study_break": "uuid",
    "acronym": "term",
    "setting": "key",
    "timer": "id",
    "import_source": "source_id",
}
CHUNK = 500


def values(table: "Table", row: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A document row as the table's columns take it (days, timestamps converted)."""
    found = {}
    for column in table.columns:
        if column.name in row and not (column.name == "id" and table.name != "timer"):
            found[column.name] = _convert(column, row[column.name])
    found.update(extra)
    return found


def _convert(column: Any, value: Any) -> Any:
    if value is None:
        return None
    kind = getattr(column.type, "impl", column.type).python_type  # SQLModel's UTCDateTime
    return from_db(kind, value) if kind in (date, datetime) else value


class Writer:
    def __init__(self, connection: "Connection", progress: Callable[[int], None] | None) -> None:
        self.connection = connection
        self.progress = progress or (lambda rows: None)
        self.ids: dict[str, dict[str, int]] = {}

    def write(
        self,
        add: dict[str, list[dict]],
        replace: dict[str, list[dict]],
        remove: dict[str, list[str]] | None = None,
    ) -> None:
        self._remove(remove or {})
        self._make_room(replace.get("goal", []))
        for name in KEYS:
            table = SQLModel.metadata.tables[name]
            added, replaced = add.get(name, []), replace.get(name, [])
            if not added and not replaced and name not in ("sprint", "goal", "task"):
                continue
            made = [values(table, row, **self._parents(name, row)) for row in added]
            for start in range(0, len(made), CHUNK):
                self.connection.execute(table.insert(), made[start : start + CHUNK])
                self.progress(len(made[start : start + CHUNK]))
            for row in replaced:
                key = KEYS[name]
                changed = values(table, row, **self._parents(name, row))
                self.connection.execute(
                    update(table).where(table.c[key] == row.get(key, 1)).values(**changed)
                )
                self.progress(1)
            if "uuid" in table.c:
                self.ids[name] = self._ids(table)
            self._after(name, [*added, *replaced])

    def _remove(self, remove: dict[str, list[str]]) -> None:
        """Rows removed on the other side: children first (a goal's tasks go with it)."""
        for name in reversed(KEYS):
            uuids = remove.get(name, [])
            table = SQLModel.metadata.tables[name]
            for start in range(0, len(uuids), CHUNK):
                chunk = uuids[start : start + CHUNK]
                self.connection.execute(delete(table).where(table.c.uuid.in_(chunk)))
                self.progress(len(chunk))

    def _make_room(self, goals: list[dict]) -> None:
        """Goals renumbered on the other side first leave their numbers (swaps included)."""
        table = SQLModel.metadata.tables["goal"]
        uuids = [row["uuid"] for row in goals]
        for start in range(0, len(uuids), CHUNK):
            chunk = uuids[start : start + CHUNK]
            self.connection.execute(
                update(table).where(table.c.uuid.in_(chunk)).values(number=-table.c.id)
            )

    def _parents(self, name: str, row: dict[str, Any]) -> dict[str, Any]:
        if name == "goal":
            return {"sprint_id": self.ids["sprint"][row["sprint"]]}
        if name == "task":
            return {"goal_id": self.ids["goal"][row["goal"]]}
        return {}

    def _ids(self, table: "Table") -> dict[str, int]:
        query = select(table.c.uuid, table.c.id)
        return dict(self.connection.execute(query).all())

    def _after(self, name: str, rows: list[dict[str, Any]]) -> None:
        """What needs the rows' new ids: where goals and tasks were carried from, links, tags."""
        if name in ("goal", "task"):
            self._carried(name, rows)
        elif name == "entry":
            self._links_and_tags(rows)

    def _carried(self, name: str, rows: list[dict[str, Any]]) -> None:
        table = SQLModel.metadata.tables[name]
        ids = self.ids[name]
        pairs = [
            {
                "row": ids[row["uuid"]],
                "from": ids.get(row["carried_from"] or ""),
                "stamp": from_db(datetime, row["updated_at"]),
            }
            for row in rows
            if row["carried_from"] is not None
        ]
        if pairs:
            statement = (
                update(table)
                .where(table.c.id == bindparam("row"))
                # The row's own updated_at: the column's onupdate would make it "now".
                .values(carried_from_id=bindparam("from"), updated_at=bindparam("stamp"))
            )
            self.connection.execute(statement, pairs)

    def _links_and_tags(self, rows: list[dict[str, Any]]) -> None:
        links = SQLModel.metadata.tables["entrygoal"]
        tags = SQLModel.metadata.tables["entry_tag"]
        entry_ids = [self.ids["entry"][row["uuid"]] for row in rows]
        for start in range(0, len(entry_ids), CHUNK):  # the replaced entries' old ones
            chunk = entry_ids[start : start + CHUNK]
            self.connection.execute(delete(links).where(links.c.entry_id.in_(chunk)))
            self.connection.execute(delete(tags).where(tags.c.entry_id.in_(chunk)))
        goals, tasks = self.ids.get("goal", {}), self.ids.get("task", {})
        new_links, new_tags = [], []
        for entry_id, row in zip(entry_ids, rows, strict=True):
            for link in row["goals"]:
                if link["goal"] in goals:  # not a goal left out by --prefer mine
                    task = tasks.get(link["task"] or "")
                    new_links.append(
                        {"entry_id": entry_id, "goal_id": goals[link["goal"]], "task_id": task}
                    )
            spelled = {tag.lower(): tag for tag in reversed(row["tags"])}  # the first wins
            new_tags += [
                {"entry_id": entry_id, "tag": tag, "written": None if tag == shown else shown}
                for tag, shown in reversed(spelled.items())
            ]
        for table, made in ((links, new_links), (tags, new_tags)):
            for start in range(0, len(made), CHUNK):
                self.connection.execute(table.insert(), made[start : start + CHUNK])
