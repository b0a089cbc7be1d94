"""User templates: kept in the journal as text, run within limits (issue 12, items 4, 11;
issue 23, item 3: memory and time bounded by the kernel, in a child process)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import JournalUnderTest, Run, store_setting

from sprintlog.render import bounded

# One backend: the template's sandbox and limits, in the process that renders, not in storage
pytestmark = pytest.mark.one_backend


@pytest.fixture
def rendered(ok: Run, sprint: None) -> None:
    ok("log", "Read a chapter", "--goal", "1")


def test_a_journal_cannot_make_rendering_read_a_file(
    run: Run, rendered: None, journal, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the machine's secret\n", encoding="utf-8")
    store_setting(journal, "template", str(secret))  # as an older sprintlog stored it
    result = run("render", "review")
    assert result.exit_code == 1
    assert "secret" not in result.stdout
    assert result.stderr.endswith(
        f"Error: the journal's template setting names a file ({secret}), as older versions "
        "of sprintlog did; a journal can no longer make sprintlog read a file. Store the "
        "template itself with `sprintlog config set template FILE`, or unset it with "
        '`sprintlog config set template ""`\n'
    )
    assert "a file name" in run("config", "get", "template").stdout
    assert run("log", "Still works").exit_code == 0  # only rendering needs the template


def test_config_set_template_stores_the_text_once(
    ok: Run, run: Run, rendered: None, tmp_path: Path
) -> None:
    mine = tmp_path / "mine.md.j2"
    mine.write_text("# {{ title }}\n{{ entries | length }} entries\n", encoding="utf-8")
    ok("config", "set", "template", str(mine))
    mine.write_text("changed on disk: {{ 1/0 }}\n", encoding="utf-8")  # not read again
    mine.unlink()
    assert ok("render", "review").stdout == "# Self Study Journal #1\n1 entries\n"
    assert ok("config", "get", "template").stdout == "# {{ title }}… (2 lines, 45 bytes)\n"
    other = tmp_path / "other.md.j2"
    other.write_text("Other: {{ title }}", encoding="utf-8")
    assert (
        ok("render", "review", "--template", str(other)).stdout == "Other: Self Study Journal #1\n"
    )
    ok("config", "set", "template", "")
    assert "## Review of the 1st sprint" in ok("render", "review").stdout


def test_a_template_that_reaches_for_files_gets_nothing(
    run: Run, rendered: None, tmp_path: Path
) -> None:
    for text in ('{% include "/etc/passwd" %}', '{% include "../../../../../etc/passwd" %}'):
        mine = tmp_path / "mine.md.j2"
        mine.write_text(text, encoding="utf-8")
        result = run("render", "review", "--template", str(mine))
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr.startswith(f"Error: the template {mine}")


def test_a_bad_template_file_is_refused_when_set(run: Run, tmp_path: Path) -> None:
    mine = tmp_path / "mine.md.j2"
    mine.write_text("{% for %}\n", encoding="utf-8")
    result = run("config", "set", "template", str(mine))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: the template {mine}, line 1: ")
    mine.write_bytes(b"{{ title }}\x00\n")
    assert run("config", "set", "template", str(mine)).stderr.endswith(
        "Error: template must be text without NUL characters\n"
    )
    missing = run("config", "set", "template", str(tmp_path / "nowhere.j2"))
    assert (missing.exit_code, missing.stderr.splitlines()[-1]) == (
        1,
        f"Error: cannot read the template {tmp_path / 'nowhere.j2'}: No such file or directory",
    )


LIMITED = [
    (
        "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
        "it calls itself too deeply (a macro that never stops?)",
    ),
    ("{% for i in range(10**9) %}x{% endfor %}", "the number 1000000000 is too large"),
    ("{% for i in range(100001) %}x{% endfor %}", "Range too big."),
    (
        '{% for i in range(100000) %}{{ "x" * 1000 }}{% endfor %}',
        "it produced more than the limit of 10,000,000 characters",
    ),
    ('{{ "x" * 10**10 }}', "repeating 1 items 10,000,000,000 times is over the limit"),
    ('{{ "x" | center(10**10) }}', "the number 10000000000 is too large for a template"),
    ('{{ "x".ljust(10**10) }}', "the number 10000000000 is too large for a template"),
    ("{{ 9 ** 1000000000 }}", "9 ** 1000000000 is too large a number for a template"),
]


@pytest.mark.parametrize(("text", "said"), LIMITED, ids=[said[:30] for _, said in LIMITED])
def test_a_template_past_a_limit_is_a_one_line_error(
    run: Run, rendered: None, tmp_path: Path, text: str, said: str
) -> None:
    mine = tmp_path / "mine.md.j2"
    mine.write_text(text + "\n", encoding="utf-8")
    result = run("render", "review", "--template", str(mine))
    assert result.exit_code == 1 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"Error: the template {mine}") and said in line, line


def test_a_template_that_runs_for_ever_is_stopped(
    run: Run, ok: Run, rendered: None, tmp_path: Path
) -> None:
    loops = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    mine = tmp_path / "mine.md.j2"
    mine.write_text(loops + "\n", encoding="utf-8")
    ok("config", "set", "template", str(mine))
    started = time.monotonic()
    result = run("render", "review")
    assert time.monotonic() - started < 60
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: the template stored in the journal: it ran longer than the limit of 5 seconds\n",
    )


FAILING = [
    ("{{ 1/0 }}", 1, "division by zero (ZeroDivisionError)"),
    ('text\n{{ "a" + 1 }}', 2, 'can only concatenate str (not "int") to str (TypeError)'),
    ('{{ "%d" % "x" }}', 1, "%d format: a real number is required, not str (TypeError)"),
    ('{{ "abc"|format(1, 2, 3) }}', 1, "not all arguments converted during string formatting"),
    ('{% extends "base.html" %}', 1, "there is no template 'base.html' to include"),
]


@pytest.mark.parametrize(("text", "line", "said"), FAILING, ids=[t[:20] for t, _, _ in FAILING])
def test_a_template_that_fails_as_it_runs_is_a_one_line_error(
    run: Run, ok: Run, rendered: None, tmp_path: Path, text: str, line: int, said: str
) -> None:
    mine = tmp_path / "mine.md.j2"
    mine.write_text(text + "\n", encoding="utf-8")
    ok("config", "set", "template", str(mine))  # stored, it fails the same way
    for args, where in (
        (["--template", str(mine)], str(mine)),
        ([], "stored in the journal"),
    ):
        result = run("render", "review", *args)
        assert (result.exit_code, result.stdout) == (1, "")
        [shown] = result.stderr.splitlines()
        assert shown.startswith(f"Error: the template {where}, line {line}: "), shown
        assert said in shown, shown


# What each hostile template may cost, measured on a process of its own: the time limit
# the README states for a template, plus the start and end of a Python process on a
# busy machine; the memory bound the README states for a template, plus what sprintlog
# itself uses (about 30 MiB; the child shares it). Unbounded, the first three cases
# build gigabytes and the fourth runs for minutes.
STARTUP_ALLOWANCE = 10.0  # seconds
SECONDS_BOUND = bounded.MAX_SECONDS + STARTUP_ALLOWANCE
MEMORY_BOUND_MIB = bounded.MAX_MEMORY // 2**20 + 128
GROWING = "{% set s = namespace(v=START) %}{% for i in range(64) %}{% set s.v = STEP %}{% endfor %}"
HOSTILE = {
    "string doubling with ~": (
        GROWING.replace("START", '"x"').replace("STEP", "s.v ~ s.v") + "{{ s.v | length }}",
        bounded.MEMORY_WORDS,
    ),
    "list concatenation": (
        GROWING.replace("START", "[1]").replace("STEP", "s.v + s.v") + "{{ s.v | length }}",
        bounded.MEMORY_WORDS,
    ),
    "replace growth": (
        GROWING.replace("START", '"x"').replace("STEP", 's.v | replace("x", "xxxxxxxxxx")')
        + "{{ s.v | length }}",
        bounded.MEMORY_WORDS,
    ),
    "a slow built-in in a short loop": (
        "{% for i in range(4) %}{{ lipsum(n=100000) | length }}{% endfor %}",
        "it ran longer than the limit of 5 seconds",
    ),
    "deep recursion": (
        "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
        "it calls itself too deeply (a macro that never stops?)",
    ),
    "recursion that doubles its argument": (
        '{% macro f(s) %}{{ f(s ~ s) }}{% endmacro %}{{ f("x") }}',
        bounded.MEMORY_WORDS,
    ),
}


# The peak is measured by a small Python between the test and sprintlog: Linux keeps a
# process's peak memory across exec, and a process forked from pytest (hundreds of MiB
# after a long run) would report pytest's peak, not sprintlog's. Forked from this small
# process instead, sprintlog starts from nothing, and RUSAGE_CHILDREN gives the largest
# of it and of the template's child it waited for.
_PEAK_OF_CHILD = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "open(sys.argv[1], 'w').write(str(peak))\n"
    "sys.exit(code if code >= 0 else 128 - code)\n"
)


def _measured(
    args: list[str], journal: JournalUnderTest, tmp_path: Path
) -> tuple[int, str, float, float]:
    """Exit code, stderr, seconds and peak MiB of ``sprintlog ARGS`` as a process (the
    template's child counted)."""
    peak_file = tmp_path / "peak-kib"
    started = time.monotonic()
    measure = [sys.executable, "-c", _PEAK_OF_CHILD, str(peak_file)]
    done = subprocess.run(
        [*measure, sys.executable, "-m", "sprintlog", *args],
        env={**os.environ, "SPRINTLOG_DB": journal.url},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    seconds = time.monotonic() - started
    return done.returncode, done.stderr.decode(), seconds, int(peak_file.read_text()) / 1024


@pytest.mark.parametrize(("text", "said"), HOSTILE.values(), ids=HOSTILE.keys())
def test_any_template_ends_within_the_stated_time_and_memory(
    ok: Run, rendered: None, journal: JournalUnderTest, tmp_path: Path, text: str, said: str
) -> None:
    mine = tmp_path / "mine.md.j2"
    mine.write_text(text + "\n", encoding="utf-8")
    ok("config", "set", "template", str(mine))
    post = tmp_path / "post.md"
    code, errors, seconds, mib = _measured(["render", "review", "-o", str(post)], journal, tmp_path)
    assert (code, errors) == (1, f"Error: the template stored in the journal: {said}\n")
    assert seconds < SECONDS_BOUND, seconds
    assert mib < MEMORY_BOUND_MIB, mib
    assert not post.exists()  # nothing half-written


def test_a_template_past_its_bounds_writes_no_post_anywhere(
    ok: Run, run: Run, rendered: None, tmp_path: Path
) -> None:
    text, said = HOSTILE["string doubling with ~"]
    mine = tmp_path / "mine.md.j2"
    mine.write_text(text + "\n", encoding="utf-8")
    ok("config", "set", "template", str(mine))
    site = tmp_path / "site"
    site.mkdir()
    (site / "_config.yml").write_text("title: mine\n", encoding="utf-8")
    for args in (
        ["export", "--format", "posts", "-o", str(tmp_path / "posts")],
        ["publish", "--site", str(site), "--running", "1"],
        ["render", "review", "--template", str(mine)],
    ):
        result = run(*args)
        assert (result.exit_code, result.stdout) == (1, ""), args
        [line] = result.stderr.splitlines()
        assert line.startswith("Error: the template ") and line.endswith(said), line
    assert not (tmp_path / "posts").exists()
    assert sorted(path.name for path in site.rglob("*")) == ["_config.yml"]


def test_a_template_too_deep_to_parse_is_refused_when_set(run: Run, tmp_path: Path) -> None:
    mine = tmp_path / "mine.md.j2"
    mine.write_text("{{ " + "(" * 50_000 + "1" + ")" * 50_000 + " }}\n", encoding="utf-8")
    result = run("config", "set", "template", str(mine))
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: the template {mine}: it nests too deeply\n",
    )
