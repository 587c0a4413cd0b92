"""tools/release_check.py: a tag is released only when it, both versions and CHANGELOG.md agree."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from anam_contract.paths import REPO_ROOT

SCRIPT = REPO_ROOT / "tools" / "release_check.py"


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("release_check", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses looks the module up while building Section
    spec.loader.exec_module(module)
    return module


release_check = _module()

HEAD = "# Changelog\n\nIntro.\n\n## [Unreleased]\n\n"
DATED_020 = "## [0.2.0] - 2026-12-01\n\nSpec version 2026-04-22.\n\n### Added\n\n- Retries.\n\n"
PENDING_020 = "## [0.2.0] - Unreleased\n\nSpec version 2026-04-22.\n\n### Added\n\n- Retries.\n\n"
DATED_010 = "## [0.1.0] - 2026-11-20\n\n### Added\n\n- The spec.\n"
LINKS = "\n[0.2.0]: https://example.org/compare/v0.1.0...v0.2.0\n"


def _tree(root: Path, changelog: str, personas: str = "0.2.0", contract: str = "0.2.0", pin: str = "0.2.0") -> Path:
    """A checkout in miniature: the two version files, the tooling's pin and CHANGELOG.md."""
    (root / "src" / "anam_personas").mkdir(parents=True)
    (root / "src" / "anam_contract").mkdir(parents=True)
    (root / "src" / "anam_personas" / "_version.py").write_text(f'"""Doc."""\n\n__version__ = "{personas}"\n')
    (root / "src" / "anam_contract" / "__init__.py").write_text(f'"""Doc."""\n\n__version__ = "{contract}"\n')
    (root / "pyproject.toml").write_text(
        f'[project]\nname = "anam-contract"\ndependencies = ["anam-personas=={pin}", "httpx==0.28.1"]\n'
    )
    (root / "CHANGELOG.md").write_text(changelog)
    return root


def _run(root: Path, *argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = release_check.main(["--root", str(root), *argv])
    out, err = capsys.readouterr()
    return status, out, err


# tag: (what, tag, changelog, versions of personas / contract / pin, the one line on stderr or None)
TAG_CASES = [
    ("matches", "v0.2.0", HEAD + DATED_020 + DATED_010, ("0.2.0", "0.2.0", "0.2.0"), None),
    ("matches, link definitions at the end", "v0.2.0", HEAD + DATED_020 + LINKS, ("0.2.0",) * 3, None),
    ("tag mismatches", "v0.2.1", HEAD + DATED_020, ("0.2.0",) * 3, "tag v0.2.1 is not the version of"),
    ("tag is older", "v0.1.0", HEAD + DATED_020 + DATED_010, ("0.2.0",) * 3, "tag v0.1.0 is not the version"),
    ("not vX.Y.Z", "0.2.0", HEAD + DATED_020, ("0.2.0",) * 3, "tag '0.2.0' is not vMAJOR.MINOR.PATCH"),
    ("a pre-release", "v0.2.0rc1", HEAD + DATED_020, ("0.2.0",) * 3, "is not vMAJOR.MINOR.PATCH"),
    ("two parts", "v0.2", HEAD + DATED_020, ("0.2.0",) * 3, "is not vMAJOR.MINOR.PATCH"),
    ("distributions differ", "v0.2.0", HEAD + DATED_020, ("0.2.0", "0.2.1", "0.2.0"), "the two distributions differ"),
    ("pin differs", "v0.2.0", HEAD + DATED_020, ("0.2.0", "0.2.0", "0.1.0"), "pyproject.toml requires"),
    ("missing section", "v0.2.0", HEAD + DATED_010, ("0.2.0",) * 3, "has no section for 0.2.0"),
    ("unreleased only", "v0.2.0", HEAD + "- Retries.\n", ("0.2.0",) * 3, "has no section for 0.2.0"),
    ("section not dated", "v0.2.0", HEAD + PENDING_020, ("0.2.0",) * 3, "[0.2.0] is Unreleased; give it the"),
    ("empty section", "v0.2.0", HEAD + "## [0.2.0] - 2026-12-01\n\n" + DATED_010, ("0.2.0",) * 3, "is empty"),
    ("bad date", "v0.2.0", HEAD + "## [0.2.0] - 2026-13-01\n\nx\n", ("0.2.0",) * 3, "line 7: '## [0.2.0] - 2026-13"),
    ("no [Unreleased]", "v0.2.0", "# Changelog\n\n" + DATED_020, ("0.2.0",) * 3, "must start with ## [Unreleased]"),
    ("out of order", "v0.2.0", HEAD + DATED_010 + DATED_020, ("0.2.0",) * 3, "0.2.0 after 0.1.0 (newest first"),
    ("a version twice", "v0.2.0", HEAD + DATED_020 + PENDING_020, ("0.2.0",) * 3, "0.2.0 after 0.2.0 (newest first"),
]


@pytest.mark.parametrize(("tag", "changelog", "versions", "error"), [case[1:] for case in TAG_CASES],
                         ids=[case[0] for case in TAG_CASES])  # fmt: skip
def test_tag(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    *,
    tag: str,
    changelog: str,
    versions: tuple[str, str, str],
    error: str | None,
) -> None:
    root = _tree(tmp_path, changelog, *versions)
    status, out, err = _run(root, "tag", tag, capsys=capsys)
    if error is None:
        assert (status, err) == (0, "")
        assert out == f"release_check: {tag} is both distributions' version, CHANGELOG.md [0.2.0] - 2026-12-01\n"
    else:
        assert status == 2 and out == ""
        assert err.startswith("release_check: ") and err.count("\n") == 1, err
        assert error in err


def test_the_notes_are_the_dated_section_without_its_heading_or_link_definitions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _tree(tmp_path, HEAD + DATED_020 + DATED_010 + LINKS)
    assert _run(root, "notes", "v0.2.0", capsys=capsys) == (0, DATED_020.split("\n", 2)[2].strip() + "\n", "")
    assert _run(root, "notes", "v0.1.0", capsys=capsys) == (0, "### Added\n\n- The spec.\n", "")
    status, out, err = _run(root, "notes", "v0.3.0", capsys=capsys)
    assert (status, out) == (2, "") and "has no section for 0.3.0" in err


# changelog: (what, tags, changelog, version of the code, the problem named or None, a pending line or None)
CHANGELOG_CASES = [
    ("nothing tagged, next one Unreleased", [], HEAD + PENDING_020, "0.2.0", None, None),
    ("released and tagged", ["v0.1.0"], HEAD + PENDING_020 + DATED_010, "0.2.0", None, None),
    ("newest dated, tag not pushed", ["v0.1.0"], HEAD + DATED_020 + DATED_010, "0.2.0", None, "push tag v0.2.0"),
    ("all tagged", ["v0.1.0", "v0.2.0", "other", "v1.0"], HEAD + DATED_020 + DATED_010, "0.2.0", None, None),
    ("dated but never tagged", [], HEAD + PENDING_020 + DATED_010, "0.2.0", "[0.1.0] is dated 2026-11-20 but", None),
    ("both dated, neither tagged", [], HEAD + DATED_020 + DATED_010, "0.2.0", "there is no tag v0.1.0", None),
    ("tag without a section", ["v0.1.0", "v0.1.1"], HEAD + PENDING_020 + DATED_010, "0.2.0", "tag v0.1.1 has", None),
    ("tagged but Unreleased", ["v0.2.0"], HEAD + PENDING_020, "0.2.0", "Unreleased but tag v0.2.0 exists", None),
    ("Unreleased ahead of the code", [], HEAD + PENDING_020, "0.1.0", "only 0.1.0, the version of the code", None),
    ("dated ahead of the code", [], HEAD + DATED_020, "0.1.0", "no tag v0.2.0", None),
    ("no section for the code", ["v0.2.0"], HEAD + DATED_020, "0.3.0", "no section for 0.3.0", None),
    ("unreleased only", [], HEAD + "- Retries.\n", "0.2.0", "no section for 0.2.0", None),
]


@pytest.mark.parametrize(("tags", "changelog", "version", "problem", "pending"),
                         [case[1:] for case in CHANGELOG_CASES], ids=[case[0] for case in CHANGELOG_CASES])  # fmt: skip
def test_changelog_against_the_tags(
    tags: list[str], changelog: str, version: str, problem: str | None, pending: str | None
) -> None:
    sections = release_check.parse_changelog(changelog)
    if problem is not None:
        with pytest.raises(release_check.ReleaseError, match=r"^CHANGELOG.md disagrees with the tags: ") as raised:
            release_check.check_changelog(sections, tags, version)
        assert problem in str(raised.value) and "\n" not in str(raised.value)
        return
    lines = release_check.check_changelog(sections, tags, version)
    assert lines[-1].startswith("CHANGELOG.md agrees with the tags: released ")
    assert any(pending in line for line in lines[:-1]) if pending else lines[:-1] == []


def _git(root: Path, *args: str) -> None:
    identity = ["-c", "user.name=release check", "-c", "user.email=release@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *identity, *args], cwd=root, check=True, capture_output=True)


def test_the_changelog_command_reads_the_tags_of_the_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _tree(tmp_path, HEAD + PENDING_020 + DATED_010)
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "first")
    status, out, err = _run(root, "changelog", capsys=capsys)
    assert (status, out) == (2, "")
    assert err == (
        "release_check: CHANGELOG.md disagrees with the tags: [0.1.0] is dated 2026-11-20 but there is no tag v0.1.0\n"
    )
    _git(root, "tag", "v0.1.0")
    assert _run(root, "changelog", capsys=capsys) == (
        0, "release_check: CHANGELOG.md agrees with the tags: released 0.1.0, next 0.2.0\n", ""
    )  # fmt: skip


def test_outside_a_repository_the_changelog_command_says_git_failed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    status, out, err = _run(_tree(tmp_path, HEAD + PENDING_020), "changelog", capsys=capsys)
    assert (status, out) == (2, "") and err.startswith("release_check: git tag failed: ") and err.count("\n") == 1


DIST = ["anam_contract-0.2.0-py3-none-any.whl", "anam_contract-0.2.0.tar.gz"]
DIST += ["anam_personas-0.2.0-py3-none-any.whl", "anam_personas-0.2.0.tar.gz"]


@pytest.mark.parametrize(
    ("names", "tag", "error"),
    [
        (DIST, "v0.2.0", None),
        (DIST[1:], "v0.2.0", "missing ['anam_contract-0.2.0-py3-none-any.whl'], unexpected []"),
        ([*DIST, "anam_personas-0.1.0.tar.gz"], "v0.2.0", "unexpected ['anam_personas-0.1.0.tar.gz']"),
        (DIST, "v0.2.1", "the built files are not those of 0.2.1"),
    ],
    ids=["the four files", "a wheel missing", "a stale sdist", "another version"],
)
def test_dist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], names: list[str], tag: str, error: str | None
) -> None:
    for name in names:
        (tmp_path / name).write_bytes(b"")
    status, out, err = _run(tmp_path, "dist", str(tmp_path), tag, capsys=capsys)
    if error is None:
        assert (status, out, err) == (0, f"release_check: {tmp_path} holds the wheels and sdists of {tag}\n", "")
    else:
        assert (status, out) == (2, "") and error in err and err.count("\n") == 1


def test_this_repository_has_a_section_for_its_version_in_one_of_the_three_forms() -> None:
    sections = release_check.read_changelog(REPO_ROOT)
    version = release_check.project_version(REPO_ROOT)
    assert version in [section.version for section in sections]
    assert sections[1].version == version, "the version of the code is the newest section"


def test_it_imports_only_the_standard_library_so_the_release_workflow_needs_no_install() -> None:
    source = SCRIPT.read_text(encoding="utf-8")
    imported = {line.split()[1].split(".")[0] for line in source.splitlines() if line.startswith(("import ", "from "))}
    assert imported <= set(sys.stdlib_module_names) | {"__future__"}, imported


WORKFLOWS = REPO_ROOT / ".github" / "workflows"


def test_the_release_workflow_grants_each_job_only_what_it_needs() -> None:
    workflow = yaml.safe_load((WORKFLOWS / "release.yml").read_text(encoding="utf-8"))
    assert workflow[True] == {"push": {"tags": ["v*.*.*"]}}  # YAML reads the key `on` as true
    assert workflow["permissions"] == {}
    assert workflow["concurrency"]["cancel-in-progress"] is False
    jobs = workflow["jobs"]
    assert all("timeout-minutes" in job for job in jobs.values())
    granted = {name: job["permissions"] for name, job in jobs.items()}
    assert granted.pop("pypi") == {"id-token": "write"}
    assert granted.pop("github-release") == {"contents": "write"}
    assert all(permissions == {"contents": "read"} for permissions in granted.values()), granted
    assert jobs["pypi"]["environment"]["name"] == "pypi"
    assert set(jobs["pypi"]["needs"]) >= {"check", "build", "test"}
    publish = [step for step in jobs["pypi"]["steps"] if "gh-action-pypi-publish" in step.get("uses", "")]
    assert len(publish) == 1 and "password" not in publish[0].get("with", {})


def test_the_release_workflow_builds_with_the_tools_make_package_pins() -> None:
    spec = importlib.util.spec_from_file_location("package_check", REPO_ROOT / "tools" / "package_check.py")
    assert spec is not None and spec.loader is not None
    package_check = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(package_check)
    text = (WORKFLOWS / "release.yml").read_text(encoding="utf-8")
    for tool in ("build", "twine"):
        pin = next(pin for pin in package_check.TOOLS if pin.startswith(f"{tool}=="))
        assert pin in text, pin


def test_ci_holds_the_changelog_to_the_tags() -> None:
    text = (WORKFLOWS / "contract.yml").read_text(encoding="utf-8")
    assert "tools/release_check.py changelog" in text
