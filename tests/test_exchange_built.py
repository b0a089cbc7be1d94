"""Whatever sprintlog exports, it imports back (issue 23): for any journal built by its own
commands, ``export`` then ``import`` into an empty journal gives the same export.

test_exchange_roundtrip.py feeds the importer documents written by hand; here hypothesis
draws a list of commands instead (sprints with carry-over, goals and tasks with statuses,
descriptions and notes, entries with unicode and multi-line text, minutes and tags, edits
and removals, settings, the reading list, acronyms, questions, breaks, the timer, and
other programs' files imported), runs them through the command line, and compares the
two exports. Only ``exported_at`` is left out of the comparison: the README says two
exports of one journal differ in nothing else. The journal's own id does not travel and
is not in an export at all.

The ``template`` setting is not drawn: a template arriving by import is to be taken only
when asked (issue 23, item 3), so it is not part of what a plain import restores.

Each example builds its journals from scratch, on the backend the suite runs on (a new
SQLite file, or a new database on the PostgreSQL server).
"""

import itertools
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from exchange_docs import without_stamp
from helpers import ON_SERVER, SERVER_URL, Result, Run
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st

FIXTURES = Path(__file__).parent / "fixtures"
IMPORTS = [
    ("jrnl/export.json",),
    ("watson/frames", "--format", "watson"),
    ("timew/export.json", "--format", "timew"),
    ("harsh/log", "--format", "harsh", "--habit", "Studied"),
]
TODAY = date.today()  # `log` refuses a future day; sprints may lie in the future
LAST_DAY = date(2200, 12, 31)  # the last a journal stores (rules/stored.py)

_CHARACTERS = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
TEXT = st.one_of(
    st.text(_CHARACTERS, min_size=1, max_size=40),
    st.sampled_from(
        [
            "line one\r\nline two\r\n",
            "# Heading\n\n- *item* `code` #math #Ünï #日本語\n\n> quote\n\n| a | b |\n|---|---|",
            "👩‍👩‍👧 مرحبا \u200f\u202e עברית 𝔘𝔫𝔦 \u0301e\u00a0[bold]{{ x }} {% raw %}",
            "\x1b]52;c;aGk=\x07 \x1b[31mred\x1b[0m \x1bc\tTAB\r",
            "-starts with a dash --and --goal 3",
            "  padded  \n\n",
            "#" + "t" * 100 + " #" + "u" * 101 + " C# page#part https://x.org/#frag #42",
            "long " + "é" * 20_000 + "\r\n" + "z" * 20_000,
        ]
    ),
).filter(lambda text: text.strip() != "" and text != "-")
SHORT = st.text(_CHARACTERS, min_size=1, max_size=12).filter(lambda t: t.strip() and t != "-")
TAGS = st.one_of(
    st.sampled_from(["math", "Ünïcode", "日本語", "a-b", "cs/algo", "x" * 100]),
    st.text(st.characters(categories=("Ll", "Lu", "Lo")), min_size=1, max_size=8),
)
SETTINGS = st.one_of(
    st.tuples(st.just("prefix"), st.sampled_from(["SSJ", "ML", "x1"])),
    st.tuples(st.just("max_goals"), st.integers(1, 9).map(str)),
    st.tuples(st.just("days_per_week"), st.integers(1, 7).map(str)),
    st.tuples(st.just("week_start"), st.sampled_from(["monday", "Sunday", "saturday"])),
    st.tuples(st.just("sprint_length"), st.integers(1, 366).map(str)),
    st.tuples(st.just("post_title"), st.sampled_from(["Review #{n}", "{n:03} — ünï", "Plain"])),
    st.tuples(st.just("post_url"), st.sampled_from(["/ssj-{n}", ""])),
    st.tuples(st.sampled_from(["epistemic_status", "author", "post_tags"]), SHORT),
    st.tuples(st.just("front_matter"), st.sampled_from(["hugo", "none", "Quartz"])),
    st.tuples(st.just("post_image_url"), st.sampled_from(["https://example.org/img", "/a"])),
)
PICK = st.integers(0, 1000)  # which of the rows there are (taken modulo their number)
MAYBE = st.none() | TEXT

# Each command, as data: its name and what was drawn for it. Builder.apply turns it into
# arguments fitting the journal as it is then (the sprint, the goal, the entry it names).
SPRINT_START = st.tuples(
    st.just("sprint start"),
    st.sampled_from([TODAY - timedelta(days=40), date(1900, 1, 1), date(2200, 12, 1)]),
    st.integers(0, 10),  # days after the last sprint
    st.integers(1, 45),  # length
    st.none() | SHORT,
    st.booleans(),  # carry
)
GOAL_ADD = st.tuples(
    st.just("goal add"),
    PICK,
    PICK,
    st.just("") | SHORT,
    st.lists(TEXT, max_size=3),
    MAYBE,
)
COMMANDS = st.one_of(
    st.tuples(st.just("config"), SETTINGS),
    SPRINT_START,
    st.tuples(st.just("sprint title"), PICK, st.just("") | SHORT),
    st.tuples(st.just("sprint note"), PICK, TEXT),
    st.tuples(st.just("sprint close"), PICK),
    GOAL_ADD,
    st.tuples(st.just("goal task"), PICK, PICK, TEXT, MAYBE),
    st.tuples(st.just("goal edit"), PICK, PICK, st.none() | SHORT, MAYBE),
    st.tuples(
        st.just("goal status"),
        PICK,
        PICK,
        st.sampled_from(["done", "partial", "drop", "defer", "reopen"]),
    ),
    st.tuples(st.just("note"), PICK, PICK, st.just("") | TEXT),
    st.tuples(st.just("goal rm"), PICK, PICK),
    st.tuples(
        st.just("log"),
        PICK,  # the day
        TEXT,
        st.none() | st.integers(1, 1440),
        st.lists(TAGS, max_size=2),
        st.lists(PICK, max_size=2),  # goals and tasks of the day's sprint
    ),
    st.tuples(st.just("entry edit"), PICK, st.none() | TEXT, st.none() | st.integers(0, 1440)),
    st.tuples(st.just("entry rm"), PICK),
    st.tuples(
        st.just("read add"),
        TEXT,
        st.none() | st.sampled_from(["https://example.org/a?b=1#c", "http://x.y/ü"]),
        st.none() | SHORT,
        st.none() | st.integers(1, 9),
    ),
    st.tuples(st.just("read start"), PICK),
    st.tuples(st.just("read done"), PICK, st.none() | TEXT),
    st.tuples(st.just("read rm"), PICK),
    st.tuples(
        st.just("acronym add"),
        st.sampled_from(["RL", "VK LTA", "I/O", "e.g.", "ÜNİ", "x" * 64]),
        TEXT,
    ),
    st.tuples(st.just("acronym rm"), PICK),
    st.tuples(st.just("question add"), TEXT),
    st.tuples(st.just("question resolve"), PICK),
    st.tuples(st.just("break add"), PICK, st.integers(0, 30), st.none() | TEXT),
    st.tuples(st.just("start"), TEXT),
    st.tuples(st.just("stop"), TEXT, st.integers(1, 1440)),
    st.tuples(st.just("timer cancel")),
    st.tuples(st.just("import"), st.sampled_from(IMPORTS)),
)


def _numbered(result: Result) -> int:
    """The number a command gave what it added (``Logged #12 …``)."""
    found = re.search(r"#(\d+)", result.stdout + result.stderr)
    assert found is not None, result
    return int(found.group(1))


class Builder:
    """Runs the drawn commands against one journal, keeping what they need to name rows."""

    def __init__(self, run: Run, db: str) -> None:
        self.db = db
        self._run = run
        self.sprints: list[tuple[date, date]] = []  # sprint N is sprints[N - 1]
        self.entries: list[int] = []
        self.reading: list[int] = []
        self.finished: set[int] = set()  # reading items read
        self.questions: list[int] = []
        self.acronyms: list[str] = []
        self.break_days: set[date] = set()
        self.timer = False
        self.max_goals = 5
        self.commands = 0

    def run(self, *args: str) -> Result:
        return self._run("--db", self.db, *args)

    def ok(self, *args: str) -> Result:
        self.commands += 1
        result = self.run(*args)
        assert result.exit_code == 0, (args, result.stderr)
        return result

    def apply(self, command: tuple[Any, ...]) -> None:
        name, *drawn = command
        getattr(self, "_" + name.replace(" ", "_"))(*drawn)

    # --- sprints, goals and tasks ------------------------------------------------------

    def _sprint(self, pick: int) -> int | None:
        return pick % len(self.sprints) + 1 if self.sprints else None

    def _config(self, setting: tuple[str, str]) -> None:
        key, value = setting
        result = self.run("config", "set", key, "--", value)
        if key == "max_goals" and result.exit_code == 1:  # lower than a goal's number
            assert "the journal has goals numbered" in result.stderr, result
            return
        assert result.exit_code == 0, result
        if key == "max_goals":
            self.max_goals = int(value)

    def _sprint_start(
        self, base: date, gap: int, length: int, title: str | None, carry: bool
    ) -> None:
        start = self.sprints[-1][1] + timedelta(days=1 + gap) if self.sprints else base
        end = start + timedelta(days=length - 1)
        args = ["--start", start.isoformat(), "--length", str(length)]
        args += [] if carry else ["--no-carry"]
        args += [] if title is None else ["--title", title]
        args += ["--next"]  # one may still run: plan this one after it, without asking
        if end > LAST_DAY:  # a day the gate refuses (rules/stored.py)
            refused = self.run("sprint", "start", *args)
            assert refused.exit_code == 2 and "1900 to 2200" in refused.stderr, refused
            return
        self.ok("sprint", "start", *args)
        self.sprints.append((start, end))

    def _sprint_title(self, pick: int, title: str) -> None:
        if (number := self._sprint(pick)) is not None:
            self.ok("sprint", "edit", str(number), "--title", title)

    def _sprint_note(self, pick: int, text: str) -> None:
        if (number := self._sprint(pick)) is not None:
            self.ok("sprint", "note", "--", str(number), text)

    def _sprint_close(self, pick: int) -> None:
        number = self._sprint(pick)
        if number is None or self.sprints[number - 1][0] > TODAY:
            return
        closed = self.ok("sprint", "list", "--json").json()[number - 1]
        if closed["closed_at"] is None:
            self.ok("sprint", "close", str(number))
            start, end = self.sprints[number - 1]
            self.sprints[number - 1] = (start, min(end, TODAY))

    def goals(self, number: int) -> list[dict[str, Any]]:
        return self.ok("goal", "list", "--sprint", str(number), "--json").json()

    def _ref(self, number: int, pick: int, *, with_status: bool = False) -> str | None:
        """A goal or task of sprint ``number`` (``3`` or ``3b``), or None if it has none.

        ``with_status``: one that has a status of its own (a goal with tasks shows theirs).
        """
        goals = self.goals(number)
        refs = [str(goal["number"]) for goal in goals if not (with_status and goal["tasks"])]
        refs += [f"{goal['number']}{task['letter']}" for goal in goals for task in goal["tasks"]]
        return refs[pick % len(refs)] if refs else None

    def _goal_add(
        self, sprint: int, pick: int, title: str, tasks: list[str], description: str | None
    ) -> None:
        number = self._sprint(sprint)
        if number is None:
            return
        taken = {goal["number"] for goal in self.goals(number)}
        free = [n for n in range(1, self.max_goals + 1) if n not in taken]
        if not free or not (title.strip() or tasks or description):
            return
        args = ["--sprint", str(number)]
        for task in tasks:
            args += ["--task", task]
        if description is not None:
            args += ["--description", description]
        self.ok("goal", "add", *args, "--", str(free[pick % len(free)]), title)

    def _goal_task(self, sprint: int, pick: int, text: str, description: str | None) -> None:
        number = self._sprint(sprint)
        goals = self.goals(number) if number is not None else []
        if not goals or len(goals[pick % len(goals)]["tasks"]) >= 26:
            return
        args = ["--sprint", str(number)]
        args += [] if description is None else ["--description", description]
        self.ok("goal", "task", *args, "--", str(goals[pick % len(goals)]["number"]), text)

    def _goal_edit(self, sprint: int, pick: int, text: str | None, description: str | None) -> None:
        number = self._sprint(sprint)
        ref = self._ref(number, pick) if number is not None else None
        if ref is None or (text is None and description is None):
            return
        args = ["--sprint", str(number)]
        args += [] if description is None else ["--description", description]
        self.ok("goal", "edit", *args, "--", ref, *([] if text is None else [text]))

    def _goal_status(self, sprint: int, pick: int, verb: str) -> None:
        number = self._sprint(sprint)
        ref = self._ref(number, pick, with_status=True) if number is not None else None
        if ref is not None:
            self.ok("goal", verb, "--sprint", str(number), ref)

    def _note(self, sprint: int, pick: int, text: str) -> None:
        number = self._sprint(sprint)
        ref = self._ref(number, pick) if number is not None else None
        if ref is not None:
            self.ok("note", "--sprint", str(number), "--", ref, text)

    def _goal_rm(self, sprint: int, pick: int) -> None:
        number = self._sprint(sprint)
        ref = self._ref(number, pick) if number is not None else None
        if ref is not None:
            self.ok("goal", "rm", "--yes", "--sprint", str(number), ref)

    # --- the daily log -----------------------------------------------------------------

    def _log(
        self, pick: int, text: str, minutes: int | None, tags: list[str], goals: list[int]
    ) -> None:
        started = [n for n, (start, _) in enumerate(self.sprints, 1) if start <= TODAY]
        args = []
        if started:  # a day of a sprint that has begun, with its goals and tasks
            number = started[pick % len(started)]
            start, end = self.sprints[number - 1]
            day = min(start + timedelta(days=pick % ((end - start).days + 1)), TODAY)
            for chosen in goals:
                ref = self._ref(number, chosen)
                args += [] if ref is None else ["--goal", ref]
        else:
            day = [date(1900, 1, 1), TODAY - timedelta(days=pick % 30), TODAY][pick % 3]
        args += ["--date", day.isoformat(), "--closed"]  # (its sprint may have been closed)
        args += [] if minutes is None else ["--minutes", str(minutes)]
        for tag in tags:
            args += ["--tag", tag]
        self.entries.append(_numbered(self.ok("log", *args, "--", text)))

    def _entry_edit(self, pick: int, text: str | None, minutes: int | None) -> None:
        if not self.entries or (text is None and minutes is None):
            return
        args = [] if minutes is None else ["--minutes", str(minutes)]
        entry = str(self.entries[pick % len(self.entries)])
        self.ok("entry", "edit", *args, "--", entry, *([] if text is None else [text]))

    def _entry_rm(self, pick: int) -> None:
        if self.entries:
            entry = self.entries.pop(pick % len(self.entries))
            self.ok("entry", "rm", "--yes", str(entry))

    def _start(self, text: str) -> None:
        if not self.timer:
            self.ok("start", "--", text)
            self.timer = True

    def _stop(self, text: str, minutes: int) -> None:
        if self.timer:
            self.entries.append(
                _numbered(self.ok("stop", "--yes", "--minutes", str(minutes), "--", text))
            )
            self.timer = False

    def _timer_cancel(self) -> None:
        if self.timer:
            self.ok("timer", "cancel")
            self.timer = False

    def _import(self, fixture: tuple[str, ...]) -> None:
        name, *options = fixture
        self.ok("import", str(FIXTURES / name), *options)
        self.entries = [entry["id"] for entry in self.ok("entries", "--json").json()]

    # --- lists ---------------------------------------------------------------------------

    def _read_add(
        self, title: str, url: str | None, category: str | None, goal: int | None
    ) -> None:
        args = [] if url is None else ["--url", url]
        args += [] if category is None else ["--category", category]
        args += [] if goal is None or goal > self.max_goals else ["--goal", str(goal)]
        self.reading.append(_numbered(self.ok("read", "add", *args, "--", title)))

    def _read_start(self, pick: int) -> None:
        unread = [item for item in self.reading if item not in self.finished]
        if unread:  # (one read already cannot be started again)
            self.ok("read", "start", str(unread[pick % len(unread)]))

    def _read_done(self, pick: int, note_text: str | None) -> None:
        if self.reading:
            args = [] if note_text is None else ["--note", note_text]
            item = self.reading[pick % len(self.reading)]
            self.ok("read", "done", *args, "--", str(item))
            self.finished.add(item)

    def _read_rm(self, pick: int) -> None:
        if self.reading:
            self.ok("read", "rm", str(self.reading.pop(pick % len(self.reading))))

    def _acronym_add(self, term: str, expansion: str) -> None:
        self.ok("acronym", "add", "--", term, expansion)
        self.acronyms = sorted({*self.acronyms, term})

    def _acronym_rm(self, pick: int) -> None:
        if self.acronyms:
            self.ok("acronym", "rm", "--", self.acronyms.pop(pick % len(self.acronyms)))

    def _question_add(self, text: str) -> None:
        self.questions.append(_numbered(self.ok("question", "add", "--", text)))

    def _question_resolve(self, pick: int) -> None:
        if self.questions:
            self.ok("question", "resolve", str(self.questions.pop(pick % len(self.questions))))

    def _break_add(self, pick: int, length: int, reason: str | None) -> None:
        first = date(2024, 1, 1) + timedelta(days=pick * 3)
        days = {first + timedelta(days=n) for n in range(length + 1)}
        if days & self.break_days:
            return
        self.break_days |= days
        last = first + timedelta(days=length)
        reasons = [] if reason is None else [reason]
        self.ok("break", "add", "--", first.isoformat(), last.isoformat(), *reasons)


_databases = itertools.count()


@pytest.fixture
def empty_journal(tmp_path: Path, server_template: str | None) -> Iterator[Any]:
    """``new()`` gives a new, empty journal on the suite's backend, every time it is called."""
    made: list[str] = []

    def new() -> str:
        name = f"built_{next(_databases)}"
        if server_template is None:
            return str(tmp_path / f"{name}.db")
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        assert SERVER_URL is not None
        admin = create_engine(SERVER_URL, isolation_level="AUTOCOMMIT")
        name = f"{server_template}_{name}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{server_template}"'))
        admin.dispose()
        made.append(name)
        return make_url(SERVER_URL).set(database=name).render_as_string(hide_password=False)

    yield new
    if made:
        from sqlalchemy import create_engine, text

        assert SERVER_URL is not None
        admin = create_engine(SERVER_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            for name in made:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@settings(
    max_examples=6 if ON_SERVER else 15,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(
    commands=st.tuples(  # a sprint or two with goals first, so that most commands find rows
        st.lists(SPRINT_START, min_size=1, max_size=3),
        st.lists(GOAL_ADD, min_size=1, max_size=4),
        st.lists(COMMANDS, min_size=8, max_size=30),
    ).map(lambda parts: [command for part in parts for command in part])
)
def test_any_journal_sprintlog_builds_exports_and_imports_back(
    ok: Run, run: Run, tmp_path: Path, empty_journal: Any, commands: list[tuple[Any, ...]]
) -> None:
    built = Builder(run, empty_journal())
    for command in commands:
        note(repr(command)[:200])
        built.apply(command)
    exported = built.ok("export")
    first = exported.json()
    for key in ("sprints", "entries", "reading", "questions", "breaks", "import_sources"):
        event(f"{key}: {min(len(first[key]), 3)}")
    event(f"goals: {min(sum(len(s['goals']) for s in first['sprints']), 3)}")
    event(f"commands run: {built.commands // 5 * 5}")

    file = tmp_path / "built.json"
    file.write_bytes(exported.stdout_bytes)
    other = empty_journal()
    ok("--db", other, "import", str(file))
    again = ok("--db", other, "export").json()
    assert without_stamp(again) == without_stamp(first)
