"""How journal objects look: Rich tables for people, dictionaries for --json."""

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from sprintlog.cli.display import listing
from sprintlog.rules.dates import day_label
from sprintlog.rules.refs import label, link_labels
from sprintlog.rules.text import for_terminal, one_line, preview

if TYPE_CHECKING:
    from rich.console import JustifyMethod
    from rich.table import Table
    from rich.text import Text

    from sprintlog.records import Entry, Goal, Sprint, Task
    from sprintlog.services.status import Activity, Dashboard

# Longer texts are cut in listings: a table is for scanning, `entry show` gives it all.
LISTING_LIMIT = 2000
STATUS_STYLE = {
    "open": "",
    "partial": "yellow",
    "done": "green",
    "dropped": "dim",
    "deferred": "dim",
}


def sprint_state(sprint: "Sprint", today: date) -> str:
    if sprint.closed_at is not None:
        return "closed"
    if today < sprint.start_day:
        return "upcoming"
    if today > sprint.end_day:
        return "ended"
    return f"day {(today - sprint.start_day).days + 1} of {sprint.length_days}"


def sprint_dict(sprint: "Sprint", today: date) -> dict[str, Any]:
    """A sprint in --json: its state is upcoming, running (on ``day`` N), ended or closed."""
    state = sprint_state(sprint, today)
    running = state.startswith("day ")
    return {
        "number": sprint.number,
        "title": sprint.title,
        "start": sprint.start_day.isoformat(),
        "end": sprint.end_day.isoformat(),
        "days": sprint.length_days,
        "state": "running" if running else state,
        "day": (today - sprint.start_day).days + 1 if running else None,
        "closed_at": sprint.closed_at.isoformat() if sprint.closed_at else None,
    }


def _carried_dict(carried: dict | None, key: tuple[str, int | None]) -> dict[str, Any]:
    found = (carried or {}).get(key)
    return {
        "carried_from": found.source if found else None,
        "times_carried": found.times if found else 0,
    }


def goal_dict(goal: "Goal", prefix: str, carried: dict | None = None) -> dict[str, Any]:
    from sprintlog.records import derived_status

    return {
        "ref": label(prefix, goal.number),
        "number": goal.number,
        "title": goal.title,
        "description": goal.description,
        "status": derived_status(goal).value,
        "outcome": goal.outcome,
        **_carried_dict(carried, ("goal", goal.id)),
        "tasks": [task_dict(task, goal.number, prefix, carried) for task in goal.tasks],
    }


def task_dict(
    task: "Task", goal_number: int, prefix: str, carried: dict | None = None
) -> dict[str, Any]:
    return {
        "ref": label(prefix, goal_number, task.letter),
        "letter": task.letter,
        "text": task.text,
        "description": task.description,
        "status": task.status,
        "outcome": task.outcome,
        **_carried_dict(carried, ("task", task.id)),
    }


def entry_refs(entry: "Entry", prefix: str) -> list[str]:
    return link_labels(entry.links, prefix)


def entry_dict(entry: "Entry", prefix: str, tags: list[str] | None = None) -> dict[str, Any]:
    return {
        "id": entry.id,
        "day": entry.day.isoformat(),
        "text": entry.text,
        "minutes": entry.minutes,
        "goals": entry_refs(entry, prefix),
        "tags": tags or [],
        "created_at": entry.created_at.isoformat(),
        "started_at": entry.started_at.isoformat() if entry.started_at else None,
    }


def _carried_cell(carried: dict, key: tuple[str, int | None]) -> "Text":
    """Where a goal or task was carried from, in a column of its own that never wraps: a goal
    reference split across two lines (``(from`` / ``SSJ--3a)``) reads as two things."""
    from rich.text import Text

    found = carried.get(key)
    if found is None:
        return Text("")
    times = f", carried {found.times}×" if found.times > 1 else ""
    return Text(f"(from {found.source}{times})", style="dim")


def _goal_text(goal: "Goal", *, with_description: bool) -> str:
    # An untitled goal shows its description alone (its reference is in the next column).
    parts = [goal.title] + ([goal.description] if goal.description and with_description else [])
    return ": ".join(part for part in parts if part)


def goals_table(
    goals: Sequence["Goal"],
    prefix: str,
    *,
    board: "Dashboard | None" = None,
    carried: dict | None = None,
) -> "Table":
    """Goals and their tasks with statuses; with a status ``board``, their activity too."""
    from rich.table import Table
    from rich.text import Text

    from sprintlog.records import derived_status

    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column("ref", no_wrap=True)
    table.add_column("text", overflow="fold")  # the width there is; only this column wraps
    if carried:
        table.add_column("from", no_wrap=True)
    table.add_column("status", no_wrap=True)
    if board is not None:
        for name in ("days", "minutes", "last"):
            table.add_column(name, no_wrap=True, justify="left" if name == "last" else "right")
    for goal in goals:
        status = derived_status(goal).value
        title = _goal_text(goal, with_description=not board)
        table.add_row(
            Text(label(prefix, goal.number), style="bold"),
            Text(one_line(title) if board else for_terminal(title)),
            *([_carried_cell(carried, ("goal", goal.id))] if carried else []),
            Text(status, style=STATUS_STYLE[status]),
            *(_activity_cells(_of(board.goal_activity, goal.id)) if board else ()),
        )
        for task in goal.tasks:
            table.add_row(
                Text("  " + label(prefix, goal.number, task.letter)),
                Text(one_line(task.text) if board else for_terminal(task.text)),
                *([_carried_cell(carried, ("task", task.id))] if carried else []),
                Text(task.status, style=STATUS_STYLE[task.status]),
                *(_task_cells(board, task.id) if board else ()),
            )
    return table


def sprint_heading(sprint: "Sprint", today: date, state: str) -> "Text":
    """The sprint's number, title, dates and state: on one line when it fits the terminal,
    else the dates and the state on a second one (a line never wraps)."""
    from rich.text import Text

    heading = Text(f"Sprint {sprint.number}", style="bold")
    when = f"{sprint.start_day.isoformat()} – {sprint.end_day.isoformat()}  {state}"
    title = one_line(sprint.title) if sprint.title else ""
    named = f"{heading.plain}: {title}" if title else heading.plain
    if listing.cells(f"{named}  {when}") <= listing.width():
        if title:
            heading.append(f": {title}")
        heading.append(f"  {when}")
        return heading
    if title:  # wrapped by words under itself: the first line fits, nothing is cut
        lines = listing.wrapped(named, listing.width())
        heading.append(lines[0][len(heading.plain) :])
        for line in lines[1:]:
            heading.append(f"\n{line}")
    heading.append(f"\n{when}")
    return heading


def entry_columns(prefix: str, last_id: int) -> tuple["listing.Column", ...]:
    """The columns of a listing of entries: the ids as wide as the journal's last, the goals
    as wide as a task's reference at least (a later row never has to cut one)."""
    return (
        listing.Column("#", right=True, least=len(str(last_id))),
        listing.Column("Day"),
        listing.Column("Goals", least=len(label(prefix, 9, "a"))),
        listing.Column("What I focused on", wraps=True),
        listing.Column("Min", right=True, least=4),  # up to 1440
    )


def entry_rows(entries: "Iterable[Entry]", prefix: str) -> "Iterator[tuple[str, ...]]":
    """The cells of each entry in a listing (entry_columns), as the entries come."""
    days: dict[date, str] = {}
    for entry in entries:
        day = days.get(entry.day)
        if day is None:
            day = days[entry.day] = day_label(entry.day)
        text = entry.text
        if len(text) > LISTING_LIMIT:  # where to read the rest: a line of its own
            shown, _, hint = preview(
                text, limit=LISTING_LIMIT, more=f"sprintlog entry show {entry.id}"
            ).rpartition("… (")
            text = f"{shown}…\n({hint}"
        elif not text.isascii() or not text.isprintable():
            text = preview(text, limit=LISTING_LIMIT, more="")
        yield (
            str(entry.id),
            day,
            " ".join(entry_refs(entry, prefix)) if entry.links else "",
            text,
            str(entry.minutes or ""),
        )


def show_entries(entries: "Iterable[Entry]", prefix: str, *, last_id: int) -> int:
    """Write the entries as a listing, row by row; how many there were."""
    return listing.write(entry_columns(prefix, last_id), entry_rows(entries, prefix))


def sprints_table(sprints: Sequence["Sprint"], today: date) -> "Table":
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, header_style="bold")
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("#", "right"),
        ("Dates", "left"),
        ("Days", "right"),
    )
    for name, justify in columns:
        table.add_column(name, justify=justify, no_wrap=True)
    table.add_column("State", no_wrap=True)
    table.add_column("Title", overflow="fold")
    for sprint in sprints:
        table.add_row(
            str(sprint.number),
            f"{sprint.start_day.isoformat()} – {sprint.end_day.isoformat()}",
            str(sprint.length_days),
            sprint_state(sprint, today),
            Text(one_line(sprint.title or "")),
        )
    return table


def _of(activities: "dict[int, Activity]", row_id: int | None) -> "Activity | None":
    """The activity of a goal or task by its id (a row not yet saved has none)."""
    return activities.get(row_id) if row_id is not None else None


def _activity_cells(activity: "Activity | None") -> tuple[str, str, str]:
    if activity is None or activity.days == 0:
        return "", "", ""
    minutes = f"{activity.minutes} min" if activity.minutes else ""
    return f"{activity.days} d", minutes, f"last {activity.last:%a %m-%d}"


def _task_cells(board: "Dashboard", task_id: int | None) -> tuple[str, str, str]:
    # A carried task shows its whole chain's days and minutes beside this sprint's.
    activity = _of(board.task_activity, task_id)
    days, minutes, last = _activity_cells(activity)
    chain = _of(board.chain_activity, task_id)
    if chain is None or chain.days == 0:
        return days, minutes, last
    if activity is not None and (chain.days, chain.minutes) == (
        activity.days,
        activity.minutes,
    ):
        return days, minutes, last  # nothing logged before this sprint: no second figure
    days = f"{days or '0 d'} ({chain.days} in all)"
    if chain.minutes:
        minutes = f"{minutes or '0 min'} ({chain.minutes} in all)"
    return days, minutes, last


def _activity_dict(activity: "Activity | None") -> dict[str, Any]:
    if activity is None:
        return {"days": 0, "minutes": None, "last": None}
    last = activity.last.isoformat() if activity.last else None
    return {"days": activity.days, "minutes": activity.minutes, "last": last}


def goal_activity_dict(goal: "Goal", board: "Dashboard", prefix: str) -> dict[str, Any]:
    data = goal_dict(goal, prefix)
    data["activity"] = _activity_dict(_of(board.goal_activity, goal.id))
    for task, task_data in zip(goal.tasks, data["tasks"], strict=True):
        task_data["activity"] = _activity_dict(_of(board.task_activity, task.id))
        if task.carried_from_id:
            task_data["chain_activity"] = _activity_dict(_of(board.chain_activity, task.id))
    return data
