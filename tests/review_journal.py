"""A journal modelled on shared/examples/review-sprint-2.md, for the post's tests."""

from datetime import date
from pathlib import Path

from helpers import JournalUnderTest, Run, copy_journal

from sprintlog.services import glossary, reading
from sprintlog.storage import files
from sprintlog.storage.journal import open_journal
from sprintlog.storage.location import locate

ENTRIES = [
    ("2025-03-17", "3b", "Exercises 2.1–2.5"),
    ("2025-03-18", "2", "First survey, sections 1–3"),
    ("2025-03-20", "4", "Q-learning update rule; grid world environment"),
    ("2025-03-21", "1", "Introduction, second pass"),
    ("2025-03-22", "4", "Found the off-by-one in the episode loop"),
    ("2025-03-24", "2", "Finished the first survey, wrote its summary"),
    ("2025-03-26", "3b", "Exercises 2.6–2.14"),
    ("2025-03-27", "1", "Reward shaping section"),
    ("2025-03-29", "2", "Second survey and its summary"),
]


def made(ok: Run, journal: JournalUnderTest, template: Path | None) -> None:
    """The test's new journal as ``build`` makes it: a copy of ``template``, the journal
    ``build`` made for the session (conftest.review_template), where there is one."""
    if template is None or journal.path is None:
        build(ok, journal.url)
        return
    copied = files.create_journal_file(journal.path, build=lambda new: copy_journal(template, new))
    assert copied, f"{journal.path} was made before the example journal"


def build(ok: Run, url: str, *, with_next_sprint: bool = True) -> None:
    ok("config", "set", "post_url", "/ssj-{n}")
    ok("config", "set", "epistemic_status", EPISTEMIC)
    ok("sprint", "start", "--start", "2025-03-03", "--length", "14")
    ok("goal", "add", "1", "Write", "-d", "Outline the essay on reward design in RL.")
    ok("goal", "done", "1")
    ok("log", "Outline, first version", "--date", "2025-03-05", "--goal", "1")
    ok("sprint", "start", "--start", "2025-03-17", "--length", "14", "--no-carry")
    ok(
        "goal",
        "add",
        "1",
        "Write",
        "-d",
        "Finish the first draft of my essay on reward design in RL.",
    )
    ok(
        "goal",
        "add",
        "2",
        "Read",
        "-d",
        "Read two survey papers on exploration and summarise each in a paragraph.",
    )
    ok(
        "goal",
        "add",
        "3",
        "Math",
        "-t",
        "Ask two instructors whether they would host a RG.",
        "-t",
        "Work through chapter 2 of the LA textbook.",
    )
    ok("goal", "add", "4", "Code", "-d", "Re-implement a tabular Q-learning agent from scratch.")
    for day, ref, text in ENTRIES:
        ok("log", text, "--date", day, "--goal", ref)
    ok("goal", "partial", "1")
    ok("goal", "done", "2")
    ok("goal", "partial", "3b")
    ok("goal", "done", "4")
    ok("note", "1", "-", input=NOTE_1)
    ok("note", "2", "Both read; the summaries are in the reading list below.")
    ok("note", "3a", "I didn't get around to this, but it still seems like a good idea.")
    ok("note", "3b", "Exercises 2.1–2.14 done. Eigenvalues are slower going than I expected.")
    ok(
        "note",
        "4",
        "The agent solves the small grid world; I wrote down three bugs I made on the way.",
    )
    for term, expansion in (
        ("LA", "Linear Algebra"),
        ("RL", "Reinforcement Learning"),
        ("SR", "Spaced Repetition"),
        ("RG", "Reading Group"),
    ):
        ok("acronym", "add", term, expansion)
    _lists(url)
    if with_next_sprint:
        ok("sprint", "start", "--start", "2025-03-31", "--length", "14")
        ok(
            "goal",
            "edit",
            "1",
            "--description",
            "Freeze the outline of the essay, then finish the learned-rewards section.",
        )
        ok("goal", "edit", "3b", "Finish chapter 2 of the LA textbook.")
        ok("goal", "add", "2", "Read", "-d", "Read the next paper on the list and summarise it.")
        ok(
            "goal",
            "add",
            "5",
            "Review",
            "-d",
            "Set up a spaced-repetition deck for the LA definitions.",
        )


def _lists(url: str) -> None:
    journal = open_journal(locate(url, default_dir=Path.cwd()))
    try:
        with journal.reading(write=True) as reader:
            survey = reading.add(
                reader,
                title="A survey of exploration methods",
                today=date(2025, 3, 17),
                category="RL",
                goal_number=2,
            )
            reading.done(reader, item=survey, today=date(2025, 3, 24), note="summary written")
            reward = reading.add(
                reader,
                title="Reward is enough?",
                url="https://example.org/reward",
                today=date(2025, 3, 17),
                category="RL",
                goal_number=2,
            )
            reading.start(reader, item=reward, today=date(2025, 3, 29))
            reading.add(
                reader,
                title="LA textbook, chapter 3",
                today=date(2025, 3, 26),
                category="Math",
                goal_number=2,
            )
            glossary.ask(
                reader,
                text="How should I be using existing AI tools to help my studies?",
                today=date(2025, 3, 25),
            )
            old = glossary.ask(reader, text="Which survey first?", today=date(2025, 3, 10))
            glossary.resolve(reader, question_id=old.id, today=date(2025, 3, 12))
    finally:
        journal.close()


EPISTEMIC = (
    "a record of my self study, kept to remember links and manage my focus. I don't expect "
    'anyone to read all of it; comments are welcome, even just "good luck".'
)
NOTE_1 = """I drafted the introduction and the section on reward shaping, but the section on learned
rewards is still an outline. I keep expanding the scope; next sprint I will freeze the outline.
"""
