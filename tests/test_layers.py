"""The package's layers (DESIGN.md): cli -> services -> storage/models, render apart.

Read from the source with ``ast``: every import counts, at the top of a module or inside a
function, and those under TYPE_CHECKING too, so a circle cannot hide in a lazy import.
"""

import ast
import importlib
import re
from pathlib import Path

import pytest

import sprintlog

pytestmark = pytest.mark.one_backend  # the package's imports, read from its source: no journal

PACKAGE = Path(sprintlog.__file__).resolve().parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


# The installed package also holds Alembic's scripts (sprintlog/migrations, from the
# wheel): Alembic runs them, with its context set up; they are not modules to import.
MODULES = {
    _module_name(path): path
    for path in sorted(PACKAGE.rglob("*.py"))
    if "migrations" not in path.relative_to(PACKAGE).parts
}


def _imported(name: str, path: Path) -> set[str]:
    """The sprintlog modules that ``name`` imports, wherever in it the import is."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in MODULES else base)
    return {module for module in found if module in MODULES and module != name}


GRAPH = {name: _imported(name, path) for name, path in MODULES.items()}


def _cycle() -> list[str] | None:
    """One import circle, if there is any (depth-first search)."""
    state: dict[str, str] = {}
    trail: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = "open"
        trail.append(module)
        for target in sorted(GRAPH[module]):
            if state.get(target) == "open":
                return [*trail[trail.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        state[module] = "done"
        trail.pop()
        return None

    for module in sorted(GRAPH):
        if module not in state and (found := visit(module)):
            return found
    return None


def test_no_module_of_the_package_imports_itself_in_a_circle() -> None:
    assert _cycle() is None


def test_the_circle_finder_sees_a_circle_through_a_lazy_import() -> None:
    GRAPH["sprintlog.errors"].add("sprintlog.storage.journal")  # journal imports errors
    try:
        assert _cycle() is not None
    finally:
        GRAPH["sprintlog.errors"].discard("sprintlog.storage.journal")


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_imports_on_its_own(name: str) -> None:
    importlib.import_module(name)


def _importers_of(prefix: str, *, within: str) -> list[tuple[str, str]]:
    return [
        (module, target)
        for module, targets in GRAPH.items()
        if module.startswith(within)
        for target in targets
        if target == prefix or target.startswith(prefix + ".")
    ]


def test_storage_imports_no_layer_above_it() -> None:
    for above in ("sprintlog.cli", "sprintlog.services", "sprintlog.render"):
        assert _importers_of(above, within="sprintlog.storage") == []


def _imports_outside(prefix: str, allowed: tuple[str, ...]) -> dict[str, set[str]]:
    return {
        module: {target for target in targets if not target.startswith(allowed)}
        for module, targets in GRAPH.items()
        if module == prefix or module.startswith(prefix + ".")
    }


def test_the_rules_import_nothing_of_sprintlog_but_rules_and_errors() -> None:
    """sprintlog.rules: pure rules, no database, no I/O; everything else may use them."""
    found = _imports_outside("sprintlog.rules", ("sprintlog.rules", "sprintlog.errors"))
    assert "sprintlog.rules.dates" in found
    assert {module: targets for module, targets in found.items() if targets} == {}


def test_the_display_helpers_import_no_command_module() -> None:
    """cli/display/ shows; the command modules beside it use it, never the other way."""
    found = _imports_outside("sprintlog.cli.display", ("sprintlog.cli.display",))
    assert "sprintlog.cli.display.tables" in found
    for module, targets in found.items():
        assert {t for t in targets if t.startswith("sprintlog.cli")} == set(), module


def test_at_most_six_modules_sit_at_the_top_of_the_package() -> None:
    """The rest lives in packages that say what they are (cli, services, storage, …)."""
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(top) <= 6, top


@pytest.mark.parametrize("file_name", ["records.py", "parsed.py"])
def test_no_two_modules_share_the_name_of_a_record_module(file_name: str) -> None:
    assert len([path for path in MODULES.values() if path.name == file_name]) == 1


def _runtime_imports(path: Path) -> set[str]:
    """The modules a file imports when it runs: those under TYPE_CHECKING left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING",):
            node.body = []
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_render_takes_what_it_needs_as_arguments() -> None:
    """render/ never runs a service, nor names one: what it shows is in sprintlog.shown."""
    assert _importers_of("sprintlog.services", within="sprintlog.render") == []
    assert _importers_of("sprintlog.storage", within="sprintlog.render") == []


def test_the_shown_types_import_only_records_and_rules() -> None:
    """sprintlog.shown sits below both services and render (dataclasses only)."""
    allowed = ("sprintlog.shown", "sprintlog.records", "sprintlog.rules", "sprintlog.errors")
    for module, targets in GRAPH.items():
        if module.startswith("sprintlog.shown"):
            assert {t for t in targets if not t.startswith(allowed)} == set(), module


_SQL = re.compile(r"\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|CREATE TABLE|DROP TABLE)\b", re.I)


def test_the_cli_makes_no_engine_and_names_no_table() -> None:
    for name, path in MODULES.items():
        if not name.startswith("sprintlog.cli"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        used = {
            alias.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for alias in n.names
        }
        used |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
        used |= {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        assert not used & {"create_engine", "make_engine", "on_server", "server_revision"}, name
        assert not any(m.startswith("sqlalchemy") for m in _runtime_imports(path)), name
        strings = [
            n.value
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str)
        ]
        assert [s for s in strings if _SQL.search(s) and " FROM " in s.upper()] == [], name


def _command_groups() -> set[str]:
    return {
        name
        for name, path in MODULES.items()
        if name.startswith("sprintlog.cli.") and "typer.Typer(" in path.read_text(encoding="utf-8")
    }


def test_cli_commands_take_no_logic_from_other_commands() -> None:
    """What two commands share lives in services (or cli's helpers), not in a command group."""
    groups = _command_groups()
    assert "sprintlog.cli.goals" in groups
    for name in MODULES:
        if name.startswith("sprintlog.cli.") and name not in groups | {"sprintlog.cli"}:
            assert GRAPH[name] & groups == set(), name
        if name in groups:
            assert GRAPH[name] & (groups - {name}) == set(), name


def test_the_console_entry_point_imports_everything_inside_its_ctrl_c_guard() -> None:
    """``sprintlog`` runs ``sprintlog.__main__:main``; above the guard only os and sys."""
    import tomllib

    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    assert project["project"]["scripts"] == {"sprintlog": "sprintlog.__main__:main"}
    tree = ast.parse(MODULES["sprintlog.__main__"].read_text(encoding="utf-8"))
    top = [node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)]
    assert sorted(alias.name for node in top for alias in node.names) == ["os", "sys"]
