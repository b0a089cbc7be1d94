"""Rendering a sprint's review post (or its plan) from a gathered Review.

Templates, the built-in ones too, run in Jinja2's sandbox, and journal text reaches them
only as variables: nothing a learner typed is ever read as a template. A user's own
template runs in a child process with bounded memory and time (bounded.py); the
built-in ones, sprintlog's own, run in the process itself.
"""

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sprintlog.render import bounded, engines, limits, markdown
from sprintlog.render.bounded import TemplateError
from sprintlog.rules.dates import day_label
from sprintlog.rules.post_names import obsidian_name, post_slug
from sprintlog.rules.refs import label, link_labels
from sprintlog.rules.tags import found_in
from sprintlog.rules.text import acronyms_used, duration, plural
from sprintlog.shown.review_post import Review
from sprintlog.shown.sprint_plan import PlanGoal, PlanItem

if TYPE_CHECKING:
    from pathlib import Path

    from jinja2 import Template
    from jinja2.sandbox import SandboxedEnvironment

    from sprintlog.render.limits import UserTemplate

STATUS_WORDS = {
    "open": "not started",
    "partial": "partial",
    "done": "done",
    "dropped": "dropped",
    "deferred": "not this time",
}
TAGS = ("self-study", "sprint-review")
# The order of the "So how did it go?" lines of items without a note.
STATUS_ORDER = ("done", "partial", "open", "deferred", "dropped")
TASK_LETTERS = "abcdefghijklmnopqrstuvwxyz"  # as `sprint start` gives carried tasks theirs
_PLAIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.-]*")


def environment(engine: str = "none") -> "SandboxedEnvironment":
    from jinja2 import PackageLoader, StrictUndefined

    env = limits.LimitedSandbox(
        loader=PackageLoader("sprintlog.render", "templates"),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        inline=markdown.inline,
        cell=markdown.cell,
        block=markdown.block,
        indented=markdown.indented,
        ordinal=markdown.ordinal,
        hanging=markdown.hanging,
        closed=markdown.closed,
        duration=duration,
        status=lambda value: STATUS_WORDS.get(value, value),
        day=day_label,
        plural=plural,
        url=markdown.url,
        wiki_text=lambda value: " ".join(re.sub(r"[\[\]|]", " ", value or "").split()),
    )
    env.filters["loose"] = markdown.loose
    engines.install(env, engine)  # user text made literal for the engine publishing it
    return env


def render(
    review: "Review",
    *,
    template: "UserTemplate | None" = None,
    name: str = "review.md.j2",
    images: dict[str, Any] | None = None,
) -> str:
    """The post as Markdown; acronyms listed are those its own text uses.

    ``images``: the pictures to embed ({"days"/"goals": {"src", "alt"} or None}), or None.
    A user's ``template`` runs in a bounded child process; TemplateError when it fails.
    """
    if template is None:
        return _post(review, None, name, images)
    return bounded.run(lambda: _post(review, template, name, images), template.name)


def _post(
    review: "Review", template: "UserTemplate | None", name: str, images: dict[str, Any] | None
) -> str:
    env = environment(review.settings.front_matter)
    compiled = _load(env, template, name)
    context = {**post_context(review, inline=env.filters["inline"]), "images": images}
    first = _render(compiled, {**context, "acronyms": []}, template)
    # Acronyms are looked up in the post about this sprint, not in the next sprint's goals,
    # so that a post reads the same whatever is planned after it.
    about_this_sprint = first.split(f"## Goals for the {context['next_ordinal']} sprint")[0]
    used = acronyms_used(about_this_sprint, review.acronyms)
    post = _render(compiled, {**context, "acronyms": used}, template) if used else first
    return engines.references(post.rstrip() + "\n", review.settings.front_matter)


def user_template(path: "Path | None", stored: str) -> "UserTemplate | None":
    """The user's template: the file named on the command line, else the journal's own.

    Only a path the user typed is ever opened: the journal holds a template's text.
    """
    try:
        return limits.from_file(path) if path is not None else limits.from_setting(stored)
    except OSError as error:
        raise TemplateError(f"cannot read the template {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise TemplateError(f"the template {path} is not UTF-8 text") from None
    except limits.TemplateLimit as error:
        raise TemplateError(str(error)) from None


def _load(env: "SandboxedEnvironment", template: "UserTemplate | None", name: str) -> "Template":
    from jinja2 import TemplateError as JinjaError

    try:
        if template is None:
            return env.get_template(name)
        return env.from_string(template.text)
    except JinjaError as error:
        raise TemplateError(_describe(error, template)) from None


def _render(compiled: "Template", context: dict[str, Any], template: "UserTemplate | None") -> str:
    from jinja2 import TemplateError as JinjaError

    try:
        if template is None:
            return compiled.render(context)
        return limits.render(compiled, context)  # a user's template: within limits
    except (JinjaError, limits.TemplateLimit) as error:
        raise TemplateError(_describe(error, template)) from None
    except Exception as error:
        if template is None:
            raise  # the built-in template failing is sprintlog's own bug: let it show
        # A user's template can fail as any Python expression does ({{ 1/0 }}): theirs
        # to fix, so said in one line with the line of the template, never a traceback.
        raise TemplateError(_describe(error, template)) from None


def _describe(error: Exception, template: "UserTemplate | None") -> str:
    from jinja2 import TemplateError as JinjaError
    from jinja2 import TemplateNotFound

    where = f"the template {template.name}" if template else "the built-in template"
    known = isinstance(error, JinjaError | limits.TemplateLimit)
    limit = isinstance(error, limits.TemplateLimit)  # the whole template's: no one line
    line = getattr(error, "lineno", None) or (None if limit else _template_line(error))
    at = f", line {line}" if line else ""
    if isinstance(error, TemplateNotFound):
        message = f"there is no template {error.name!r} to include, import or extend"
    else:
        message = str(getattr(error, "message", None) or error).splitlines()[0]
    if not known:
        message = f"{message} ({type(error).__name__})" if message else type(error).__name__
    return f"{where}{at}: {message}"


def _template_line(error: BaseException) -> int | None:
    """The line of the template where ``error`` was raised (Jinja2 maps its frames)."""
    import traceback

    lines = [
        frame.lineno
        for frame in traceback.extract_tb(error.__traceback__)
        if frame.filename == limits.TEMPLATE_FILENAME
    ]
    return lines[-1] if lines else None


def post_context(
    review: "Review", *, inline: Callable[[str | None], str] = markdown.inline
) -> dict[str, Any]:
    """The variables a template sees (documented in docs/posts.md).

    ``inline`` escapes a one-line text; the environment's own (literal for the publishing
    engine too) is passed by ``render``.
    """
    settings = review.settings
    sprint = review.sprint
    number = sprint.number
    title = post_title(settings, number)
    day = review.dated or sprint.end_day
    entries = [_entry(entry, settings.prefix, review.tags) for entry in review.entries]
    return {
        "title": title,
        "date": day,
        "author": settings.author,
        "front_matter": front_matter(
            settings.front_matter,
            title,
            day,
            settings.author,
            url=own_url(settings, number),
            tags=_listed(settings.post_tags),
            layout=settings.post_layout.strip(),
            categories=_listed(settings.post_categories),
            aliases=_aliases(settings, number),
        ),
        "epistemic_status": settings.epistemic_status,
        "previous": _previous(review),
        # A post not written yet has no page: "Next" only once the next post is published
        # where this one goes (review.gather's link_next).
        "next": _neighbour(review, number + 1) if review.has_next else None,
        "prefix": settings.prefix,
        "sprint": sprint,
        "ordinal": markdown.ordinal(number),
        "next_ordinal": markdown.ordinal(number + 1),
        "goals": sprint.goals,
        "entries": entries,
        "tagged": any(entry["tags"] for entry in entries),
        "timed": any(entry["minutes"] for entry in entries),
        "minutes": sum(entry["minutes"] or 0 for entry in entries),
        "goal_minutes": [
            (label(settings.prefix, goal.number), review.goal_minutes[goal.id])
            for goal in sprint.goals
            if review.goal_minutes.get(goal.id)
        ],
        "unnoted": _unnoted(review),
        "target": settings.days_per_week,
        "adherence": review.adherence,
        "streak_weeks": review.streak_weeks,
        "reading": _reading_groups(review),
        "reading_goal": _reading_goal(review),
        "questions": review.questions,
        "next_goals": review.next_goals,
        "carried": {f"{kind}:{key}": value.source for (kind, key), value in review.carried.items()},
        "plan": [_plan_goal(goal, settings.prefix) for goal in review.plan],
        "bullets": bullets,
        "label": lambda goal, letter=None: label(settings.prefix, goal, letter),
        "goal_name": lambda goal: goal_name(settings.prefix, goal.number, goal.title, inline),
        "status_of": lambda goal: review.statuses.get(goal.id, goal.status),
        "next_sprint": review.next_sprint,
    }


def goal_name(
    prefix: str,
    number: int,
    title: str | None,
    inline: Callable[[str | None], str] = markdown.inline,
) -> str:
    """``SSJ--3 — Math`` for a heading or list, escaped; an untitled goal is ``SSJ--3``."""
    shown = label(prefix, number)
    return f"{shown} — {inline(title)}" if title and title.strip() else shown


def _entry(entry: Any, prefix: str, tags: dict[int, list[str]]) -> dict[str, Any]:
    refs = link_labels(entry.links, prefix)
    written = set(found_in(entry.text))  # a #tag in the text says itself
    return {
        "day": entry.day,
        "refs": refs,
        "text": entry.text,
        "minutes": entry.minutes,
        "tags": [tag for tag in tags.get(entry.id, []) if tag.lower() not in written],
    }


def _unnoted(review: "Review") -> list[tuple[str, list[str]]]:
    """Tasks, and goals without tasks, that have no note: their references by status."""
    prefix = review.settings.prefix
    found: dict[str, list[str]] = {}
    for goal in review.sprint.goals:
        if not goal.tasks and not goal.outcome:
            found.setdefault(goal.status, []).append(label(prefix, goal.number))
        for task in goal.tasks:
            if not task.outcome:
                found.setdefault(task.status, []).append(label(prefix, goal.number, task.letter))
    order = [status for status in STATUS_ORDER if status in found]
    order += sorted(set(found) - set(order))
    return [(status, found[status]) for status in order]


def bullets(loose: list[Any]) -> list[str]:
    """List markers for items, one of which is loose (holds blank-line separated blocks)
    where ``loose`` is true: such an item gets a list of its own (the marker changes
    before and after it), so its paragraphs do not make its neighbours loose too."""
    marks: list[str] = []
    for index, needs in enumerate(loose):
        if index and (needs or loose[index - 1]):
            marks.append("*" if marks[-1] == "-" else "-")
        else:
            marks.append(marks[-1] if marks else "-")
    return marks


def _plan_goal(goal: PlanGoal, prefix: str) -> PlanGoal:
    """The plan as the post says it: "carried from" only where the reference changes (a
    task carried gets the next free letter); a goal without tasks carries its description,
    which is Markdown, where a task's text is one line of text."""
    items = []
    for index, item in enumerate(goal.items):
        task = item.carried_from != label(prefix, goal.number)
        letter = TASK_LETTERS[index] if task and index < len(TASK_LETTERS) else None
        same = item.carried_from == label(prefix, goal.number, letter)
        carried_from = None if same else item.carried_from
        items.append(PlanItem(item.text, carried_from, item.description, markdown=not task))
    return PlanGoal(goal.number, goal.title, items)


def _neighbour(review: "Review", number: int) -> dict[str, str | None]:
    """A neighbouring post: its title, its URL, and in a vault its note's file name."""
    settings = review.settings
    url = post_link(settings, number)
    title = post_title(settings, number)
    note = obsidian_name(title, number) if settings.front_matter == "obsidian" else None
    return {"title": title, "url": url, "note": note}


def _aliases(settings: Any, number: int) -> tuple[str, ...]:
    """Obsidian's other names for the note: its title as written, its URL's slug."""
    if settings.front_matter != "obsidian":
        return ()
    title = post_title(settings, number)
    url = own_url(settings, number)
    names = [title, *([post_slug(title=title, url=url, number=number)] if url else [])]
    name = obsidian_name(title, number)
    return tuple(dict.fromkeys(alias for alias in names if alias != name))


def _previous(review: "Review") -> dict[str, str | None] | None:
    """The post before: sprint N-1's, or for sprint 1 the ``previous_post_url`` setting's."""
    settings = review.settings
    if review.has_previous:
        return _neighbour(review, review.sprint.number - 1)
    if review.sprint.number != 1 or not settings.previous_post_url:
        return None
    before = settings.first_post_number - 1
    title = settings.post_title.format(n=before) if before >= 1 else "the previous post"
    return {"title": title, "url": settings.previous_post_url, "note": None}


def post_number(settings: Any, sprint_number: int) -> int:
    """The post's number in the learner's series: sprint 1's is ``first_post_number``."""
    return sprint_number + int(settings.first_post_number) - 1


def post_title(settings: Any, sprint_number: int) -> str:
    """Sprint ``sprint_number``'s post title (``post_title`` with ``{n}`` its post number)."""
    return str(settings.post_title.format(n=post_number(settings, sprint_number)))


def post_link(settings: Any, sprint_number: int) -> str | None:
    """The address of sprint ``sprint_number``'s post from ``post_url`` (none when unset)."""
    if not settings.post_url:
        return None
    return str(settings.post_url.format(n=post_number(settings, sprint_number)))


def _reading_groups(review: "Review") -> list[tuple[str, list]]:
    groups: dict[str, list] = {}
    for item in review.reading:
        groups.setdefault(item.category or "Other", []).append(item)
    return list(groups.items())


def _reading_goal(review: "Review") -> str | None:
    numbers = {item.goal_number for item in review.reading}
    number = numbers.pop() if len(numbers) == 1 else None
    return label(review.settings.prefix, number) if number is not None else None


def own_url(settings: Any, number: int) -> str | None:
    """The path the post is published at, from ``post_url`` (none when unset)."""
    link = post_link(settings, number)
    if link is None:
        return None
    from urllib.parse import urlsplit

    path = urlsplit(link).path.strip()
    return "/" + path.lstrip("/") if path.strip("/") else None


def _listed(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _yaml_list(items: tuple[str, ...]) -> str:
    # Plain words as they are ([self-study, sprint-review]); anything else JSON-quoted,
    # which YAML reads as the same string.
    shown = (i if _PLAIN_WORD.fullmatch(i) else json.dumps(i, ensure_ascii=False) for i in items)
    return f"[{', '.join(shown)}]"


def front_matter(
    style: str,
    title: str,
    day: Any,
    author: str,
    *,
    url: str | None = None,
    tags: tuple[str, ...] = TAGS,
    layout: str = "",
    categories: tuple[str, ...] = (),
    aliases: tuple[str, ...] = (),
) -> str:
    """The post's front matter, as each publishing tool expects it ("" for none).

    ``url`` is the post's own path, so that the engine builds the page where the other
    posts' previous/next links point: Hugo's ``url``, Jekyll's ``permalink``, and the
    ``permalink`` (a slug, no leading slash) of Quartz and Obsidian Publish.
    """
    quoted = json.dumps(title, ensure_ascii=False)  # a valid YAML and TOML string
    who = json.dumps(author, ensure_ascii=False)
    if style == "none":
        return ""
    if style == "hugo":
        lines = ["+++", f"title = {quoted}", f"date = {day.isoformat()}"]
        lines += [f"author = {who}"] if author else []
        lines += [f"url = {json.dumps(url)}"] if url else []
        lines += [f"tags = {json.dumps(list(tags), ensure_ascii=False)}"] if tags else []
        return "\n".join([*lines, "+++"]) + "\n"
    date_key = "created" if style == "obsidian" else "date"
    lines = ["---", f"title: {quoted}", f"{date_key}: {day.isoformat()}"]
    lines += [f"author: {who}"] if author else []
    if url:
        slug = url if style == "jekyll" else url.strip("/")
        lines += [f"permalink: {json.dumps(slug)}"]
    lines += [f"tags: {_yaml_list(tags)}"] if tags else []
    lines += [f"aliases: {_yaml_list(aliases)}"] if aliases and style == "obsidian" else []
    if style == "jekyll":  # layout and categories are Jekyll's own keys
        lines += [f"layout: {json.dumps(layout, ensure_ascii=False)}"] if layout else []
        lines += [f"categories: {_yaml_list(categories)}"] if categories else []
    return "\n".join([*lines, "---"]) + "\n"
