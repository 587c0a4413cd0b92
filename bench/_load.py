"""Load generators: wrk when it is installed, else one asyncio client used for every server.

Both give the same `LoadResult`, and both are bounded twice: by time (the run's duration) and by
count (a cap on requests). A run that hits the count cap is flagged, because its rate would be
computed over a duration in which the generator was partly idle.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bench._stats import percentile

WRK_SCRIPT = Path(__file__).with_name("wrk.lua")
_MARKER = "BENCH "


@dataclass(frozen=True)
class Request:
    url: str
    method: str
    token: str
    body: bytes | None = None


@dataclass(frozen=True)
class LoadResult:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int  # socket errors plus answers outside 2xx/3xx
    capped: bool

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0


class LoadError(RuntimeError):
    """The load generator failed or printed nothing the harness can read."""


def parse_wrk(output: str, max_requests: int) -> LoadResult:
    """The result line printed by wrk.lua's `done()`."""
    for line in output.splitlines():
        if line.startswith(_MARKER):
            try:
                data = json.loads(line[len(_MARKER) :])
                requests = int(data["requests"])
                return LoadResult(
                    requests=requests,
                    seconds=int(data["duration_us"]) / 1e6,
                    p50_ms=int(data["p50_us"]) / 1000,
                    p99_ms=int(data["p99_us"]) / 1000,
                    errors=int(data["socket_errors"]) + int(data["status_errors"]),
                    capped=max_requests > 0 and requests >= max_requests,
                )
            except (ValueError, KeyError, TypeError) as error:
                raise LoadError(f"unreadable wrk result line {line!r}: {error}") from None
    raise LoadError(f"wrk printed no result line; its output ends with: {output[-500:]!r}")


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def run_wrk(request: Request, concurrency: int, seconds: float, max_requests: int, work: Path) -> LoadResult:
    env = {**os.environ, "BENCH_METHOD": request.method, "BENCH_TOKEN": request.token}
    env["BENCH_MAX_REQUESTS"] = str(max_requests)
    if request.body is not None:
        body_file = work / "body.json"
        body_file.write_bytes(request.body)
        env["BENCH_BODY_FILE"] = str(body_file)
    argv = [
        "wrk",
        "--threads",
        "1",  # one thread: the machine has few cores and the servers need them more
        "--connections",
        str(concurrency),
        "--duration",
        f"{max(1, round(seconds))}s",
        "--timeout",
        "5s",
        "--script",
        str(WRK_SCRIPT),
        request.url,
    ]
    try:
        done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=seconds + 30, check=False)
    except subprocess.TimeoutExpired:
        raise LoadError("wrk did not finish within its duration plus 30 s") from None
    if done.returncode != 0:
        raise LoadError(f"wrk exited with {done.returncode}: {done.stderr[-500:]}")
    return parse_wrk(done.stdout, max_requests)


def _request_bytes(request: Request) -> tuple[str, int, bytes]:
    parts = urlsplit(request.url)
    host = parts.hostname or "127.0.0.1"
    port = parts.port or 80
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    lines = [
        f"{request.method} {target} HTTP/1.1",
        f"Host: {host}:{port}",
        f"Authorization: Bearer {request.token}",
        "Accept: application/json",
    ]
    if request.body is not None:
        lines += ["Content-Type: application/json", f"Content-Length: {len(request.body)}"]
    head = ("\r\n".join(lines) + "\r\n\r\n").encode()
    return host, port, head + (request.body or b"")


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """(status, keep-alive) after reading one whole response with a Content-Length body."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    length = 0
    keep_alive = True
    for line in lines[1:]:
        name, _, value = line.partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value.strip())
        elif name == "transfer-encoding":
            raise LoadError("chunked responses are not supported by the Python load generator")
        elif name == "connection" and value.strip().lower() == "close":
            keep_alive = False
    await reader.readexactly(length)
    return status, keep_alive


async def python_load(
    request: Request, concurrency: int, seconds: float, max_requests: int, *, answer_timeout: float = 5.0
) -> LoadResult:
    """Requests on `concurrency` connections until `seconds` pass or `max_requests` are made; an
    answer that takes longer than `answer_timeout` seconds counts as an error."""
    host, port, raw = _request_bytes(request)
    latencies: list[float] = []
    errors = 0
    started = time.perf_counter()
    deadline = started + seconds

    async def worker() -> None:
        nonlocal errors
        writer: asyncio.StreamWriter | None = None
        try:
            while time.perf_counter() < deadline and len(latencies) + errors < max_requests:
                if writer is None:
                    reader, writer = await asyncio.open_connection(host, port)
                sent = time.perf_counter()
                try:
                    writer.write(raw)
                    await writer.drain()
                    status, keep_alive = await asyncio.wait_for(_read_response(reader), answer_timeout)
                except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
                    errors += 1
                    writer.close()
                    writer = None
                    continue
                latencies.append(time.perf_counter() - sent)
                if not 200 <= status < 400:
                    errors += 1
                if not keep_alive:
                    writer.close()
                    writer = None
        finally:
            if writer is not None:
                writer.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    took = time.perf_counter() - started
    if not latencies:
        raise LoadError(f"no request succeeded ({errors} errors)")
    return LoadResult(
        requests=len(latencies),
        seconds=took,
        p50_ms=percentile(latencies, 50) * 1000,
        p99_ms=percentile(latencies, 99) * 1000,
        errors=errors,
        capped=len(latencies) + errors >= max_requests,
    )


def run_python(request: Request, concurrency: int, seconds: float, max_requests: int) -> LoadResult:
    return asyncio.run(python_load(request, concurrency, seconds, max_requests))


def run_load(
    request: Request, concurrency: int, seconds: float, *, max_requests: int, work: Path, use_wrk: bool
) -> LoadResult:
    if use_wrk:
        return run_wrk(request, concurrency, seconds, max_requests, work)
    return run_python(request, concurrency, seconds, max_requests)
