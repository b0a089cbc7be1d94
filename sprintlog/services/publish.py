"""Publishing a review post into a site: which engine, which files, and never over a
file someone changed by hand.

What sprintlog wrote is remembered in the site itself, in ``.sprintlog-published.json``
at its root: the site's engine, and for each sprint the post's path (relative to the
site), a SHA-256 of what was written (and of the file it replaced, ``before``), and the
same for its pictures. It is written under a lock on the site's folder, before the
posts, so two publishes at once keep each other's posts and a publish killed between
the record and the post leaves either file known as sprintlog's. The record lives
with the files it describes, so it travels with the site's repository to another
machine, covers several sites from one journal (a Hugo site and a Jekyll site each
remember their own engine), and leaves the journal untouched (publishing only reads
it). The engines skip dot files. A record is only a hint: a path in it is used only when
it stays inside the site, and a missing or unreadable record means "not written by
sprintlog", so nothing is overwritten.
"""

import fcntl
import hashlib
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from sprintlog.errors import Conflict, NotFound, SprintlogError, UsageError
from sprintlog.records import Sprint
from sprintlog.rules.post_names import obsidian_name, post_slug
from sprintlog.services import sprint_reads
from sprintlog.storage import files
from sprintlog.storage.reader import Reader

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
# Where each engine serves files from as they are, and the address they get there.
_STATIC = {"jekyll": ("assets", "/assets"), "hugo": ("static", "")}


@dataclass(frozen=True)
class Site:
    root: Path
    engine: str
    records: dict[str, Any] = field(default_factory=dict)  # sprint number -> what was written


@dataclass(frozen=True)
class PostFiles:
    """One post to write: its file and its pictures, relative to the site."""

    number: int
    path: PurePosixPath
    text: str
    pictures: dict[PurePosixPath, bytes] = field(default_factory=dict)


@dataclass(frozen=True)
class Published:
    path: Path
    replaced: Path | None  # an earlier file of the same post, now removed
    unchanged: bool


def latest_ended(reader: Reader, *, today: date) -> Sprint:
    """The latest sprint that is over (publish never picks one still running)."""
    sprint = sprint_reads.latest_ended(reader, today=today)
    if sprint is None:
        raise NotFound("no sprint has ended yet; give the sprint's number to publish it anyway")
    return sprint


def check_ended(sprint: Sprint, *, today: date, running: bool) -> None:
    """A running sprint's post is published only when asked (it is dated today, then)."""
    if running or sprint.closed_at is not None or sprint.end_day < today:
        return
    raise Conflict(
        f"sprint {sprint.number} is still running (until {sprint.end_day.isoformat()}); "
        "give --running to publish its post as it stands, dated today"
    )


def open_site(site: Path, *, given: str | None) -> Site:
    """The site, its engine (``given``, else remembered in its record, else found from its
    files) and what sprintlog wrote there."""
    if not site.exists():
        raise SprintlogError(f"{site} does not exist; make the site first (or give its path)")
    if not site.is_dir():
        raise SprintlogError(f"{site} is not a directory")
    record = _read_record(_inside(site, PurePosixPath(RECORD)))
    found = _detect(site)
    remembered = record.get("engine")
    if given is not None:
        if found and given not in found:
            raise UsageError(
                f"{site} is a {' and '.join(found)} site, not a {given} one; "
                "leave out --engine to publish it as what it is"
            )
        engine = given
    elif remembered in SITE_ENGINES and (not found or remembered in found):
        engine = remembered
    else:
        engine = _only(site, found)
    return Site(site, engine, _posts(record))


def _detect(site: Path) -> list[str]:
    return [
        engine
        for engine, markers in _MARKERS.items()
        if any((site / marker).exists() for marker in markers)
    ]


def _only(site: Path, found: list[str]) -> str:
    if len(found) == 1:
        return found[0]
    if not found:
        raise UsageError(
            f"cannot tell which engine publishes {site} (no _config.yml, hugo.toml, "
            "config.toml, quartz.config.ts or .obsidian/ there); give --engine"
        )
    raise UsageError(f"{site} looks like a site for {' and '.join(found)}; give --engine")


def is_published(site: Site, number: int) -> bool:
    """Whether sprint ``number``'s post is in the site, where sprintlog wrote it."""
    recorded = site.records.get(str(number), {}).get("path")
    path = _recorded_path(site.root, recorded, suffixes=(".md",))
    return path is not None and path.is_file()


def untouched(site: Site, number: int) -> bool:
    """Whether sprint ``number``'s post is in the site exactly as sprintlog wrote it."""
    record = site.records.get(str(number), {})
    path = _recorded_path(site.root, record.get("path"), suffixes=(".md",))
    return path is not None and path.is_file() and _sha(path) in _known(record)


def had_pictures(site: Site, number: int) -> bool:
    return bool(site.records.get(str(number), {}).get("pictures"))


def post_path(site: Site, *, number: int, title: str, day: date, url: str | None) -> PurePosixPath:
    """Where the engine expects the post, relative to the site."""
    if site.engine == "obsidian":
        return PurePosixPath(f"{obsidian_name(title, number)}.md")
    slug = post_slug(title=title, url=url, number=number)
    if site.engine == "jekyll":
        return PurePosixPath("_posts", f"{day.isoformat()}-{slug}.md")
    root = site.root
    section = next((name for name in _SECTIONS if (root / "content" / name).is_dir()), None)
    if site.engine == "hugo":
        section = section or "posts"
    return PurePosixPath("content", *([section] if section else []), f"{slug}.md")


def picture_place(site: Site, *, post: PurePosixPath, folder: str) -> tuple[PurePosixPath, str]:
    """Where the post's pictures go (relative to the site) and the address the post links
    them under: what the engine serves as it is (Jekyll's ``assets/``, Hugo's
    ``static/``), the vault's attachment folder, or a folder beside the post (Quartz)."""
    parts = _folder_parts(folder)
    if site.engine in _STATIC:
        directory, address = _STATIC[site.engine]
        inside = PurePosixPath(directory, *parts)
        return inside, "/".join([address, *parts]) + "/"
    if site.engine == "obsidian":
        inside = _attachment_folder(site.root, post)
    else:
        inside = post.parent.joinpath(*parts)
    relative = PurePosixPath(*inside.parts[len(post.parent.parts) :])
    if inside.parts[: len(post.parent.parts)] != post.parent.parts:
        relative = PurePosixPath(*[".."] * len(post.parent.parts), *inside.parts)
    return inside, (relative.as_posix() + "/" if relative.parts else "")


def _folder_parts(folder: str) -> tuple[str, ...]:
    parts = tuple(part for part in PurePosixPath(folder.strip()).parts if part not in ("/", "."))
    if not parts or ".." in parts:
        raise UsageError(f"the pictures' folder {folder!r} must be a name like images")
    return parts


def _attachment_folder(vault: Path, post: PurePosixPath) -> PurePosixPath:
    """The vault's folder for new attachments (Settings, Files and links), as Obsidian
    reads ``attachmentFolderPath``: ``/`` the vault's root, ``./x`` beside the note."""
    try:
        app = json.loads((vault / ".obsidian" / "app.json").read_text(encoding="utf-8"))
        setting = app.get("attachmentFolderPath", "/")
    except (OSError, ValueError, AttributeError):
        setting = "/"
    setting = setting if isinstance(setting, str) else "/"
    if setting.startswith("./"):
        parts = tuple(p for p in PurePosixPath(setting[2:]).parts if p not in ("/", "."))
        base = post.parent
    else:
        parts = tuple(p for p in PurePosixPath(setting).parts if p not in ("/", "."))
        base = PurePosixPath()
    return base.joinpath(*parts) if ".." not in parts else base


def write(site: Site, posts: list[PostFiles], *, force: bool) -> list[Published]:
    """Write the posts and their pictures, refusing a file changed by hand: every file is
    checked before any is written.

    One publish at a time per site (a lock on the site's folder), and the record read
    again under it, so that two publishing at once each keep the other's post in the
    record. The record is written before the posts and remembers each post's previous
    file too: killed or failing between the two, the post is either file, both known to
    be sprintlog's, so publishing it again works.
    """
    record_file = _inside(site.root, PurePosixPath(RECORD))  # checked before anything
    with _one_publisher(site.root):
        site = replace(site, records=_posts(_read_record(record_file)))
        records = dict(site.records)
        plans = [_plan(site, post, force=force) for post in posts]
        for post in posts:
            old = records.get(str(post.number), {})
            records[str(post.number)] = {
                **_new_record(old, post.path, post.text.encode("utf-8")),
                **({"pictures": _hashes(post.pictures)} if post.pictures else {}),
            }
        _write_record(record_file, site.engine, records)
        done = []
        for post, (target, earlier, unchanged, stale) in zip(posts, plans, strict=True):
            for relative, picture in post.pictures.items():
                _write_file(_inside(site.root, relative), picture)
            if not unchanged:
                _write_file(target, post.text.encode("utf-8"))
            for path in [earlier, *stale]:
                if path is not None:
                    path.unlink(missing_ok=True)
            done.append(Published(path=target, replaced=earlier, unchanged=unchanged))
    return done


def _new_record(old: dict[str, Any], relative: PurePosixPath, data: bytes) -> dict[str, Any]:
    """The post's record: its file and hash, and the file and hash it replaces (if any)."""
    new: dict[str, Any] = {"path": str(relative), "sha256": hashlib.sha256(data).hexdigest()}
    before = {key: old.get(key) for key in ("path", "sha256")}
    if all(isinstance(value, str) for value in before.values()) and before != new:
        new["before"] = before
    elif isinstance(old.get("before"), dict) and old.get("sha256") == new["sha256"]:
        new["before"] = old["before"]  # the same post again: what it replaced still counts
    return new


def _known(record: dict[str, Any]) -> set[str]:
    """The hashes of what sprintlog wrote for a post: its latest file, and the one it
    replaced (a publish stopped between the record and the post)."""
    before = record.get("before")
    found = {record.get("sha256"), before.get("sha256") if isinstance(before, dict) else None}
    return {sha for sha in found if isinstance(sha, str)}


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


def _plan(
    site: Site, post: PostFiles, *, force: bool
) -> tuple[Path, Path | None, bool, list[Path]]:
    """The post's file, its earlier file, whether it is unchanged, and pictures of an
    earlier publish that it no longer has; refused if any would lose what was not ours."""
    record = site.records.get(str(post.number), {})
    target = _inside(site.root, post.path)
    earlier = _earlier_file(site.root, record, post.path)
    unchanged = target.is_file() and target.read_bytes() == post.text.encode("utf-8")
    for path in (None if unchanged else target, earlier):
        if path is not None and path.exists() and not force:
            mine = path is earlier or str(post.path) == record.get("path")
            _check_untouched(path, _known(record), mine=mine)
    pictures = record.get("pictures")
    pictures = pictures if isinstance(pictures, dict) else {}
    for relative, data in post.pictures.items():
        path = _inside(site.root, relative)
        same = path.is_file() and path.read_bytes() == data
        if path.exists() and not force and not same:
            recorded = pictures.get(str(relative))
            _check_untouched(
                path, {recorded} if isinstance(recorded, str) else set(), mine=recorded is not None
            )
    stale = []
    for recorded, sha in pictures.items():
        path = _recorded_path(site.root, recorded, suffixes=(".svg",))
        if PurePosixPath(recorded) in post.pictures or path is None or not path.is_file():
            continue
        if _sha(path) == sha:  # ours, as we wrote it: gone with the picture
            stale.append(path)
    return target, earlier, unchanged, stale


def _hashes(pictures: dict[PurePosixPath, bytes]) -> dict[str, str]:
    return {str(path): hashlib.sha256(data).hexdigest() for path, data in pictures.items()}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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
    """The post's file from an earlier publish (or the one it replaced, if a publish
    stopped between the record and the post), when its name has changed since."""
    before = record.get("before")
    for recorded in (record.get("path"), before.get("path") if isinstance(before, dict) else None):
        if recorded == str(relative):
            continue
        earlier = _recorded_path(site, recorded, suffixes=(".md",))
        if earlier is not None and earlier.is_file():
            return earlier
    return None


def _recorded_path(site: Path, recorded: Any, *, suffixes: tuple[str, ...]) -> Path | None:
    """A path from the record, if it is one sprintlog could have written in the site."""
    if not isinstance(recorded, str):
        return None
    path = PurePosixPath(recorded)
    if path.suffix not in suffixes or path.is_absolute() or ".." in path.parts:
        return None
    try:
        return _inside(site, path)
    except SprintlogError:
        return None


def _check_untouched(path: Path, known: set[str], *, mine: bool) -> None:
    """Overwrite only what holds exactly what sprintlog wrote there (``known`` hashes)."""
    if not path.is_file():
        raise SprintlogError(f"{path} is not a file")
    if _sha(path) in known:
        return
    raise Conflict(
        f"{path} was changed since sprintlog wrote it; use --force to replace it "
        "(your changes would be lost)"
        if mine
        else f"{path} exists and was not written by sprintlog; use --force to replace it"
    )


def _read_record(path: Path) -> dict[str, Any]:
    """The site's record; an unreadable one counts as none (so nothing is overwritten
    that sprintlog cannot show it wrote)."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def _posts(record: dict[str, Any]) -> dict[str, Any]:
    """What was written, by sprint."""
    posts = record.get("posts", {})
    if not isinstance(posts, dict):
        return {}
    return {key: value for key, value in posts.items() if isinstance(value, dict)}


def _write_record(path: Path, engine: str, posts: dict[str, Any]) -> None:
    text = json.dumps({"engine": engine, "posts": posts}, indent=2, sort_keys=True) + "\n"
    _write_file(path, text.encode("utf-8"))


def _write_file(path: Path, data: bytes) -> None:
    """Write all at once (a temporary file renamed into place), readable like the site's
    other files (the umask decides, not sprintlog's private mode)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        files.write_whole(path, data, mode=0o666)
    except OSError as error:
        raise SprintlogError(f"cannot write {path}: {error.strerror}") from None
