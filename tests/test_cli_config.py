import pytest
from helpers import Run


@pytest.fixture(autouse=True)
def existing_journal(ok: Run) -> None:
    ok("config", "list")  # so that stderr holds only what the command under test says


def test_defaults(ok: Run) -> None:
    assert ok("config", "list", "--json").json() == {
        "prefix": "SSJ",
        "max_goals": 5,
        "days_per_week": 4,
        "week_start": "monday",
        "sprint_length": 14,
        "post_title": "Self Study Journal #{n}",
        "post_url": "",
        "first_post_number": 1,
        "previous_post_url": "",
        "epistemic_status": "",
        "front_matter": "jekyll",
        "author": "",
        "template": "",
        "post_tags": "self-study, sprint-review",
        "post_layout": "",
        "post_categories": "",
        "keep_backups": 5,
        "post_images": "",
        "post_image_url": "",
    }
    assert "(default)" in ok("config", "list").stdout


def test_set_and_get(ok: Run) -> None:
    assert ok("config", "set", "prefix", "LRN").stderr == "prefix = LRN\n"
    assert ok("config", "get", "prefix").stdout == "LRN\n"
    ok("config", "set", "week-start", "Sunday")
    assert ok("config", "get", "week_start").stdout == "sunday\n"


def test_prefix_changes_references(ok: Run, run: Run, sprint: None) -> None:
    ok("config", "set", "prefix", "LRN")
    ok("log", "x", "--goal", "lrn--3b")
    assert ok("entries", "--json").json()[0]["goals"] == ["LRN--3b"]
    old = run("log", "y", "--goal", "SSJ--3b")
    assert old.exit_code == 2 and "this journal uses 'LRN'" in old.stderr


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("max_goals", "0", "max_goals must be a whole number from 1 to 9"),
        ("max_goals", "٣", "max_goals must be a whole number from 1 to 9"),
        ("days_per_week", "8", "days_per_week must be a whole number from 1 to 7"),
        ("week_start", "someday", "week_start must be a weekday name"),
        ("prefix", "S S", "prefix must be 1 to 12 ASCII letters or digits"),
        ("prefix", "3SJ", "prefix must be 1 to 12 ASCII letters or digits"),
        ("sprint_length", "0", "sprint_length must be a whole number from 1 to 366"),
        ("colour", "red", "unknown setting 'colour'"),
        ("post_title", "Journal #{number}", "post_title must be text with {n}"),
        ("front_matter", "wordpress", "front_matter must be one of: jekyll, hugo"),
    ],
)
def test_invalid_values_are_refused(run: Run, ok: Run, key: str, value: str, message: str) -> None:
    result = run("config", "set", key, value)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {message}")
    assert ok("config", "get", "prefix").stdout == "SSJ\n"


def test_unknown_key_on_get(run: Run) -> None:
    assert run("config", "get", "nope").exit_code == 2


def test_the_picture_address_is_a_web_address_or_a_path(ok: Run, run: Run) -> None:
    for good in ("https://cdn.example.org/ssj", "/assets/ssj", "img", ""):
        ok("config", "set", "post_image_url", good)
    for bad in ("javascript:alert(1)", "data:image/svg+xml,x", "file:///etc", "a b", "<x>"):
        result = run("config", "set", "post_image_url", bad)
        assert result.exit_code == 2, bad
        assert result.stderr.startswith("Error: post_image_url must be"), result.stderr
