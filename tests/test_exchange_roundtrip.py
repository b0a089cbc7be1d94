"""Round trip: any journal, exported, imported into an empty journal and exported again,
gives the same document; and so does a `db copy` of it (on SQLite and on PostgreSQL)."""

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import jsonschema
from exchange_docs import uid, wipe, without_stamp
from helpers import JournalUnderTest, Run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sprintlog.storage import exchange

TEXT = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=30),
    st.sampled_from(
        [
            "line one\r\nline two\r\n",
            "# Heading\n\n- *item* `code`\n\n> quote\n\n| a | b |\n|---|---|",
            "👩‍👩‍👧 مرحبا \u200f\u202e עברית 𝔘𝔫𝔦 \u0301e\u00a0[bold]{{ x }}",
            "long " + "é" * 30_000 + "\r\n" + "z" * 30_000,
        ]
    ),
)
SHORT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=12)
MAYBE = st.none() | TEXT
STAMPS = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)).map(
    exchange.stamp
)
DAYS = st.dates(min_value=date(2023, 12, 1), max_value=date(2024, 6, 30)).map(date.isoformat)
SETTINGS = [("prefix", "ML"), ("days_per_week", "5"), ("epistemic_status", "Draft — ünï\r\n")]
STATUS = st.sampled_from(["open", "partial", "done", "dropped", "deferred"])


@st.composite
def _sprints(draw: st.DrawFn) -> list[dict[str, Any]]:
    sprints: list[dict[str, Any]] = []
    goals: list[str] = []
    tasks: list[str] = []
    first = date(2024, 1, 1)
    for number in range(1, draw(st.integers(0, 3)) + 1):
        start = first + timedelta(days=draw(st.integers(0, 5)))
        end = start + timedelta(days=draw(st.integers(0, 20)))
        first = end + timedelta(days=1)
        made = []
        for goal in sorted(draw(st.lists(st.integers(1, 5), unique=True, max_size=3))):
            letters = sorted(draw(st.lists(st.sampled_from("abcdz"), unique=True, max_size=2)))
            made.append(_goal(draw, f"{number}-{goal}", goal, letters, goals, tasks))
        goals += [g["uuid"] for g in made]
        tasks += [t["uuid"] for g in made for t in g["tasks"]]
        sprints.append(
            {
                "uuid": uid(f"s{number}"), "number": number, "title": draw(MAYBE),
                "start_day": start.isoformat(), "end_day": end.isoformat(),
                "closed_at": draw(st.none() | STAMPS), "notes": draw(MAYBE),
                "updated_at": draw(STAMPS), "goals": made,
            }
        )  # fmt: skip
    return sprints


def _goal(draw: st.DrawFn, name: str, number: int, letters: list[str], goals, tasks) -> dict:
    def earlier(pool: list[str]) -> str | None:
        return draw(st.none() | st.sampled_from(pool)) if pool else None

    made = [
        {
            "uuid": uid(f"t{name}{letter}"), "letter": letter, "text": draw(TEXT),
            "description": draw(MAYBE), "status": draw(STATUS), "outcome": draw(MAYBE),
            "carried_from": earlier(tasks), "updated_at": draw(STAMPS),
        }
        for letter in letters
    ]  # fmt: skip
    return {
        "uuid": uid(f"g{name}"), "number": number, "title": draw(TEXT),
        "description": draw(MAYBE), "status": draw(STATUS), "outcome": draw(MAYBE),
        "carried_from": earlier(goals), "updated_at": draw(STAMPS), "tasks": made,
    }  # fmt: skip


def _ordered(rows: list[dict[str, Any]], *keys: str) -> list[dict[str, Any]]:
    """Rows in the export's order: by what they hold (``keys``), then uuid."""
    return sorted(rows, key=lambda row: (*(row[key] or "" for key in keys), row["uuid"]))


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    sprints = draw(_sprints())
    targets = [(g["uuid"], None) for s in sprints for g in s["goals"]]
    targets += [(g["uuid"], t["uuid"]) for s in sprints for g in s["goals"] for t in g["tasks"]]
    entries = _ordered([
        {
            "uuid": uid(f"e{n}"), "day": draw(DAYS), "text": draw(TEXT),
            "minutes": draw(st.none() | st.integers(0, 1440)),
            "created_at": draw(STAMPS), "updated_at": draw(STAMPS),
            "started_at": draw(st.none() | STAMPS),
            "goals": [
                {"goal": goal, "task": task}
                for goal, task in (draw(st.lists(st.sampled_from(targets), max_size=2))
                                   if targets else [])
            ],
            "tags": sorted(
                draw(st.sets(st.sampled_from(["math", "ünïcode", "日本語", "a-b", "Kapitel"]))),
                key=str.lower,  # the export's order: the tag as matched
            ),
        }
        for n in range(draw(st.integers(0, 4)))
    ], "day", "created_at")  # fmt: skip
    return {
        "format": "sprintlog",
        "version": 2,
        "exported_at": draw(STAMPS),
        "settings": dict(sorted(draw(st.sets(st.sampled_from(SETTINGS))))),
        "sprints": sprints,
        "entries": entries,
        "reading": _ordered([
            {
                "uuid": uid(f"r{n}"), "title": draw(TEXT), "url": draw(st.none() | SHORT),
                "category": draw(st.none() | SHORT),
                "goal_number": draw(st.none() | st.integers(1, 5)),
                "status": draw(st.sampled_from(["to read", "reading", "read"])),
                "note": draw(MAYBE), "added_on": draw(DAYS), "started_on": draw(st.none() | DAYS),
                "finished_on": draw(st.none() | DAYS), "updated_at": draw(STAMPS),
            }
            for n in range(draw(st.integers(0, 2)))
        ], "added_on"),
        "acronyms": [
            {"term": term, "expansion": draw(TEXT)}
            for term in sorted(draw(st.sets(SHORT.filter(bool), max_size=3)))
        ],
        "questions": _ordered([
            {"uuid": uid(f"q{n}"), "text": draw(TEXT), "asked_on": draw(DAYS),
             "resolved_on": draw(st.none() | DAYS), "updated_at": draw(STAMPS)}
            for n in range(draw(st.integers(0, 2)))
        ], "asked_on"),
        "breaks": _ordered([
            {"uuid": uid(f"b{n}"), "start_day": "2024-07-01",
             "end_day": f"2024-07-{draw(st.integers(1, 31)):02d}",
             "reason": draw(MAYBE), "updated_at": draw(STAMPS)}
            for n in range(draw(st.integers(0, 2)))
        ], "start_day"),
        "timer": draw(st.none() | st.fixed_dictionaries({
            "started_at": STAMPS, "day": DAYS, "text": MAYBE, "goal_refs": st.none() | SHORT,
        })),
        "import_sources": [
            {"source": source, "source_id": source_id, "row_table": "entry",
             "row_uuid": uid(source_id), "imported_at": draw(STAMPS),
             "imported_state": draw(st.none() | st.text("0123456789abcdef", min_size=24,
                                                        max_size=24))}
            for source, source_id in sorted(draw(st.sets(
                st.tuples(st.sampled_from(["jrnl", "watson"]), SHORT), max_size=3)))
        ],
        "removals": sorted(
            ({"uuid": uid(f"gone{n}"), "table": draw(st.sampled_from(["entry", "goal", "task"])),
              "removed_at": draw(STAMPS), "updated_at": draw(STAMPS)}
             for n in range(draw(st.integers(0, 2)))),
            key=lambda row: row["uuid"],
        ),
    }  # fmt: skip


def _fresh(journal: JournalUnderTest, ok: Run, tmp_path: Path, name: str) -> tuple[str, str]:
    """``--db`` for a second, empty SQLite journal (made once, emptied for each example)."""
    path = tmp_path / name
    if path.exists():
        wipe(JournalUnderTest(str(path), path))
    else:
        ok("--db", str(path), "status")
    return ("--db", str(path))


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(document=documents())
def test_export_import_export_gives_the_same_document_and_db_copy_agrees(
    ok: Run, tmp_path: Path, journal: JournalUnderTest, document: dict
) -> None:
    if journal.path is None or journal.path.exists():
        wipe(journal)  # hypothesis runs every example in the same test's journal
    source = tmp_path / "document.json"
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    ok("import", str(source))
    exported = ok("export")
    first = exported.json()
    jsonschema.validate(first, json.loads(exchange.schema_text()))
    assert without_stamp(first) == without_stamp(document)

    other = _fresh(journal, ok, tmp_path, "other.db")
    again = tmp_path / "again.json"
    again.write_bytes(exported.stdout_bytes)
    ok(*other, "import", str(again))
    assert without_stamp(ok(*other, "export").json()) == without_stamp(first)

    copy = tmp_path / "copy.db"
    copy.unlink(missing_ok=True)
    ok("db", "copy", "--to", str(copy))
    assert without_stamp(ok("--db", str(copy), "export").json()) == without_stamp(first)
