"""`render … -o PATH` writes a regular file or nothing (issue 12, item 8)."""

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import Run


@pytest.fixture
def rendered(ok: Run, sprint: None) -> None:
    ok("log", "Read a chapter", "--goal", "1")


def _fifo(folder: Path) -> Path:
    path = folder / "post.md"
    os.mkfifo(path)
    return path


def _directory(folder: Path) -> Path:
    path = folder / "post.md"
    path.mkdir()
    return path


def _socket(folder: Path) -> Path:
    path = folder / "post.md"
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(path))
    listener.close()
    return path


def _device(folder: Path) -> Path:
    """A node for /dev/null's device in the test's folder (never the real /dev/null)."""
    path = folder / "post.md"
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    return path


@pytest.mark.parametrize("command", ["review", "plan"])
@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (_fifo, "a FIFO (named pipe)"),
        (_directory, "a directory"),
        (_socket, "a socket"),
        (_device, "a character device"),
    ],
)
@pytest.mark.parametrize("force", [[], ["--force"]])
def test_what_is_not_a_regular_file_is_never_replaced(
    run: Run, rendered: None, tmp_path: Path, command: str, make, kind: str, force: list[str]
) -> None:
    path = make(tmp_path)
    before = path.lstat()
    result = run("render", command, "-o", str(path), *force)
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {path} is {kind}, not a regular file; nothing was written\n",
    )
    after = path.lstat()
    assert (stat.S_IFMT(after.st_mode), after.st_ino) == (
        stat.S_IFMT(before.st_mode),
        before.st_ino,
    )
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".post.md")] == []


@pytest.mark.parametrize(
    ("make", "kind"), [(_fifo, "a FIFO (named pipe)"), (_directory, "a directory")]
)
def test_no_picture_is_written_for_a_post_that_cannot_be(
    run: Run, rendered: None, tmp_path: Path, make, kind: str
) -> None:
    path = make(tmp_path)
    result = run("render", "review", "-o", str(path), "--images", "img", "--force")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {path} is {kind}, not a regular file; nothing was written\n",
    )
    assert not (tmp_path / "img").exists()


def test_a_picture_never_replaces_what_is_not_a_regular_file(
    run: Run, rendered: None, tmp_path: Path
) -> None:
    """The pictures and the year's SVG follow the post's rule, --force or not."""
    (tmp_path / "img").mkdir()
    taken = tmp_path / "img" / "post-days.svg"
    os.mkfifo(taken)
    result = run("render", "review", "-o", str(tmp_path / "post.md"), "--images", "img", "--force")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {taken} is a FIFO (named pipe), not a regular file; nothing was written\n",
    )
    assert stat.S_ISFIFO(taken.stat().st_mode) and not (tmp_path / "post.md").exists()
    year = _directory(tmp_path)  # tmp_path/post.md, a directory
    result = run("streak", "--calendar", "--svg", str(year))
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {year} is a directory, not a regular file; nothing was written\n",
    )


def test_dash_means_standard_output(
    ok: Run, rendered: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for command in ("review", "plan"):
        result = ok("render", command, "-o", "-")
        assert result.stdout == ok("render", command).stdout
        assert result.stdout and not (tmp_path / "-").exists()


def test_a_regular_file_is_replaced_whole_and_a_symlink_keeps_pointing_at_it(
    ok: Run, run: Run, rendered: None, tmp_path: Path
) -> None:
    real = tmp_path / "real.md"
    real.write_text("old post\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert run("render", "plan", "-o", str(link)).exit_code == 1  # exists: --force needed
    ok("render", "plan", "-o", str(link), "--force")
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("## Goals")
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "nowhere" / "post.md")
    result = run("render", "plan", "-o", str(dangling), "--force")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {dangling} is a symbolic link to nothing; nothing was written\n",
    )


@pytest.mark.parametrize(
    "command", [["entries"], ["entries", "--json"], ["status"], ["render", "review"], ["--help"]]
)
def test_output_that_cannot_be_written_is_one_line(ok: Run, command: list[str]) -> None:
    """`sprintlog entries > /dev/full`: one line and exit 1, not a traceback (the entry stays)."""
    ok("sprint", "start", "--start", "yesterday")
    ok("log", "hello")
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "sprintlog", *command],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert result.stderr.endswith("Error: cannot write the output: No space left on device\n")
    assert "Traceback" not in result.stderr
    assert [entry["text"] for entry in ok("entries", "--json").json()] == ["hello"]


def test_closed_standard_output_is_not_a_traceback(ok: Run) -> None:
    ok("sprint", "start", "--start", "yesterday")
    result = subprocess.run(
        [sys.executable, "-m", "sprintlog", "status"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        preexec_fn=lambda: os.close(1),
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
