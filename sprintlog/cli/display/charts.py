"""How the weekly target looks: this week's dots, week rows, the year's heatmap."""

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sprintlog.rules.break_days import week_target as week_target_of
from sprintlog.rules.dates import day_label
from sprintlog.rules.text import plural
from sprintlog.rules.weeks import Weeks, prorated_target

if TYPE_CHECKING:
    from rich.console import JustifyMethod, RenderableType

    from sprintlog.rules.break_days import Span
    from sprintlog.services.streaks import (
        Streak,
        StreakReport,
        ThisWeek,
        WeekStat,
    )
    from sprintlog.shown.streak_weeks import Adherence, CalendarDay

STUDIED, MISSED, ON_BREAK = "●", "·", "~"
# Heatmap levels: readable as characters alone (no colour, piped), shaded when colour is on.
LEVELS = ((" ", ""), ("░", "green"), ("▒", "green"), ("▓", "bold green"), ("█", "bold green"))


def week_dots(week: "ThisWeek", weeks: Weeks) -> str:
    days = weeks.days(weeks.number(week.start))
    return " ".join(
        f"{label} {_dot(day, week)}" for label, day in zip(weeks.labels(), days, strict=True)
    )


def _dot(day: date, week: "ThisWeek") -> str:
    if day in week.studied:
        return STUDIED
    return ON_BREAK if day in week.off_days else MISSED


def days_of(studied: int, target: int, counted: int) -> str:
    """``2 of 2 days (4-day week)``: the same words in status and sprint show."""
    partial = f" ({counted}-day week)" if counted < 7 else ""
    return f"{studied} of {plural(target, 'day')}{partial}"


def week_progress(week: "ThisWeek") -> str:
    if week.neutral:
        return f"on a break all week ({plural(len(week.studied), 'study day')} logged)"
    done = days_of(len(week.studied), week.target, week.counted)
    return f"{done} · {verdict(week.needed, week.days_left)}"


def verdict(needed: int, days_left: int) -> str:
    """How a running week stands: the same words in status, streak and sprint show."""
    if needed <= 0:
        return "target met"
    left = plural(days_left, "day")
    if needed > days_left:
        return (
            "target missed this week"
            if days_left == 0
            else f"{needed} more needed, only {left} left"
        )
    return f"{plural(needed, 'more day')} needed, {left} left"


def streak_text(streak: "Streak | None") -> str:
    if streak is None:
        return "0 weeks"
    return f"{plural(streak.weeks, 'week')} (since {streak.start.isoformat()})"


def longest_text(streak: "Streak | None") -> str:
    if streak is None:
        return "none yet"
    return f"{plural(streak.weeks, 'week')} ({streak.start.isoformat()} – {streak.end.isoformat()})"


def weeks_table(report: "StreakReport") -> "RenderableType":
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, header_style="bold")
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("Week of", "left"),
        ("Days", "right"),
        ("Target met?", "left"),
        ("Minutes", "right"),
    )
    for name, justify in columns:
        table.add_column(name, justify=justify)
    current = report.recent[-1].number if report.recent else None
    for week in report.recent:
        met = week.days >= prorated_target(report.target, week.counted)
        if week.neutral:
            verdict = Text("on a break")
        elif met:
            verdict = Text("met", style="green")
        elif week.number == current and report.this_week.possible:
            verdict = Text("in progress")
        else:
            verdict = Text("missed", style="red")
        if not week.neutral and week.counted < 7:  # the journal's first week, or a break
            verdict.append(f" ({week.counted}-day week)")
        table.add_row(week.start.isoformat(), str(week.days), verdict, str(week.minutes or ""))
    return table


def heatmap(
    days: dict[date, "CalendarDay"],
    weeks: Weeks,
    first: date,
    last: date,
    by: str,
    breaks: frozenset[date] = frozenset(),
    today: date | None = None,
) -> "RenderableType":
    """Weeks as columns, weekdays as rows, a month label over the week it starts in.

    A break day without study is drawn ``~``; one studied on is shaded as a study day.
    Days after ``today`` (the rest of this week) are left blank: they are not misses yet.
    """
    from rich.text import Text

    numbers = range(weeks.number(first), weeks.number(last) + 1)
    values = {
        day: (item.minutes if by == "minutes" else item.entries) for day, item in days.items()
    }
    top = max(values.values(), default=0)
    text = Text("   " + _month_row(numbers, weeks) + "\n")
    for row, label in enumerate(weeks.labels()):
        text.append(f"{label} ")
        for number in numbers:
            day = weeks.start(number) + timedelta(days=row)
            if day > last or (today is not None and day > today):
                glyph, style = " ", ""
            elif day in values:
                # A study day is shaded even with no minutes logged (--by minutes).
                glyph, style = LEVELS[max(1, _level(values[day], top))]
            elif day in breaks:
                glyph, style = ON_BREAK, "yellow"
            else:
                glyph, style = MISSED, ""
            text.append(glyph, style=style)
        text.append("\n")
    text.append(f"   less {MISSED} " + " ".join(glyph for glyph, _ in LEVELS[1:]) + f" more ({by})")
    if breaks:
        text.append(f"   {ON_BREAK} on a break")
    return text


def _month_row(numbers: range, weeks: Weeks) -> str:
    """A month's name over the week its first day is in, this month's too: a name that
    starts in the last columns runs past the grid rather than being left out."""
    row: list[str] = []
    for column, number in enumerate(numbers):
        first_days = [day for day in weeks.days(number) if day.day == 1]
        if first_days and len("".join(row).rstrip()) <= column:
            row[column:] = [" "] * max(0, column - len(row))
            row[column : column + 3] = list(first_days[0].strftime("%b"))
    return "".join(row).rstrip()


def _level(value: int, top: int) -> int:
    if value <= 0 or top <= 0:
        return 0
    return min(4, 1 + (4 * (value - 1)) // max(top, 1))


def adherence_text(adherence: "Adherence") -> list[str]:
    lines = [
        f"Studied on {adherence.study_days} of {adherence.sprint_days} days. "
        f"Weeks meeting the target: {adherence.met} of {adherence.decided}"
        + _not_over(adherence)
        + (
            f". {adherence.on_break[0].upper()}{adherence.on_break[1:]}."
            if adherence.on_break
            else ""
        )
    ]
    for week in adherence.weeks:
        state = "target met" if week.met else "target missed"
        if week.neutral:
            state = "on a break"
        elif week.in_progress:
            state = (
                verdict(week.target - week.studied, week.days_left) if week.started else "to come"
            )
        counted = (week.end - week.start).days + 1 - week.off
        # The end without its year when the year is the same: the line fits 80 columns.
        end = week.end.isoformat()[5 if week.end.year == week.start.year else 0 :]
        lines.append(
            f"  {week.start.isoformat()} – {end}: "
            f"{days_of(week.studied, week.target, counted)} · {state}"
        )
    return lines


def _not_over(adherence: "Adherence") -> str:
    open_weeks = len(adherence.weeks) - adherence.decided
    return f" ({plural(open_weeks, 'week')} not over yet)" if open_weeks else ""


def streak_dict(report: "StreakReport") -> dict[str, Any]:
    week = report.this_week
    return {
        "today": report.today.isoformat(),
        "target": report.target,
        "week_start": report.week_start,
        "this_week": {
            "start": week.start.isoformat(),
            "end": week.end.isoformat(),
            "studied": [day.isoformat() for day in week.studied],
            "days": len(week.studied),
            "target": week.target,
            "needed": week.needed,
            "days_left": week.days_left,
            "met": week.met,
            "possible": week.possible,
            "days_on_break": week.off,
        },
        "on_break": break_dict(report.on_break),
        "current_streak": _streak_dict(report.current),
        "longest_streak": _streak_dict(report.longest),
        "weeks": [_week_dict(stat, report.target) for stat in report.recent],
    }


def _streak_dict(streak: "Streak | None") -> dict[str, Any]:
    if streak is None:
        return {"weeks": 0, "start": None, "end": None}
    return {"weeks": streak.weeks, "start": streak.start.isoformat(), "end": streak.end.isoformat()}


def _week_dict(stat: "WeekStat", target: int) -> dict[str, Any]:
    week_target = week_target_of(target, stat.counted)
    return {
        "start": stat.start.isoformat(),
        "days": stat.days,
        "target": week_target,
        "entries": stat.entries,
        "minutes": stat.minutes,
        "met": not stat.neutral and stat.days >= week_target,
        "days_on_break": stat.off,
    }


def break_dict(span: "Span | None") -> dict[str, Any] | None:
    if span is None:
        return None
    return {
        "id": span.id,
        "start": span.start.isoformat(),
        "end": span.end.isoformat(),
        "reason": span.reason,
    }


def on_break_text(span: "Span | None") -> str | None:
    """``On a break until Mon 2025-06-09: exams.``, when today is in one."""
    if span is None:
        return None
    reason = f": {span.reason}" if span.reason else ""
    return f"On a break until {day_label(span.end)}{reason}."


def adherence_dict(adherence: "Adherence") -> dict[str, Any]:
    return {
        "study_days": adherence.study_days,
        "sprint_days": adherence.sprint_days,
        "weeks_met": adherence.met,
        "weeks_counted": adherence.decided,
        "on_break": adherence.on_break,
        "weeks": [
            {
                "start": week.start.isoformat(),
                "end": week.end.isoformat(),
                "days": week.studied,
                "target": week.target,
                "partial": week.partial,
                "in_progress": week.in_progress,
                "met": week.met,
                "days_on_break": week.off,
            }
            for week in adherence.weeks
        ],
    }
