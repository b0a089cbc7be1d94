"""Listings written row by row as they are read: no table is measured whole.

A Rich table measures every cell of every row before it prints the first: 100,000 entries
took half a minute and 450 MiB. A ``Listing`` fixes its columns' widths from the header
and the first rows (``SAMPLE``), gives the rest of the line to the one column that wraps
(the entry's text), and writes each row as it comes: a later cell wider than its column
wraps inside it, by words, and never pushes the columns out of line. Headers are never
cut; the line is never wider than the terminal unless the fixed columns alone are.
"""

import shutil
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, islice

SAMPLE = 200  # rows read before the widths are fixed
GAP = "  "
MIN_WRAPPED = 24  # the wrapping column is never narrower (the line is wider instead)
CHUNK = 200  # rows written at a time


@dataclass(frozen=True)
class Column:
    header: str
    right: bool = False  # right-aligned (numbers)
    wraps: bool = False  # the column that takes the rest of the line (at most one)
    limit: int = 0  # the widest it gets (a wider cell wraps inside it); 0: no limit
    least: int = 0  # the narrowest: the widest cell it may hold later (a number, a reference)


def width() -> int:
    """The terminal's width (``COLUMNS`` first, as Rich and shutil read it); 80 in a pipe."""
    return shutil.get_terminal_size((80, 24)).columns


def cells(text: str) -> int:
    """How many terminal cells ``text`` takes (a wide CJK character two, a combining one none)."""
    if text.isascii():
        return len(text)
    return sum(_cell(char) for char in text)


def _cell(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def write(columns: Sequence[Column], rows: Iterable[Sequence[str]], *, total: int = 0) -> int:
    """Write the header and ``rows`` to standard output; the number of rows written
    (none: nothing is written, not even the header).

    ``total``: the line's width (the terminal's when 0).
    """
    from sprintlog.cli.display import terminal

    rows = iter(rows)
    first = list(islice(rows, SAMPLE))
    if not first:
        return 0
    widths = _widths(columns, first, total or width())
    terminal.styled_line(_line(columns, widths, [c.header for c in columns]), bold=True)
    written = 0
    for batch in _batches(chain(first, rows)):
        sys.stdout.write("".join(_row(columns, widths, row) for row in batch))
        written += len(batch)
    sys.stdout.flush()
    return written


def fits(columns: Sequence[Column], rows: Sequence[Sequence[str]], *, total: int = 0) -> bool:
    """Whether ``rows`` fit the line as a table (the wrapping column at least MIN_WRAPPED)."""
    total = total or width()
    sample = list(rows[:SAMPLE])
    natural = [
        max([cells(column.header)] + [cells(row[index]) for row in sample])
        if not column.wraps
        else MIN_WRAPPED
        for index, column in enumerate(columns)
    ]
    return sum(natural) + len(GAP) * (len(columns) - 1) <= total


def stack(columns: Sequence[Column], rows: Iterable[Sequence[str]], *, total: int = 0) -> int:
    """Rows as blocks when they do not fit as a table: the first cell (and the wrapping
    one) on the block's first line, then every other cell named by its header, as many
    on a line as fit. Nothing is cut."""
    total = total or width()
    wrapping = next((i for i, column in enumerate(columns) if column.wraps), None)
    written = 0
    for row in rows:
        key = f"{columns[0].header} {row[0]}"
        lines = [key]
        if wrapping is not None and row[wrapping]:
            indent = cells(key) + len(GAP)
            text = wrapped(row[wrapping], max(MIN_WRAPPED, total - indent))
            lines = [f"{key}{GAP}{text[0]}", *(" " * indent + more for more in text[1:])]
        named = [
            f"{column.header} {cell}"
            for index, (column, cell) in enumerate(zip(columns, row, strict=True))
            if index not in (0, wrapping) and cell
        ]
        lines.extend(_filled(named, total - len(GAP)))
        sys.stdout.write("".join(f"{line}\n" for line in lines[:1]))
        sys.stdout.write("".join(f"{GAP}{line}\n" for line in lines[1:]))
        written += 1
    sys.stdout.flush()
    return written


def _filled(items: list[str], limit: int) -> list[str]:
    """``items`` on as few lines as fit ``limit``, three spaces apart."""
    lines: list[str] = []
    for item in items:
        if lines and cells(lines[-1]) + 3 + cells(item) <= limit:
            lines[-1] += "   " + item
        else:
            lines.append(item)
    return lines


def _batches(rows: Iterator[Sequence[str]]) -> Iterator[list[Sequence[str]]]:
    while batch := list(islice(rows, CHUNK)):
        yield batch


def _widths(columns: Sequence[Column], sample: list[Sequence[str]], total: int) -> list[int]:
    widths = [
        max(
            cells(column.header),
            column.least,
            min(
                max((cells(row[index]) for row in sample), default=0),
                column.limit or total,
            ),
        )
        for index, column in enumerate(columns)
    ]
    wrapping = [index for index, column in enumerate(columns) if column.wraps]
    if wrapping:
        index = wrapping[0]
        fixed = sum(w for i, w in enumerate(widths) if i != index) + len(GAP) * (len(columns) - 1)
        widths[index] = max(MIN_WRAPPED, cells(columns[index].header), total - fixed)
    return widths


def _row(columns: Sequence[Column], widths: list[int], row: Sequence[str]) -> str:
    for cell, w in zip(row, widths, strict=True):
        if (len(cell) if cell.isascii() else cells(cell)) > w or "\n" in cell:
            break
    else:
        return _line(columns, widths, row)  # the usual row: one line
    pieces = [wrapped(cell, w) for cell, w in zip(row, widths, strict=True)]
    height = max(len(piece) for piece in pieces)
    return "".join(
        _line(columns, widths, [piece[n] if n < len(piece) else "" for piece in pieces])
        for n in range(height)
    )


def _line(columns: Sequence[Column], widths: list[int], row: Sequence[str]) -> str:
    parts = [
        (cell.rjust(w) if column.right else cell.ljust(w))
        if cell.isascii()
        else _padded(cell, w, right=column.right)
        for column, w, cell in zip(columns, widths, row, strict=True)
    ]
    return GAP.join(parts).rstrip() + "\n"


def _padded(cell: str, w: int, *, right: bool) -> str:
    pad = " " * max(0, w - cells(cell))
    return pad + cell if right else cell + pad


def wrapped(text: str, limit: int) -> list[str]:
    """``text`` in lines of at most ``limit`` cells: broken at spaces, a longer word cut."""
    lines: list[str] = []
    for paragraph in text.replace("\t", " ").split("\n"):
        lines.extend(_wrap_paragraph(paragraph, limit))
    return lines or [""]


def _wrap_paragraph(text: str, limit: int) -> list[str]:
    if cells(text) <= limit:
        return [text]
    lines: list[str] = []
    line: list[str] = []
    used = 0
    for word in text.split(" "):
        size = cells(word)
        wanted = used + 1 + size if line else size
        if wanted <= limit:
            line.append(word)
            used = wanted
            continue
        if line:
            lines.append(" ".join(line))
        while size > limit:  # a word wider than the column: cut it
            head = _cut(word, limit)
            lines.append(head)
            word = word[len(head) :]
            size = cells(word)
        line, used = [word], size
    lines.append(" ".join(line))
    return lines


def _cut(word: str, limit: int) -> str:
    used = 0
    for end, char in enumerate(word):
        used += _cell(char)
        if used > limit:
            return word[: max(1, end)]
    return word
