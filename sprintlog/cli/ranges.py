"""The options that choose a range of days: --since, --until and --in.

They are parsed before the journal is opened (a typo fails at once, exit 2) and resolved
inside the command's transaction, where weeks (``week_start``) and sprints are known.
"""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from sprintlog.cli.display.terminal import message
from sprintlog.rules.dates import day_label

if TYPE_CHECKING:
    from sprintlog.rules.dates import DayRange, ParsedRange
    from sprintlog.rules.setting_specs import Settings
    from sprintlog.storage.reader import Reader

SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since", metavar="WHEN", help="From this day on (-7d, monday), or a range's first day."
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option("--until", metavar="WHEN", help="Up to this day, or a range's last day."),
]
InOption = Annotated[
    str | None,
    typer.Option(
        "--in",
        metavar="RANGE",
        help="Only these days: last week, this month, june 2025, 2025, sprint 3, this sprint.",
    ),
]


@dataclass(frozen=True)
class Bound:
    option: str  # --in, --since or --until
    text: str
    parsed: "ParsedRange"


def parse(*, since: str | None, until: str | None, within: str | None, today: date) -> list[Bound]:
    """The range options given, parsed; an empty one is a usage error, not "no filter"."""
    from sprintlog.errors import UsageError
    from sprintlog.rules.dates import parse_range

    bounds = []
    for option, text in (("--in", within), ("--since", since), ("--until", until)):
        if text is None:
            continue
        if not text.strip():
            raise UsageError(f"{option} is empty; give a day or a range (last week, june 2025)")
        bounds.append(Bound(option, text.strip(), parse_range(text, today=today)))
    return bounds


def resolve(
    reader: "Reader", bounds: list[Bound], *, settings: "Settings", today: date
) -> tuple[date | None, date | None]:
    """The first and last day allowed: the days that --in, --since and --until all allow."""
    from sprintlog.errors import UsageError
    from sprintlog.services import ranges

    first: date | None = None
    last: date | None = None
    for bound in bounds:
        days = ranges.resolve(reader, spec=bound.parsed.spec, settings=settings, today=today)
        if bound.parsed.in_words:
            _echo(bound, days)
        if bound.option != "--until":
            first = days.first if first is None else max(first, days.first)
        if bound.option != "--since":
            last = days.last if last is None else min(last, days.last)
    if first is not None and last is not None and first > last:
        given = " ".join(f"{bound.option} {bound.text!r}" for bound in bounds)
        raise UsageError(
            f"{given} leave no day: the first would be {first.isoformat()}, "
            f"after the last, {last.isoformat()}"
        )
    return first, last


def _echo(bound: Bound, days: "DayRange") -> None:
    if bound.option == "--since":
        shown = day_label(days.first)
    elif bound.option == "--until":
        shown = day_label(days.last)
    elif days.first == days.last:
        shown = day_label(days.first)
    else:
        shown = f"{day_label(days.first)} – {day_label(days.last)}"
    message(f"{bound.text} = {shown}")
