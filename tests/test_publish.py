"""sprintlog publish: into fresh and existing sites of each engine, the same file again,
never over a post edited by hand, never outside the site."""

import json
import re
from datetime import date
from pathlib import Path

import pytest
from helpers import Run

# A site of each engine as its tool makes it: the files publish detects it by.
FRESH = {
    "jekyll": {"_config.yml": "title: blog\n"},
    "hugo": {"hugo.toml": 'title = "blog"\n'},
    "quartz": {"quartz.config.ts": "export default {}\n", "content/index.md": "# Home\n"},
    "obsidian": {".obsidian/app.json": "{}\n"},
}
# Where post 1 goes in each (with post_url /ssj-{n}; Obsidian names notes by title).
EXPECTED = {
    "jekyll": "_posts/2025-03-16-ssj-1.md",
    "hugo": "content/posts/ssj-1.md",
    "quartz": "content/ssj-1.md",
    "obsidian": "Self Study Journal 1.md",
}
# Sites in use: posts already there (left alone), and the section they use.
EXISTING = {
    "jekyll": ({"_posts/2024-01-01-hello.md": "---\ntitle: Hello\n---\nHi\n"}, EXPECTED["jekyll"]),
    "hugo": ({"content/post/hello.md": "+++\ntitle = 'Hello'\n+++\n"}, "content/post/ssj-1.md"),
    "quartz": ({"content/posts/hello.md": "# Hello\n"}, "content/posts/ssj-1.md"),
    "obsidian": ({"Daily/2025-03-01.md": "notes\n"}, EXPECTED["obsidian"]),
}


def make_site(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def two_sprints(ok: Run) -> None:
    ok("config", "set", "post_url", "/ssj-{n}")
    ok("sprint", "start", "--start", "2025-03-03", "--length", "14")
    ok("goal", "add", "1", "Write", "-d", "Draft the essay.")
    ok("log", "Outline", "--date", "2025-03-04", "--goal", "1")
    ok("sprint", "start", "--start", "2025-03-17", "--length", "14")


@pytest.mark.parametrize("engine", list(FRESH))
def test_publish_into_a_fresh_site(ok: Run, two_sprints: None, tmp_path: Path, engine: str):
    ok("config", "set", "front_matter", engine)
    site = make_site(tmp_path / "site", FRESH[engine])
    result = ok("publish", "1", "--site", str(site))
    target = site / EXPECTED[engine]
    assert result.stdout == f"{target}\n/ssj-1\n"
    assert result.stderr == "Published sprint 1's post:\n"
    assert target.read_text(encoding="utf-8") == ok("render", "review", "1").stdout
    record = json.loads((site / ".sprintlog-published.json").read_text(encoding="utf-8"))
    assert record["posts"]["1"]["path"] == EXPECTED[engine]
    again = ok("publish", "1", "--site", str(site))  # the same file, unchanged
    assert (again.stdout, again.stderr) == (result.stdout, "Unchanged sprint 1's post:\n")


@pytest.mark.parametrize("engine", list(EXISTING))
def test_publish_into_an_existing_site(ok: Run, two_sprints: None, tmp_path: Path, engine: str):
    ok("config", "set", "front_matter", engine)
    present, expected = EXISTING[engine]
    site = make_site(tmp_path / "site", {**FRESH[engine], **present})
    before = {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}
    ok("publish", "1", "--site", str(site))
    assert (site / expected).is_file()
    assert all(path.read_bytes() == data for path, data in before.items())
    ok("goal", "edit", "1", "Write better", "--sprint", "1")  # the post changes
    ok("publish", "1", "--site", str(site))  # and is updated in place
    assert "Write better" in (site / expected).read_text(encoding="utf-8")
    posts = [p for p in site.rglob("*.md") if "ssj-1" in p.name or "Journal 1" in p.name]
    assert posts == [site / expected]


def test_a_post_edited_by_hand_is_not_overwritten(
    ok: Run, run: Run, two_sprints: None, tmp_path: Path
) -> None:
    site = make_site(tmp_path / "site", FRESH["jekyll"])
    ok("publish", "1", "--site", str(site))
    target = site / EXPECTED["jekyll"]
    target.write_text(target.read_text(encoding="utf-8") + "\nMy own words.\n", encoding="utf-8")
    ok("goal", "edit", "1", "Write better", "--sprint", "1")
    refused = run("publish", "1", "--site", str(site))
    assert (refused.exit_code, refused.stdout) == (1, "")
    assert refused.stderr == (
        f"Error: {target} was changed since sprintlog wrote it; use --force to replace it "
        "(your changes would be lost)\n"
    )
    assert target.read_text(encoding="utf-8").endswith("My own words.\n")
    ok("publish", "1", "--site", str(site), "--force")
    assert "My own words." not in target.read_text(encoding="utf-8")
    assert "Write better" in target.read_text(encoding="utf-8")


def test_a_file_sprintlog_did_not_write_is_not_overwritten(
    run: Run, ok: Run, two_sprints: None, tmp_path: Path
) -> None:
    site = make_site(tmp_path / "site", {**FRESH["hugo"], "content/posts/ssj-1.md": "mine\n"})
    ok("config", "set", "front_matter", "hugo")
    refused = run("publish", "1", "--site", str(site))
    assert refused.exit_code == 1
    assert "exists and was not written by sprintlog; use --force" in refused.stderr
    assert (site / "content/posts/ssj-1.md").read_text(encoding="utf-8") == "mine\n"


def test_a_renamed_post_replaces_its_earlier_file(
    ok: Run, two_sprints: None, tmp_path: Path
) -> None:
    site = make_site(tmp_path / "site", FRESH["jekyll"])
    ok("publish", "1", "--site", str(site))
    ok("config", "set", "post_url", "/review-{n}")  # a new slug: a new file name
    result = ok("publish", "1", "--site", str(site))
    assert result.stdout == f"{site / '_posts/2025-03-16-review-1.md'}\n/review-1\n"
    assert "Removed" in result.stderr
    assert sorted(p.name for p in (site / "_posts").iterdir()) == ["2025-03-16-review-1.md"]


def test_the_journal_template_is_used_as_render_review_uses_it(
    ok: Run, two_sprints: None, tmp_path: Path
) -> None:
    template = tmp_path / "post.md.j2"
    template.write_text("# {{ title }}\nMy own layout.\n", encoding="utf-8")
    ok("config", "set", "template", str(template))  # the journal keeps the text, not the path
    template.unlink()
    site = make_site(tmp_path / "site", FRESH["jekyll"])
    ok("publish", "1", "--site", str(site))
    post = (site / EXPECTED["jekyll"]).read_text(encoding="utf-8")
    assert post == ok("render", "review", "1").stdout == "# Self Study Journal #1\nMy own layout.\n"


def test_the_default_is_the_latest_ended_sprint(ok: Run, run: Run, tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FRESH["jekyll"])
    ok("sprint", "start")  # running today: not over
    refused = run("publish", "--site", str(site))
    assert refused.exit_code == 1 and "no sprint has ended yet" in refused.stderr
    ok("sprint", "close", "1")
    assert "Self Study Journal" not in ok("publish", "--site", str(site)).stdout  # no post_url
    assert len(list((site / "_posts").iterdir())) == 1


def test_the_engine_is_the_sites_not_a_setting(ok: Run, run: Run, two_sprints: None, tmp_path):
    """One journal publishes into a Hugo site and a Jekyll site, its settings untouched."""
    hugo = make_site(tmp_path / "hugo", FRESH["hugo"])
    jekyll = make_site(tmp_path / "jekyll", FRESH["jekyll"])
    ok("config", "set", "front_matter", "quartz")  # what `render` writes: not the sites'
    ok("publish", "1", "--site", str(hugo))
    ok("publish", "1", "--site", str(jekyll))
    assert (hugo / EXPECTED["hugo"]).read_text(encoding="utf-8").startswith("+++\n")
    assert '\npermalink: "/ssj-1"\n' in (jekyll / EXPECTED["jekyll"]).read_text(encoding="utf-8")
    assert ok("config", "get", "front_matter").stdout == "quartz\n"
    wrong = run("publish", "1", "--site", str(hugo), "--engine", "jekyll")
    assert (wrong.exit_code, wrong.stdout) == (2, "")
    assert wrong.stderr == (
        f"Error: {hugo} is a hugo site, not a jekyll one; "
        "leave out --engine to publish it as what it is\n"
    )
    assert "config set" not in wrong.stderr  # no advice that would break the other site
    assert not (hugo / "_posts").exists()


def test_a_site_remembers_the_engine_it_was_given(ok: Run, run: Run, two_sprints: None, tmp_path):
    both = make_site(tmp_path / "both", {**FRESH["hugo"], **FRESH["jekyll"]})
    ambiguous = run("publish", "1", "--site", str(both))
    assert ambiguous.exit_code == 2
    assert "looks like a site for jekyll and hugo; give --engine" in ambiguous.stderr
    ok("publish", "1", "--site", str(both), "--engine", "hugo")
    record = json.loads((both / ".sprintlog-published.json").read_text(encoding="utf-8"))
    assert record["engine"] == "hugo"
    ok("publish", "2", "--site", str(both))  # no --engine: the site's own
    assert (both / "content/posts/ssj-2.md").is_file() and not (both / "_posts").exists()


def test_engine_errors_write_nothing(run: Run, two_sprints: None, tmp_path: Path):
    site = make_site(tmp_path / "site", FRESH["hugo"])
    unknown = run("publish", "1", "--site", str(tmp_path))
    assert unknown.exit_code == 2 and "give --engine" in unknown.stderr
    missing = run("publish", "1", "--site", str(tmp_path / "nowhere"))
    assert (
        missing.stderr
        == f"Error: {tmp_path / 'nowhere'} does not exist; make the site first (or give its path)\n"
    )
    bad = run("publish", "1", "--site", str(site), "--engine", "wordpress")
    assert bad.exit_code == 2 and "--engine must be one of" in bad.stderr
    assert not list(tmp_path.rglob("*.md"))


def test_engine_option_overrides_detection(ok: Run, two_sprints: None, tmp_path: Path) -> None:
    ok("config", "set", "front_matter", "obsidian")
    vault = tmp_path / "vault"
    vault.mkdir()
    ok("publish", "1", "--site", str(vault), "--engine", "obsidian")
    assert (vault / EXPECTED["obsidian"]).is_file()


@pytest.mark.parametrize("engine", list(FRESH))
@pytest.mark.parametrize("title", ["../../escaped-{n}", "/tmp/abs {n}", "..", "a/../../b{n}"])
def test_never_writes_outside_the_site(
    ok: Run, two_sprints: None, tmp_path: Path, engine: str, title: str
) -> None:
    ok("config", "set", "front_matter", engine)
    ok("config", "set", "post_title", title)
    ok("config", "set", "post_url", "")
    around = tmp_path / "a" / "b"
    site = make_site(around / "site", FRESH[engine])
    path = Path(ok("publish", "1", "--site", str(site)).stdout.strip())
    assert path.resolve().is_relative_to(site.resolve())
    assert [p for p in (tmp_path / "a").rglob("*") if not p.is_relative_to(site)] == [around]
    assert not Path("/tmp/abs 1").exists()


def test_a_symlink_out_of_the_site_is_refused(run: Run, two_sprints: None, tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FRESH["jekyll"])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (site / "_posts").symlink_to(elsewhere)
    refused = run("publish", "1", "--site", str(site))
    assert refused.exit_code == 1 and "leads out of" in refused.stderr
    assert not list(elsewhere.iterdir())


def test_an_absolute_post_url_gives_the_permalink_its_path(
    ok: Run, two_sprints: None, tmp_path: Path
) -> None:
    ok("config", "set", "post_url", "https://blog.example.org/posts/ssj-{n}/")
    site = make_site(tmp_path / "site", FRESH["jekyll"])
    result = ok("publish", "1", "--site", str(site))
    target = site / EXPECTED["jekyll"]
    assert result.stdout == f"{target}\nhttps://blog.example.org/posts/ssj-1/\n"
    assert '\npermalink: "/posts/ssj-1/"\n' in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("record", ["not json", "[]", '{"posts": []}', '{"posts": {"1": 7}}'])
def test_an_unreadable_record_protects_the_post(
    ok: Run, run: Run, two_sprints: None, tmp_path: Path, record: str
) -> None:
    site = make_site(tmp_path / "site", FRESH["jekyll"])
    ok("publish", "1", "--site", str(site))
    (site / ".sprintlog-published.json").write_text(record, encoding="utf-8")
    ok("goal", "edit", "1", "Write better", "--sprint", "1")
    refused = run("publish", "1", "--site", str(site))
    assert refused.exit_code == 1 and "was not written by sprintlog" in refused.stderr


def test_a_linked_record_is_refused_before_anything_is_written(
    run: Run, two_sprints: None, tmp_path: Path
) -> None:
    site = make_site(tmp_path / "site", FRESH["jekyll"])
    (tmp_path / "record.json").write_text("{}", encoding="utf-8")
    (site / ".sprintlog-published.json").symlink_to(tmp_path / "record.json")
    refused = run("publish", "1", "--site", str(site))
    assert refused.exit_code == 1 and "leads out of" in refused.stderr
    assert not (site / "_posts").exists()
    assert (tmp_path / "record.json").read_text(encoding="utf-8") == "{}"


def test_a_running_sprint_is_published_only_when_asked_and_dated_today(
    ok: Run, run: Run, tmp_path: Path
) -> None:
    ok("config", "set", "post_url", "/ssj-{n}")
    ok("sprint", "start")  # today, for 14 days: still running
    site = make_site(tmp_path / "site", FRESH["jekyll"])
    refused = run("publish", "1", "--site", str(site))
    assert (refused.exit_code, refused.stdout) == (1, "")
    assert "sprint 1 is still running (until " in refused.stderr
    assert "give --running to publish its post as it stands, dated today" in refused.stderr
    assert not (site / "_posts").exists()
    today = date.today().isoformat()
    ok("publish", "1", "--site", str(site), "--running")
    post = site / "_posts" / f"{today}-ssj-1.md"  # never a day still to come: Jekyll skips those
    assert f"\ndate: {today}\n" in post.read_text(encoding="utf-8")


def test_next_links_a_post_only_once_it_is_in_the_site(
    ok: Run, two_sprints: None, tmp_path: Path
) -> None:
    site = make_site(tmp_path / "site", FRESH["hugo"])
    first = site / EXPECTED["hugo"]
    ok("publish", "1", "--site", str(site))
    assert "Next entry" not in first.read_text(encoding="utf-8")  # post 2 is not there yet
    result = ok("publish", "2", "--site", str(site))
    assert "Updated sprint 1's post: its Next link leads to this one.\n" in result.stderr
    assert "Next entry: [Self Study Journal #2](/ssj-2)" in first.read_text(encoding="utf-8")
    again = ok("publish", "2", "--site", str(site))
    assert "Updated" not in again.stderr


def test_a_previous_post_changed_by_hand_keeps_its_words(
    ok: Run, two_sprints: None, tmp_path: Path
) -> None:
    site = make_site(tmp_path / "site", FRESH["hugo"])
    first = site / EXPECTED["hugo"]
    ok("publish", "1", "--site", str(site))
    first.write_text(first.read_text(encoding="utf-8") + "My own words.\n", encoding="utf-8")
    result = ok("publish", "2", "--site", str(site))
    assert "Sprint 1's post in " in result.stderr and "changed by hand" in result.stderr
    assert first.read_text(encoding="utf-8").endswith("My own words.\n")


# Where each engine serves the pictures from, and the address post 1 links them at.
PICTURES = {
    "jekyll": ("assets/images", "/assets/images/"),
    "hugo": ("static/images", "/images/"),
    "quartz": ("content/images", "images/"),
    "obsidian": ("Attachments", "Attachments/"),
}


@pytest.mark.parametrize("engine", list(FRESH))
def test_pictures_go_where_the_engine_serves_them(
    ok: Run, two_sprints: None, tmp_path: Path, engine: str
) -> None:
    extra = {".obsidian/app.json": '{"attachmentFolderPath": "Attachments"}'}
    site = make_site(
        tmp_path / "site", {**FRESH[engine], **(extra if engine == "obsidian" else {})}
    )
    result = ok("publish", "1", "--site", str(site), "--images")
    folder, address = PICTURES[engine]
    names = ["ssj-1-days.svg", "ssj-1-goals.svg"]
    assert sorted(p.name for p in (site / folder).iterdir()) == names
    assert [f"Wrote {site / folder / name}." for name in names] == result.stderr.splitlines()[:2]
    post = (site / EXPECTED[engine]).read_text(encoding="utf-8")
    links = re.findall(r"!\[([^\]]*)\]\(([^)]*)\)", post)
    assert [src for _, src in links] == [address + names[1], address + names[0]]
    assert all(0 < len(alt) <= 150 for alt, _ in links)
    assert "| Goal or task | Days | Status |" in post  # the figures beside the bars


def test_the_post_images_setting_and_no_images(ok: Run, two_sprints: None, tmp_path: Path):
    site = make_site(tmp_path / "site", FRESH["jekyll"])
    ok("config", "set", "post_images", "sprints")
    ok("publish", "1", "--site", str(site))
    pictures = sorted((site / "assets" / "sprints").iterdir())
    assert [p.name for p in pictures] == ["ssj-1-days.svg", "ssj-1-goals.svg"]
    assert "](/assets/sprints/ssj-1-days.svg)" in (site / EXPECTED["jekyll"]).read_text("utf-8")
    ok("publish", "1", "--site", str(site), "--no-images")  # the pictures it wrote go too
    assert "![" not in (site / EXPECTED["jekyll"]).read_text("utf-8")
    assert list((site / "assets" / "sprints").iterdir()) == []


def test_a_picture_not_written_by_sprintlog_is_kept(
    ok: Run, run: Run, two_sprints: None, tmp_path: Path
) -> None:
    mine = {"static/images/ssj-1-days.svg": "<svg>mine</svg>"}
    site = make_site(tmp_path / "site", {**FRESH["hugo"], **mine})
    refused = run("publish", "1", "--site", str(site), "--images")
    assert refused.exit_code == 1 and "was not written by sprintlog" in refused.stderr
    assert (site / "static/images/ssj-1-days.svg").read_text() == "<svg>mine</svg>"
    assert not (site / EXPECTED["hugo"]).exists()  # nothing half-written
    assert not (site / "static/images/ssj-1-goals.svg").exists()
