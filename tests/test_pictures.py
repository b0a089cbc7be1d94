"""The post's pictures and the year's heatmap: drawn as SVG, checked as pixels.

Each SVG is rendered to PNG with a real renderer (cairosvg) and read pixel by pixel.
SPRINTLOG_UPDATE_PICTURES=1 also copies the PNGs to docs/ for the README.
"""

import html as html_module
import io
import os
import re
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import cairosvg  # the test extra's real SVG renderer (needs the system's libcairo2)
import orm_log
import pytest
import review_journal
from helpers import Run
from markdown_it import MarkdownIt
from PIL import Image

from sprintlog.render import svg
from sprintlog.services import pictures, review, settings, sprint_reads
from sprintlog.storage.journal import open_journal
from sprintlog.storage.location import locate
from sprintlog.storage.reader import of_session

SVG = "{http://www.w3.org/2000/svg}"
DOCS = Path(__file__).parent.parent / "docs"
# The light palette (sprintlog/render/templates/_svg.j2): the blue ramp, the break hatching.
STUDY = {(0xC6, 0xDB, 0xEF), (0x6B, 0xAE, 0xD6), (0x21, 0x71, 0xB5), (0x08, 0x30, 0x6B)}
BREAK = (0xD9, 0x5F, 0x02)
GOAL_BAR = (0x21, 0x71, 0xB5)
BREAK_DAY = date(2025, 3, 19)  # a day without study in the example sprint
MINUTES = [("2025-03-20", "4", 120), ("2025-03-22", "4", 60), ("2025-03-17", "3b", 45)]
MINUTES += [("2025-03-24", "2", 50), ("2025-03-21", "1", 30)]


@pytest.fixture
def example(ok: Run, journal, review_template: Path | None) -> None:
    """The example sprint 2 (9 study days of 14), with minutes: SSJ--4 has the most."""
    review_journal.made(ok, journal, review_template)
    for day, ref, minutes in MINUTES:
        ok("log", "timed", "--date", day, "--goal", ref, "--minutes", str(minutes))


def _gathered(url: str) -> review.Review:
    journal = open_journal(locate(url, default_dir=Path.cwd()))
    try:
        with journal.reading(write=False) as reader:
            config = settings.read(reader)
            chosen = sprint_reads.get(reader, number=2)
            return review.gather(reader, sprint=chosen, settings=config, today=date(2025, 4, 1))
    finally:
        journal.close()


def png(text: str, name: str | None = None) -> Image.Image:
    """The SVG as pixels (and, when updating, a PNG under docs/ named ``name``)."""
    data = cairosvg.svg2png(bytestring=text.encode("utf-8"))
    if name and os.environ.get("SPRINTLOG_UPDATE_PICTURES"):
        DOCS.mkdir(exist_ok=True)
        cairosvg.svg2png(bytestring=text.encode("utf-8"), write_to=str(DOCS / name), scale=2)
    return Image.open(io.BytesIO(data)).convert("RGBA")


def near(pixel: tuple, colour: tuple, tolerance: int = 3) -> bool:
    return pixel[3] > 250 and all(
        abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=False)
    )


def checked_svg(text: str) -> ET.Element:
    """Well-formed XML with a title and a description, and nothing active or external."""
    root = ET.fromstring(text)
    assert root.tag == f"{SVG}svg"
    assert (root.find(f"{SVG}title").text or "").strip()
    assert (root.find(f"{SVG}desc").text or "").strip()
    assert "prefers-color-scheme: dark" in text
    for banned in ("<script", "href", "@import", "url(", "<image", "<foreignObject"):
        assert banned not in text, banned
    handlers = [name for element in root.iter() for name in element.attrib if name.startswith("on")]
    assert handlers == []
    return root


def day_cells(root: ET.Element) -> dict[str, tuple[float, float, float, float]]:
    """Each day's cell: ISO day (from its tooltip) → its box."""
    cells = {}
    for group in root.iter(f"{SVG}g"):
        title, rect = group.find(f"{SVG}title"), group.find(f"{SVG}rect")
        if title is not None and rect is not None and title.text[:1].isdigit():
            box = tuple(float(rect.get(key)) for key in ("x", "y", "width", "height"))
            cells[title.text[:10]] = box
    return cells


def kind_of(image: Image.Image, box: tuple) -> str:
    x, y, w, h = (int(value) for value in box)
    region = [
        image.getpixel((i, j)) for i in range(x + 2, x + w - 2) for j in range(y + 2, y + h - 2)
    ]
    if sum(near(pixel, BREAK, 20) for pixel in region) > 10:
        return "break"
    corner = image.getpixel((x + w - 4, y + h - 4))  # away from the day's number
    return "study" if any(near(corner, colour) for colour in STUDY) else "none"


def test_the_sprint_strip_shows_nine_study_days_and_the_break(example: None, journal) -> None:
    gathered = _gathered(journal.url)
    data = pictures.sprint_days(gathered, breaks={BREAK_DAY, date(2024, 1, 1)})
    assert data.breaks == {BREAK_DAY}  # days outside the sprint are not drawn
    text = svg.sprint_days(data)
    root = checked_svg(text)
    image = png(text, "sprint-days.png")
    cells = day_cells(root)
    assert len(cells) == 14
    kinds = {day: kind_of(image, box) for day, box in cells.items()}
    studied = {day for day, _, _ in review_journal.ENTRIES}
    assert {day for day, kind in kinds.items() if kind == "study"} == studied
    assert [day for day, kind in kinds.items() if kind == "break"] == [BREAK_DAY.isoformat()]
    assert image.getpixel((1, 1))[3] == 0  # a transparent background
    assert svg.days_words(data) == "Study days: 9 of 14, 2 of 2 weeks met, 1 break day"
    assert svg.days_alt(data) == (
        "Calendar of the days of sprint 2, shaded by minutes studied, each week marked against "
        "the weekly target, break days hatched."
    )
    words = "".join(root.itertext())
    assert "2025-03-17 – 2025-03-30" in words and "less" in words and "break day" in words
    assert words.count("met") >= 2


def test_days_are_shaded_by_entries_when_no_minutes_were_logged(ok: Run, journal) -> None:
    review_journal.build(ok, journal.url)
    data = pictures.sprint_days(_gathered(journal.url))
    assert data.by == "entries" and not data.breaks
    text = svg.sprint_days(data)
    assert "more entries a day" in text
    assert svg.days_words(data) == "Study days: 9 of 14, 2 of 2 weeks met"
    assert svg.days_alt(data) == (
        "Calendar of the days of sprint 2, shaded by entries logged, each week marked against "
        "the weekly target."
    )


def test_the_goal_with_the_most_minutes_has_the_longest_bar(example: None, journal) -> None:
    bars = pictures.goal_bars(_gathered(journal.url))
    assert bars.by == "minutes"
    assert [bar.label for bar in bars.bars] == [
        "SSJ--1", "SSJ--2", "SSJ--3", "SSJ--3a", "SSJ--3b", "SSJ--4"
    ]  # fmt: skip
    text = svg.goal_bars(bars)
    root = checked_svg(text)
    image = png(text, "sprint-goals.png")
    lengths = {}
    for group in root.iter(f"{SVG}g"):
        title, rect = group.find(f"{SVG}title"), group.find(f"{SVG}rect")
        if title is None or rect is None or rect.get("class") != "goal-bar":
            continue
        row = int(float(rect.get("y")) + float(rect.get("height")) / 2)
        label = title.text.split()[0]
        lengths[label] = sum(near(image.getpixel((x, row)), GOAL_BAR) for x in range(image.width))
    longest = max(lengths, key=lengths.__getitem__)
    assert longest == "SSJ--4"
    assert all(lengths["SSJ--4"] > length for label, length in lengths.items() if label != longest)
    assert svg.goals_alt(bars) == (
        "Bar chart of the minutes logged for each goal and task of sprint 2."
    )
    alt = svg.goals_words(bars)
    assert "SSJ--4 Code: 2 days · 180 min, done" in alt
    assert "SSJ--3a Ask two instructors whether they would host a RG.: 0 days, not started" in alt


def test_user_text_in_a_picture_stays_text(ok: Run, example: None, journal) -> None:
    hostile = '<script>alert(1)</script> & "quotes" ]]> <!-- x'
    ok("goal", "edit", "1", hostile, "--sprint", "2")
    text = svg.goal_bars(pictures.goal_bars(_gathered(journal.url)))
    root = checked_svg(text)
    assert hostile[:30] in "".join(root.itertext())


def _post_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "blog"
    folder.mkdir()
    return folder


def test_the_post_embeds_both_pictures_and_every_link_resolves(
    ok: Run, example: None, tmp_path: Path
) -> None:
    blog = _post_dir(tmp_path)
    result = ok("render", "review", "2", "-o", str(blog / "ssj-2.md"), "--images", "img")
    assert result.stderr.splitlines()[-1] == f"Wrote {blog / 'ssj-2.md'}."
    folder = blog / "img"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    written = sorted(path.name for path in folder.iterdir())
    assert written == ["ssj-2-days.svg", "ssj-2-goals.svg"]
    assert all(stat.S_IMODE((folder / name).stat().st_mode) == 0o600 for name in written)
    post = (blog / "ssj-2.md").read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").enable("table").parse(post)
    images = [child for token in tokens for child in token.children or [] if child.type == "image"]
    assert [image.attrGet("src") for image in images] == [
        "img/ssj-2-goals.svg",
        "img/ssj-2-days.svg",
    ]
    html = MarkdownIt("commonmark").enable("table").render(post)
    alts = [html_module.unescape(alt) for alt in re.findall(r'alt="([^"]*)"', html)]
    assert alts == [
        "Bar chart of the minutes logged for each goal and task of sprint 2.",
        "Calendar of the days of sprint 2, shaded by minutes studied, each week marked against "
        "the weekly target.",
    ]
    assert all(len(alt) <= 150 for alt in alts)
    for image in images:
        assert (blog / image.attrGet("src")).is_file()
        checked_svg((blog / image.attrGet("src")).read_text(encoding="utf-8"))
    headings = [token.content for token in tokens if token.type == "inline"]
    goals_at, days_at = (headings.index(name) for name in ("So how did it go?", "Daily log"))
    shown = headings[goals_at + 1].replace("-\\-", "--")  # SSJ-\-1: written for Jekyll
    assert shown.startswith("![Bar chart of the minutes logged")
    # The figures beside the pictures: a table under the bars, the summary line under
    # the calendar (which its alt text does not repeat).
    assert "| SSJ--4 Code | 2 | 180 | done |" in post.replace("-\\-", "--")
    assert headings[days_at + 1].startswith("![Calendar of the days of sprint 2")
    assert headings[days_at + 2].startswith("Studied on 9 of 14 days")


def test_without_images_the_post_is_as_before(ok: Run, example: None, tmp_path: Path) -> None:
    before = ok("render", "review", "2").stdout
    assert "![" not in before
    blog = _post_dir(tmp_path)
    ok("config", "set", "post_images", "pictures")
    assert ok("render", "review", "2").stdout == before  # the setting is for posts in files
    ok("render", "review", "2", "-o", str(blog / "plain.md"), "--no-images")
    assert (blog / "plain.md").read_text(encoding="utf-8") == before
    assert not (blog / "pictures").exists()
    ok("render", "review", "2", "-o", str(blog / "post.md"))
    assert sorted(p.name for p in (blog / "pictures").iterdir()) == [
        "post-days.svg",
        "post-goals.svg",
    ]
    ok("config", "set", "post_image_url", "https://cdn.example.org/ssj/")
    ok("render", "review", "2", "-o", str(blog / "post.md"), "--force")
    post = (blog / "post.md").read_text(encoding="utf-8")
    assert "(https://cdn.example.org/ssj/post-days.svg)" in post


def test_images_go_nowhere_outside_the_posts_directory(
    run: Run, example: None, tmp_path: Path
) -> None:
    blog = _post_dir(tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (blog / "link").symlink_to(outside)
    for folder, why in (
        ("../elsewhere", "must not contain '..'"),
        ("img/../../elsewhere", "must not contain '..'"),
        (str(outside), "is outside the post's directory"),
        ("link", "is outside the post's directory"),
        ("link/deeper", "is outside the post's directory"),
        ("", "--images needs a directory"),
    ):
        result = run("render", "review", "2", "-o", str(blog / "p.md"), "--images", folder)
        assert result.exit_code == 2, folder
        assert why in result.stderr and result.stderr.startswith("Error: "), result.stderr
    assert sorted(p.name for p in blog.iterdir()) == ["link"]
    assert list(outside.iterdir()) == []
    inside = run("render", "review", "2", "-o", str(blog / "p.md"), "--images", str(blog / "in"))
    assert inside.exit_code == 0 and (blog / "in" / "p-days.svg").is_file()
    here = run("render", "review", "2", "-o", str(blog / "q.md"), "--images", ".")
    assert here.exit_code == 0 and "(q-days.svg)" in (blog / "q.md").read_text()


def test_a_taken_picture_needs_force_and_nothing_is_written(
    run: Run, example: None, tmp_path: Path
) -> None:
    blog = _post_dir(tmp_path)
    (blog / "img").mkdir()
    (blog / "img" / "p-goals.svg").write_text("mine")
    result = run("render", "review", "2", "-o", str(blog / "p.md"), "--images", "img")
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"Error: {blog / 'img' / 'p-goals.svg'} exists already; use --force to overwrite it\n"
    )
    assert sorted(p.name for p in (blog / "img").iterdir()) == ["p-goals.svg"]
    assert not (blog / "p.md").exists()
    (blog / "taken.md").write_text("mine")
    again = run("render", "review", "2", "-o", str(blog / "taken.md"), "--images", "new")
    assert again.exit_code == 1 and not (blog / "new").exists()
    forced = run("render", "review", "2", "-o", str(blog / "p.md"), "--images", "img", "--force")
    assert forced.exit_code == 0 and (blog / "img" / "p-goals.svg").read_text() != "mine"


def _log_year(url: str, today: date) -> set[date]:
    """Study days over the last year in a fixed pattern, logged in one transaction."""
    days = {today - timedelta(days=n) for n in range(0, 360) if n % 7 in (0, 2, 3, 5)}
    journal = open_journal(locate(url, default_dir=Path.cwd()))
    try:
        with journal.transaction(write=True) as session:
            config = settings.read(of_session(session))
            for day in sorted(days):
                for _ in range(1 + day.toordinal() % 3):
                    minutes = 15 + (day.toordinal() * 7) % 80
                    orm_log.add(session, text="x", day=day, settings=config, minutes=minutes)
    finally:
        journal.close()
    return days


def test_the_year_heatmap_as_svg(run: Run, ok: Run, journal, tmp_path: Path) -> None:
    from sprintlog.cli.common import today

    days = _log_year(journal.url, today())
    target = tmp_path / "year.svg"
    result = ok("streak", "--calendar", "--svg", str(target), "--by", "minutes")
    assert (result.stdout, result.stderr) == ("", f"Wrote {target}.\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = target.read_text(encoding="utf-8")
    root = checked_svg(text)
    image = png(text, "year-heatmap.png")
    kinds = {day: kind_of(image, box) for day, box in day_cells(root).items()}
    assert {day for day, kind in kinds.items() if kind == "study"} == {d.isoformat() for d in days}
    assert len(kinds) > 360 and "break" not in kinds.values()
    terminal = ok("streak", "--calendar", "--json").json()  # the same data as the terminal's
    assert len(terminal["days"]) == len(days)
    assert f"{len(days)} study days from {terminal['since']}" in "".join(root.itertext())
    for args in (["streak", "--svg", str(target)], ["streak", "-c", "--json", "--svg", "x.svg"]):
        refused = run(*args)
        assert refused.exit_code == 2 and "--svg goes with --calendar" in refused.stderr
    assert run("streak", "--calendar", "--svg", str(tmp_path)).exit_code == 1


def test_the_year_picture_marks_break_days_differently() -> None:
    from sprintlog.rules.weeks import Weeks
    from sprintlog.shown.streak_weeks import CalendarDay

    first, last = date(2025, 1, 6), date(2025, 1, 19)
    logged = {first: CalendarDay(first, 2, 0)}
    text = svg.year(logged, Weeks("monday"), first, last, "entries", breaks=[date(2025, 1, 8)])
    kinds = {day: kind_of(png(text), box) for day, box in day_cells(checked_svg(text)).items()}
    assert kinds["2025-01-06"] == "study" and kinds["2025-01-08"] == "break"
    assert sum(kind != "none" for kind in kinds.values()) == 2


@pytest.mark.sqlite_only
def test_render_review_without_images_imports_no_picture_code(example: None, journal) -> None:
    code = (
        "import sys\n"
        "from sprintlog.cli import app\n"
        "try:\n    app(['render', 'review', '2'], prog_name='sprintlog')\n"
        "except SystemExit as exit:\n    assert exit.code in (0, None), exit.code\n"
        "names = ('sprintlog.render.svg', 'sprintlog.cli.pictures',"
        " 'sprintlog.services.pictures')\n"
        "print(sorted(name for name in names if name in sys.modules))\n"
    )
    env = {**os.environ, "SPRINTLOG_DB": journal.url}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
