"""`make package` (tools/package_check.py): what it runs from the wheels, checked without building them."""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from anam_contract.paths import REPO_ROOT

SCRIPT = REPO_ROOT / "tools" / "package_check.py"


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("package_check", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_it_runs_every_client_example_and_none_of_the_tooling_ones() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    blocks = _module().client_examples(readme)
    assert len(blocks) >= 9
    assert all("anam_contract" not in block for block in blocks), "a client example needs the tooling"
    assert any("with_raw_response" in block for block in blocks)
    assert readme.count("```python\n") > len(blocks), "the tooling's examples are left out"


def test_it_imports_nothing_of_ours_so_it_tests_the_wheels_not_the_sources() -> None:
    imported: set[str] = set()
    for node in ast.walk(ast.parse(SCRIPT.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert imported <= set(sys.stdlib_module_names) | {"__future__"}, imported


def test_the_user_code_it_type_checks_uses_the_typed_surface() -> None:
    user_code = (REPO_ROOT / "tools" / "package_user_code.py").read_text(encoding="utf-8")
    assert "assert_type(raw, RawResponse[Persona])" in user_code
    assert '"--strict", "--disallow-any-expr"' in Path(SCRIPT).read_text(encoding="utf-8")
