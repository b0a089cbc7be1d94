"""Publishing a review post into a site: which engine, which file, and never over a
file someone changed by hand.

What sprintlog wrote is remembered in the site itself, in ``.sprintlog-published.json``
at its root: for each sprint, the file's path (relative to the site) and a SHA-256 of
what was written, and the same of the file it replaced (``before``). It is written under
a lock on the site's folder, before the post. The record lives with the files it
describes, so it travels with the site's repository to another machine, covers several
sites from one journal, and leaves the journal untouched (publishing only reads it). The
engines skip dot files. A record is only a hint: a path in it is used only when it stays
inside the site, and a missing or unreadable record means "not written by sprintlog", so
nothing is overwritten.
"""

import fcntl
import hashlib
import json
import os
import re
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from sqlmodel import Session

from sprintlog.errors import Conflict, NotFound, SprintlogError, UsageError
from sprintlog.records import Sprint
from sprintlog.services import sprint_reads
from sprintlog.storage import files
from sprintlog.storage.reader import of_session

RECORD = ".sprintlog-published.json"
LOCK_WAIT_SECONDS = 30  # another publish into the same site takes a second or two
SITE_ENGINES = ("jekyll", "hugo", "quartz", "obsidian")
# What each engine's site has at its root.
_MARKERS = {
    "jekyll": ("_config.yml", "_config.yaml", "_config.toml"),
    "hugo": ("hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config.yaml", "config.json"),
    "quartz": ("quartz.config.ts",),
    "obsidian": (".obsidian",),
}
_SECTIONS = ("posts", "post", "blog")
_NOT_IN_OBSIDIAN_NAMES = re.compile(r'[\\/:*?"<>|#^\[\]\x00-\x1f\x7f]+')


@dataclass(frozen=True)
class Published:
    path: Path
    replaced: Path | None  # an earlier file of the same post, now removed
    unchanged: bool


def latest_ended(session: Session, *, today: date) -> Sprint:
    """The latest sprint that is over (publish never picks one still running)."""
    sprint = sprint_reads.latest_ended(of_session(session), today=today)
    if sprint is None:
        raise NotFound("no sprint has ended yet; give the sprint's number to publish it anyway")
    return sprint


def engine_for(site: Path, *, given: str | None, front_matter: str) -> str:
    """The site's engine (``given`` or detected), checked against the journal's setting."""
    if not site.exists():
        raise SprintlogError(f"{site} does not exist; make the site first (or give its path)")
    if not site.is_dir():
        raise SprintlogError(f"{site} is not a directory")
    engine = given or _detect(site)
    if front_matter != engine:
        raise Conflict(
            f"the journal writes posts for {front_matter} (the front_matter setting), but "
            f"{site} is published with {engine}; run `sprintlog config set front_matter "
            f"{engine}` first"
        )
    return engine


def _detect(site: Path) -> str:
    found = [
        engine
        for engine, markers in _MARKERS.items()
        if any((site / marker).exists() for marker in markers)
    ]
    if len(found) == 1:
        return found[0]
    if not found:
        raise UsageError(
            f"cannot tell which engine publishes {site} (no _config.yml, hugo.toml, "
            "config.toml, quartz.config.ts or .obsidian/ there); give --engine"
        )
    raise UsageError(f"{site} looks like a site for {' and '.join(found)}; give --engine")


def post_path(
    site: Path, *, engine: str, number: int, title: str, day: date, url: str | None
) -> PurePosixPath:
    """Where the engine expects the post, relative to the site."""
    if engine == "obsidian":
        return PurePosixPath(f"{_obsidian_name(title, number)}.md")
    slug = _slug(url.rstrip("/").rsplit("/", 1)[-1] if url else "") or _slug(title)
    slug = slug or f"sprint-{number}"
    if engine == "jekyll":
        return PurePosixPath("_posts", f"{day.isoformat()}-{slug}.md")
    section = next((name for name in _SECTIONS if (site / "content" / name).is_dir()), None)
    if engine == "hugo":
        section = section or "posts"
    return PurePosixPath("content", *([section] if section else []), f"{slug}.md")


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")


def _obsidian_name(title: str, number: int) -> str:
    """The title as a note name: without what Obsidian's links or file systems refuse."""
    name = " ".join(_NOT_IN_OBSIDIAN_NAMES.sub(" ", title).split()).lstrip(". ")[:100]
    return name.rstrip(". ") or f"Sprint {number} review"


def write(site: Path, relative: PurePosixPath, post: str, *, number: int, force: bool) -> Published:
    """Write the post at ``relative`` in ``site``, refusing a file changed by hand.

    One publish at a time per site (a lock on the site's folder), so that two publishing
    at once each keep the other's post in the record. The record is written before the
    post, and remembers the post's previous file too: killed or failing between the two,
    the post is either file, both known to be sprintlog's, so publishing it again works.
    """
    target = _inside(site, relative)
    record_file = _inside(site, PurePosixPath(RECORD))  # checked before anything is written
    with _one_publisher(site):
        records = _read_records(record_file)
        record = records.get(str(number), {})
        earlier = _earlier_file(site, record, relative)
        data = post.encode("utf-8")
        unchanged = target.is_file() and target.read_bytes() == data
        for path in (None if unchanged else target, earlier):
            if path is not None and path.exists() and not force:
                mine = path is earlier or str(relative) == record.get("path")
                _check_untouched(path, record, mine=mine)
        records[str(number)] = _new_record(record, relative, data)
        _write_records(record_file, records)
        if not unchanged:
            _write_file(target, data)
        if earlier is not None:
            earlier.unlink(missing_ok=True)
    return Published(path=target, replaced=earlier, unchanged=unchanged)


def _new_record(old: dict[str, Any], relative: PurePosixPath, data: bytes) -> dict[str, Any]:
    """The post's record: its file and hash, and the file and hash it replaces (if any)."""
    new: dict[str, Any] = {"path": str(relative), "sha256": hashlib.sha256(data).hexdigest()}
    before = {key: old.get(key) for key in ("path", "sha256")}
    if all(isinstance(value, str) for value in before.values()) and before != new:
        new["before"] = before
    elif isinstance(old.get("before"), dict) and old.get("sha256") == new["sha256"]:
        new["before"] = old["before"]  # the same post again: what it replaced still counts
    return new


@contextmanager
def _one_publisher(site: Path) -> Iterator[None]:
    """Hold the site's publishing lock (an flock on its folder: no file left behind)."""
    descriptor = os.open(site, os.O_RDONLY | os.O_DIRECTORY)
    try:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise Conflict(
                        f"another sprintlog is publishing into {site}; try again"
                    ) from None
                time.sleep(0.02)
        yield
    finally:
        os.close(descriptor)  # releases the lock


def _inside(site: Path, relative: PurePosixPath) -> Path:
    """``site/relative``, refused if it, or a directory on the way, leads out of the site."""
    root = site.resolve()
    target = site.joinpath(*relative.parts)
    if relative.is_absolute() or ".." in relative.parts:
        raise SprintlogError(f"{relative} is not a path inside {site}")
    if not target.parent.resolve().is_relative_to(root) or target.is_symlink():
        raise SprintlogError(f"{target} leads out of {site}; not writing there")
    return target


def _earlier_file(site: Path, record: dict[str, Any], relative: PurePosixPath) -> Path | None:
    """The post's file from an earlier publish, when its name has changed since."""
    before = record.get("before")
    for recorded in (record.get("path"), before.get("path") if isinstance(before, dict) else None):
        if not isinstance(recorded, str) or recorded == str(relative):
            continue
        path = PurePosixPath(recorded)
        if path.suffix != ".md" or path.is_absolute() or ".." in path.parts:
            continue
        try:
            earlier = _inside(site, path)
        except SprintlogError:
            continue
        if earlier.is_file():
            return earlier
    return None


def _check_untouched(path: Path, record: dict[str, Any], *, mine: bool) -> None:
    """Overwrite only what holds exactly what sprintlog wrote for this post: its latest
    file, or the one it replaced (a publish stopped between the record and the post)."""
    if not path.is_file():
        raise SprintlogError(f"{path} is not a file")
    before = record.get("before")
    known = {record.get("sha256"), before.get("sha256") if isinstance(before, dict) else None}
    if hashlib.sha256(path.read_bytes()).hexdigest() in known - {None}:
        return
    raise Conflict(
        f"{path} was changed since sprintlog wrote it; use --force to replace it "
        "(your changes would be lost)"
        if mine
        else f"{path} exists and was not written by sprintlog; use --force to replace it"
    )


def _read_records(path: Path) -> dict[str, Any]:
    """What was written, by sprint; an unreadable record counts as none (so nothing is
    overwritten that sprintlog cannot show it wrote)."""
    try:
        records = json.loads(path.read_text(encoding="utf-8")).get("posts", {})
    except (OSError, ValueError, AttributeError):
        return {}
    if not isinstance(records, dict):
        return {}
    return {key: value for key, value in records.items() if isinstance(value, dict)}


def _write_records(path: Path, records: dict[str, Any]) -> None:
    text = json.dumps({"posts": records}, indent=2, sort_keys=True) + "\n"
    _write_file(path, text.encode("utf-8"))


def _write_file(path: Path, data: bytes) -> None:
    """Write all at once (a temporary file renamed into place), readable like the site's
    other files (the umask decides, not sprintlog's private mode)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        files.write_whole(path, data, mode=0o666)
    except OSError as error:
        raise SprintlogError(f"cannot write {path}: {error.strerror}") from None
