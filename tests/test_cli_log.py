from datetime import date, timedelta

import pytest
from helpers import Run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

TODAY = date.today()


def iso(days_ago: int) -> str:
    return (TODAY - timedelta(days=days_ago)).isoformat()


def test_log_today_without_a_sprint(ok: Run) -> None:
    result = ok("log", "Read about monads")
    assert result.stdout == ""
    assert result.stderr.endswith(f"Logged #1 for {TODAY:%a} {iso(0)}.\n")
    [entry] = ok("entries", "--json").json()
    assert (entry["id"], entry["day"], entry["text"], entry["goals"], entry["minutes"]) == (
        1,
        iso(0),
        "Read about monads",
        [],
        None,
    )


def test_log_with_goals_date_and_minutes(ok: Run, sprint: None) -> None:
    result = ok(
        "log",
        "Emailed Prof. K",
        "--goal",
        "SSJ--3a",
        "-g",
        "1",
        "--date",
        "yesterday",
        "--minutes",
        "20",
    )
    day = TODAY - timedelta(days=1)
    assert f"yesterday = {day:%a} {day.isoformat()}" in result.stderr
    assert "(SSJ--3a, SSJ--1)" in result.stderr
    [entry] = ok("entries", "--json").json()
    assert (entry["day"], entry["minutes"], entry["goals"]) == (iso(1), 20, ["SSJ--3a", "SSJ--1"])


def test_the_same_goal_twice_links_once(ok: Run, sprint: None) -> None:
    ok("log", "x", "-g", "3b", "-g", "SSJ--3b", "-g", "3B")
    assert ok("entries", "--json").json()[0]["goals"] == ["SSJ--3b"]


def test_several_entries_on_one_day(ok: Run, sprint: None) -> None:
    ok("log", "morning")
    ok("log", "evening")
    assert [e["text"] for e in ok("entries", "--json").json()] == ["morning", "evening"]


def test_refs_resolve_in_the_sprint_of_the_day(ok: Run, run: Run) -> None:
    ok("sprint", "start", "--start", "2026-01-01", "--length", "7")
    ok("goal", "add", "2", "Read", "--task", "Survey A")
    ok("sprint", "start", "--start", "2026-01-08", "--length", "7", "--no-carry")
    ok("goal", "add", "2", "Read", "--task", "Survey B", "--task", "Survey C")
    ok("log", "old", "--date", "2026-01-03", "--goal", "2a")
    missing = run("log", "old", "--date", "2026-01-03", "--goal", "2b")
    assert missing.exit_code == 2
    assert "SSJ--2b does not exist in sprint 1 (its tasks: a)" in missing.stderr
    ok("log", "new", "--date", "2026-01-09", "--goal", "2b")
    gap = run("log", "before", "--date", "2025-12-31", "--goal", "2")
    assert gap.exit_code == 1
    assert "no sprint contains 2025-12-31" in gap.stderr
    texts = [e["text"] for e in ok("entries", "--json").json()]
    assert texts == ["old", "new"]  # nothing of the failed logs was saved


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ("2024-02-30", "Error: '2024-02-30' is not a valid date: day is out of range for month\n"),
        ("2024-13-01", "Error: '2024-13-01' is not a valid date: month must be in 1..12\n"),
        ("2016", "Error: '2016' is not a full date but a whole year; give the day too\n"),
        (
            "garbage",
            "Error: 'garbage' is not a date; write it like 2025-03-04, today, monday or -3d\n",
        ),
        (
            "next monday",
            "Error: 'next monday' is in the future; a weekday name means the most recent one\n",
        ),
    ],
)
def test_bad_dates(run: Run, when: str, message: str, journal) -> None:
    result = run("log", "x", "--date", when)
    assert (result.exit_code, result.stderr) == (2, message)
    if journal.path:
        assert not journal.path.exists()  # rejected before the journal was even opened


def test_future_day_is_refused(run: Run) -> None:
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    result = run("log", "x", "--date", tomorrow)
    assert result.exit_code == 2
    assert "in the future" in result.stderr


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_text_is_refused(run: Run, text: str) -> None:
    result = run("log", text)
    assert (result.exit_code, result.stderr) == (2, "Error: the entry text is empty\n")


def test_bad_minutes(run: Run) -> None:
    assert run("log", "x", "--minutes", "-5").exit_code == 2
    assert run("log", "x", "--minutes", "2000").exit_code == 2
    assert run("log", "x", "--minutes", "lots").exit_code == 2


TEXTS = [
    "Topoi ch.1: categories, drew the commuting diagrams",
    "unicode: ∀ε>0 ∃δ — naïve café 日本語 🐙🧮",
    "RTL: שלום עולם مرحبا",
    "CRLF line one\r\nline two\r\n",
    "# Markdown *em* | pipe | `code` <script>alert(1)</script>\n> quote",
    "[bold red]not markup[/bold red] :smile: [link=x]y[/link]",
    "quotes ' \" ; DROP TABLE entry; --",
    "tab\tand\nnewline",
    "escape \x1b[31mred\x1b[0m and bell \x07",
]


@pytest.mark.parametrize("text", TEXTS)
def test_text_is_stored_and_given_back_exactly(ok: Run, text: str, db) -> None:
    ok("log", text)
    assert ok("entries", "--json").json()[0]["text"] == text
    assert db("SELECT text FROM entry") == [(text,)]


def test_text_from_stdin(ok: Run) -> None:
    ok("log", "-", input="from a pipe\nsecond line\n")
    # The line end that ends the input is no part of the text (no empty last row).
    assert ok("entries", "--json").json()[0]["text"] == "from a pipe\nsecond line"
    ok("log", "-", input="a heredoc\r\n\n")
    assert ok("entries", "--json").json()[1]["text"] == "a heredoc\r\n"


def test_one_megabyte_of_text(ok: Run, db) -> None:
    text = ("∀ 1 MB of notes, line after line. " * 30_000)[:1_000_000]
    ok("log", "-", input=text)
    assert db("SELECT length(text) FROM entry") == [(len(text),)]
    assert ok("entries", "--json").json()[0]["text"] == text


def test_text_over_the_limit_is_refused(run: Run) -> None:
    result = run("log", "-", input="x" * (5 * 1024 * 1024))
    assert result.exit_code == 2
    assert "over the limit of 4 MiB" in result.stderr


def test_nul_is_refused(run: Run) -> None:
    result = run("log", "-", input="before\x00after")
    assert result.exit_code == 2
    assert "NUL character" in result.stderr


def test_invalid_utf8_on_stdin(run: Run) -> None:
    result = run("log", "-", input=b"\xff\xfe bad")
    assert (result.exit_code, result.stderr) == (2, "Error: standard input is not valid UTF-8\n")


def test_terminal_output_escapes_control_characters(ok: Run) -> None:
    ok("log", "escape \x1b]0;pwned\x07 and \x1b[31mred")
    shown = ok("entries").stdout
    assert "\x1b" not in shown and "\x07" not in shown
    assert "\\x1b]0;pwned\\x07" in shown
    assert "\\x1b[31mred" in shown


def test_markup_is_printed_literally(ok: Run) -> None:
    ok("log", "[bold]x[/bold] :smile:")
    assert "[bold]x[/bold] :smile:" in ok("entries").stdout


@settings(
    max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
        min_size=1,
        max_size=200,
    ).filter(lambda text: text.strip() and text != "-")
)
def test_any_text_round_trips(ok: Run, text: str) -> None:
    ok("log", "--", text)  # "--": a text may start with a dash
    assert ok("entries", "--json").json()[-1]["text"] == text


def test_filters(ok: Run, sprint: None) -> None:
    ok("log", "old", "--date", "-3d", "--goal", "3a")
    ok("log", "100% done with set_theory", "--date", "-2d", "--goal", "1")
    ok("log", "today's TOPOI", "--goal", "3b")

    def texts(*args: str) -> list[str]:
        return [e["text"] for e in ok("entries", "--json", *args).json()]

    assert texts() == ["old", "100% done with set_theory", "today's TOPOI"]
    assert texts("--since", "-2d") == ["100% done with set_theory", "today's TOPOI"]
    assert texts("--until", "yesterday") == ["old", "100% done with set_theory"]
    assert texts("--goal", "3") == ["old", "today's TOPOI"]
    assert texts("--goal", "SSJ--3b") == ["today's TOPOI"]
    assert texts("--grep", "topoi") == ["today's TOPOI"]
    assert texts("--grep", "%") == ["100% done with set_theory"]
    assert texts("--grep", "_") == ["100% done with set_theory"]
    assert texts("--grep", "t_e") == []
    assert texts("--sprint", "1") == ["old", "100% done with set_theory", "today's TOPOI"]


def test_grep_ignores_case_beyond_ascii(ok: Run, sprint: None) -> None:
    ok("log", "Über Kategorien, ΣΥΝΟΛΑ")
    for asked in ("über", "ÜBER", "σύνολα".upper().replace("Ύ", "Υ"), "kategorien"):
        found = [e["text"] for e in ok("entries", "--json", "--grep", asked).json()]
        assert found == ["Über Kategorien, ΣΥΝΟΛΑ"], asked


def test_filters_with_no_match(ok: Run) -> None:
    ok("log", "x")
    result = ok("entries", "--grep", "nothing")
    assert (result.stdout, result.stderr) == ("", "No entries found.\n")


def test_edit_entry(ok: Run, run: Run, sprint: None) -> None:
    ok("log", "first", "--goal", "3a")
    ok("entry", "edit", "1", "first, corrected", "--minutes", "30")
    ok("entry", "edit", "1", "--goal", "3b", "--goal", "1")
    [entry] = ok("entries", "--json").json()
    assert (entry["text"], entry["minutes"], entry["goals"]) == (
        "first, corrected",
        30,
        ["SSJ--3b", "SSJ--1"],
    )
    ok("entry", "edit", "1", "--minutes", "0", "--goal", "none")
    [entry] = ok("entries", "--json").json()
    assert (entry["minutes"], entry["goals"]) == (None, [])
    assert run("entry", "edit", "1").exit_code == 2
    assert (
        run("entry", "edit", "7", "x").stderr
        == "Error: there is no entry #7 (see `sprintlog entries`)\n"
    )


def test_moving_an_entry_to_another_sprint_needs_its_goals(ok: Run, run: Run) -> None:
    ok("sprint", "start", "--start", "2026-01-01", "--length", "7")
    ok("goal", "add", "1", "Write")
    ok("sprint", "start", "--start", "2026-01-08", "--length", "7", "--no-carry")
    ok("goal", "add", "1", "Write")
    ok("log", "x", "--date", "2026-01-02", "--goal", "1")
    refused = run("entry", "edit", "1", "--date", "2026-01-09")
    assert refused.exit_code == 2 and "another sprint" in refused.stderr
    ok("entry", "edit", "1", "--date", "2026-01-09", "--goal", "1")
    assert ok("entries", "--sprint", "2", "--json").json()[0]["goals"] == ["SSJ--1"]


def test_remove_entry(ok: Run, run: Run, db) -> None:
    ok("log", "secret notes")
    refused = run("entry", "rm", "1")
    assert refused.exit_code == 1 and "pass --yes" in refused.stderr
    ok("entry", "rm", "1", "--yes")
    assert ok("entries", "--json").json() == []
    assert db("SELECT count(*) FROM entry") == [(0,)]
    assert (
        run("entry", "rm", "1", "--yes").stderr
        == "Error: there is no entry #1 (see `sprintlog entries`)\n"
    )


def test_a_removed_entry_id_is_never_given_again(ok: Run) -> None:
    ok("log", "one")
    ok("log", "two")
    ok("entry", "rm", "2", "--yes")
    assert ok("log", "three").stderr.endswith("Logged #3 for " + f"{TODAY:%a} {iso(0)}.\n")
    ok("entry", "rm", "3", "--yes")
    ok("entry", "rm", "1", "--yes")
    assert "Logged #4 " in ok("log", "four").stderr


def test_entry_show_gives_back_the_exact_text(ok: Run, run: Run) -> None:
    text = "line one\r\n\x1b[31mred\x1b[0m ∀ 🐙\n"
    ok("log", text)
    shown = ok("entry", "show", "1")
    assert shown.stdout_bytes == text.encode()  # not a terminal: exactly as stored
    assert shown.stderr.startswith("#1 · ")
    assert ok("entry", "show", "1", "--json").json()["text"] == text
    assert (
        run("entry", "show", "2").stderr
        == "Error: there is no entry #2 (see `sprintlog entries`)\n"
    )


def test_long_texts_are_shortened_in_listings(ok: Run) -> None:
    ok("log", "-", input="word " * 100_000)
    listing = ok("entries").stdout
    assert "(500,000 characters; sprintlog entry show 1)" in listing
    assert len(listing) < 10_000
    assert ok("entry", "show", "1").stdout == "word " * 100_000


def test_a_closed_sprint_takes_new_entries_only_when_asked(ok: Run, run: Run, sprint: None) -> None:
    ok("sprint", "close")
    refused = run("log", "late thought", "--date", "yesterday")
    assert refused.exit_code == 1
    assert refused.stderr.endswith(
        f"Error: {iso(1)} is a day of sprint 1, which is closed; nothing was logged "
        "(pass --closed to log it there anyway)\n"
    )
    assert ok("entries", "--json").json() == []
    ok("log", "late thought", "--date", "yesterday", "--closed", "--goal", "3a")
    assert [e["goals"] for e in ok("entries", "--json").json()] == [["SSJ--3a"]]
