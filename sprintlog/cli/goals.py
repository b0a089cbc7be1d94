"""sprintlog goal …: the numbered goals of a sprint and their lettered tasks."""

from typing import TYPE_CHECKING, Annotated

import typer

from sprintlog.cli import common
from sprintlog.cli.common import JsonOption, SprintOption, YesOption
from sprintlog.cli.display import tables
from sprintlog.cli.display.terminal import confirm, console, message, print_json
from sprintlog.rules.refs import label
from sprintlog.rules.text import one_line

if TYPE_CHECKING:
    from collections.abc import Callable

    from sprintlog.services.lookup import Found
    from sprintlog.storage.reader import Reader

app = typer.Typer(no_args_is_help=True)  # help: COMMANDS in sprintlog/cli/__init__.py


def _find(reader: "Reader", ref: str, sprint: int | None) -> "Found":
    """The goal or task ``ref`` names in the chosen sprint (today's when none)."""
    from sprintlog.services.lookup import find_in_sprint

    return find_in_sprint(reader, ref=ref, sprint=sprint, today=common.today())


RefArgument = Annotated[
    str, typer.Argument(metavar="REF", help="A goal or task: 3, 3b, SSJ--3 or SSJ--3b.")
]


@app.command("add")
def add(
    ctx: typer.Context,
    number: Annotated[
        int,
        typer.Argument(
            max=common.MAX_NUMBER, metavar="N", help="The goal's number (1 to max_goals)."
        ),
    ],
    title: Annotated[
        str,
        typer.Argument(metavar="TITLE", help="A short title, like Write or Math (may be empty)."),
    ] = "",
    task: Annotated[
        list[str] | None,
        typer.Option("--task", "-t", metavar="TEXT", help="A task (repeat for more: a, b, …)."),
    ] = None,
    description: Annotated[
        str | None,
        typer.Option(
            "--description", "-d", metavar="TEXT", help="What the goal is, in a sentence."
        ),
    ] = None,
    sprint: SprintOption = None,
) -> None:
    """Add goal NUMBER to the sprint, with its tasks."""
    from sprintlog.services import goals, settings, sprint_reads

    with common.reader(ctx, write=True) as reader:
        config = settings.read(reader)
        target_sprint = sprint_reads.resolve(reader, number=sprint, today=common.today())
        goal = goals.add(
            reader,
            sprint=target_sprint,
            number=number,
            title=title,
            settings=config,
            description=description,
            tasks=task,
        )
        letters = ", ".join(t.letter for t in goal.tasks)
    tasks_note = f" with {'tasks' if len(goal.tasks) > 1 else 'task'} {letters}" if letters else ""
    message(f"Added {label(config.prefix, number)} to sprint {target_sprint.number}{tasks_note}.")


@app.command("task")
def add_task(
    ctx: typer.Context,
    goal_ref: Annotated[str, typer.Argument(metavar="GOAL", help="The goal: 3 or SSJ--3.")],
    text: Annotated[str, typer.Argument(metavar="TEXT", help="What the task is.")],
    description: Annotated[
        str | None,
        typer.Option(
            "--description", "-d", metavar="TEXT", help="More about it, in Markdown (- : stdin)."
        ),
    ] = None,
    sprint: SprintOption = None,
) -> None:
    """Add a task to a goal (it gets the next letter)."""
    from sprintlog.errors import UsageError
    from sprintlog.services import goals

    with common.reader(ctx, write=True) as reader:
        target, config, _ = _find(reader, goal_ref, sprint)
        if target.task is not None:
            raise UsageError(f"{goal_ref!r} is a task; give the goal, like {target.goal.number}")
        about = common.read_text(description) if description is not None else None
        task = goals.add_task(reader, goal=target.goal, text=text, description=about)
    message(f"Added {label(config.prefix, target.goal.number, task.letter)}.")


@app.command("edit")
def edit(
    ctx: typer.Context,
    ref: RefArgument,
    text: Annotated[
        str | None, typer.Argument(metavar="TEXT", help="New title (goal) or text (task).")
    ] = None,
    description: Annotated[
        str | None,
        typer.Option(
            "--description",
            "-d",
            metavar="TEXT",
            help="New description of the goal or task (- : stdin; empty clears it).",
        ),
    ] = None,
    sprint: SprintOption = None,
) -> None:
    """Change a goal's title (or description) or a task's text."""
    from sprintlog.services import goals

    with common.reader(ctx, write=True) as reader:
        target, config, _ = _find(reader, ref, sprint)
        about = common.read_text(description) if description is not None else None
        goals.edit(reader, target=target, text=text, description=about)
    message(f"Changed {target.label(config.prefix)}.")


@app.command("renumber")
def renumber(
    ctx: typer.Context,
    ref: RefArgument,
    to: Annotated[
        str,
        typer.Argument(
            metavar="NEW", help="The goal's new number (1 to max_goals), or the task's letter."
        ),
    ],
    sprint: SprintOption = None,
) -> None:
    """Give a goal another number, or a task another letter (entries keep their links)."""
    from sprintlog.services import goals

    with common.reader(ctx, write=True) as reader:
        target, config, _ = _find(reader, ref, sprint)
        before = target.label(config.prefix)
        after = goals.renumber(reader, target=target, to=to, settings=config)
    same = f"{after} is that already; nothing changed."
    message(f"Renumbered {before} to {after}." if after != before else same)


@app.command("rm")
def remove(
    ctx: typer.Context, ref: RefArgument, sprint: SprintOption = None, yes: YesOption = False
) -> None:
    """Remove a goal (with its tasks) or a task. Entries are kept, unlinked."""
    from sprintlog.services import goals
    from sprintlog.storage.reader import of_session

    with common.journal(ctx) as journal:
        journal.require_writable()
        # Ask outside the write transaction: a prompt must not hold the journal's lock.
        with journal.reading(write=False) as reader:
            target, config, chosen = _find(reader, ref, sprint)
        shown = target.label(config.prefix)
        what = target.task.text if target.task else (target.goal.title or "untitled")
        confirm(
            f"Remove {shown} ({one_line(what, 50)}) from sprint {chosen.number}?",
            yes=yes,
            action=f"remove {shown}",
        )
        with journal.transaction(write=True) as session:  # the ORM: a goal with its tasks
            found = _find(of_session(session), ref, chosen.number)
            links = goals.remove(session, target=found.target)
    kept = f"; {links} entries that named it are kept" if links else ""
    message(f"Removed {shown}{kept}.")


@app.command("list")
def list_goals(ctx: typer.Context, sprint: SprintOption = None, json: JsonOption = False) -> None:
    """List the sprint's goals and tasks with their statuses."""
    from sprintlog.services import carry, settings, sprint_reads

    with common.reader(ctx) as reader:
        prefix = settings.read(reader).prefix
        chosen = sprint_reads.resolve(reader, number=sprint, today=common.today())
        target_sprint = sprint_reads.with_goals(reader, sprint=chosen)
        all_goals = target_sprint.goals
        carried = carry.carried_info(reader, target_sprint, prefix)
    if json:
        print_json([tables.goal_dict(goal, prefix, carried) for goal in all_goals])
    elif not all_goals:
        number = target_sprint.number
        message(f"Sprint {number} has no goals yet. Add one with: sprintlog goal add 1 Write")
    else:
        with common.paged(ctx):
            console().print(tables.goals_table(all_goals, prefix, carried=carried))


def _status_command(status_name: str, verb: str) -> "Callable[..., None]":
    def command(ctx: typer.Context, ref: RefArgument, sprint: SprintOption = None) -> None:
        from sprintlog.rules.statuses import Status
        from sprintlog.services import goals

        with common.reader(ctx, write=True) as reader:
            target, config, _ = _find(reader, ref, sprint)
            changed = goals.set_status(reader, target=target, status=Status(status_name))
        shown = target.label(config.prefix)
        if target.task is None and target.goal.tasks:
            which = ", ".join(changed) if changed else "none needed changing"
            message(f"Marked the tasks of {shown} {status_name} ({which}).")
        else:
            message(f"Marked {shown} {status_name}.")

    command.__doc__ = f"Mark a goal or task {verb}."
    return command


for _name, _status, _verb in (
    ("done", "done", "done (a goal with tasks: its unfinished tasks)"),
    ("partial", "partial", "partly done"),
    ("drop", "dropped", "dropped (a goal with tasks: those not done)"),
    ("defer", "deferred", "deferred: not done, not carried over (a goal with tasks: those open)"),
    ("reopen", "open", "open again, undoing the last done, drop or defer of a goal"),
):
    app.command(_name)(_status_command(_status, _verb))
