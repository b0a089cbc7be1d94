"""Journals as sprintlog documents, for the export/import tests: every table, tricky text."""

import hashlib
from typing import Any

from helpers import JournalUnderTest

STAMP = "2025-03-04T18:30:00.123456Z"


def uid(name: str) -> str:
    """A stable uuid (32 hex digits) for a row named in a test."""
    return hashlib.md5(name.encode()).hexdigest()


def full_document() -> dict[str, Any]:
    """A journal with a row in every table, carried goals and tasks, and awkward text."""
    return {
        "format": "sprintlog",
        "version": 2,
        "exported_at": STAMP,
        "journal_id": uid("the exporting journal"),
        "settings": {"days_per_week": "5", "prefix": "ML"},
        "sprints": [_sprint(1, "2025-03-03", "2025-03-16"), _sprint(2, "2025-03-17", "2025-03-30")],
        "entries": [  # by day (the export's order)
            _entry("e3", "2025-02-01", "before any sprint: مرحبا 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 👩‍👩‍👧", [], None),
            _entry("e1", "2025-03-04", "Café ☕, \"quoted\", a, comma\r\nand a CRLF", ["g1-1"], 45),
            _entry("e2", "2025-03-18", "# Markdown\n\n- [x] *done*\n\n```py\nx = 1\n```", ["g2-3"]),
        ],
        "reading": [
            {
                "uuid": uid("r1"), "title": "Topoi", "url": "https://example.org/topoi",
                "category": "Math", "goal_number": 3, "status": "reading", "note": "ch. 1–3",
                "added_on": "2025-03-03", "started_on": "2025-03-04", "finished_on": None,
                "updated_at": STAMP,
            }
        ],
        "acronyms": [{"term": "LLM", "expansion": "Large language model"},
                     {"term": "SSJ", "expansion": "Self-study journal"}],
        "questions": [
            {"uuid": uid("q1"), "text": "Why adjoints?", "asked_on": "2025-03-05",
             "resolved_on": None, "updated_at": STAMP}
        ],
        "breaks": [
            {"uuid": uid("b1"), "start_day": "2025-04-01", "end_day": "2025-04-07",
             "reason": "exams", "updated_at": STAMP}
        ],
        "timer": {"started_at": STAMP, "day": "2025-03-04", "text": "reading", "goal_refs": "3a"},
        "import_sources": [
            {"source": "jrnl", "source_id": "abc", "row_table": "entry", "row_uuid": uid("e3"),
             "imported_at": STAMP, "imported_state": "5f0c0ffee5f0c0ffee5f0c0f"}
        ],
        "removals": [
            {"uuid": uid("removed entry"), "table": "entry", "removed_at": STAMP,
             "updated_at": "2025-03-03T08:00:00.000000Z"}
        ],
        "changed_since": {},
    }  # fmt: skip


def _sprint(number: int, start: str, end: str) -> dict[str, Any]:
    earlier = number - 1
    goals = []
    for goal in (1, 3):
        tasks = [
            {
                "uuid": uid(f"t{number}-{goal}{letter}"), "letter": letter,
                "text": f"task {letter} «{number}»", "description": None,
                "status": "done" if letter == "a" else "open", "outcome": "went well\r\n",
                "carried_from": uid(f"t{earlier}-{goal}{letter}") if earlier else None,
                "updated_at": STAMP,
            }
            for letter in ("ab" if goal == 3 else "")
        ]  # fmt: skip
        goals.append(
            {
                "uuid": uid(f"g{number}-{goal}"), "number": goal, "title": f"Goal {goal}",
                "description": "why" if goal == 1 else None, "status": "partial",
                "outcome": None, "carried_from": uid(f"g{earlier}-{goal}") if earlier else None,
                "updated_at": STAMP, "tasks": tasks,
            }
        )  # fmt: skip
    return {
        "uuid": uid(f"s{number}"), "number": number, "title": f"Sprint {number}",
        "start_day": start, "end_day": end,
        "closed_at": "2025-03-16T20:00:00.000000Z" if number == 1 else None,
        "notes": "Intro.\n\nConclusion.", "updated_at": STAMP, "goals": goals,
    }  # fmt: skip


def _entry(name: str, day: str, text: str, goals: list[str], minutes: int | None = 30) -> dict:
    links = [{"goal": uid(goal), "task": None} for goal in goals]
    if goals == ["g2-3"]:
        links.append({"goal": uid("g2-3"), "task": uid("t2-3b")})
    return {
        "uuid": uid(name), "day": day, "text": text, "minutes": minutes,
        "created_at": STAMP, "updated_at": STAMP,
        "started_at": "2025-03-04T07:15:00.000000Z" if name == "e1" else None,
        "goals": links,
        "tags": {"e1": ["math", "ünïcode"], "e2": ["Kapitel"]}.get(name, []),
    }  # fmt: skip


# Which journal exported a document, when, and what it last agreed on with others: each
# journal has its own (its id, its merges), whatever rows it holds.
EXPORTER = ("exported_at", "journal_id", "changed_since")


def without_stamp(document: dict[str, Any]) -> dict[str, Any]:
    """The journal's rows (and removals), without what says which journal exported them."""
    return {key: value for key, value in document.items() if key not in EXPORTER}


def digest(journal: JournalUnderTest) -> str:
    """Every row of every table, hashed: equal before and after means unchanged."""
    from sprintlog.models import SQLModel

    found = hashlib.sha256()
    for table in SQLModel.metadata.sorted_tables:
        for row in sorted(map(repr, journal.query(f'SELECT * FROM "{table.name}"'))):
            found.update(row.encode("utf-8", "surrogatepass"))
    return found.hexdigest()


def wipe(journal: JournalUnderTest) -> None:
    """Empty the journal (but its own id), as a new one would be."""
    from sqlalchemy import create_engine, text

    from sprintlog.models import SQLModel

    engine = create_engine(f"sqlite:///{journal.path}" if journal.path else journal.url)
    try:
        with engine.begin() as connection:
            for table in reversed(SQLModel.metadata.sorted_tables):
                rule = " WHERE key <> 'journal_id'" if table.name == "setting" else ""
                connection.execute(text(f'DELETE FROM "{table.name}"{rule}'))
    finally:
        engine.dispose()
