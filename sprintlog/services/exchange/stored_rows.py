"""What an import would store, passed through the one gate (rules/stored.py) first.

Every record a reader found (``formats.parsed``) and every row of a sprintlog document
(``formats.native``) is checked before anything is written, dry run or not: a file
holding one row the journal may not store is refused whole, naming the file, the place
(line, JSON path) and the rule, and the journal is left as it was.
"""

from collections.abc import Iterator
from typing import Any

from sprintlog.errors import BadImport
from sprintlog.rules import stored
from sprintlog.rules.setting_specs import SPECS
from sprintlog.services.exchange.formats.parsed import (
    ImportedBreak,
    ImportedEntry,
    ImportedSprint,
    Parsed,
)

Checked = tuple[str, str, dict[str, Any]]  # (table, place, column -> value)

_FROM_ELSEWHERE = {"source_id": "id", "start_day": "start", "end_day": "end"}


def check_parsed(parsed: Parsed, file: str) -> None:
    """Raise BadImport for the first record of ``parsed`` the journal may not store."""
    for table, place, row in _parsed_rows(parsed):
        found = stored.row_problem(table, row, names=_FROM_ELSEWHERE)
        if found is not None:
            raise BadImport(file, place, found)


def _parsed_rows(parsed: Parsed) -> Iterator[Checked]:
    for entry in parsed.entries:
        yield from _entry_rows(parsed.source, entry)
    for item in parsed.breaks:
        yield from _break_rows(parsed.source, item)
    for sprint in parsed.sprints:
        yield from _sprint_rows(parsed.source, sprint)


def _source_row(source: str, source_id: str, place: str) -> Checked:
    return "import_source", place, {"source": source, "source_id": source_id}


def _entry_rows(source: str, entry: ImportedEntry) -> Iterator[Checked]:
    yield _source_row(source, entry.source_id, entry.place)
    yield "entry", entry.place, {"day": entry.day, "text": entry.text, "minutes": entry.minutes}
    for tag in entry.tags:
        yield "entry_tag", entry.place, {"tag": tag}


def _break_rows(source: str, item: ImportedBreak) -> Iterator[Checked]:
    yield _source_row(source, item.source_id, item.place)
    row = {"start_day": item.start, "end_day": item.end, "reason": item.reason}
    yield "study_break", item.place, row


def _sprint_rows(source: str, sprint: ImportedSprint) -> Iterator[Checked]:
    place = sprint.place
    yield _source_row(source, sprint.source_id, place)
    yield (
        "sprint",
        place,
        {
            "number": sprint.number,
            "title": sprint.title,
            "notes": sprint.notes,
            "start_day": sprint.start,
            "end_day": sprint.end,
        },
    )
    for goal in sprint.goals:
        where = f"{place}, goal {goal.number}"
        yield (
            "goal",
            where,
            {
                "number": goal.number,
                "title": goal.title,
                "description": goal.description,
                "outcome": goal.note,
                "status": goal.status,
            },
        )
        for task in goal.tasks:
            yield (
                "task",
                f"{where}, task {task.letter[:1]}",
                {
                    "letter": task.letter,
                    "text": task.text,
                    "description": task.description,
                    "outcome": task.note,
                    "status": task.status,
                },
            )
    for entry in sprint.entries:
        row = {"day": entry.day, "text": entry.text, "minutes": entry.minutes}
        yield "entry", f"{place}, {entry.place}", row
        for tag in entry.tags:
            yield "entry_tag", f"{place}, {entry.place}", {"tag": tag}
    for index, text in enumerate(sprint.questions, 1):
        yield "question", f"{place}, question {index}", {"text": text}
    if sprint.epistemic_status is not None:
        row = {"key": "epistemic_status", "value": sprint.epistemic_status}
        yield "setting", f"{place}, epistemic status", row
    for index, (term, expansion) in enumerate(sprint.acronyms, 1):
        yield "acronym", f"{place}, acronym {index}", {"term": term, "expansion": expansion}
    for index, item in enumerate(sprint.reading, 1):
        yield (
            "reading_item",
            f"{place}, reading item {index}",
            {
                "title": item.title,
                "url": item.url,
                "category": item.category,
                "status": item.status,
                "note": item.note,
            },
        )


# A sprintlog document's lists: (JSON key, table). Goals and tasks sit inside sprints,
# tags inside entries; the settings are an object of key -> value.
_DOCUMENT_TABLES = (
    ("entries", "entry"),
    ("reading", "reading_item"),
    ("acronyms", "acronym"),
    ("questions", "question"),
    ("breaks", "study_break"),
    ("import_sources", "import_source"),
)
# Fields of a document's rows that are not columns of their table.
_NOT_COLUMNS = frozenset({"goals", "tasks", "tags", "carried_from", "sprint", "goal"})


def check_document(document: dict[str, Any], file: str) -> None:
    """Raise BadImport for the first row of a (schema-checked) document the journal may
    not store, naming the JSON path of the value."""
    for table, path, row in _document_rows(document):
        for column, value in row.items():
            found = None if column in _NOT_COLUMNS else stored.problem(table, column, value)
            if found is not None:
                raise BadImport(file, path if table == "entry_tag" else f"{path}.{column}", found)


def _document_rows(document: dict[str, Any]) -> Iterator[Checked]:
    for key, value in document["settings"].items():
        if key in SPECS:  # (one this sprintlog does not know is left out, not stored)
            yield "setting", "$.settings", {key: value}
    for s, sprint in enumerate(document["sprints"]):
        yield "sprint", f"$.sprints[{s}]", sprint
        for g, goal in enumerate(sprint["goals"]):
            yield "goal", f"$.sprints[{s}].goals[{g}]", goal
            for t, task in enumerate(goal["tasks"]):
                yield "task", f"$.sprints[{s}].goals[{g}].tasks[{t}]", task
    for key, table in _DOCUMENT_TABLES:
        for index, row in enumerate(document[key]):
            yield table, f"$.{key}[{index}]", row
            for n, tag in enumerate(row.get("tags", []) if table == "entry" else []):
                yield "entry_tag", f"$.entries[{index}].tags[{n}]", {"tag": tag}
    if document["timer"] is not None:
        yield "timer", "$.timer", document["timer"]
