import pytest
from hypothesis import given
from hypothesis import strategies as st

from sprintlog.errors import UsageError
from sprintlog.rules.refs import Ref, label, parse_ref

pytestmark = pytest.mark.one_backend  # a pure rule (goal references): no journal


def parse(text: str, max_goals: int = 5) -> Ref:
    return parse_ref(text, prefix="SSJ", max_goals=max_goals)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", Ref(3)),
        ("3b", Ref(3, "b")),
        ("3B", Ref(3, "b")),
        ("SSJ--3", Ref(3)),
        ("ssj--3b", Ref(3, "b")),
        ("  SSJ--5a  ", Ref(5, "a")),
        ("1", Ref(1)),
    ],
)
def test_accepts_the_grammar(text: str, expected: Ref) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("0", "goal numbers run from 1 to 5"),
        ("6", "goal numbers run from 1 to 5"),
        ("99999999999999999999", "goal numbers run from 1 to 5"),
        ("٣", "is not a goal reference"),
        ("1_0", "is not a goal reference"),
        ("10**20", "is not a goal reference"),
        ("3bc", "is not a goal reference"),
        ("SSJ-3", "is not a goal reference"),
        ("SSJ--", "is not a goal reference"),
        ("3 b", "is not a goal reference"),
        ("-3", "is not a goal reference"),
        ("", "empty"),
        ("   ", "empty"),
        ("XYZ--3", "this journal uses 'SSJ'"),
    ],
)
def test_rejects_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(UsageError, match=reason) as raised:
        parse(text)
    assert raised.value.exit_code == 2


def test_max_goals_is_the_journals() -> None:
    assert parse("7", max_goals=9) == Ref(7)
    with pytest.raises(UsageError):
        parse("4", max_goals=3)


@given(
    goal=st.integers(1, 9),
    letter=st.sampled_from([None, *"abcdefghijklmnopqrstuvwxyz"]),
    with_prefix=st.booleans(),
)
def test_label_round_trips(goal: int, letter: str | None, with_prefix: bool) -> None:
    text = label("SSJ", goal, letter) if with_prefix else f"{goal}{letter or ''}"
    assert parse(text, max_goals=9) == Ref(goal, letter)


@given(st.text(max_size=30))
def test_any_text_parses_or_fails_cleanly(text: str) -> None:
    try:
        ref = parse(text, max_goals=9)
    except UsageError as error:
        assert error.message and "\n" not in error.message.replace(repr(text), "")
    else:
        assert 1 <= ref.goal <= 9
        assert ref.letter is None or (ref.letter.isascii() and ref.letter.islower())
