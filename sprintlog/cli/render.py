"""sprintlog render review / plan: the sprint's review post as Markdown."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sprintlog.cli import common
from sprintlog.cli.display.terminal import message, out
from sprintlog.storage import files

if TYPE_CHECKING:
    from sprintlog.shown.review_post import Review

app = typer.Typer(no_args_is_help=True)  # help: COMMANDS in sprintlog/cli/__init__.py

SprintNumber = Annotated[
    int | None,
    typer.Argument(
        min=1,
        max=common.MAX_NUMBER,
        metavar="N",
        help="Sprint number (default: the latest that has ended).",
    ),
]


OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", metavar="FILE", help="Write to FILE, not stdout (- means stdout)."
    ),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Replace FILE if it exists (a regular file only).")
]


@app.command("review")
def review(
    ctx: typer.Context,
    number: SprintNumber = None,
    output: OutputOption = None,
    force: ForceOption = False,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template", metavar="FILE", help="Your own Jinja2 template (see docs/posts.md)."
        ),
    ] = None,
    images: Annotated[
        str | None,
        typer.Option(
            "--images",
            metavar="DIR",
            help="Also draw the sprint's days and goals as SVG into DIR (relative to the post).",
        ),
    ] = None,
    no_images: Annotated[
        bool, typer.Option("--no-images", help="No pictures, whatever post_images says.")
    ] = False,
    link_next: Annotated[
        bool,
        typer.Option(
            "--link-next",
            help="Link the next sprint's post (once it exists); publish does it by itself.",
        ),
    ] = False,
) -> None:
    """Render the review post of sprint N (default: the latest sprint that has ended)."""
    from sprintlog.render.post import render, user_template

    post_file = None if output is None or str(output) == "-" else output  # -o -: stdout
    if template is not None:
        common.template_file(template)  # not a FIFO, a device: said before anything else
    gathered = _gathered(ctx, number, link_next=link_next)
    user = user_template(template, gathered.settings.template)
    folder = _images_folder(images, no_images, post_file, gathered.settings.post_images)
    if folder is None:
        _emit(render(gathered, template=user), output, force)
        return
    from sprintlog.cli import pictures

    planned = pictures.plan(
        gathered, folder=folder, post=post_file, url=gathered.settings.post_image_url
    )
    post = render(gathered, template=user, images=planned.links)
    if post_file is not None:
        files.regular_file_or_nothing(post_file)  # a post that cannot be written: no picture either
    for path in pictures.write(planned, post=post_file, force=force):
        message(f"Wrote {path}.")
    _emit(post, output, force)


def _images_folder(
    given: str | None, no_images: bool, post_file: Path | None, setting: str
) -> str | None:
    """Where the pictures go, None for none: --images, else the post_images setting,
    which applies to a post written to a file, not to stdout."""
    if no_images:
        return None
    if given is not None:
        return given
    return (setting or None) if post_file is not None else None


@app.command("plan")
def plan(
    ctx: typer.Context,
    number: SprintNumber = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Render the next-sprint plan built from sprint N's unfinished goals and tasks."""
    from sprintlog.render.post import render

    _emit(render(_gathered(ctx, number), name="plan.md.j2"), output, force)


def _gathered(ctx: typer.Context, number: int | None, *, link_next: bool = False) -> "Review":
    from sprintlog.services import review, settings, sprint_reads

    with common.reader(ctx) as reader:
        config = settings.read(reader)
        today = common.today()
        if number is None:
            chosen = sprint_reads.to_review(reader, today=today)
        else:
            chosen = sprint_reads.get(reader, number=number)
        return review.gather(
            reader, sprint=chosen, settings=config, today=today, link_next=link_next
        )


def _emit(post: str, output: Path | None, force: bool) -> None:
    if output is None or str(output) == "-":
        out(post, end="")
        return
    files.write_named(output, [post], force=force)
    message(f"Wrote {output}.")
