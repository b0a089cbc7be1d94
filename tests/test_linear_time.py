"""Every parser of user text takes time linear in it: no note can hang `render`.

A lazy, nested regular expression once took time exponential in a line's leading
spaces or ">"s, and others quadratic in runs of backticks, "(" or blanks. The bounds
here are generous (a second for a whole render; the code takes milliseconds), so a busy
machine does not fail them, while the old patterns took minutes.
"""

import re
import time
from collections.abc import Callable
from datetime import date

import pytest
from helpers import Run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sprintlog.render import code_spans, engines, markdown, prose
from sprintlog.rules import dates, refs, tags, text
from sprintlog.rules.setting_specs import FRONT_MATTER_STYLES
from sprintlog.services.exchange.formats import postescapes, postlines, postlog, postpage

# One backend: time bounds of the parsers and renderers of user text, not of storage
pytestmark = pytest.mark.one_backend

# Lines that made the old patterns backtrack, and mixes of them.
HOSTILE = {
    "spaces": " " * 1_000 + "x",
    "quotes": "> " * 1_000 + "x",
    "tight quotes": ">" * 1_000 + "x",
    "list markers": "- " * 1_000 + "x",
    "ordered markers": "1. " * 1_000 + "x",
    "hashes": "#" * 10_000,
    "backticks": "`" * 100_000,
    "backtick runs": " ".join("`" * n for n in range(1, 400)),
    "mixed": (" > - 1. \t" * 300) + "#" * 7 + "`" * 5_000 + "\n" + "  " * 500 + "~~~x\n" * 200,
    "unclosed fences": "```x\n" * 2_000 + "~~~y\n" * 2_000,
    "underlines": ">" * 2_000 + "=" * 2_000 + "x",
    "shortcodes": "`" + "{{<" * 20_000 + "`",
    "links": "](<" * 20_000 + "\n" + "](" * 20_000,
}
BOUND = 1.0  # seconds for one render or one call: generous on a 2-core machine


def timed(call: Callable[[], object]) -> float:
    """The processor time ``call`` took: what a busy machine's other work does not add to."""
    started = time.process_time()
    call()
    return time.process_time() - started


@pytest.fixture
def sprint_with_notes(ok: Run) -> Run:
    ok("sprint", "start", "--start", "-3d", "--length", "14")
    ok("goal", "add", "1", "Write", "--task", "Draft")
    ok("log", "Wrote the intro", "--goal", "1a")
    return ok


# Rendering reads the notes through the same queries on every backend, which the rest of
# the suite runs on each: what these time is the rendering itself, so they run once.
@pytest.mark.parametrize("engine", FRONT_MATTER_STYLES)
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_post_with_a_hostile_note_renders_within_a_second(
    sprint_with_notes: Run, name: str, engine: str
) -> None:
    ok = sprint_with_notes
    note = f"Before\n\n{HOSTILE[name]}\n\nAfter"
    ok("note", "1", note)
    ok("note", "1a", note)
    ok("goal", "edit", "1a", "--description", note)
    ok("sprint", "note", "1", note)
    ok("config", "set", "front_matter", engine)
    took = timed(lambda: ok("render", "review", "1"))
    assert took < BOUND, f"{name} ({engine}): {took:.2f} s"


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_an_imported_post_with_a_hostile_line_is_read_within_a_second(
    run: Run, tmp_path, name: str
) -> None:
    post = tmp_path / "review.md"
    post.write_text(
        "## Review of the 1st sprint (2025-03-03 – 2025-03-16)\n\n### So how did it go?\n\n"
        "#### SSJ--1 — Write · partial\n\n"
        f"{HOSTILE[name]}\n\n"
        f"**Acronyms**: {'(' * 5_000} Spaced Repetition {' ' * 5_000}(SRS)\n\n"
        f"#### SSJ--2 — Read{' ' * 5_000}· done\n",
        encoding="utf-8",
    )
    took = timed(lambda: run("import", str(post), "--format", "post", "--dry-run"))
    assert took < BOUND, f"{name}: {took:.2f} s"


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_post_s_page_text_with_a_hostile_line_is_read_within_a_second(
    run: Run, tmp_path, name: str
) -> None:
    # No heading marks: read as the text of a page (postpage.py), pasted twice over.
    line = HOSTILE[name].replace("#", "")
    page = (
        "Review of the 1st sprint (2025-03-03 – 2025-03-16)\n\nSo how did it go?\n\n"
        f"SSJ–1 — Write · partial\n\n{line}\n\n{line}\n\n"
        f"Acronyms: {'(' * 5_000} Spaced Repetition {' ' * 5_000}(SRS)\n\n"
        f"Updated reading list\n\nRL {' - [x] a' * 5_000}\n\n"
    )
    post = tmp_path / "review.txt"
    post.write_text(page * 2, encoding="utf-8")
    took = timed(lambda: run("import", str(post), "--format", "post", "--dry-run"))
    assert took < BOUND, f"{name}: {took:.2f} s"


# --- every function that parses user text, on arbitrary Markdown-ish text ------------

PIECES = st.sampled_from(
    [
        *" \t\n>#-+*=`~_[](){}<>%$\\!|:;,.·1a",
        *("```", "~~~", "](", "](<", "{{<", "{%", "1. ", "> ", "- ", "SSJ--1", "(SRS)"),
        *("sprint:", "Acronyms:", "(2025-03-04", " · done", "2025-03-04", "#tag", "--"),
    ]
)
# Up to 4 KiB of pieces of Markdown, some repeated many times over (what backtracks).
MARKDOWNISH = st.lists(
    st.one_of(PIECES, st.tuples(PIECES, st.integers(1, 2_000)).map(lambda pair: pair[0] * pair[1])),
    max_size=60,
).map(lambda parts: "".join(parts)[:4096])


def _lines(parse: Callable[[str], object]) -> Callable[[str], object]:
    return lambda value: [parse(line) for line in value.split("\n")]


PARSERS: dict[str, Callable[[str], object]] = {
    "prose.fitted": lambda value: prose.fitted(value, 3),
    "markdown.inline": markdown.inline,
    "markdown.cell": markdown.cell,
    "markdown.block": markdown.block,
    "markdown.url": markdown.url,
    **{
        f"engines.{engine}": lambda value, engine=engine: (
            engines.prose(value, engine),
            engines.text(value, engine),
            engines.cell(value, engine),
            engines.references(value, engine),
            engines.liquid(value),
        )
        for engine in FRONT_MATTER_STYLES
    },
    "code_spans": lambda value: (list(code_spans.code(value)), list(code_spans.protected(value))),
    "postlines.heading": _lines(postlines.heading),
    "postlines.reference": _lines(lambda line: postlines.reference(line, "SSJ")),
    "postlines.prefixes": _lines(postlines.prefixes),
    "postlines.dates": _lines(postlines.dates),
    "postlines.acronym_items": _lines(postlines.acronym_items),
    "postlines.acronyms": postlines.acronyms,
    "postlines.reading_item": _lines(postlines.reading_item),
    "postlines.category": _lines(postlines.category),
    "postlines.sprint_number": _lines(postlines.sprint_number),
    "postlines.sprint_title": _lines(postlines.sprint_title),
    "postlog.cells": _lines(postlog.cells),
    "postlog.statuses": _lines(lambda line: postlog.statuses(line, "SSJ")),
    "postlog.epistemic_status": _lines(postlog.epistemic_status),
    "postlog.cell_text": lambda value: [postlog.cell_text(value, e) for e in FRONT_MATTER_STYLES],
    "postescapes": lambda value: (
        [postescapes.prose(value, e) for e in FRONT_MATTER_STYLES],
        postescapes.liquid(value),
        postescapes.engine(value),
    ),
    "postpage": lambda value: postpage.once(
        postpage.as_markdown(list(enumerate(value.split("\n"))), "SSJ")
    ),
    "tags.of_entry": tags.of_entry,
    "text.for_terminal": text.for_terminal,
    "text.one_line": text.one_line,
    "refs.parse_ref": lambda value: _refused_or(
        lambda: refs.parse_ref(value, prefix="SSJ", max_goals=5)
    ),
    "dates.parse_day": lambda value: _refused_or(
        lambda: dates.parse_day(value, today=date(2026, 12, 7))
    ),
}


def _refused_or(parse: Callable[[], object]) -> object:
    try:
        return parse()
    except Exception as error:  # refusing is fine; hanging is not
        return error


@pytest.mark.parametrize("name", sorted(PARSERS))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=MARKDOWNISH)
def test_each_parser_of_user_text_returns_within_its_bound(name: str, value: str) -> None:
    took = timed(lambda: PARSERS[name](value))
    assert took < BOUND, f"{name}: {took:.2f} s on {value[:80]!r}…"


# --- the new scanners find what the old patterns found ----------------------------------

_OLD_CODE = re.compile(
    r"^ {0,3}(?P<fence>`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}(?P=fence)[ \t]*$|\Z)"
    r"|(?P<ticks>`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)(?P=ticks)(?!`)",
    re.MULTILINE | re.DOTALL,
)
_OLD_PROTECTED = re.compile(
    _OLD_CODE.pattern + r"|\]\((?:<[^>\n]*>|[^\s()<>]*)", re.MULTILINE | re.DOTALL
)
_OLD_ACRONYM = re.compile(r"([^,;()]+?)[ \t]*\(([^()]+)\)")
SHORT = st.lists(
    st.sampled_from([*"` ~\n\ta](<>,;()", "```", "~~~", "{{<", ">}}", "%}}"]), max_size=20
).map("".join)


@settings(max_examples=500, deadline=None)
@given(value=SHORT)
def test_code_spans_are_those_the_old_patterns_found(value: str) -> None:
    assert list(code_spans.code(value)) == [m.span() for m in _OLD_CODE.finditer(value)]
    assert list(code_spans.protected(value)) == [m.span() for m in _OLD_PROTECTED.finditer(value)]


@settings(max_examples=500, deadline=None)
@given(value=SHORT)
def test_acronym_parts_are_those_the_old_pattern_found(value: str) -> None:
    assert list(postlines._acronym_parts(value)) == _OLD_ACRONYM.findall(value)
