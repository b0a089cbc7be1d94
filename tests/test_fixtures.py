"""The files in tests/fixtures stay small, documented and readable by their own rules."""

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.one_backend  # the fixture files themselves: no journal

FIXTURES = Path(__file__).parent / "fixtures"
TOOLING = {
    "README.md",
    ".gitattributes",
    "make_fixtures.sh",
    "make_edited_fixtures.sh",
    "hostile.py",
}
FILES = sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p.name not in TOOLING)
JSON = [
    "jrnl/export.json",
    "jrnl/export-edited.json",
    "watson/frames",
    "watson/frames-edited",
    "watson/state",
    "watson/log.json",
    "watson/log-current.json",
    "timew/export.json",
    "timew/export-modified.json",
    "harsh/log.parsed.json",
    "harsh/log-edited.parsed.json",
]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(FIXTURES).as_posix())
def test_fixture_is_small_and_in_the_readme(path: Path) -> None:
    # The README says which program and command made each file; a new file needs a row.
    readme = (FIXTURES / "README.md").read_text(encoding="utf-8")
    assert f"`{path.relative_to(FIXTURES).as_posix()}`" in readme
    assert path.stat().st_size < 8 * 1024
    path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("name", JSON)
def test_json_fixture_parses(name: str) -> None:
    assert json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def test_jrnl_fixture_keeps_its_crlf() -> None:
    # Git must not normalise line ends here (.gitattributes): the CRLF case is the point.
    entries = json.loads((FIXTURES / "jrnl/export.json").read_text(encoding="utf-8"))["entries"]
    assert any("\r\n" in e["body"] for e in entries)
    assert b"\r\n" in (FIXTURES / "jrnl/journal.txt").read_bytes()
