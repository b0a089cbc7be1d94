"""sprintlog export / import: the journal out to a file, and files of any kind into it."""

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sprintlog.cli import common
from sprintlog.cli.common import JsonOption
from sprintlog.cli.display.terminal import message, out, print_json

if TYPE_CHECKING:
    from datetime import date

    from sprintlog.services.exchange.formats.parsed import Parsed
    from sprintlog.services.exchange.import_report import ImportReport

EXPORT_FORMATS = ("json", "csv", "jrnl", "posts")
# The formats whose rows can be changed on both sides: --prefer, --mine and --theirs.
PEERS = ("sprintlog", "jrnl", "watson", "harsh", "timew")
_EXPORT_HELP = {  # what TAB shows beside each format (zsh, fish)
    "json": "the whole journal, for import elsewhere (the default)",
    "csv": "the entries, for a spreadsheet",
    "jrnl": "the entries as a jrnl journal (jrnl --import)",
    "posts": "every sprint's review post, into a folder (-o DIR)",
}
_IMPORT_HELP = {
    "sprintlog": "another sprintlog journal's export (JSON)",
    "jrnl": "jrnl's export (jrnl --format json)",
    "watson": "Watson's frames file",
    "harsh": "harsh's habits and log folder",
    "timew": "Timewarrior's export (timew export)",
    "post": "a review post in Markdown",
}


def _import_formats() -> dict[str, str]:
    from sprintlog.services.exchange.formats import detect

    return {name: _IMPORT_HELP[name] for name in detect.FORMATS}


# Past this many rows, a terminal shows a progress bar (never a pipe or a file).
PROGRESS_FROM_ROWS = 2000


def export(
    ctx: typer.Context,
    format_name: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="json, csv, jrnl or posts.",
            autocompletion=common.choices(lambda: {f: _EXPORT_HELP[f] for f in EXPORT_FORMATS}),
        ),
    ] = "json",
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE|DIR|-",
            help="Write to FILE (posts: into DIR); - or nothing means standard output.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace files that exist.")] = False,
) -> None:
    # Its help line is in COMMANDS (sprintlog/cli/__init__.py), as for every command.
    from sprintlog.errors import UsageError
    from sprintlog.services.exchange import exporting
    from sprintlog.storage import files

    chosen = format_name.strip().lower()
    if chosen not in EXPORT_FORMATS:
        raise UsageError(f"--format must be one of: {', '.join(EXPORT_FORMATS)}")
    if chosen == "posts":
        if output is None or output == "-":
            raise UsageError("--format posts writes one file per sprint: give -o DIR")
        _export_posts(ctx, Path(output), force=force)
        return
    with common.journal(ctx) as opened, exporting.text(opened, chosen) as text:
        if output is None or output == "-":
            sys.stdout.writelines(text)
            sys.stdout.flush()
            return
        files.write_named(Path(output), text, force=force)
    message(f"Wrote {output}.")


def _export_posts(ctx: typer.Context, directory: Path, *, force: bool) -> None:
    from sprintlog.render.post import own_url, render, user_template
    from sprintlog.services.exchange import export_posts

    with common.session(ctx, write=False) as session:
        gathered = export_posts.reviews(session, today=common.today())
    posts: list[tuple[str, str]] = []
    taken: set[str] = set()
    for one in gathered:
        name = export_posts.post_name(
            one.sprint.number, own_url(one.settings, one.sprint.number), taken
        )
        taken.add(name)
        posts.append((name, render(one, template=user_template(None, one.settings.template))))
    for path in export_posts.write_posts(directory, posts, force=force):
        message(f"Wrote {path}.")
    if not posts:
        message("No sprints yet: no posts were written.")


def import_file(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The file to import.")],
    format_name: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="sprintlog, jrnl, watson, harsh, timew or post (default: found from the file).",
            autocompletion=common.choices(_import_formats),
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Show what would be done; write nothing.")
    ] = False,
    prefer: Annotated[
        str | None,
        typer.Option(
            "--prefer",
            metavar="mine|theirs",
            help="Which side wins where a row was changed on both sides since (every format"
            " but post).",
            autocompletion=common.choices(
                lambda: {"mine": "keep this journal's rows", "theirs": "take the file's rows"}
            ),
        ),
    ] = None,
    mine: Annotated[
        list[str] | None,
        typer.Option(
            "--mine",
            metavar="ID",
            help="Settle one conflict keeping yours: a uuid (or its first 8), a term, a setting.",
        ),
    ] = None,
    theirs: Annotated[
        list[str] | None,
        typer.Option(
            "--theirs",
            metavar="ID",
            help="Settle one conflict taking theirs: a uuid (or its first 8), a term, a setting.",
        ),
    ] = None,
    with_template: Annotated[
        bool,
        typer.Option(
            "--with-template",
            help="Take the file's post template too (sprintlog format; left out otherwise).",
        ),
    ] = False,
    habit: Annotated[
        str | None,
        typer.Option("--habit", metavar="NAME", help="harsh: the habit that means studying."),
    ] = None,
    amount: Annotated[
        str | None,
        typer.Option(
            "--amount",
            metavar="minutes|hours",
            help="harsh: what its amounts count (left out when not given).",
            autocompletion=common.choices(
                lambda: {"minutes": "its amounts are minutes", "hours": "its amounts are hours"}
            ),
        ),
    ] = None,
    start: Annotated[
        str | None, typer.Option("--start", metavar="WHEN", help="post: the sprint's first day.")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--end", metavar="WHEN", help="post: the sprint's last day.")
    ] = None,
    json: JsonOption = False,
) -> None:
    # Its help line is in COMMANDS (sprintlog/cli/__init__.py), as for every command.
    from sprintlog.errors import Conflict, UsageError
    from sprintlog.rules.dates import parse_day
    from sprintlog.rules.text import plural
    from sprintlog.services.exchange.formats import detect
    from sprintlog.storage import import_file as files_in

    prefer = prefer.strip().lower() if prefer is not None else None
    if prefer not in (None, "mine", "theirs"):
        raise UsageError("--prefer must be mine or theirs")
    chosen = _format(format_name)
    today = common.today()
    first = parse_day(start, today=today).day if start is not None else None
    last = parse_day(end, today=today).day if end is not None else None
    shown = str(file)
    text = files_in.read_text(file)
    chosen = chosen or detect.detect(text, shown)
    choices = _choices(mine or [], theirs or [])
    _check_options(
        chosen,
        habit=habit,
        amount=amount,
        start=start,
        end=end,
        prefer=prefer,
        mine=" ".join(mine) if mine else None,
        theirs=" ".join(theirs) if theirs else None,
        with_template="yes" if with_template else None,
    )
    if chosen == detect.NATIVE:
        report = _merge(
            ctx,
            text,
            shown,
            prefer=prefer,
            choices=choices,
            dry_run=dry_run,
            take_template=with_template,
        )
    else:
        given = {"habit": habit, "amount": amount}
        options = {name: value for name, value in given.items() if value is not None}
        module = detect.reader(chosen)
        assert module is not None  # _format and detect name only readers that are there
        parsed = module.read(text, shown, **options)
        del text  # what was read from it is in parsed: a big file's text goes before the import
        report = _apply(
            ctx,
            parsed,
            shown,
            dry_run=dry_run,
            start=first,
            end=last,
            prefer=prefer,
            choices=choices,
        )
    if json:
        print_json(_report_dict(report, dry_run=dry_run))
    else:
        _show(report, dry_run=dry_run)
    if report.conflicts and not report.written and not dry_run:
        raise Conflict(
            f"{plural(report.unsettled, 'conflict')} unsettled (listed above); nothing was "
            "imported. Run again with --mine ID or --theirs ID for each, or --prefer mine|theirs"
        )


def _choices(mine: list[str], theirs: list[str]) -> dict[str, str]:
    """``--mine ID`` and ``--theirs ID`` as one table; an ID named for both is an error."""
    from sprintlog.errors import UsageError

    chosen = {key.strip().lower(): "mine" for key in mine}
    for key in theirs:
        if chosen.get(key.strip().lower()) == "mine":
            raise UsageError(f"{key.strip()} is named with both --mine and --theirs")
        chosen[key.strip().lower()] = "theirs"
    if "" in chosen:
        raise UsageError("--mine and --theirs need the id of a row (its uuid or first 8)")
    return chosen


def _format(given: str | None) -> str | None:
    from sprintlog.errors import UsageError
    from sprintlog.services.exchange.formats import detect

    if given is None:
        return None
    chosen = given.strip().lower()
    if chosen not in detect.FORMATS:
        raise UsageError(f"--format must be one of: {', '.join(detect.FORMATS)}")
    if detect.reader(chosen) is None:
        raise UsageError(f"this sprintlog cannot read {chosen} files yet")
    return chosen


def _check_options(chosen: str, **given: str | None) -> None:
    from sprintlog.errors import UsageError

    belongs = {
        "habit": ("harsh",),
        "amount": ("harsh",),
        "start": ("post",),
        "end": ("post",),
        "prefer": PEERS,
        "mine": PEERS,
        "theirs": PEERS,
        "with_template": ("sprintlog",),
    }
    for option, value in given.items():
        if value is not None and chosen not in belongs[option]:
            formats = ", ".join(belongs[option])
            name = option.replace("_", "-")
            raise UsageError(f"--{name} is for {formats} files, not {chosen}")


def _merge(
    ctx: typer.Context,
    text: str,
    shown: str,
    *,
    prefer: str | None,
    choices: dict[str, str],
    dry_run: bool,
    take_template: bool,
) -> "ImportReport":
    from sprintlog.services.exchange import merging
    from sprintlog.services.exchange.formats import native

    document = native.read(text, shown)
    rows = len(document["entries"]) + sum(len(s["goals"]) for s in document["sprints"])
    opened = common.looking(ctx) if dry_run else common.session(ctx, write=True)
    with opened as session, _progress(rows) as tick:
        return merging.merge(
            session,
            document=document,
            file=shown,
            prefer=prefer,
            choices=choices,
            dry_run=dry_run,
            take_template=take_template,
            progress=tick,
        )


def _apply(
    ctx: typer.Context,
    parsed: "Parsed",
    shown: str,
    *,
    dry_run: bool,
    start: "date | None",
    end: "date | None",
    prefer: str | None,
    choices: dict[str, str],
) -> "ImportReport":
    from sprintlog.services.exchange import importing

    rows = len(parsed.entries) + len(parsed.breaks)
    opened = common.looking(ctx) if dry_run else common.session(ctx, write=True)
    with opened as session, _progress(rows) as tick:
        return importing.apply(
            session,
            parsed=parsed,
            file=shown,
            dry_run=dry_run,
            start=start,
            end=end,
            progress=tick,
            prefer=prefer,
            choices=choices,
        )


@contextmanager
def _progress(rows: int) -> Iterator[Callable[[int], None] | None]:
    """A Rich progress bar on stderr for a big import on a terminal; nothing otherwise."""
    if rows < PROGRESS_FROM_ROWS or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("Importing", total=rows)
        yield lambda done: bar.advance(task, done)


def _report_dict(report: "ImportReport", *, dry_run: bool) -> dict[str, object]:
    """``import --json`` (its schema: sprintlog/cli/schemas/import.json)."""

    def rows(counted: dict[str, int]) -> dict[str, int]:
        return {table: count for table, count in sorted(counted.items()) if count}

    return {
        "file": report.file,
        "format": report.source,
        "dry_run": dry_run,
        "written": report.written,
        "added": rows(report.added),
        "skipped": rows(report.skipped),
        "updated": rows(report.updated),
        "removed": rows(report.removed),
        "replaced": rows(report.replaced),
        "settings": list(report.settings),
        "conflicts": list(report.conflicts),
        "notes": list(report.notes),
    }


def _show(report: "ImportReport", *, dry_run: bool) -> None:
    """The report, on standard output: it is what the command was asked for."""
    from sprintlog.storage.copy import counted

    def words(rows: dict[str, int]) -> str:
        return counted({table: count for table, count in rows.items() if count})

    verb = "Would add" if dry_run else ("Added" if report.written else "Would have added")
    out(f"{report.file} ({report.source}):")
    out(f"  {verb}: {words(report.added) or 'nothing'}")
    counted_lines = (
        ("Already in the journal (skipped)", report.skipped),
        ("Updated (changed on their side only)", report.updated),
        ("Removed (removed on their side)", report.removed),
        ("Replaced by theirs", report.replaced),
    )
    for label, rows in counted_lines:
        if any(rows.values()):
            out(f"  {label}: {words(rows)}")
    if report.settings:
        would = "would change" if dry_run else "would have changed"
        out(f"  Settings it {'changed' if report.written else would}:")
        for line in report.settings:
            out(f"    {line}")
    if report.conflicts:
        out(f"  Conflicts ({len(report.conflicts)}):")
        for line in report.conflicts:
            out(f"    {line}")
    for line in report.notes:
        out(f"  {line}")
