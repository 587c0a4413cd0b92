"""pytest wiring of the contract suite: live-mode cleanup, the summary, the report pieces.

A pytest plugin, so that the installed package runs the suite from any folder: `anam-contract check`
loads it with `-p anam_contract.suite.plugin`, and the checkout's `contract_tests/conftest.py`
re-exports its hooks. Which server the suite talks to is decided by `read_settings()`: the
embedded mock, unless CONTRACT_LIVE=1 asks for a live run (a key alone never does). Run by plain
pytest, the first lines say where the run goes (`anam-contract check` prints them itself).
"""

from __future__ import annotations

import os
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

from anam_contract.suite import (
    SettingsError,
    Stats,
    drop_pieces,
    read_pieces,
    read_settings,
    start_pieces,
    write_piece,
)
from anam_contract.suite._banner import banner_lines
from anam_contract.suite._differences import Difference, collecting
from anam_contract.suite._failures import from_message
from anam_contract.suite._http import interrupted, remember_interrupts
from anam_contract.suite._outcome import failure_message, nothing_sent
from anam_contract.suite._preflight import PREFLIGHT_DONE_ENV, reach
from anam_contract.suite._recording import Recorder
from anam_contract.suite._report_files import terminal_lines, write_reports
from anam_contract.suite._reports import reports_dir
from anam_contract.suite._run import _CURRENT
from anam_contract.suite._settings import LIVE_RUN_ID_ENV, new_run_id
from anam_contract.suite._summary import summary_lines
from anam_personas._redact import Secret

_BANNER = pytest.StashKey[list[str]]()


def pytest_configure(config: pytest.Config) -> None:
    # A bad setting stops the run with one line naming the variable, not a traceback per module.
    try:
        settings = read_settings()
    except SettingsError as error:
        raise pytest.UsageError(f"contract suite: {error}") from None
    controller = "PYTEST_XDIST_WORKER" not in os.environ
    if controller and settings.live and not os.environ.get(LIVE_RUN_ID_ENV, "").strip():
        # The run's persona names, chosen once: xdist workers inherit them, the first lines show them.
        os.environ[LIVE_RUN_ID_ENV] = new_run_id()
        settings = read_settings()
    # A live server that cannot be reached, or refuses the key, stops the run here with one line
    # (`anam-contract check` and `python -m contract_tests` have checked already, exit 2, and
    # have printed the run's first lines themselves).
    if controller and not os.environ.get(PREFLIGHT_DONE_ENV):
        reached = reach(settings)
        if reached.problem is not None:
            raise pytest.UsageError(f"contract suite: {reached.problem}")
        config.stash[_BANNER] = banner_lines(settings, os.environ, reached.personas)
    # Only the process that prints the summary picks the run's folder; xdist sets this variable
    # in a worker's environment before anything loads, and workers inherit the folder's name.
    if "PYTEST_XDIST_WORKER" not in os.environ:
        start_pieces()
    remember_interrupts()


def pytest_sessionstart(session: pytest.Session) -> None:
    """Where the run goes, first (run by plain pytest; -q does not hide it)."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    for line in session.config.stash.get(_BANNER, []):
        if reporter is not None:
            reporter.write_line(line)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each operation's test is named by its operationId (`test_operation[getPersona GET /v1/personas/{id}]`),
    so that a CI page showing the JUnit report says which operation failed."""
    if not _CURRENT:
        return
    labels = {label: operation_id for operation_id, label in _CURRENT[0].recorder.labels.items()}
    for item in items:
        label = getattr(item, "operation_label", None)
        if label in labels and f"[{label}]" in item.name:
            item.name = item.name.replace(f"[{label}]", f"[{labels[label]} {label}]")
            # schemathesis' items keep the bare function name in their node id, which is what the
            # JUnit report and `-k` see; the id carries the operation too.
            _set_node_id(item, f"{item.nodeid.split('::', 1)[0]}::{item.name}")


def _set_node_id(item: pytest.Item, node_id: str) -> None:
    """pytest has no public way to rename an item: 9 keeps the id parsed, 8 as a string."""
    try:
        from _pytest.nodeid import NodeId  # noqa: PLC0415
    except ImportError:  # pytest 8
        item._nodeid = node_id  # type: ignore[attr-defined]  # pytest 8 has it; pytest 9 types do not
    else:
        item._id = NodeId.parse(node_id)


_SETUP_NOTED = pytest.StashKey[list[Difference]]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, Any, Any]:
    """A fixture's own requests (a rule test's persona) are observed like the test's: what differs
    is noted for the test, which then runs and fails at its end, instead of an error at setup that
    would keep the test from checking anything."""
    if not _CURRENT:
        return (yield)
    with collecting() as noted:
        try:
            return (yield)
        finally:
            item.stash[_SETUP_NOTED] = list(noted)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, Any, Any]:
    """Each test runs inside a collector of differences; it fails at its end when any were recorded
    (the engine never stops an operation at its first failure), and is skipped when it generated
    cases but sent none (every one held back), never passed on nothing."""
    if not _CURRENT:
        return (yield)
    recorder = _CURRENT[0].recorder
    recorder.begin_test()
    from_fixtures: list[Difference] = item.stash.get(_SETUP_NOTED, [])
    with collecting() as noted:
        noted.extend(from_fixtures)
        from_setup = len(noted)
        try:
            result = yield
        except AssertionError as error:
            # A rule test that failed without `fail()` still becomes one difference of the report.
            if len(noted) == from_setup:
                noted.extend(from_message(_operation_named(str(error)), "-", item.name, str(error)))
            raise
        finally:
            recorder.extra(noted)
    failure = failure_message(recorder)
    if failure is not None:
        pytest.fail(failure, pytrace=False)
    reason = nothing_sent(recorder)
    if reason is not None:
        pytest.skip(reason)
    return result


_SECRET_VARIABLES = ("ANAM_API_KEY", "ANAM_OTHER_ORG_API_KEY", "ANAM_READ_ONLY_API_KEY")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    """The last line of defence for the keys: whatever a failure prints (a traceback's locals,
    hypothesis' falsifying example with its headers, captured output) is redacted, every spelling."""
    report = yield
    secrets = [Secret(value) for name in _SECRET_VARIABLES if (value := os.environ.get(name, "").strip())]
    if not secrets:
        return report

    def clean(text: str) -> str:
        for secret in secrets:
            text = secret.redact(text)
        return text

    if report.longrepr is not None:
        text = str(report.longrepr)
        if clean(text) != text:
            report.longrepr = clean(text)
    report.sections = [(name, clean(content)) for name, content in report.sections]
    return report


def _operation_named(message: str) -> str:
    """The operationId a rule's message starts with ("createPersona: a valid create answered 200"), else "-"."""
    first = message.split(":", 1)[0].split(" ", 1)[0].strip()
    known = _CURRENT[0].recorder.labels if _CURRENT else {}
    return first if first in known else "-"


def pytest_collectreport(report: pytest.CollectReport) -> None:
    if report.failed:
        _COLLECTION_FAILED.append(report.nodeid)


_COLLECTION_FAILED: list[str] = []


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # A Ctrl-C that a finalizer swallowed still ends the run as interrupted, never as a pass.
    if interrupted() and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.INTERRUPTED
    # pytest ends a run whose collection failed as "interrupted"; with no Ctrl-C it is a suite that
    # could not run (a module that does not import), which a script must not take for a Ctrl-C.
    if session.exitstatus == pytest.ExitCode.INTERRUPTED and _COLLECTION_FAILED and not interrupted():
        session.exitstatus = pytest.ExitCode.INTERNAL_ERROR
    # Runs after failures and after Ctrl-C too: every persona a live run created is deleted here.
    for run in _CURRENT:
        left = run.cleanup()
        if left:
            session.config.stash[_LEFT] = len(left)
        write_piece("stats", "run", run.stats.to_json())
        write_piece("record", "run", run.recorder.to_json())
        write_piece("links", "declared", run.declared_links())
        write_piece("target", "run", {"target": run.settings.target, "examples": run.settings.examples})


_LEFT = pytest.StashKey[int]()


def _shown(path: Path) -> str:
    """A report's path as the user would type it: relative under the current folder, else absolute."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


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
    recorder = Recorder.merged(read_pieces("record"))
    settings = read_settings()
    secrets = {key.value: "" for key in (settings.api_key, settings.other_api_key, settings.read_only_api_key) if key}
    for line in terminal_lines(recorder, secrets):
        terminalreporter.write_line(line)
    written = write_reports(
        recorder,
        reports_dir(),
        target=targets[0]["target"] if targets else "embedded mock (in-process)",
        examples=targets[0]["examples"] if targets else 0,
        secrets=secrets,
    )
    for path in written:
        terminalreporter.write_line(f"report      {_shown(path)}")
    left = config.stash.get(_LEFT, 0)
    if left:
        terminalreporter.write_line(
            f"cleanup     {left} personas could not be deleted: run `python -m anam_contract.suite.sweep`"
            " (`make contract-sweep` in a checkout)"
        )
    junit = config.option.xmlpath if hasattr(config.option, "xmlpath") else None
    if junit:
        terminalreporter.write_line(f"report      {junit}")
