"""Live mode, without the internet: the suite pointed at the mock on 127.0.0.1 as if it were the real API.

The organisation has personas that exist before the run. After the run they are unchanged byte
for byte, none of the personas the run made (named with the run prefix) remain, and the API key
shows up nowhere: not in the output, not in the JUnit report.
"""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from anam_contract.paths import REPO_ROOT
from anam_contract.suite import SWEEP_PREFIX
from anam_contract.suite._guard import UNUSED_PREFIX
from tests._waiting import HANG_GUARD_S, wait_until_serving
from tests.contract_tests._live_fixtures import EXISTING, TOOL_ID, clean_env, read_only_key, write_fixtures

# The whole suite, every phase, at a shallow depth: the depth changes how many cases, not which
# kinds of request reach the guard.
RUN_ENV = {"CONTRACT_EXAMPLES": "4", "ANAM_CONTRACT_MAX_PERSONAS": "10"}


SUITE = ["contract_tests"]


def _snapshot(base_url: str, key: str) -> dict[str, bytes]:
    headers = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=HANG_GUARD_S) as client:
        return {persona_id: client.get(f"/v1/personas/{persona_id}").content for persona_id in EXISTING}


def _names(base_url: str, key: str) -> list[str]:
    headers = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=HANG_GUARD_S) as client:
        page = client.get("/v1/personas", params={"perPage": 100}).json()
    return [item["name"] for item in page["data"]]


@contextmanager
def mock_server(fixtures: Path, log: Path) -> Iterator[str]:
    """`anam-contract mock` on 127.0.0.1, as a user would start it, its request log in `log`."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [str(Path(sys.executable).parent / "anam-contract"), "mock", "--port", str(port)]
    log_file = log.open("w", encoding="utf-8")
    process = subprocess.Popen(
        [*command, "--fixtures", str(fixtures)], env=clean_env(), stdout=log_file, stderr=subprocess.STDOUT
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base_url + "/v1/personas", process)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=HANG_GUARD_S)
        log_file.close()


def _requests_by_id(log: str) -> tuple[set[str], dict[str, list[int]]]:
    """Ids that got a PUT or DELETE, and every status each id's requests got."""
    changed: set[str] = set()
    statuses: dict[str, list[int]] = {}
    for match in re.finditer(r"\b(GET|PUT|DELETE|POST|PATCH) /v1/personas/([0-9a-fA-F-]{36}) (\d{3})\b", log):
        method, persona_id, status = match.group(1), match.group(2).lower(), int(match.group(3))
        statuses.setdefault(persona_id, []).append(status)
        if method != "GET":
            changed.add(persona_id)
    return changed, statuses


def test_a_live_run_leaves_the_organisation_as_it_found_it(tmp_path: Path) -> None:
    fixtures, key, other_key = write_fixtures(tmp_path)
    junit = tmp_path / "junit.xml"
    log = tmp_path / "mock.log"
    with mock_server(fixtures, log) as base_url:
        before = _snapshot(base_url, key)
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *SUITE, f"--junitxml={junit}"],
            cwd=REPO_ROOT,
            env=clean_env(
                CONTRACT_LIVE="1",
                ANAM_API_KEY=key,
                ANAM_OTHER_ORG_API_KEY=other_key,
                ANAM_READ_ONLY_API_KEY=read_only_key(key),
                ANAM_TOOL_ID=TOOL_ID,
                ANAM_BASE_URL=base_url,
                CONTRACT_REPORTS_DIR=str(tmp_path / "reports"),
                **RUN_ENV,
            ),
            capture_output=True,
            text=True,
            timeout=HANG_GUARD_S,
            check=False,
        )
        after = _snapshot(base_url, key)
        names = _names(base_url, key)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert f"live API at {base_url}" in output
    # Its first lines, from plain pytest too: where it goes, whose personas, which it may touch.
    assert result.stdout.startswith(f"contract suite: LIVE run against {base_url}\n"), result.stdout[:500]
    assert f"it holds {len(EXISTING)} personas before the run" in output
    assert f"only personas named {SWEEP_PREFIX}" in output
    assert "held back by the live-mode guard" in output
    assert before == after, "a persona that existed before the run changed"
    assert sorted(names) == sorted(EXISTING.values()), (
        f"left behind: {[n for n in names if n.startswith(SWEEP_PREFIX)]}"
    )
    report = junit.read_text(encoding="utf-8")
    assert "test_other_organisation_sees_nothing" in report and "needs a second organisation" not in output
    assert "test_a_read_only_key_cannot_write" in report and "needs a read-only key" not in output
    assert "test_tool_ids_replace_the_tool_list" in report and "needs a tool" not in output
    for secret in (key, other_key, read_only_key(key)):
        assert secret not in output
        assert secret not in report
    # What reached the server, from its own request log ("METHOD PATH STATUS TIME" per line).
    changed, statuses = _requests_by_id(log.read_text(encoding="utf-8"))
    assert set(EXISTING) <= set(statuses), "the run never read the personas that existed before it"
    assert not changed & set(EXISTING), "the run changed a persona it did not create"
    # An id the run made answered 2xx at some point; a PUT or DELETE on an id that only ever got
    # errors went to a persona the run did not create (a guessed or generated id).
    # The exception: ids the run drew to ask about a persona nobody has (UNUSED_PREFIX, random
    # otherwise), which must only ever have been refused.
    drawn = {pid for pid in changed if pid.startswith(UNUSED_PREFIX) and set(statuses[pid]) <= {403, 404}}
    assert drawn, "the run never asked about an id nobody has"
    foreign = sorted(pid for pid in changed - drawn if not any(200 <= status < 300 for status in statuses[pid]))
    assert not foreign, f"PUT or DELETE reached ids this run did not create: {foreign}"


# Personas made by generated cases (not by a fixture, whose teardown would delete them anyway):
# the create operation's test, which makes them from its first cases on.
INTERRUPTED_SUITE = ["contract_tests/test_api.py", "-k", "createPersona"]


def test_ctrl_c_still_deletes_what_the_run_created(tmp_path: Path) -> None:
    fixtures, key, _ = write_fixtures(tmp_path)
    with mock_server(fixtures, tmp_path / "mock.log") as base_url:
        # Deep enough to still be running when interrupted.
        env = clean_env(
            CONTRACT_LIVE="1",
            ANAM_API_KEY=key,
            ANAM_BASE_URL=base_url,
            CONTRACT_EXAMPLES="200",
            CONTRACT_REPORTS_DIR=str(tmp_path / "reports"),
        )
        process = subprocess.Popen(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *INTERRUPTED_SUITE],
            cwd=REPO_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            # However long the run's start (imports, the schema) takes on a busy machine: until it
            # has made a persona, or has ended without one.
            give_up = time.monotonic() + HANG_GUARD_S
            while not any(name.startswith(SWEEP_PREFIX) for name in _names(base_url, key)):
                assert process.poll() is None, "the run ended before it made a persona to clean up"
                assert time.monotonic() < give_up, "the run made no persona to clean up: a hang"
                time.sleep(0.05)
            process.send_signal(signal.SIGINT)
            output, _ = process.communicate(timeout=HANG_GUARD_S)
        finally:
            if process.poll() is None:
                process.kill()
        names = _names(base_url, key)
    assert process.returncode != 0, output[-2000:]
    assert sorted(names) == sorted(EXISTING.values()), output[-2000:]
    assert key not in output
