"""sprintlog render review / plan: the sprint's review post as Markdown."""

from pathlib import Path
from typing import Annotated

import typer

from sprintlog.cli import common
from sprintlog.cli.output import message

app = typer.Typer(
    help="Render a sprint's review post or next-sprint plan as Markdown.", no_args_is_help=True
)

SprintNumber = Annotated[
    int | None, typer.Argument(min=1, metavar="N", help="Sprint number (default: the latest).")
]


@app.command("review")
def review(
    ctx: typer.Context,
    number: SprintNumber = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE, not stdout."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
    template: Annotated[
        Path | None,
        typer.Option("--template", metavar="FILE", help="Your own Jinja2 template (see README)."),
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
) -> None:
    """Render the review post of sprint N (default: the latest sprint)."""
    from sprintlog.render.post import render

    def draw(review, configured):
        # The post_images setting applies to a post written to a file, not to stdout.
        folder = None if no_images else images
        if folder is None and not no_images and output is not None:
            folder = review.settings.post_images or None
        if folder is None:
            return render(review, template=template or configured), None
        from sprintlog.cli import pictures

        planned = pictures.plan(
            review, folder=folder, post=output, url=review.settings.post_image_url
        )
        return render(review, template=template or configured, images=planned.links), planned

    post, planned = _gathered(ctx, number, draw)
    if planned is not None:
        from sprintlog.cli import pictures

        for path in pictures.write(planned, post=output, force=force):
            message(f"Wrote {path}.")
    _emit(post, output, force)


@app.command("plan")
def plan(
    ctx: typer.Context,
    number: SprintNumber = None,
) -> None:
    """Render the next-sprint plan built from sprint N's unfinished goals and tasks."""
    from sprintlog.render.post import render

    _emit(_gathered(ctx, number, lambda review, _: render(review, name="plan.md.j2")), None, False)


def _gathered(ctx: typer.Context, number: int | None, draw):
    from sprintlog.services import review, settings, sprints

    with common.session(ctx, write=False) as session:
        config = settings.load(session)
        chosen = sprints.get(session, number=number) if number else sprints.require_latest(session)
        gathered = review.gather(session, sprint=chosen, settings=config, today=common.today())
    setting_template = Path(config.template).expanduser() if config.template else None
    return draw(gathered, setting_template)


def _emit(post: str, output: Path | None, force: bool) -> None:
    if output is None:
        typer.echo(post, nl=False)
        return
    _write_private(output, post, force=force)
    message(f"Wrote {output}.")


def _write_private(path: Path, text: str, *, force: bool) -> None:
    from sprintlog import files
    from sprintlog.errors import Conflict, SprintlogError

    if path.is_dir():
        raise SprintlogError(f"{path} is a directory")
    if path.exists() and not force:
        raise Conflict(f"{path} exists already; use --force to overwrite it")
    try:
        files.write_private(path, text)
    except OSError as error:
        raise SprintlogError(f"cannot write {path}: {error.strerror}") from None
