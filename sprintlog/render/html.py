"""HTML in a learner's Markdown: kept, except what could run or load something.

A note (or a log entry) may hold HTML the learner wrote on purpose: a ``<blockquote>``, a
``<details>``, an ``<!-- aside -->``. Those stay as written, comments stay comments.
What could run or load something is shown as text instead (its ``<`` written
``&lt;``): the elements in DANGEROUS, any tag with an event attribute (``onclick``),
a ``javascript:``-like address, a ``style`` attribute loading something. So is anything
that could swallow the rest of the post: an opening tag never closed in the same text, a
closing tag that closes nothing of it, a comment never closed, and ``<`` starting
anything else HTML could read (``<!DOCTYPE``, ``<?php``, a tag cut short). Markdown
links to such addresses lose their link (``]\\(``). Code is left alone.

Every pattern here is bounded or possessive, so a note is read in linear time.
"""

import html
import re

from sprintlog.render import code_spans

# Elements that run, style or load something, or read the rest of the page as their text.
DANGEROUS = frozenset(
    {
        *("script", "style", "iframe", "frame", "frameset", "object", "embed", "applet"),
        *("link", "meta", "base", "portal", "plaintext", "xmp", "noembed", "noframes"),
        *("template", "svg", "math", "form"),
    }
)
# Elements that have no closing tag.
VOID = frozenset({"area", "br", "col", "hr", "img", "input", "source", "track", "wbr"})
_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")
_ATTRIBUTE = (
    r"\s++[A-Za-z_:][A-Za-z0-9_.:-]{0,60}+"
    r"(?:\s*+=\s*+(?:[^\s\"'=<>`]{1,2000}+|'[^']{0,2000}+'|\"[^\"]{0,2000}+\"))?+"
)
_TAG = re.compile(
    rf"<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9-]{{0,40}}+)(?P<attrs>(?:{_ATTRIBUTE}){{0,64}}+)"
    r"\s*+(?P<slash>/?)>"
)
_ATTRIBUTES = re.compile(
    r"(?P<name>[A-Za-z_:][A-Za-z0-9_.:-]*+)"
    r"(?:\s*+=\s*+(?:(?P<bare>[^\s\"'=<>`]++)|'(?P<single>[^']*+)'|\"(?P<double>[^\"]*+)\"))?+"
)
_AUTOLINK = re.compile(r"<(?P<scheme>[A-Za-z][A-Za-z0-9.+-]{1,31}+):[^\s<>]{0,4000}+>")
_EMAIL = re.compile(r"<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,200}+@[A-Za-z0-9.-]{1,200}+>")
# What could start HTML: "<" and a letter, "/", "!" or "?".
_OPENER = re.compile(r"<(?=[A-Za-z/!?])")
# A Markdown link, image or reference definition to an address that runs something.
_BAD_LINK = re.compile(
    r"(\]\(|^[ \t]{0,3}+\[[^\]\n]{1,999}+\]:)"
    r"(?=[ \t]*+<?[ \t]*+(?:javascript|vbscript|data|file):)",
    re.IGNORECASE | re.MULTILINE,
)
_HIDDEN = re.compile(r"[\x00-\x20\x7f]")


def kept(markdown: str) -> str:
    """``markdown`` with its safe HTML kept and the rest shown as text (outside code)."""
    if "<" not in markdown and "](" not in markdown and "]:" not in markdown:
        return markdown
    parts: list[str] = []
    done = 0
    for start, end in code_spans.code(markdown):
        parts.append(_outside_code(markdown[done:start]))
        parts.append(markdown[start:end])
        done = end
    parts.append(_outside_code(markdown[done:]))
    return "".join(parts)


def _outside_code(text: str) -> str:
    text = _BAD_LINK.sub(_unlinked, text)
    escaped: set[int] = set()  # positions of "<" shown as text
    opened: list[tuple[str, int]] = []  # the tags still open: (name, position)
    position = 0
    while (found := _OPENER.search(text, position)) is not None:
        at = found.start()
        position = at + 1
        if text.startswith("<!--", at):
            position = _comment(text, at, escaped)
            continue
        tag = _TAG.match(text, at)
        if tag is None:
            if not _safe_link(text, at):
                escaped.add(at)
            continue
        position = tag.end()
        name = tag["name"].lower()
        if name in DANGEROUS or _dangerous(tag["attrs"]):
            escaped.add(at)
        elif tag["close"]:
            _close(name, at, opened, escaped)
        elif name not in VOID and not tag["slash"]:
            opened.append((name, at))
    escaped.update(at for _, at in opened)  # never closed
    if not escaped:
        return text
    return "".join("&lt;" if index in escaped else text[index] for index in range(len(text)))


def _unlinked(match: re.Match[str]) -> str:
    """``](`` or a reference definition's ``[``, escaped: no link to that address."""
    opening = match[1]
    if opening == "](":
        return "]\\("
    lead = len(opening) - len(opening.lstrip())
    return opening[:lead] + "\\" + opening[lead:]


def _comment(text: str, at: int, escaped: set[int]) -> int:
    """A comment stays a comment; one never closed is text. Where to read on."""
    close = text.find("-->", at + 4)
    if close != -1:
        return close + 3
    if not text.startswith(("<!-->", "<!--->"), at):
        escaped.add(at)
    return at + 1


def _close(name: str, at: int, opened: list[tuple[str, int]], escaped: set[int]) -> None:
    """A closing tag: it closes the innermost open tag of its name (those opened inside it
    and left open are shown as text), or, closing nothing, is shown as text."""
    for index in range(len(opened) - 1, -1, -1):
        if opened[index][0] == name:
            escaped.update(position for _, position in opened[index + 1 :])
            del opened[index:]
            return
    escaped.add(at)


def _safe_link(text: str, at: int) -> bool:
    """An autolink (``<https://…>``, ``<a@b.org>``) to an address that runs nothing."""
    link = _AUTOLINK.match(text, at)
    if link is not None:
        return (link["scheme"].lower() + ":") not in _SCHEMES
    return _EMAIL.match(text, at) is not None


def _dangerous(attributes: str) -> bool:
    for attribute in _ATTRIBUTES.finditer(attributes):
        name = attribute["name"].lower()
        value = attribute["bare"] or attribute["single"] or attribute["double"] or ""
        value = _HIDDEN.sub("", html.unescape(value)).lower()
        if name.startswith("on") or name in ("srcdoc", "formaction"):
            return True
        if value.startswith(_SCHEMES):
            return True
        if name == "style" and ("url(" in value or "expression(" in value or "@import" in value):
            return True
    return False
