"""The package's structure: one intake, no import circles, no lower layer importing a higher one.

Read from the source with :mod:`ast`, so imports inside functions count as much as those at the
top of a module.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "leadmodel"

#: Layers from the bottom; a module may import its own layer and those below, never above.
LAYERS: list[set[str]] = [
    {"errors", "_version", "display", "terms", "atomic"},
    {"models", "roles"},
    {"roster", "presets", "walks"},
    {"readers"},
    {"graph", "metrics", "inference", "teaming"},
    {
        "cost",
        "funding",
        "edits",
        "restaffing",
        "staffing",
        "practice",
        "summary",
        "scenarios",
        "datasets",
        "writers",
        "trends",
    },
    {"analysis", "plots", "plot", "document", "evidence", "report", "plan_report", "report_years"},
    {"cli", "__main__", "__init__"},
]


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts) or "__init__"


def _imports() -> dict[str, set[str]]:
    """Module -> the leadmodel modules it imports (anywhere in its source)."""
    modules = {_module(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module.startswith("leadmodel"):
                    base = node.module.removeprefix("leadmodel").lstrip(".")
                    targets = [f"{base}.{a.name}".lstrip(".") for a in node.names]
                    targets = [t if t in modules else base for t in targets]
            elif isinstance(node, ast.Import):
                targets = [
                    a.name.removeprefix("leadmodel").lstrip(".")
                    for a in node.names
                    if a.name.startswith("leadmodel")
                ]
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def _layer(module: str) -> int:
    top = module.split(".")[0]
    for level, names in enumerate(LAYERS):
        if top in names:
            return level
    raise AssertionError(f"module {module} has no layer in tests/test_structure.py")


def test_no_import_circles() -> None:
    graph = _imports()
    seen: dict[str, int] = {}  # 1: on the current path, 2: done
    circles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        seen[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if seen.get(nxt) == 1:
                circles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in seen:
                visit(nxt, [*path, nxt])
        seen[node] = 2

    for start in sorted(graph):
        if start not in seen:
            visit(start, [start])
    assert not circles, f"import circles: {circles}"


def test_no_lower_layer_imports_a_higher_one() -> None:
    upward = [
        f"{module} imports {target}"
        for module, targets in _imports().items()
        for target in targets
        if _layer(target) > _layer(module)
    ]
    assert not upward, "\n".join(sorted(upward))


def _definitions(kind: type[ast.AST], name: str) -> list[str]:
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, kind) and getattr(node, "name", None) == name:
                found.append(str(path.relative_to(PACKAGE)))
    return found


@pytest.mark.parametrize(
    ("kind", "name"), [(ast.ClassDef, "Intake"), (ast.FunctionDef, "check_known")]
)
def test_one_preamble_and_one_membership_check(kind: type[ast.AST], name: str) -> None:
    assert len(_definitions(kind, name)) == 1


def test_only_the_file_layer_reads_files() -> None:
    """Readers go through :class:`Intake`; nothing else calls the file layer's parts."""
    parts = {"read_table", "guard_size", "map_columns", "read_sheets", "decode_text"}
    callers = set()
    for path in PACKAGE.rglob("*.py"):
        rel = str(path.relative_to(PACKAGE))
        if rel in ("readers/files.py", "readers/text.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in parts:
                callers.add(f"{rel}: {node.func.id}")  # type: ignore[attr-defined]
    assert not callers, sorted(callers)


def test_no_module_over_a_thousand_lines() -> None:
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 1000
    }
    assert not long, long
