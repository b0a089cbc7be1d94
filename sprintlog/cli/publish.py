"""sprintlog publish: the review post written into a Jekyll, Hugo, Quartz or Obsidian site."""

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Annotated

import typer

from sprintlog.cli import common
from sprintlog.cli.display.terminal import message, out

if TYPE_CHECKING:
    from datetime import date

    from sprintlog.records import Sprint
    from sprintlog.rules.setting_specs import Settings
    from sprintlog.services.publish import PostFiles, Site
    from sprintlog.storage.reader import Reader


_ENGINE_HELP = {  # what TAB shows beside each engine (zsh, fish)
    "jekyll": "a Jekyll site: the post goes in _posts/",
    "hugo": "a Hugo site: the post goes in content/",
    "quartz": "a Quartz site: the post goes in content/",
    "obsidian": "an Obsidian vault",
}


def _engines() -> dict[str, str]:
    from sprintlog.services import publish as publishing

    return {engine: _ENGINE_HELP[engine] for engine in publishing.SITE_ENGINES}


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
            help="jekyll, hugo, quartz or obsidian (default: the site's, from its files).",
            autocompletion=common.choices(_engines),
        ),
    ] = None,
    images: Annotated[
        bool,
        typer.Option(
            "--images", help="Also draw the sprint's pictures where the site serves them."
        ),
    ] = False,
    no_images: Annotated[
        bool, typer.Option("--no-images", help="No pictures, whatever post_images says.")
    ] = False,
    running: Annotated[
        bool,
        typer.Option("--running", help="Publish the post of a sprint still running (dated today)."),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the post even if it was changed by hand.")
    ] = False,
) -> None:
    # Its help line is in COMMANDS (sprintlog/cli/__init__.py), as for every command.
    from sprintlog.errors import UsageError
    from sprintlog.services import publish as publishing

    if engine is not None and engine.lower() not in publishing.SITE_ENGINES:
        raise UsageError(f"--engine must be one of: {', '.join(publishing.SITE_ENGINES)}")
    target = publishing.open_site(site, given=engine and engine.lower())
    with common.reader(ctx) as reader:
        posts, url = _posts(
            reader, target, number, images=images, no_images=no_images, running=running
        )
    done = publishing.write(target, posts, force=force)
    for path in posts[0].pictures:
        message(f"Wrote {site.joinpath(*path.parts)}.")
    for post, written in zip(posts[1:], done[1:], strict=True):
        if not written.unchanged:
            message(f"Updated sprint {post.number}'s post: its Next link leads to this one.")
    if done[0].replaced is not None:
        message(f"Removed {done[0].replaced}, the post's earlier file.")
    message(f"{'Unchanged' if done[0].unchanged else 'Published'} sprint {posts[0].number}'s post:")
    out(str(done[0].path))
    if url:
        out(url)


def _posts(
    reader: "Reader",
    site: "Site",
    number: int | None,
    *,
    images: bool,
    no_images: bool,
    running: bool,
) -> tuple[list["PostFiles"], str | None]:
    """The post of sprint ``number`` (and the previous post, updated to link it when it is
    in the site as sprintlog wrote it), with the address the post is published at."""
    from dataclasses import replace

    from sprintlog.render.post import post_link
    from sprintlog.services import publish as publishing
    from sprintlog.services import settings, sprint_reads

    today = common.today()
    # The engine is the site's: the post is written for it, whatever front_matter says.
    config = replace(settings.read(reader), front_matter=site.engine)
    chosen = (
        sprint_reads.get(reader, number=number)
        if number
        else publishing.latest_ended(reader, today=today)
    )
    publishing.check_ended(chosen, today=today, running=running)
    folder = None if no_images else (config.post_images.strip() or ("images" if images else None))
    posts = [_post(reader, site, chosen, config, today, folder=folder)]
    before = sprint_reads.find(reader, number=chosen.number - 1)
    # Publishing post N for the first time gives post N-1 its Next link.
    first_time = not publishing.is_published(site, chosen.number)
    if before is not None and first_time and publishing.is_published(site, before.number):
        if publishing.untouched(site, before.number):
            had = publishing.had_pictures(site, before.number)
            again = _post(
                reader,
                site,
                before,
                config,
                today,
                folder=(folder or config.post_images.strip() or "images") if had else None,
                link_next=True,
            )
            posts.append(again)
        else:
            message(
                f"Sprint {before.number}'s post in {site.root} was changed by hand, so its Next "
                f"link is not added; `publish {before.number} --force` would replace it."
            )
    url = post_link(config, chosen.number)
    return posts, url


def _post(
    reader: "Reader",
    site: "Site",
    sprint: "Sprint",
    config: "Settings",
    today: "date",
    *,
    folder: str | None,
    link_next: bool | None = None,
) -> "PostFiles":
    """A sprint's post for ``site`` with its pictures (into ``folder``, None for none);
    "Next" links the next post when it is in the site (or ``link_next`` says it will be)."""
    from sprintlog.cli import pictures
    from sprintlog.render.post import own_url, post_title, render, user_template
    from sprintlog.rules.post_names import post_slug
    from sprintlog.services import publish as publishing
    from sprintlog.services import review

    number = sprint.number
    if link_next is None:
        link_next = publishing.is_published(site, number + 1)
    gathered = review.gather(
        reader, sprint=sprint, settings=config, today=today, link_next=link_next
    )
    title = post_title(config, number)
    url = own_url(config, number)
    day = gathered.dated or sprint.end_day
    path = publishing.post_path(site, number=number, title=title, day=day, url=url)
    template = user_template(None, config.template)
    if folder is None:
        return publishing.PostFiles(number, path, render(gathered, template=template))
    inside, address = publishing.picture_place(site, post=path, folder=folder)
    if config.post_image_url:
        address = config.post_image_url.rstrip("/") + "/"
    slug = post_slug(title=title, url=url, number=number)
    planned = pictures.for_site(gathered, folder=Path(inside), address=address, slug=slug)
    drawn = {
        PurePosixPath(picture.path.as_posix()): picture.svg.encode("utf-8")
        for picture in planned.pictures.values()
    }
    return publishing.PostFiles(
        number, path, render(gathered, template=template, images=planned.links), drawn
    )
