"""`anam-contract check`: the installed suite, run from a folder that is not the checkout, with the
same summary, exit codes and reports as `make contract`; its own bad input is one line and exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from anam_contract.cli import main
from anam_contract.paths import REPO_ROOT
from anam_contract.suite import command
from tests._waiting import HANG_GUARD_S
from tests.contract_tests._live_fixtures import clean_env

# A folder of another project: none of these may change the run (the suite brings its own).
FOREIGN = {
    "pytest.ini": "[pytest]\naddopts = --no-such-option\n",
    "conftest.py": "raise RuntimeError('a conftest of the folder the run starts from was loaded')\n",
    "schemathesis.toml": "this is = not [valid toml\n",
}


def test_check_runs_the_installed_suite_from_another_folder(tmp_path: Path) -> None:
    for name, text in FOREIGN.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    # A tiny run on a copy of the mock whose create answers 200: one operation, one phase, depth 1.
    env = clean_env(
        CONTRACT_EXAMPLES="1",
        CONTRACT_PHASES="examples",
        CONTRACT_APP="tests.contract_tests.faults:wrong_status_code",
        PYTHONPATH=str(REPO_ROOT),
    )
    result = subprocess.run(
        [sys.executable, "-m", "anam_contract", "check", "-q", "-k", "test_operation and createPersona"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=HANG_GUARD_S,
    )
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    assert "contract suite summary" in out
    assert "target      embedded mock (in-process), depth 1 examples per operation and phase" in out
    assert "[status] server answered 200, the spec documents 201" in out
    for name in ("contract-report.json", "contract-report.md", "contract-junit.xml"):
        assert f"report      reports/{name}" in out
        assert (tmp_path / "reports" / name).is_file()
    # The JUnit names a checkout's `pytest contract_tests` gives.
    junit = (tmp_path / "reports" / "contract-junit.xml").read_text(encoding="utf-8")
    assert 'classname="contract_tests.test_api" name="test_operation[createPersona POST /v1/personas]"' in junit
    assert 'testsuite name="contract"' in junit
    assert "server answered 200" in (tmp_path / "reports" / "contract-report.md").read_text(encoding="utf-8")
    # Nothing else in the folder: no .hypothesis/ or .pytest_cache/ beside the user's files.
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([*FOREIGN, "reports"])
    assert (tmp_path / "reports" / ".contract" / "hypothesis").is_dir()


def _ran(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[str], dict[str, str]]]:
    calls: list[tuple[list[str], dict[str, str]]] = []

    def fake(args: list[str], extra_env: Any = None) -> int:
        calls.append((args, dict(extra_env or {})))
        return 0

    monkeypatch.setattr(command, "run_pytest", fake)
    return calls


def test_other_arguments_go_to_pytest_after_the_suites_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ANAM_API_KEY", "CONTRACT_EXAMPLES", "CONTRACT_REPORTS_DIR", "HYPOTHESIS_STORAGE_DIRECTORY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    calls = _ran(monkeypatch)
    spec = REPO_ROOT / "openapi" / "anam.yaml"
    assert main(["check", "-k", "getPersona", "--spec", str(spec), "-x"]) == 0
    assert main(["check", "--", "-q", "--junitxml=mine.xml"]) == 0
    (first, first_env), (second, _) = calls
    assert first[: first.index(str(command.TESTS_DIR))] == [
        "-c",
        str(command.PYTEST_INI),
        "--rootdir",
        str(command.SUITE_DIR),
        "-p",
        "anam_contract.suite.plugin",
        "--junitxml=reports/contract-junit.xml",
        "-o",
        "junit_suite_name=contract",
    ]
    assert first[-3:] == ["-k", "getPersona", "-x"]
    assert first_env == {
        "CONTRACT_SPEC": str(spec),
        "HYPOTHESIS_STORAGE_DIRECTORY": str(tmp_path / "reports" / ".contract" / "hypothesis"),
    }
    # A JUnit file of the user's replaces the default one.
    assert second[-2:] == ["-q", "--junitxml=mine.xml"] and not any("contract-junit" in arg for arg in second)


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"CONTRACT_EXAMPLES": "many"}, "CONTRACT_EXAMPLES must be a positive whole number, got 'many'"),
        ({"CONTRACT_PHASES": "fuzz"}, "CONTRACT_PHASES takes a comma-separated list"),
        ({"ANAM_API_KEY": "check-secret-key", "ANAM_BASE_URL": "http://127.0.0.1:9"}, "cannot reach"),
    ],
)
def test_a_run_that_cannot_start_is_one_line_and_exit_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    env: dict[str, str],
    says: str,
) -> None:
    for name in ("ANAM_API_KEY", "ANAM_BASE_URL", "CONTRACT_EXAMPLES", "CONTRACT_PHASES"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    calls = _ran(monkeypatch)
    assert main(["check"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and calls == []
    assert captured.err.startswith("anam-contract check: error: ") and says in captured.err
    assert len(captured.err.splitlines()) == 1 and "check-secret-key" not in captured.err
    assert list(tmp_path.iterdir()) == []


def test_help_lists_the_settings_and_exit_statuses(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["check", "--help"])
    out = capsys.readouterr().out
    assert exited.value.code == 0
    for name in ("ANAM_API_KEY", "ANAM_BASE_URL", "CONTRACT_EXAMPLES", "CONTRACT_PHASES", "CONTRACT_REPORTS_DIR"):
        assert name in out
    assert "130  interrupted" in out and "-k createPersona" in out


def test_a_suite_that_cannot_be_collected_is_status_3_not_interrupted(tmp_path: Path) -> None:
    # The spec the suite loads at import is missing: every module fails to collect, no Ctrl-C came.
    env = clean_env(CONTRACT_SPEC=str(tmp_path / "absent.yaml"))
    result = subprocess.run(
        [sys.executable, "-m", "anam_contract", "check", "-q"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=HANG_GUARD_S,
    )
    assert result.returncode == 3, result.stdout + result.stderr
    assert "errors during collection" in result.stdout and "absent.yaml" in result.stdout
