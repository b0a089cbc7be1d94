"""docs/reference.md is what the commands' --help says today."""

from pathlib import Path

import pytest

from sprintlog.cli import reference

PAGE = Path(__file__).parent.parent / "docs" / "reference.md"


@pytest.mark.skipif(not PAGE.exists(), reason="the docs are not beside the tests")
def test_the_command_reference_is_current() -> None:
    """If this fails, regenerate: python -m sprintlog.cli.reference (rewrites the page)."""
    assert PAGE.read_text(encoding="utf-8") == reference.text()


def test_the_reference_has_every_command_and_its_options() -> None:
    text = reference.text()
    for words in ["sprintlog log", "sprintlog sprint start", "sprintlog db restore"]:
        assert f" {words}\n\n```text\n" in text, words
    start = text.split("## sprintlog sprint start\n", 1)[1].split("\n#", 1)[0]
    assert "--next" in start and "Usage: sprintlog sprint start" in start
