"""The layer map in docs/design.md matches the package: every module is listed once, and no
import points up a layer.

The map is read from the "Architecture" table of docs/design.md, so the document and the code
cannot drift apart: moving a module, or importing from a layer above, fails here.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import analysis

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "analysis"
DESIGN = ROOT / "docs" / "design.md"

ROW = re.compile(r"^\| (\d+) \| `(analysis(?:\.\w+)?)` \| ([^|]+) \|")


def layer_map() -> dict[str, int]:
    """Dotted module name -> layer number, from the design document's table."""
    text = DESIGN.read_text(encoding="utf-8")
    section = text.split("## Architecture", 1)[1].split("\n## ", 1)[0]
    layers: dict[str, int] = {}
    for line in section.splitlines():
        m = ROW.match(line)
        if not m:
            continue
        number, package, modules = int(m.group(1)), m.group(2), m.group(3)
        for name in modules.replace("\\", "").split(","):
            dotted = f"{package}.{name.strip()}"
            assert dotted not in layers, f"{dotted} is listed twice in docs/design.md"
            layers[dotted] = number
    return layers


def package_modules() -> dict[str, Path]:
    """Dotted name -> file of every module of the package (subpackage __init__ files included)."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def imported_modules(path: Path, dotted: str) -> list[tuple[int, str]]:
    """(line, module) of every import of a module of the package in ``path``, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names if alias.name.startswith("analysis")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = dotted.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            if not source.startswith("analysis"):
                continue
            # `from analysis.speech import quotes` imports the module analysis.speech.quotes
            for alias in node.names:
                candidate = f"{source}.{alias.name}"
                out.append((node.lineno, candidate if candidate in MODULES else source))
    return out


MODULES = package_modules()
LAYERS = layer_map()


def layer_of(module: str) -> int:
    """The layer of a module; a subpackage's __init__ has its modules' layer; the top package is 0."""
    if module == "analysis":
        return 0
    if module in LAYERS:
        return LAYERS[module]
    members = {n for name, n in LAYERS.items() if name.rsplit(".", 1)[0] == module}
    assert len(members) == 1, f"{module} is not in the layer map of docs/design.md"
    return members.pop()


def test_the_design_document_lists_every_module_once_and_nothing_else():
    listed = set(LAYERS)
    actual = {name for name, path in MODULES.items() if path.name != "__init__.py"}
    assert actual - listed == set(), "modules missing from the layer map in docs/design.md"
    assert listed - actual == set(), "the layer map in docs/design.md lists modules that do not exist"


@pytest.mark.parametrize("module", sorted(name for name in MODULES if name != "analysis"))
def test_imports_point_down_or_sideways(module):
    here = layer_of(module)
    upward = [
        f"line {line}: {target} (layer {layer_of(target)})"
        for line, target in imported_modules(MODULES[module], module)
        if layer_of(target) > here
    ]
    assert upward == [], f"{module} (layer {here}) imports from a layer above: {upward}"


def test_the_checker_catches_an_upward_import(tmp_path):
    """The check above can fail: an import from the presentation layer inside the text layer."""
    fake = tmp_path / "document.py"
    fake.write_text("def f():\n    from analysis.present import plots\n")
    found = imported_modules(fake, "analysis.text.document")
    assert found == [(2, "analysis.present.plots")]
    assert layer_of("analysis.present.plots") > layer_of("analysis.text.document")


def test_public_modules_resolve_by_their_short_names():
    """``from analysis import <name>`` gives every public module, wherever its layer put it."""
    for name, target in analysis.PUBLIC_MODULES.items():
        assert target in MODULES, f"{name} points to {target}, which does not exist"
        assert getattr(analysis, name).__name__ == target
    from analysis import compare, framing, text

    assert text.make_document.__module__ == "analysis.text.document"
    assert framing.frames_table.__module__ == "analysis.framing.frames"
    assert compare.compare_story.__module__ == "analysis.compare.story"
    with pytest.raises(AttributeError, match="no attribute 'nonexistent'"):
        analysis.nonexistent  # noqa: B018
