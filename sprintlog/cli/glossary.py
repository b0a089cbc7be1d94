"""sprintlog acronym … / question …: the acronyms and open questions a review post lists."""

from typing import Annotated

import typer

from sprintlog.cli import common
from sprintlog.cli.common import JsonOption
from sprintlog.cli.display.terminal import console, message, print_json
from sprintlog.rules.text import for_terminal

# Their help lines: COMMANDS in sprintlog/cli/__init__.py.
acronym_app = typer.Typer(no_args_is_help=True)
question_app = typer.Typer(no_args_is_help=True)


@acronym_app.command("add")
def acronym_add(
    ctx: typer.Context,
    term: Annotated[str, typer.Argument(metavar="TERM", help="The acronym, like RL.")],
    expansion: Annotated[str, typer.Argument(metavar="EXPANSION", help="What it stands for.")],
) -> None:
    """Add (or change) an acronym."""
    from sprintlog.services import glossary

    with common.reader(ctx, write=True) as reader:
        acronym = glossary.add_acronym(reader, term=term, expansion=expansion)
    message(f"{acronym.term} = {acronym.expansion}")


@acronym_app.command("list")
def acronym_list(ctx: typer.Context, json: JsonOption = False) -> None:
    """List the acronyms."""
    from sprintlog.services import glossary

    with common.reader(ctx) as reader:
        found = glossary.acronyms(reader)
    if json:
        # A list of objects, as every other listing gives (sorted as listed).
        print_json([{"term": a.term, "expansion": a.expansion} for a in found])
    elif not found:
        message("No acronyms yet. Add one with: sprintlog acronym add RL 'Reinforcement Learning'")
    width = max((len(acronym.term) for acronym in found), default=0)
    for acronym in [] if json else found:
        term = for_terminal(acronym.term)
        console().print(f"{term.ljust(width)}  {for_terminal(acronym.expansion)}")


@acronym_app.command("rm")
def acronym_rm(
    ctx: typer.Context,
    term: Annotated[str, typer.Argument(metavar="TERM", help="The acronym to remove.")],
) -> None:
    """Remove an acronym."""
    from sprintlog.services import glossary

    with common.reader(ctx, write=True) as reader:
        glossary.remove_acronym(reader, term=term)
    message(f"Removed {term.strip()}.")


@question_app.command("add")
def question_add(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The question.")],
) -> None:
    """Note an open question."""
    from sprintlog.services import glossary

    with common.reader(ctx, write=True) as reader:
        question = glossary.ask(reader, text=common.read_text(text), today=common.today())
    message(f"Added question #{question.id}.")


@question_app.command("list")
def question_list(
    ctx: typer.Context,
    all_questions: Annotated[bool, typer.Option("--all", "-a", help="Resolved ones too.")] = False,
    json: JsonOption = False,
) -> None:
    """List the open questions."""
    from sprintlog.services import glossary

    with common.reader(ctx) as reader:
        found = glossary.questions(reader, include_resolved=all_questions)
    if json:
        print_json(
            [
                {
                    "id": q.id,
                    "text": q.text,
                    "asked_on": q.asked_on.isoformat(),
                    "resolved_on": q.resolved_on.isoformat() if q.resolved_on else None,
                }
                for q in found
            ]
        )
        return
    if not found:
        message("No open questions.")
    for question in found:
        resolved = f"  (resolved {question.resolved_on})" if question.resolved_on else ""
        console().print(f"#{question.id}  {for_terminal(question.text)}{resolved}")


@question_app.command("resolve")
def question_resolve(
    ctx: typer.Context,
    question_id: Annotated[
        int,
        typer.Argument(min=1, max=common.MAX_NUMBER, metavar="ID", help="The question's number."),
    ],
) -> None:
    """Mark a question as resolved."""
    from sprintlog.services import glossary

    with common.reader(ctx, write=True) as reader:
        glossary.resolve(reader, question_id=question_id, today=common.today())
    message(f"Resolved question #{question_id}.")
