"""The journal's settings: their names, defaults and how stored text is read.

No database here: the settings service (services/settings.py) stores them with the ORM,
and ``log``'s plain-SQL path (services/daylog.py) reads them with one SELECT.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sprintlog.dates import WEEKDAYS
from sprintlog.errors import JournalError, UsageError
from sprintlog.refs import is_valid_prefix


@dataclass(frozen=True)
class Spec:
    default: str
    help: str
    parse: Callable[[str], Any]


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


def _pattern(text: str) -> str:
    """Text with {n} where the sprint number goes (empty: unset)."""
    try:
        text.format(n=2)
    except (KeyError, IndexError, ValueError):
        raise ValueError(
            "text with {n} where the sprint number goes (other braces doubled)"
        ) from None
    return text


def _free_text(text: str) -> str:
    if "\x00" in text or len(text) > 2000:
        raise ValueError("text of at most 2,000 characters")
    return text


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
    "sprint_length": Spec("14", "days in a new sprint when none is given", _int_between(1, 366)),
    "post_title": Spec("Self Study Journal #{n}", "the post's title ({n}: the sprint)", _pattern),
    "post_url": Spec("", "link to a post, for previous/next links (like /ssj-{n})", _pattern),
    "epistemic_status": Spec("", "a line at the top of every post", _free_text),
    "front_matter": Spec("jekyll", "the post's front matter style", _choice(*FRONT_MATTER_STYLES)),
    "author": Spec("", "the author named in the front matter", _free_text),
    "template": Spec("", "a Jinja2 template for the post (empty: the built-in one)", _free_text),
    "post_images": Spec(
        "", "folder for the post's pictures, beside the post (empty: no pictures)", _free_text
    ),
    "post_image_url": Spec(
        "", "address the post links its pictures under (empty: relative links)", _free_text
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
    epistemic_status: str = ""
    front_matter: str = "jekyll"
    author: str = ""
    template: str = ""
    post_images: str = ""
    post_image_url: str = ""


@dataclass(frozen=True)
class SettingValue:
    key: str
    value: str
    is_default: bool
    help: str


def normalize_key(key: str) -> str:
    name = key.strip().lower().replace("-", "_")
    if name not in SPECS:
        raise UsageError(f"unknown setting {key!r}; the settings are: {', '.join(SPECS)}")
    return name


def from_stored(stored: dict[str, str]) -> Settings:
    """The settings, from the stored rows (key → text); a missing key has its default."""
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
