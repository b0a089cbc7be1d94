"""The escapes sprintlog's publishing engines wrote (render/engines.py), undone.

A post sprintlog rendered for Jekyll, Hugo, Quartz or Obsidian holds the learner's notes
with what the engine would have executed made literal: ``\\{`` and ``\\$``, an empty
HTML comment between ``%%``, ``==`` or before a ``#tag``, Liquid's ``{% raw %}`` around a
note holding ``{{``, a Hugo shortcode in code written ``{{</* x */>}}``, and ``SSJ-\\-1``
or ``SSJ-<!---->-1`` for a reference. Imported as they stand, the next publish would
escape them a second time; here they become what the learner typed again. Which engine
wrote the post is read from its front matter (``+++``: Hugo; ``created:``: Obsidian;
``---``: Jekyll, or Quartz when its references are split with comments); a post without
front matter was written for no engine, and its notes are taken as they are.

Every pattern runs on text from elsewhere: each is a single pass (runs of backslashes
are matched from their first one only, as engines.py writes them).
"""

import re

from sprintlog.render import code_spans, engines

ENGINES = ("jekyll", "hugo", "quartz", "obsidian")

# An escape sprintlog wrote: a backslash that an even number of backslashes precedes.
_EVEN = r"(?<!\\)((?:\\\\)*+)\\"
_BRACE = re.compile(_EVEN + r"(\{)")
_DOLLAR = re.compile(_EVEN + r"(\$)")
_MARK_COMMENT = re.compile(r"(?<=[%=#])<!---->")
_REFERENCE = re.compile(r"(?<=[A-Za-z0-9])-(?:\\|<!---->)-(?=[0-9])")
_SHORTCODE = re.compile(r"\{\{([<%])/\*((?:[^*]|\*(?!/))*+)\*/([>%])\}\}")
_LIQUID_RAW = "{% raw %}"
_LIQUID_END = "{% endraw %}"
_LIQUID_OPENING = '{{ "{%" }}'


def engine(text: str) -> str:
    """The engine a post was rendered for, from its front matter ("none" without one)."""
    head = text.lstrip("\ufeff")[:4096]
    if head.startswith("+++\n"):
        return "hugo"
    if not head.startswith("---\n"):
        return "none"
    front = head[: head.find("\n---", 3) + 1]
    if re.search(r"^created:", front, re.M):
        return "obsidian"
    if "-<!---->-" in text:  # Quartz splits the dashes of references with a comment
        return "quartz"
    return "jekyll"


def liquid(text: str) -> str:
    """Jekyll's post without the raw blocks engines.liquid put around text holding ``{{``."""
    if _LIQUID_RAW not in text:
        return text
    parts: list[str] = []
    done = 0
    while (start := text.find(_LIQUID_RAW, done)) != -1:
        outside = text[done:start].replace(_LIQUID_OPENING, "{%")
        end = text.find(_LIQUID_END, start + len(_LIQUID_RAW))
        if end == -1:
            break
        parts += [outside, text[start + len(_LIQUID_RAW) : end]]
        done = end + len(_LIQUID_END)
    parts.append(text[done:].replace(_LIQUID_OPENING, "{%"))
    return "".join(parts)


def references(text: str) -> str:
    """``SSJ-\\-1`` and ``SSJ-<!---->-1`` as ``SSJ--1``."""
    return _REFERENCE.sub("--", text) if "-" in text else text


def prose(markdown: str, engine_name: str) -> str:
    """A note, description or log cell as the learner wrote it, from ``engine_name``'s
    escapes (code and ``$$`` math keep every character, as the engines left them)."""
    if engine_name not in ENGINES or not markdown:
        return markdown
    parts: list[str] = []
    done = 0
    for start, end in code_spans.code(markdown):
        parts.append(_outside_code(markdown[done:start], engine_name))
        parts.append(_code(markdown[start:end], engine_name))
        done = end
    parts.append(_outside_code(markdown[done:], engine_name))
    return "".join(parts)


def _outside_code(markdown: str, engine_name: str) -> str:
    parts: list[str] = []
    done = 0
    for start, end in engines.math_spans(markdown):
        parts.append(_text(markdown[done:start], engine_name))
        parts.append(markdown[start:end])
        done = end
    parts.append(_text(markdown[done:], engine_name))
    return "".join(parts)


def _text(markdown: str, engine_name: str) -> str:
    markdown = references(_DOLLAR.sub(r"\1\2", markdown))
    if engine_name in ("jekyll", "hugo"):
        return _BRACE.sub(r"\1\2", markdown)
    return _MARK_COMMENT.sub("", markdown)


def _code(code: str, engine_name: str) -> str:
    if engine_name != "hugo":
        return code
    code = code.replace("{{\u200b", "{{")
    return _SHORTCODE.sub(r"{{\1\2\3}}", code)
