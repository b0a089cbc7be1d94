"""``sprintlog export``: the whole journal as JSON, its entries as CSV or as a jrnl journal.

Each reads the journal through ``storage.exchange`` in one transaction and writes rows as
they are read: entries and import records are never all in memory at once, so a journal
of 100,000 entries exports in tens of MiB. On an SQLite file no SQLAlchemy is needed.
"""

import csv
import io
import json
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sprintlog.rules.refs import label
from sprintlog.rules.setting_specs import SPECS
from sprintlog.rules.text import spreadsheet_cell
from sprintlog.services.exchange import jrnl_text
from sprintlog.storage import exchange

if TYPE_CHECKING:
    from sprintlog.storage.journal import Journal

CSV_HEADER = ("day", "sprint", "goals", "minutes", "tags", "text", "uuid")
FORMATS = ("json", "csv", "jrnl")


@contextmanager
def text(journal: "Journal", format_name: str) -> Iterator[Iterator[str]]:
    """The export in ``format_name`` (one of FORMATS), piece by piece, while the ``with``
    holds the transaction it is read in (one snapshot, however long the writing takes)."""
    writer: Callable[[exchange.Rows], Iterator[str]] = {
        "json": as_json,
        "csv": as_csv,
        "jrnl": as_jrnl,
    }[format_name]
    with exchange.reading(journal) as rows:
        yield _joined(writer(rows))


def document(rows: exchange.Rows) -> dict[str, Any]:
    """The versioned document (see storage/export_schema.json), its long lists as
    functions that read them when called (storage.exchange.parts)."""
    body = exchange.parts(rows)
    exported = {"format": body.pop("format"), "version": body.pop("version")}
    exported["exported_at"] = exchange.stamp(datetime.now(UTC))
    exported["journal_id"] = body.pop("journal_id")
    return exported | body


def as_json(rows: exchange.Rows) -> Iterator[str]:
    """The document as JSON text (indented by two), each long list item by item.

    The same text ``json.dumps(document, indent=2, ensure_ascii=False)`` would write.
    """
    yield "{"
    for index, (key, value) in enumerate(document(rows).items()):
        yield ("," if index else "") + "\n  " + json.dumps(key) + ": "
        value = value() if callable(value) else value
        if isinstance(value, Iterator):
            yield from _json_list(value)
        else:
            yield _json(value, level=1)
    yield "\n}\n"


def _json(value: Any, *, level: int) -> str:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it, at
    ``level``: built as one string, not token by token (the encoder's indented mode is
    pure Python and was most of an export's time)."""
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, dict):  # (the document's keys are all strings)
        if not value:
            return "{}"
        pad = "\n" + "  " * (level + 1)
        inner = ("," + pad).join(
            f"{_string(key)}: {_json(item, level=level + 1)}" for key, item in value.items()
        )
        return "{" + pad + inner + "\n" + "  " * level + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        pad = "\n" + "  " * (level + 1)
        inner = ("," + pad).join(_json(item, level=level + 1) for item in value)
        return "[" + pad + inner + "\n" + "  " * level + "]"
    return json.dumps(value, ensure_ascii=False)  # numbers, true, false, null


_string = json.encoder.encode_basestring  # (C; ensure_ascii=False keeps text as it is)


def _json_list(items: Iterator[Any]) -> Iterator[str]:
    opening = "[\n    "
    for item in items:
        yield opening + _json(item, level=2)
        opening = ",\n    "
    yield "[]" if opening == "[\n    " else "\n  ]"


def _joined(pieces: Iterable[str], size: int = 1 << 16) -> Iterator[str]:
    """Many small pieces as fewer large ones: fewer writes, same text."""
    buffer: list[str] = []
    held = 0
    for piece in pieces:
        buffer.append(piece)
        held += len(piece)
        if held >= size:
            yield "".join(buffer)
            buffer, held = [], 0
    yield "".join(buffer)


def as_csv(rows: exchange.Rows) -> Iterator[str]:
    """One row per entry, by day (RFC 4180: CRLF line ends, quotes doubled), with a header;
    the last column is the entry's uuid, as the JSON export and merging know it.

    A text a spreadsheet would run as a formula (``=…``, ``@…``) gets a leading ``'``
    (rules.text.spreadsheet_cell); the JSON export keeps every text exactly.
    """
    head = exchange.parts(rows)
    prefix = head["settings"].get("prefix", SPECS["prefix"].default)
    labels: dict[str, str] = {}
    for sprint in head["sprints"]:
        for goal in sprint["goals"]:
            labels[goal["uuid"]] = label(prefix, goal["number"])
            for task in goal["tasks"]:
                labels[task["uuid"]] = label(prefix, goal["number"], task["letter"])
    ordered = sorted(head["sprints"], key=lambda sprint: sprint["start_day"])
    starts = [sprint["start_day"] for sprint in ordered]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for entry in exchange.entries(rows, *exchange.link_uuids(rows)):
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
            entry["uuid"],
        )
        writer.writerow(map(spreadsheet_cell, row))
    yield _taken(out)


def _taken(out: io.StringIO) -> str:
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    return text


def as_jrnl(rows: exchange.Rows) -> Iterator[str]:
    """The entries as a jrnl journal file, by day (see jrnl_text)."""
    return jrnl_text.journal(exchange.entries(rows, *exchange.link_uuids(rows)))
