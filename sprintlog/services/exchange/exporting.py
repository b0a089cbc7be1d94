"""``sprintlog export``: the whole journal as JSON, its entries as CSV.

Both read the journal through ``storage.exchange``, which on an SQLite file needs no
SQLAlchemy: a ten-year export stays within a couple of seconds and tens of MiB.
"""

import csv
import io
import itertools
import json
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sprintlog.rules.refs import label
from sprintlog.rules.setting_specs import SPECS
from sprintlog.rules.text import spreadsheet_cell
from sprintlog.storage import exchange

if TYPE_CHECKING:
    from sprintlog.storage.journal import Journal

CSV_HEADER = ("day", "sprint", "goals", "minutes", "tags", "text")


def document(journal: "Journal") -> dict[str, Any]:
    """The journal as the versioned document (see storage/export_schema.json)."""
    body = exchange.read_journal(journal)
    exported = {"format": body.pop("format"), "version": body.pop("version")}
    exported["exported_at"] = exchange.stamp(datetime.now(UTC))
    exported["journal_id"] = body.pop("journal_id")
    return exported | body


def as_json(data: dict[str, Any]) -> Iterator[str]:
    """The document as JSON text, piece by piece (never all of it in memory at once)."""
    pieces = json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data)
    yield from _joined(itertools.chain(pieces, ["\n"]))


def _joined(pieces: Iterable[str], size: int = 1 << 16) -> Iterator[str]:
    """The encoder's many small pieces as fewer large ones: fewer writes, same text."""
    buffer: list[str] = []
    held = 0
    for piece in pieces:
        buffer.append(piece)
        held += len(piece)
        if held >= size:
            yield "".join(buffer)
            buffer, held = [], 0
    yield "".join(buffer)


def as_csv(data: dict[str, Any]) -> Iterator[str]:
    """One row per entry (RFC 4180: CRLF line ends, quotes doubled), with a header.

    A text a spreadsheet would run as a formula (``=…``, ``@…``) gets a leading ``'``
    (rules.text.spreadsheet_cell); the JSON export keeps every text exactly.
    """
    prefix = data["settings"].get("prefix", SPECS["prefix"].default)
    labels: dict[str, str] = {}
    for sprint in data["sprints"]:
        for goal in sprint["goals"]:
            labels[goal["uuid"]] = label(prefix, goal["number"])
            for task in goal["tasks"]:
                labels[task["uuid"]] = label(prefix, goal["number"], task["letter"])
    ordered = sorted(data["sprints"], key=lambda sprint: sprint["start_day"])
    starts = [sprint["start_day"] for sprint in ordered]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for entry in data["entries"]:
        yield _taken(out)
        at = bisect_right(starts, entry["day"]) - 1
        sprint = ordered[at] if at >= 0 and entry["day"] <= ordered[at]["end_day"] else None
        goals = " ".join(labels[link["task"] or link["goal"]] for link in entry["goals"])
        row = (
            entry["day"],
            sprint["number"] if sprint else "",
            goals,
            "" if entry["minutes"] is None else entry["minutes"],
            " ".join(entry["tags"]),
            entry["text"],
        )
        writer.writerow(map(spreadsheet_cell, row))
    yield _taken(out)


def _taken(out: io.StringIO) -> str:
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    return text
