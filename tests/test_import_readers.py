"""The readers of other programs' files, on files those programs made (tests/fixtures).

What each reader must find is what the commands of make_fixtures.sh (and the harsh
table of fixtures/README.md) put in: days, minutes, texts and tags. Each file is read
twice, and the two readings are equal (a second import must find the same ids).
"""

import json
import re
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sprintlog.errors import BadImport
from sprintlog.services.exchange.formats import detect, harsh, jrnl, post, timew, watson
from sprintlog.services.exchange.formats.parsed import Parsed

# One backend: the readers parse files into records; storing them runs on both (test_import*.py)
pytestmark = pytest.mark.one_backend

FIXTURES = Path(__file__).parent / "fixtures"
BERLIN = ZoneInfo("Europe/Berlin")  # the zone make_fixtures.sh runs in
READERS = {"jrnl": jrnl, "watson": watson, "harsh": harsh, "timew": timew, "post": post}


def text_of(name: str) -> str:
    with open(FIXTURES / name, encoding="utf-8", newline="") as file:  # keep the CRLF
        return file.read()


def read_twice(reader, name: str, **options) -> Parsed:
    first = reader.read(text_of(name), name, **options)
    assert reader.read(text_of(name), name, **options) == first
    return first


def day(text: str) -> date:
    return date.fromisoformat(f"2025-{text}")


# --- jrnl -------------------------------------------------------------------------------

JRNL = [  # (day, text, tags) for each `jrnl` command of make_fixtures.sh, in order
    (
        "03-03",
        "Started sprint 3.\nReading about @sqlite and #python packaging today.",
        {"python", "sqlite"},
    ),
    (
        "03-03",
        "Fixed the carry bug\nThe task was carried twice.\n\n## What I did\n"
        "- wrote a test with @pytest\n- it failed without the fix",
        {"pytest", "starred"},
    ),
    ("03-03", "Second entry in the same minute, asked bob@example.com about it", set()),
    ("03-04", "Notes pasted from Windows\nLine one\r\nLine two", set()),
    (
        "03-04",
        "Why does Alembic batch mode copy the table?\nbody line with two trailing spaces  \n"
        "    indented code line\n"
        "See [the docs](https://alembic.sqlalchemy.org/en/latest/batch.html).",
        set(),
    ),
    ("03-04", "@pomodoro 4 done", {"pomodoro"}),
    # "a tag in capitals": kept as written (jrnl lists "@reading"), matched lower-cased.
    ("03-05", "Learnt שלום and مرحبا 🎉 #hebrew @Reading", {"hebrew", "Reading"}),
    ("03-06", "Review of the week, asked for at 12am, filed at nine", {"starred"}),
    ("03-07", "No time given, so jrnl files it at nine.", set()),
]


def test_jrnl_export_gives_each_entry_on_its_day_with_text_and_tags() -> None:
    parsed = read_twice(jrnl, "jrnl/export.json")
    assert parsed.source == "jrnl"
    got = [(e.day, e.text, set(e.tags)) for e in parsed.entries]
    assert got == [(day(d), text, tags) for d, text, tags in JRNL]
    assert all(e.minutes is None for e in parsed.entries)
    assert len({e.source_id for e in parsed.entries}) == len(JRNL)
    assert [e.place for e in parsed.entries][:2] == ["$.entries[0]", "$.entries[1]"]


def journal_file_texts() -> list[str]:
    """The entries of jrnl's own file, as jrnl wrote them: header and star taken off."""
    chunks = re.split(
        r"^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [AP]M\] ", text_of("jrnl/journal.txt"), flags=re.M
    )
    texts = []
    for chunk in chunks[1:]:
        first, newline, rest = chunk.rstrip("\n").partition("\n")
        texts.append(first.removesuffix(" *") + newline + rest)
    return texts


def test_jrnl_text_is_rebuilt_exactly_as_jrnl_writes_it_in_its_journal_file() -> None:
    # title + newline + body is jrnl's own Entry.__str__ (without the date and the star).
    parsed = jrnl.read(text_of("jrnl/export.json"), "export.json")
    assert [e.text for e in parsed.entries] == journal_file_texts()


def test_jrnl_uuid_is_the_source_id_and_else_its_day_and_time() -> None:
    document = json.loads(text_of("jrnl/export.json"))
    plain = jrnl.read(json.dumps(document), "x").entries
    assert [e.source_id for e in plain[:3]] == [
        "2025-03-03 09:00",
        "2025-03-03 14:30",
        "2025-03-03 14:30#2",  # the same minute: the second in file order
    ]
    document["entries"][0]["uuid"] = "6A1B2C3D4E5F"
    document["entries"][3]["title"] = "Notes pasted from Windows, corrected in jrnl"
    changed = jrnl.read(json.dumps(document), "x").entries
    assert changed[0].source_id == "6A1B2C3D4E5F"
    # A corrected text is the same entry (found again by its day and time) ...
    assert changed[3].source_id == plain[3].source_id == "2025-03-04 08:15"
    # ... and what an older sprintlog called it (a hash of day, time and text) is kept.
    assert changed[3].former_id != plain[3].former_id
    assert changed[4:] == plain[4:]


def test_jrnl_entries_carry_their_start_in_utc() -> None:
    parsed = jrnl.read(text_of("jrnl/export.json"), "x", tz=BERLIN)
    starts = [e.started_at.isoformat() for e in parsed.entries if e.started_at]
    assert starts[:2] == ["2025-03-03T08:00:00+00:00", "2025-03-03T13:30:00+00:00"]
    assert len(starts) == len(JRNL)


def test_jrnl_tags_follow_sprintlogs_own_rule() -> None:
    document = json.loads(text_of("jrnl/export.json"))
    document["entries"][0]["body"] = "Released #v1.2 of the notes, see issue #42."
    parsed = jrnl.read(json.dumps(document), "x")
    # jrnl itself lists "#v1" (its rule stops at the dot); sprintlog's keeps the version.
    assert parsed.entries[0].tags == ("v1.2",)


def test_jrnl_two_identical_entries_stay_two_with_stable_ids() -> None:
    document = json.loads(text_of("jrnl/export.json"))
    document["entries"].append(document["entries"][2])
    entries = jrnl.read(json.dumps(document), "x").entries
    assert entries[-1].text == entries[2].text
    # The third entry of that minute (and, as an older sprintlog had it, the second with
    # that day, time and text).
    assert entries[-1].source_id == "2025-03-03 14:30#3"
    assert entries[-1].former_id == f"{entries[2].former_id}#2"


def test_jrnl_tags_are_found_in_the_text_with_or_without_a_tags_list() -> None:
    document = json.loads(text_of("jrnl/export.json"))
    for entry in document["entries"]:
        del entry["tags"]
    entries = jrnl.read(json.dumps(document), "x").entries
    assert [set(e.tags) for e in entries] == [tags for _, _, tags in JRNL]


# --- Watson -------------------------------------------------------------------------------

WATSON = [  # (day, minutes, text, tags) for each frame make_fixtures.sh added or stopped
    # The project is a tag too (first), so a report by tag gives Watson's by project.
    ("03-03", 90, "sprintlog [docs, sqlite]", ("sprintlog", "docs", "sqlite")),
    ("03-03", 100, "sprintlog [late night, bugfix]", ("sprintlog", "late night", "bugfix")),
    ("03-04", 46, "reading list [book]", ("reading list", "book")),  # 45 min 30 s, half up
    ("03-04", 20, "sprintlog", ("sprintlog",)),
    ("03-05", 70, "reading list [chapter 3]", ("reading list", "chapter 3")),
    ("03-06", 68, "sprintlog [café ☕, ünïcode]", ("sprintlog", "café ☕", "ünïcode")),
    ("03-30", 60, "sprintlog [dst]", ("sprintlog", "dst")),  # 01:30 CET to 03:30 CEST: 1 h
]


def watson_rows(parsed: Parsed) -> list[tuple]:
    return [(e.day, e.minutes, e.text, e.tags) for e in parsed.entries]


@pytest.mark.parametrize("name", ["watson/frames", "watson/log.json"])
def test_watson_frames_and_log_give_one_entry_per_frame(name: str) -> None:
    parsed = read_twice(watson, name, tz=BERLIN)
    assert watson_rows(parsed) == [(day(d), m, text, tags) for d, m, text, tags in WATSON]
    frames = json.loads(text_of("watson/frames"))
    assert [e.source_id for e in parsed.entries] == [frame[3] for frame in frames]
    assert [e.started_at.timestamp() for e in parsed.entries] == [frame[0] for frame in frames]
    assert parsed.ignored == []  # the running frame is in `state`, never in these files


def test_watson_frames_and_log_agree_in_any_zone() -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    frames = watson.read(text_of("watson/frames"), "frames", tz=tokyo)
    log = watson.read(text_of("watson/log.json"), "log.json", tz=tokyo)
    assert [(e.source_id, e.day, e.minutes) for e in frames.entries] == [
        (e.source_id, e.day, e.minutes) for e in log.entries
    ]
    # 23:50 in Berlin is 07:50 the next morning in Tokyo: the local day of the start.
    assert frames.entries[1].day == date(2025, 3, 4)


def test_watson_running_frame_of_log_current_is_not_imported() -> None:
    parsed = read_twice(watson, "watson/log-current.json", tz=BERLIN)
    assert watson_rows(parsed) == watson_rows(
        watson.read(text_of("watson/log.json"), "x", tz=BERLIN)
    )
    assert parsed.ignored == ["the running Watson frame ($[7])"]


# --- Timewarrior ------------------------------------------------------------------------

TIMEW = [  # (day, minutes, text, tags) for each `timew track` of make_fixtures.sh
    ("03-03", 90, "docs, sprintlog", ("docs", "sprintlog")),
    ("03-03", 100, "bugfix, late night, sprintlog", ("bugfix", "late night", "sprintlog")),
    ("03-04", 46, 'book, reading list: Chapter 3: "Iterators" — 😀 done', ("book", "reading list")),
    ("03-05", 70, timew.UNTITLED, ()),
    ("03-30", 60, "dst, sprintlog", ("dst", "sprintlog")),
]


def test_timew_export_gives_closed_intervals_and_skips_the_open_one() -> None:
    parsed = read_twice(timew, "timew/export.json", tz=BERLIN)
    assert watson_rows(parsed) == [(day(d), m, text, tags) for d, m, text, tags in TIMEW]
    assert parsed.ignored == ["the open Timewarrior interval ($[5]), still being tracked"]
    starts = [e.started_at.strftime("%Y%m%dT%H%M%SZ") for e in parsed.entries]
    assert starts == [e.source_id for e in parsed.entries]  # found again by the start
    assert starts[0] == "20250303T080000Z"  # 09:00 in Berlin


def test_timew_ids_do_not_depend_on_timew_numbering() -> None:
    intervals = json.loads(text_of("timew/export.json"))
    first = timew.read(json.dumps(intervals), "x").entries
    for number, interval in enumerate(reversed(intervals), start=1):
        interval["id"] = number  # timew renumbers when an interval is added or removed
        interval.get("tags", []).reverse()
    again = timew.read(json.dumps(intervals[::-1]), "x").entries
    assert {e.source_id for e in again} == {e.source_id for e in first}


# --- harsh --------------------------------------------------------------------------------


def test_harsh_yes_lines_of_the_habit_become_entries_and_skips_breaks() -> None:
    parsed = read_twice(harsh, "harsh/log", habit="Studied")
    assert [(e.day, e.text, e.minutes) for e in parsed.entries] == [
        (day("03-03"), "Studied", None),  # no comment: the habit's name
        (day("03-04"), "Alembic batch mode", None),  # amounts have no unit: not minutes
        (day("03-07"), "pairing session, then notes", None),
    ]
    assert [e.source_id for e in parsed.entries] == [
        "2025-03-03:Studied",
        "2025-03-04:Studied",
        "2025-03-07:Studied",
    ]
    [skip] = parsed.breaks
    assert (skip.start, skip.end, skip.reason, skip.place) == (
        day("03-05"),
        day("03-05"),
        "sick day",
        "line 6",
    )
    assert parsed.ignored == [
        "1 'n' line(s) of Studied",
        "5 line(s) of other habits (Gym, Read a chapter)",
        "2 amount(s) of Studied (harsh records no unit: "
        "amount='minutes' or 'hours' imports them as minutes)",
    ]


def test_harsh_reads_as_harsh_does_later_line_wins() -> None:
    # log-edited.parsed.json is what harsh's own LoadLog read from the same file.
    parsed = harsh.read(
        text_of("harsh/log-edited"), "log-edited", habit="Studied", amount="minutes"
    )
    harsh_read = json.loads(text_of("harsh/log-edited.parsed.json"))
    expected = [
        (date.fromisoformat(o["day"]), o["comment"] or o["habit"], int(o["amount"]) or None)
        for o in harsh_read
        if o["habit"] == "Studied" and o["result"] == "y"
    ]
    assert [(e.day, e.text, e.minutes) for e in parsed.entries] == expected
    assert parsed.entries[2].text == "pairing session, then a blog post"  # the later line
    assert parsed.entries[2].minutes == 75


def test_harsh_other_habit_and_hours() -> None:
    parsed = harsh.read(text_of("harsh/log"), "log", habit="gym", amount="hours")
    assert [(e.day, e.text, e.minutes) for e in parsed.entries] == [(day("03-04"), "Gym", 90)]
    assert [(b.start, b.reason) for b in parsed.breaks] == [(day("03-05"), None)]


def test_harsh_consecutive_skips_are_one_break() -> None:
    lines = [
        f"2025-03-0{n} : Studied : s : {c} : "
        for n, c in [(1, "flu"), (2, ""), (3, "flu"), (5, "trip")]
    ]
    parsed = harsh.read("\n".join(lines) + "\n", "log", habit="Studied")
    assert [(b.start, b.end, b.reason, b.source_id) for b in parsed.breaks] == [
        (date(2025, 3, 1), date(2025, 3, 3), "flu", "2025-03-01:Studied"),
        (date(2025, 3, 5), date(2025, 3, 5), "trip", "2025-03-05:Studied"),
    ]


@pytest.mark.parametrize("habit", [None, "", "Swim"])
def test_harsh_habit_missing_or_unknown_lists_the_habits(habit: str | None) -> None:
    with pytest.raises(BadImport) as error:
        harsh.read(text_of("harsh/log"), "harsh/log", habit=habit)
    assert "'Gym', 'Read a chapter', 'Studied'" in error.value.message
    assert error.value.message.startswith("harsh/log: ")


# --- which reader claims which file -------------------------------------------------------

CLAIMS = {
    "jrnl/export.json": "jrnl",
    "jrnl/journal.txt": None,
    "watson/frames": "watson",
    "watson/log.json": "watson",
    "watson/log-current.json": "watson",
    "watson/state": None,
    "timew/export.json": "timew",
    "harsh/log": "harsh",
    "harsh/log-edited": "harsh",
    "harsh/log.parsed.json": None,
    "posts/review-sprint-2.md": "post",
}
SPRINTLOG_EXPORT = json.dumps({"format": "sprintlog", "version": 1, "tags": [], "entries": []})
SORTED_EXPORT = json.dumps({"entries": [], "format": "sprintlog", "tags": {}, "version": 1})


@pytest.mark.parametrize("name", sorted(CLAIMS))
def test_exactly_one_reader_claims_each_fixture(name: str) -> None:
    claims = [source for source, reader in READERS.items() if reader.looks_like(text_of(name))]
    assert claims == ([CLAIMS[name]] if CLAIMS[name] else [])


@pytest.mark.parametrize(
    "text",
    [
        SPRINTLOG_EXPORT,
        SORTED_EXPORT,
        json.dumps({"format": "sprintlog"}, indent=2),
        "",
        "[]",
        "{}",
    ],
)
def test_no_reader_claims_sprintlog_export_or_nothing(text: str) -> None:
    assert not [source for source, reader in READERS.items() if reader.looks_like(text)]


@pytest.mark.parametrize("name", sorted(CLAIMS))
def test_detect_names_the_reader_of_each_fixture(name: str) -> None:
    if CLAIMS[name] is None:
        # jrnl's own journal file is named as such, with what to import instead.
        said = "jrnl's plain-text journal" if name == "jrnl/journal.txt" else "cannot tell which"
        with pytest.raises(BadImport, match=said):
            detect.detect(text_of(name), name)
        return
    assert detect.detect(text_of(name), name) == CLAIMS[name]
    if CLAIMS[name] != "harsh":  # harsh needs --habit
        assert detect.reader(CLAIMS[name]).read(text_of(name), name).source == CLAIMS[name]
