"""The review post: golden files, valid CommonMark, hostile text, templates, the sandbox.

Regenerate the golden files after an intended change with SPRINTLOG_UPDATE_GOLDEN=1.
"""

import os
import stat
from pathlib import Path

import pytest
import review_journal
from helpers import Run
from markdown_it import MarkdownIt

from sprintlog.render.markdown import ordinal
from sprintlog.rules.setting_specs import FRONT_MATTER_STYLES

# One backend: the post's Markdown made from what was read (the reads run on both elsewhere)
pytestmark = pytest.mark.one_backend

GOLDEN = Path(__file__).parent / "golden"
EXPECTED_HEADINGS = [
    (2, "Review of the 2nd sprint (2025-03-17 – 2025-03-30)"),
    (3, "So how did it go?"),
    (4, "SSJ--1 — Write · partial"),
    (4, "SSJ--2 — Read · done"),
    (4, "SSJ--3a — Ask two instructors whether they would host a RG. · not started"),
    (4, "SSJ--3b — Work through chapter 2 of the LA textbook. · partial"),
    (4, "SSJ--4 — Code · done"),
    (3, "Daily log"),
    (3, "Updated reading list (SSJ--2)"),
    (3, "Open questions"),
    (2, "Goals for the 3rd sprint"),
]


def parse(markdown: str) -> list:
    return MarkdownIt("commonmark").enable("table").parse(markdown)


def text_of(inline) -> str:
    """What a reader sees of an inline token: escapes undone, markup gone."""
    return "".join(child.content for child in inline.children or [] if child.content)


def headings(tokens: list) -> list[tuple[int, str]]:
    return [
        (int(token.tag[1]), text_of(tokens[index + 1]))
        for index, token in enumerate(tokens)
        if token.type == "heading_open"
    ]


def table_rows(tokens: list) -> list[list[str]]:
    rows, row, inside = [], [], False
    for index, token in enumerate(tokens):
        if token.type == "tr_open":
            row, inside = [], True
        elif token.type in ("td_open", "th_open") and inside:
            row.append(text_of(tokens[index + 1]))
        elif token.type == "tr_close":
            rows.append(row)
            inside = False
    return rows


def without_front_matter(post: str) -> str:
    for fence in ("---\n", "+++\n"):
        if post.startswith(fence):
            return post.split(fence, 2)[2]
    return post


@pytest.fixture
def example(ok: Run, journal, review_template: Path | None) -> None:
    review_journal.made(ok, journal, review_template)


@pytest.mark.parametrize("style", FRONT_MATTER_STYLES)
def test_golden_post_for_each_front_matter_style(ok: Run, example: None, style: str) -> None:
    ok("config", "set", "front_matter", style)
    post = ok("render", "review", "2", "--link-next").stdout
    golden = GOLDEN / f"review-{style}.md"
    if os.environ.get("SPRINTLOG_UPDATE_GOLDEN"):
        golden.write_text(post, encoding="utf-8")
    assert post == golden.read_text(encoding="utf-8")
    assert ok("render", "review", "2", "--link-next").stdout == post  # nothing of "now" in it


def test_the_post_is_commonmark_with_the_example_structure(ok: Run, example: None) -> None:
    post = ok("render", "review", "2").stdout
    tokens = parse(without_front_matter(post))
    assert headings(tokens) == EXPECTED_HEADINGS
    rows = table_rows(tokens)
    assert rows[0] == ["Day", "Goals", "What I focused on"]
    assert len(rows) == 1 + len(review_journal.ENTRIES)
    assert all(len(row) == 3 for row in rows)
    assert rows[1] == ["Mon 2025-03-17", "SSJ--3b", "Exercises 2.1–2.5"]
    assert not [t for t in tokens if t.type in ("html_block", "html_inline")]


def test_front_matter_styles(ok: Run, example: None) -> None:
    ok("config", "set", "author", 'Ada "A." L')
    ok("config", "set", "front_matter", "hugo")
    assert ok("render", "review", "2").stdout.startswith(
        '+++\ntitle = "Self Study Journal #2"\ndate = 2025-03-30\nauthor = "Ada \\"A.\\" L"\n'
    )
    ok("config", "set", "front_matter", "obsidian")
    assert "\ncreated: 2025-03-30\n" in ok("render", "review", "2").stdout
    ok("config", "set", "front_matter", "none")
    assert ok("render", "review", "2").stdout.startswith("# Self Study Journal #2\n")


HOSTILE = "pipe | star * hash # <script>alert(1)</script> `tick`"


def test_hostile_text_cannot_break_the_structure(ok: Run, example: None) -> None:
    ok("log", f"{HOSTILE}\n> quoted\n# heading", "--date", "2025-03-28", "--goal", "1")
    ok("goal", "edit", "3a", f"# {HOSTILE}", "--sprint", "2")
    ok(
        "note",
        "2",
        "# a heading of the note\n> a quote\n<script>x</script>\nText\n---\n```\nnever closed",
        "--sprint",
        "2",
    )
    ok("sprint", "note", "2", "Intro with *emphasis* and a [link](https://example.org).")
    ok("question", "add", "| is this a table? |")
    post = ok("render", "review", "2").stdout
    tokens = parse(without_front_matter(post))
    structure = headings(tokens)
    # The note's heading is kept, one level below the note's own heading.
    expected = [*EXPECTED_HEADINGS[:4], (5, "a heading of the note"), *EXPECTED_HEADINGS[4:]]
    assert [level for level, _ in structure] == [level for level, _ in expected]
    assert structure[5][1].startswith(f"SSJ--3a — # {HOSTILE}")  # the text, literally
    rows = table_rows(tokens)
    assert all(len(row) == 3 for row in rows)
    hostile_row = next(row for row in rows if "pipe" in row[2])
    # The entry is the learner's Markdown (`tick` is code); its <script> shows as text.
    assert hostile_row[2].startswith(HOSTILE.replace("`", ""))
    assert not [t for t in tokens if t.type in ("html_block", "html_inline", "fence")]
    assert [t.type for t in tokens].count("blockquote_open") == 1  # the note's own quote
    assert "<script>" not in post
    assert "*emphasis*" in post  # the learner's own Markdown in notes is kept


def test_acronyms_are_those_used_whole_word_and_case_sensitive(ok: Run, example: None) -> None:
    ok("acronym", "add", "AI", "Artificial Intelligence")  # used in the open question
    ok("acronym", "add", "Q", "Quality")  # only inside "Q-learning"? a whole word there
    ok("acronym", "add", "RLHF", "RL from Human Feedback")  # not in the text
    ok("acronym", "add", "la", "lowercase")  # "LA" is in the text, "la" is not
    line = next(
        line
        for line in ok("render", "review", "2").stdout.splitlines()
        if line.startswith("**Acronyms:**")
    )
    assert line == (
        "**Acronyms:** Artificial Intelligence (AI), Linear Algebra (LA), Quality (Q), "
        "Reading Group (RG), Reinforcement Learning (RL)"
    )


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (101, "101st"),
        (111, "111th"),
        (112, "112th"),
    ],
)
def test_ordinals(number: int, expected: str) -> None:
    assert ordinal(number) == expected


def test_plan_and_the_post_without_a_next_sprint(ok: Run, journal) -> None:
    review_journal.build(ok, journal.url, with_next_sprint=False)
    ok("config", "set", "front_matter", "none")  # plain CommonMark: see test_engines.py
    plan = ok("render", "plan").stdout
    assert plan == (
        "## Goals for the 3rd sprint\n\n"
        "- **SSJ--1 — Write**\n"
        "  - Finish the first draft of my essay on reward design in RL.\n"
        "- **SSJ--3 — Math**\n"
        # Carried under the same references: nothing to say where they came from.
        "  - Ask two instructors whether they would host a RG.\n"
        "  - Work through chapter 2 of the LA textbook.\n"
    )
    post = ok("render", "review").stdout
    assert post.endswith(plan.split("\n", 2)[2])
    assert "Goals for the 3rd sprint" in post


def test_output_file_is_private_and_not_overwritten(
    ok: Run, run: Run, example: None, tmp_path: Path
) -> None:
    target = tmp_path / "post.md"
    ok("render", "review", "2", "-o", str(target))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    first = target.read_text(encoding="utf-8")
    refused = run("render", "review", "1", "-o", str(target))
    assert (refused.exit_code, refused.stderr) == (
        1,
        f"Error: {target} exists already; use --force to overwrite it\n",
    )
    assert target.read_text(encoding="utf-8") == first
    ok("render", "review", "1", "-o", str(target), "--force")
    assert "Review of the 1st sprint" in target.read_text(encoding="utf-8")


def test_user_template(ok: Run, run: Run, example: None, tmp_path: Path) -> None:
    ok("config", "set", "front_matter", "none")  # plain CommonMark: see test_engines.py
    template = tmp_path / "mine.md.j2"
    template.write_text(
        "{{ title }} / {{ ordinal }} / {{ entries | length }} entries\n"
        "{% for goal in goals %}{{ label(goal.number) }}={{ goal.title | inline }};{% endfor %}\n"
        "{% for entry in entries[:1] %}{{ entry.text | cell }}{% endfor %}\n",
        encoding="utf-8",
    )
    result = ok("render", "review", "2", "--template", str(template))
    assert result.stdout == (
        "Self Study Journal #2 / 2nd / 9 entries\n"
        "SSJ--1=Write;SSJ--2=Read;SSJ--3=Math;SSJ--4=Code;Exercises 2.1–2.5\n"
    )
    ok("config", "set", "template", str(template))
    assert ok("render", "review", "2").stdout == result.stdout


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{ ''.__class__.__mro__ }}", "__class__"),
        ("{{ sprint.__init__.__globals__ }}", "unsafe"),
        ("{% for x in %}", "line 1"),
        ("{{ no_such_variable }}", "no_such_variable"),
    ],
    ids=["mro", "globals", "syntax", "undefined"],
)
def test_template_errors_are_clear(
    run: Run, example: None, tmp_path: Path, source: str, message: str
) -> None:
    template = tmp_path / "bad.md.j2"
    template.write_text(source, encoding="utf-8")
    result = run("render", "review", "2", "--template", str(template))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: the template {template}")
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_entry_text_is_never_a_template(ok: Run, example: None) -> None:
    ok("config", "set", "front_matter", "none")  # plain CommonMark: see test_engines.py
    ok("log", "{{ 7 * 7 }} {% if true %}x{% endif %}", "--date", "2025-03-28")
    post = ok("render", "review", "2").stdout
    assert "{{ 7 * 7 }} {% if true %}x{% endif %}" in post  # the learner's Markdown, as typed
    assert "49" not in post


def test_missing_template_and_no_sprint(run: Run, ok: Run, tmp_path: Path) -> None:
    assert "there is no sprint yet" in run("render", "review").stderr
    ok("sprint", "start")
    result = run("render", "review", "--template", str(tmp_path / "missing.j2"))
    assert result.exit_code == 1 and "cannot read the template" in result.stderr


def test_a_bare_goal_is_carried_on_its_own_line(ok: Run, sprint: None) -> None:
    ok("config", "set", "front_matter", "none")  # plain CommonMark: see test_engines.py
    ok("goal", "add", "2", "Read")
    ok("goal", "done", "3")
    assert ok("render", "plan").stdout == (
        "## Goals for the 2nd sprint\n\n"
        "- **SSJ--1 — Write**\n"
        "  - Finish the essay draft\n"
        "- **SSJ--2 — Read**\n"
    )
    ok("sprint", "close")
    ok("sprint", "start")
    post = ok("render", "review", "1").stdout
    assert post.endswith("- **SSJ--1 — Write**\n  - Finish the essay draft\n- **SSJ--2 — Read**\n")
    assert "carried from" not in post  # the same references: nothing changed


def test_plain_render_is_of_the_latest_sprint_that_has_ended(ok: Run) -> None:
    ok("sprint", "start", "--start", "-20d", "--length", "14")
    ok("goal", "add", "1", "Write", "-t", "Draft")
    ok("sprint", "start")  # sprint 2 runs from today
    assert "Review of the 1st sprint" in ok("render", "review").stdout
    assert ok("render", "plan").stdout.startswith("## Goals for the 2nd sprint")
    ok("sprint", "close", "2")
    assert "Review of the 2nd sprint" in ok("render", "review").stdout


def test_the_plan_shows_the_next_sprint_once_it_exists(ok: Run, example: None) -> None:
    ok("config", "set", "front_matter", "none")  # plain CommonMark: see test_engines.py
    ok("goal", "task", "3", "A new task", "--sprint", "3")
    plan = ok("render", "plan", "2").stdout
    post = ok("render", "review", "2").stdout
    assert post.endswith(plan.split("\n", 1)[1])
    assert "  - A new task\n" in plan  # new in sprint 3: not "carried"
    assert "- **SSJ--5 — Review**" in plan


def test_an_untitled_goal_shows_its_reference_alone(ok: Run, sprint: None) -> None:
    ok("config", "set", "front_matter", "none")  # plain CommonMark: see test_engines.py
    ok("goal", "add", "2", "--task", "Read the survey")
    ok("note", "2", "Read half of it.")
    post = ok("render", "review").stdout
    assert "- **SSJ--2**\n  - **SSJ--2a:** Read the survey\n" in post
    assert "#### SSJ--2 · not started\nRead half of it.\n" in post
    assert "SSJ--2 —" not in post and "SSJ--2** —" not in post
    plan = ok("render", "plan").stdout
    assert "- **SSJ--2**\n  - Read the survey\n" in plan


def test_deferred_work_is_not_this_time_and_not_planned(ok: Run, sprint: None) -> None:
    ok("config", "set", "front_matter", "none")  # plain CommonMark: see test_engines.py
    ok("goal", "defer", "3a")
    post = ok("render", "review").stdout
    assert "\nNot this time: SSJ--3a.\n" in post  # no note: no heading of its own
    assert "#### SSJ--3a" not in post
    assert "Email two professors" not in post.split("## Goals for the 2nd sprint")[1]
    assert "  - Topoi ch.1 *(carried from SSJ--3b)*\n" in post  # it is SSJ--3a next time


def test_the_next_link_when_asked_once_the_next_sprint_exists(ok: Run) -> None:
    ok("config", "set", "post_url", "/ssj-{n}")
    ok("sprint", "start", "--start", "2025-03-03", "--length", "14")
    # No post 2 to link to yet, asked or not.
    assert "Next entry" not in ok("render", "review", "1", "--link-next").stdout
    ok("sprint", "start", "--start", "2025-03-17", "--length", "14")
    # Sprint 2 exists, but its post may not be published yet: no link unless asked.
    assert "Next entry" not in ok("render", "review", "1").stdout
    linked = ok("render", "review", "1", "--link-next").stdout
    assert "Next entry: [Self Study Journal #2](/ssj-2)\n" in linked
    ok("config", "set", "post_url", "https://example.org/a post (n={n})")
    linked = ok("render", "review", "1", "--link-next").stdout
    assert "(<https://example.org/a post (n=2)>)" in linked


def test_front_matter_tags_layout_and_categories_are_settings(ok: Run, example: None) -> None:
    ok("config", "set", "post_tags", "self-study, AI: alignment")
    ok("config", "set", "post_layout", "post")
    ok("config", "set", "post_categories", "journal")
    assert ok("render", "review", "2").stdout.startswith(
        '---\ntitle: "Self Study Journal #2"\ndate: 2025-03-30\npermalink: "/ssj-2"\n'
        'tags: [self-study, "AI: alignment"]\nlayout: "post"\ncategories: [journal]\n---\n'
    )
    ok("config", "set", "front_matter", "hugo")
    assert 'tags = ["self-study", "AI: alignment"]\n+++\n' in ok("render", "review", "2").stdout
    ok("config", "set", "post_tags", "")
    assert "tags" not in ok("render", "review", "2").stdout.split("+++")[1]


def test_the_next_sprints_goal_with_tasks_keeps_its_description(ok: Run, sprint: None) -> None:
    ok("config", "set", "front_matter", "none")  # plain CommonMark: see test_engines.py
    ok("sprint", "start", "--next")
    ok("goal", "add", "4", "Code", "-d", "Build the *agent*", "-t", "Grid world", "--sprint", "2")
    post = ok("render", "review", "1").stdout
    assert "- **SSJ--4 — Code:** Build the *agent*\n  - Grid world\n" in post  # Markdown


def test_an_empty_next_sprint_leaves_the_plan_in_the_post(ok: Run, sprint: None) -> None:
    ok("config", "set", "front_matter", "none")  # plain CommonMark: see test_engines.py
    ok("sprint", "start", "--no-carry", "--next")
    post = ok("render", "review", "1").stdout
    # What is left of sprint 1, never said to be carried into a sprint that did not get it.
    assert post.endswith(
        "## Goals for the 2nd sprint\n\n- **SSJ--1 — Write**\n"
        "  - Finish the essay draft\n"
        "- **SSJ--3 — Math**\n"
        "  - Email two professors\n"
        "  - Topoi ch.1\n"
    )


def test_the_sprints_title_is_in_the_posts_heading(ok: Run) -> None:
    ok("config", "set", "front_matter", "none")  # plain CommonMark: see test_engines.py
    ok("sprint", "start", "--start", "2025-03-03", "--length", "14", "--title", "Café ☕ # 1 | <b>")
    post = ok("render", "review", "1").stdout
    headings = [line for line in post.splitlines() if line.startswith("#")]
    assert headings[1] == (
        "## Review of the 1st sprint: Café ☕ # 1 \\| \\<b\\> (2025-03-03 – 2025-03-16)"
    )
    ok("sprint", "edit", "1", "--title", "")
    assert "## Review of the 1st sprint (2025-03-03 – 2025-03-16)" in ok("render", "review").stdout


def test_the_series_starts_at_the_learners_number(ok: Run) -> None:
    ok("config", "set", "front_matter", "none")  # plain CommonMark: see test_engines.py
    ok("config", "set", "post_url", "/ssj-{n}")
    ok("config", "set", "first_post_number", "2")  # post 1 was a planning post
    ok("sprint", "start", "--start", "2025-03-03", "--length", "14")
    first = ok("render", "review", "1").stdout
    assert first.startswith("# Self Study Journal #2\n")
    assert "Previous entry" not in first  # no link back until one is set
    ok("config", "set", "previous_post_url", "/planning")
    first = ok("render", "review", "1").stdout
    assert "\nPrevious entry: [Self Study Journal #1](/planning)\n" in first
    ok("sprint", "start", "--start", "2025-03-17", "--length", "14")
    second = ok("render", "review", "2").stdout
    assert second.startswith("# Self Study Journal #3\n")
    assert "\nPrevious entry: [Self Study Journal #2](/ssj-2)\n" in second
    assert (
        "Next entry: [Self Study Journal #3](/ssj-3)"
        in ok("render", "review", "1", "--link-next").stdout
    )
    ok("config", "set", "first_post_number", "1")
    assert "Previous entry: [the previous post](/planning)" in ok("render", "review", "1").stdout
