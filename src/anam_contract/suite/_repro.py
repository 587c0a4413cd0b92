"""One curl command per difference, so that whoever reads the report can see it again by hand.

The key is never written: an `Authorization` header carrying one of the run's keys becomes
`Bearer $ANAM_API_KEY` (or the variable that holds that other key), and every other string of the
report goes through `scrub` as well, in case a server echoed a key back.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlencode

# The headers worth repeating; the rest (user agent, accept-encoding, content length) are noise.
_KEPT_HEADERS = ("authorization", "content-type")
HIDDEN = "<hidden>"


def curl(
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: bytes | str | None,
    secrets: Mapping[str, str],
) -> str:
    """A shell command that sends the request again; `secrets` maps a key to the variable holding it."""
    parts = ["curl", "-X", method.upper(), shlex.quote(url)]
    for name, value in headers.items():
        if name.lower() not in _KEPT_HEADERS:
            continue
        parts += ["-H", _header(name, value, secrets)]
    if body:
        text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
        parts += ["--data", shlex.quote(scrub(text, secrets))]
    return " ".join(parts)


def _header(name: str, value: str, secrets: Mapping[str, str]) -> str:
    for secret, variable in secrets.items():
        if secret and secret in value:
            # Double quotes, so that the shell fills in the variable.
            return '"' + f"{name}: {value}".replace(secret, "$" + variable).replace('"', '\\"') + '"'
    return shlex.quote(f"{name}: {value}")


def scrub(text: str, secrets: Mapping[str, str]) -> str:
    """`text` with every key in it replaced, whatever surrounds it and however it is spelt
    (as sent, URL-quoted, in upper or lower case)."""
    for secret in secrets:
        if not secret:
            continue
        for spelling in {secret, quote(secret, safe=""), secret.lower(), secret.upper()}:
            text = text.replace(spelling, HIDDEN)
    return text


def scrub_json(value: Any, secrets: Mapping[str, str]) -> Any:
    if isinstance(value, str):
        return scrub(value, secrets)
    if isinstance(value, list):
        return [scrub_json(item, secrets) for item in value]
    if isinstance(value, dict):
        return {key: scrub_json(item, secrets) for key, item in value.items()}
    return value


def curl_of_exchange(
    method: str,
    url: str,
    query: Mapping[str, Any],
    body: Any,
    *,
    variable: str | None,
    secrets: Mapping[str, str],
) -> str:
    """A curl command for one of the suite's own requests (JSON `body`, bytes sent as they are, or
    None for none); the key is `$<variable>` (None: the request went without one)."""
    if query:
        url += "?" + urlencode(query, doseq=True)
    parts = ["curl", "-X", method.upper(), shlex.quote(scrub(url, secrets))]
    if variable is not None:
        parts += ["-H", f'"Authorization: Bearer ${variable}"']
    if body is not None:
        parts += ["-H", shlex.quote("Content-Type: application/json")]
        text = body.decode("utf-8", "replace") if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False)
        parts += ["--data-binary" if isinstance(body, bytes) else "--data", shlex.quote(scrub(text, secrets))]
    return " ".join(parts)
