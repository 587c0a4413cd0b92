"""`make contract-sweep`: deletes the leftovers of interrupted live runs, and nothing else."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
import yaml

from anam_contract.mock import create_app, load_fixtures
from anam_contract.mock._serving import serving
from anam_contract.suite import SWEEP_PREFIX
from anam_contract.suite.sweep import made_by_the_suite, main
from tests._waiting import HANG_GUARD_S
from tests.contract_tests._live_fixtures import EXISTING, LEFTOVERS, write_fixtures


def _names(base_url: str, key: str) -> set[str]:
    headers = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=HANG_GUARD_S) as client:
        return {item["name"] for item in client.get("/v1/personas", params={"perPage": 100}).json()["data"]}


# Names a user may give that merely start with the suite's prefix: never the sweep's to delete.
USERS_LOOKALIKES = [
    SWEEP_PREFIX + "2025-archive of the old demo",
    SWEEP_PREFIX + "0badc0de",  # a run id but no separator after it
    SWEEP_PREFIX + "0BADC0DE-persona",  # token_hex never writes capitals
]


def _with_lookalikes(fixtures: Path) -> None:
    """Add a persona named each of USERS_LOOKALIKES to the first organisation of the file."""
    data = yaml.safe_load(fixtures.read_text(encoding="utf-8"))
    personas = data["organisations"][0]["personas"]
    template = personas[0]
    for index, name in enumerate(USERS_LOOKALIKES):
        personas.append({**template, "id": f"1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e{index:02d}", "name": name})
    fixtures.write_text(yaml.safe_dump(data), encoding="utf-8")


@pytest.mark.parametrize("name", USERS_LOOKALIKES)
def test_a_name_that_only_starts_with_the_prefix_is_not_the_suites(name: str) -> None:
    assert not made_by_the_suite(name)


@pytest.mark.parametrize("name", LEFTOVERS.values())
def test_a_name_the_suite_gives_is_the_suites(name: str) -> None:
    assert made_by_the_suite(name)


@pytest.mark.parametrize("dry_run", [False, True], ids=["sweep", "dry-run"])
def test_the_sweep_deletes_only_prefixed_personas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], dry_run: bool
) -> None:
    fixtures, key, _ = write_fixtures(tmp_path, leftovers=True)
    _with_lookalikes(fixtures)
    with serving(create_app(load_fixtures(fixtures))) as base_url:
        monkeypatch.setenv("ANAM_API_KEY", key)
        monkeypatch.setenv("ANAM_BASE_URL", base_url)
        code = main(["--dry-run"] if dry_run else [])
        names = _names(base_url, key)
    out = capsys.readouterr()
    assert code == 0, out.err
    expected = set(EXISTING.values()) | set(USERS_LOOKALIKES) | (set(LEFTOVERS.values()) if dry_run else set())
    assert names == expected
    lines = out.out.splitlines()
    # The list of what goes comes first, before any deletion is made.
    assert lines[0] == f"contract-sweep: {'would' if dry_run else 'will'} delete 2 leftover personas:"
    assert sorted(lines[1:3]) == sorted(f"  {i} {n}" for i, n in LEFTOVERS.items())
    verb = "would delete" if dry_run else "deleted"
    assert f"contract-sweep: {verb} 2 of 2 leftover personas" in out.out
    assert key not in out.out + out.err


def test_the_sweep_needs_a_key(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("ANAM_API_KEY", raising=False)
    assert main([]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == ["contract-sweep: error: set ANAM_API_KEY: the sweep cleans a live organisation"]


def test_the_sweep_reports_an_unreachable_server(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ANAM_API_KEY", "secret-that-must-not-show")
    monkeypatch.setenv("ANAM_BASE_URL", "http://127.0.0.1:9")
    assert main([]) == 1
    err = capsys.readouterr().err
    assert "contract-sweep: error: http://127.0.0.1:9" in err
    assert "secret-that-must-not-show" not in err
