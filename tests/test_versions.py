"""One version for both distributions, the spec's version in the client, and a changelog entry for it."""

from __future__ import annotations

import re
import tomllib

import yaml

import anam_contract
import anam_personas
from anam_contract.paths import REPO_ROOT, SPEC_PATH


def test_the_client_says_which_spec_it_was_made_from() -> None:
    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    assert str(spec["info"]["version"]) == anam_personas.SPEC_VERSION


def test_both_distributions_share_one_version_and_the_tooling_pins_the_client_to_it() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", anam_personas.__version__)
    assert anam_contract.__version__ == anam_personas.__version__
    tooling = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert f"anam-personas=={anam_personas.__version__}" in tooling["project"]["dependencies"]
    client = tomllib.loads((REPO_ROOT / "client" / "pyproject.toml").read_text(encoding="utf-8"))
    assert client["project"]["name"] == "anam-personas" and tooling["project"]["name"] == "anam-contract"
    assert client["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "anam_personas._version.__version__"}


def test_the_client_depends_on_ranges_of_its_runtime_libraries_only() -> None:
    client = tomllib.loads((REPO_ROOT / "client" / "pyproject.toml").read_text(encoding="utf-8"))
    names = {re.split(r"[<>=!~ ]", requirement)[0] for requirement in client["project"]["dependencies"]}
    assert names == {"anyio", "attrs", "httpx"}
    assert not any("==" in requirement for requirement in client["project"]["dependencies"])


def test_the_tooling_takes_ranges_so_it_installs_beside_a_projects_own_versions() -> None:
    """Exact versions live in uv.lock; the published metadata has lower bounds (tested by
    `make test-oldest`) and pins only the client, released at the same version."""
    tooling = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    exact = [requirement for requirement in tooling["project"]["dependencies"] if "==" in requirement]
    assert exact == [f"anam-personas=={anam_personas.__version__}"]
    unbounded = [requirement for requirement in tooling["project"]["dependencies"] if ">=" not in requirement]
    assert unbounded == exact
    assert "optional-dependencies" not in tooling["project"], "development tools belong in [dependency-groups]"


def test_the_changelog_has_an_entry_for_this_version_naming_its_spec() -> None:
    changelog = (REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog
    entry = changelog.split(f"## [{anam_personas.__version__}] - ", 1)[1].split("\n## ", 1)[0]
    assert f"Spec version {anam_personas.SPEC_VERSION}." in entry
