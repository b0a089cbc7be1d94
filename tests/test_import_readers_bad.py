"""Bad input to the readers: a BadImport naming the file, the place and the problem, and
for any text at all, a Parsed or a BadImport, never another exception."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sprintlog.errors import BadImport
from sprintlog.services.exchange.formats import harsh, jrnl, native, post, timew, watson
from sprintlog.services.exchange.formats.parsed import Parsed

# One backend: the readers refuse bad files before anything is stored (storing: test_import*.py)
pytestmark = pytest.mark.one_backend

FIXTURES = Path(__file__).parent / "fixtures"
READERS = {"jrnl": jrnl, "watson": watson, "harsh": harsh, "timew": timew, "post": post}
JSON_READERS = {"jrnl": jrnl, "watson": watson, "timew": timew}
OPTIONS = {"harsh": {"habit": "Studied"}}
OWN_FIXTURE = {
    "jrnl": "jrnl/export.json",
    "watson": "watson/frames",
    "timew": "timew/export.json",
    "harsh": "harsh/log",
    "post": "posts/review-sprint-2.md",
}


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def refused(source: str, text: str, **options) -> str:
    with pytest.raises(BadImport) as error:
        READERS[source].read(text, "in.file", **(OPTIONS.get(source, {}) | options))
    assert error.value.message.startswith("in.file"), error.value.message
    assert "\n" not in error.value.message
    return error.value.message


@pytest.mark.parametrize("source", sorted(READERS))
def test_empty_file(source: str) -> None:
    for text in ("", "\n\n", "   "):
        assert "empty" in refused(source, text)


@pytest.mark.parametrize("source", sorted(JSON_READERS))
def test_not_json_names_line_and_column(source: str) -> None:
    assert refused(source, "hello\n") == "in.file, line 1 column 1: not JSON (Expecting value)"


@pytest.mark.parametrize("source", sorted(JSON_READERS))
def test_truncated_json(source: str) -> None:
    text = fixture(OWN_FIXTURE[source])
    message = refused(source, text[: len(text) // 2])
    assert "not JSON (the JSON ends too soon)" in message
    assert ", line " in message


@pytest.mark.parametrize("source", sorted(JSON_READERS))
def test_json_nested_too_deeply(source: str) -> None:
    assert "nested too deeply" in refused(source, "[" * 200_000 + "]" * 200_000)


@pytest.mark.parametrize(
    "text",
    ["", "hello\n", '{"format": "sprintlog", "version": 1, "entries": [', "[" * 200_000],
    ids=["empty", "not JSON", "truncated", "nested"],
)
def test_the_native_document_words_json_errors_as_the_other_readers(text: str) -> None:
    with pytest.raises(BadImport) as error:
        native.read(text, "in.file")
    assert error.value.message == refused("jrnl", text)


@pytest.mark.parametrize(
    ("source", "other"),
    [
        ("jrnl", "watson/frames"),
        ("jrnl", "timew/export.json"),
        ("watson", "jrnl/export.json"),
        ("watson", "timew/export.json"),
        ("timew", "watson/frames"),
        ("timew", "jrnl/export.json"),
        ("harsh", "jrnl/export.json"),
        ("harsh", "posts/review-sprint-2.md"),
        ("post", "jrnl/export.json"),
        ("post", "harsh/log"),
    ],
)
def test_another_programs_file_is_refused(source: str, other: str) -> None:
    refused(source, fixture(other))


@pytest.mark.parametrize(
    ("source", "text", "message"),
    [
        (
            "jrnl",
            '{"entries": [{"title": 3}]}',
            "in.file, $.entries[0].title: expected a string, found a number",
        ),
        (
            "jrnl",
            '{"entries": [{"title": "x", "date": "2025-02-30"}]}',
            "in.file, $.entries[0].date: 2025-02-30 is not a date",
        ),
        (
            "jrnl",
            '{"entries": [{"title": "x", "date": "3 May"}]}',
            "in.file, $.entries[0].date: expected a date like 2025-03-04, found '3 May'",
        ),
        (
            "jrnl",
            '{"entries": [{"title": " ", "body": "", "date": "2025-03-03"}]}',
            "in.file, $.entries[0]: the entry has no text",
        ),
        ("jrnl", '{"tags": {}}', "in.file, $: expected jrnl's export"),
        (
            "watson",
            '[[1, 2, "p"]]',
            "in.file, $[0]: expected [start, stop, project, id, tags, updated_at], too few fields",
        ),
        (
            "watson",
            '[[1e300, 2, "p", "id"]]',
            "in.file, $[0][0]: 1e+300 is not a time this program can read",
        ),
        (
            "watson",
            '[[NaN, 2, "p", "id"]]',
            "in.file, $[0][0]: nan is not a time this program can read",
        ),
        (
            "watson",
            '[[true, 2, "p", "id"]]',
            "in.file, $[0][0]: expected Unix seconds, found true/false",
        ),
        (
            "watson",
            '[[200, 100, "p", "id"]]',
            "in.file, $[0]: it ends (1970-01-01 00:01) before it starts",
        ),
        (
            "watson",
            '[[100, 200, "p", "id", "tag"]]',
            "in.file, $[0][4]: expected a list of tags, found a string",
        ),
        (
            "watson",
            '[{"id": "a", "project": "p", "start": "2025-03-03T09:00:00", "stop": "x"}]',
            "in.file, $[0].start: expected a time with its offset",
        ),
        (
            "watson",
            '{"frames": []}',
            "in.file, $: expected a list of Watson frames, found an object",
        ),
        (
            "timew",
            '[{"start": "20250303T080000Z", "end": "20250303"}]',
            "in.file, $[0].end: expected a UTC time like 20250303T080000Z, found '20250303'",
        ),
        (
            "timew",
            '[{"start": "20251303T080000Z", "end": "20251303T090000Z"}]',
            "in.file, $[0].start: 20251303T080000Z is not a time",
        ),
        (
            "timew",
            '[{"start": "20250303T080000Z", "end": "20250303T090000Z", "tags": [1]}]',
            "in.file, $[0].tags[0]: expected a tag, found a number",
        ),
        (
            "harsh",
            "2025-03-03 : Studied\n",
            "in.file, line 1: expected 'YYYY-MM-DD : Habit : y|n|s : comment : amount', "
            "found 2 fields",
        ),
        ("harsh", "# c\n2025-02-30 : Studied : y\n", "in.file, line 2: 2025-02-30 is not a date"),
        (
            "harsh",
            "2025-03-03 : Studied : maybe\n",
            "in.file, line 1: expected y, n or s, found 'maybe'",
        ),
        ("harsh", "2025-03-03 :  : y\n", "in.file, line 1: the habit's name is empty"),
        ("harsh", "# only a comment\n", "in.file: no harsh log line"),
    ],
)
def test_the_error_names_file_place_and_problem(source: str, text: str, message: str) -> None:
    assert refused(source, text).startswith(message)


def test_harsh_amount_that_is_no_number_or_no_day() -> None:
    assert refused("harsh", "2025-03-03 : Studied : y : x : lots\n", amount="minutes") == (
        "in.file, line 1: the amount 'lots' is not a number"
    )
    assert refused("harsh", "2025-03-03 : Studied : y : x : 30\n", amount="hours") == (
        "in.file, line 1: the amount '30' is not a day's hours"
    )
    assert refused("harsh", "2025-03-03 : Studied : y\n", amount="pages").startswith(
        "in.file: amount must be 'minutes' or 'hours'"
    )


# --- any text: Parsed or BadImport ----------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=8), inner, max_size=6)
    ),
    max_leaves=30,
)
JSON_KEYS = [
    "title",
    "body",
    "date",
    "time",
    "tags",
    "starred",
    "uuid",
    "entries",
    "id",
    "project",
    "start",
    "stop",
    "end",
    "annotation",
]
json_like = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats()
    | st.sampled_from(
        [
            "2025-03-03",
            "09:00",
            "20250303T080000Z",
            "2025-03-03T09:00:00+01:00",
            "current",
            "",
            "0001-01-01T00:00:00+05:00",
            "9999-12-31T23:59:59-05:00",
        ]
    )
    | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=6) | st.dictionaries(st.sampled_from(JSON_KEYS), inner, max_size=6)
    ),
    max_leaves=30,
)
FRAGMENTS = [
    "2025-03-03",
    " : ",
    "Studied",
    "y",
    "n",
    "s",
    "#",
    "\n",
    "\r\n",
    "SSJ--1",
    "SSJ--3a",
    ":",
    " — ",
    " -- ",
    "**",
    "## ",
    "#### ",
    "So how did it go?",
    "- [x] ",
    "[t](u)",
    "List of acronyms",
    "Linear Algebra (LA)",
    " · partial",
    "```",
    "---",
    "Reading list",
    "Goals for the 3rd sprint",
    "2025-02-30",
    "2024-01-01 – 2024-01-14",
    "9" * 30,
    "é",
    " ",
]
fragments = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=5), max_size=40).map("".join)


def survives(source: str, text: str) -> None:
    try:
        parsed = READERS[source].read(text, "f", **OPTIONS.get(source, {}))
    except BadImport:
        return
    assert isinstance(parsed, Parsed)
    assert parsed.source == source
    READERS[source].looks_like(text)


@pytest.mark.parametrize("source", sorted(READERS))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text() | fragments)
def test_any_text_is_parsed_or_refused(source: str, text: str) -> None:
    survives(source, text)


@pytest.mark.parametrize("source", sorted(JSON_READERS))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=json_values | json_like, wrap=st.booleans())
def test_any_json_is_parsed_or_refused(source: str, value, wrap: bool) -> None:
    if wrap:
        value = {"entries": [value]} if source == "jrnl" else [value]
    survives(source, json.dumps(value))


@pytest.mark.parametrize("source", sorted(JSON_READERS))
def test_any_cut_of_a_real_file_is_parsed_or_refused(source: str) -> None:
    text = fixture(OWN_FIXTURE[source])
    for end in range(0, len(text), 7):
        survives(source, text[:end])
