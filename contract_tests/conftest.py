"""The contract suite's pytest hooks, from its plugin in the package (`anam_contract.suite.plugin`,
which `anam-contract check` loads with -p): a non-root conftest may not name plugins, so it
re-exports their hooks, and pytest registers them from here."""

from anam_contract.suite.plugin import (
    pytest_collection_modifyitems,
    pytest_collectreport,
    pytest_configure,
    pytest_runtest_call,
    pytest_runtest_makereport,
    pytest_runtest_setup,
    pytest_sessionfinish,
    pytest_sessionstart,
    pytest_terminal_summary,
)

__all__ = [
    "pytest_collection_modifyitems",
    "pytest_collectreport",
    "pytest_configure",
    "pytest_runtest_call",
    "pytest_runtest_makereport",
    "pytest_runtest_setup",
    "pytest_sessionfinish",
    "pytest_sessionstart",
    "pytest_terminal_summary",
]
