"""Changing the log: editing and removing an entry (``entry edit``, ``entry rm``).

Typed statements (storage/sql/entries.py) run by the command's Reader, as ``log``
(daylog.py) writes an entry: the same checks, and an entry's goals resolved by the same
function. The entry is read as entries.py reads it. A statement runs only when a value
changes, so that ``updated_at`` moves as the ORM would move it.
"""

from datetime import date

from sprintlog.errors import NotFound, UsageError
from sprintlog.records import Entry
from sprintlog.rules.setting_specs import Settings
from sprintlog.rules.text import checked_text
from sprintlog.services import daylog, entries, log_checks, sprint_reads, tagging
from sprintlog.storage.reader import Reader
from sprintlog.storage.sql import entries as sql
from sprintlog.storage.sql import removals
from sprintlog.storage.values import utcnow


def edit(
    reader: Reader,
    *,
    entry_id: int,
    settings: Settings,
    text: str | None = None,
    day: date | None = None,
    minutes: int | None = None,
    refs: list[str] | None = None,
) -> Entry:
    """Change an entry. Moving it to a day in another sprint needs its goals again."""
    entry = entries.get(reader, entry_id=entry_id)
    body = checked_text(text, what="entry text") if text is not None else entry.text
    if minutes is not None:
        minutes = log_checks.checked_minutes(minutes) if minutes else None
    else:
        minutes = entry.minutes
    new_day = day if day is not None else entry.day
    moved = new_day != entry.day
    if moved and refs is None and entry.links and not _same_sprint(reader, entry.day, new_day):
        raise UsageError(
            "the new day is in another sprint; give its goals with --goal (or --goal none)"
        )
    if refs is not None:
        wanted = [] if [r.strip().lower() for r in refs] == ["none"] else refs
        targets = daylog.resolve_targets(reader, day=new_day, refs=wanted, config=settings)
    if (body, new_day, minutes) != (entry.text, entry.day, entry.minutes):
        reader.change(
            sql.SET_ENTRY,
            id=entry_id,
            day=new_day,
            text=body,
            minutes=minutes,
            updated_at=utcnow(),
        )
    if text is not None:
        tagging.rewrite(reader, entry_id=entry_id, old_text=entry.text, new_text=body)
    if refs is not None:
        reader.change(sql.UNLINK_ENTRY, entry_id=entry_id)
        daylog.link(reader, entry_id=entry_id, targets=targets)
    return entries.get(reader, entry_id=entry_id)


def remove(reader: Reader, *, entry_id: int) -> None:
    """Remove an entry, with its goal links and tags; the removal is remembered."""
    removals.record(reader, "entry", id=entry_id)
    if not reader.change(sql.REMOVE_ENTRY, id=entry_id):
        raise NotFound(f"there is no entry #{entry_id} (see `sprintlog entries`)")


def _same_sprint(reader: Reader, first: date, second: date) -> bool:
    sprint = sprint_reads.containing(reader, day=first)
    return sprint is not None and sprint.contains(second)
