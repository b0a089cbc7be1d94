"""The package's layers (DESIGN.md): cli -> services -> storage/models, render apart.

Read from the source with ``ast``: every import counts, at the top of a module or inside a
function, and those under TYPE_CHECKING too, so a circle cannot hide in a lazy import.
"""

import ast
import importlib
from pathlib import Path

import pytest

import sprintlog

PACKAGE = Path(sprintlog.__file__).resolve().parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


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


@pytest.mark.parametrize("name", sorted(set(MODULES) - {"sprintlog.__main__"}))
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
