"""Copying a whole journal between databases (SQLite ⇄ PostgreSQL), losslessly.

The source is read in one snapshot and never written; the target must be empty and is
filled in one transaction, then every row is read back and compared before it commits.

A journal written by an older version may hold rows the gate (rules/stored.py) refuses
today (an import let them in). Those the target can hold are copied as they are and
named in the report; if the target itself refuses one (PostgreSQL: a NUL, a name longer
than its column, a number past INTEGER), the rows are named and nothing is written.
"""

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sprintlog.errors import Conflict, JournalError
from sprintlog.rules import stored
from sprintlog.rules.setting_specs import COPY_UNFINISHED_KEY, JOURNAL_ID_KEY
from sprintlog.storage import dialects, schema_check
from sprintlog.storage.journal import (
    Journal,
    make_engine,
    open_journal,
    translate_errors,
)
from sprintlog.storage.location import Location, locate

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from sqlalchemy import Table
    from sqlalchemy.engine import Connection, RowMapping

BATCH = 500
_MAX_NAMED = 3  # rows named when a copy is refused
MAX_KEPT = 10  # rows copied as they are that the report names (it counts the rest)

# What each table holds, in words (singular, plural), for messages about a journal.
TABLE_NOUNS = {
    "sprint": ("sprint", "sprints"),
    "goal": ("goal", "goals"),
    "task": ("task", "tasks"),
    "entry": ("entry", "entries"),
    "entrygoal": ("goal link", "goal links"),
    "setting": ("setting", "settings"),
    "reading_item": ("reading item", "reading items"),
    "acronym": ("acronym", "acronyms"),
    "question": ("question", "questions"),
    "entry_tag": ("tag", "tags"),
    "study_break": ("break", "breaks"),
    "timer": ("running timer", "running timers"),
    "import_source": ("imported row", "imported rows"),
    "removal": ("removal", "removals"),
    "exchange_base": ("merge record", "merge records"),
}


def counted(rows: dict[str, int]) -> str:
    """``1 sprint, 12 entries``: rows of tables in words, in the order of TABLE_NOUNS."""
    order = [*TABLE_NOUNS, *sorted(set(rows) - set(TABLE_NOUNS))]
    words = []
    for table in order:
        if table in rows:
            one, many = TABLE_NOUNS.get(table, (table, table))
            words.append(f"{rows[table]} {one if rows[table] == 1 else many}")
    return ", ".join(words)


@dataclass(frozen=True)
class CopyReport:
    target: str
    rows: dict[str, int]  # table name -> rows copied
    # Rows copied as they are that the gate refuses today, in words (at most MAX_KEPT:
    # table, key and rule, never their text), and how many there are in all.
    kept: tuple[str, ...] = ()
    kept_total: int = 0


def copy_target(value: str, *, cwd: Path) -> Location:
    """Where ``db copy --to`` writes: an existing file, or a new one in an existing folder.

    A link that leads nowhere, or a folder that is not there, is most likely a typo: the
    copy is not made somewhere the user did not mean.
    """
    target = locate(value, default_dir=cwd)
    if target.path is None:
        return target
    given = _given_path(value, cwd)
    if given.is_symlink() and not given.exists():
        raise JournalError(
            f"{given} is a symbolic link to {os.readlink(given)}, which does not exist; "
            "nothing was copied"
        )
    if not target.path.parent.is_dir():
        raise JournalError(
            f"there is no folder {target.path.parent}; create it first (nothing was copied)"
        )
    return target


def _given_path(value: str, cwd: Path) -> Path:
    path = value.strip().split("://", 1)[1].removeprefix("/") if "://" in value else value
    return cwd / Path(path).expanduser()


def copy_journal(source: Journal, target: Location) -> CopyReport:
    if target.url == source.location.url:
        raise Conflict("the journal cannot be copied onto itself")
    with translate_errors(source.location):
        if source.location.path is not None:
            # Every page read once before anything is copied (opening checked the schema).
            schema_check.read_revision(source.location.path, thorough=True)
    enforced = dialects.enforced_rules(_dialect(target))
    if not enforced <= dialects.enforced_rules(source.engine.dialect.name):
        # The source may hold rows the target refuses: found before the target is touched.
        with translate_errors(source.location), source.naming_unreadable_values():
            refuse_rows_the_target_refuses(source, target)
    created = target.path is not None and not target.path.exists()
    destination = _open_target(target)
    kept = _Kept()
    try:
        with translate_errors(target), source.naming_unreadable_values():
            rows = _copy_all(source, destination, kept)
    except BaseException:
        destination.close()
        if created and target.path is not None:
            target.path.unlink(missing_ok=True)  # nothing of ours was in it
        raise
    destination.close()
    return CopyReport(target.shown, rows, tuple(kept.named), kept.total)


def _dialect(target: Location) -> str:
    from sqlalchemy.engine import make_url

    return make_url(target.url).get_backend_name()


def refuse_rows_the_target_refuses(source: Journal, target: Location) -> None:
    """Rows of ``source`` that the target's database itself would refuse (PostgreSQL: a
    NUL, a name longer than its column, a number past INTEGER; storage/dialects.py),
    which older versions let imports store in an SQLite journal. Checked before anything
    is written to the target, so the copy is all or nothing, and named by table and key
    with the rule (never their text: it may be private, and long).
    """
    from sprintlog.models import SQLModel

    dialect = _dialect(target)
    enforced = dialects.enforced_rules(dialect)
    refused: list[str] = []
    with source.engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            for row in _rows(connection, table):
                hard = [found for found in _problems(table, row) if found.rule in enforced]
                if hard:
                    refused.append(_named(table, row, hard[0]))
                if len(refused) > _MAX_NAMED:
                    break
            if len(refused) > _MAX_NAMED:
                break
    if refused:
        more = " and more" if len(refused) > _MAX_NAMED else ""
        where = dialects.NAMES.get(dialect, dialect)
        also = "; an SQLite file keeps them" if dialect != "sqlite" else ""
        raise JournalError(
            f"{where} cannot store these rows: {'; '.join(refused[:_MAX_NAMED])}{more}; "
            f"correct or remove them first{also} (nothing was copied)"
        )


@dataclass
class _Kept:
    """Rows copied as they are though the gate (rules/stored.py) refuses them today (an
    older version imported them): the first MAX_KEPT named, and how many in all."""

    named: list[str] = field(default_factory=list)
    total: int = 0

    def note(self, table: "Table", rows: "Sequence[RowMapping]") -> None:
        for row in rows:
            found = _problems(table, row)
            if found:
                self.total += 1
                if len(self.named) < MAX_KEPT:
                    self.named.append(_named(table, row, found[0]))


def _rows(connection: "Connection", table: "Table") -> "Iterator[RowMapping]":
    """Every row of ``table``, in key order, a batch at a time."""
    from sqlalchemy import select

    statement = select(table).order_by(*table.primary_key.columns)
    result = connection.execution_options(yield_per=BATCH).execute(statement)
    try:
        yield from result.mappings()
    finally:
        result.close()


def _problems(table: "Table", row: "RowMapping") -> list[stored.Problem]:
    return [
        found
        for column, value in row.items()
        for found in stored.problems(table.name, column, value)
    ]


def _named(table: "Table", row: "RowMapping", problem: stored.Problem) -> str:
    """``entry 2 (the rule it breaks)``: a row by its table and key, never by its text."""
    key = ", ".join(_key_part(row[column.name]) for column in table.primary_key.columns)
    return f"{table.name} {key} ({problem.words})"


def _key_part(value: object) -> str:
    return stored.quoted(value) if isinstance(value, str) else str(value)


def _open_target(target: Location) -> Journal:
    """The target journal at the current revision; on a server, created when empty."""
    from sprintlog.storage import revision, upgrade

    if target.path is not None:
        return open_journal(target)  # a new SQLite file is created at the newest revision
    engine = make_engine(target)
    with translate_errors(target):
        if revision.on_server(engine) is None:
            upgrade.upgrade_server(engine, target)
    engine.dispose()
    return open_journal(target)


def _copy_all(source: Journal, destination: Journal, kept: "_Kept") -> dict[str, int]:
    from sprintlog.models import SQLModel

    tables = SQLModel.metadata.sorted_tables  # parents before children
    writer_engine = destination.engine.execution_options(sprintlog_write=True)
    with writer_engine.connect() as writer, writer.begin():
        _refuse_if_not_empty(writer, tables, destination.location.shown)
        _mark_unfinished(writer, source.location.shown)  # committed: a killed copy shows
    with _snapshot(source) as reader, writer_engine.connect() as writer, writer.begin():
        _refuse_if_not_empty(writer, tables, destination.location.shown)
        _forget_new_identity(writer)
        _clear_mark(writer)  # in the transaction that commits the rows, so only with them
        copied = {table.name: _copy_table(reader, writer, table, kept) for table in tables}
        copied["setting"] -= _has_identity(writer)  # the user's settings, not the id
        dialects.after_rows_copied(writer, tables)
        for table in tables:
            if _digest(reader, table) != _digest(writer, table):
                raise JournalError(f"the copy of table {table.name} differs; nothing was saved")
    return copied


def _snapshot(source: Journal) -> "Connection":
    connection = source.engine.connect()
    if connection.dialect.name == "postgresql":
        # One consistent view of every table, even while another machine writes.
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
    connection.begin()
    return connection


def _refuse_if_not_empty(connection: "Connection", tables: list["Table"], shown: str) -> None:
    from sqlalchemy import func, select

    found = {}
    for table in tables:
        rows = select(func.count()).select_from(table)
        if table.name == "setting":  # a new journal has an id of its own, and nothing else
            rows = rows.where(table.c.key.not_in([JOURNAL_ID_KEY, COPY_UNFINISHED_KEY]))
        found[table.name] = connection.execute(rows).scalar() or 0
    if any(found.values()):
        held = counted({name: count for name, count in found.items() if count})
        raise Conflict(f"{shown} already holds a journal ({held}); copy into an empty one")


def _mark_unfinished(connection: "Connection", source: str) -> None:
    from datetime import datetime

    from sqlalchemy import insert

    from sprintlog.models import Setting

    _clear_mark(connection)
    when = datetime.now().isoformat(timespec="seconds")
    connection.execute(
        insert(Setting).values(key=COPY_UNFINISHED_KEY, value=f"from {source}, started {when}")
    )


def _clear_mark(connection: "Connection") -> None:
    from sqlalchemy import delete
    from sqlmodel import col

    from sprintlog.models import Setting

    connection.execute(delete(Setting).where(col(Setting.key) == COPY_UNFINISHED_KEY))


def unfinished_copy(location: Location) -> str | None:
    """What the mark of an interrupted ``db copy`` into this journal says, if it is there."""
    from sqlalchemy import select
    from sqlmodel import col

    from sprintlog.models import Setting

    engine = make_engine(location, read_only=location.path is not None)
    try:
        with translate_errors(location), engine.connect() as connection:
            query = select(col(Setting.value)).where(col(Setting.key) == COPY_UNFINISHED_KEY)
            return connection.execute(query).scalar()
    finally:
        engine.dispose()


def _forget_new_identity(connection: "Connection") -> None:
    """Drop the empty target's own id: the copy is the source's journal, and takes its id."""
    from sqlalchemy import delete
    from sqlmodel import col

    from sprintlog.models import Setting

    connection.execute(delete(Setting).where(col(Setting.key) == JOURNAL_ID_KEY))


def _has_identity(connection: "Connection") -> int:
    from sqlalchemy import func, select
    from sqlmodel import col

    from sprintlog.models import Setting

    query = select(func.count()).select_from(Setting).where(col(Setting.key) == JOURNAL_ID_KEY)
    return connection.execute(query).scalar() or 0


def _copy_table(reader: "Connection", writer: "Connection", table: "Table", kept: _Kept) -> int:
    from sqlalchemy import select

    count = 0
    statement = select(table).order_by(*table.primary_key.columns)
    result = reader.execution_options(yield_per=BATCH).execute(statement)
    for batch in result.mappings().partitions(BATCH):
        kept.note(table, batch)
        writer.execute(table.insert(), [dict(row) for row in batch])
        count += len(batch)
    return count


def _digest(connection: "Connection", table: "Table") -> str:
    from sqlalchemy import select

    digest = hashlib.sha256()
    statement = select(table).order_by(*table.primary_key.columns)
    for row in connection.execution_options(yield_per=BATCH).execute(statement):
        digest.update(repr(tuple(row)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
