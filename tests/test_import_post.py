"""A review post read back as a sprint: our own rendered posts (a round trip), the example
post a learner wrote, and the shapes learners write by hand."""

from datetime import date
from pathlib import Path

import pytest
import review_journal
from helpers import Run

from sprintlog.errors import BadImport
from sprintlog.rules.setting_specs import FRONT_MATTER_STYLES
from sprintlog.services.exchange.formats import post
from sprintlog.services.exchange.formats.parsed import ImportedReading

FIXTURES = Path(__file__).parent / "fixtures"

# What review_journal.build put into sprint 2.
GOALS = {
    1: ("Write", "Finish the first draft of my essay on reward design in RL.", "partial"),
    2: ("Read", "Read two survey papers on exploration and summarise each in a paragraph.", "done"),
    3: ("Math", None, None),
    4: ("Code", "Re-implement a tabular Q-learning agent from scratch.", "done"),
}
NOTES = {
    1: review_journal.NOTE_1.strip(),
    2: "Both read; the summaries are in the reading list below.",
    4: "The agent solves the small grid world; I wrote down three bugs I made on the way.",
}
TASKS = [
    (
        "a",
        "Ask two instructors whether they would host a RG.",
        "I didn't get around to this, but it still seems like a good idea.",
        "open",
    ),
    (
        "b",
        "Work through chapter 2 of the LA textbook.",
        "Exercises 2.1–2.14 done. Eigenvalues are slower going than I expected.",
        "partial",
    ),
]
READING = {
    ImportedReading("A survey of exploration methods", None, "RL", "read", "summary written"),
    ImportedReading("Reward is enough?", "https://example.org/reward", "RL", "reading"),
    ImportedReading("LA textbook, chapter 3", None, "Math", "to read"),
}


def read_post(text: str, **options) -> post.ImportedSprint:
    [sprint] = post.read(text, "post.md", **options).sprints
    return sprint


def check_sprint_2(sprint, *, task_dot: str = ".") -> None:
    assert (sprint.start, sprint.end, sprint.number) == (date(2025, 3, 17), date(2025, 3, 30), 2)
    assert [goal.number for goal in sprint.goals] == [1, 2, 3, 4]
    for goal in sprint.goals:
        title, description, status = GOALS[goal.number]
        assert (goal.title, goal.description, goal.status) == (title, description, status)
        assert goal.note == NOTES.get(goal.number)
    tasks = sprint.goals[2].tasks
    assert [(t.letter, t.text, t.note, t.status) for t in tasks] == TASKS
    assert set(sprint.reading) == READING


@pytest.fixture
def example(ok: Run, journal, review_template: Path | None) -> None:
    review_journal.made(ok, journal, review_template)


@pytest.mark.parametrize("style", FRONT_MATTER_STYLES)
def test_our_rendered_post_reads_back_as_what_made_it(ok: Run, example: None, style: str) -> None:
    ok("config", "set", "front_matter", style)
    sprint = read_post(ok("render", "review", "2").stdout)
    check_sprint_2(sprint)
    # Only the acronyms the post uses are in it (SR is not).
    assert sorted(sprint.acronyms) == [
        ("LA", "Linear Algebra"),
        ("RG", "Reading Group"),
        ("RL", "Reinforcement Learning"),
    ]
    assert sprint.notes is None
    assert sprint.source_id == "sprint-2"


HOSTILE_TITLE = "C++ & *stars* [x] _under_ `code` <b> a|b ~x~ \\ $5 {{ x }} -- SSJ--2"
HOSTILE_NOTE = "First *paragraph*, with Markdown.\n\nSecond one;\nit has two lines.\n\n- a list"


@pytest.mark.parametrize("style", ["none", "jekyll", "quartz"])
def test_hostile_text_reads_back_literally(ok: Run, example: None, style: str) -> None:
    ok("config", "set", "front_matter", style)
    ok("goal", "edit", "4", HOSTILE_TITLE, "--sprint", "2")
    ok("goal", "edit", "3a", f"# {HOSTILE_TITLE}", "--sprint", "2")
    ok("note", "3b", HOSTILE_NOTE, "--sprint", "2")
    ok("sprint", "note", "2", "Intro with *emphasis*.\n\nTwo paragraphs.")
    ok("acronym", "add", "I/O", "Input & Output")
    ok("log", "I/O day", "--date", "2025-03-28", "--goal", "1")
    sprint = read_post(ok("render", "review", "2").stdout)
    goals = {goal.number: goal for goal in sprint.goals}
    assert goals[4].title == HOSTILE_TITLE
    assert goals[3].tasks[0].text == f"# {HOSTILE_TITLE}"
    if style in ("none", "obsidian", "quartz"):  # no engine escapes inside notes
        assert goals[3].tasks[1].note == HOSTILE_NOTE
        assert sprint.notes == "Intro with *emphasis*.\n\nTwo paragraphs."
    assert ("I/O", "Input & Output") in sprint.acronyms


def test_the_example_post_a_learner_wrote() -> None:
    text = (FIXTURES / "posts/review-sprint-2.md").read_text(encoding="utf-8")
    sprint = read_post(text)
    assert (sprint.start, sprint.end, sprint.number) == (date(2025, 3, 17), date(2025, 3, 30), 2)
    assert [(g.number, g.title, g.status) for g in sprint.goals] == [
        (1, "Write", "partial"),
        (2, "Read", "done"),
        (3, "Math", None),
        (4, "Code", "done"),
    ]
    assert [(t.letter, t.text, t.status) for t in sprint.goals[2].tasks] == [
        (letter, text, status) for letter, text, _, status in TASKS
    ]
    assert sprint.goals[0].note == NOTES[1]  # the description above it left out
    assert sprint.goals[3].note == NOTES[4]
    assert sprint.acronyms == (
        ("LA", "Linear Algebra"),
        ("RL", "Reinforcement Learning"),
        ("SR", "Spaced Repetition"),
        ("RG", "Reading Group"),
    )
    assert set(sprint.reading) == READING
    # "Goals for the 3rd sprint" is the next sprint's plan: SSJ--5 is not this sprint's.
    assert 5 not in [goal.number for goal in sprint.goals]


HANDWRITTEN = """\
# Self Study Journal, sprint 4

Dates: 2024-01-01 to 2024-01-14

SSJ--1: Write a blog post a week
Went well. Two posts.

SSJ--2 -- Read
SSJ--2a — SICP chapter 1
Slow going.

More next time.
SSJ--3:
SSJ--3a—Linear algebra, chapter 2
SSJ--3b -- chapter 3
SSJ--3c: chapter 4
SSJ--2 was the hardest; this line names it in prose.

## Reading list
- [SICP](https://example.org/sicp)
- [x] Axler

List of acronyms: Structure and Interpretation of Computer Programs (SICP), Linear Algebra (LA)
"""


def test_a_handwritten_post_in_the_common_shape() -> None:
    sprint = read_post(HANDWRITTEN)
    assert (sprint.start, sprint.end) == (date(2024, 1, 1), date(2024, 1, 14))
    assert [(g.number, g.title, g.note) for g in sprint.goals] == [
        (1, "Write a blog post a week", "Went well. Two posts."),
        (2, "Read", None),
        (3, "", None),
    ]
    assert [(t.letter, t.text, t.note) for t in sprint.goals[1].tasks] == [
        ("a", "SICP chapter 1", "Slow going.\n\nMore next time."),
    ]
    assert [(t.letter, t.text) for t in sprint.goals[2].tasks] == [
        ("a", "Linear algebra, chapter 2"),
        ("b", "chapter 3"),
        ("c", "chapter 4"),
    ]
    assert sprint.goals[2].tasks[2].note == "SSJ--2 was the hardest; this line names it in prose."
    assert sprint.acronyms == (
        ("SICP", "Structure and Interpretation of Computer Programs"),
        ("LA", "Linear Algebra"),
    )
    assert sprint.reading == (
        ImportedReading("SICP", "https://example.org/sicp", None, "to read"),
        ImportedReading("Axler", None, None, "read"),
    )


def test_another_prefix_is_recognised_and_the_option_wins() -> None:
    other = HANDWRITTEN.replace("SSJ--", "LRN--")
    assert [g.title for g in read_post(other).goals][:2] == ["Write a blog post a week", "Read"]
    both = "SSJ--9: a goal of the other prefix\n\n" + other
    assert [g.number for g in read_post(both).goals] == [9]
    assert [g.number for g in read_post(both, prefix="lrn").goals] == [1, 2, 3]


def test_start_and_end_options_give_or_override_the_dates() -> None:
    undated = HANDWRITTEN.replace("Dates: 2024-01-01 to 2024-01-14", "")
    sprint = read_post(undated)
    assert (sprint.start, sprint.end) == (None, None)
    sprint = read_post(undated, start="2024-02-01", end=date(2024, 2, 14))
    assert (sprint.start, sprint.end) == (date(2024, 2, 1), date(2024, 2, 14))
    assert read_post(HANDWRITTEN, end="2024-01-21").end == date(2024, 1, 21)
    with pytest.raises(BadImport, match="ends"):
        read_post(HANDWRITTEN, end="2023-12-31")
    with pytest.raises(BadImport, match=r"post\.md, start: 'soon' is not a date"):
        read_post(HANDWRITTEN, start="soon")


@pytest.mark.parametrize(
    "text",
    ["# A post\n\nNo goals here, only prose about SSJ--2 in passing.\n", "   \n", "SSJ--0: zero\n"],
)
def test_a_post_with_no_goals_is_refused(text: str) -> None:
    with pytest.raises(BadImport) as error:
        post.read(text, "notes.md")
    assert error.value.message.startswith("notes.md: ")


def test_an_impossible_date_in_the_post_names_its_line() -> None:
    with pytest.raises(BadImport, match=r"post.md, line 3: '2024-02-30' is not a date"):
        read_post("SSJ--1: x\n\nFrom 2024-02-30 to 2024-03-10\n")


SO_HOW_INLINE = """\
My goals were:

- **SSJ--1**: Write a blog post a week
- SSJ--2 -- Read
  - SSJ--2a: SICP chapter 1

**So how did it go?**

SSJ--1: Went well, two posts.
SSJ--2a: Slow going.
More next time.
SSJ--2 -- Read
"""


def test_notes_on_the_reference_lines_under_so_how_did_it_go() -> None:
    sprint = read_post(SO_HOW_INLINE)
    assert [(g.title, g.note) for g in sprint.goals] == [
        ("Write a blog post a week", "Went well, two posts."),
        ("Read", None),
    ]
    assert sprint.goals[1].tasks[0].note == "Slow going.\nMore next time."


def test_acronyms_under_a_heading_and_windows_line_ends() -> None:
    text = "SSJ--1: Read LA\r\n\r\n## List of acronyms\r\n\r\nLinear Algebra (LA), Q & A (QA)\r\n"
    sprint = read_post(text)
    assert sprint.acronyms == (("LA", "Linear Algebra"), ("QA", "Q & A"))
    assert sprint.goals[0].title == "Read LA"
