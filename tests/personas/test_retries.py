"""Retry decisions and delays, as pure functions of outcome, attempt, draw and time."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from anam_personas import RetryPolicy
from anam_personas._retries import parse_retry_after

NOW = datetime(2026, 4, 22, 9, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", 0.0),
        ("7", 7.0),
        (" 120 ", 120.0),
        ("Wed, 22 Apr 2026 09:00:30 GMT", 30.0),
        ("Wednesday, 22-Apr-26 09:01:00 GMT", 60.0),  # the obsolete RFC 850 form
        ("Wed Apr 22 09:00:05 2026", 5.0),  # asctime, no zone: GMT
        ("Wed, 22 Apr 2026 08:00:00 GMT", 0.0),  # in the past: no wait
    ],
)
def test_retry_after_values(value: str, expected: float) -> None:
    assert parse_retry_after(value, NOW) == pytest.approx(expected)


@pytest.mark.parametrize("value", [None, "", "soon", "-5", "1.5", "²", "Wed, 99 Foo 2026", "0x10"])
def test_unreadable_retry_after_is_none(value: str | None) -> None:
    assert parse_retry_after(value, NOW) is None


def _delay(policy: RetryPolicy, method: str, outcome: httpx.Response | Exception, retries: int = 0) -> float | None:
    return policy.delay_for(method, outcome, retries, 0.0, NOW)


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
@pytest.mark.parametrize("code", [408, 429, 500, 502, 503, 504])
def test_idempotent_methods_retry_the_retryable_statuses(method: str, code: int) -> None:
    assert _delay(RetryPolicy(), method, httpx.Response(code)) == 0.5


@pytest.mark.parametrize("code", [200, 201, 400, 401, 403, 404, 409, 413, 415, 422, 501])
def test_other_statuses_are_final(code: int) -> None:
    assert _delay(RetryPolicy(), "GET", httpx.Response(code)) is None


def test_post_only_when_asked() -> None:
    assert _delay(RetryPolicy(), "POST", httpx.Response(503)) is None
    assert _delay(RetryPolicy(), "POST", httpx.ConnectError("x")) is None
    assert _delay(RetryPolicy(retry_post=True), "post", httpx.Response(503)) == 0.5


def test_transient_transport_errors_retry_and_others_do_not() -> None:
    for error in (
        httpx.ConnectError("x"),
        httpx.ReadTimeout("x"),
        httpx.ReadError("x"),
        httpx.RemoteProtocolError("x"),
    ):
        assert _delay(RetryPolicy(), "GET", error) == 0.5
    for other in (httpx.UnsupportedProtocol("x"), httpx.ProxyError("x"), ValueError("x")):
        assert _delay(RetryPolicy(), "GET", other) is None


def test_backoff_doubles_up_to_max_delay() -> None:
    policy = RetryPolicy(initial_delay=1.0, max_delay=5.0, jitter=0.0, max_retries=10)
    assert [policy.backoff(n, 0.5) for n in range(5)] == [1.0, 2.0, 4.0, 5.0, 5.0]


def test_jitter_shortens_by_at_most_its_fraction() -> None:
    policy = RetryPolicy(initial_delay=2.0, jitter=0.5)
    assert policy.backoff(0, 0.0) == 2.0
    assert policy.backoff(0, 0.5) == 1.5
    assert policy.backoff(0, 0.999) == pytest.approx(1.001)


def test_no_retry_after_max_retries() -> None:
    policy = RetryPolicy(max_retries=2)
    assert _delay(policy, "GET", httpx.Response(503), retries=1) == 1.0
    assert _delay(policy, "GET", httpx.Response(503), retries=2) is None


def test_retry_after_wins_over_backoff_and_is_capped() -> None:
    policy = RetryPolicy(max_retry_after=10.0)
    assert _delay(policy, "GET", httpx.Response(429, headers={"Retry-After": "4"})) == 4.0
    assert _delay(policy, "GET", httpx.Response(429, headers={"Retry-After": "4000"})) == 10.0
    assert _delay(policy, "GET", httpx.Response(429, headers={"Retry-After": "junk"})) == 0.5


def test_http_date_uses_the_response_date_when_present_else_the_local_clock() -> None:
    policy = RetryPolicy()
    later = {"Retry-After": "Wed, 22 Apr 2026 09:00:20 GMT"}
    assert _delay(policy, "GET", httpx.Response(503, headers=later)) == 20.0
    skewed = {**later, "Date": "Wed, 22 Apr 2026 09:00:15 GMT"}
    assert _delay(policy, "GET", httpx.Response(503, headers=skewed)) == 5.0


@pytest.mark.parametrize(
    "kwargs",
    [
        {"max_retries": -1},
        {"max_retries": True},
        {"initial_delay": -0.1},
        {"max_delay": float("inf")},
        {"max_retry_after": float("nan")},
        {"jitter": 1.5},
    ],
)
def test_invalid_policies_are_rejected(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="RetryPolicy"):
        RetryPolicy(**kwargs)  # type: ignore[arg-type]
