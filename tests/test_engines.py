"""Posts built by the real engines (Jekyll, Hugo; pandoc as a reader) from a journal full of
text those engines would act on: every build clean, every string shown as typed, no
attribute from user text, every previous/next link landing on a page. Quartz and
Obsidian (no binary here) get their front matter checked as the YAML they read.

The engines come from Debian's packages, which .ci/run installs; without them these
tests are skipped, saying so.
"""

import re
import subprocess
from pathlib import Path

import engine_sites
import pytest
import review_journal
import yaml
from engine_sites import HOSTILE, MULTI_LINE, NOTE_SHOWN, NOTE_TEXTS
from helpers import Run

from sprintlog.render import engines

# One backend: Hugo and Jekyll building a rendered post: the database is not in it
pytestmark = pytest.mark.one_backend

# Quotes in a learner's note may curl; Hugo keeps an unclosed {{% in code from opening a
# shortcode with a zero-width space.
SHOWN_AS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "\u200b": ""})


@pytest.fixture
def hostile(ok: Run, journal) -> None:
    engine_sites.build(ok, journal.url)


def publish_both(ok: Run, site: Path) -> list[Path]:
    """Sprints 1 and 2 with their pictures, in that order: publishing 2 gives 1 its Next."""
    published = [ok("publish", n, "--site", str(site), "--images") for n in "12"]
    assert "Updated sprint 1's post" in published[1].stderr
    return [Path(result.stdout.splitlines()[0]) for result in published]


def check_pages(output: Path, pages: list[Path], engine: str) -> None:
    assert len(pages) == 2
    for built in pages:
        parsed = engine_sites.page(built)
        text = parsed.plain.replace("\u200b", "")
        # A one-line text shows exactly as typed, its straight quotes too; a note is the
        # learner's Markdown, and the engine's typography may curl its quotes.
        for hostile in HOSTILE:
            if hostile == "&copy;" and built == pages[1]:
                continue  # post 2 has it only in a note, where an entity is Markdown
            assert hostile in text, (built, hostile)
        for hostile in NOTE_TEXTS:
            assert hostile in text.translate(SHOWN_AS), (built, hostile)
        for shown in NOTE_SHOWN[engine]:
            assert shown in text, (built, shown)
        assert "a quote I may use later" not in text  # an HTML comment stays a comment
        assert "SSJ–1a" not in text and "SSJ—1a" not in text
        assert "*emphasis*" not in text  # the learner's Markdown is still Markdown
        assert not engine_sites.foreign_attributes(parsed)
        assert not [tag for tag, _ in parsed.elements if tag in ("script", "math", "iframe")]
        links = [value for tag, attrs in parsed.elements if tag == "a" for n, value in attrs]
        site_links = [link for link in links if link and link.startswith("/")]
        assert site_links, built
        for link in site_links:
            assert engine_sites.resolves(output, link), (built, link)
    first, second = (engine_sites.page(built).plain for built in pages)
    assert "Next entry: Self Study Journal #2" in first
    assert "Previous entry: Self Study Journal #1" in second and "Next entry" not in second
    for line in MULTI_LINE.splitlines():
        assert f"\n{line}" in first  # each on a line of its own
    check_pictures(output, pages)


def check_pictures(output: Path, pages: list[Path]) -> None:
    """Both pictures of each post are on its page, found where the page links them."""
    for built in pages:
        sources = [
            dict(attrs).get("src") or ""
            for tag, attrs in engine_sites.page(built).elements
            if tag == "img"
        ]
        assert [Path(src).name.rsplit("-", 1)[-1] for src in sources] == [
            "goals.svg",
            "days.svg",
        ], (built, sources)
        for src in sources:
            found = engine_sites.image_file(output, built, src)
            assert found is not None and found.read_bytes().startswith(b"<svg"), (built, src)


def test_jekyll_builds_the_posts_cleanly(ok: Run, hostile: None, tmp_path: Path) -> None:
    jekyll = engine_sites.need("jekyll")
    site = engine_sites.jekyll_site(tmp_path / "site")
    written = publish_both(ok, site)
    assert [path.parent.name for path in written] == ["_posts", "_posts"]
    output = engine_sites.build_site([jekyll, "build"], site)
    assert not re.search(r"warn|error|deprecat", output, re.IGNORECASE), output
    pages = [site / "_site" / "ssj-1.html", site / "_site" / "ssj-2.html"]
    check_pages(site / "_site", pages, "jekyll")


def test_hugo_builds_the_posts_cleanly(ok: Run, hostile: None, tmp_path: Path) -> None:
    hugo = engine_sites.need("hugo")
    site = engine_sites.hugo_site(tmp_path / "site")
    ok("config", "set", "front_matter", "quartz")  # the journal's setting: not the site's
    written = publish_both(ok, site)
    assert [path.parent.name for path in written] == ["posts", "posts"]
    output = engine_sites.build_site([hugo, "--panicOnWarning"], site)
    assert not re.search(r"warn|error", output, re.IGNORECASE), output
    pages = [site / "public" / "ssj-1" / "index.html", site / "public" / "ssj-2" / "index.html"]
    check_pages(site / "public", pages, "hugo")
    # Hugo leaves raw HTML out unless the site allows it: only the learner's own (the
    # comment in their notes), never HTML sprintlog wrote.
    comments = sum(path.read_text(encoding="utf-8").count("<!-- a quote") for path in written)
    omitted = sum(built.read_text(encoding="utf-8").count("raw HTML omitted") for built in pages)
    assert omitted == comments > 0


def test_pandoc_keeps_lists_and_goal_references(ok: Run, journal, tmp_path: Path) -> None:
    pandoc = engine_sites.need("pandoc")
    review_journal.build(ok, journal.url)
    ok("config", "set", "front_matter", "jekyll")  # YAML front matter, typography escaped
    post = ok("render", "review", "2").stdout
    html = subprocess.run(
        [pandoc, "--from", "markdown", "--to", "html"],
        input=post,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert "<p><strong>Math</strong></p>\n<ul" in html  # the list is not part of the line
    assert "SSJ--3b" in html and "SSJ–" not in html
    assert html.count("<li>") == html.count("</li>") >= 12


def test_an_obsidian_vault_links_its_own_notes(ok: Run, hostile: None, tmp_path: Path) -> None:
    """Previous and next are wiki-links naming notes of the vault, the pictures are in its
    attachment folder, and each note has its title among its aliases."""
    vault = tmp_path / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    (vault / ".obsidian" / "app.json").write_text('{"attachmentFolderPath": "./files"}')
    written = publish_both(ok, vault)
    links = []
    for note in written:
        text = note.read_text(encoding="utf-8")
        links += re.findall(r"\[\[([^\]|]+)(?:\|[^\]]*)?\]\]", text)
        for src in re.findall(r"!\[[^\]]*\]\(([^)]*)\)", text):
            assert (note.parent / src).is_file(), (note, src)
        properties = yaml.safe_load(text.split("---\n", 2)[1])
        assert properties["title"] in properties["aliases"]
    assert links == [note.stem for note in reversed(written)]  # 1 -> 2, 2 -> 1
    assert all((vault / f"{name}.md").is_file() for name in links)
    assert (vault / "files" / "ssj-2-days.svg").is_file()


@pytest.mark.parametrize("style", ["quartz", "obsidian"])
def test_quartz_and_obsidian_front_matter(ok: Run, hostile: None, style: str) -> None:
    ok("config", "set", "front_matter", style)
    ok("config", "set", "post_title", 'Review #{n}: "{{{{ x }}}}" & ---')
    post = ok("render", "review", "1").stdout
    assert post.startswith("---\n")
    properties = yaml.safe_load(post.split("---\n", 2)[1])
    assert properties["title"] == 'Review #1: "{{ x }}" & ---'
    date_key = "created" if style == "obsidian" else "date"
    assert str(properties[date_key]) == "2025-03-16"  # a YAML date
    assert properties["tags"] == ["self-study", "sprint-review"]
    assert properties["permalink"] == "ssj-1"  # a slug, as Quartz and Obsidian Publish read it
    assert isinstance(properties.get("aliases", []), list)


@pytest.mark.parametrize("style", ["jekyll", "hugo", "quartz", "obsidian", "none"])
def test_each_engine_escape_reads_as_the_character_in_commonmark(style: str) -> None:
    """Whatever an engine needs, a CommonMark reader shows the same text."""
    from markdown_it import MarkdownIt

    from sprintlog.render import markdown

    parser = MarkdownIt("commonmark")
    for hostile in HOSTILE:
        if style == "jekyll" and "{%" in hostile:
            continue  # Liquid reads it first; the built site shows it (test above)
        rendered = parser.renderInline(engines.text(markdown.inline(hostile), style))
        plain = re.sub(r"<!---->", "", rendered)
        assert _unescape(plain) == hostile, (style, hostile, rendered)


def _unescape(html: str) -> str:
    import html as html_module

    return html_module.unescape(html)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{% endraw %}", '{% raw %}{% endraw %}{{ "{%" }}{% raw %} endraw %}{% endraw %}'),
        ("a {", "{% raw %}a {{% endraw %}"),
        ("plain", "plain"),
        ("{%- endraw -%}", '{% raw %}{% endraw %}{{ "{%" }}{% raw %}- endraw -%}{% endraw %}'),
    ],
)
def test_liquid_raw_survives_endraw(text: str, expected: str) -> None:
    assert engines.liquid(text) == expected


def test_hugo_shortcodes_in_code_are_shown_not_run() -> None:
    assert engines.prose("`{{% notice %}}`", "hugo") == "`{{%/* notice */%}}`"
    assert engines.prose("`{{< open`", "hugo") == "`{{\u200b< open`"
    assert engines.prose("{{< youtube x >}}", "hugo") == "\\{\\{< youtube x >}}"


def test_next_only_when_the_next_sprint_exists(ok: Run) -> None:
    ok("config", "set", "post_url", "/ssj-{n}")
    ok("config", "set", "front_matter", "none")
    ok("sprint", "start", "--start", "2025-03-03", "--length", "14")
    assert "entry:" not in ok("render", "review", "1", "--link-next").stdout  # no neighbours
    ok("sprint", "start", "--start", "2025-03-17", "--length", "14")
    first, second = (ok("render", "review", n, "--link-next").stdout for n in "12")
    assert "\nNext entry: [Self Study Journal #2](/ssj-2)\n" in first
    assert "Previous entry" not in first
    assert "\nPrevious entry: [Self Study Journal #1](/ssj-1)\n" in second
    assert "Next entry" not in second


def test_stray_backticks_do_not_hide_paragraphs_from_the_escapes() -> None:
    note = 'a ` b\n\n{: onclick="x"}\n\nc ` d'
    assert engines.prose(note, "jekyll") == 'a ` b\n\n\\{: onclick="x"}\n\nc ` d'
    assert engines.prose("`{: x}` and {: y}", "jekyll") == "`{: x}` and \\{: y}"


def test_goal_references_are_escaped_outside_code_and_addresses() -> None:
    post = "---\nt: SSJ--1\n---\n[a](/x/SSJ--1) [b](<http://SSJ--2>) `SSJ--3` SSJ--4b\n"
    assert engines.references(post, "hugo") == post.replace("SSJ--4b", "SSJ-\\-4b")
    assert engines.references(post, "quartz") == post.replace("SSJ--4b", "SSJ-<!---->-4b")
    assert engines.references(post, "obsidian") == post


def test_obsidian_syntax_in_text_stays_text() -> None:
    shown = engines.text("Journal #2, \\#tag, a #b, c#d, %%x%%, ==y==", "obsidian")
    assert shown == (
        "Journal #2, \\#<!---->tag, a #<!---->b, c#d, %<!---->%x%<!---->%, =<!---->=y=<!---->="
    )
