"""A user's own template: where its text comes from, and the limits it runs within.

A template is a program, and one from a journal someone sent may be hostile. It runs in
Jinja2's sandbox (no Python internals), in a child process of its own (bounded.py), and
within these limits, each ending the render with a one-line error that names the
template:

- **Size.** At most MAX_OUTPUT_CHARS of output, counted as it is produced; no single
  operation may build more (``"x" * 10**10``, ``"x" | center(10**10)``, ``9 ** 10**9``),
  so that such an operation is refused by name before it starts.
  The sandbox's ``range`` already refuses more than 100,000 items.
- **Memory.** At most bounded.MAX_MEMORY more than sprintlog itself uses, however it is built
  (a string doubled with ``~`` in a loop, lists added up, ``replace`` growing a text):
  the kernel refuses the child more (bounded.py).
- **Time.** At most bounded.MAX_SECONDS on the clock, whatever the template does, its own loops
  or a slow built-in called again and again: the child is killed then (bounded.py).
- **Depth.** A macro that calls itself without end hits Python's recursion limit;
  that is caught and reported, not printed as a traceback.

The text of a user template is never a path read at render time: ``config set template
FILE`` stores the file's text in the journal, and ``--template FILE`` reads a file the
user named on the command line for one render.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from pathlib import Path
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

from sprintlog.render import bounded
from sprintlog.render.bounded import MEMORY_WORDS, TemplateError
from sprintlog.rules.setting_specs import TEMPLATE_MAX_BYTES

MAX_OUTPUT_CHARS = 10_000_000
MAX_TEMPLATE_BYTES = TEMPLATE_MAX_BYTES  # as the journal's template setting may hold
TEMPLATE_FILENAME = "<template>"  # what Jinja2 compiles a template from a string as
JOURNAL_TEMPLATE = "stored in the journal"  # "the template stored in the journal"


class TemplateLimit(Exception):
    """A template went past one of the limits; the message says which."""


@dataclass(frozen=True)
class UserTemplate:
    name: str  # for messages, after "the template": the file, or JOURNAL_TEMPLATE
    text: str


def from_file(path: Path) -> UserTemplate:
    """The template in ``path``; OSError or UnicodeDecodeError when it cannot be read."""
    with path.open("rb") as handle:
        data = handle.read(MAX_TEMPLATE_BYTES + 1)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateLimit(f"the template {path} is over {MAX_TEMPLATE_BYTES // 1024} KiB")
    return UserTemplate(str(path), data.decode("utf-8"))


def checked_for_storing(template: UserTemplate) -> str:
    """The text ``config set template`` stores: parsed first, so a typo shows now.

    Parsing a hostile text may take long or nest deep: it is bounded as rendering is.
    TemplateError says what is wrong.
    """
    bounded.run(lambda: _parsed(template), template.name)
    return stored_text(template.text)


def _parsed(template: UserTemplate) -> str:
    from jinja2 import TemplateSyntaxError

    try:
        LimitedSandbox().parse(template.text)
    except TemplateSyntaxError as error:
        raise TemplateError(
            f"the template {template.name}, line {error.lineno}: {error.message}"
        ) from None
    except RecursionError:
        raise TemplateError(f"the template {template.name}: it nests too deeply") from None
    return ""


def stored_text(text: str) -> str:
    """The setting's value for a template's text: it always holds a line break.

    Older sprintlogs stored the template's file name, which never does: the line break
    is what tells the two apart (see ``from_setting``).
    """
    return text if "\n" in text else text + "\n"


def from_setting(value: str) -> UserTemplate | None:
    """The journal's template setting as a template; None when unset.

    A value without a line break is a file name kept by an older sprintlog. sprintlog
    never opens a path that came from a journal, so that is an error saying what to do.
    """
    if not value:
        return None
    if "\n" not in value:
        raise TemplateLimit(
            f"the journal's template setting names a file ({value}), as older versions of "
            "sprintlog did; a journal can no longer make sprintlog read a file. Store the "
            "template itself with `sprintlog config set template FILE`, or unset it with "
            '`sprintlog config set template ""`'
        )
    return UserTemplate(JOURNAL_TEMPLATE, value)


class LimitedSandbox(SandboxedEnvironment):
    """Jinja2's sandbox, where no single operation builds more than the output limit."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters = {name: _sized(function) for name, function in self.filters.items()}

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
        elif operator == "**":
            _check_power(left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _check_sizes(args, kwargs)  # "x".center(10**10), "{:>10000000000}".format(1)
        return super().call(__context, __obj, *args, **kwargs)


def _sized(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that refuses a size argument past the limit (center, indent, wordwrap…)."""

    @wraps(function)  # keeps the attributes that tell Jinja2 what to pass it
    def checked(*args: Any, **kwargs: Any) -> Any:
        _check_sizes(args, kwargs)
        return function(*args, **kwargs)

    return checked


def _check_sizes(args: tuple, kwargs: dict) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and abs(value) > MAX_OUTPUT_CHARS:
            raise TemplateLimit(f"the number {value} is too large for a template")


def _check_repeat(sequence: Any, times: Any) -> None:
    if not (isinstance(sequence, (str, list, tuple)) and isinstance(times, int)):
        return
    if len(sequence) * max(times, 0) > MAX_OUTPUT_CHARS:
        raise TemplateLimit(
            f"repeating {len(sequence):,} items {times:,} times is over the limit of "
            f"{MAX_OUTPUT_CHARS:,}"
        )


def _check_power(base: Any, exponent: Any) -> None:
    if not (isinstance(base, int) and isinstance(exponent, int)):
        return
    if abs(base) > 1 and exponent > 0 and exponent * math.log2(abs(base)) > MAX_OUTPUT_CHARS:
        raise TemplateLimit(f"{base} ** {exponent} is too large a number for a template")


def render(compiled: Any, context: dict[str, Any]) -> str:
    """Render ``compiled`` within the size limit (TemplateLimit past it).

    Memory and time are bounded by the process it runs in (bounded.py).
    """
    parts: list[str] = []
    size = 0
    try:
        for chunk in compiled.generate(context):
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                raise TemplateLimit(
                    f"it produced more than the limit of {MAX_OUTPUT_CHARS:,} characters"
                )
            parts.append(chunk)
    except RecursionError:
        raise TemplateLimit("it calls itself too deeply (a macro that never stops?)") from None
    except MemoryError:
        raise TemplateLimit(MEMORY_WORDS) from None
    except OverflowError as error:  # the sandbox's range() past its limit, among others
        raise TemplateLimit(str(error)) from None
    return "".join(parts)
