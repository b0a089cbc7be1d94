"""Tag parsing (sprintlog.rules.tags): what is a tag in an entry's text, and what is not."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sprintlog.errors import UsageError
from sprintlog.rules import tags

pytestmark = pytest.mark.one_backend  # a pure rule (tags in text): no journal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Topoi ch.1 #math #Category-Theory", ["math", "category-theory"]),
        ("#math at the start", ["math"]),
        ("finished it #math.", ["math"]),
        ("(#reading), #cs/algo; #v1.2", ["reading", "cs/algo", "v1.2"]),
        ("#MATH and #math once", ["math"]),
        ("#x_y #émile", ["x_y", "émile"]),
        ("issue #42 and #1.5", []),
        ("C# and F#, page#part", []),
        ("https://example.org/#part and http://x.org/a/#b www.x.org/#c", []),
        ("# Heading\n## Sub heading\n#tag", ["tag"]),
        ("#a#b", ["a"]),
        ("#" + "a" * 101, []),
    ],
)
def test_found_in(text: str, expected: list[str]) -> None:
    assert tags.found_in(text) == expected


def test_checked_accepts_the_alphabet_and_a_leading_hash() -> None:
    assert tags.checked("#Math") == "math"
    assert tags.checked(" cs/algo-2 ") == "cs/algo-2"


@pytest.mark.parametrize("given_tag", ["", "#", "two words", "math.", "a,b", "42", "-x", "a" * 101])
def test_checked_refuses(given_tag: str) -> None:
    with pytest.raises(UsageError, match="tag"):
        tags.checked(given_tag)


def test_of_entry_adds_the_given_tags_after_the_text_ones_once() -> None:
    assert tags.of_entry("#b #a", ["c", "a"]) == ["b", "a", "c"]


_LETTERS = st.characters(categories=("Lu", "Ll", "Lo"))
_TAIL = st.text(
    alphabet=st.one_of(_LETTERS, st.sampled_from("0123456789-_/.")), max_size=12
).filter(lambda tail: not tail.endswith("."))
WORDS = st.builds(lambda head, tail: head + tail, _LETTERS, _TAIL).filter(
    lambda word: len(word.lower()) <= tags.MAX_LENGTH and word.lower() == word.lower().lower()
)
PLAIN = st.text(alphabet=st.characters(categories=("Lu", "Ll", "Nd")), min_size=1, max_size=8)
SEPARATORS = st.sampled_from([" ", "\n", ", ", " (", "; ", "\t"])


@given(st.lists(st.tuples(PLAIN, SEPARATORS, WORDS), min_size=1, max_size=5))
def test_every_hash_word_at_a_word_boundary_is_a_tag(parts) -> None:
    text = "".join(f"{plain}{sep}#{word} " for plain, sep, word in parts)
    found = tags.found_in(text)
    assert set(found) == {word.lower() for _, _, word in parts}


@given(
    PLAIN,
    WORDS,
    st.sampled_from(["https://example.org/", "http://x.org/a/b", "www.x.org/", "ftp://h/p?q="]),
)
def test_no_tag_inside_a_url_or_a_word(word: str, tag: str, url: str) -> None:
    assert tags.found_in(f"{word}#{tag}") == []
    assert tags.found_in(f"see {url}#{tag} there") == []
    assert tags.found_in(f"see {url}{word}#{tag}") == []


@pytest.mark.parametrize(
    ("theirs", "ours"),
    [
        ("late night", "late-night"),
        ("Café ☕", "Café"),  # as written; matched as "café"
        ("@reading", "reading"),
        ("#Math", "Math"),
        ("reading list: ch.3", "reading-list-ch.3"),
        ("42", None),
        ("☕", None),
        ("x" * 101, None),
    ],
)
def test_a_tag_from_another_program_is_made_one_of_ours(theirs: str, ours: str | None) -> None:
    assert tags.from_elsewhere(theirs) == ours
    if ours is not None:
        assert tags.checked(ours) == tags.key(ours)  # entries --tag finds it


def test_a_tag_is_shown_as_first_written_and_matched_lower_cased() -> None:
    text = "#Kapitel 3, then #kapitel again and #KAPITEL, #v1.2 and #Math."
    assert tags.spelled_in(text) == {"kapitel": "Kapitel", "v1.2": "v1.2", "math": "Math"}
    assert tags.found_in(text) == ["kapitel", "v1.2", "math"]
    assert tags.spelled_of_entry("#Topoi", ["topoi", "extra"]) == {
        "topoi": "Topoi",
        "extra": "extra",
    }
