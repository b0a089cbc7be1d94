"""The manual's examples run as written: the README's first hour, and the docs pages that
repeat them (in the order mkdocs.yml's nav gives)."""

import re
import shlex
from pathlib import Path

import pytest
import yaml
from helpers import Run

ROOT = Path(__file__).parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"
MKDOCS = ROOT / "mkdocs.yml"
GENERATED = {"reference.md"}  # the commands' own help: naming a command there proves nothing
QUICK_START = "### Every day: the quick start"
END_OF_SPRINT = "### At the end of a sprint: the review post"

# One backend: the manual's prose (its examples run on both)
one_backend = pytest.mark.one_backend

beside = pytest.mark.skipif(
    not (README.exists() and MKDOCS.exists()), reason="the manual is not beside the tests"
)


def _pages() -> list[Path]:
    """The docs pages in the nav's order."""
    nav = yaml.safe_load(MKDOCS.read_text(encoding="utf-8"))["nav"]
    return [DOCS / next(iter(item.values())) for item in nav]


def _block(text: str, heading: str) -> str:
    section = text.split(f"\n{heading}\n", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None
    return block.group(1)


def _commands(block: str) -> list[list[str]]:
    return [shlex.split(line, comments=True) for line in block.splitlines() if line]


def _quick_start(heading: str = QUICK_START) -> list[list[str]]:
    return _commands(_block(README.read_text(encoding="utf-8"), heading))


@beside
def test_quick_start_runs_as_written(ok: Run) -> None:
    commands = _quick_start()
    assert len(commands) >= 8
    for words in commands:
        assert words[0] == "sprintlog"
        ok(*words[1:])
    assert [e["goals"] for e in ok("entries", "--json").json()] == [["SSJ--3a"], ["SSJ--3b"]]
    assert ok("goal", "list", "--json").json()[1]["tasks"][0]["status"] == "done"


@beside
def test_the_review_walkthrough_runs_after_the_quick_start(ok: Run) -> None:
    for words in _quick_start():
        ok(*words[1:])
    posts = []
    for words in _quick_start(END_OF_SPRINT):
        assert words[0] == "sprintlog"
        if ">" in words:  # the shell's redirection: the test keeps the output itself
            words = words[: words.index(">")]
        posts.append(ok(*words[1:]).stdout)
    post = next(text for text in posts if "## Review of the 1st sprint" in text)
    post = post.replace("-\\-", "--")  # goal references as Jekyll is given them: SSJ-\-1a
    assert "The first draft took longer than planned." in post
    assert "#### SSJ--1a — Finish the first draft of the definitions section · partial" in post


@one_backend
@beside
def test_the_docs_repeat_the_walkthrough_that_runs() -> None:
    """The review post's page shows the end-of-sprint loop the README's test runs."""
    posts = (DOCS / "posts.md").read_text(encoding="utf-8")
    readme = README.read_text(encoding="utf-8")
    assert _block(posts, "## The sprint review post") == _block(readme, END_OF_SPRINT)


@one_backend
@beside
def test_every_command_is_in_the_manual() -> None:
    import typer

    from sprintlog.cli import app

    pages = [page for page in _pages() if page.name not in GENERATED]
    assert DOCS / "journal.md" in pages
    text = "\n".join(path.read_text(encoding="utf-8") for path in [README, *pages])
    root = typer.main.get_command(app)
    for name, command in root.commands.items():
        for sub in getattr(command, "commands", {None: None}):
            words = f"sprintlog {name}" + (f" {sub}" if sub else "")
            assert words in text or f"{name} {sub}" in text or f"|{sub}" in text, words


@one_backend
@beside
def test_the_readme_is_short_and_its_links_lead_somewhere() -> None:
    """The README is the first hour (at most ~12 KB); the reference is in docs/, which it
    links page by page (mkdocs build --strict checks the pages' own links, not these)."""
    text = README.read_text(encoding="utf-8")
    assert len(text.encode()) <= 12 * 1024
    targets = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text)
    local = [target for target in targets if "://" not in target]
    assert "docs/reference.md" in local
    for target in local:
        assert (ROOT / target).exists(), target
    linked = {target for target in local if target.startswith("docs/")}
    assert {f"docs/{page.name}" for page in _pages()} <= linked
