"""The package's layers hold: every import points down, no module imports itself back.

spec -> findings -> checks -> policy -> output/editing -> cli/plugin; each imports only
the layers below it (``validator.errors`` and ``validator.version`` are layer 0, below
everything). The package root, ``validator.strategies`` and ``validator.__main__`` may
import anything. The graph is read with ``ast`` from the source, imports inside
functions included, so a lazy import cannot hide an upward dependency.

And the JSON path (``import validator``, ``samplecheck response``, the pytest plugin)
loads none of the sheet engine's libraries.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import validator

PACKAGE = Path(validator.__file__).resolve().parent
LAYERS = {
    "validator.errors": 0,
    "validator.version": 0,
    "validator.spec": 1,
    "validator.findings": 2,
    "validator.checks": 3,
    "validator.policy": 4,
    "validator.output": 5,
    "validator.editing": 5,
    "validator.cli": 6,
    "validator.plugin": 6,
}
UNLAYERED = {"validator", "validator.__main__", "validator.strategies"}  # may import anything
HEAVY = ("pandas", "pyarrow", "pandera", "polars", "openpyxl")


def _modules(package: Path) -> dict[str, tuple[Path, bool]]:
    """Module name -> (file, is a package ``__init__``), for every ``.py`` under ``package``."""
    out = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        out[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return out


def import_graph(package: Path) -> dict[str, set[tuple[str, int]]]:
    """Module -> {(imported module of the package, line)}, every import statement anywhere in it.

    ``from a.b import c`` is an import of ``a.b.c`` when that is a module, else of ``a.b``.
    """
    root = package.name
    modules = _modules(package)
    graph: dict[str, set[tuple[str, int]]] = {}
    for name, (path, is_package) in modules.items():
        edges: set[tuple[str, int]] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                edges |= {(a.name, node.lineno) for a in node.names if a.name.split(".")[0] == root}
            elif isinstance(node, ast.ImportFrom):
                if node.level:  # relative: from the module's package upwards
                    base = name.split(".")[: len(name.split(".")) - node.level + (1 if is_package else 0)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if target.split(".")[0] != root:
                    continue
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    edges.add((sub if sub in modules else target, node.lineno))
        graph[name] = edges
    return graph


def layer_of(module: str) -> int | None:
    for prefix, layer in LAYERS.items():
        if module == prefix or module.startswith(prefix + "."):
            return layer
    return None


def _cycles(graph: dict[str, set[tuple[str, int]]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    adjacent = {m: sorted({d for d, _ in edges if d in graph}) for m, edges in graph.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in adjacent[v]:
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
            if len(component) > 1 or v in adjacent[v]:
                found.append(sorted(component))

    for v in sorted(adjacent):
        if v not in index:
            visit(v)
    return found


def violations(package: Path) -> list[str]:
    """Every upward import, import of an unlayered module, module outside the layers, and cycle."""
    graph = import_graph(package)
    out = []
    for module, edges in sorted(graph.items()):
        if module in UNLAYERED:
            continue
        mine = layer_of(module)
        if mine is None:
            out.append(f"{module}: in no layer (add it to one, see docs/architecture.md)")
            continue
        for target, line in sorted(edges):
            theirs = layer_of(target)
            if theirs is None or theirs > mine:
                out.append(f"{module}:{line} imports {target}, a layer above it")
    out += [f"import cycle: {' -> '.join(cycle)}" for cycle in _cycles(graph)]
    return out


def test_every_import_points_down_and_nothing_imports_itself_back():
    assert violations(PACKAGE) == []


def _copy(tmp_path: Path) -> Path:
    copy = tmp_path / "validator"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "_data"))
    assert violations(copy) == []  # the copy holds as the package does, before the change
    return copy


def test_an_upward_import_inside_a_function_fails_the_check(tmp_path):
    copy = _copy(tmp_path)
    lab_rules = copy / "checks" / "lab_rules.py"
    lab_rules.write_text(lab_rules.read_text(encoding="utf-8") + (
        "\n\ndef _settings():\n    from validator.policy.config import Settings\n\n    return Settings\n"),
        encoding="utf-8")
    found = violations(copy)
    assert len(found) == 1
    assert found[0].startswith("validator.checks.lab_rules:")
    assert "imports validator.policy.config, a layer above it" in found[0]


def test_an_import_of_the_package_root_fails_the_check(tmp_path):
    copy = _copy(tmp_path)
    sarif = copy / "output" / "sarif.py"
    sarif.write_text(sarif.read_text(encoding="utf-8").replace(
        "from validator.version import __version__", "from validator import __version__"), encoding="utf-8")
    assert [v.split(":", 1)[0] for v in violations(copy)] == ["validator.output.sarif"]


def test_a_cycle_inside_a_layer_fails_the_check(tmp_path):
    copy = _copy(tmp_path)
    suggest = copy / "spec" / "suggest.py"  # schemas imports suggest; now suggest imports schemas back
    suggest.write_text(suggest.read_text(encoding="utf-8") + "\n\ndef _names():\n"
                       "    from validator.spec import schemas\n\n    return schemas.names()\n",
                       encoding="utf-8")
    found = violations(copy)
    assert len(found) == 1
    assert found[0].startswith("import cycle:")
    assert "validator.spec.schemas" in found[0] and "validator.spec.suggest" in found[0]


def test_a_module_outside_the_layers_fails_the_check(tmp_path):
    copy = _copy(tmp_path)
    (copy / "helpers.py").write_text("from validator.errors import InputError\n", encoding="utf-8")
    assert violations(copy) == ["validator.helpers: in no layer (add it to one, see docs/architecture.md)"]


def _loaded_after(code: str, tmp_path: Path) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter; which heavy libraries it loaded, and what it printed."""
    probe = (f"import sys\n{code}\n"
             f"print('\\n' + __import__('json').dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    *printed, last = done.stdout.rstrip("\n").split("\n")
    return {"heavy": json.loads(last), "stdout": "\n".join(printed).strip()}


def test_import_validator_loads_no_sheet_library(tmp_path):
    result = _loaded_after("import validator\nprint(validator.Report().valid)", tmp_path)
    assert result == {"heavy": [], "stdout": "True"}


def test_samplecheck_response_loads_no_sheet_library(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"$uri": "/api/v1/metadata/0123456789abcdef",
                                                    "name": "S1", "platform": "Illumina Miseq"}))
    run = "from validator.cli.main import main\nprint('exit', main(['response', 'one.json']))"
    result = _loaded_after(run, tmp_path)
    assert result["heavy"] == []
    assert "enum" in result["stdout"] and result["stdout"].endswith("exit 1")  # it did check the record


def test_samplecheck_response_importtime_shows_no_sheet_library(tmp_path):
    record = {"$uri": "/api/v1/metadata/0123456789abcdef", "name": "S1"}
    (tmp_path / "one.json").write_text(json.dumps(record))
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "validator", "response", "one.json"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "validator.checks.documents" in imported  # the listing is the checking run's
    assert {m.split(".")[0] for m in imported} & set(HEAVY) == set()


def test_the_pytest_plugin_loads_no_sheet_library(tmp_path):
    result = _loaded_after("import validator.plugin.pytest_plugin", tmp_path)
    assert result["heavy"] == []


def test_samplecheck_check_still_loads_what_it_needs(tmp_path):
    """The probe above can see pandas: the sheet command loads it."""
    (tmp_path / "s.csv").write_text("name,platform\nS1,Illumina MiSeq\n")
    result = _loaded_after("from validator.cli.main import main\nprint('exit', main(['check', 's.csv']))",
                           tmp_path)
    assert "pandas" in result["heavy"] and result["stdout"].endswith("exit 0")


def test_the_cli_parser_imports_no_checker(tmp_path):
    code = ("from validator.cli.parser import build_parser\nbuild_parser().parse_args(['check', 'x.csv'])\n"
            "work = ('validator.checks', 'validator.cli.commands')\n"
            "print(sorted(m for m in sys.modules if m.startswith(work)))")
    result = _loaded_after(code, tmp_path)
    assert result == {"heavy": [], "stdout": "[]"}


def test_every_subcommand_names_one_module_that_runs_it():
    import argparse
    import importlib

    from validator.cli.parser import build_parser

    parser = build_parser()
    subcommands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(subcommands.choices) >= {"check", "response", "rules", "schemas", "template", "fix"}
    for name, sub in subcommands.choices.items():
        module = importlib.import_module(f"validator.cli.commands.{sub.get_default('command')}")
        assert callable(module.run), name
