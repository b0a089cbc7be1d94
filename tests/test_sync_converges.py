"""Merging A into B and B into A, in any order and any number of times, converges (issue 25).

Two journals start from one exchange, then each makes random edits and removals (entries'
texts and minutes, tasks marked done or removed, goals renumbered or removed, entries
logged). Then merges run in a random order, each settling its conflicts with a random
``--prefer``; once each has merged the other's latest, both hold the same rows and the
same removals, and further merges either way change nothing. What only one side touched
ends as that side left it: removed, edited or renumbered, never brought back and never
doubled. (200 examples of up to ten edits a side passed when it was written; 20 run here.)
"""

import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from exchange_docs import uid, without_stamp
from helpers import Run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.one_backend  # two SQLite files named with --db, on any run

ENTRIES = 6
GOALS = {1: ("Write", "ab"), 2: ("Read", "a"), 3: ("Math", "")}
NEW_NUMBER = {"A": "4", "B": "5"}  # one free number each: a renumber never takes a place
_journals = itertools.count()


def _start() -> dict:
    """The shared start: sprint 1 (today inside it), goals 1-3, six entries linked to them."""
    goals = [
        {
            "uuid": uid(f"goal {number}"), "number": number, "title": title,
            "description": None, "status": "open", "outcome": None, "carried_from": None,
            "updated_at": "2025-01-01T00:00:00.000000Z",
            "tasks": [
                {
                    "uuid": uid(f"task {number}{letter}"), "letter": letter,
                    "text": f"task {number}{letter}", "description": None, "status": "open",
                    "outcome": None, "carried_from": None,
                    "updated_at": "2025-01-01T00:00:00.000000Z",
                }
                for letter in letters
            ],
        }
        for number, (title, letters) in GOALS.items()
    ]  # fmt: skip
    links = [[], [1], [2], [1, "1a"], [3], [2, "2a"]]
    entries = [
        {
            "uuid": uid(f"entry {n}"), "day": f"2025-01-0{n + 1}", "text": f"entry {n}",
            "minutes": None, "created_at": "2025-01-01T00:00:00.000000Z",
            "updated_at": "2025-01-01T00:00:00.000000Z",
            "goals": [
                {"goal": uid(f"goal {link[0]}"),
                 "task": uid(f"task {link[1]}") if len(link) > 1 else None}
            ] if link else [],
            "tags": [],
        }
        for n, link in enumerate(links)
    ]  # fmt: skip
    return {
        "format": "sprintlog", "version": 2, "exported_at": "2025-01-01T00:00:00.000000Z",
        "journal_id": uid("where they started"), "settings": {},
        "sprints": [
            {"uuid": uid("sprint 1"), "number": 1, "title": None, "start_day": "2025-01-01",
             "end_day": "2025-01-14", "closed_at": None, "notes": None,
             "updated_at": "2025-01-01T00:00:00.000000Z", "goals": goals}
        ],
        "entries": entries, "reading": [], "acronyms": [], "questions": [], "breaks": [],
        "timer": None, "import_sources": [], "removals": [], "changed_since": {},
    }  # fmt: skip


EDITS = st.one_of(
    st.tuples(st.just("text"), st.integers(0, ENTRIES - 1)),
    st.tuples(st.just("minutes"), st.integers(0, ENTRIES - 1), st.integers(1, 300)),
    st.tuples(st.just("rm"), st.integers(0, ENTRIES - 1)),
    st.tuples(st.just("rm goal"), st.sampled_from(sorted(GOALS))),
    st.tuples(st.just("renumber"), st.sampled_from(sorted(GOALS))),
    st.tuples(st.just("done"), st.sampled_from(["1a", "1b", "2a"])),
    st.tuples(st.just("rm task"), st.sampled_from(["1a", "1b", "2a"])),
    st.tuples(st.just("log")),
)
MERGES = st.lists(st.tuples(st.sampled_from("AB"), st.sampled_from(["mine", "theirs"])))


@dataclass
class Side:
    name: str
    db: tuple[str, str]
    texts: dict[int, str] = field(default_factory=dict)  # entry -> the text it set last
    minutes: dict[int, int] = field(default_factory=dict)
    removed: set[int] = field(default_factory=set)
    goals_touched: set[int] = field(default_factory=set)  # by the goals' first numbers
    goals_removed: set[int] = field(default_factory=set)
    tasks_removed: set[str] = field(default_factory=set)
    renumbered: dict[int, int] = field(default_factory=dict)
    logged: list[str] = field(default_factory=list)

    def touched(self, entry: int) -> bool:
        return entry in self.texts or entry in self.minutes or entry in self.removed


def _number(side: Side, goal: int) -> str:
    return str(side.renumbered.get(goal, goal))


def _edit(run: Run, side: Side, edit: tuple, step: int) -> None:
    """One edit on one side; an edit of a row that side removed already is not made."""
    if edit[0] in ("rm goal", "renumber", "done", "rm task"):
        goal = int(edit[1][0]) if edit[0] in ("done", "rm task") else edit[1]
        if goal not in side.goals_removed and edit[1] not in side.tasks_removed:
            _edit_goal(run, side, edit, goal)
    elif edit[0] == "log":
        text = f"logged on {side.name}, {step}"
        assert run(*side.db, "log", text).exit_code == 0
        side.logged.append(text)
    elif edit[1] not in side.removed:
        _edit_entry(run, side, edit, step)


def _edit_entry(run: Run, side: Side, edit: tuple, step: int) -> None:
    entry, db = edit[1], side.db
    if edit[0] == "text":
        text = f"entry {entry}, {side.name}'s edit {step}"
        assert run(*db, "entry", "edit", str(entry + 1), text).exit_code == 0
        side.texts[entry] = text
    elif edit[0] == "minutes":
        assert run(*db, "entry", "edit", str(entry + 1), "-m", str(edit[2])).exit_code == 0
        side.minutes[entry] = edit[2]
    else:
        assert run(*db, "entry", "rm", str(entry + 1), "--yes").exit_code == 0
        side.removed.add(entry)


def _edit_goal(run: Run, side: Side, edit: tuple, goal: int) -> None:
    db, ref = side.db, _number(side, goal)
    if edit[0] == "rm goal":
        assert run(*db, "goal", "rm", ref, "-s", "1", "--yes").exit_code == 0
        side.goals_removed.add(goal)
    elif edit[0] == "renumber":
        if side.renumbered:
            return  # one free number each side: a renumber never takes another's place
        to = NEW_NUMBER[side.name]
        assert run(*db, "goal", "renumber", ref, to, "-s", "1").exit_code == 0
        side.renumbered[goal] = int(to)
    elif edit[0] == "rm task":
        assert run(*db, "goal", "rm", ref + edit[1][1], "-s", "1", "--yes").exit_code == 0
        side.tasks_removed.add(edit[1])
    else:
        assert run(*db, "goal", "done", ref + edit[1][1], "-s", "1").exit_code == 0
    side.goals_touched.add(goal)


def _merge(run: Run, folder: Path, source: Side, target: Side, prefer: str) -> str:
    sent = folder / "sent.json"
    sent.write_bytes(run(*source.db, "export").stdout_bytes)
    result = run(*target.db, "import", str(sent), "--prefer", prefer)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


def _state(run: Run, side: Side) -> dict:
    return without_stamp(json.loads(run(*side.db, "export").stdout))


def _differences(mine: dict, theirs: dict) -> list:
    """What differs between two documents, row by row (the assertion's message)."""
    found = []
    for key in mine:
        if mine[key] == theirs[key]:
            continue
        if not isinstance(mine[key], list):
            found.append((key, mine[key], theirs[key]))
            continue
        found += [(key, "A", row) for row in mine[key] if row not in theirs[key]]
        found += [(key, "B", row) for row in theirs[key] if row not in mine[key]]
    return found


def _check_one_sided(final: dict, a: Side, b: Side) -> None:
    """What one side alone touched ends as that side left it; nothing is doubled."""
    entries = {e["uuid"]: e for e in final["entries"]}
    assert len(entries) == len(final["entries"])
    for one, other in ((a, b), (b, a)):
        for n in range(ENTRIES):
            row = entries.get(uid(f"entry {n}"))
            if other.touched(n):
                continue
            if n in one.removed:
                assert row is None, f"entry {n} came back"
                continue
            assert row is not None, f"entry {n} was lost"
            assert row["text"] == one.texts.get(n, f"entry {n}")
            assert row["minutes"] == one.minutes.get(n)
        texts = [e["text"] for e in final["entries"]]
        assert all(texts.count(text) == 1 for text in one.logged)
    goals = {g["uuid"]: g for s in final["sprints"] for g in s["goals"]}
    titles = [g["title"] for g in goals.values()]
    assert len(titles) == len(set(titles)), titles  # a renumbered goal never doubles
    for one, other in ((a, b), (b, a)):
        for number in GOALS:
            row = goals.get(uid(f"goal {number}"))
            if number in other.goals_touched:
                continue
            if number in one.goals_removed:
                assert row is None, f"goal {number} came back"
            else:
                assert row is not None and row["number"] == one.renumbered.get(number, number)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    edits_a=st.lists(EDITS, max_size=6),
    edits_b=st.lists(EDITS, max_size=6),
    merges=MERGES.filter(lambda merges: len(merges) <= 4),
    last=st.sampled_from("AB"),
    prefers=st.tuples(st.sampled_from(["mine", "theirs"]), st.sampled_from(["mine", "theirs"])),
)
def test_merges_in_any_order_converge(
    run: Run,
    tmp_path: Path,
    edits_a: list,
    edits_b: list,
    merges: list,
    last: str,
    prefers: tuple[str, str],
) -> None:
    number = next(_journals)
    a = Side("A", ("--db", str(tmp_path / f"a{number}.db")))
    b = Side("B", ("--db", str(tmp_path / f"b{number}.db")))
    start = tmp_path / "start.json"
    start.write_text(json.dumps(_start()), encoding="utf-8")
    assert run(*a.db, "import", str(start)).exit_code == 0
    _merge(run, tmp_path, a, b, "theirs")  # B starts as A's copy: their first exchange
    assert _state(run, a) == _state(run, b)
    for step, edit in enumerate(edits_a):
        _edit(run, a, edit, step)
    for step, edit in enumerate(edits_b):
        _edit(run, b, edit, step)

    sides = {"A": (a, b), "B": (b, a)}
    for into, prefer in merges:
        target, source = sides[into]
        _merge(run, tmp_path, source, target, prefer)
    first, second = sides[last]
    _merge(run, tmp_path, second, first, prefers[0])
    _merge(run, tmp_path, first, second, prefers[1])
    final, other = _state(run, a), _state(run, b)
    assert final == other, _differences(final, other)
    _check_one_sided(final, a, b)

    for into, prefer in (("A", "mine"), ("B", "theirs")):
        target, source = sides[into]
        report = _merge(run, tmp_path, source, target, prefer)
        assert "Added: nothing" in report and "Conflicts" not in report, report
        assert "Updated" not in report and "Removed" not in report, report
    assert _state(run, a) == _state(run, b) == final
