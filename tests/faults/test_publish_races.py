"""Publishing into one site at once, and a post that could not be written (issue 23.6).

Two `publish` processes start together against one site, round after round: the site's
record keeps both posts every time (it is written under a lock on the site's folder).
A post whose file cannot be written (its folder made immutable, for real) leaves a
record that never blocks publishing it again.
"""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import Run, run_at_once

ROUNDS = 6  # unlocked, 7 of 20 rounds lost a post


@pytest.fixture
def two_sprints(ok: Run) -> None:
    ok("config", "set", "post_url", "/ssj-{n}")
    ok("sprint", "start", "--start", "2025-03-03", "--length", "14")
    ok("goal", "add", "1", "Write")
    ok("log", "Outline", "--date", "2025-03-04", "--goal", "1")
    ok("sprint", "start", "--start", "2025-03-17", "--length", "14")  # carries goal 1


def _site(root: Path) -> Path:
    root.mkdir()
    (root / "_config.yml").write_text("title: blog\n", encoding="utf-8")
    return root


def _record(site: Path) -> dict:
    return json.loads((site / ".sprintlog-published.json").read_text(encoding="utf-8"))["posts"]


def _publish(*args: str) -> list[str]:
    return [sys.executable, "-m", "sprintlog", "publish", *args]


def test_publishes_at_once_keep_every_post_in_the_record(
    ok: Run, two_sprints: None, tmp_path: Path
) -> None:
    for round_ in range(ROUNDS):
        site = _site(tmp_path / f"site-{round_}")
        outcomes = run_at_once(
            [_publish("1", "--site", str(site)), _publish("2", "--site", str(site))],
            env=dict(os.environ),
        )
        assert outcomes == [
            (0, "Published sprint 1's post:\n"),
            (0, "Published sprint 2's post:\n"),
        ]
        assert sorted(_record(site)) == ["1", "2"], round_
    ok("goal", "edit", "1", "Write better", "--sprint", "2")
    again = ok("publish", "2", "--site", str(site))  # still known as sprintlog's own
    assert again.stderr == "Published sprint 2's post:\n"


@pytest.mark.skipif(os.geteuid() != 0, reason="chattr needs root")
def test_a_post_that_could_not_be_written_can_be_published_again(
    ok: Run, run: Run, two_sprints: None, tmp_path: Path
) -> None:
    site = _site(tmp_path / "site")
    ok("publish", "1", "--site", str(site))
    ok("goal", "edit", "1", "Write better", "--sprint", "1")
    posts = site / "_posts"
    made = subprocess.run(["chattr", "+i", str(posts)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot make a folder immutable here: {made.stderr.strip()}")
    try:
        failed = run("publish", "1", "--site", str(site))
    finally:
        subprocess.run(["chattr", "-i", str(posts)], check=True)
    assert failed.exit_code == 1 and len(failed.stderr.splitlines()) == 1
    assert failed.stderr.startswith(f"Error: cannot write {posts}/")
    again = ok("publish", "1", "--site", str(site))  # no --force needed: nothing by hand
    assert again.stderr == "Published sprint 1's post:\n"
    [post] = posts.iterdir()
    assert "Write better" in post.read_text(encoding="utf-8")
    assert _record(site)["1"]["sha256"] == hashlib.sha256(post.read_bytes()).hexdigest()
