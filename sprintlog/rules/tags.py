"""Tags: the ``#topic`` words of an entry's text, and those given with ``--tag``.

A tag is ``#`` at a word boundary followed by letters, digits, ``-``, ``_``, ``/`` and
``.``. It is matched lower-cased (``#Kapitel`` and ``#kapitel`` are one tag, ``kapitel``)
and shown as it was first written (``Kapitel``): ``spelled_in`` gives both. What is
*not* a tag:

- a ``#`` inside a word or a URL (``C#``, ``page#part``, ``https://x.org/#part``): the
  character before ``#`` must be neither a letter/digit nor a URL character, and the word
  it starts must not be part of a URL;
- a Markdown heading (``# Title``, ``## Title``): ``#`` followed by a space or another ``#``;
- ``#`` followed by digits only (``#42``, an issue number), or by no letter at all
  (``#1.5``): a tag has at least one letter;
- a trailing ``.`` (``#math.`` at the end of a sentence is ``math``).

Pure: no database, so the parser is tested on its own (tests/test_tags.py).
"""

import functools
import re
from collections.abc import Iterable

from sprintlog.errors import UsageError
from sprintlog.rules import stored

MAX_LENGTH = stored.SIZES["entry_tag", "tag"]  # the column's size

# \w is Unicode letters, digits and "_"; the rest of the alphabet is - / .
_TAG_CHARS = r"[\w\-/.]"
_CANDIDATE = re.compile(rf"#(\w{_TAG_CHARS}*)")
# jrnl's default tag symbols: "@reading" is a tag there, by the same rule as "#reading".
_CANDIDATE_AT = re.compile(rf"[#@](\w{_TAG_CHARS}*)")
# Before a "#" that starts a tag: nothing, or a character that is neither part of a word
# nor one that URLs are made of (so "page#part" and "/#part" are not tags).
_NOT_BEFORE = re.compile(r"[\w/:.?=&%#@+~\\-]")
_WHOLE = re.compile(rf"\w{_TAG_CHARS}*")


def found_in(text: str, *, at_too: bool = False) -> list[str]:
    """The distinct tags of ``text``, lower-cased, in the order they first appear.

    ``at_too``: ``@word`` is a tag as well (jrnl's texts), by the same rule."""
    return list(spelled_in(text, at_too=at_too))


def spelled_in(text: str, *, at_too: bool = False) -> dict[str, str]:
    """The distinct tags of ``text``: lower-cased -> as first written, in order."""
    tags: dict[str, str] = {}
    for match in (_CANDIDATE_AT if at_too else _CANDIDATE).finditer(text):
        start = match.start()
        if start > 0 and _NOT_BEFORE.match(text[start - 1]):
            continue
        if _in_url(text, start):
            continue
        tag = _normalized(match.group(1))
        if tag is not None:
            tags.setdefault(tag, match.group(1).rstrip("."))
    return tags


def key(spelling: str) -> str:
    """What a tag is matched by: ``Kapitel`` is ``kapitel``."""
    return spelling.lower()


def _in_url(text: str, start: int) -> bool:
    """Whether the ``#`` at ``start`` is inside a URL: its whitespace-separated word has one."""
    word_start = max(text.rfind(c, 0, start) for c in " \t\n\r") + 1
    before = text[word_start:start]
    return "://" in before or before.lower().startswith("www.")


def _normalized(word: str) -> str | None:
    """A tag's stored form, or None when the word is no tag (no letter, too long)."""
    tag = word.rstrip(".").lower()
    if not any(char.isalpha() for char in tag) or len(tag) > MAX_LENGTH:
        return None
    return tag


def checked(given: str) -> str:
    """A tag typed on the command line (``--tag math`` or ``--tag '#math'``), lower-cased."""
    word = given.strip().removeprefix("#")
    if not _WHOLE.fullmatch(word) or word.endswith("."):
        raise UsageError(
            f"{given!r} is not a tag: use letters, digits, -, _, / and . (like math or cs/algo)"
        )
    tag = _normalized(word)
    if tag is None:
        if len(word) > MAX_LENGTH:
            raise UsageError(f"a tag has at most {MAX_LENGTH} characters")
        raise UsageError(f"{given!r} is not a tag: a tag needs at least one letter")
    return tag


def stored_form(word: str) -> str | None:
    """``word`` as a tag is stored (lower-cased), None when it cannot be one."""
    if not _WHOLE.fullmatch(word) or word.endswith("."):
        return None
    return _normalized(word)


@functools.lru_cache(maxsize=4096)  # an import asks for the same few tags many times
def from_elsewhere(word: str) -> str | None:
    """Another program's tag (Watson's "late night", timew's "Café ☕", jrnl's "@reading")
    as one of ours, as written: each run of characters a tag cannot hold becomes "-";
    None when no letter is left (or it is too long to store)."""
    core = re.sub(r"[^\w\-/.]+", "-", word.strip().lstrip("#@")).strip("-.")
    return core if core and _normalized(core) is not None else None


def of_entry(text: str, given: Iterable[str] = ()) -> list[str]:
    """An entry's tags: those in its text, then the ``--tag`` ones (already checked)."""
    return list(spelled_of_entry(text, given))


def spelled_of_entry(text: str, given: Iterable[str] = ()) -> dict[str, str]:
    """An entry's tags, lower-cased -> as written: its text's, then the ``--tag`` ones."""
    tags = spelled_in(text)
    for tag in given:
        tags.setdefault(key(tag), tag)
    return tags
