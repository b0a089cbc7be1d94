"""A journal full of text the publishing engines would act on, tiny sites for each engine
(made in a temporary directory, no theme, no network), and checks of the built HTML."""

import os
import shutil
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import Run

from sprintlog.services import glossary, reading
from sprintlog.storage.journal import open_journal
from sprintlog.storage.location import locate

# Each is checked to appear, as text, on the built page.
HOSTILE = [
    "{{ x }}",
    "{% raw %}",
    "{% endraw %}",
    "{%{% endraw %}",
    "{%- endraw -%}",
    "{{< shortcode >}}",
    "{{% notice %}}",
    '{: onclick="alert(1)"}',
    "{::comment}",
    "$$x$$",
    "&copy;",
    "<script>alert(2)</script>",
    "a | b",
    "SSJ--1a",
    "🎉 done",
    "'single' and \"double\" quotes, don't",
]
ONE_LINE = " ".join(HOSTILE)
CATEGORY = " ".join(HOSTILE[:8])  # a category holds at most 200 characters
# A learner's note: their Markdown, with what an engine would run in text and in code.
NOTE = (
    "Learned about {{ jinja }} and {% raw %} and {% endraw %} and {{< youtube abc >}}.\n"
    '{: onclick="alert(3)"}\n\n'
    "In code: `{{% notice %}}` and `{% endraw %}` and `{{% open` and `{{< open`.\n\n"
    "Also {::comment}kept{:/comment} and $$y^2$$ and SSJ--1a, *emphasis* kept.\n\n"
    "Cost: $5 vs $10; pages 3--5, wait -- what, &copy; me.<!-- a quote I may use later -->"
)
NOTE_TEXTS = [
    "{{ jinja }}",
    "{% raw %}",
    "{% endraw %}",
    "{{< youtube abc >}}",
    '{: onclick="alert(3)"}',
    "{{% notice %}}",
    "{{% open",
    "{::comment}kept{:/comment}",
    "SSJ--1a",
    "Cost: $5 vs $10;",  # a $ is text in every engine
]
# What each engine makes of the rest of a note, as the README says: $$…$$ is math
# (kramdown writes it for MathJax; Hugo passes it on), -- a dash but between digits (as
# in a goal reference), &copy; an entity.
NOTE_SHOWN = {
    "jekyll": ["\\(y^2\\)", "pages 3--5, wait – what, © me."],
    "hugo": ["$$y^2$$", "pages 3--5, wait – what, © me."],
}
MULTI_LINE = "first line {{ x }}\nsecond line {% endraw %}\nthird | line"


def build(ok: Run, url: str) -> None:
    """Two sprints (2025), every kind of user text holding the hostile strings."""
    ok("config", "set", "post_url", "/ssj-{n}")
    ok("config", "set", "epistemic_status", ONE_LINE)
    ok("sprint", "start", "--start", "2025-03-03", "--length", "14")
    ok("goal", "add", "1", ONE_LINE, "-t", ONE_LINE, "-t", "plain task")
    ok("log", ONE_LINE, "--date", "2025-03-04", "--goal", "1a")
    ok("log", MULTI_LINE, "--date", "2025-03-05", "--goal", "1b")
    ok("note", "1a", NOTE)
    ok("sprint", "note", "1", NOTE)
    ok("acronym", "add", "RL", ONE_LINE)
    ok("sprint", "start", "--start", "2025-03-17", "--length", "14")
    ok("goal", "add", "2", "Read", "-d", ONE_LINE)
    ok("log", f"RL {ONE_LINE}", "--date", "2025-03-18", "--goal", "2")
    ok("note", "2", NOTE)
    _lists(url)


def _lists(url: str) -> None:
    journal = open_journal(locate(url, default_dir=Path.cwd()))
    try:
        with journal.reading(write=True) as reader:
            for day in (date(2025, 3, 4), date(2025, 3, 18)):
                reading.add(reader, title=ONE_LINE, today=day, category=CATEGORY)
                reading.add(
                    reader,
                    title="link {{ x }}",
                    url="https://example.org/{{x}}/{%y%}",
                    today=day,
                    category="Links",
                )
                glossary.ask(reader, text=ONE_LINE, today=day)
    finally:
        journal.close()


def need(binary: str) -> str:
    path = shutil.which(binary)
    if path is None:
        reason = f"{binary} is not installed (.ci/run installs it from Debian's packages)"
        if os.environ.get("SPRINTLOG_REQUIRE_ENGINES"):
            pytest.fail(reason)
        pytest.skip(reason)
    return path


def jekyll_site(root: Path) -> Path:
    (root / "_layouts").mkdir(parents=True)
    (root / "_config.yml").write_text(
        "title: test\ndefaults:\n  - scope: {path: ''}\n    values: {layout: post}\n",
        encoding="utf-8",
    )
    (root / "_layouts" / "post.html").write_text(PAGE.format("{{ content }}"), encoding="utf-8")
    return root


def hugo_site(root: Path) -> Path:
    layouts = root / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (root / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "test"\n'
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n',
        encoding="utf-8",
    )
    (layouts / "single.html").write_text(PAGE.format("{{ .Content }}"), encoding="utf-8")
    (layouts / "list.html").write_text(PAGE.format("{{ .Title }}"), encoding="utf-8")
    return root


PAGE = (
    "<!DOCTYPE html>\n<html><head><title>t</title></head><body><main>\n{}\n</main></body></html>\n"
)


def build_site(command: list[str], site: Path) -> str:
    """Build the site; its output (both streams), which must hold no warning."""
    done = subprocess.run(
        command, cwd=site, capture_output=True, text=True, timeout=120, check=False
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    return output


class Page(HTMLParser):
    """The text of a built page's <main>, and every element with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.text: list[str] = []
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.inside = True
        elif self.inside:
            self.elements.append((tag, attrs))
            if tag in ("br", "p", "li", "td", "tr", "h1", "h2", "h3", "h4"):
                self.text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.text.append(data)

    @property
    def plain(self) -> str:
        return "".join(self.text)


def page(path: Path) -> Page:
    parsed = Page()
    parsed.feed(path.read_text(encoding="utf-8"))
    return parsed


# What the engines themselves put on elements (ids from headings, task-list classes).
ENGINE_ATTRIBUTES = {"id", "class", "href", "type", "disabled", "checked"}
# An image (sprintlog's pictures, written as Markdown) has its address and its alt text.
IMAGE_ATTRIBUTES = {"src", "alt"}


def foreign_attributes(parsed: Page) -> list[tuple[str, str, str | None]]:
    """Attributes that did not come from the engine: any other name, or a value holding
    what was typed in the journal."""
    found = []
    for tag, attrs in parsed.elements:
        for name, value in attrs:
            typed = value and any(word in value for word in ("alert", "onclick", "script"))
            allowed = ENGINE_ATTRIBUTES | (IMAGE_ATTRIBUTES if tag == "img" else set())
            if name not in allowed or (typed and name != "id"):
                found.append((tag, name, value))
    return found


def resolves(output: Path, href: str) -> bool:
    """Whether a site-relative link finds a page, as a static server would look it up."""
    path = href.split("#", 1)[0].strip("/")
    candidates = [output / path / "index.html", output / f"{path}.html", output / path]
    return any(candidate.is_file() for candidate in candidates)


def image_file(output: Path, page_file: Path, src: str) -> Path | None:
    """The built site's file an <img src> on ``page_file`` loads, as a browser at the
    page's address (its directory, for a page built as index.html) would ask for it."""
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        return None  # not a file of this site
    path = unquote(parts.path)
    base = output if path.startswith("/") else page_file.parent
    found = (base / path.lstrip("/")).resolve()
    inside = found.is_relative_to(output.resolve()) and found.is_file()
    return found if inside else None
