"""Rendering a sprint's review post (or its plan) from a gathered Review.

Templates, the built-in ones too, run in Jinja2's sandbox, and journal text reaches them
only as variables: nothing a learner typed is ever read as a template.
"""

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sprintlog.dates import day_label
from sprintlog.errors import SprintlogError
from sprintlog.refs import label, link_labels
from sprintlog.render import markdown
from sprintlog.services.glossary import used_in
from sprintlog.text import plural

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

    from sprintlog.services.review import Review

STATUS_WORDS = {"open": "not started", "partial": "partial", "done": "done", "dropped": "dropped"}
TAGS = ("self-study", "sprint-review")


class TemplateError(SprintlogError):
    """A template that cannot be read or rendered; the message says where and why."""


def environment() -> "SandboxedEnvironment":
    from jinja2 import PackageLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(
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
        ordinal=markdown.ordinal,
        status=lambda value: STATUS_WORDS.get(value, value),
        day=day_label,
        plural=plural,
        url=markdown.url,
    )
    return env


def render(
    review: "Review",
    *,
    template: Path | None = None,
    name: str = "review.md.j2",
    images: dict[str, Any] | None = None,
) -> str:
    """The post as Markdown; acronyms listed are those its own text uses.

    ``images``: the pictures to embed ({"days"/"goals": {"src", "alt"} or None}), or None.
    """
    env = environment()
    compiled = _load(env, template, name)
    context = {**post_context(review), "images": images}
    first = _render(compiled, {**context, "acronyms": []}, template)
    used = used_in(first, review.acronyms)
    post = _render(compiled, {**context, "acronyms": used}, template) if used else first
    return post.rstrip() + "\n"


def _load(env: "SandboxedEnvironment", template: Path | None, name: str) -> Any:
    from jinja2 import TemplateError as JinjaError

    try:
        if template is None:
            return env.get_template(name)
        return env.from_string(template.read_text(encoding="utf-8"))
    except OSError as error:
        raise TemplateError(f"cannot read the template {template}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise TemplateError(f"the template {template} is not UTF-8 text") from None
    except JinjaError as error:
        raise TemplateError(_describe(error, template)) from None


def _render(compiled: Any, context: dict[str, Any], template: Path | None) -> str:
    from jinja2 import TemplateError as JinjaError

    try:
        return compiled.render(context)
    except JinjaError as error:
        raise TemplateError(_describe(error, template)) from None


def _describe(error: Exception, template: Path | None) -> str:
    where = f"the template {template}" if template else "the built-in template"
    line = getattr(error, "lineno", None)
    at = f", line {line}" if line else ""
    message = str(getattr(error, "message", None) or error).splitlines()[0]
    return f"{where}{at}: {message}"


def post_context(review: "Review") -> dict[str, Any]:
    """The variables a template sees (documented in the README)."""
    settings = review.settings
    sprint = review.sprint
    number = sprint.number
    title = settings.post_title.format(n=number)
    return {
        "title": title,
        "date": sprint.end_day,
        "author": settings.author,
        "front_matter": front_matter(settings.front_matter, title, sprint.end_day, settings.author),
        "epistemic_status": settings.epistemic_status,
        "previous": _neighbour(review, number - 1) if review.has_previous else None,
        "next": _neighbour(review, number + 1),
        "prefix": settings.prefix,
        "sprint": sprint,
        "ordinal": markdown.ordinal(number),
        "next_ordinal": markdown.ordinal(number + 1),
        "goals": sprint.goals,
        "entries": [_entry(entry, settings.prefix) for entry in review.entries],
        "target": settings.days_per_week,
        "adherence": review.adherence,
        "streak_weeks": review.streak_weeks,
        "reading": _reading_groups(review),
        "reading_goal": _reading_goal(review),
        "questions": review.questions,
        "next_goals": review.next_goals,
        "carried": {f"{kind}:{key}": value.source for (kind, key), value in review.carried.items()},
        "plan": review.plan,
        "label": lambda goal, letter=None: label(settings.prefix, goal, letter),
    }


def _entry(entry: Any, prefix: str) -> dict[str, Any]:
    refs = link_labels(entry.links, prefix)
    return {"day": entry.day, "refs": refs, "text": entry.text, "minutes": entry.minutes}


def _neighbour(review: "Review", number: int) -> dict[str, str | None]:
    settings = review.settings
    url = settings.post_url.format(n=number) if settings.post_url else None
    return {"title": settings.post_title.format(n=number), "url": url}


def _reading_groups(review: "Review") -> list[tuple[str, list]]:
    groups: dict[str, list] = {}
    for item in review.reading:
        groups.setdefault(item.category or "Other", []).append(item)
    return list(groups.items())


def _reading_goal(review: "Review") -> str | None:
    numbers = {item.goal_number for item in review.reading}
    if len(numbers) == 1 and None not in numbers:
        return label(review.settings.prefix, numbers.pop())
    return None


def front_matter(style: str, title: str, day: Any, author: str) -> str:
    """The post's front matter, as each publishing tool expects it ("" for none)."""
    quoted = json.dumps(title, ensure_ascii=False)  # a valid YAML and TOML string
    who = json.dumps(author, ensure_ascii=False)
    if style == "none":
        return ""
    if style == "hugo":
        lines = ["+++", f"title = {quoted}", f"date = {day.isoformat()}"]
        lines += [f"author = {who}"] if author else []
        lines += [f"tags = {json.dumps(list(TAGS))}", "+++"]
        return "\n".join(lines) + "\n"
    date_key = "created" if style == "obsidian" else "date"
    lines = ["---", f"title: {quoted}", f"{date_key}: {day.isoformat()}"]
    lines += [f"author: {who}"] if author else []
    lines += [f"tags: [{', '.join(TAGS)}]", "---"]
    return "\n".join(lines) + "\n"
