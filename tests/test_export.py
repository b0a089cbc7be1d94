"""sprintlog export: the whole journal as JSON (checked against its schema), CSV, posts."""

import csv
import io
import json
import stat
from pathlib import Path

import jsonschema
import pytest
from exchange_docs import full_document, without_stamp
from helpers import Run

from sprintlog.storage import exchange


@pytest.fixture
def full(ok: Run, tmp_path: Path) -> dict:
    """The journal filled with full_document() (every table), and that document."""
    source = tmp_path / "full.json"
    document = full_document()
    source.write_text(json.dumps(document), encoding="utf-8")
    ok("import", str(source))
    return document


def test_the_export_of_every_table_validates_against_the_shipped_schema(
    ok: Run, full: dict
) -> None:
    exported = ok("export").json()
    jsonschema.validate(exported, json.loads(exchange.schema_text()))
    assert without_stamp(exported) == without_stamp(full)


def test_the_schema_is_itself_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(exchange.schema_text()))


def test_the_schema_refuses_what_the_importer_refuses(ok: Run, full: dict) -> None:
    exported = ok("export").json()
    exported["entries"][0]["day"] = "4 March"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(exported, json.loads(exchange.schema_text()))


def test_two_exports_differ_only_in_exported_at(ok: Run, sprint: None) -> None:
    ok("log", "one", "--goal", "3a")
    ok("log", "two")
    first, second = ok("export").json(), ok("export").json()
    assert first["entries"] and without_stamp(first) == without_stamp(second)


def test_an_empty_journal_exports_an_empty_document(ok: Run) -> None:
    exported = ok("export").json()
    assert exported["format"] == "sprintlog" and exported["version"] == 2
    assert exported["sprints"] == exported["entries"] == [] and exported["timer"] is None
    assert exported["removals"] == [] and exported["changed_since"] == {}
    assert len(exported["journal_id"]) == 32


def test_an_export_file_is_private_and_not_replaced_without_force(
    ok: Run, run: Run, tmp_path: Path, sprint: None
) -> None:
    target = tmp_path / "journal.json"
    ok("export", "-o", str(target))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert json.loads(target.read_text(encoding="utf-8"))["sprints"][0]["number"] == 1
    refused = run("export", "-o", str(target))
    assert refused.exit_code == 1 and "--force" in refused.stderr
    ok("export", "-o", str(target), "--force")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_dash_means_standard_output(ok: Run, sprint: None) -> None:
    assert ok("export", "-o", "-").json()["sprints"][0]["number"] == 1


def test_csv_has_one_rfc_4180_row_per_entry(ok: Run, full: dict) -> None:
    data = ok("export", "--format", "csv").stdout_bytes
    assert data.count(b"\r\n") >= 4 and data.decode("utf-8")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert rows[0] == ["day", "sprint", "goals", "minutes", "tags", "text"]
    assert rows[1][:3] == ["2025-02-01", "", ""]  # in day order, like the document
    assert rows[2] == [
        "2025-03-04",
        "1",
        "ML--1",
        "45",
        "math ünïcode",
        'Café ☕, "quoted", a, comma\r\nand a CRLF',
    ]
    assert rows[3][:3] == ["2025-03-18", "2", "ML--3 ML--3b"] and len(rows) == 4


def test_posts_go_into_the_directory_one_file_per_sprint(
    ok: Run, run: Run, full: dict, tmp_path: Path
) -> None:
    out = tmp_path / "posts"
    ok("export", "--format", "posts", "-o", str(out))
    names = sorted(path.name for path in out.iterdir())
    assert names == ["sprint-1.md", "sprint-2.md"]
    assert "Goal 3" in (out / "sprint-2.md").read_text(encoding="utf-8")
    assert stat.S_IMODE((out / "sprint-1.md").stat().st_mode) == 0o600
    before = (out / "sprint-1.md").read_bytes()
    (out / "sprint-2.md").write_text("mine", encoding="utf-8")
    refused = run("export", "--format", "posts", "-o", str(out))
    assert refused.exit_code == 1 and "--force" in refused.stderr
    assert (out / "sprint-2.md").read_text(encoding="utf-8") == "mine"
    assert (out / "sprint-1.md").read_bytes() == before
    ok("export", "--format", "posts", "-o", str(out), "--force")
    assert (out / "sprint-2.md").read_text(encoding="utf-8") != "mine"


def test_posts_are_named_from_post_url_and_never_leave_the_directory(
    ok: Run, full: dict, tmp_path: Path
) -> None:
    ok("config", "set", "post_url", "https://blog.example/../../../etc/ssj-{n}/")
    ok("sprint", "edit", "1", "--title", "../../escape/ me")
    out = tmp_path / "site" / "posts"
    ok("export", "--format", "posts", "-o", str(out))
    assert sorted(path.name for path in out.iterdir()) == ["ssj-1.md", "ssj-2.md"]
    assert sorted(path.name for path in (tmp_path / "site").iterdir()) == ["posts"]


def test_posts_with_one_url_for_all_fall_back_to_sprint_numbers(
    ok: Run, full: dict, tmp_path: Path
) -> None:
    ok("config", "set", "post_url", "https://blog.example/review/")
    ok("export", "--format", "posts", "-o", str(tmp_path / "out"))
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["review.md", "sprint-2.md"]


def test_posts_need_a_directory_and_a_known_format(run: Run) -> None:
    assert run("export", "--format", "posts").exit_code == 2
    wrong = run("export", "--format", "xml")
    assert wrong.exit_code == 2 and "--format must be one of: json, csv, posts" in wrong.stderr
