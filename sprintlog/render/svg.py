"""The pictures as SVG: the sprint's days, its goals' bars, the year's heatmap.

Python lays things out (positions, shades, words); autoescaped Jinja2 templates write the
markup, so a learner's text is always text. No script, no external font or link: the
pictures are meant to be published as they are. Imported only by the commands that draw.
"""

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from sprintlog.render.post import STATUS_WORDS
from sprintlog.rules.text import plural
from sprintlog.rules.weeks import Weeks
from sprintlog.shown.picture_data import Bar, GoalBars, SprintDays
from sprintlog.shown.streak_weeks import CalendarDay

if TYPE_CHECKING:
    from jinja2 import Environment

PAD = 16
VERDICT_MARKS = {"met": "full", "missed": "slash", "in progress": "half", "to come": "dashed"}
STATUS_MARKS = {
    "done": "full",
    "partial": "half",
    "open": "empty",
    "dropped": "slash",
    "deferred": "dashed",
}
_env: "Environment | None" = None


def environment() -> "Environment":
    from jinja2 import Environment, PackageLoader, StrictUndefined

    global _env
    if _env is None:
        _env = Environment(
            loader=PackageLoader("sprintlog.render", "templates"),
            undefined=StrictUndefined,
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
    return _env


def level(value: int, top: int) -> int:
    """0 (none) to 4 (most): the terminal heatmap's levels (cli/display/charts.py)."""
    if value <= 0 or top <= 0:
        return 0
    return min(4, 1 + (4 * (value - 1)) // max(top, 1))


def hatch(x: float, y: float, w: float, h: float, step: float = 8) -> list[tuple]:
    """Diagonal lines filling a cell (drawn as lines: every renderer draws them alike)."""
    lines = []
    offset = step
    while offset < w + h:
        x1, y1 = x + max(0.0, offset - h), y + min(offset, h)
        x2, y2 = x + min(offset, w), y + max(0.0, offset - w)
        lines.append((round(x1, 1), round(y1, 1), round(x2, 1), round(y2, 1)))
        offset += step
    return lines


def _cell(
    day: date, value: int | None, top: int, breaks: frozenset[date], box: tuple, tip: str
) -> dict:
    """A day's cell; ``value`` None: no study. A study day is never drawn as none."""
    x, y, w, h = box
    is_break = day in breaks
    return {
        "x": x,
        "y": y,
        "w": w,
        "h": h,
        "level": 0 if value is None else max(1, level(value, top)),
        "is_break": is_break,
        "hatch": hatch(x, y, w, h, step=min(8, w / 3)) if is_break else [],
        "tip": tip + (" (break)" if is_break else ""),
        "text": "",
    }


def _day_tip(day: date, item: "CalendarDay | None") -> str:
    if item is None:
        return f"{day.isoformat()}: no study"
    minutes = f", {item.minutes} min" if item.minutes else ""
    return f"{day.isoformat()}: {plural(item.entries, 'entry')}{minutes}"


# --- the sprint's days ---------------------------------------------------------------

CELL_W, CELL_H, PITCH_X, PITCH_Y, LABEL_W = 52, 30, 58, 34, 30


def days_alt(data: "SprintDays") -> str:
    """What the picture shows, in one short sentence (the post's alt text): the figures
    are in the post's summary line beside it, which an alt shown as a caption would repeat."""
    shaded = "minutes studied" if data.by == "minutes" else "entries logged"
    breaks = ", break days hatched" if data.breaks else ""
    return (
        f"Calendar of the days of sprint {data.number}, shaded by {shaded}, "
        f"each week marked against the weekly target{breaks}."
    )


def days_words(data: "SprintDays") -> str:
    """The picture's figures in words (its summary line and its description)."""
    words = (
        f"Study days: {data.study_days} of {data.sprint_days}, "
        f"{data.weeks_met} of {data.weeks_counted} weeks met"
    )
    if data.breaks:
        words += f", {plural(len(data.breaks), 'break day')}"
    return words


def sprint_days(data: "SprintDays") -> str:
    """The sprint as a calendar strip: weeks as columns, each marked against the target."""
    weeks = Weeks(data.week_start)
    numbers = list(range(weeks.number(data.start), weeks.number(data.end) + 1))
    grid_top = 84
    values = {day: _measure(item, data.by) for day, item in data.days.items()}
    top = max(values.values(), default=0)
    cells = _strip_cells(data, weeks, numbers, grid_top, values, top)
    grid_bottom = grid_top + 7 * PITCH_Y
    width = max(PAD * 2 + LABEL_W + len(numbers) * PITCH_X, 470)
    context = {
        "width": width,
        "height": grid_bottom + 150,
        "title": f"Sprint {data.number}: study days",
        "heading": f"Sprint {data.number} · {data.start.isoformat()} – {data.end.isoformat()}",
        "summary": f"{days_words(data)} (target: {plural(data.target, 'day')} a week)",
        "desc": _days_desc(data),
        "cells": cells,
        "weekdays": [
            {"x": PAD, "y": grid_top + row * PITCH_Y + 19, "text": text}
            for row, text in enumerate(weeks.labels())
        ],
        "columns": _week_columns(data, weeks, numbers, grid_top, grid_bottom),
        "legend": _legend(PAD, grid_bottom + 72, data.by, top, breaks=True),
        "verdicts": _verdict_legend(PAD, grid_bottom + 136),
    }
    return environment().get_template("days.svg.j2").render(context)


def _strip_cells(
    data: "SprintDays", weeks: Weeks, numbers: list[int], top_y: int, values: dict, top: int
) -> list[dict[str, Any]]:
    cells = []
    for column, row, day in _calendar(weeks, numbers, data.start, data.end):
        box = (PAD + LABEL_W + column * PITCH_X, top_y + row * PITCH_Y, CELL_W, CELL_H)
        tip = _day_tip(day, data.days.get(day))
        cell = _cell(day, values.get(day), top, data.breaks, box, tip)
        cells.append({**cell, "text": str(day.day)})
    return cells


def _calendar(
    weeks: Weeks, numbers: list[int], first: date, last: date
) -> Iterator[tuple[int, int, date]]:
    """Each day from ``first`` to ``last`` with its column (week) and row (weekday)."""
    for column, number in enumerate(numbers):
        for row, day in enumerate(weeks.days(number)):
            if first <= day <= last:
                yield column, row, day


def _measure(item: "CalendarDay", by: str) -> int:
    return item.minutes if by == "minutes" else item.entries


def _days_desc(data: "SprintDays") -> str:
    weeks = "; ".join(
        f"week of {week.start.isoformat()}: {week.studied} of {plural(week.target, 'day')}, "
        f"{week.verdict}" + (" (part week)" if week.partial else "")
        for week in data.weeks
    )
    return f"{days_words(data)}. Days shaded by {data.by}. {weeks}."


def _week_columns(
    data: "SprintDays", weeks: Weeks, numbers: list[int], top: int, bottom: int
) -> list[dict[str, Any]]:
    marks = {weeks.number(week.start): week for week in data.weeks}
    columns = []
    for column, number in enumerate(numbers):
        x = PAD + LABEL_W + column * PITCH_X
        week = marks[number]
        first = max(weeks.start(number), data.start)
        columns.append(
            {
                "x": x,
                "center": x + CELL_W / 2,
                "label": f"{first.day} {first.strftime('%b')}",
                "label_y": top - 8,
                "mark": VERDICT_MARKS.get(week.verdict, "empty"),  # "on a break": empty
                "mark_y": bottom + 8,
                "count": f"{week.studied}/{week.target}" + ("*" if week.partial else ""),
                "count_y": bottom + 26,
                "verdict": week.verdict,
                "verdict_y": bottom + 40,
            }
        )
    return columns


def _legend(x: int, y: int, by: str, top: int, *, breaks: bool) -> dict[str, Any]:
    unit = "minutes" if by == "minutes" else "entries"
    swatches = [{"x": x + 40 + index * 22, "level": index} for index in range(5)]
    return {
        "x": x,
        "y": y,
        "less_y": y + 12,
        "swatches": swatches,
        "more_x": x + 40 + 5 * 22 + 4,
        "more": f"more {unit} a day (most: {top})" if top else f"more {unit} a day",
        "breaks": breaks,
        "break_cell": {
            "x": x + 40,
            "y": y + 22,
            "w": 16,
            "h": 16,
            "level": 0,
            "is_break": True,
            "hatch": hatch(x + 40, y + 22, 16, 16, step=6),
            "tip": "a break day",
            "text": "",
        },
    }


def _verdict_legend(x: int, y: int) -> list[dict[str, Any]]:
    items = []
    for index, (verdict, kind) in enumerate(VERDICT_MARKS.items()):
        items.append({"x": x + 52 + index * 100, "y": y, "mark": kind, "text": verdict})
    return items


# --- the goals' bars -------------------------------------------------------------------

BAR_X, BAR_W, FIGURES_X, STATUS_X, TITLE_CHARS = 330, 200, 546, 672, 34


def goals_alt(data: "GoalBars") -> str:
    """What the picture shows, in one short sentence (the post's alt text); the figures
    are in a table beside it in the post."""
    return f"Bar chart of the {data.by} logged for each goal and task of sprint {data.number}."


def goals_words(data: "GoalBars") -> str:
    """Every bar in words, in the picture's order (its description)."""
    parts = [
        f"{bar.label} {_short(bar.title, 60)}: {_bar_figures(bar)}, {_status(bar.status)}"
        for bar in data.bars
    ]
    return f"Time per goal ({data.by} logged): " + "; ".join(parts)


def goal_bars(data: "GoalBars") -> str:
    """One bar per goal, its tasks' bars indented below it, with figures and status."""
    top = max((_length(bar, data.by) for bar in data.bars), default=0)
    rows, y = [], 66
    for index, bar in enumerate(data.bars):
        if not bar.is_task and index:
            y += 8  # a little air between one goal's group and the next
        rows.append(_bar_row(bar, y, _length(bar, data.by), top))
        y += 20 if bar.is_task else 24
    context = {
        "width": STATUS_X + 120,
        "height": y + 12,
        "title": f"Sprint {data.number}: time per goal",
        "heading": f"Sprint {data.number}: time per goal",
        "summary": f"Bar length: {data.by} logged; tasks indented under their goal",
        "desc": goals_words(data),
        "rows": rows,
        "bar_x": BAR_X,
        "figures_x": FIGURES_X,
        "status_x": STATUS_X,
    }
    return environment().get_template("goals.svg.j2").render(context)


def _bar_row(bar: "Bar", y: int, value: int, top: int) -> dict[str, Any]:
    return {
        "label_x": PAD + (18 if bar.is_task else 0),
        "label": f"{bar.label} {_short(bar.title, TITLE_CHARS)}",
        "tip": f"{bar.label} {bar.title}: {_bar_figures(bar)}, {_status(bar.status)}",
        "is_task": bar.is_task,
        "text_y": y + 13,
        "bar_y": y + 5 if bar.is_task else y + 2,
        "bar_h": 9 if bar.is_task else 13,
        "bar_w": round(BAR_W * value / top, 1) if top and value else 0,
        "figures": _bar_figures(bar),
        "mark": STATUS_MARKS.get(bar.status, "empty"),
        "mark_y": y + 9,
        "status": _status(bar.status),
    }


def _length(bar: "Bar", by: str) -> int:
    return bar.minutes if by == "minutes" else bar.days


def _bar_figures(bar: "Bar") -> str:
    minutes = f" · {bar.minutes} min" if bar.minutes else ""
    return plural(bar.days, "day") + minutes


def _status(status: str) -> str:
    return STATUS_WORDS.get(status, status)


def _short(text: str, limit: int) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1].rstrip() + "…"


# --- the year's heatmap (streak --calendar --svg) ---------------------------------------

YEAR_CELL, YEAR_PITCH = 11, 13


def year(
    days: dict[date, "CalendarDay"],
    weeks: Weeks,
    first: date,
    last: date,
    by: str,
    breaks: Iterable[date] = (),
) -> str:
    """The terminal's heatmap (cli/streak_charts.heatmap) as SVG: weeks as columns."""
    numbers = list(range(weeks.number(first), weeks.number(last) + 1))
    values = {day: _measure(item, by) for day, item in days.items()}
    top = max(values.values(), default=0)
    off = frozenset(breaks)
    grid_top, left = 64, PAD + 26
    cells = [
        _cell(
            day,
            values.get(day),
            top,
            off,
            (left + column * YEAR_PITCH, grid_top + row * YEAR_PITCH, YEAR_CELL, YEAR_CELL),
            _day_tip(day, days.get(day)),
        )
        for column, row, day in _calendar(weeks, numbers, first, last)
    ]
    bottom = grid_top + 7 * YEAR_PITCH
    words = (
        f"{plural(len(days), 'study day')} from {first.isoformat()} to {last.isoformat()}, "
        f"shaded by {by}"
    )
    context = {
        "width": left + len(numbers) * YEAR_PITCH + PAD,
        "height": bottom + (58 if off else 38),
        "title": "Study days of the last year",
        "heading": f"Study days: {first.isoformat()} – {last.isoformat()}",
        "summary": words,
        "desc": words + ".",
        "cells": cells,
        "months": _months(numbers, weeks, left, grid_top - 6),
        "weekdays": [
            {"x": PAD, "y": grid_top + row * YEAR_PITCH + 9, "text": text}
            for row, text in enumerate(weeks.labels())
        ],
        "legend": _legend(PAD, bottom + 14, by, top, breaks=bool(off)),
    }
    return environment().get_template("year.svg.j2").render(context)


def _months(numbers: list[int], weeks: Weeks, left: int, y: int) -> list[dict[str, Any]]:
    labels = []
    for column, number in enumerate(numbers):
        starts = [day for day in weeks.days(number) if day.day == 1]
        if starts and column + 2 < len(numbers):
            labels.append(
                {"x": left + column * YEAR_PITCH, "y": y, "text": starts[0].strftime("%b")}
            )
    return labels
