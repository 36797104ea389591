"""The layers of docs/architecture.md, enforced: every ``import`` of every module of
``fastsmote`` (at the top or inside a function) is read with :mod:`ast` and must
point the way the document allows, and no module imports itself back through others."""

from __future__ import annotations

import ast
import functools
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "fastsmote"

#: Modules of the package root that only hold shared mechanics (flags, random
#: draws, threads, containers, parameters): every layer may use them.
CORE = {"_config", "_random", "_threads", "_containers", "_params", "_plain_input"}

#: Layer -> the layers its modules may import (besides itself and CORE).
ALLOWED = {
    "core": set(),
    "_kernels": set(),
    "neighbors": {"_kernels"},
    "over_sampling": {"neighbors", "_kernels"},
    "under_sampling": {"neighbors", "_kernels"},
    "combine": {"over_sampling", "under_sampling", "neighbors", "_kernels"},
    "dask": {"over_sampling", "under_sampling", "combine", "neighbors", "_kernels", "datasets"},
    "datasets": set(),
    # The registry and the warm-up stand above the samplers they list and run.
    "_registry": {"over_sampling", "under_sampling", "combine", "neighbors"},
    "_warmup": {"_registry", "over_sampling", "under_sampling", "combine", "neighbors"},
    "fastsmote": {"_warmup", "over_sampling", "under_sampling", "combine"},
    "app": {
        "fastsmote",
        "_registry",
        "_warmup",
        "datasets",
        "neighbors",
        "over_sampling",
        "under_sampling",
        "combine",
    },
    "__main__": {"app"},
}

#: The core's kernels take flags from _config only (STYLE.md: one place).
KERNEL_CORE = {"_config"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, source: str | None = None) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in ``path``; for ``from X
    import name`` both ``X.name`` (a submodule) and ``X`` are candidates, the
    first that is a module of the package counts."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    source = path.read_text() if source is None else source
    for node in ast.walk(ast.parse(source, str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                candidate = f"{source}.{alias.name}"
                found.append((node.lineno, candidate if candidate in MODULES else source))
    return found


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _layer(module: str) -> str:
    """The layer of a module of the package: its first name below ``fastsmote``."""
    parts = module.split(".")
    if len(parts) == 1:
        return "fastsmote"
    return "core" if parts[1] in CORE else parts[1]


@functools.cache
def _edges() -> tuple[tuple[str, Path, int, str], ...]:
    """(module, path, line, imported module) of every import of the package."""
    return tuple(
        (module, path, line, target)
        for module, path in sorted(MODULES.items())
        for line, target in _imports(path)
    )


def test_every_module_is_in_a_known_layer():
    assert {_layer(m) for m in MODULES} <= set(ALLOWED)


def _wrong_imports(layer: str, edges) -> list[str]:
    """The imports of ``layer``'s modules among ``edges`` that the layers forbid."""
    wrong = []
    for module, path, line, target in edges:
        if _layer(module) != layer or not target.startswith("fastsmote"):
            continue
        if target == "fastsmote" or target.startswith("fastsmote.__"):
            to = "fastsmote"  # the package's own names (__version__)
        else:
            to = _layer(target)
        ok = to == layer or to in ALLOWED[layer]
        if layer == "_kernels":
            ok = to == "_kernels" or (to == "core" and target.split(".")[1] in KERNEL_CORE)
        elif to == "core":
            ok = True
        if not ok:
            wrong.append(f"{path.relative_to(ROOT)}:{line} imports {target} ({to})")
    return wrong


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_imports_point_the_allowed_way(layer):
    wrong = _wrong_imports(layer, _edges())
    assert not wrong, "\n".join(wrong)


def test_nothing_outside_the_app_imports_the_app():
    outside = [
        f"{path.relative_to(ROOT)}:{line} imports {target}"
        for module, path, line, target in _edges()
        if target.startswith("fastsmote.app") and _layer(module) not in ("app", "__main__")
    ]
    assert not outside, "\n".join(outside)


def test_the_library_imports_no_tool_benchmark_or_test():
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {target}"
        for module, path, line, target in _edges()
        if target.split(".")[0] in ("tools", "benchmarks", "tests", "naive", "conftest")
    ]
    assert not wrong, "\n".join(wrong)


def test_no_import_cycle():
    graph = defaultdict(set)
    for module, _, _, target in _edges():
        if target in MODULES and target != module:
            graph[module].add(target)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(v):  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(MODULES):
        if module not in index:
            visit(module)
    assert not cycles, cycles


@pytest.mark.parametrize(
    "module, source, allowed",
    [
        ("fastsmote._kernels.probe", "from ..over_sampling import SMOTE", False),
        ("fastsmote._kernels.probe", "from .._threads import numba_threads", False),
        ("fastsmote._kernels.probe", "from .._config import NJIT_FLAGS", True),
        ("fastsmote.neighbors.probe", "from ..under_sampling import TomekLinks", False),
        ("fastsmote.neighbors.probe", "import fastsmote._kernels.brute", True),
        ("fastsmote.datasets.probe", "from ..app.data import load_data", False),
        ("fastsmote.app.probe", "from ..over_sampling import SMOTE", True),
    ],
)
def test_the_checker_sees_a_wrong_import(module, source, allowed):
    path = ROOT / (module.replace(".", "/") + ".py")
    edges = [(module, path, line, target) for line, target in _imports(path, source)]
    assert (not _wrong_imports(_layer(module), edges)) == allowed
