"""Every edit of a sprint, goal, task or entry moves its row's updated_at, as the ORM did.

A merge of two journals keeps the row with the later updated_at, so an edit that left it
behind would lose to an older copy. The edits are typed statements (storage/sql/), not
the ORM's flush with its onupdate hook: these tests hold them to what the ORM did, on
both backends. An edit that changes nothing writes nothing, as the ORM's flush did not.
"""

import pytest
from helpers import JournalUnderTest, Run

OLD = "2000-01-01 00:00:00.000000"


def _age(journal: JournalUnderTest) -> None:
    """Set every row's updated_at to the year 2000 (straight in the journal)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(f"sqlite:///{journal.path}" if journal.path else journal.url)
    try:
        with engine.begin() as connection:
            for table in ("sprint", "goal", "task", "entry"):
                connection.execute(text(f"UPDATE {table} SET updated_at = '{OLD}'"))
    finally:
        engine.dispose()


def _moved(db, table: str, where: str) -> list[bool]:
    """For each row of ``table`` that ``where`` picks, in id order: did updated_at move?"""
    rows = db(f"SELECT updated_at FROM {table} WHERE {where} ORDER BY id")
    assert rows, f"no {table} row where {where}"
    return [not str(stamp).startswith("2000-01-01") for (stamp,) in rows]


# (what the command is run with, the rows it changes, whether their updated_at moves)
EDITS = [
    (["goal", "done", "1"], "goal", "number = 1", [True]),
    (["goal", "reopen", "1"], "goal", "number = 1", [False]),  # it is open already
    (["goal", "partial", "3a"], "task", "letter IN ('a', 'b')", [True, False]),
    (["goal", "drop", "3"], "task", "letter IN ('a', 'b')", [True, True]),
    (["goal", "edit", "1", "Essay"], "goal", "number = 1", [True]),
    (["goal", "edit", "1", "Write"], "goal", "number = 1", [False]),  # its title already
    (["goal", "edit", "3b", "--description", "Ch. 1"], "task", "letter = 'b'", [True]),
    (["goal", "task", "3", "New"], "goal", "number = 3", [False]),  # a task row is added
    (["note", "1", "Went well"], "goal", "number = 1", [True]),
    (["note", "3a", "Sent"], "task", "letter IN ('a', 'b')", [True, False]),
    (["note", "1", ""], "goal", "number = 1", [False]),  # no note to clear
    (["sprint", "note", "1", "Intro"], "sprint", "number = 1", [True]),
    (["sprint", "close"], "sprint", "number = 1", [True]),
    (["entry", "edit", "1", "Proofs again"], "entry", "id = 1", [True]),
    (["entry", "edit", "1", "--minutes", "30"], "entry", "id = 1", [True]),
    (["entry", "edit", "1", "--date", "-2d"], "entry", "id = 1", [True]),
    (["entry", "edit", "1", "Proofs"], "entry", "id = 1", [False]),  # its text already
    (["entry", "edit", "1", "--goal", "1"], "entry", "id = 1", [False]),  # links only
]


@pytest.mark.parametrize(
    ("args", "table", "where", "moved"), EDITS, ids=[" ".join(edit[0]) for edit in EDITS]
)
def test_an_edit_moves_updated_at_as_the_orm_did(
    ok: Run, sprint: None, journal: JournalUnderTest, db, args, table, where, moved
) -> None:
    ok("log", "Proofs", "--goal", "3a", "--date", "-1d")
    _age(journal)
    ok(*args)
    assert _moved(db, table, where) == moved


def test_an_added_goal_and_its_tasks_are_written_as_the_orm_wrote_them(
    ok: Run, sprint: None, db
) -> None:
    ok("goal", "add", "2", "Read", "--task", "SICP")
    ok("goal", "task", "2", "HtDP")
    goal = db("SELECT status, outcome, carried_from_id, length(uuid) FROM goal WHERE number = 2")
    tasks = db(
        "SELECT t.letter, t.status, t.outcome, t.carried_from_id, length(t.uuid) FROM task t "
        "JOIN goal g ON g.id = t.goal_id WHERE g.number = 2 ORDER BY t.letter"
    )
    assert goal == [("open", None, None, 32)]
    assert tasks == [("a", "open", None, None, 32), ("b", "open", None, None, 32)]
    assert _moved(db, "goal", "number = 2") == [True]
    assert _moved(db, "task", "goal_id = (SELECT id FROM goal WHERE number = 2)") == [True, True]
