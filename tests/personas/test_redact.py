"""The key never shows: not in reprs, not in exception messages, not in debug logs."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote, quote_plus

import httpx
import pytest

from anam_personas import Anam, AnamError, AsyncAnam, AuthenticationError, RetryPolicy, spec_violations
from anam_personas._base import AsyncRuntime, SyncRuntime
from anam_personas._redact import BearerAuth, Secret
from tests._waiting import HANG_GUARD_S
from tests.personas._fakes import API_KEY, PERSONA_ID, Script, persona_json, status, sync_client


def test_secret_hides_itself() -> None:
    secret = Secret(API_KEY)
    for text in (repr(secret), str(secret), f"{secret}", f"{secret!r}", repr(BearerAuth(secret))):
        assert API_KEY not in text
    assert secret.reveal() == API_KEY
    assert secret.redact(f"a {API_KEY} b {API_KEY}") == "a [REDACTED] b [REDACTED]"


def test_clients_and_everything_they_hold_have_key_free_reprs() -> None:
    client = sync_client(Script([status(200)]))
    async_ = AsyncAnam(api_key=API_KEY)
    for obj in (client, async_):
        assert API_KEY not in repr(obj)
        assert API_KEY not in str(obj)
        assert API_KEY not in repr(vars(obj))
        assert API_KEY not in repr(obj.generated)
        assert API_KEY not in repr(obj._settings)
        assert API_KEY not in repr(obj._http.headers)
    assert repr(client) == "Anam(base_url='https://api.test.anam.invalid')"


def test_exception_messages_never_carry_the_key() -> None:
    echo = {"error": f"key {API_KEY} is revoked", "message": f"Authorization: Bearer {API_KEY}"}
    script = Script([status(401, echo), httpx.ConnectError(f"proxy said no to {API_KEY}")])
    client = sync_client(script, retry=RetryPolicy(max_retries=0))
    errors: list[AnamError] = []
    for _ in range(2):
        with pytest.raises(AnamError) as caught:
            client.personas.get(PERSONA_ID)
        errors.append(caught.value)
    assert isinstance(errors[0], AuthenticationError)
    for error in errors:
        assert API_KEY not in str(error)
        assert API_KEY not in repr(error)
        assert "[REDACTED]" in str(error)


class _Handler(BaseHTTPRequestHandler):
    """503 on every first request of a path, then the persona; 401 echoing the key for /v1/personas."""

    seen: set[str] = set()  # noqa: RUF012 (shared across the per-request handler instances)

    def do_GET(self) -> None:
        if self.path.startswith("/v1/personas?"):
            self._reply(401, {"error": f"bad key {self.headers['Authorization']}"})
        elif self.path not in self.seen:
            self.seen.add(self.path)
            self._reply(503, {"error": "busy"}, {"Retry-After": "1"})
        else:
            self._reply(200, persona_json())

    def _reply(self, code: int, body: object, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(code)
        for name, value in {"Content-Type": "application/json", **(headers or {})}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test reads log records, not stderr."""


@pytest.fixture
def server_url() -> Iterator[str]:
    _Handler.seen = set()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_debug_logs_of_httpx_httpcore_and_the_client_never_carry_the_key(
    server_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    sleeps: list[float] = []

    async def no_sleep(seconds: float) -> None:
        sleeps.append(seconds)

    async def async_calls() -> None:
        runtime = AsyncRuntime(sleep=no_sleep)
        async with AsyncAnam(api_key=API_KEY, base_url=server_url, timeout=HANG_GUARD_S, _runtime=runtime) as client:
            await client.personas.get("00000000-0000-0000-0000-000000000002")
            with pytest.raises(AuthenticationError):
                await client.personas.list()

    with caplog.at_level(logging.DEBUG):
        # A call's overall time limit only guards against a hang: the retry must come, however slowly
        # a busy machine answers the first attempt.
        runtime = SyncRuntime(sleep=sleeps.append)
        with Anam(api_key=API_KEY, base_url=server_url, timeout=HANG_GUARD_S, _runtime=runtime) as client:
            assert client.personas.get(PERSONA_ID).name == "Cara"
            with pytest.raises(AuthenticationError) as caught:
                client.personas.list()
        asyncio.run(async_calls())

    assert sleeps == [1.0, 1.0]  # both clients retried once, honouring Retry-After
    assert API_KEY in caught.value.response.text  # the server really echoed it...
    assert API_KEY not in str(caught.value)  # ...and the message does not
    loggers = {record.name.split(".")[0] for record in caplog.records}
    assert {"httpx", "httpcore", "anam_personas"} <= loggers, "debug logging was not on for every logger"
    assert any("retrying GET" in record.getMessage() for record in caplog.records)
    for record in caplog.records:
        assert API_KEY not in record.getMessage(), record.name
        assert API_KEY not in repr(record.args), record.name
    assert API_KEY not in caplog.text


ODD_KEY = 'sk-"quoted"\\back/slash+plus=eq%pct&é'


def test_redaction_matches_every_spelling_a_key_takes_in_a_message() -> None:
    secret = Secret(ODD_KEY)
    spellings = {
        "raw": ODD_KEY,
        "repr": repr(ODD_KEY),
        "repr inner": repr(ODD_KEY)[1:-1],
        "ascii repr": ascii(ODD_KEY),
        "bytes repr": repr(ODD_KEY.encode()),
        "json": json.dumps(ODD_KEY),
        "json ascii": json.dumps(ODD_KEY, ensure_ascii=True),
        "json unicode": json.dumps(ODD_KEY, ensure_ascii=False),
        "url": quote(ODD_KEY, safe=""),
        "url default": quote(ODD_KEY),
        "url plus": quote_plus(ODD_KEY),
        "url lower hex": quote(ODD_KEY, safe="").lower(),
    }
    for name, spelling in spellings.items():
        redacted = secret.redact(f"before {spelling} after")
        assert "back" not in redacted and "quoted" not in redacted, f"{name}: {redacted}"
        assert redacted.startswith("before ") and redacted.endswith(" after"), name


def test_an_odd_key_in_a_connection_error_never_shows(caplog: pytest.LogCaptureFixture) -> None:
    script = Script([httpx.ConnectError(f"refused {ODD_KEY!r} and {json.dumps(ODD_KEY)} and {quote(ODD_KEY)}")])
    client = Anam(
        api_key=ODD_KEY,
        base_url="https://api.test.anam.invalid",
        retry=RetryPolicy(max_retries=0),
        http_client=httpx.Client(transport=httpx.MockTransport(script)),
    )
    with pytest.raises(AnamError) as caught:
        client.personas.get(PERSONA_ID)
    for text in (str(caught.value), repr(caught.value)):
        assert "back" not in text and "quoted" not in text, text


def test_a_key_echoed_in_a_spec_breaking_field_never_shows_in_violations_logs_or_strict_errors(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # The key sits past the 60 characters a violation shows, so truncation would cut it in half.
    echoed = "x" * 40 + API_KEY + "y" * 40
    body = persona_json(createdAt=echoed, avatar={"leaked": API_KEY})
    client = sync_client(Script([httpx.Response(200, json=body)]))
    with caplog.at_level(logging.WARNING, logger="anam_personas"):
        persona = client.personas.get(PERSONA_ID)
    with pytest.raises(AnamError) as caught:
        client.personas.get(PERSONA_ID, strict=True)
    texts = [repr(spec_violations(persona)), str(caught.value), repr(caught.value.violations)]  # type: ignore[attr-defined]
    texts += [record.getMessage() for record in caplog.records]
    for text in texts:
        for fragment in (API_KEY, API_KEY[:10], API_KEY[-10:]):
            assert fragment not in text, text
    assert persona.created_at == echoed, "the model itself keeps what the server sent"
