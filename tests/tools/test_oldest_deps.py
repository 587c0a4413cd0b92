"""`make test-oldest` (tools/oldest_deps.py) tests exactly the lower bounds the client's ranges promise."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from types import ModuleType

import pytest

from anam_contract.paths import REPO_ROOT


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("oldest_deps", REPO_ROOT / "tools" / "oldest_deps.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_versions_installed_are_the_lower_bounds_of_the_client_ranges() -> None:
    client = tomllib.loads((REPO_ROOT / "client" / "pyproject.toml").read_text(encoding="utf-8"))
    bounds = {}
    for requirement in client["project"]["dependencies"]:
        found = re.match(r"([a-z]+)>=([\d.]+)", requirement)
        assert found, requirement
        bounds[found.group(1)] = found.group(2)
    oldest = _module().OLDEST
    assert set(oldest) == set(bounds)
    for name, version in oldest.items():
        assert _release(version) == _release(bounds[name]), name


def _release(version: str) -> tuple[int, ...]:
    """4, 4.0 and 4.0.0 are one version."""
    parts = [int(part) for part in version.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def test_every_test_dependency_it_installs_has_a_version_in_the_lock() -> None:
    locked = _module().locked(_module().NEEDED)
    assert len(locked) == len(_module().NEEDED) and all("==" in requirement for requirement in locked)


def test_a_name_the_lock_lacks_stops_it_with_one_line() -> None:
    with pytest.raises(SystemExit, match=r"uv\.lock has no version of no-such-package"):
        _module().locked({"no-such-package"})


def test_the_tooling_half_lowers_every_direct_dependency_but_the_client() -> None:
    tooling = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    direct = _module().direct_dependencies()
    assert len(direct) == len(tooling["project"]["dependencies"]) - 1
    assert {"pytest", "schemathesis", "hypothesis", "httpx", "ruamel-yaml"} <= direct
    assert "anam-personas" not in direct
