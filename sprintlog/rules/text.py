"""What text sprintlog accepts, and how it shows stored text on a terminal.

Text is stored exactly as given (unicode, CRLF, Markdown, escape sequences). What may
not be stored (NUL, which PostgreSQL cannot store, and text over MAX_TEXT_BYTES) is the
one gate's rule (rules/stored.py); empty text is refused here. Showing text is where
control characters are made harmless.
"""

import re
from typing import Protocol, TypeVar

from sprintlog.errors import UsageError
from sprintlog.rules import stored

MAX_TEXT_BYTES = stored.MAX_TEXT_BYTES
# C0 controls but tab and newline, DEL and the C1 range: they move the cursor, recolour or
# retitle a terminal. A CR that ends a CRLF line is left alone.
_CONTROL = re.compile(r"\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def checked_text(text: str, *, what: str = "text") -> str:
    """Return ``text`` unchanged if it may be stored, else raise UsageError."""
    if not text.strip():
        raise UsageError(f"the {what} is empty")
    problem = stored.text_problem(text, what)
    if problem is not None:
        raise UsageError(problem)
    return text


def for_terminal(text: str) -> str:
    """Text with control characters shown as escapes (``\\x1b``) instead of obeyed."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


# A spreadsheet reads a cell starting with one of these as a formula (tab and CR: some
# spreadsheets drop them and read what follows, which may be one).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: ``=HYPERLINK(…)`` as ``'=HYPERLINK(…)``.

    Only text is changed, and only text a spreadsheet would take for a formula; numbers
    and dates are left alone.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def preview(text: str, *, limit: int, more: str) -> str:
    """``text`` for a listing, cut after ``limit`` characters with ``more`` saying so."""
    shown = for_terminal(text.replace("\r\n", "\n"))
    if len(text) <= limit:
        return shown
    return f"{for_terminal(text[:limit])}… ({len(text):,} characters; {more})"


def one_line(text: str, width: int | None = None) -> str:
    """The first line of ``text`` for a listing, marked when something was left out."""
    lines = text.strip().splitlines() or [""]
    first = lines[0]
    cut = len(lines) > 1
    if width is not None and len(first) > width:
        first, cut = first[: width - 1], True
    return for_terminal(first) + ("…" if cut else "")


def duration(minutes: int) -> str:
    """``45 min``, ``2 h``, ``2 h 5 min``."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def plural(count: int, word: str) -> str:
    """``1 day``, ``3 days``: English plurals of the simple kind sprintlog prints."""
    return f"{count} {word}{'' if count == 1 else 's'}"


class _Term(Protocol):
    @property
    def term(self) -> str: ...

    @property
    def expansion(self) -> str: ...


TermT = TypeVar("TermT", bound=_Term)


def acronyms_used(text: str, candidates: list[TermT]) -> list[TermT]:
    """The acronyms ``text`` uses, as whole phrases (case-sensitive; ``LLMs`` uses ``LLM``).

    Sorted by expansion, which a post prints first ("Large Language Model (LLM)").
    """
    found = [acronym for acronym in candidates if _phrase(acronym.term).search(text)]
    return sorted(found, key=lambda acronym: (acronym.expansion.casefold(), acronym.term))


def _phrase(term: str) -> re.Pattern[str]:
    # Words of a term may be wrapped onto the next line of a note; a plain plural counts.
    words = r"\s+".join(re.escape(word) for word in term.split())
    return re.compile(rf"(?<!\w){words}s?(?!\w)")
