"""Before a live run: one authenticated request, so that a wrong URL or a refused key is one line.

Without it, every generated case would fail on its own with a transport traceback, thousands of
lines that never say "cannot reach" or "key refused". The same request (a list of one persona)
says how many personas the organisation holds, which the run's first lines show.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from anam_contract.suite._repro import scrub
from anam_contract.suite._settings import RunSettings

# Set by `python -m contract_tests` once it has checked, so that pytest does not ask again.
PREFLIGHT_DONE_ENV = "CONTRACT_PREFLIGHT_DONE"
_TIMEOUT_S = 15.0


@dataclass(frozen=True)
class Reached:
    """What the request before a live run found."""

    # One line saying why the run cannot go on (the server cannot be reached, the key is refused).
    problem: str | None = None
    # How many personas the key's organisation holds (the list's `meta.total`), when it said.
    personas: int | None = None


def preflight(settings: RunSettings, transport: httpx.BaseTransport | None = None) -> str | None:
    """None when the live server answers the run's key; else one line saying what is wrong.

    Nothing is checked against the embedded mock (no network, the key is the mock's own).
    """
    return reach(settings, transport).problem


def reach(settings: RunSettings, transport: httpx.BaseTransport | None = None) -> Reached:
    """`preflight`, with the organisation's persona count when the server answered the list.

    Against the embedded mock nothing is sent: `Reached()`.
    """
    if not settings.live or settings.api_key is None:
        return Reached()
    where = _where(settings.base_url)
    url = settings.base_url + "/v1/personas"
    try:
        with httpx.Client(timeout=_TIMEOUT_S, transport=transport) as client:
            response = client.get(url, params={"perPage": 1}, headers={"Authorization": settings.api_key.header()})
    except httpx.TimeoutException:
        return Reached(f"cannot reach {where}: no answer within {_TIMEOUT_S:g} s")
    except httpx.ConnectError as error:
        return Reached(f"cannot reach {where}: {_cause(error)}")
    except httpx.HTTPError as error:
        cause = scrub(str(error), {settings.api_key.value: ""})
        return Reached(f"cannot reach {where}: {type(error).__name__}: {cause}")
    if response.status_code in (401, 403):
        return Reached(f"the key was refused: {response.status_code} from {where} (check ANAM_API_KEY)")
    return Reached(personas=_total(response))


def _total(response: httpx.Response) -> int | None:
    """The list's `meta.total`, when the answer is a 200 that has one (else the count is not known)."""
    if response.status_code != 200:
        return None
    try:
        body = response.json()
    except ValueError:
        return None
    meta = body.get("meta") if isinstance(body, dict) else None
    total = meta.get("total") if isinstance(meta, dict) else None
    return total if isinstance(total, int) and not isinstance(total, bool) and total >= 0 else None


def _where(base_url: str) -> str:
    """The URL with its port spelt out, whether or not the user wrote it."""
    parts = urlsplit(base_url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{parts.scheme}://{parts.hostname}:{port}{parts.path}"


def _cause(error: httpx.ConnectError) -> str:
    text = str(error)
    chain = [error.__cause__, error.__context__]
    if any(isinstance(link, ssl.SSLError) for link in chain) or "SSL" in text or "certificate" in text:
        return f"TLS failed ({text})"
    lowered = text.lower()
    if "name or service not known" in lowered or "nodename nor servname" in lowered or "getaddrinfo" in lowered:
        return f"the host name does not resolve ({text})"
    if "refused" in lowered:
        return "connection refused (nothing listens on that port)"
    return text or type(error).__name__
