"""The package's layout: one-way imports between layers, no cycle, small modules with a
docstring each, and every subpackage in the wheel."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "cyberreport"

# The layers, bottom to top (docs/architecture.md).  A module may import from its own
# layer or below, never from above.
LAYERS = [
    {"exceptions", "taxonomy", "_about", "_validation", "_deprecation", "_optional",
     "_display", "_progress", "_parallel", "_modelfile", "_frames", "_english"},
    {"text", "places"},
    {"io"},
    {"corpus"},
    {"_texts", "tokenize"},
    {"features", "extract"},
    {"classifier", "topics"},
    {"evaluation", "persistence"},
    {"training"},
    {"analysis", "plots", "stream", "dask"},
    {"report"},
    {"cli", "_build_default", "_build_card", "_default_data"},
    {"__init__", "__main__"},
]
LAYER_OF = {name: i for i, names in enumerate(LAYERS) for name in names}


def _modules():
    """``(module name, path)``; a package's ``__init__.py`` is the package itself."""
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield ".".join(("cyberreport",) + parts), path


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(module: str, path: Path) -> set[str]:
    """Every cyberreport module this one imports, at any depth (function-level imports
    count: they close cycles just the same)."""
    tree = ast.parse(path.read_text("utf-8"))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("cyberreport"):
                out.add(target)
                for alias in node.names:  # "from . import x" imports submodule x
                    out.add(f"{target}.{alias.name}")
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("cyberreport"))
    return out


def _graph():
    mods = dict(_modules())
    names = set(mods)
    graph = {}
    for mod, path in mods.items():
        deps = set()
        for target in _imports(mod, path):
            while target not in names and "." in target:
                target = target.rsplit(".", 1)[0]  # a name inside a module
            if target in names and target != mod:
                deps.add(target)
        graph[mod] = deps
    return graph


def test_every_top_level_module_has_a_layer():
    tops = {_top(m) for m, _ in _modules()} - {"conftest"}
    assert tops <= set(LAYER_OF), sorted(tops - set(LAYER_OF))


def test_no_import_reaches_up_a_layer():
    bad = []
    for mod, deps in _graph().items():
        for dep in deps:
            if dep == "cyberreport":
                if mod != "cyberreport":
                    bad.append(f"{mod} imports the package root")
                continue
            if LAYER_OF[_top(dep)] > LAYER_OF[_top(mod)]:
                bad.append(f"{mod} -> {dep}")
    assert not bad, "\n".join(sorted(bad))


def test_no_import_cycle():
    graph = _graph()
    state: dict[str, int] = {}
    cycles = []

    def visit(node, stack):
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt == "cyberreport":  # the root only re-exports (checked above)
                continue
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    # a package importing its own modules in its __init__ is how packages are built; a
    # module importing its own package (and so itself) is a cycle
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


@pytest.mark.parametrize("module, path", list(_modules()), ids=lambda x: str(x))
def test_module_is_small_and_says_what_it_holds(module, path):
    source = path.read_text("utf-8")
    n = source.count("\n")
    assert n <= 450, f"{module}: {n} lines (at most 450)"
    doc = ast.get_docstring(ast.parse(source))
    assert doc and len(doc.split()) >= 3, f"{module} has no docstring naming its role"


def test_every_subpackage_is_in_the_wheel():
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    listed = set(re.findall(r'"(cyberreport(?:\.[\w]+)*)"', text.split("[tool.setuptools]")[1]
                            .split("include-package-data")[0]))
    packages = {".".join(("cyberreport",) + p.relative_to(SRC).parts)
                for p in [SRC, *SRC.rglob("*")] if p.is_dir() and (p / "__init__.py").exists()}
    packages.add("cyberreport.resources")
    assert packages <= listed, sorted(packages - listed)
