"""`make contract-sweep`: deletes the leftovers of interrupted live runs, and nothing else."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from anam_contract.mock import create_app, load_fixtures
from contract_tests.support._server import serving
from contract_tests.sweep import main
from tests.contract_tests._live_fixtures import EXISTING, LEFTOVERS, write_fixtures


def _names(base_url: str, key: str) -> set[str]:
    with httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {key}"}) as client:
        return {item["name"] for item in client.get("/v1/personas", params={"perPage": 100}).json()["data"]}


@pytest.mark.parametrize("dry_run", [False, True], ids=["sweep", "dry-run"])
def test_the_sweep_deletes_only_prefixed_personas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], dry_run: bool
) -> None:
    fixtures, key, _ = write_fixtures(tmp_path, leftovers=True)
    with serving(create_app(load_fixtures(fixtures))) as base_url:
        monkeypatch.setenv("ANAM_API_KEY", key)
        monkeypatch.setenv("ANAM_BASE_URL", base_url)
        code = main(["--dry-run"] if dry_run else [])
        names = _names(base_url, key)
    out = capsys.readouterr()
    assert code == 0, out.err
    expected = set(EXISTING.values()) | (set(LEFTOVERS.values()) if dry_run else set())
    assert names == expected
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
