"""The plain-SQL log (services/daylog.py) stores and says exactly what the ORM would (orm_log.py).

Both are given the same inputs, one after the other, on the same journal: either
both refuse with the same error, or both store the same rows, every column of the entry
and of its goal links (a column added to a table is compared without a change here).
"""

import re
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import orm_log
import pytest
from helpers import Run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sprintlog.errors import JournalError, SprintlogError
from sprintlog.services import daylog, entries
from sprintlog.services import settings as settings_service
from sprintlog.storage.journal import Journal, open_journal
from sprintlog.storage.location import locate
from sprintlog.storage.reader import SqliteReader, of_session

REFS = ["1", "3", "3a", "3B", "SSJ--3b", "ssj--1", "3c", "2", "0", "6", "ABC--1", "x", " 3 ", "٣"]
TEXTS = ["Topoi ch.1", "  spaced  ", "日本語 🎌", "", "nul\x00byte", "line\nbreak"]
MINUTES = [None, 1, 45, 1440, 0, 1441, -5]


@pytest.fixture
def two_sprints(ok: Run, sprint: None) -> None:
    """Sprint 1 (from the sprint fixture) and sprint 2 after it, with goals carried and added."""
    start = (date.today() + timedelta(days=11)).isoformat()
    ok("sprint", "start", "--start", start, "--length", "7", "--next")
    ok("goal", "add", "2", "Read", "--sprint", "2", "--task", "SICP 1.1")


def _open(path: Path) -> Journal:
    return open_journal(locate(str(path), default_dir=path.parent))


# Columns whose values differ between two rows written one after the other: their ids,
# and what is made when a row is written (a time, a random id). These are compared by
# shape (the same type, written the same way, and a time within the test's run).
_OWN = {"id", "entry_id"}
_TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}")
_UUID = re.compile(r"[0-9a-f]{32}")  # models.new_uuid(): uuid4().hex


def _shape(column: str, value: object, since: datetime) -> object:
    """A value as compared between the two ways: as it is, or (for _OWN) its kind.

    As stored: SQLite gives text (a time as the ORM writes it, UTC without a zone), a
    server gives dates and times (aware or not, as the column is declared).
    """
    if column in _OWN:
        return (column, type(value).__name__)
    if isinstance(value, str) and _TIME.fullmatch(value):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime):  # a time of writing (in UTC when it has no zone)
        value = value.replace(tzinfo=UTC) if value.utcoffset() is None else value
        return ("time", since - timedelta(seconds=1) <= value <= datetime.now(UTC))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and _UUID.fullmatch(value):
        return ("uuid", True)
    return value


def _rows(session, sql: str, entry_id: int, since: datetime) -> list:
    """Every column of the rows ``sql`` selects, by name, each shaped for comparing."""
    from sqlalchemy import text as sql_text

    result = session.connection().execute(sql_text(sql), {"id": entry_id})
    names = list(result.keys())
    return [
        {name: _shape(name, value, since) for name, value in zip(names, row, strict=True)}
        for row in result
    ]


def _outcome(journal: Journal, add) -> tuple:
    """What one way of logging did: ("error", type, message) or ("entry", row, links)."""
    since = datetime.now(UTC)
    try:
        entry_id = add()
    except SprintlogError as error:
        return ("error", type(error).__name__, error.message)
    with journal.transaction(write=False) as session:
        row = _rows(session, "SELECT * FROM entry WHERE id = :id", entry_id, since)
        links = _rows(
            session, "SELECT * FROM entrygoal WHERE entry_id = :id ORDER BY id", entry_id, since
        )
        assert [link.get("entry_id") for link in links] == [("entry_id", "int")] * len(links)
    return ("entry", row, links)


def _both(journal: Journal, **given) -> tuple[tuple, tuple]:
    def with_orm() -> int:
        with journal.transaction(write=True) as session:
            config = settings_service.read(of_session(session))
            return orm_log.add(session, settings=config, **given).id

    def with_sql() -> int:  # the reader the journal gives: sqlite3, or a server's connection
        with journal.reading(write=True) as reader:
            return daylog.add_sql(reader, **given).id

    return _outcome(journal, with_orm), _outcome(journal, with_sql)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    offset=st.integers(min_value=-6, max_value=20),
    refs=st.lists(st.sampled_from(REFS), max_size=3),
    text=st.sampled_from(TEXTS),
    minutes=st.sampled_from(MINUTES),
)
def test_both_ways_store_or_refuse_the_same(
    two_sprints: None, journal, offset: int, refs: list[str], text: str, minutes
) -> None:
    opened = open_journal(locate(journal.url, default_dir=Path.cwd()))
    try:
        day = date.today() + timedelta(days=offset)
        by_orm, by_sql = _both(opened, text=text, day=day, refs=refs, minutes=minutes)
    finally:
        opened.close()
    assert by_orm == by_sql
    assert by_orm[0] == "error" or by_orm[1][0]["text"] == text  # rows were compared


@pytest.mark.sqlite_only
def test_the_sql_entry_reads_back_through_the_orm(
    ok: Run, sprint: None, journal_path: Path
) -> None:
    ok("config", "set", "prefix", "ABC")
    journal = _open(journal_path)
    try:
        before = datetime.now().astimezone()
        logged = daylog.add(
            journal, text="Topoi", day=date.today(), refs=["3b", "abc--1", "3B"], minutes=30
        )
        with journal.transaction(write=False) as session:
            entry = orm_log.get(session, entry_id=logged.id)
        with journal.reading(write=False) as reader:
            read = entries.get(reader, entry_id=logged.id)
    finally:
        journal.close()
    assert logged.refs == ["ABC--3b", "ABC--1"]
    assert (entry.text, entry.day, entry.minutes) == ("Topoi", date.today(), 30)
    assert [(link.goal.number, link.task and link.task.letter) for link in entry.links] == [
        (3, "b"),
        (1, None),
    ]
    assert before - timedelta(seconds=1) <= entry.created_at <= datetime.now().astimezone()
    # The plain-SQL read of it says the same as the ORM's.
    assert (read.id, read.day, read.text, read.minutes, read.created_at) == (
        entry.id,
        entry.day,
        entry.text,
        entry.minutes,
        entry.created_at,
    )
    assert [(link.goal.number, link.task and link.task.letter) for link in read.links] == [
        (3, "b"),
        (1, None),
    ]


@pytest.mark.sqlite_only
def test_a_journal_changed_to_another_revision_meanwhile_is_not_written(
    ok: Run, journal_path: Path
) -> None:
    ok("log", "first")
    journal = _open(journal_path)
    try:
        other = sqlite3.connect(journal_path)
        other.execute("UPDATE alembic_version SET version_num = '9999'")
        other.commit()
        other.close()
        with pytest.raises(JournalError, match="changed to another schema revision"):
            daylog.add(journal, text="second", day=date.today())
    finally:
        journal.close()
    rows = sqlite3.connect(journal_path).execute("SELECT text FROM entry").fetchall()
    assert rows == [("first",)]


@pytest.mark.sqlite_only
def test_the_bare_connection_has_the_journal_settings(ok: Run, journal_path: Path) -> None:
    ok("log", "first")
    journal = _open(journal_path)
    try:
        with journal.sqlite_transaction(write=True) as connection:
            pragma = lambda name: connection.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
            assert pragma("journal_mode") == "wal"
            assert pragma("synchronous") == 2  # FULL: a commit is on disk when it returns
            assert pragma("foreign_keys") == 1
            assert pragma("busy_timeout") >= 5000
            assert pragma("secure_delete") == 1
            other = sqlite3.connect(journal_path, timeout=0, isolation_level=None)
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")  # the write lock is held from BEGIN
            other.close()
    finally:
        journal.close()


@pytest.mark.sqlite_only
def test_an_error_inside_rolls_everything_back(ok: Run, journal_path: Path) -> None:
    ok("log", "first")
    journal = _open(journal_path)
    try:
        with pytest.raises(KeyboardInterrupt), journal.sqlite_transaction(write=True) as conn:
            daylog.add_sql(SqliteReader(conn), text="half", day=date.today())
            raise KeyboardInterrupt
    finally:
        journal.close()
    rows = sqlite3.connect(journal_path).execute("SELECT text FROM entry").fetchall()
    assert rows == [("first",)]
