"""The reading list: what to read, what is being read, what was read (and a note)."""

import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from sprintlog.errors import Conflict, NotFound, UsageError
from sprintlog.records import ReadingItem
from sprintlog.rules import stored
from sprintlog.rules.statuses import ReadingStatus
from sprintlog.rules.text import checked_text
from sprintlog.storage.reader import Reader
from sprintlog.storage.sql import reading as sql
from sprintlog.storage.sql import removals
from sprintlog.storage.values import new_uuid, utcnow

if TYPE_CHECKING:
    from sprintlog.shown.review_post import ItemAsOf

STATUSES = tuple(status.value for status in ReadingStatus)


MAX_CATEGORY = stored.SIZES["reading_item", "category"]


def add(
    reader: Reader,
    *,
    title: str,
    today: date,
    url: str | None = None,
    category: str | None = None,
    goal_number: int | None = None,
) -> ReadingItem:
    if url is not None and not url.strip():
        url = None
    if url is not None and not re.fullmatch(r"https?://[^\s<>\x00-\x1f]+", url.strip()):
        raise UsageError("a URL starts with http:// or https:// and has no spaces")
    if category is not None and len(category.strip()) > MAX_CATEGORY:
        raise UsageError(f"a category is at most {MAX_CATEGORY} characters")
    item = ReadingItem(
        id=0,
        title=checked_text(title, what="title"),
        url=url.strip() if url else None,
        category=checked_text(category, what="category").strip() if category else None,
        goal_number=goal_number,
        status=ReadingStatus.TO_READ.value,
        note=None,
        added_on=today,
        started_on=None,
        finished_on=None,
    )
    item_id = reader.insert(
        sql.ADD_ITEM,
        title=item.title,
        url=item.url,
        category=item.category,
        goal_number=item.goal_number,
        status=item.status,
        added_on=item.added_on,
        uuid=new_uuid(),
        updated_at=utcnow(),
    )
    return replace(item, id=item_id)


def get(reader: Reader, *, item_id: int) -> ReadingItem:
    found = reader.first(sql.ITEM, id=item_id)
    if found is None:
        raise NotFound(f"there is no reading item #{item_id} (see `sprintlog read list`)")
    return ReadingItem(*found)


def listing(reader: Reader, *, status: str | None = None) -> list[ReadingItem]:
    if status is None:
        found = reader.rows(sql.ITEMS)
    else:
        found = reader.rows(sql.ITEMS_WITH_STATUS, status=status)
    return [ReadingItem(*row) for row in found]


def start(reader: Reader, *, item: ReadingItem, today: date) -> ReadingItem:
    if item.status == ReadingStatus.READ.value:
        raise Conflict(f"#{item.id} is read already")
    return _changed(
        reader,
        item,
        replace(item, status=ReadingStatus.READING.value, started_on=item.started_on or today),
    )


def done(reader: Reader, *, item: ReadingItem, today: date, note: str | None = None) -> ReadingItem:
    return _changed(
        reader,
        item,
        replace(
            item,
            status=ReadingStatus.READ.value,
            started_on=item.started_on or today,
            finished_on=today,
            note=checked_text(note, what="note") if note is not None else item.note,
        ),
    )


def _changed(reader: Reader, item: ReadingItem, new: ReadingItem) -> ReadingItem:
    """Store ``new`` over ``item``; as the ORM did, an item left as it was is not written
    (and keeps its updated_at)."""
    if new != item:
        reader.change(
            sql.CHANGE_ITEM,
            id=new.id,
            status=new.status,
            started_on=new.started_on,
            finished_on=new.finished_on,
            note=new.note,
            updated_at=utcnow(),
        )
    return new


def remove(reader: Reader, *, item: ReadingItem) -> None:
    removals.record(reader, "reading_item", id=item.id)
    reader.change(sql.REMOVE_ITEM, id=item.id)


def at_end_of(reader: Reader, *, first: date, last: date) -> list["ItemAsOf"]:
    """The reading list as it stood on ``last``, a sprint's last day (``first``, its
    first, leaves out what was finished before it): see as_of."""
    found = reader.rows(sql.READING_FOR_REVIEW, first=first, last=last)
    return as_of([ReadingItem(*row) for row in found], day=last)


def as_of(items: list[Any], *, day: date) -> list["ItemAsOf"]:
    """``items`` as on ``day``: what was finished or started later is not yet so."""
    from sprintlog.shown.review_post import ItemAsOf  # (only a review shows the list as of a day)

    result = []
    for item in items:
        if item.finished_on is not None and item.finished_on <= day:
            status = ReadingStatus.READ.value
        elif item.started_on is not None and item.started_on <= day:
            status = ReadingStatus.READING.value
        else:
            status = ReadingStatus.TO_READ.value
        # The note is written when the item is finished: later notes are not shown yet.
        note = item.note if status == ReadingStatus.READ.value else None
        result.append(ItemAsOf(item.title, item.url, item.category, item.goal_number, status, note))
    return result
