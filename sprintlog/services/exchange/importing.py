"""Importing what a reader of another program's file found (``formats.parsed.Parsed``).

A record whose (source, source_id) is in ``import_source`` was imported before: an entry
is updated when it changed in the other program since (import_updates.py), anything else
is skipped; re-importing a file adds nothing. A file holding a record the journal may not
store (rules/stored.py) is refused whole before anything is written. The rest is added,
each row remembered in ``import_source``, in the command's one transaction. The journal
is asked once per table, not once per row, so ten years of entries import in a few seconds.
"""

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from sprintlog.errors import BadImport, UsageError
from sprintlog.models import SQLModel
from sprintlog.rules import tags
from sprintlog.services import settings as settings_service
from sprintlog.services.exchange import import_updates, stored_rows
from sprintlog.services.exchange.formats.parsed import ImportedSprint, Parsed
from sprintlog.services.exchange.import_report import ImportReport
from sprintlog.services.exchange.import_sprints import SprintWriter, describe, remember
from sprintlog.storage.reader import of_session
from sprintlog.storage.values import new_uuid, utcnow

CHUNK = 500
Progress = Callable[[int], None]


def apply(
    session: Session,
    *,
    parsed: Parsed,
    file: str,
    dry_run: bool,
    start: date | None = None,
    end: date | None = None,
    progress: Progress | None = None,
    prefer: str | None = None,
    choices: dict[str, str] | None = None,
) -> ImportReport:
    """Add what is new in ``parsed`` and update what changed in the other program
    (nothing when ``dry_run``, or while a conflict is unsettled); report what was done."""
    stored_rows.check_parsed(parsed, file)
    connection = session.connection()
    report = ImportReport(file=file, source=parsed.source, notes=list(parsed.ignored))
    found = import_updates.known(connection, parsed.source)
    known = set(found)
    entries, again = import_updates.split(parsed.entries, found, report)
    updates = import_updates.plan(
        connection, again, report, source=parsed.source, prefer=prefer, choices=choices or {}
    )
    report.notes += _tag_notes(parsed)
    breaks = _new(parsed.breaks, known, report, "study_break")
    sprints = [
        _dated(sprint, start, end, file) for sprint in _new(parsed.sprints, known, report, "sprint")
    ]
    max_goals = settings_service.read(of_session(session)).max_goals
    writer = SprintWriter(connection, source=parsed.source, file=file, max_goals=max_goals)
    writer.check(sprints)
    stored_rows.check_parsed(Parsed(parsed.source, sprints=sprints), file)  # their dates
    report.added["entry"] += len(entries)
    report.added["study_break"] += len(breaks)
    report.added["sprint"] += len(sprints)
    report.notes += [describe(sprint) for sprint in sprints]
    if dry_run or report.unsettled:
        return report
    tick = progress or (lambda rows: None)
    import_updates.write(connection, parsed.source, updates, utcnow())
    _write_entries(connection, parsed.source, entries, tick)
    _write_breaks(connection, parsed.source, breaks, tick)
    for sprint in sprints:
        report.notes += writer.write(sprint)
    report.written = True
    return report


def _tag_notes(parsed: Parsed) -> list[str]:
    """What the tag rule changed in the other program's tags, beyond their case, in words."""
    changed: dict[str, str | None] = {}
    for entry in parsed.entries:
        for word in entry.tags:
            made = tags.from_elsewhere(word)
            if made != word:
                changed.setdefault(word, made)
    notes = []
    for word, made in changed.items():
        if made is None:
            notes.append(f"{parsed.source} tag {word!r} is no tag here (no letter left)")
        else:
            notes.append(
                f"{parsed.source} tag {word!r} is the tag {made!r} here (a tag is one word "
                "of letters, digits, - _ / .); the text keeps it as written"
            )
    return notes


def _new(records: Iterable[Any], known: set[str], report: ImportReport, table: str) -> list[Any]:
    """The records not imported before (nor twice in this file), in file order."""
    fresh = []
    for record in records:
        if record.source_id in known:
            report.skipped[table] += 1
        else:
            known.add(record.source_id)
            fresh.append(record)
    return fresh


def _dated(sprint: ImportedSprint, start: date | None, end: date | None, file: str) -> Any:
    from dataclasses import replace

    first, last = sprint.start or start, sprint.end or end
    if first is None or last is None:
        raise UsageError(
            f"{file}, {sprint.place}: the post gives no dates for its sprint; "
            "give them with --start and --end"
        )
    if last < first:
        raise BadImport(file, sprint.place, f"the sprint ends ({last}) before it starts ({first})")
    return replace(sprint, start=first, end=last)


def now_columns() -> dict[str, datetime]:
    """``updated_at`` for a new row (the ORM's default, which a plain insert does not run)."""
    return {"updated_at": utcnow()}


def _write_entries(connection: Any, source: str, entries: list[Any], tick: Progress) -> None:
    table = SQLModel.metadata.tables["entry"]
    created = utcnow()
    uuids = [new_uuid() for _ in entries]
    for start in range(0, len(entries), CHUNK):
        chunk = list(zip(uuids[start : start + CHUNK], entries[start : start + CHUNK], strict=True))
        connection.execute(
            table.insert(),
            [
                {
                    "uuid": uuid,
                    "day": entry.day,
                    "text": entry.text,
                    "minutes": entry.minutes,
                    "started_at": entry.started_at,
                    "created_at": created,
                    **now_columns(),
                }
                for uuid, entry in chunk
            ],
        )
        _write_tags(connection, chunk)
        tick(len(chunk))
    remember(
        connection,
        source,
        ((e.source_id, "entry", u) for u, e in zip(uuids, entries, strict=True)),
        states=(import_updates.state_of(entry) for entry in entries),
    )


def _write_tags(connection: Any, chunk: list[tuple[str, Any]]) -> None:
    tagged = [(uuid, entry) for uuid, entry in chunk if entry.tags]
    if not tagged:
        return
    table = SQLModel.metadata.tables["entry"]
    query = select(table.c.uuid, table.c.id).where(table.c.uuid.in_([u for u, _ in tagged]))
    ids = dict(connection.execute(query).all())
    rows = [row for uuid, entry in tagged for row in import_updates.tag_rows(ids[uuid], entry.tags)]
    if rows:  # (a file's tags may all be ones no tag is made of: "☕")
        connection.execute(SQLModel.metadata.tables["entry_tag"].insert(), rows)


def _write_breaks(connection: Any, source: str, breaks: list[Any], tick: Progress) -> None:
    if not breaks:
        return
    table = SQLModel.metadata.tables["study_break"]
    uuids = [new_uuid() for _ in breaks]
    connection.execute(
        table.insert(),
        [
            {
                "uuid": uuid,
                "start_day": item.start,
                "end_day": item.end,
                "reason": item.reason,
                **now_columns(),
            }
            for uuid, item in zip(uuids, breaks, strict=True)
        ],
    )
    remember(
        connection,
        source,
        [(b.source_id, "study_break", u) for u, b in zip(uuids, breaks, strict=True)],
    )
    tick(len(breaks))
