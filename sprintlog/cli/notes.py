"""sprintlog note / sprint note: how a goal went, and a sprint's own notes."""

from typing import TYPE_CHECKING, Annotated

import typer

from sprintlog.cli import common, editor
from sprintlog.cli.common import SprintOption
from sprintlog.cli.display.terminal import message

if TYPE_CHECKING:
    from sprintlog.records import Entry, Target
    from sprintlog.services.goals import Seen
    from sprintlog.storage.journal import Journal
    from sprintlog.storage.reader import Reader

TextArgument = Annotated[
    str | None,
    typer.Argument(
        metavar="TEXT", help="The note; - reads standard input; none opens $VISUAL/$EDITOR."
    ),
]


def note(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="REF", help="The goal or task: 3, 3b, SSJ--3b.")],
    text: TextArgument = None,
    sprint: SprintOption = None,
) -> None:
    # Its help line is in COMMANDS (sprintlog/cli/__init__.py), as for every command.
    from sprintlog.services import entries, goals, lookup, settings

    with common.journal(ctx) as journal:
        journal.require_writable()  # before anyone types into an editor
        with journal.reading(write=False) as reader:
            target, config, chosen = lookup.find_in_sprint(
                reader, ref=ref, sprint=sprint, today=common.today()
            )
            wanted = entries.Filters(sprint=chosen, target=target)
            logged = entries.query(reader, filters=wanted)
            shown = target.label(config.prefix)
            context = _outcome_context(target, shown, logged, config.prefix)
            journal_id = settings.journal_id(reader)
        if text is not None:
            body = common.read_text(text)
            _save_outcome(journal, ref, chosen.number, body)
        else:
            before = goals.seen(target)
            what = f"sprint{chosen.number}-{shown}"
            with editor.edited(
                before.note or "", context, what=what, journal_id=journal_id
            ) as body:
                _save_outcome(journal, ref, chosen.number, body, before=(before, shown))
    message(f"Saved the note of {shown}.")


def _save_outcome(
    journal: "Journal",
    ref: str,
    sprint_number: int,
    body: str,
    *,
    before: "tuple[Seen, str] | None" = None,
) -> None:
    """Save the note; after an editor, only if nobody changed it meanwhile (``before``)."""
    from sprintlog.errors import NotFound, UsageError
    from sprintlog.services import goals, lookup

    def find(reader: "Reader") -> "Target":
        found = lookup.find_in_sprint(reader, ref=ref, sprint=sprint_number, today=common.today())
        return found.target

    with journal.reading(write=True) as reader:
        if before is None:
            goals.set_outcome(reader, target=find(reader), text=body)
            return
        try:
            now: Target | None = find(reader)
        except (NotFound, UsageError):  # it named something when the editor opened
            now = None
        seen, shown = before
        goals.set_outcome_if_unchanged(reader, target=now, before=seen, text=body, shown=shown)


def _outcome_context(target: "Target", shown: str, logged: "list[Entry]", prefix: str) -> str:
    from sprintlog.cli.display import tables
    from sprintlog.records import derived_status

    status = target.task.status if target.task else derived_status(target.goal).value
    what = target.task.text if target.task else target.goal.title
    heading = f"{shown}: {what}" if what else shown  # an untitled goal is its reference
    lines = [heading, f"Status: {status}", "", "Logged against it this sprint:"]
    lines += [
        f"  {tables.day_label(entry.day)}  {tables.one_line(entry.text, 60)}" for entry in logged
    ] or ["  (nothing yet)"]
    return "\n".join(lines)


def sprint_note(
    ctx: typer.Context,
    number: Annotated[
        str | None,
        typer.Argument(
            metavar="N",
            help="Sprint number (default: current); a first word that is not one is the TEXT.",
        ),
    ] = None,
    text: TextArgument = None,
) -> None:
    """Write the sprint's own notes (the post's introduction or conclusion)."""
    from sprintlog.services import settings, sprint_reads

    chosen_number, text = _number_and_text(ctx, number, text)
    with common.journal(ctx) as journal:
        journal.require_writable()
        with journal.reading(write=False) as reader:
            chosen = sprint_reads.resolve(reader, number=chosen_number, today=common.today())
            journal_id = settings.journal_id(reader)
        if text is not None:
            _save_notes(journal, chosen.number, common.read_text(text))
        else:
            context = (
                f"Sprint {chosen.number}: {chosen.start_day} – {chosen.end_day}\n"
                "These notes open the sprint's review post."
            )
            before = (chosen.id, chosen.notes)
            what = f"sprint-{chosen.number}"
            with editor.edited(
                chosen.notes or "", context, what=what, journal_id=journal_id
            ) as body:
                _save_notes(journal, chosen.number, body, before=before)
    message(f"Saved the notes of sprint {chosen.number}.")


def _number_and_text(
    ctx: typer.Context, first: str | None, second: str | None
) -> tuple[int | None, str | None]:
    """``sprint note [N] [TEXT]``: ``sprint note "text"`` and ``sprint note -`` are TEXT."""
    from sprintlog.cli.display.usage import WholeNumber

    if first is None:
        return None, second
    word = first.strip()
    if second is None and not (word.isascii() and word.isdigit()):
        return None, first  # one word, and not a number: the notes themselves
    param = next(p for p in ctx.command.params if p.name == "number")
    return WholeNumber(1, common.MAX_NUMBER).convert(first, param, ctx), second


def _save_notes(
    journal: "Journal",
    number: int,
    body: str,
    *,
    before: tuple[int | None, str | None] | None = None,
) -> None:
    """Save the notes; after an editor, only if nobody changed them meanwhile (``before``)."""
    from sprintlog.services import sprint_reads, sprints

    with journal.reading(write=True) as reader:
        if before is None:
            sprints.set_notes(reader, sprint=sprint_reads.get(reader, number=number), text=body)
        else:
            sprints.set_notes_if_unchanged(reader, number=number, before=before, text=body)
