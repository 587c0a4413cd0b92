"""The import rules of ARCHITECTURE.md, checked on the source (a rule nobody checks erodes)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from anam_contract.paths import REPO_ROOT

SRC = REPO_ROOT / "src"

# layer (a module or package under src/) -> prefixes of our own modules it must not import.
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "anam_personas": ("anam_contract",),
    "anam_contract/paths.py": ("anam_contract.", "anam_personas"),
    "anam_contract/inputs.py": ("anam_contract.", "anam_personas"),
    "anam_contract/spec.py": (
        "anam_contract.codegen",
        "anam_contract.docs",
        "anam_contract.mock",
        "anam_contract.drift",
        "anam_contract.diff",
        "anam_contract.cli",
        "anam_personas",
    ),
    "anam_contract/codegen.py": (
        "anam_contract.docs",
        "anam_contract.mock",
        "anam_contract.drift",
        "anam_contract.diff",
        "anam_contract.cli",
        "anam_personas",
    ),
    "anam_contract/mock": (
        "anam_contract.docs",
        "anam_contract.drift",
        "anam_contract.diff",
        "anam_contract.cli",
        "anam_contract.codegen",
        "anam_personas",
    ),
    "anam_contract/drift": (
        "anam_contract.mock",
        "anam_contract.diff",
        "anam_contract.docs",
        "anam_contract.cli",
        "anam_contract.codegen",
        "anam_personas",
    ),
    "anam_contract/diff": (
        "anam_contract.docs",
        "anam_contract.mock",
        "anam_contract.drift",
        "anam_contract.cli",
        "anam_personas",
    ),
    "anam_contract/docs": (
        "anam_contract.mock",
        "anam_contract.drift",
        "anam_contract.diff",
        "anam_contract.cli",
        "anam_contract.codegen",
        "anam_personas",
    ),
}
# Allowed exceptions: `paths` may be imported by everything, including `spec`.
ALWAYS_ALLOWED = ("anam_contract.paths",)


def _imports(path: Path) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.extend((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)
    return found


def _files(layer: str) -> list[Path]:
    target = SRC / layer
    return [target] if target.is_file() else sorted(target.rglob("*.py"))


def _matches(name: str, forbidden: str) -> bool:
    """`a.b` forbids `a.b` and everything under it; `a.` forbids everything under `a`."""
    if forbidden.endswith("."):
        return name.startswith(forbidden)
    return name == forbidden or name.startswith(forbidden + ".")


def _violations(layer: str) -> list[str]:
    bad = []
    for path in _files(layer):
        for line, name in _imports(path):
            if name.startswith(ALWAYS_ALLOWED):
                continue
            if any(_matches(name, forbidden) for forbidden in FORBIDDEN[layer]):
                bad.append(f"{path.relative_to(REPO_ROOT)}:{line} imports {name}")
    return bad


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_what_architecture_allows(layer: str) -> None:
    assert _files(layer), f"{layer} does not exist: update this test and ARCHITECTURE.md"
    assert _violations(layer) == []


def test_the_generated_client_imports_nothing_of_ours() -> None:
    generated = REPO_ROOT / "generated" / "anam_personas_client"
    bad = [
        f"{path.name}:{line} {name}"
        for path in sorted(generated.rglob("*.py"))
        for line, name in _imports(path)
        if name.startswith(("anam_contract", "anam_personas."))
    ]
    assert bad == []


def test_a_forbidden_import_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_src = tmp_path / "src"
    (fake_src / "anam_contract" / "mock").mkdir(parents=True)
    (fake_src / "anam_contract" / "mock" / "_app.py").write_text("from anam_contract.cli import main\n")
    monkeypatch.setattr(f"{__name__}.SRC", fake_src)
    monkeypatch.setattr(f"{__name__}.REPO_ROOT", tmp_path)
    assert _violations("anam_contract/mock") == ["src/anam_contract/mock/_app.py:1 imports anam_contract.cli.main"]
