"""Every --json output has a JSON Schema shipped in the package (sprintlog/cli/schemas/),
and what each command prints is valid against it.

Only the tests validate: sprintlog itself never imports jsonschema, so no command pays
for it (the schemas are data for whoever builds on the output).
"""

import json
from importlib import resources
from pathlib import Path

import pytest
import typer
from helpers import Run
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from sprintlog.cli import app

SCHEMAS = resources.files("sprintlog.cli") / "schemas"

# The schema of each command's --json output (a command with --json and no schema fails).
OUTPUTS = {
    ("entries",): "entries.json",
    ("entry", "show"): "entry-show.json",
    ("sprint", "list"): "sprint-list.json",
    ("sprint", "show"): "sprint-show.json",
    ("goal", "list"): "goal-list.json",
    ("status",): "status.json",
    ("streak",): "streak.json",
    ("report",): "report.json",
    ("tags",): "tags.json",
    ("read", "list"): "read-list.json",
    ("acronym", "list"): "acronym-list.json",
    ("question", "list"): "question-list.json",
    ("break", "list"): "break-list.json",
    ("config", "list"): "config-list.json",
    ("timer",): "timer.json",
    ("import",): "import.json",
}


def _registry() -> Registry:
    resources_ = [
        Resource.from_contents(json.loads(path.read_text(encoding="utf-8")))
        for path in SCHEMAS.iterdir()
        if path.name.endswith(".json")
    ]
    return Registry().with_resources((r.id(), r) for r in resources_)


REGISTRY = _registry()
REPORTS = ("week", "month", "sprint", "goal", "task", "tag")


def validate(name: str, data: object) -> None:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, registry=REGISTRY, format_checker=FormatChecker())
    errors = sorted(validator.iter_errors(data), key=lambda error: list(error.path))
    assert not errors, f"{name}: " + "; ".join(
        f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors[:5]
    )


def _commands(command, path=()):
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, (*path, name))


def test_every_json_output_has_a_schema_and_every_schema_is_used() -> None:
    with_json = {
        path
        for path, command in _commands(typer.main.get_command(app))
        if any(param.name == "json" for param in command.params)
    }
    assert with_json == set(OUTPUTS)
    shipped = {path.name for path in SCHEMAS.iterdir() if path.name.endswith(".json")}
    assert shipped == {*OUTPUTS.values(), "defs.json", "streak-calendar.json"}


def test_sprintlog_never_imports_jsonschema() -> None:
    source = Path(__file__).parent.parent / "sprintlog"
    for path in source.rglob("*.py"):
        assert "jsonschema" not in path.read_text(encoding="utf-8"), path


@pytest.fixture
def journal_with_everything(ok: Run, sprint: None, tmp_path: Path) -> Path:
    ok("log", "Topoi ch.1 #math", "--goal", "3b", "--minutes", "30")
    ok("log", "Emails", "--goal", "3a", "--date", "yesterday")
    ok("log", "No goal at all")
    ok("goal", "done", "3a")
    ok("note", "3a", "Both answered.")
    ok("read", "add", "Topoi", "--url", "https://example.org/topoi", "--goal", "3")
    ok("acronym", "add", "RL", "Reinforcement Learning")
    ok("question", "add", "Why sheaves?")
    ok("break", "add", "2020-01-01", "2020-01-03", "exams")
    ok("sprint", "start", "--next")
    return tmp_path


CASES = [
    (["entries"], "entries.json"),
    (["entry", "show", "1"], "entry-show.json"),
    (["sprint", "list"], "sprint-list.json"),
    (["sprint", "show"], "sprint-show.json"),
    (["sprint", "show", "2"], "sprint-show.json"),
    (["goal", "list"], "goal-list.json"),
    (["status"], "status.json"),
    (["streak"], "streak.json"),
    (["streak", "--calendar"], "streak-calendar.json"),
    (["tags"], "tags.json"),
    (["read", "list"], "read-list.json"),
    (["acronym", "list"], "acronym-list.json"),
    (["question", "list", "--all"], "question-list.json"),
    (["break", "list"], "break-list.json"),
    (["config", "list"], "config-list.json"),
    (["timer"], "timer.json"),
    *((["report", "--by", by], "report.json") for by in REPORTS),
]


@pytest.mark.parametrize(("args", "name"), CASES, ids=[" ".join(args) for args, _ in CASES])
def test_each_output_is_valid_against_its_schema(
    ok: Run, journal_with_everything: Path, args: list[str], name: str
) -> None:
    data = ok(*args, "--json").json()
    assert data  # something to check, not an empty list
    if args[0] == "report":
        assert data["rows"], args
    validate(name, data)


def test_a_running_timer_and_an_import_are_valid(ok: Run, tmp_path: Path, sprint: None) -> None:
    ok("start", "--goal", "3b", "Topoi")
    validate("timer.json", ok("timer", "--json").json())
    exported = tmp_path / "export.json"
    ok("export", "-o", str(exported))
    validate("import.json", ok("import", str(exported), "--dry-run", "--json").json())
    validate("import.json", ok("import", str(exported), "--json").json())


def test_a_schema_catches_a_change_of_shape(ok: Run, sprint: None) -> None:
    """The schemas are strict enough to notice the old shapes: numbers as text, a bare state."""
    settings = ok("config", "list", "--json").json()
    validate("config-list.json", settings)
    with pytest.raises(AssertionError, match="'5' is not of type 'integer'"):
        validate("config-list.json", {**settings, "max_goals": "5"})
    [listed] = ok("sprint", "list", "--json").json()
    with pytest.raises(AssertionError, match="'day' is not one of"):
        validate("sprint-list.json", [{**listed, "state": "day"}])
    with pytest.raises(AssertionError, match="is not of type 'array'"):
        validate("acronym-list.json", {"RL": "Reinforcement Learning"})
