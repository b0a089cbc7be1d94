"""A review post (sprintlog's own, or a learner's in the common shape) read back as a sprint.

What is recognised, line by line (postlines.py says what one line is):

- goals and tasks: a line that starts (after list or heading marks and bold) with a
  reference ``SSJ--1`` / ``SSJ--3a`` and a separator (``:``, ``—``, ``--``, ``-``); the
  prefix is the ``prefix`` option ("SSJ"), or, when no line uses it, the one prefix the
  post's references use most;
- notes: the prose after a reference until the next reference or heading, within the
  "So how did it go?" section when the post has one (elsewhere when it has none); a
  goal's own description repeated at the top of its note is left out; headings deeper
  than the reference's heading stay in the note;
- the status a "So how did it go?" heading ends with (``· partial``);
- acronyms: an ``Acronyms:`` / ``List of acronyms`` line (or the line after such a
  heading) of ``Expansion (TERM)`` items;
- the reading list: the items under a heading containing "reading list", grouped by
  ``**Category**`` lines or sub-headings;
- the sprint: its dates (the first ``2025-03-17 - 2025-03-30``, any dash or "to"),
  number ("Review of the 2nd sprint") and title ("…sprint: Title (dates)"), and the
  prose under that heading before the goals (the sprint's notes).
  The ``start``/``end`` options override the dates.

Everything after a "Goals for the next/3rd sprint" heading is the next sprint's plan and
is not read as this sprint's goals. A post with no goals is a BadImport.
"""

import re
from collections import Counter
from datetime import date
from typing import Any

from sprintlog.errors import BadImport
from sprintlog.services.exchange.formats import postescapes, postpage
from sprintlog.services.exchange.formats import postlines as lines_
from sprintlog.services.exchange.formats.common import digest
from sprintlog.services.exchange.formats.parsed import (
    ImportedGoal,
    ImportedSprint,
    ImportedTask,
    Parsed,
    PostEntry,
)
from sprintlog.services.exchange.formats.postwalk import SECOND_PLACE, SO_HOW, Goal, Post, Walk

# A line starting with a reference, as written (SSJ--1), as an engine escaped it (SSJ-\-1,
# SSJ-<!---->-1) or as a page shows it (an en dash, the typographer's).
_LOOKS = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]+|[-*+•][ \t]+)?(?:\*\*)?[A-Za-z]{1,20}(?:--|-\\-|-<!---->-|\u2013)\d",
    re.M,
)


def looks_like(text: str) -> bool:
    """Not JSON, not a harsh log, and some line starts with a goal reference."""
    head = text.lstrip()[:1]
    if head in ("{", "["):
        return False
    return _LOOKS.search(text[:200_000]) is not None


def read(
    text: str,
    file: str,
    *,
    prefix: str = "SSJ",
    start: date | str | None = None,
    end: date | str | None = None,
    **options: Any,
) -> Parsed:
    if not text.strip():
        raise BadImport(file, None, "the file is empty")
    text = text.replace("\r\n", "\n")
    engine = postescapes.engine(text)
    if engine == "jekyll":
        text = postescapes.liquid(text)
    lines = _body(text.split("\n"))
    if postpage.is_page_text(text):
        lines = postpage.as_markdown(lines, _prefix(lines, prefix))
    lines = postpage.once(lines)
    so_how = any(SO_HOW.match(line) for _, line in lines)
    post = Post(prefix=_prefix(lines, prefix), has_so_how=so_how, engine=engine)
    Walk(post).run(lines)
    if not post.goals:
        shapes = f"'{post.prefix}--1: text' or '{post.prefix}--3a — text'"
        raise BadImport(file, None, f"no goals found (lines like {shapes})")
    first, last = _dates(post, file, start, end)
    parsed = Parsed(source="post")
    parsed.sprints.append(_sprint(post, first, last))
    return parsed


def _body(lines: list[str]) -> list[tuple[int, str]]:
    """The lines after any front matter (``---`` … ``---`` or ``+++`` … ``+++``), numbered."""
    numbered = list(enumerate(lines, start=1))
    if lines and lines[0].strip() in ("---", "+++"):
        for index in range(1, len(lines)):
            if lines[index].strip() == lines[0].strip():
                return numbered[index + 1 :]
    return numbered


def _prefix(lines: list[tuple[int, str]], wanted: str) -> str:
    """``wanted`` if some line uses it, else the prefix the post's references use most."""
    wanted = wanted.strip().upper() or "SSJ"
    found = Counter(p for _, line in lines if (p := lines_.prefixes(line)) is not None)
    if wanted in found or not found:
        return wanted
    return found.most_common(1)[0][0]


def _dates(
    post: Post, file: str, start: date | str | None, end: date | str | None
) -> tuple[date | None, date | None]:
    first = last = None
    if post.dates is not None:
        place = f"line {post.dates[2]}"
        first, last = (_date(value, file, place) for value in post.dates[:2])
    first = _date(start, file, "start") if start is not None else first
    last = _date(end, file, "end") if end is not None else last
    if first and last and last < first:
        raise BadImport(file, None, f"the sprint ends ({last}) before it starts ({first})")
    return first, last


def _date(value: date | str, file: str, place: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise BadImport(file, place, f"{value!r} is not a date like 2025-03-17") from None


def _sprint(post: Post, first: date | None, last: date | None) -> ImportedSprint:
    goals = tuple(_goal(post.goals[number], post.engine) for number in sorted(post.goals))
    if post.number is not None:
        source_id = f"sprint-{post.number}"
    elif first is not None:
        source_id = f"{first}..{last}"
    else:
        source_id = digest(*(f"{goal.number}:{goal.title}" for goal in goals))
    engine = post.engine
    return ImportedSprint(
        source_id=source_id,
        place="line 1",
        start=first,
        end=last,
        title=post.title,
        notes=_note(post.notes, None, engine),
        goals=goals,
        acronyms=tuple(dict.fromkeys(post.acronyms)),
        reading=tuple(dict.fromkeys(post.reading)),
        number=post.number,
        reading_goal=post.reading_goal,
        entries=tuple(
            dict.fromkeys(
                PostEntry(row.day, row.text, f"line {row.line}", row.refs, row.minutes, row.tags)
                for row in post.log
            )
        ),
        questions=tuple(dict.fromkeys(post.questions)),
        epistemic_status=post.epistemic_status,
        carried=tuple(post.carried),
    )


def _goal(goal: Goal, engine: str) -> ImportedGoal:
    tasks = tuple(
        ImportedTask(
            task.letter,
            task.text,
            _note(task.note, None, engine),
            task.status,
            _note(task.description, None, engine),
        )
        for _, task in sorted(goal.tasks.items())
    )
    description = goal.description
    more = _note(goal.description_lines, None, engine)
    if more is not None:
        description = f"{description}\n{more}" if description else more
    return ImportedGoal(
        number=goal.number,
        title=goal.title,
        note=_note(goal.note, description, engine),
        tasks=tasks,
        description=description,
        status=goal.status,
    )


def _note(lines: list[str], description: str | None, engine: str) -> str | None:
    """The note's text: blank lines around it dropped, a repeated description too, the
    engine's escapes undone, and a passage that a second place repeats kept once."""
    text = postescapes.prose(_once("\n".join(lines).strip("\n")), engine)
    if description is not None:
        if text == description or text.startswith(description + "\n\n"):
            text = text[len(description) :]
        else:
            first, _, rest = text.partition("\n\n")
            if " ".join(lines_.unescape(first).split()) == " ".join(description.split()):
                text = rest.strip("\n")
    kept = text.split("\n")
    while kept and not kept[0].strip():
        kept.pop(0)
    while kept and not kept[-1].strip():
        kept.pop()
    return "\n".join(kept) or None


def _once(text: str) -> str:
    """A note read in two places (a heading pasted twice): each part kept once."""
    parts = text.split(SECOND_PLACE)
    return "\n".join(dict.fromkeys(part.strip("\n") for part in parts))
