"""Properties of the review post: notes cannot change its outline, and nothing saved is lost."""

import itertools
import re
import tempfile
from pathlib import Path

import pytest
from helpers import Run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from sprintlog.render.markdown import block, closed, indented, inline

# One backend: Markdown properties of the post's blocks, without a journal
# (test_every_saved_text_is_in_the_post stores the texts: both)
one_backend = pytest.mark.one_backend

MARKDOWNISH = st.text(alphabet=st.sampled_from(list("#>-=*_`~<>|[]()!\\ \t\n1.)+ax")), max_size=120)
LINE_STARTS = st.sampled_from(
    ["", "# ", "## ", "###### ", "> ", "> # ", "- ", "  - # ", "1. ", "```\n", "~~~ "]
)


def notes() -> st.SearchStrategy[str]:
    """Text a learner might type, and text built to break the post."""
    lines = st.tuples(LINE_STARTS, MARKDOWNISH).map("".join)
    return st.one_of(MARKDOWNISH, st.lists(lines, max_size=8).map("\n".join))


# HTML a note keeps is the learner's; none of it may run or load anything.
RUNS = re.compile(r"<(?:script|style|iframe)|\son\w*\s*=|javascript:", re.IGNORECASE)


def outline(markdown: str) -> list[tuple[int, str]]:
    tokens = MarkdownIt("commonmark").parse(markdown)
    html = [t for t in tokens if t.type in ("html_block", "html_inline") and RUNS.search(t.content)]
    assert not html, markdown
    return [
        (int(token.tag[1]), tokens[index + 1].content)
        for index, token in enumerate(tokens)
        if token.type == "heading_open"
    ]


@one_backend
@given(note=notes(), level=st.sampled_from([2, 3, 4]))
@settings(max_examples=400, deadline=None)
def test_a_note_stays_inside_its_section(note: str, level: int) -> None:
    hashes = "#" * level
    post = f"{hashes} Section\n\n{block(note, level)}\n\n{hashes} Next\n\nThe end.\n"
    found = outline(post)
    assert found[0] == (level, "Section") and found[-1] == (level, "Next"), post
    assert all(depth > level for depth, _ in found[1:-1]), post
    assert MarkdownIt("commonmark").parse(post)[-2].content == "The end."


@one_backend
@given(description=notes())
@settings(max_examples=300, deadline=None)
def test_a_description_stays_inside_its_list_item(description: str) -> None:
    item = indented(block(description, 2), 4)
    post = f"## Goals\n\n- **SSJ--3**\n  - A task\n\n{closed(item)}\n- **SSJ--4**\n\n## Next\n"
    found = outline(post)
    assert found[0] == (2, "Goals") and found[-1] == (2, "Next"), post
    assert all(depth > 2 for depth, _ in found[1:-1]), post


@one_backend
@given(text=MARKDOWNISH)
@settings(max_examples=300, deadline=None)
def test_one_line_text_is_literal(text: str) -> None:
    tokens = MarkdownIt("commonmark").parse(f"- {inline(text)}\n")
    assert [t.type for t in tokens if t.type.endswith("_open")] == [
        "bullet_list_open",
        "list_item_open",
        "paragraph_open",
    ][: 3 if text.strip() else 2]
    if text.strip():
        shown = "".join(child.content for child in tokens[3].children)
        assert " ".join(shown.split()) == " ".join(text.split())


WORDS = st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta", "RL", "x2"]), min_size=1)
PREFIXES = st.sampled_from(["", "# ", "### ", "> ", "- ", "  - ", "1. "])
TEXT_LINES = st.lists(st.tuples(PREFIXES, WORDS.map(" ".join)), min_size=1, max_size=4)
GOAL = st.fixed_dictionaries(
    {
        "title": st.sampled_from(["", "Math", "Read"]),
        "description": st.none() | TEXT_LINES,
        "note": st.none() | TEXT_LINES,
        "tasks": st.lists(
            st.fixed_dictionaries(
                {"note": st.none() | TEXT_LINES, "description": st.none() | TEXT_LINES}
            ),
            max_size=2,
        ),
    }
)
_counter = itertools.count()


def _text(lines: list[tuple[str, str]]) -> str:
    return "\n".join(prefix + words for prefix, words in lines)


@pytest.mark.sqlite_only
@given(goals=st.lists(GOAL, min_size=1, max_size=3), intro=st.none() | TEXT_LINES)
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_every_saved_text_is_in_the_post(
    ok: Run, monkeypatch: pytest.MonkeyPatch, goals: list[dict], intro: list | None
) -> None:
    folder = Path(tempfile.mkdtemp())
    monkeypatch.setenv("SPRINTLOG_DB", str(folder / f"journal{next(_counter)}.db"))
    saved = _build(ok, goals, intro)
    post = ok("render", "review", "1").stdout
    for words in saved:
        assert words in post, (words, post)


def _build(ok: Run, goals: list[dict], intro: list | None) -> list[str]:
    """The journal of ``goals``; returns the words of every text saved in it."""
    ok("sprint", "start", "--start", "2025-03-03", "--length", "14")
    saved: list[list[tuple[str, str]]] = []
    for number, goal in enumerate(goals, start=1):
        args = ["goal", "add", str(number), goal["title"]]
        if goal["description"]:
            args += [f"--description={_text(goal['description'])}"]
            saved.append(goal["description"])
        if not goal["title"] and not goal["description"] and not goal["tasks"]:
            args[3] = "Untitled"
        ok(*args, *itertools.chain(*(("--task", f"Task {i}") for i in range(len(goal["tasks"])))))
        if goal["note"]:
            ok("note", str(number), "-", input=_text(goal["note"]))
            saved.append(goal["note"])
        for letter, task in zip("ab", goal["tasks"], strict=False):
            if task["description"]:
                about = _text(task["description"])
                ok("goal", "edit", f"{number}{letter}", f"--description={about}")
                saved.append(task["description"])
            if task["note"]:
                ok("note", f"{number}{letter}", "-", input=_text(task["note"]))
                saved.append(task["note"])
    ok("sprint", "start", "--start", "2025-03-17")
    if intro:
        ok("sprint", "note", "2", "-", input=_text(intro))
        saved.append(intro)
    return [words for lines in saved for _, words in lines]
