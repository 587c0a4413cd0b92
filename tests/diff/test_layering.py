"""ARCHITECTURE.md: `anam_contract.diff` imports only `spec`, `paths`, `inputs` and `codegen` of the project."""

from __future__ import annotations

import ast
from pathlib import Path

import anam_contract.diff

ALLOWED = {"anam_contract.spec", "anam_contract.paths", "anam_contract.inputs", "anam_contract.codegen"}


def _project_imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "anam_contract":
            # `from anam_contract import codegen` imports the submodule codegen.
            found.update(f"anam_contract.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith(("anam_contract", "anam_personas"))}


def test_diff_imports_only_what_its_layer_may() -> None:
    package = Path(anam_contract.diff.__file__).parent
    for path in sorted(package.glob("*.py")):
        outside = {name for name in _project_imports(path) if not name.startswith("anam_contract.diff")}
        assert outside <= ALLOWED, f"{path.name} imports {sorted(outside - ALLOWED)}"
