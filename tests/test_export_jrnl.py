"""`export --format jrnl`: a jrnl journal that `jrnl --import` takes (issue 25, item 6).

The round trip runs the real jrnl 4.6 (`pip install jrnl==4.6`), found as
$SPRINTLOG_TEST_JRNL or `jrnl` on PATH; .ci/run installs it into a virtual environment
of its own (it pins rich and pulls in keyring and cryptography, so it is no test extra)
and sets SPRINTLOG_REQUIRE_JRNL, which makes a missing jrnl a failure, not a skip.
"""

import json
import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from helpers import Run

from sprintlog.services.exchange import jrnl_text

FIXTURES = Path(__file__).parent / "fixtures"
AT_NINE = datetime(2025, 3, 4, 9, 0)

TEXTS = [
    ("2025-03-05", "Topoi ch.1, drew the #commuting diagrams", ["--tag", "category-theory"]),
    ("2025-03-04", "Read #math and #v1.2 notes. Then slept.", []),
    ("2025-03-04", "Two lines\n[2025-01-01] a date at a line's start\n  indented", []),
    ("2025-03-04", "Three\nlines\n[2025-01-01 10:00] a date further down", []),
    ("2025-03-07", "Dates\n[2025-01-01 10:00] one\n[2025-01-02 10:00] two\nend", []),
    ("2025-03-06", "Learnt שלום and مرحبا 🎉 #Hebrew", ["-t", "lang"]),
    ("2025-03-06", "Second of the day", []),
]


def test_a_block_is_jrnls_date_line_then_the_text() -> None:
    block = jrnl_text.block(AT_NINE, "Read ch.2\nwith notes  \n", ["math"])
    assert block == "[2025-03-04 09:00:00 AM] Read ch.2\nwith notes\n#math\n"


def test_tags_the_text_shows_are_not_added_again_and_others_are_mapped() -> None:
    block = jrnl_text.block(AT_NINE, "On #math with @sqlite and #v1.2", ["math", "sqlite", "v1.2"])
    assert block.splitlines()[1:] == ["#v1-2"]  # jrnl's tags have no ".": #v1.2 reads #v1


def test_the_starred_tag_is_jrnls_star() -> None:
    block = jrnl_text.block(AT_NINE.replace(hour=14), "A good day\nbody", ["starred"])
    assert block == "[2025-03-04 02:00:00 PM] A good day *\nbody\n"


def test_a_line_jrnl_would_take_for_a_date_is_indented_by_a_space() -> None:
    block = jrnl_text.block(AT_NINE, "x\n[a] b\n[2025-01-01] y\n[x] done\n[link] z", [])
    assert block.splitlines()[1:] == ["[a] b", " [2025-01-01] y", "[x] done", "[link] z"]


def test_a_date_line_right_after_the_first_joins_it() -> None:
    # jrnl strips the body's first line, space and all
    block = jrnl_text.block(AT_NINE, "x\n[2025-01-01] y\nz", [])
    assert block.splitlines() == ["[2025-03-04 09:00:00 AM] x [2025-01-01] y", "z"]
    block = jrnl_text.block(AT_NINE, "x\n[2025-01-01] y\n[2025-01-02] z", [])
    assert block.splitlines() == ["[2025-03-04 09:00:00 AM] x [2025-01-01] y [2025-01-02] z"]


def test_one_days_entries_keep_their_order_a_minute_apart(ok: Run) -> None:
    for day, text, options in TEXTS:
        ok("log", "--date", day, *options, "--", text)
    lines = ok("export", "--format", "jrnl").stdout.splitlines()
    stamps = [line.split("]")[0] + "]" for line in lines if line.startswith("[2025")]
    assert stamps == [
        "[2025-03-04 09:00:00 AM]",
        "[2025-03-04 09:01:00 AM]",
        "[2025-03-04 09:02:00 AM]",
        "[2025-03-05 09:00:00 AM]",
        "[2025-03-06 09:00:00 AM]",
        "[2025-03-06 09:01:00 AM]",
        "[2025-03-07 09:00:00 AM]",
    ]


def _jrnl() -> str:
    found = os.environ.get("SPRINTLOG_TEST_JRNL") or shutil.which("jrnl")
    if found is None:
        reason = "jrnl is not installed (.ci/run installs jrnl 4.6 in a venv of its own)"
        if os.environ.get("SPRINTLOG_REQUIRE_JRNL"):
            pytest.fail(reason)
        pytest.skip(reason)
    return found


def _in_jrnl(journal_text: Path, home: Path) -> list[dict]:
    """``jrnl --import`` of the file into a new journal, then ``jrnl --format json``."""
    jrnl = _jrnl()
    config = home / "jrnl.yaml"
    home.mkdir()
    config.write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
        f"indent_character: '|'\njournals:\n  default:\n    journal: {home / 'journal.txt'}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%F %r'\nversion: '4.6'\n",
        encoding="utf-8",
    )
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home), "TZ": "UTC"}
    command = [jrnl, "--config-file", str(config)]
    subprocess.run([*command, "--import", "--file", str(journal_text)], env=env, check=True,
                   capture_output=True, stdin=subprocess.DEVNULL)  # fmt: skip
    shown = subprocess.run([*command, "--format", "json"], env=env, check=True,
                           capture_output=True, text=True, stdin=subprocess.DEVNULL)  # fmt: skip
    entries: list[dict] = json.loads(shown.stdout)["entries"]
    return entries


def _words(text: str) -> str:
    return " ".join(text.split())


def test_jrnl_imports_the_export_with_every_day_text_and_tag(ok: Run, tmp_path: Path) -> None:
    for day, text, options in TEXTS:
        ok("log", "--date", day, *options, "--", text)
    ok("import", str(FIXTURES / "jrnl" / "export.json"))  # two starred entries among them
    exported = tmp_path / "journal.txt"
    ok("export", "--format", "jrnl", "-o", str(exported))
    ours = sorted(ok("export").json()["entries"], key=lambda entry: entry["day"])  # stable
    theirs = _in_jrnl(exported, tmp_path / "home")
    assert len(theirs) == len(ours) == 16
    for mine, jrnl in zip(ours, theirs, strict=True):
        assert jrnl["date"] == mine["day"]
        whole = _words(f"{jrnl['title']} {jrnl['body']}")
        assert whole.startswith(_words(mine["text"]))  # jrnl splits it into title and body
        added = whole.removeprefix(_words(mine["text"])).split()
        assert all(word.startswith("#") for word in added)  # nothing but tags is added
        tags = {tag[1:] for tag in jrnl["tags"]}  # (jrnl lists its tags lower-cased)
        wanted = {tag.replace(".", "-").lower() for tag in mine["tags"] if tag != "starred"}
        assert wanted <= tags, (mine["text"], mine["tags"], jrnl["tags"])
        assert jrnl["starred"] == ("starred" in mine["tags"])
    assert sum(jrnl["starred"] for jrnl in theirs) == 2


def test_what_jrnl_exports_of_it_imports_back_with_the_same_days_and_tags(
    ok: Run, tmp_path: Path
) -> None:
    for day, text, options in TEXTS:
        ok("log", "--date", day, *options, "--", text)
    exported = tmp_path / "journal.txt"
    ok("export", "--format", "jrnl", "-o", str(exported))
    back = tmp_path / "back.json"
    back.write_text(json.dumps({"tags": {}, "entries": _in_jrnl(exported, tmp_path / "home")}))
    before = sorted(ok("export").json()["entries"], key=lambda entry: entry["day"])
    ok("--db", str(tmp_path / "other.db"), "import", str(back))
    after = ok("--db", str(tmp_path / "other.db"), "export").json()["entries"]
    assert sorted(e["day"] for e in after) == [e["day"] for e in before]
    for mine in before:  # (one day's entries may come back in another order)
        [again] = [
            e for e in after if e["day"] == mine["day"] and e["text"][:5] == mine["text"][:5]
        ]
        wanted = {tag.replace(".", "-").lower() for tag in mine["tags"]}
        assert wanted <= {tag.lower() for tag in again["tags"]}


@pytest.mark.parametrize("given", [[], ["--format", "jrnl"]])
def test_its_own_jrnl_export_imported_back_says_to_use_jrnls_json(
    ok: Run, run: Run, tmp_path: Path, given: list[str]
) -> None:
    """A new user's first try: sprintlog's jrnl text is jrnl's journal file, not its export."""
    ok("log", "--date", "2025-03-04", "--", "Read #math")
    exported = tmp_path / "journal.txt"
    ok("export", "--format", "jrnl", "-o", str(exported))
    result = run("import", "--dry-run", *given, str(exported))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {exported}: this is jrnl's plain-text journal, which sprintlog does not read; "
        "import jrnl's JSON export instead (`jrnl --format json > FILE.json`)\n"
    )
