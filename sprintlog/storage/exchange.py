"""The sprintlog JSON document: the whole journal read in one snapshot, in a stable order.

Rows are named by their ``uuid`` (revision 0004), never by their database ids, so that a
document can be merged into another journal; a foreign key becomes the uuid of the row it
points to. The order depends only on what the rows hold, never on ids (sprint and goal
numbers, task letters; entries by day, then the moment they were logged, then uuid;
reading items, questions and breaks by their first day, then uuid), so two exports of one
journal differ only in ``exported_at``, and two journals kept in step by merges list the
same rows in the same order, whatever order each added them in. The JSON Schema of the
document is ``export_schema.json`` beside this module.
"""

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from importlib import resources
from itertools import groupby
from typing import TYPE_CHECKING, Any

from sprintlog.rules.setting_specs import COPY_UNFINISHED_KEY, JOURNAL_ID_KEY
from sprintlog.storage.dialects import FRAGMENTS
from sprintlog.storage.values import moment_from_db, to_sqlite

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from sprintlog.storage.journal import Journal

# Runs one query (plain SQL, the same text on every backend, its ``{by_code_point}``
# filled in for the backend) and returns its rows as they are read, not all at once.
Rows = Callable[[str], Iterable[dict[str, Any]]]

FORMAT = "sprintlog"
VERSION = 2  # 2 adds journal_id and removals (issue 25)
READABLE = (1, 2)  # a version 1 document is read as one that records no removals
SCHEMA_FILE = "export_schema.json"
# Settings that belong to one database, not to the journal a learner moves around.
LOCAL_SETTINGS = (JOURNAL_ID_KEY, COPY_UNFINISHED_KEY)


def schema_text() -> str:
    """The JSON Schema of the document, as shipped in the package."""
    return resources.files("sprintlog.storage").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def stamp(value: datetime | str | None) -> str | None:
    """A timestamp as the document writes it: UTC, microseconds, ``Z``.

    SQLite hands over the text it stores (``2025-03-04 18:30:00.123456``, UTC).
    """
    if value is None:
        return None
    moment = moment_from_db(value).replace(tzinfo=None)
    return moment.isoformat(timespec="microseconds") + "Z"


def day(value: date | str | None) -> str | None:
    """A day as the document writes it: ISO, the text SQLite stores (and passes on as is)."""
    stored: str | None = to_sqlite(value)
    return stored


@contextmanager
def reading(journal: "Journal") -> Iterator[Rows]:
    """The journal's rows, read in one transaction that lasts as long as the ``with``.

    On an SQLite file through the standard library's sqlite3, as the daily commands read
    it: an export of ten years then needs neither SQLAlchemy's time nor its memory.
    """
    if journal.location.path is None:
        with journal.transaction(write=False) as session:
            yield sqlalchemy_rows(session.connection())
        return
    from sprintlog.storage import revision

    with journal.sqlite_transaction(write=False) as connection:
        revision.still_head(connection, journal.location.shown)
        yield sqlite_rows(connection)


def sqlite_rows(connection: sqlite3.Connection) -> Rows:
    def rows(sql: str) -> Iterator[dict[str, Any]]:
        cursor = connection.execute(sql.format_map(FRAGMENTS["sqlite"]))
        names = [column[0] for column in cursor.description]
        return (dict(zip(names, row, strict=True)) for row in cursor)

    return rows


STREAM = {"stream_results": True, "max_row_buffer": 500}


def sqlalchemy_rows(connection: "Connection") -> Rows:
    fragments = FRAGMENTS[connection.dialect.name]

    def rows(sql: str) -> Iterator[dict[str, Any]]:
        # For this statement only (Connection.execution_options would change the
        # connection): on a server, a cursor there that hands over rows as they are read.
        result = connection.exec_driver_sql(sql.format_map(fragments), execution_options=STREAM)
        return (dict(row) for row in result.mappings())

    return rows


def read_document(connection: Rows) -> dict[str, Any]:
    """Every table of the journal as a document (without ``exported_at``), whole.

    Read on the command's one connection (one snapshot): nothing changes in between.
    """
    whole = {}
    for key, value in parts(connection).items():
        value = value() if callable(value) else value
        whole[key] = list(value) if isinstance(value, Iterator) else value
    return whole


def parts(connection: Rows) -> dict[str, Any]:
    """The document in its order, its long lists (entries, import sources) and what is
    worked out from every row (``changed_since``) as functions that read them when called:
    a writer streams them, so a journal of any size is never whole in memory."""
    goal_uuids = _uuids(connection, "goal")
    task_uuids = _uuids(connection, "task")
    return {
        "format": FORMAT,
        "version": VERSION,
        "journal_id": _journal_id(connection),
        "settings": _settings(connection),
        "sprints": _sprints(connection, goal_uuids, task_uuids),
        "entries": lambda: entries(connection, goal_uuids, task_uuids),
        "reading": _reading(connection),
        "acronyms": _acronyms(connection),
        "questions": _questions(connection),
        "breaks": _breaks(connection),
        "timer": _timer(connection),
        "import_sources": lambda: _import_sources(connection),
        "removals": _removals(connection),
        "changed_since": lambda: _changed_since(connection),
    }


def link_uuids(connection: Rows) -> tuple[dict[int, str], dict[int, str]]:
    """Goal and task ids -> their uuids (what an entry's links name)."""
    return _uuids(connection, "goal"), _uuids(connection, "task")


def _rows(connection: Rows, table_name: str, *order: str) -> list[dict[str, Any]]:
    """The table's rows; ordered by numbers here, by text in Python (the same order on
    every backend, whatever a server's collation)."""
    by = f" ORDER BY {', '.join(order)}" if order else ""
    return list(connection(f'SELECT * FROM "{table_name}"{by}'))


def _by_content(rows: list[dict[str, Any]], *keys: str) -> list[dict[str, Any]]:
    """Rows by ``keys``, then uuid: by what they hold (ids differ between journals)."""
    return sorted(rows, key=lambda row: (*(row[key] or "" for key in keys), row["uuid"]))


def _uuids(connection: Rows, table_name: str) -> dict[int, str]:
    return {row["id"]: row["uuid"] for row in connection(f'SELECT id, uuid FROM "{table_name}"')}


def _journal_id(connection: Rows) -> str | None:
    rows = list(connection(f"SELECT value FROM setting WHERE key = '{JOURNAL_ID_KEY}'"))
    return rows[0]["value"] if rows else None


def _settings(connection: Rows) -> dict[str, str]:
    rows = sorted(_rows(connection, "setting"), key=lambda row: row["key"])
    return {row["key"]: row["value"] for row in rows if row["key"] not in LOCAL_SETTINGS}


def _sprints(
    connection: Rows, goal_uuids: dict[int, str], task_uuids: dict[int, str]
) -> list[dict[str, Any]]:
    goals = _goals_by_sprint(connection, goal_uuids, _tasks_by_goal(connection, task_uuids))
    return [
        {
            "uuid": row["uuid"],
            "number": row["number"],
            "title": row["title"],
            "start_day": day(row["start_day"]),
            "end_day": day(row["end_day"]),
            "closed_at": stamp(row["closed_at"]),
            "notes": row["notes"],
            "updated_at": stamp(row["updated_at"]),
            "goals": goals.get(row["id"], []),
        }
        for row in _rows(connection, "sprint", "number")
    ]


def _goals_by_sprint(
    connection: Rows, goal_uuids: dict[int, str], tasks: dict[int, list[dict[str, Any]]]
) -> dict[int, list[dict[str, Any]]]:
    goals: dict[int, list[dict[str, Any]]] = {}
    for row in _rows(connection, "goal", "sprint_id", "number"):
        goals.setdefault(row["sprint_id"], []).append(
            {
                "uuid": row["uuid"],
                "number": row["number"],
                "title": row["title"],
                "description": row["description"],
                "status": row["status"],
                "outcome": row["outcome"],
                "carried_from": goal_uuids.get(row["carried_from_id"]),
                "updated_at": stamp(row["updated_at"]),
                "tasks": tasks.get(row["id"], []),
            }
        )
    return goals


def _tasks_by_goal(connection: Rows, task_uuids: dict[int, str]) -> dict[int, list[dict[str, Any]]]:
    tasks: dict[int, list[dict[str, Any]]] = {}
    for row in _rows(connection, "task", "goal_id", "letter"):
        tasks.setdefault(row["goal_id"], []).append(
            {
                "uuid": row["uuid"],
                "letter": row["letter"],
                "text": row["text"],
                "description": row["description"],
                "status": row["status"],
                "outcome": row["outcome"],
                "carried_from": task_uuids.get(row["carried_from_id"]),
                "updated_at": stamp(row["updated_at"]),
            }
        )
    return tasks


def entries(
    connection: Rows,
    goal_uuids: dict[int, str],
    task_uuids: dict[int, str],
) -> Iterator[dict[str, Any]]:
    """The entries as the document has them, read as they are consumed, by what they hold
    (day, time logged, uuid: ids differ between journals, so a row one journal added again
    exports in the same place). Their links and tags are read in the same order beside
    them, joined to the entries, so nothing is held but the entry at hand."""
    order = "e.day, e.created_at, e.uuid"  # (a uuid is hex: the same order in any collation)
    join = "JOIN entry e ON e.id = {0}.entry_id ORDER BY " + order
    rows = connection(f"SELECT e.* FROM entry e ORDER BY {order}")
    links = groupby(
        connection(
            "SELECT l.entry_id, l.goal_id, l.task_id FROM entrygoal l "
            + join.format("l")
            + ", l.id"
        ),
        key=lambda row: row["entry_id"],
    )
    tags = groupby(
        connection("SELECT t.entry_id, t.tag, t.written FROM entry_tag t " + join.format("t")),
        key=lambda row: row["entry_id"],
    )
    link = next(links, None)
    tag = next(tags, None)
    for row in rows:
        goals: list[dict[str, str | None]] = []
        if link is not None and link[0] == row["id"]:
            goals = [
                {"goal": goal_uuids[one["goal_id"]], "task": task_uuids.get(one["task_id"])}
                for one in link[1]
            ]
            link = next(links, None)
        names: list[str] = []
        if tag is not None and tag[0] == row["id"]:
            ordered = sorted(tag[1], key=lambda one: one["tag"])
            names = [one["written"] or one["tag"] for one in ordered]
            tag = next(tags, None)
        yield {
            "uuid": row["uuid"],
            "day": day(row["day"]),
            "text": row["text"],
            "minutes": row["minutes"],
            "created_at": stamp(row["created_at"]),
            "updated_at": stamp(row["updated_at"]),
            "started_at": stamp(row["started_at"]),
            "goals": goals,
            "tags": names,
        }


def _reading(connection: Rows) -> list[dict[str, Any]]:
    rows = [
        {
            "uuid": row["uuid"],
            "title": row["title"],
            "url": row["url"],
            "category": row["category"],
            "goal_number": row["goal_number"],
            "status": row["status"],
            "note": row["note"],
            "added_on": day(row["added_on"]),
            "started_on": day(row["started_on"]),
            "finished_on": day(row["finished_on"]),
            "updated_at": stamp(row["updated_at"]),
        }
        for row in _rows(connection, "reading_item", "id")
    ]
    return _by_content(rows, "added_on")


def _acronyms(connection: Rows) -> list[dict[str, str]]:
    return [
        {"term": row["term"], "expansion": row["expansion"]}
        for row in sorted(_rows(connection, "acronym"), key=lambda row: row["term"])
    ]


def _questions(connection: Rows) -> list[dict[str, Any]]:
    rows = [
        {
            "uuid": row["uuid"],
            "text": row["text"],
            "asked_on": day(row["asked_on"]),
            "resolved_on": day(row["resolved_on"]),
            "updated_at": stamp(row["updated_at"]),
        }
        for row in _rows(connection, "question", "id")
    ]
    return _by_content(rows, "asked_on")


def _breaks(connection: Rows) -> list[dict[str, Any]]:
    rows = [
        {
            "uuid": row["uuid"],
            "start_day": day(row["start_day"]),
            "end_day": day(row["end_day"]),
            "reason": row["reason"],
            "updated_at": stamp(row["updated_at"]),
        }
        for row in _rows(connection, "study_break", "id")
    ]
    return _by_content(rows, "start_day")


def _timer(connection: Rows) -> dict[str, Any] | None:
    rows = _rows(connection, "timer", "id")
    if not rows:
        return None
    row = rows[0]
    return {
        "started_at": stamp(row["started_at"]),
        "day": day(row["day"]),
        "text": row["text"],
        "goal_refs": row["goal_refs"],
    }


def _import_sources(connection: Rows) -> Iterator[dict[str, Any]]:
    for row in connection(
        "SELECT * FROM import_source ORDER BY source{by_code_point}, source_id{by_code_point}"
    ):
        yield {
            "source": row["source"],
            "source_id": row["source_id"],
            "row_table": row["row_table"],
            "row_uuid": row["row_uuid"],
            "imported_at": stamp(row["imported_at"]),
            "imported_state": row["imported_state"],
        }


def _removals(connection: Rows) -> list[dict[str, Any]]:
    return [
        {
            "uuid": row["uuid"],
            "table": row["row_table"],
            "removed_at": stamp(row["removed_at"]),
            "updated_at": stamp(row["row_updated_at"]),
        }
        for row in sorted(_rows(connection, "removal"), key=lambda row: row["uuid"])
    ]


def read_base(connection: Rows, peer: str) -> dict[str, str]:
    """What this journal and ``peer`` last agreed on: row uuid -> stamp."""
    rows = connection(f"SELECT row_uuid, updated_at FROM exchange_base WHERE peer = '{peer}'")
    return {row["row_uuid"]: str(stamp(row["updated_at"])) for row in rows}


# The tables whose rows carry a stamp (and travel with their uuid).
STAMPED = ("sprint", "goal", "task", "entry", "reading_item", "question", "study_break")


def _changed_since(connection: Rows) -> dict[str, dict[str, str | None]]:
    """Per journal merged with: the rows changed (or removed, or new) here since, each with
    the stamp agreed then (None: none was). A row not named is as both last agreed.

    Only what was agreed with one journal is held at a time; the rows are read past it."""
    peers = {row["peer"] for row in connection("SELECT DISTINCT peer FROM exchange_base")}
    changed: dict[str, dict[str, str | None]] = {}
    for peer in sorted(peers):
        base = read_base(connection, peer)
        listed: dict[str, str | None] = {}
        for table in STAMPED:
            for row in connection(f'SELECT uuid, updated_at FROM "{table}"'):
                agreed = base.pop(row["uuid"], _NONE)
                if agreed is _NONE:
                    listed[row["uuid"]] = None
                elif agreed != stamp(row["updated_at"]):
                    listed[row["uuid"]] = agreed
        listed |= base  # rows agreed on that are here no more
        changed[peer] = dict(sorted(listed.items()))
    return changed


_NONE: Any = object()


def write_exchange(
    connection: "Connection",
    removals: tuple[list[dict[str, Any]], list[str]],
    base: dict[str, str] | None,
    peer: str | None,
) -> None:
    """After a merge: the removal records to add and drop, and what ``peer`` and this
    journal now agree on (in place of what they agreed on before)."""
    from sqlalchemy import delete

    from sprintlog.models import SQLModel
    from sprintlog.storage.values import from_db

    removal = SQLModel.metadata.tables["removal"]
    written, dropped = removals
    gone = sorted(set(dropped))
    for start in range(0, len(gone), 500):
        connection.execute(delete(removal).where(removal.c.uuid.in_(gone[start : start + 500])))
    rows = [
        {
            "uuid": row["uuid"],
            "row_table": row["table"],
            "removed_at": from_db(datetime, row["removed_at"]),
            "row_updated_at": from_db(datetime, row["updated_at"]),
        }
        for row in {row["uuid"]: row for row in written}.values()
    ]
    if rows:
        connection.execute(removal.insert(), rows)
    if base is None or peer is None:
        return
    table = SQLModel.metadata.tables["exchange_base"]
    connection.execute(delete(table).where(table.c.peer == peer))
    made = [
        {"peer": peer, "row_uuid": uuid, "updated_at": from_db(datetime, moment)}
        for uuid, moment in base.items()
    ]
    for start in range(0, len(made), 500):
        connection.execute(table.insert(), made[start : start + 500])
