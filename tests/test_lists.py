"""The reading list, acronyms and open questions."""

import pytest
from helpers import Run


def test_reading_list(ok: Run, run: Run) -> None:
    ok("read", "add", "A survey | of exploration", "--category", "RL", "--goal", "SSJ--2")
    ok("read", "add", "Reward is enough?", "--url", "https://example.org/reward", "-c", "RL")
    ok("read", "start", "2")
    ok("read", "done", "1", "--note", "summary written")
    items = ok("read", "list", "--json").json()
    assert [(i["id"], i["status"], i["goal"], i["note"]) for i in items] == [
        (1, "read", 2, "summary written"),
        (2, "reading", None, None),
    ]
    assert [i["id"] for i in ok("read", "list", "--status", "to-read", "--json").json()] == []
    assert [i["id"] for i in ok("read", "list", "--status", "reading", "--json").json()] == [2]
    assert "A survey | of exploration" in ok("read", "list").stdout
    ok("read", "rm", "2")
    assert len(ok("read", "list", "--json").json()) == 1
    assert run("read", "start", "1").stderr == "Error: #1 is read already\n"
    assert (
        run("read", "done", "9").stderr
        == "Error: there is no reading item #9 (see `sprintlog read list`)\n"
    )


@pytest.mark.parametrize("url", ["javascript:alert(1)", "example.org", "https://a b", "ftp://x"])
def test_reading_urls_must_be_web_links(run: Run, url: str) -> None:
    result = run("read", "add", "Title", "--url", url)
    assert result.exit_code == 2
    assert "starts with http:// or https://" in result.stderr


def test_bad_status_and_goal(run: Run) -> None:
    assert run("read", "list", "--status", "someday").exit_code == 2
    assert run("read", "add", "x", "--goal", "9").exit_code == 2


def test_acronyms(ok: Run, run: Run) -> None:
    ok("acronym", "add", "RL", "Reinforcement Learning")
    ok("acronym", "add", "LA", "Linear Algebra")
    ok("acronym", "add", "RL", "Reinforcement learning")  # changes it
    assert ok("acronym", "list", "--json").json() == [
        {"term": "LA", "expansion": "Linear Algebra"},
        {"term": "RL", "expansion": "Reinforcement learning"},
    ]
    ok("acronym", "rm", "LA")
    assert (
        run("acronym", "rm", "LA").stderr
        == "Error: there is no acronym 'LA' (see `sprintlog acronym list`)\n"
    )
    assert run("acronym", "add", "x|y", "x").exit_code == 2
    assert run("acronym", "add", "-RL", "x").exit_code == 2
    assert run("acronym", "add", "A" * 65, "x").exit_code == 2


def test_acronyms_of_several_words_align_when_listed(ok: Run) -> None:
    ok("acronym", "add", "VK  LTA", "Vanessa Kosoy's Learning Theoretic Agenda")
    ok("acronym", "add", "I/O", "Input/Output")
    ok("acronym", "add", "e.g.", "for example")
    assert ok("acronym", "list").stdout == (
        "I/O     Input/Output\n"
        "VK LTA  Vanessa Kosoy's Learning Theoretic Agenda\n"
        "e.g.    for example\n"
    )


def test_questions(ok: Run, run: Run) -> None:
    ok("question", "add", "How should I use AI tools?")
    ok("question", "add", "Which survey first?")
    ok("question", "resolve", "2")
    assert [q["text"] for q in ok("question", "list", "--json").json()] == [
        "How should I use AI tools?"
    ]
    assert len(ok("question", "list", "--all", "--json").json()) == 2
    assert run("question", "resolve", "2").stderr.startswith("Error: question #2 was resolved on")


def test_a_category_fits_its_column(ok: Run, run: Run) -> None:
    """A server refuses more than the column holds; the limit is said, not a traceback."""
    result = run("read", "add", "A book", "--category", "x" * 201)
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: a category is at most 200 characters\n")
    ok("read", "add", "A book", "--category", "x" * 200)
