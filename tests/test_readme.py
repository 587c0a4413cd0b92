"""Every ```python block of README.md runs, as a user would run it, against the mock API on a real socket.

The mock is served by uvicorn on a free 127.0.0.1 port; ANAM_API_KEY and ANAM_BASE_URL point the
examples at it, so they read like real user code with no test plumbing in them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

import anam_personas
from anam_contract.mock import DEFAULT_API_KEY, create_app
from anam_contract.mock._serving import serving
from anam_contract.paths import REPO_ROOT
from anam_personas._errors import status_error_class

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
_BLOCK = re.compile(r"^```python\n(.*?)^```$", re.MULTILINE | re.DOTALL)
_HEADING = re.compile(r"^#{2,3} (.+)$", re.MULTILINE)


def _python_blocks() -> list[pytest.ParameterSet]:
    blocks = []
    for match in _BLOCK.finditer(README):
        line = README.count("\n", 0, match.start()) + 2
        headings = _HEADING.findall(README, 0, match.start())
        where = f"{headings[-1] if headings else 'top'} (line {line})"
        blocks.append(pytest.param(match.group(1), line, id=where))
    return blocks


BLOCKS = _python_blocks()


@pytest.fixture(scope="module")
def mock_url() -> Iterator[str]:
    with serving(create_app()) as url:  # once it listens, however long a busy machine takes
        yield url


@pytest.mark.parametrize(("code", "line"), BLOCKS)
def test_readme_python_block_runs(code: str, line: int, mock_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANAM_API_KEY", DEFAULT_API_KEY)
    monkeypatch.setenv("ANAM_BASE_URL", mock_url)
    exec(compile(code, f"README.md:{line}", "exec"), {"__name__": "__main__"})


def test_the_client_section_has_its_subsections_in_order() -> None:
    section = README.split("## Using the client\n", 1)[1].split("\n## ", 1)[0]
    subsections = re.findall(r"^### (.+)$", section, re.MULTILINE)
    expected = [
        "Install",
        "Usage",
        "Async",
        "Errors",
        "Retries",
        "Timeouts",
        "Options, raw responses, logs",
        "Versions",
        "Pagination",
        "Advanced",
    ]
    assert subsections == expected
    assert len(BLOCKS) >= 8


def test_the_errors_table_matches_the_code() -> None:
    rows = re.findall(r"^\| (\d{3})(?: and above)? \| `(\w+)` \|$", README, re.MULTILINE)
    assert len(rows) == 8
    for status, name in rows:
        assert status_error_class(int(status)) is getattr(anam_personas, name)


# Counts from one run on one day (tests passed, requests checked, files type-checked) go stale
# with the next commit; sample outputs in the README show their shape, not their numbers.
_RUN_COUNTS = re.compile(
    r"\b\d+ passed\b|^cases\s+\d|^checks\s+\d+ kinds|found in \d+ source files|\d+ steps along", re.MULTILINE
)


def test_the_readme_quotes_no_counts_of_a_past_run() -> None:
    assert _RUN_COUNTS.findall(README) == []


def test_the_readme_shows_the_mock_before_a_real_key() -> None:
    client = README[README.index("### Usage") : README.index("```python", README.index("### Usage"))]
    mock = client.index("make mock")
    assert mock < client.index("export ANAM_BASE_URL=http://127.0.0.1:4010") < client.index("export ANAM_API_KEY=...")
    assert "export ANAM_API_KEY=mock-default-key" in client
