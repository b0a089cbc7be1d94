"""sprintlog publish: the review post written into a Jekyll, Hugo, Quartz or Obsidian site."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sprintlog.cli import common
from sprintlog.cli.display.terminal import message, out

if TYPE_CHECKING:
    from sprintlog.shown.review_post import Review


def publish(
    ctx: typer.Context,
    site: Annotated[
        Path,
        typer.Option("--site", metavar="DIR", help="The site (or Obsidian vault) to publish into."),
    ],
    number: Annotated[
        int | None,
        typer.Argument(
            min=1,
            max=common.MAX_NUMBER,
            metavar="N",
            help="Sprint number (default: the latest sprint that has ended).",
        ),
    ] = None,
    engine: Annotated[
        str | None,
        typer.Option(
            "--engine",
            metavar="ENGINE",
            help="jekyll, hugo, quartz or obsidian (default: found from the site's files).",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the post even if it was changed by hand.")
    ] = False,
) -> None:
    # Its help line is in COMMANDS (sprintlog/cli/__init__.py), as for every command.
    from sprintlog.errors import UsageError
    from sprintlog.render.post import own_url, render, user_template
    from sprintlog.services import publish as publishing

    if engine is not None and engine.lower() not in publishing.SITE_ENGINES:
        raise UsageError(f"--engine must be one of: {', '.join(publishing.SITE_ENGINES)}")
    gathered = _gathered(ctx, number)
    config, chosen = gathered.settings, gathered.sprint
    chosen_engine = publishing.engine_for(
        site, given=engine and engine.lower(), front_matter=config.front_matter
    )
    post = render(gathered, template=user_template(None, config.template))
    relative = publishing.post_path(
        site,
        engine=chosen_engine,
        number=chosen.number,
        title=config.post_title.format(n=chosen.number),
        day=chosen.end_day,
        url=own_url(config, chosen.number),
    )
    done = publishing.write(site, relative, post, number=chosen.number, force=force)
    if done.replaced is not None:
        message(f"Removed {done.replaced}, the post's earlier file.")
    message(f"{'Unchanged' if done.unchanged else 'Published'} sprint {chosen.number}'s post:")
    out(str(done.path))
    if config.post_url:
        out(config.post_url.format(n=chosen.number))


def _gathered(ctx: typer.Context, number: int | None) -> "Review":
    """Sprint ``number``'s review, by default the latest sprint that has ended."""
    from sprintlog.services import publish as publishing
    from sprintlog.services import review, settings, sprint_reads
    from sprintlog.storage.reader import of_session

    today = common.today()
    with common.session(ctx, write=False) as session:
        config = settings.read(of_session(session))
        chosen = (
            sprint_reads.get(of_session(session), number=number)
            if number
            else publishing.latest_ended(session, today=today)
        )
        return review.gather(of_session(session), sprint=chosen, settings=config, today=today)
