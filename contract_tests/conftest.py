"""pytest wiring of the contract suite: live-mode cleanup, the summary, the report pieces.

Which server the suite talks to is decided by `support.read_settings()` (ANAM_API_KEY set: live).
"""

from __future__ import annotations

import os

import pytest

from contract_tests.support import (
    SettingsError,
    Stats,
    drop_pieces,
    read_pieces,
    read_settings,
    start_pieces,
    write_piece,
)
from contract_tests.support._run import _CURRENT
from contract_tests.support._summary import summary_lines


def pytest_configure(config: pytest.Config) -> None:
    # A bad setting stops the run with one line naming the variable, not a traceback per module.
    try:
        read_settings()
    except SettingsError as error:
        raise pytest.UsageError(f"contract suite: {error}") from None
    # Only the process that prints the summary picks the run's folder; xdist sets this variable
    # in a worker's environment before anything loads, and workers inherit the folder's name.
    if "PYTEST_XDIST_WORKER" not in os.environ:
        start_pieces()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # Runs after failures and after Ctrl-C too: every persona a live run created is deleted here.
    for run in _CURRENT:
        left = run.cleanup()
        if left:
            session.config.stash[_LEFT] = len(left)
        write_piece("stats", "run", run.stats.to_json())
        write_piece("links", "declared", run.declared_links())
        write_piece("target", "run", {"target": run.settings.target, "examples": run.settings.examples})


_LEFT = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, exitstatus: int, config: pytest.Config) -> None:
    if "PYTEST_XDIST_WORKER" in os.environ:
        return
    try:
        _summarise(terminalreporter, config)
    finally:
        drop_pieces()


def _summarise(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    stats_pieces = read_pieces("stats")
    coverage_rows = [row for piece in read_pieces("coverage") for row in piece]
    if not stats_pieces and not coverage_rows:
        return
    targets = read_pieces("target")
    links = read_pieces("links")
    failed = len(terminalreporter.stats.get("failed", [])) + len(terminalreporter.stats.get("error", []))
    terminalreporter.section("contract suite summary")
    for line in summary_lines(
        target=targets[0]["target"] if targets else "embedded mock (in-process)",
        examples=targets[0]["examples"] if targets else 0,
        stats=Stats.merged(stats_pieces),
        declared_links=links[0] if links else [],
        coverage_rows=coverage_rows,
        failed_tests=failed,
    ):
        terminalreporter.write_line(line)
    left = config.stash.get(_LEFT, 0)
    if left:
        terminalreporter.write_line(f"cleanup     {left} personas could not be deleted: run `make contract-sweep`")
    junit = config.option.xmlpath if hasattr(config.option, "xmlpath") else None
    if junit:
        terminalreporter.write_line(f"report      {junit}")
