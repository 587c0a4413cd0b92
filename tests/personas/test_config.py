"""Key and base URL resolution, and what a Timeout accepts."""

from __future__ import annotations

import httpx
import pytest

from anam_personas import Anam, AsyncAnam, MissingAPIKeyError, Timeout
from anam_personas._config import resolve_api_key, resolve_base_url
from tests.personas._fakes import API_KEY


def test_key_passed_in_wins_over_the_environment() -> None:
    assert resolve_api_key("sk-passed", {"ANAM_API_KEY": "sk-env"}).reveal() == "sk-passed"


def test_key_from_the_environment() -> None:
    assert resolve_api_key(None, {"ANAM_API_KEY": "sk-env\n"}).reveal() == "sk-env"


@pytest.mark.parametrize(("passed", "environ"), [(None, {}), (None, {"ANAM_API_KEY": "  "}), ("", {})])
def test_missing_key_has_a_clear_message(passed: str | None, environ: dict[str, str]) -> None:
    with pytest.raises(MissingAPIKeyError, match=r"pass api_key=\.\.\. to the client or set the ANAM_API_KEY"):
        resolve_api_key(passed, environ)


def test_clients_read_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANAM_API_KEY", raising=False)
    monkeypatch.delenv("ANAM_BASE_URL", raising=False)
    with pytest.raises(MissingAPIKeyError):
        Anam()
    with pytest.raises(MissingAPIKeyError):
        AsyncAnam()
    monkeypatch.setenv("ANAM_API_KEY", API_KEY)
    assert Anam().base_url == "https://api.anam.ai"
    monkeypatch.setenv("ANAM_BASE_URL", "http://127.0.0.1:8080/")
    assert Anam().base_url == "http://127.0.0.1:8080"
    assert AsyncAnam().base_url == "http://127.0.0.1:8080"
    assert Anam(base_url="https://eu.example").base_url == "https://eu.example"


def test_base_url_default_is_the_spec_server() -> None:
    assert resolve_base_url(None, {}) == "https://api.anam.ai"
    assert resolve_base_url(None, {"ANAM_BASE_URL": ""}) == "https://api.anam.ai"


def test_a_base_url_with_a_path_keeps_it() -> None:
    seen: list[httpx.URL] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url)
        return httpx.Response(200, json={"message": "ok"})

    http = httpx.Client(transport=httpx.MockTransport(handler))
    Anam(api_key=API_KEY, base_url="https://proxy.example/anam/", http_client=http).personas.delete(
        "00000000-0000-0000-0000-000000000000"
    )
    assert str(seen[0]) == "https://proxy.example/anam/v1/personas/00000000-0000-0000-0000-000000000000"


def test_timeout_defaults_and_coercion() -> None:
    assert Timeout() == Timeout(total=30.0, connect=5.0)
    assert Timeout.coerce(12) == Timeout(total=12.0, connect=5.0)
    assert Timeout.coerce(2.5) == Timeout(total=2.5, connect=2.5)
    custom = Timeout(total=9.0, connect=1.0)
    assert Timeout.coerce(custom) is custom
    assert Anam(api_key=API_KEY).timeout == Timeout()


def test_attempt_limits_never_exceed_what_is_left() -> None:
    limits = Timeout(total=30.0, connect=5.0).for_attempt(3.0)
    assert (limits.connect, limits.read, limits.write, limits.pool) == (3.0, 3.0, 3.0, 3.0)


@pytest.mark.parametrize("value", [0, -1, float("inf"), float("nan")])
def test_timeouts_must_be_finite_and_positive(value: float) -> None:
    with pytest.raises(ValueError, match="positive finite"):
        Timeout(total=value)
    with pytest.raises(ValueError, match="positive finite"):
        Timeout.coerce(value)


BAD_KEYS = ["sk-abc\nX", "sk-abc X", "sk-abc\tX", "sk-\x00abc", "sk-\x7fabc", "sk-abc\u2028X", "sk-abc\u00a0X", "sk\rX"]


@pytest.mark.parametrize("key", BAD_KEYS, ids=range(len(BAD_KEYS)))
def test_a_key_with_whitespace_or_control_characters_is_refused_without_echoing_it(key: str) -> None:
    makers = (
        lambda: Anam(api_key=key),
        lambda: AsyncAnam(api_key=key),
        lambda: resolve_api_key(None, {"ANAM_API_KEY": key}),
    )
    for make in makers:
        with pytest.raises(ValueError, match="whitespace or a control character") as caught:
            make()
        for text in (str(caught.value), repr(caught.value)):
            assert "abc" not in text and key not in text and repr(key)[1:-1] not in text
