from __future__ import annotations

import asyncio

import pytest

from bench._load import LoadError, LoadResult, Request, parse_wrk, python_load
from tests._waiting import HANG_GUARD_S

_RESULT_LINE = (
    'BENCH {"requests":9000,"duration_us":3000000,"socket_errors":1,"status_errors":2,'
    '"p50_us":1670,"p99_us":3686,"max_us":4135}'
)
_WRK_OUTPUT = f"""Running 3s test @ http://127.0.0.1:4010/v1/personas/x
  1 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.74ms  353.37us   4.14ms   95.40%
  9000 requests in 3.00s, 1.49MB read
Requests/sec:   3000.00
{_RESULT_LINE}
"""


def test_parse_wrk_reads_the_result_line() -> None:
    result = parse_wrk(_WRK_OUTPUT, max_requests=1_000_000)
    assert result == LoadResult(requests=9000, seconds=3.0, p50_ms=1.67, p99_ms=3.686, errors=3, capped=False)
    assert result.rps == 3000.0


def test_parse_wrk_flags_a_run_stopped_by_the_count_bound() -> None:
    assert parse_wrk(_WRK_OUTPUT, max_requests=9000).capped


def test_parse_wrk_without_result_line_says_so() -> None:
    with pytest.raises(LoadError, match="no result line"):
        parse_wrk("Running 3s test\nunable to connect to 127.0.0.1:4010\n", max_requests=0)


def test_parse_wrk_with_a_broken_result_line_says_so() -> None:
    with pytest.raises(LoadError, match="unreadable"):
        parse_wrk('BENCH {"requests": 1}\n', max_requests=0)


async def _serve_and_load(status: int, max_requests: int) -> tuple[LoadResult, list[bytes]]:
    seen: list[bytes] = []

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":")[1])
                seen.append(head + await reader.readexactly(length))
                body = b'{"ok":true}'
                writer.write(b"HTTP/1.1 %d X\r\nContent-Length: %d\r\n\r\n%s" % (status, len(body), body))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        request = Request(f"http://127.0.0.1:{port}/v1/personas", "POST", "token", b'{"name":"x"}')
        # Bounded by count: the time bounds (of the run, of one answer) only guard against a hang, so
        # that no request is cut short or counted an error for a busy machine's slowness.
        result = await python_load(
            request, concurrency=3, seconds=HANG_GUARD_S, max_requests=max_requests, answer_timeout=HANG_GUARD_S
        )
    return result, seen


def test_python_load_sends_the_request_and_stops_at_the_count_bound() -> None:
    result, seen = asyncio.run(_serve_and_load(200, max_requests=30))
    assert result.capped
    assert result.errors == 0
    assert 30 <= result.requests <= 32  # each of the 3 connections may have one request in flight
    assert len(seen) == result.requests
    assert seen[0].startswith(b"POST /v1/personas HTTP/1.1\r\n")
    assert b"Authorization: Bearer token\r\n" in seen[0]
    assert seen[0].endswith(b'\r\n\r\n{"name":"x"}')
    assert result.p50_ms <= result.p99_ms


def test_python_load_counts_error_statuses() -> None:
    result, _ = asyncio.run(_serve_and_load(500, max_requests=10))
    assert result.requests >= 1
    assert result.errors == result.requests
