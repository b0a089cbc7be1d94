"""The reading list: what to read, what is being read, what was read (and a note)."""

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sprintlog.errors import Conflict, NotFound, UsageError
from sprintlog.statuses import ReadingStatus
from sprintlog.text import checked_text

if TYPE_CHECKING:
    from sqlmodel import Session

    from sprintlog.models import ReadingItem

STATUSES = tuple(status.value for status in ReadingStatus)


MAX_CATEGORY = 200  # the column's length (a server refuses more)


def add(
    session: "Session",
    *,
    title: str,
    today: date,
    url: str | None = None,
    category: str | None = None,
    goal_number: int | None = None,
) -> "ReadingItem":
    from sprintlog.models import ReadingItem

    if url is not None and not url.strip():
        url = None
    if url is not None and not re.fullmatch(r"https?://[^\s<>\x00-\x1f]+", url.strip()):
        raise UsageError("a URL starts with http:// or https:// and has no spaces")
    if category is not None and len(category.strip()) > MAX_CATEGORY:
        raise UsageError(f"a category is at most {MAX_CATEGORY} characters")
    item = ReadingItem(
        title=checked_text(title, what="title"),
        url=url.strip() if url else None,
        category=checked_text(category, what="category").strip() if category else None,
        goal_number=goal_number,
        added_on=today,
    )
    session.add(item)
    session.flush()
    return item


def get(session: "Session", *, item_id: int) -> "ReadingItem":
    from sprintlog.models import ReadingItem

    item = session.get(ReadingItem, item_id)
    if item is None:
        raise NotFound(f"there is no reading item #{item_id}")
    return item


def listing(session: "Session", *, status: str | None = None) -> list["ReadingItem"]:
    from sqlmodel import col, select

    from sprintlog.models import ReadingItem

    statement = select(ReadingItem)
    if status is not None:
        statement = statement.where(ReadingItem.status == status)
    order = (col(ReadingItem.category), col(ReadingItem.id))
    return list(session.exec(statement.order_by(*order)))


def start(session: "Session", *, item: "ReadingItem", today: date) -> "ReadingItem":
    if item.status == ReadingStatus.READ.value:
        raise Conflict(f"#{item.id} is read already")
    item.status = ReadingStatus.READING.value
    item.started_on = item.started_on or today
    session.add(item)
    session.flush()
    return item


def done(
    session: "Session", *, item: "ReadingItem", today: date, note: str | None = None
) -> "ReadingItem":
    item.status = ReadingStatus.READ.value
    item.started_on = item.started_on or today
    item.finished_on = today
    if note is not None:
        item.note = checked_text(note, what="note")
    session.add(item)
    session.flush()
    return item


def remove(session: "Session", *, item: "ReadingItem") -> None:
    session.delete(item)
    session.flush()


@dataclass(frozen=True)
class ItemAsOf:
    """A reading item as it stood on a given day (a post shows its sprint's last day)."""

    title: str
    url: str | None
    category: str | None
    goal_number: int | None
    status: str
    note: str | None


def as_of(items: list[Any], *, day: date) -> list[ItemAsOf]:
    """``items`` as on ``day``: what was finished or started later is not yet so."""
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
