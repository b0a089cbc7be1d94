"""The journal's settings: their names, defaults and how stored text is read.

No database here: the settings service (services/settings.py) reads and stores them,
through the command's Reader.
"""

import re
import string
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from sprintlog.errors import JournalError, UsageError
from sprintlog.rules.dates import WEEKDAYS
from sprintlog.rules.refs import is_valid_prefix
from sprintlog.rules.text import plural

_FORMAT = string.Formatter()


MAX_SPRINT_DAYS = 366  # a (leap) year: --length, --end, sprint edit and sprint_length alike


@dataclass(frozen=True)
class Spec:
    default: str
    help: str
    parse: Callable[[str], Any]
    strip: bool = True  # surrounding spaces are not part of the value


def _int_between(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        if not (text.isascii() and text.strip().isdigit()) or not low <= int(text) <= high:
            raise ValueError(f"a whole number from {low} to {high}")
        return int(text)

    return parse


def _prefix(text: str) -> str:
    if not is_valid_prefix(text):
        raise ValueError("1 to 12 ASCII letters or digits, starting with a letter (like SSJ)")
    return text


def _weekday(text: str) -> str:
    if text.lower() not in WEEKDAYS:
        raise ValueError("a weekday name: " + ", ".join(WEEKDAYS))
    return text.lower()


# What may follow "{n:" in a pattern: fill and alignment, sign, zero padding, a width
# under 10 and an integer presentation ("{n:03}", "{n:>2}"). A wider or nested field
# could ask str.format for gigabytes; anything but {n} could reach Python internals
# ("{n.__class__}").
_NUMBER_FORMAT = re.compile(r"(?:[^{}]?[<>=^])?[-+ ]?#?0?[0-9]?[,_]?[bdoxXn]?")


def _pattern(text: str) -> str:
    """Text with {n} where the sprint number goes (empty: unset)."""
    problem = ValueError(
        "text with {n} (or {n:3} and the like, under 10 wide) where the sprint number goes, "
        "and nothing else in braces (other braces doubled)"
    )
    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion in _FORMAT.parse(text)]
        for name, spec, conversion in fields:
            if name is None:
                continue  # literal text
            if name != "n" or conversion or not _NUMBER_FORMAT.fullmatch(spec or ""):
                raise problem
        text.format(n=2)
    except (KeyError, IndexError, ValueError, AttributeError):
        raise problem from None
    return text


def _link_prefix(text: str) -> str:
    """An address the post links to (its pictures, the post before the first): an http(s)
    address or a path, never a script."""
    text = _free_text(text).strip()
    scheme = text.split("/", 1)[0]
    if text and ":" in scheme and not text.lower().startswith(("http://", "https://")):
        raise ValueError("an http:// or https:// address, or a path like /assets/ssj")
    if any(character.isspace() or character in "<>" for character in text):
        raise ValueError("an address without spaces or angle brackets")
    return text


def _free_text(text: str) -> str:
    if "\x00" in text:
        raise ValueError("text without NUL characters")
    if len(text) > 2000:
        raise ValueError("text of at most 2,000 characters")
    return text


TEMPLATE_MAX_BYTES = 1024 * 1024


def _template_text(text: str) -> str:
    """A template's own text (empty: the built-in one), as `config set template FILE` stores it.

    A journal from an older sprintlog may hold a file name here instead; it is still a
    valid setting (so the journal opens), and rendering refuses it (render/limits.py).
    """
    if "\x00" in text:
        raise ValueError("text without NUL characters")
    if len(text.encode("utf-8", "surrogatepass")) > TEMPLATE_MAX_BYTES:
        raise ValueError(f"a template of at most {TEMPLATE_MAX_BYTES // 1024} KiB")
    return text


def shown(key: str, value: str) -> str:
    """A setting's value for a listing: a template by its first line and size."""
    if key != "template" or not value:
        return value
    if "\n" not in value:
        return f"{value} (a file name, as older versions kept; set the template again)"
    lines = value.splitlines()
    size = len(value.encode("utf-8", "surrogatepass"))
    more = "…" if len(lines) > 1 or len(lines[0]) > 60 else ""
    return f"{lines[0][:60]}{more} ({plural(len(lines), 'line')}, {plural(size, 'byte')})"


def _choice(*options: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text.lower() not in options:
            raise ValueError("one of: " + ", ".join(options))
        return text.lower()

    return parse


FRONT_MATTER_STYLES = ("jekyll", "hugo", "quartz", "obsidian", "none")

SPECS: dict[str, Spec] = {
    "prefix": Spec("SSJ", "what goal references start with (SSJ--3b)", _prefix),
    "max_goals": Spec("5", "how many numbered goals a sprint may have", _int_between(1, 9)),
    "days_per_week": Spec("4", "study days a week that meet the target", _int_between(1, 7)),
    "week_start": Spec("monday", "the first day of a week", _weekday),
    "sprint_length": Spec(
        "14", "days in a new sprint when none is given", _int_between(1, MAX_SPRINT_DAYS)
    ),
    "post_title": Spec("Self Study Journal #{n}", "the post's title ({n}: the sprint)", _pattern),
    "post_url": Spec("", "link to a post, for previous/next links (like /ssj-{n})", _pattern),
    "first_post_number": Spec(
        "1",
        "the number of sprint 1's post ({n} in post_title and post_url)",
        _int_between(1, 99999),
    ),
    "previous_post_url": Spec(
        "", "link from the first post back to the post before it (empty: none)", _link_prefix
    ),
    "epistemic_status": Spec("", "a line at the top of every post", _free_text),
    "front_matter": Spec("jekyll", "the post's front matter style", _choice(*FRONT_MATTER_STYLES)),
    "author": Spec("", "the author named in the front matter", _free_text),
    "template": Spec(
        "",
        "your Jinja2 template for the post, stored from a file (empty: the built-in one)",
        _template_text,
        strip=False,
    ),
    "post_tags": Spec(
        "self-study, sprint-review", "the front matter's tags, separated by commas", _free_text
    ),
    "post_layout": Spec("", "Jekyll front matter: the layout (empty: none)", _free_text),
    "post_categories": Spec("", "Jekyll front matter: categories, separated by commas", _free_text),
    "keep_backups": Spec(
        "5", "automatic backups kept from before upgrades (newest first)", _int_between(1, 1000)
    ),
    "post_images": Spec(
        "", "folder for the post's pictures, beside the post (empty: no pictures)", _free_text
    ),
    "post_image_url": Spec(
        "", "address the post links its pictures under (empty: relative links)", _link_prefix
    ),
}


@dataclass(frozen=True)
class Settings:
    prefix: str
    max_goals: int
    days_per_week: int
    week_start: str
    sprint_length: int
    post_title: str = "Self Study Journal #{n}"
    post_url: str = ""
    first_post_number: int = 1
    previous_post_url: str = ""
    epistemic_status: str = ""
    front_matter: str = "jekyll"
    author: str = ""
    template: str = ""
    post_tags: str = "self-study, sprint-review"
    post_layout: str = ""
    post_categories: str = ""
    keep_backups: int = 5
    post_images: str = ""
    post_image_url: str = ""


@dataclass(frozen=True)
class SettingValue:
    key: str
    value: str
    is_default: bool
    help: str


# Which settings are numbers (max_goals, days_per_week, …): Settings' own field types.
SETTING_TYPES = {item.name: int if item.type in (int, "int") else str for item in fields(Settings)}


def typed(key: str, value: str) -> str | int:
    """A setting's value as JSON gives it: the numbers (max_goals, …) as numbers."""
    if SETTING_TYPES.get(key) is int and value.strip().isascii() and value.strip().isdigit():
        return int(value)
    return value


def normalize_key(key: str) -> str:
    name = key.strip().lower().replace("-", "_")
    if name not in SPECS:
        raise UsageError(f"unknown setting {key!r}; the settings are: {', '.join(SPECS)}")
    return name


# The journal's own random id (migration 0003), stored as a setting that is not one of
# SPECS: nobody sets it. It keeps one journal's drafts from being offered in another.
JOURNAL_ID_KEY = "journal_id"

# A row that `db copy` writes into its target before copying and removes in the same
# transaction that commits the rows: while it is there, the copy did not finish.
COPY_UNFINISHED_KEY = "copy_unfinished"


def from_stored(stored: dict[str, str]) -> Settings:
    """The settings, from the stored rows (key → text); a missing key has its default."""
    if COPY_UNFINISHED_KEY in stored:
        raise JournalError(
            "this journal is an unfinished copy (a `sprintlog db copy` into it was "
            f"interrupted: {stored[COPY_UNFINISHED_KEY]}); run that db copy again"
        )
    values = {}
    for key, spec in SPECS.items():
        try:
            values[key] = spec.parse(stored.get(key, spec.default))
        except ValueError:
            raise JournalError(
                f"the journal's setting {key} holds {stored[key]!r}, which is not valid; "
                f"fix it with `sprintlog config set {key} VALUE`"
            ) from None
    return Settings(**values)
