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
        "anam_contract.suite",
        "anam_contract.codegen",
        "anam_contract.docs",
        "anam_contract.mock",
        "anam_contract.drift",
        "anam_contract.diff",
        "anam_contract.cli",
        "anam_personas",
    ),
    "anam_contract/codegen.py": (
        "anam_contract.suite",
        "anam_contract.docs",
        "anam_contract.mock",
        "anam_contract.drift",
        "anam_contract.diff",
        "anam_contract.cli",
        "anam_personas",
    ),
    "anam_contract/mock": (
        "anam_contract.suite",
        "anam_contract.docs",
        "anam_contract.drift",
        "anam_contract.diff",
        "anam_contract.cli",
        "anam_contract.codegen",
        "anam_personas",
    ),
    "anam_contract/drift": (
        "anam_contract.suite",
        "anam_contract.mock",
        "anam_contract.diff",
        "anam_contract.docs",
        "anam_contract.cli",
        "anam_contract.codegen",
        "anam_personas",
    ),
    "anam_contract/diff": (
        "anam_contract.suite",
        "anam_contract.docs",
        "anam_contract.mock",
        "anam_contract.drift",
        "anam_contract.cli",
        "anam_personas",
    ),
    "anam_contract/docs": (
        "anam_contract.suite",
        "anam_contract.mock",
        "anam_contract.drift",
        "anam_contract.diff",
        "anam_contract.cli",
        "anam_contract.codegen",
        "anam_personas",
    ),
    # The contract suite checks an API with the tooling's spec loading; it never drives the tooling.
    "anam_contract/suite": (
        "anam_contract.cli",
        "anam_contract.codegen",
        "anam_contract.diff",
        "anam_contract.docs",
        "anam_contract.drift",
    ),
}
# The suite's modules that may import the mock: the run's in-process set-up (the app it loads and
# the organisations that app starts with) and the test modules. The model of the documented
# behaviour judges the mock's answers, so it must know nothing of the mock's code.
SUITE = "anam_contract/suite"
MOCK_LOADERS = ("_run.py", "_seeding.py", "contract_tests/")
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


def _suite_mock_imports() -> list[str]:
    bad: list[str] = []
    for path in _files(SUITE):
        if path.relative_to(SRC / SUITE).as_posix().startswith(MOCK_LOADERS):
            continue
        bad.extend(
            f"{path.relative_to(REPO_ROOT)}:{line} imports {name}"
            for line, name in _imports(path)
            if _matches(name, "anam_contract.mock")
        )
    return bad


def test_only_the_suites_in_process_set_up_imports_the_mock() -> None:
    assert all((SRC / SUITE / name).exists() for name in MOCK_LOADERS), "update MOCK_LOADERS and ARCHITECTURE.md"
    assert _suite_mock_imports() == []


def test_a_mock_import_in_the_model_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    suite = tmp_path / "src" / "anam_contract" / "suite"
    (suite / "contract_tests").mkdir(parents=True)
    (suite / "_oracle.py").write_text("from anam_contract.mock._store import Store\n")
    (suite / "_run.py").write_text("from anam_contract.mock import create_app\n")
    (suite / "contract_tests" / "test_client.py").write_text("from anam_contract.mock import create_app\n")
    monkeypatch.setattr(f"{__name__}.SRC", tmp_path / "src")
    monkeypatch.setattr(f"{__name__}.REPO_ROOT", tmp_path)
    assert _suite_mock_imports() == ["src/anam_contract/suite/_oracle.py:1 imports anam_contract.mock._store.Store"]


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
