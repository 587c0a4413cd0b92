"""`anam-contract check`: the installed suite, run from a folder that is not the checkout, with the
same summary, exit codes and reports as `make contract`; its own bad input is one line and exit 2.
A live run only with --live or --base-url, never because ANAM_API_KEY is set; its first lines say
where it goes and never show the key."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from anam_contract.cli import main
from anam_contract.mock import create_app, load_fixtures
from anam_contract.mock._serving import serving
from anam_contract.paths import REPO_ROOT
from anam_contract.suite import SWEEP_PREFIX, command
from anam_contract.suite._differences import key_label
from anam_contract.suite._preflight import Reached
from anam_personas._redact import spellings
from tests._waiting import HANG_GUARD_S
from tests.contract_tests._live_fixtures import EXISTING, clean_env, write_fixtures

# Every variable that could aim a run somewhere, removed before each in-process test sets its own.
TARGET_VARIABLES = ("ANAM_API_KEY", "ANAM_BASE_URL", "CONTRACT_LIVE", "CONTRACT_LIVE_RUN_ID")

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
    for name in (*TARGET_VARIABLES, "CONTRACT_EXAMPLES", "CONTRACT_REPORTS_DIR", "HYPOTHESIS_STORAGE_DIRECTORY"):
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


SECRET = "check-secret-key"
NEEDS_KEY = "a live run (asked for with --live, --base-url or CONTRACT_LIVE=1) needs ANAM_API_KEY"


@pytest.mark.parametrize(
    ("env", "args", "says"),
    [
        ({"CONTRACT_EXAMPLES": "many"}, [], "CONTRACT_EXAMPLES must be a positive whole number, got 'many'"),
        ({"CONTRACT_PHASES": "fuzz"}, [], "CONTRACT_PHASES takes a comma-separated list"),
        ({"ANAM_API_KEY": SECRET, "ANAM_BASE_URL": "http://127.0.0.1:9"}, ["--live"], "cannot reach"),
        ({"ANAM_API_KEY": SECRET}, ["--base-url", "http://127.0.0.1:9"], "cannot reach http://127.0.0.1:9"),
        ({"ANAM_API_KEY": SECRET, "CONTRACT_LIVE": "1", "ANAM_BASE_URL": "http://127.0.0.1:9"}, [], "cannot reach"),
        # Asked for live without a key.
        ({}, ["--live"], NEEDS_KEY),
        ({"ANAM_BASE_URL": "http://127.0.0.1:9"}, ["--live"], NEEDS_KEY),
        ({}, ["--base-url", "http://127.0.0.1:9"], NEEDS_KEY),
        ({"CONTRACT_LIVE": "1"}, [], NEEDS_KEY),
        ({"CONTRACT_LIVE": "yes", "ANAM_API_KEY": SECRET}, [], "CONTRACT_LIVE takes 1"),
        # A URL that is not one.
        ({"ANAM_API_KEY": SECRET}, ["--base-url", "api.anam.ai"], "--base-url must start with http:// or https://"),
        ({"ANAM_API_KEY": SECRET}, ["--base-url=ftp://api.anam.ai"], "--base-url must start with http:// or https://"),
        ({"ANAM_API_KEY": SECRET}, ["--base-url", "https://"], "--base-url must be an http:// or https:// URL with a"),
        ({"ANAM_API_KEY": SECRET}, ["--base-url", "https://api.anam.ai?key=1"], "(and no query)"),
        ({"ANAM_API_KEY": SECRET, "ANAM_BASE_URL": "api.anam.ai"}, ["--live"], "ANAM_BASE_URL must start with http"),
    ],
)
def test_a_run_that_cannot_start_is_one_line_and_exit_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *,
    env: dict[str, str],
    args: list[str],
    says: str,
) -> None:
    _only(monkeypatch, tmp_path, env, also_unset=("CONTRACT_EXAMPLES", "CONTRACT_PHASES"))
    calls = _ran(monkeypatch)
    assert main(["check", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and calls == []
    assert captured.err.startswith("anam-contract check: error: ") and says in captured.err
    assert len(captured.err.splitlines()) == 1 and SECRET not in captured.err
    assert list(tmp_path.iterdir()) == []


def _only(monkeypatch: pytest.MonkeyPatch, folder: Path, env: dict[str, str], also_unset: tuple[str, ...] = ()) -> None:
    """Run from `folder` with `env` as the only target settings (and `also_unset` unset)."""
    for name in (*TARGET_VARIABLES, *also_unset):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(folder)


def test_base_url_without_a_url_is_argparses_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["check", "--base-url"])
    err = capsys.readouterr().err
    assert exited.value.code == 2 and len(err.splitlines()) == 1 and "--base-url" in err


LIVE_URL = "https://api.example.test"


@pytest.mark.parametrize(
    ("env", "args", "live_env", "to_pytest"),
    [
        # A key (and a URL) in the environment alone: the embedded mock, nothing asked of pytest.
        ({"ANAM_API_KEY": SECRET}, [], {}, []),
        ({"ANAM_API_KEY": SECRET, "ANAM_BASE_URL": LIVE_URL}, ["-x"], {}, ["-x"]),
        ({"ANAM_API_KEY": SECRET, "CONTRACT_LIVE": "0"}, [], {}, []),
        # Asked for by name.
        ({"ANAM_API_KEY": SECRET}, ["--live"], {"CONTRACT_LIVE": "1"}, []),
        ({"ANAM_API_KEY": SECRET}, ["--base-url", LIVE_URL], {"CONTRACT_LIVE": "1", "ANAM_BASE_URL": LIVE_URL}, []),
        (
            {"ANAM_API_KEY": SECRET},
            [f"--base-url={LIVE_URL}/", "-k", "x"],
            {"ANAM_BASE_URL": f"{LIVE_URL}/"},
            ["-k", "x"],
        ),
        ({"ANAM_API_KEY": SECRET}, ["-k", "x", "--live"], {"CONTRACT_LIVE": "1"}, ["-k", "x"]),
        # No abbreviation of --live: what the command does not know is pytest's.
        ({"ANAM_API_KEY": SECRET}, ["--liv"], {}, ["--liv"]),
        ({"ANAM_API_KEY": SECRET}, ["--", "--live"], {}, ["--live"]),
    ],
)
def test_only_live_or_base_url_ask_pytest_for_a_live_run(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *,
    env: dict[str, str],
    args: list[str],
    live_env: dict[str, str],
    to_pytest: list[str],
) -> None:
    _only(monkeypatch, tmp_path, env)
    # The preflight against LIVE_URL, answered without a network: an organisation of 7 personas.
    monkeypatch.setattr(command, "reach", lambda settings: Reached(personas=7 if settings.live else None))
    calls = _ran(monkeypatch)
    assert main(["check", *args]) == 0
    [(arguments, extra_env)] = calls
    assert arguments[arguments.index(str(command.TESTS_DIR)) + 1 :] == to_pytest
    assert {name: extra_env[name] for name in live_env} == live_env
    out = capsys.readouterr().out
    if live_env:
        assert extra_env["CONTRACT_LIVE"] == "1" and extra_env["CONTRACT_LIVE_RUN_ID"]
        url = extra_env.get("ANAM_BASE_URL", "https://api.anam.ai").rstrip("/")
        assert out.splitlines()[0] == f"contract suite: LIVE run against {url}"
    else:
        assert "CONTRACT_LIVE" not in extra_env and "ANAM_BASE_URL" not in extra_env
        assert out.splitlines()[0].startswith("contract suite: against the embedded mock")
        assert "ANAM_API_KEY" in out.splitlines()[0] and "set but ignored" in out.splitlines()[0]
        assert "anam-contract check --live" in out
    for spelling in spellings(SECRET):
        assert spelling not in out


CHECK = [sys.executable, "-m", "anam_contract", "check"]
# A key with characters that differ by spelling (URL-encoded, JSON- and repr-escaped).
LIVE_KEY = "sk-check/live+key=0123456789"


def test_a_live_run_names_its_url_and_organisation_first_and_never_the_key(tmp_path: Path) -> None:
    fixtures, key, _ = write_fixtures(tmp_path)
    fixtures.write_text(fixtures.read_text(encoding="utf-8").replace(key, LIVE_KEY), encoding="utf-8")
    folder = tmp_path / "run"
    folder.mkdir()
    with serving(create_app(load_fixtures(fixtures))) as base_url:
        result = subprocess.run(
            # One operation that creates personas (which the run must delete) at the shallowest depth.
            [*CHECK, "--base-url", base_url, "-q", "-p", "no:cacheprovider", "-k", "test_operation and createPersona"],
            cwd=folder,
            env=clean_env(ANAM_API_KEY=LIVE_KEY, CONTRACT_EXAMPLES="1", CONTRACT_PHASES="examples"),
            capture_output=True,
            text=True,
            check=False,
            timeout=HANG_GUARD_S,
        )
        names = {persona["name"] for persona in _personas(base_url)}
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    lines = result.stdout.splitlines()
    assert lines[0] == f"contract suite: LIVE run against {base_url}"
    assert f"the one whose key is in ANAM_API_KEY ({key_label(LIVE_KEY)})" in lines[1]
    assert f"it holds {len(EXISTING)} personas before the run" in lines[1]
    assert f"only personas named {SWEEP_PREFIX}" in lines[2] and "at most 20 (ANAM_CONTRACT_MAX_PERSONAS)" in lines[2]
    assert f"target      live API at {base_url}" in result.stdout
    assert names == set(EXISTING.values()), "the run left personas behind"
    written = "".join(path.read_text(encoding="utf-8") for path in (folder / "reports").glob("contract-*"))
    for spelling in spellings(LIVE_KEY):
        assert spelling not in output and spelling not in written


def _personas(base_url: str) -> list[dict[str, Any]]:

    answer = httpx.get(
        f"{base_url}/v1/personas", params={"perPage": 100}, headers={"Authorization": f"Bearer {LIVE_KEY}"}
    )
    data: list[dict[str, Any]] = answer.json()["data"]
    return data


# Variables the suite reads that the command sets itself (--spec, the run's id and folder, the
# preflight already done), never a user's setting.
_SET_BY_THE_COMMAND = {"CONTRACT_SPEC", "CONTRACT_RUN_ID", "CONTRACT_LIVE_RUN_ID", "CONTRACT_PREFLIGHT_DONE"}


def _settings_read_by_the_suite() -> set[str]:
    """Every ANAM_/CONTRACT_ variable the suite's source names: a new setting that the help does not
    list fails the help test instead of going unmentioned."""
    suite = REPO_ROOT / "src" / "anam_contract" / "suite"
    pattern = re.compile(r'"((?:ANAM|CONTRACT)_[A-Z0-9_]+)"')
    return {name for path in suite.glob("*.py") for name in pattern.findall(path.read_text(encoding="utf-8"))}


def test_help_lists_the_settings_and_exit_statuses(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["check", "--help"])
    out = capsys.readouterr().out
    assert exited.value.code == 0
    unlisted = sorted(name for name in _settings_read_by_the_suite() - _SET_BY_THE_COMMAND if name not in out)
    assert unlisted == [], "settings the suite reads that check --help does not name"
    assert "130  interrupted" in out and "-k createPersona" in out
    assert "[--live] [--base-url URL]" in out and "even when ANAM_API_KEY is set" in out


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


# What `make contract` runs: live only with LIVE=1 or BASE_URL=... on make's command line, never
# because ANAM_API_KEY (or a LIVE or BASE_URL of the environment) is set; -n 2 only against the mock.
@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize(
    ("env", "args", "check"),
    [
        ({}, [], "check -q -n 2"),
        ({"ANAM_API_KEY": SECRET}, [], "check -q -n 2"),
        ({"ANAM_API_KEY": SECRET, "LIVE": "1", "BASE_URL": "https://x.test"}, [], "check -q -n 2"),
        ({"ANAM_API_KEY": SECRET}, ["LIVE=0"], "check -q -n 2"),
        ({"ANAM_API_KEY": SECRET}, ["LIVE=1"], "check -q --live"),
        ({"ANAM_API_KEY": SECRET}, ["BASE_URL=http://127.0.0.1:4010"], "check -q --base-url 'http://127.0.0.1:4010'"),
        ({}, ["LIVE=1", "BASE_URL=https://x.test"], "check -q --base-url 'https://x.test'"),
    ],
)
def test_make_contract_goes_live_only_when_asked_on_its_command_line(
    env: dict[str, str], args: list[str], check: str
) -> None:
    outer = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "LIVE", "BASE_URL", "ANAM_API_KEY")
    environ = {name: value for name, value in os.environ.items() if name not in outer}
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "contract", *args],
        cwd=REPO_ROOT,
        env={**environ, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=HANG_GUARD_S,
    )
    assert result.returncode == 0, result.stderr
    [command_line] = [line for line in result.stdout.splitlines() if "anam-contract check" in line]
    assert command_line.endswith(check)
    assert SECRET not in result.stdout
