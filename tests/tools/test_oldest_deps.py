"""`make test-oldest` (tools/oldest_deps.py) tests exactly the lower bounds the client's ranges promise."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from types import ModuleType

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


def test_every_test_dependency_it_installs_has_a_pin_in_the_project() -> None:
    pinned = _module()._pinned(_module().NEEDED)
    assert len(pinned) == len(_module().NEEDED) and all("==" in requirement for requirement in pinned)
