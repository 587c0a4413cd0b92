from __future__ import annotations

import ast
import shlex
from pathlib import Path

from mutation._config import COPIED, MODULES, SUITE, suite_command


def test_the_command_runs_the_suite_alone_in_the_copy_and_never_against_a_live_api() -> None:
    copy = Path("/tmp/a copy's tree")  # a space and a quote: the command must survive both
    words = shlex.split(suite_command(copy, "/venv/bin/python", 4))
    assert words[:2] == ["sh", "-c"]
    script = shlex.split(words[2])
    assert script[:2] == ["cd", str(copy)]
    env = script.index("env")
    # The live switch and the key are dropped whatever the caller's environment holds, so a mutant
    # never meets a live API.
    assert script[env + 1 : env + 7] == ["-u", "CONTRACT_LIVE", "-u", "ANAM_API_KEY", "-u", "CONTRACT_PHASES"]
    assert f"PYTHONPATH={copy}/src" in script
    assert "CONTRACT_EXAMPLES=4" in script
    pytest_args = script[script.index("pytest") + 1 :]
    assert pytest_args[:3] == ["-q", "-x", "-p"]
    assert pytest_args[-len(SUITE) :] == list(SUITE)
    assert all(name.startswith("contract_tests/") for name in SUITE)


def test_the_mutated_modules_are_the_mocks_behaviour() -> None:
    names = {m.rsplit("/", 1)[-1] for m in MODULES}
    assert names == {"_app.py", "_catalogue.py", "_errors.py", "_http.py", "_rules.py", "_store.py", "_validation.py"}
    assert all((Path(__file__).resolve().parents[2] / m).is_file() for m in MODULES)


def _imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_the_runner_needs_cosmic_ray_and_nothing_imports_the_mock() -> None:
    # make test installs no cosmic-ray: parsing, scoring, reports and the command line must load without it;
    # and the runner mutates the mock's files, so importing the mock here would test a stale copy.
    package = Path(__file__).resolve().parents[2] / "mutation"
    for path in sorted(package.glob("*.py")):
        names = _imported(path)
        uses_cosmic_ray = any(name.split(".")[0] == "cosmic_ray" for name in names)
        assert uses_cosmic_ray == (path.name == "_run.py"), path.name
        assert not any(name.startswith("anam_contract.mock") for name in names), path.name


def test_every_repository_module_the_suite_imports_is_copied_for_the_workers() -> None:
    # A worker runs the suite in a copy holding only COPIED: an import of anything else fails the
    # unmutated run, and with it the whole measurement.
    root = Path(__file__).resolve().parents[2]
    imported: set[str] = set()
    for source in (root / "contract_tests").rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    local = {name for name in imported if (root / name.split(".")[0]).is_dir()}
    for name in local:
        path = name.replace(".", "/")
        assert any(path == c or path.startswith(c + "/") for c in COPIED), f"{name} is imported but not copied"
