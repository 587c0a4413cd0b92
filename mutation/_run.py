"""Listing the mutants with cosmic-ray and running each one against the contract suite.

Every worker has its own copy of the tree (made here, removed at the end), and cosmic-ray
mutates files of that copy only: the working tree is never written to, so an interrupted run
cannot leave a mutant behind in it. Only this module imports cosmic-ray (the [mutation] extra), so
the rest of the package (parsing, scoring, reports, the command line) works and is tested without it.
"""

from __future__ import annotations

import queue
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import cosmic_ray.plugins
from cosmic_ray.commands import init
from cosmic_ray.mutating import mutate_and_test, mutate_code
from cosmic_ray.testing import run_tests
from cosmic_ray.work_db import WorkDB, use_db
from cosmic_ray.work_item import MutationSpec

from anam_contract.paths import REPO_ROOT
from mutation._config import BASELINE_TIMEOUT, COPIED, TIMEOUT_FACTOR, suite_command
from mutation._mutants import Mutant, base_id, change, static_kind, with_unique_ids
from mutation._outcome import Result, classify, killed_by


class BaselineError(RuntimeError):
    """The suite fails before anything is mutated."""


def list_mutants(modules: Sequence[str]) -> list[Mutant]:
    """Every mutant cosmic-ray's core operators make of `modules` (paths relative to the root)."""

    drafts: list[Mutant] = []
    sources = {path: (REPO_ROOT / path).read_text(encoding="utf-8") for path in modules}
    with (
        tempfile.TemporaryDirectory(prefix="anam-mutation-") as folder,
        use_db(str(Path(folder) / "session.sqlite"), WorkDB.Mode.create) as database,
    ):
        init([REPO_ROOT / path for path in modules], database, {})
        items = list(database.pending_work_items)
    for item in items:
        for spec in item.mutations:
            path = Path(spec.module_path).relative_to(REPO_ROOT).as_posix()
            operator = cosmic_ray.plugins.get_operator(spec.operator_name)(**spec.operator_args)
            mutated = mutate_code(sources[path], operator, spec.occurrence)
            if mutated is None:
                continue
            removed, added = change(sources[path], mutated)
            drafts.append(
                Mutant(
                    path,
                    spec.start_pos[0],
                    spec.operator_name,
                    spec.occurrence,
                    removed,
                    added,
                    base_id(path, spec.definition_name, spec.operator_name, removed, added),
                    static_kind(sources[path], mutated),
                )
            )
    return with_unique_ids(drafts, sources)


@contextmanager
def worker_copies(count: int) -> Iterator[list[Path]]:
    """`count` private copies of what the suite reads, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="anam-mutation-") as folder:
        copies: list[Path] = []
        for index in range(count):
            copy = Path(folder) / f"worker-{index}"
            copy.mkdir()
            for name in COPIED:
                source = REPO_ROOT / name
                (copy / name).parent.mkdir(parents=True, exist_ok=True)
                if source.is_dir():
                    shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__", ".*"))
                else:
                    shutil.copy2(source, copy / name)
            copies.append(copy)
        yield copies


def run_mutants(
    mutants: Sequence[Mutant],
    *,
    examples: int,
    jobs: int,
    timeout: float | None,
    on_result: Callable[[Result], None],
    on_baseline: Callable[[float, float], None],
) -> None:
    """Run each mutant's suite, `jobs` at a time; `on_result` hears of each as it finishes.
    `timeout` (seconds per mutant) defaults to TIMEOUT_FACTOR times the unmutated run."""

    with worker_copies(jobs) as copies:
        # Without a green unmutated run every mutant would count as killed.
        started = time.monotonic()
        baseline, output = run_tests(suite_command(copies[0], sys.executable, examples), BASELINE_TIMEOUT)
        if baseline.value != "survived":
            raise BaselineError(f"the contract suite fails on the unmutated mock:\n{output[-2000:]}")
        seconds = time.monotonic() - started
        limit = timeout or TIMEOUT_FACTOR * seconds
        on_baseline(seconds, limit)
        free: queue.Queue[Path] = queue.Queue()
        for copy in copies:
            free.put(copy)

        def one(mutant: Mutant) -> Result:
            copy = free.get()
            try:
                spec = MutationSpec(
                    copy / mutant.path, mutant.operator, mutant.occurrence, (mutant.line, 0), (mutant.line, 1)
                )
                started = time.monotonic()
                outcome: Any = mutate_and_test([spec], suite_command(copy, sys.executable, examples), limit)
                seconds = time.monotonic() - started
            finally:
                free.put(copy)
            test_outcome = outcome.test_outcome.value if outcome.test_outcome is not None else None
            kind = classify(outcome.worker_outcome.value, test_outcome, outcome.output)
            return Result(mutant, kind, seconds, killed_by(outcome.output))

        with ThreadPoolExecutor(max_workers=jobs) as pool:
            # As each finishes, not in order: an interrupted run keeps everything already done.
            for future in as_completed([pool.submit(one, mutant) for mutant in mutants]):
                on_result(future.result())
