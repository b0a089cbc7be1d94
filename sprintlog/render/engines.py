"""User text made literal for the engine that publishes the post.

markdown.py escapes user text for CommonMark. The engines then read more than CommonMark:
Jekyll runs Liquid (``{{ }}``, ``{% %}``) on the post before kramdown reads it, and
kramdown turns ``{: …}`` into HTML attributes, ``{::…}`` into extensions and ``$$`` into
math; Hugo runs shortcodes (``{{< >}}``, ``{{% %}}``) and reads ``{…}`` after a heading
as attributes; Quartz and Obsidian read ``%%comments%%``, ``==highlights==``, ``#tags``
and ``$math$``; Jekyll, Hugo and Quartz turn ``--`` into a dash and ``"`` into curly
quotes, so ``SSJ--1a`` would read as SSJ, a dash, 1a. Each function here takes text already
escaped as Markdown and makes it literal for one engine (the ``front_matter`` setting
names it), with escapes that CommonMark and kramdown both read as the character itself.

A learner's notes stay their Markdown: there only what the engine would execute or turn
into attributes is neutralised, and never inside code, where a backslash would show.
"""

import re
from bisect import bisect_left
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sprintlog.render import code_spans

if TYPE_CHECKING:
    from jinja2 import Environment

# Engines whose typography turns -- into a dash.
_TYPOGRAPHERS = {"jekyll", "hugo", "quartz"}
# Engines that read {{ or {% in a link destination (Liquid, shortcodes).
_BRACES = {"jekyll", "hugo"}

# Each engine's escapes, all read as the character itself by CommonMark and kramdown:
# \{ for kramdown's {: and {:: and Goldmark's heading attributes (and, split from its
# twin, for Liquid's {{ and Hugo's {{< and {{%), \$ for math, \- \" \' for typography.
# A character is escaped when an odd number of backslashes precedes it.
_UNESCAPED = r"(?<!\\)((?:\\\\)*)"
_BRACE = re.compile(_UNESCAPED + r"(\{)")
_DOLLAR = re.compile(_UNESCAPED + r"(\$)")
_QUOTE = re.compile(_UNESCAPED + r"([\"'])")  # straight quotes stay straight
_SECOND_DASH = re.compile(r"(?<=-)()(-)")
# Quartz's typography (remark-smartypants) reads each text node with escapes undone, so
# \- cannot keep -- from becoming a dash there; an empty HTML comment splits the node.
_QUARTZ_DASHES = "-<!---->-"
_BETWEEN_DASHES = re.compile(r"(?<=-)(?=-)")
# Quartz finds %%comments%%, ==highlights== and #tags in the text after Markdown is read,
# escapes undone, and puts a highlight's text into the page as HTML: an empty HTML
# comment between the two characters splits them into separate text nodes.
# A tag starts a word and has a letter in it (#1 is no tag).
_OBSIDIAN_MARKS = re.compile(r"(%)(?=%)|(=)(?==)|(?<![^\s\\])(#)(?=[\d_/-]*[^\W\d_])")
# A goal reference in the learner's Markdown: SSJ--1a.
_REFERENCE_DASHES = re.compile(r"(?<=[A-Za-z0-9])--(?=[0-9])")
_TEXT_ESCAPES = {
    "jekyll": (_BRACE, _DOLLAR, _SECOND_DASH, _QUOTE),
    "hugo": (_BRACE, _DOLLAR, _SECOND_DASH, _QUOTE),
    "quartz": (_DOLLAR,),
    "obsidian": (_DOLLAR,),
}
# In a learner's Markdown, outside code: only what would run or become attributes.
_PROSE_ESCAPES = {"jekyll": (_BRACE,), "hugo": (_BRACE,)}
# One rule for $ in the learner's Markdown: math only between $$ and $$ (kramdown, Quartz's
# remark-math and Obsidian read it as math; Hugo passes it on, for a site that renders
# math); every other $ is text, escaped for the engines that could read math in it.
_MATH_ENGINES = {"jekyll", "hugo", "quartz", "obsidian"}
_BLANK_LINE = re.compile(r"\n[ \t]*+\n")
_LIQUID_NEEDED = re.compile(r"\{[{%]|\{$")
# Liquid's raw tag ends at any tag token naming endraw, even "{%{% endraw %}" or
# "{% endrawx %}"; such a "{%" is written outside the raw block, as Liquid output.
_ENDRAW = re.compile(r"\{%(?=-?\s*endraw)")
# A Hugo shortcode's opening in code: {{< or {{%, closed by the first >}} or %}} after it.
_SHORTCODE_OPENING = re.compile(r"\{\{(?=[<%])")
_SHORTCODE_CLOSING = re.compile(r"(?=[>%]\}\})")


def text(escaped: str, engine: str) -> str:
    """One line of literal text (already escaped by markdown.inline), for ``engine``."""
    for pattern in _TEXT_ESCAPES.get(engine, ()):
        escaped = _escape(pattern, escaped)
    if engine == "quartz":  # first: the comments hold dashes of their own
        escaped = _BETWEEN_DASHES.sub("<!---->", escaped)
    if engine in ("quartz", "obsidian"):
        escaped = _OBSIDIAN_MARKS.sub(r"\g<0><!---->", escaped)
    return liquid(escaped) if engine == "jekyll" else escaped


def _escape(pattern: re.Pattern[str], markdown: str) -> str:
    return pattern.sub(r"\1\\\2", markdown)


def cell(escaped: str, engine: str) -> str:
    """A log-table cell (the learner's Markdown, lines joined with <br> by markdown.cell),
    for ``engine``: as their notes are (see prose).

    Hugo leaves raw HTML such as <br> out of the page by default, and a Markdown table
    cell cannot hold a line break: there each further line gets a row of its own, with
    the day and goals cells empty (the text is the log table's third cell).
    """
    literal = prose(escaped, engine)
    if engine == "hugo":
        return literal.replace("<br>", " |\n|  |  | ")
    return literal


def prose(markdown: str, engine: str) -> str:
    """A learner's Markdown (already kept from adding headings or HTML), for ``engine``."""
    if not markdown:
        return markdown
    parts: list[str] = []
    done = 0
    for start, end in code_spans.code(markdown):
        parts.append(_prose_outside_code(markdown[done:start], engine))
        parts.append(_code(markdown[start:end], engine))
        done = end
    parts.append(_prose_outside_code(markdown[done:], engine))
    joined = "".join(parts)
    return liquid(joined) if engine == "jekyll" else joined


def _prose_outside_code(markdown: str, engine: str) -> str:
    if engine not in _MATH_ENGINES or "$" not in markdown:
        return _prose_text(markdown, engine)
    parts: list[str] = []
    done = 0
    for start, end in math_spans(markdown):  # math keeps every character, as code does
        parts.append(_escape(_DOLLAR, _prose_text(markdown[done:start], engine)))
        parts.append(markdown[start:end])
        done = end
    parts.append(_escape(_DOLLAR, _prose_text(markdown[done:], engine)))
    return "".join(parts)


def _prose_text(markdown: str, engine: str) -> str:
    for pattern in _PROSE_ESCAPES.get(engine, ()):
        markdown = _escape(pattern, markdown)
    return markdown


def math_spans(markdown: str) -> list[tuple[int, int]]:
    """Where ``$$…$$`` math is (within one paragraph): the one way to write math that
    every engine either renders or passes on; every other ``$`` is text."""
    spans: list[tuple[int, int]] = []
    done = 0
    while (opening := markdown.find("$$", done)) != -1:
        closing = markdown.find("$$", opening + 2)
        if closing == -1:
            break
        if closing == opening + 2 or _BLANK_LINE.search(markdown, opening, closing):
            done = opening + 1
            continue
        spans.append((opening, closing + 2))
        done = closing + 2
    return spans


def _code(code: str, engine: str) -> str:
    """Code keeps every character; only Hugo needs a way around its shortcodes there."""
    if engine != "hugo":
        return code
    # Hugo shows {{</* x */>}} as {{< x >}}; an unclosed {{< or {{% has no such form,
    # so a zero-width space keeps it from opening a shortcode.
    closings = [match.start() for match in _SHORTCODE_CLOSING.finditer(code)]
    parts: list[str] = []
    done = 0
    while opening := _SHORTCODE_OPENING.search(code, done):
        start = opening.start()
        parts.append(code[done:start])
        # The first closing after it, looked up rather than searched for: code with
        # thousands of unclosed {{< would otherwise be read again from each of them.
        after = bisect_left(closings, start + 3)
        if after == len(closings):
            parts.append("{{\u200b")
            done = start + 2
            continue
        close = closings[after]
        parts.append(_shortcode(code[start + 2], code[start + 3 : close], code[close]))
        done = close + 3
    parts.append(code[done:])
    return "".join(parts)


def _shortcode(opening: str, inside: str, closing: str) -> str:
    if "*/" in inside or "/*" in inside or opening + closing not in ("<>", "%%"):
        return "{{\u200b" + opening + inside + closing + "}}"
    return "{{" + opening + "/*" + inside + "*/" + closing + "}}"


def url(destination: str, engine: str) -> str:
    """A link destination (already in angle brackets): braces percent-encoded for the
    engines that would read ``{{`` or ``{%`` in it; the address is the same."""
    if engine in _BRACES:
        return destination.replace("{", "%7B").replace("}", "%7D")
    return destination


def references(post: str, engine: str) -> str:
    """The whole post, its goal references (SSJ--1a) kept from becoming dashes."""
    if engine not in _TYPOGRAPHERS:
        return post
    front, body = _split_front_matter(post)
    dashes = _QUARTZ_DASHES if engine == "quartz" else r"-\\-"
    parts: list[str] = []
    done = 0
    for start, end in code_spans.protected(body):
        parts.append(_references(body[done:start], dashes))
        parts.append(body[start:end])
        done = end
    parts.append(_references(body[done:], dashes))
    return front + "".join(parts)


def _references(text: str, dashes: str) -> str:
    return _REFERENCE_DASHES.sub(dashes, text) if "--" in text else text


def _split_front_matter(post: str) -> tuple[str, str]:
    for fence in ("---\n", "+++\n"):
        if post.startswith(fence):
            end = post.find("\n" + fence, len(fence) - 1)
            if end != -1:
                cut = end + 1 + len(fence)
                return post[:cut], post[cut:]
    return "", post


def liquid(markdown: str) -> str:
    """Text Liquid outputs as it is: in a raw block when it holds ``{{`` or ``{%``.

    A text ending in ``{`` is wrapped too, so that it cannot join a ``{%`` that follows.
    """
    if not _LIQUID_NEEDED.search(markdown):
        return markdown
    body = _ENDRAW.sub('{% endraw %}{{ "{%" }}{% raw %}', markdown)
    return "{% raw %}" + body + "{% endraw %}"


def install(env: "Environment", engine: str) -> None:
    """Make the user-text filters (inline, cell, block, url) literal for ``engine``."""
    for name, finish in (("inline", text), ("cell", cell), ("block", prose), ("url", url)):
        env.filters[name] = _then(env.filters[name], finish, engine)


def _then(
    first: Callable[..., str], finish: Callable[[str, str], str], engine: str
) -> Callable[..., str]:
    def filtered(value: str | None, *args: Any, **kwargs: Any) -> str:
        return finish(first(value, *args, **kwargs), engine)  # block(level) takes a level

    return filtered
