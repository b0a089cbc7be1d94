"""The commands' plain SQL (storage/sql/) against the SQLModel tables.

models.py is the one source of the schema: every column a query declares must be a
column of that table, of the type the query converts it to; the database must answer
each query with the columns it declares (on both backends: the same text runs on each);
each insert must write every column that the ORM would fill and the database would not.
And on an SQLite journal neither the daily commands nor a sprint's edits import
SQLAlchemy, SQLModel or pydantic at all.
"""

import importlib
import os
import pkgutil
import pty
import re
import shlex
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from helpers import JournalUnderTest, Run
from sqlalchemy import Boolean, Date, DateTime, Integer, String, TypeDecorator

from sprintlog.models import SQLModel
from sprintlog.storage import sql
from sprintlog.storage.journal import open_journal
from sprintlog.storage.location import locate
from sprintlog.storage.reader import Change, Column, Insert, Query
from sprintlog.storage.sql import entries as entry_sql

# One backend: the queries' declarations checked against models.py, without a database
# (what each backend answers and runs: the tests given a journal, on both)
one_backend = pytest.mark.one_backend

# Every query, with entries() once per condition, and with all that go together (a goal
# or a task, with or without what it was carried from: one at a time).
_TARGETS = ("goal", "task", "goal_chain", "task_chain")
EVERY = {
    **{f"entries({name})": entry_sql.entries(name) for name in entry_sql.ENTRY_FILTERS},
    **{
        f"entries(since, until, {target}, grep)": entry_sql.entries(
            "since", "until", target, "grep"
        )
        for target in _TARGETS
    },
    "entries()": entry_sql.entries(),
    # storage/sql/: every query and statement of each module, named module.NAME.
    **{
        f"{module.__name__.rpartition('.')[2]}.{name}": value
        for module in (
            importlib.import_module(f"{sql.__name__}.{found.name}")
            for found in pkgutil.iter_modules(sql.__path__)
        )
        for name, value in vars(module).items()
        if isinstance(value, Query | Insert | Change)
    },
}


def _python_type(column) -> type:
    kind = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
    for sql_type, python in ((DateTime, datetime), (Date, date), (Boolean, bool), (Integer, int)):
        if isinstance(kind, sql_type):
            return python
    assert isinstance(kind, String), f"{column}: a type the queries do not know: {kind!r}"
    return str


@one_backend
@pytest.mark.parametrize("name", sorted(n for n, q in EVERY.items() if not isinstance(q, Change)))
def test_each_declared_column_is_a_model_column_of_that_type(name: str) -> None:
    query = EVERY[name]
    for column in query.columns:
        if column.table_column is None:
            continue  # computed (an aggregate, a count): the database test below checks it
        table, field = column.table_column
        assert table in SQLModel.metadata.tables, f"{name}: no table {table}"
        model = SQLModel.metadata.tables[table].c
        assert field in model, f"{name}: the table {table} has no column {field}"
        assert _python_type(model[field]) is column.type, f"{name}: {table}.{field}"


_SAMPLES: dict[type, object] = {
    date: date(2025, 3, 4),
    datetime: datetime(2025, 3, 4, 9, 30, tzinfo=UTC),
    str: "x",
    int: 1,
}


def _params(text: str, kinds: dict[str, type] | None = None) -> dict[str, object]:
    """A value for each :name of a query: of the type of the table's column of that name
    where there is one (``kinds``), a day where it wants one, else a number."""
    kinds = kinds or {}
    names = set(re.findall(r"(?<![:\w]):([a-z_]+)", text))
    return {name: _sample(name, kinds.get(name)) for name in names}


def _kinds(declared: tuple[Column, ...]) -> dict[str, type]:
    """The types of the table columns a query declares, by name."""
    return {column.label: column.type for column in declared if column.table_column is not None}


def _sample(name: str, kind: type | None) -> object:
    if kind is not None:
        return _SAMPLES[kind]
    if name in {"day", "first", "last", "since", "until", "today", "anchor"}:
        return date(2025, 3, 4)
    return "%x%" if name == "pattern" else 1


@pytest.mark.parametrize("name", sorted(n for n, q in EVERY.items() if isinstance(q, Query)))
def test_the_database_answers_each_query_with_its_declared_columns(name: str, journal) -> None:
    query = EVERY[name]
    opened = open_journal(locate(journal.url, default_dir=Path.cwd()))
    try:
        with opened.reading(write=False) as reader:
            answered = reader.labels(query, **_params(reader.sql(query), _kinds(query.columns)))
    finally:
        opened.close()
    assert answered == [column.label for column in query.columns]


def _needs_a_value(column) -> bool:
    """Whether an INSERT leaving ``column`` out would store something other than the ORM.

    Left out, a column gets its server default, or NULL: right only when the ORM would
    also leave it to the database (no Python-side default) and NULL is allowed.
    """
    if column.primary_key and column.autoincrement in (True, "auto") and column.name == "id":
        return False  # the database numbers it (RETURNING gives it back)
    if column.server_default is not None:
        return False
    return column.default is not None or not column.nullable


@one_backend
@pytest.mark.parametrize("name", sorted(n for n, q in EVERY.items() if isinstance(q, Insert)))
def test_each_insert_writes_every_column_the_orm_would_fill(name: str) -> None:
    insert = EVERY[name]
    written = {column.label for column in insert.columns}
    assert {column.table_column[0] for column in insert.columns} == {insert.table}
    table = SQLModel.metadata.tables[insert.table]
    missed = [c.name for c in table.columns if c.name not in written and _needs_a_value(c)]
    assert not missed, f"{name} leaves out {missed}, which the ORM fills (or NULL cannot be)"


CHANGES = sorted(n for n, q in EVERY.items() if isinstance(q, Change))


@one_backend
@pytest.mark.parametrize("name", CHANGES)
def test_each_change_sets_model_columns_and_keeps_updated_at(name: str) -> None:
    change = EVERY[name]
    table = SQLModel.metadata.tables[change.table]
    assert re.search(rf"\b(UPDATE|DELETE FROM) {change.table}\b", change.text), name
    for column in change.sets:
        assert column.table_column is not None and column.table_column[0] == change.table
        assert column.label in table.c, f"{name}: the table {change.table} has no {column.label}"
        assert _python_type(table.c[column.label]) is column.type, f"{name}: {column.name}"
    # A row that travels between journals is merged by its updated_at: an edit moves it.
    if change.text.startswith("UPDATE") and "updated_at" in table.c:
        assert "updated_at" in {column.label for column in change.sets}, name


@pytest.mark.parametrize("name", CHANGES)
def test_the_database_runs_each_change(name: str, journal) -> None:
    change = EVERY[name]
    opened = open_journal(locate(journal.url, default_dir=Path.cwd()))
    try:
        with pytest.raises(_RolledBack), opened.reading(write=True) as reader:
            table = SQLModel.metadata.tables[change.table]
            kinds = {column.name: _python_type(column) for column in table.columns}
            reader.change(change, **_params(change.text, kinds))
            raise _RolledBack
    finally:
        opened.close()


class _RolledBack(Exception):
    """Raised inside a transaction so that what a test ran there is not kept."""


# --- the daily commands import no SQLAlchemy -----------------------------------------

DAILY = [
    ["log", "Read the proof again", "--goal", "3a", "--goal", "1", "--minutes", "20"],
    ["log", "yesterday too", "--date", "yesterday"],
    ["status"],
    ["status", "--json"],
    ["streak"],
    ["streak", "--json", "--weeks", "3"],
    ["streak", "--calendar"],
    ["streak", "--calendar", "--by", "minutes", "--json"],
    ["streak", "--calendar", "--svg", "{dir}/year.svg"],
    ["entries"],
    ["entries", "--since", "-7d", "--until", "today"],
    ["entries", "--in", "this week", "--grep", "PROOF", "--json"],
    ["entries", "--grep", "Ünï", "--sprint", "1"],
    ["entries", "--goal", "3a", "--chain"],
    ["entries", "--goal", "1", "--json", "--sprint", "1"],
    ["entry", "show", "1"],
    ["entry", "show", "1", "--json"],
    ["render", "review"],
    ["render", "review", "1", "-o", "{dir}/post.md", "--images", "img", "--force"],
    ["render", "plan"],
    ["sprint", "show"],
]

# The edits a learner makes to sprints, goals, tasks and entries during a sprint (issue
# 22): typed statements too, so that none imports the ORM either. ``{editor}``: the
# scripted $EDITOR of the test below types the text.
EDITS = [
    ["goal", "add", "2", "Read", "--task", "SICP 1.1", "--description", "Books"],
    ["goal", "task", "3", "Topoi ch.2", "--description", "Read it"],
    ["goal", "edit", "3b", "Topoi, chapter 1"],
    ["goal", "edit", "1", "--description", "The essay", "--sprint", "2"],
    ["goal", "done", "3"],
    ["goal", "done", "1"],
    ["goal", "partial", "3a"],
    ["goal", "drop", "3b"],
    ["goal", "defer", "3"],
    ["goal", "reopen", "3"],
    ["goal", "list"],
    ["goal", "list", "--json", "--sprint", "1"],
    ["note", "3a", "Went well"],
    ["note", "1", "--sprint", "1", "Drafted it"],
    ["note", "3b", "{editor}"],
    ["sprint", "note", "2", "Intro"],
    ["sprint", "note", "1", "{editor}"],
    ["sprint", "list"],
    ["sprint", "list", "--json"],
    ["sprint", "show", "1", "--json"],
    ["entry", "edit", "3", "Topoi #again", "--minutes", "50", "--goal", "3b"],
    ["entry", "edit", "1", "--date", "-16d"],
    ["entry", "edit", "3", "--goal", "none"],
    ["entry", "rm", "2", "--yes"],
]


@pytest.fixture
def journal_with_data(ok: Run, journal: JournalUnderTest) -> str:
    """Two sprints with goals, tasks carried over, entries, reading, a question, acronyms.

    On either backend: a server's commands run on psycopg itself, so they import no
    SQLAlchemy either (issue 22, item 3).
    """
    ok("sprint", "start", "--start", "-20d", "--length", "14")
    ok("goal", "add", "1", "Write", "--description", "Finish the essay draft")
    ok("goal", "add", "3", "Math", "--task", "Email two professors", "--task", "Topoi ch.1")
    ok("log", "Ünïcode and a proof", "--goal", "3a", "--date", "-15d", "--minutes", "30")
    ok("log", "Drafted", "--goal", "1", "--date", "-14d")
    ok("sprint", "start", "--start", "-6d", "--length", "14")  # 1 and 3a, 3b carried
    ok("log", "Topoi again", "--goal", "3a", "--date", "-2d", "--minutes", "45")
    ok("read", "add", "Topoi", "--goal", "3")
    ok("question", "add", "What is a sheaf?")
    ok("acronym", "add", "SSJ", "Self Study Journal")
    return journal.url


# An editor that types a line at the top of the file it is given (above the context).
_TYPE_INTO_FILE = (
    "import pathlib, sys; draft = pathlib.Path(sys.argv[1]); "
    "draft.write_text('Typed in the editor.' + chr(10) + draft.read_text())"
)
_ORM = ("sqlalchemy", "sqlmodel", "pydantic")


@pytest.mark.parametrize("args", DAILY + EDITS, ids=" ".join)
def test_daily_commands_import_no_sqlalchemy(
    journal_with_data: str, tmp_path: Path, args: list[str]
) -> None:
    imported = _imported(journal_with_data, tmp_path, args)
    # The modules were listed, ours too: the Reader every command's queries run through.
    assert "sprintlog.storage.reader" in imported
    assert _orm(imported) == []


# The edits of the reading list, acronyms, questions, breaks, settings, the timer and
# tags (issue 22): each after what it needs, which runs in-process; the command itself
# runs alone, in a process of its own.
LIST_EDITS = [
    ([], ["read", "add", "A survey", "--goal", "3", "-c", "RL", "--url", "https://example.org"]),
    ([], ["read", "start", "1"]),
    ([], ["read", "done", "1", "--note", "Worth it"]),
    ([], ["read", "list"]),
    ([], ["read", "list", "--status", "to-read", "--json"]),
    ([], ["read", "rm", "1"]),
    ([], ["acronym", "add", "RL", "Reinforcement Learning"]),
    ([], ["acronym", "add", "SSJ", "Self-Study Journal"]),
    ([], ["acronym", "list"]),
    ([], ["acronym", "list", "--json"]),
    ([], ["acronym", "rm", "SSJ"]),
    ([], ["question", "add", "Why sheaves?"]),
    ([], ["question", "list"]),
    ([], ["question", "list", "--all", "--json"]),
    ([], ["question", "resolve", "1"]),
    ([], ["break", "add", "2025-06-02", "2025-06-13", "exams"]),
    ([["break", "add", "2025-06-02", "2025-06-13"]], ["break", "list"]),
    ([["break", "add", "2025-06-02", "2025-06-13"]], ["break", "list", "--json"]),
    ([["break", "add", "2025-06-02", "2025-06-13"]], ["break", "rm", "1", "--yes"]),
    ([], ["config", "list"]),
    ([], ["config", "list", "--json"]),
    ([], ["config", "get", "prefix"]),
    ([], ["config", "set", "max_goals", "4"]),
    ([], ["config", "set", "prefix", "LRN"]),
    ([], ["start", "Topoi", "--goal", "3a"]),
    ([["start", "Topoi", "--goal", "3a"]], ["timer"]),
    ([["start", "Topoi", "--goal", "3a"]], ["stop"]),
    ([["start"]], ["stop", "Proved it", "--minutes", "20"]),
    ([["start"]], ["timer", "cancel"]),
    ([], ["tags", "--json"]),
]


@pytest.mark.parametrize(("before", "args"), LIST_EDITS, ids=[" ".join(a) for _, a in LIST_EDITS])
def test_the_list_edits_of_a_sprint_import_no_sqlalchemy(
    ok: Run, journal_with_data: str, tmp_path: Path, before: list[list[str]], args: list[str]
) -> None:
    for command in before:
        ok(*command)
    imported = _imported(journal_with_data, tmp_path, args)
    assert "sprintlog.storage.reader" in imported  # the modules were listed, ours too
    assert _orm(imported) == []


def _imported(journal: str, folder: Path, args: list[str]) -> list[str]:
    """The modules ``sprintlog --db JOURNAL ARGS`` imports, as ``-X importtime`` lists them.

    ``{dir}`` in an argument is ``folder``; ``{editor}`` is a scripted editor.
    """
    args = [arg.replace("{dir}", str(folder)) for arg in args]
    env = {key: value for key, value in os.environ.items() if key != "VISUAL"}
    terminal: tuple[int, int] | None = None
    if "{editor}" in args:
        args.remove("{editor}")
        env["EDITOR"] = f"{shlex.quote(sys.executable)} -c {shlex.quote(_TYPE_INTO_FILE)}"
        terminal = pty.openpty()  # an editor is started only for a person at a terminal
    try:
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "sprintlog", "--db", journal, *args],
            stdin=terminal[1] if terminal else None,
            stdout=terminal[1] if terminal else subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=120,
            env=env,
        )
    finally:
        for descriptor in terminal or ():
            os.close(descriptor)
    assert done.returncode == 0, done.stderr[-2000:]
    return re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s+(\S+)", done.stderr, re.MULTILINE)


def _orm(imported: list[str]) -> list[str]:
    return sorted({name for name in imported if name.split(".")[0] in _ORM})
