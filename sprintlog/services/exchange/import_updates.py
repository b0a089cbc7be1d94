"""Records of another program's file that were imported before: kept in step with it.

``import_source`` remembers, for every row an import brought, the record's id in the
other program, when it was imported (``imported_at``) and a digest of the record as the
file had it then (``imported_state``). A record found again is compared both ways:

- changed in the other program: its digest is not the one remembered (for rows imported
  before the digest was kept: it differs from the row);
- changed in sprintlog: the row's ``updated_at`` is later than ``imported_at`` (an
  import that updates a row gives both the same stamp).

Changed there only: the row is updated ("Updated"). Changed on both sides: a conflict,
listed with both versions and settled as a merge's are (``--prefer``, ``--mine ID``,
``--theirs ID``); unsettled, nothing is written. Unchanged there: skipped, whatever was
done here. A row removed here since is not brought back.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, delete, select, update

from sprintlog.models import SQLModel
from sprintlog.rules import tags as tag_rule
from sprintlog.services.exchange.formats.common import digest
from sprintlog.services.exchange.formats.parsed import ImportedEntry
from sprintlog.services.exchange.import_report import ImportReport
from sprintlog.services.exchange.merging import Plan
from sprintlog.services.exchange.three_way import both_versions
from sprintlog.storage.values import moment_from_db

CHUNK = 500


@dataclass(frozen=True)
class Known:
    """An ``import_source`` row: what an earlier import brought."""

    source_id: str
    row_table: str
    row_uuid: str
    imported_at: datetime
    state: str | None


@dataclass(frozen=True)
class Update:
    """What to write for a record found again: the row (None: the row is kept as it is)
    and, always, the record's id and digest in ``import_source``."""

    record: ImportedEntry
    known: Known
    entry_id: int | None


def known(connection: Any, source: str) -> dict[str, Known]:
    table = SQLModel.metadata.tables["import_source"]
    query = select(
        table.c.source_id,
        table.c.row_table,
        table.c.row_uuid,
        table.c.imported_at,
        table.c.imported_state,
    ).where(table.c.source == source)
    return {
        row[0]: Known(row[0], row[1], row[2], moment_from_db(row[3]), row[4])
        for row in connection.execute(query)
    }


def state_of(record: ImportedEntry) -> str:
    """A digest of what the other program's file says of the record."""
    started = record.started_at.isoformat() if record.started_at else ""
    return digest(record.day.isoformat(), record.text, str(record.minutes), started, *record.tags)


def stored_tags(words: Iterable[str]) -> dict[str, str]:
    """The other program's tags as sprintlog's (rules/tags.from_elsewhere), in order:
    lower-cased -> as written (the first spelling of each)."""
    found: dict[str, str] = {}
    for word in words:
        made = tag_rule.from_elsewhere(word)
        if made is not None:
            found.setdefault(tag_rule.key(made), made)
    return found


def tag_rows(entry_id: int, words: Iterable[str]) -> list[dict[str, Any]]:
    """The ``entry_tag`` rows of an imported entry."""
    return [
        {"entry_id": entry_id, "tag": tag, "written": None if tag == written else written}
        for tag, written in stored_tags(words).items()
    ]


def split(
    records: Iterable[ImportedEntry], found: dict[str, Known], report: ImportReport
) -> tuple[list[ImportedEntry], list[tuple[ImportedEntry, Known]]]:
    """The records never imported, and those imported before with what was remembered."""
    fresh: list[ImportedEntry] = []
    again: list[tuple[ImportedEntry, Known]] = []
    seen: set[str] = set()
    for record in records:
        before = found.get(record.source_id)
        if before is None and record.former_id is not None:
            before = found.get(record.former_id)  # imported by an older sprintlog
        key = before.source_id if before is not None else record.source_id
        if key in seen:  # (twice in one file)
            report.skipped["entry"] += 1
            continue
        seen.add(key)
        if before is None:
            fresh.append(record)
        elif before.row_table != "entry":  # (not an entry: never an update)
            report.skipped["entry"] += 1
        else:
            again.append((record, before))
    return fresh, again


@dataclass(frozen=True)
class _Row:
    id: int
    uuid: str
    fields: dict[str, Any]
    updated_at: datetime


def plan(
    connection: Any,
    again: list[tuple[ImportedEntry, Known]],
    report: ImportReport,
    *,
    source: str,
    prefer: str | None,
    choices: dict[str, str],
) -> list[Update]:
    """Compare each record found again with its row; report, and say what to write."""
    settle = Plan(report, prefer, dict(choices))
    updates: list[Update] = []
    pending = _changed_there(again, report, updates)
    rows = _rows(connection, [before.row_uuid for _, before in pending])
    for record, before in pending:
        found = rows.get(before.row_uuid)
        if found is None:  # removed here since: not brought back
            report.skipped["entry"] += 1
            continue
        update = _compare(record, before, found, report, settle, source)
        if update is not None:
            updates.append(update)
    unknown = sorted(set(settle.choices) - settle.used)
    if unknown:
        report.notes.append(f"no conflict is named {', '.join(unknown)}; nothing chosen")
    return updates


def _changed_there(
    again: list[tuple[ImportedEntry, Known]], report: ImportReport, updates: list[Update]
) -> list[tuple[ImportedEntry, Known]]:
    """The records whose digest is not the one remembered (or none is): the rest is the
    same as when it was imported, skipped without reading its row."""
    pending = []
    for record, before in again:
        if state_of(record) != before.state:
            pending.append((record, before))
            continue
        report.skipped["entry"] += 1
        if before.source_id != record.source_id:  # found by the id an older version gave
            updates.append(Update(record, before, None))
    return pending


def _compare(
    record: ImportedEntry,
    before: Known,
    row: "_Row",
    report: ImportReport,
    settle: Plan,
    source: str,
) -> Update | None:
    """What to write for a record changed in the other program (or not known to be)."""
    theirs = _fields(record)
    changed_here = row.updated_at > before.imported_at
    if theirs == row.fields or (changed_here and before.state is None):
        # Nothing to take (or, for a row imported before digests were kept and edited
        # here since, nothing known to take): remember the record as it is now.
        report.skipped["entry"] += 1
        return Update(record, before, None)
    if not changed_here:
        report.updated["entry"] += 1
        return Update(record, before, row.id)
    changed = [key for key in theirs if theirs[key] != row.fields[key]]
    what = (
        f"entry {record.text[:40]!r} of {record.day} (uuid {row.uuid[:8]}): changed in "
        f"{source} and here since it was imported; {both_versions(changed, row.fields, theirs)}"
    )
    side = settle.conflict(what, row.uuid)
    if side == "theirs":
        report.replaced["entry"] += 1
        return Update(record, before, row.id)
    return Update(record, before, None) if side == "mine" else None


def _fields(record: ImportedEntry) -> dict[str, Any]:
    return {
        "day": record.day,
        "text": record.text,
        "minutes": record.minutes,
        "started_at": record.started_at,
        "tags": sorted(stored_tags(record.tags).values()),
    }


def _rows(connection: Any, uuids: list[str]) -> dict[str, _Row]:
    entry = SQLModel.metadata.tables["entry"]
    entry_tag = SQLModel.metadata.tables["entry_tag"]
    found: dict[str, _Row] = {}
    for start in range(0, len(uuids), CHUNK):
        chunk = uuids[start : start + CHUNK]
        query = select(
            entry.c.id,
            entry.c.uuid,
            entry.c.day,
            entry.c.text,
            entry.c.minutes,
            entry.c.started_at,
            entry.c.updated_at,
        ).where(entry.c.uuid.in_(chunk))
        rows = connection.execute(query).all()
        tags: dict[int, list[str]] = {}
        tagged = select(entry_tag.c.entry_id, entry_tag.c.tag, entry_tag.c.written).where(
            entry_tag.c.entry_id.in_([row.id for row in rows])
        )
        for entry_id, tag, written in connection.execute(tagged):
            tags.setdefault(entry_id, []).append(written or tag)
        for row in rows:
            started = moment_from_db(row.started_at) if row.started_at is not None else None
            fields = {
                "day": row.day if isinstance(row.day, date) else date.fromisoformat(row.day),
                "text": row.text,
                "minutes": row.minutes,
                "started_at": started,
                "tags": sorted(tags.get(row.id, [])),
            }
            found[row.uuid] = _Row(row.id, row.uuid, fields, moment_from_db(row.updated_at))
    return found


def write(connection: Any, source_name: str, updates: list[Update], stamp: datetime) -> None:
    """Update the rows, and remember each record's id, digest and this import's stamp."""
    entry = SQLModel.metadata.tables["entry"]
    entry_tag = SQLModel.metadata.tables["entry_tag"]
    source = SQLModel.metadata.tables["import_source"]
    changed = [u for u in updates if u.entry_id is not None]
    for start in range(0, len(changed), CHUNK):
        chunk = changed[start : start + CHUNK]
        connection.execute(
            update(entry)
            .where(entry.c.id == bindparam("row"))
            .values(
                day=bindparam("new_day"),
                text=bindparam("new_text"),
                minutes=bindparam("new_minutes"),
                started_at=bindparam("new_start"),
                updated_at=bindparam("stamp"),
            ),
            [
                {
                    "row": u.entry_id,
                    "new_day": u.record.day,
                    "new_text": u.record.text,
                    "new_minutes": u.record.minutes,
                    "new_start": u.record.started_at,
                    "stamp": stamp,
                }
                for u in chunk
            ],
        )
        ids = [u.entry_id for u in chunk]
        connection.execute(delete(entry_tag).where(entry_tag.c.entry_id.in_(ids)))
        rows = [row for u in chunk if u.entry_id for row in tag_rows(u.entry_id, u.record.tags)]
        if rows:
            connection.execute(entry_tag.insert(), rows)
    for start in range(0, len(updates), CHUNK):
        chunk = updates[start : start + CHUNK]
        connection.execute(
            update(source)
            .where(source.c.source == bindparam("was_source"))
            .where(source.c.source_id == bindparam("was_id"))
            .values(
                source_id=bindparam("new_id"),
                imported_state=bindparam("new_state"),
                # Moved with the row only: a row kept as yours stays yours.
                imported_at=bindparam("new_stamp"),
            ),
            [
                {
                    "was_source": source_name,
                    "was_id": u.known.source_id,
                    "new_id": u.record.source_id,
                    "new_state": state_of(u.record),
                    "new_stamp": stamp if u.entry_id is not None else u.known.imported_at,
                }
                for u in chunk
            ],
        )
