"""schemathesis' own check failures, and plain assertion failures of custom checks, as `Difference`s.

Every built-in check reports a `schemathesis.core.failures.Failure` subclass; each one is turned
into one difference with a JSON pointer and a kind, so that the run's recorder can merge it with
what the suite's own checks report through `fail()` / `note()`. The kinds are chosen so that two
checks seeing the same thing land on the same key: a body the schema refuses at `/avatar` is
`schema` whichever check saw it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from schemathesis.core.failures import AcceptedNegativeData, CustomFailure, Failure, MalformedJson, ServerError
from schemathesis.openapi.checks import (
    ContentDeserializationError,
    IgnoredAuth,
    JsonSchemaError,
    MalformedMediaType,
    MissingContentType,
    MissingHeaders,
    RejectedPositiveData,
    UndefinedContentType,
    UndefinedStatusCode,
)

from anam_contract.suite._differences import ContractFailure, Difference, excerpt

# A body the spec documents as JSON that did not come as (parseable) JSON of a documented type:
# one kind, however many checks noticed, since a team fixes it once.
BODY = "body"
SCHEMA = "schema"
STATUS = "status"
SERVER_ERROR = "server_error"

_BODY_FAILURES = (
    MalformedJson,
    ContentDeserializationError,
    MissingContentType,
    UndefinedContentType,
    MalformedMediaType,
)
_REQUIRED = re.compile(r"""^["']?(?P<name>[^"'\s]+)["']? is a required property""")
_POINTED = re.compile(r"^(?P<where>in the [^:]+: )?(?P<pointer>/[^\s:]*): (?P<text>.*)$")
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def from_failure(operation_id: str, status: int, check: str, failure: BaseException, body: Any) -> list[Difference]:
    """The differences one failed check stands for (a `ContractFailure` already carries its own)."""
    if isinstance(failure, ContractFailure):
        return list(failure.differences)
    exception = failure.exception if isinstance(failure, CustomFailure) else None
    if isinstance(exception, ContractFailure):
        return list(exception.differences)
    made = None
    if isinstance(failure, Failure) and exception is None:
        made = _builtin(operation_id, status, check, failure, body)
    if made is not None:
        return [made]
    # A custom check that raised a plain AssertionError: its own message, one difference per
    # JSON pointer it names (lines `  /pointer: text`), else one for the whole exchange.
    message = str(exception if isinstance(exception, BaseException) else failure)
    return from_message(operation_id, status, check, message)


def from_message(operation_id: str, status: int | str, check: str, message: str) -> list[Difference]:
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    title = lines[0] if lines else check
    kind, rule = f"rule:{check}", _title_rule(title)
    pointed: dict[str, tuple[str, bool]] = {}
    for line in lines[1:]:
        match = _POINTED.match(line)
        if match is None:
            continue
        pointer = "" if match["pointer"] == "/" else match["pointer"]
        required = _REQUIRED.match(match["text"])
        if required is not None:
            pointer += "/" + required["name"]
        # A place only the follow-up GET showed is a difference of that GET's answer; one the
        # request's own answer showed too is this operation's.
        followed = bool(match["where"]) and match["where"].startswith("in the following GET")
        earlier = pointed.get(pointer)
        pointed[pointer] = (
            match["text"][:160] if earlier is None else earlier[0],
            followed and (earlier or ("", True))[1],
        )
    found = [
        Difference(
            "getPersona" if only_get else operation_id, 200 if only_get else status, pointer, kind, rule, text, check
        )
        for pointer, (text, only_get) in pointed.items()
    ]
    if found:
        return found
    detail = (" ".join(lines[1:]) or title)[:160]
    return [Difference(operation_id, status, "", kind, rule, detail, check)]


def _title_rule(title: str) -> str:
    # "getPersona 200: the persona returned is not ..." -> the part after the operation and status.
    return title.split(": ", 1)[-1][:120]


def _builtin(operation_id: str, status: int, check: str, failure: Failure, body: Any) -> Difference | None:
    def made(pointer: str, kind: str, expected: str, got: str) -> Difference:
        return Difference(operation_id, status, pointer, kind, expected, got, check)

    if isinstance(failure, JsonSchemaError) and check == "response_schema_conformance":
        return _schema_difference(failure, made)
    if isinstance(failure, UndefinedStatusCode):
        codes = [str(code) for code in failure.defined_status_codes]
        # A success answered with another success status: the documented successes say what was meant.
        alike = [code for code in codes if code[:1] == str(status)[:1]] if 200 <= status < 300 else []
        return made("", STATUS, " or ".join(alike or codes), f"server answered {status}")
    if isinstance(failure, ServerError):
        return made("", SERVER_ERROR, "no 5xx for this request", f"{status}: {_error_text(body)}")
    if isinstance(failure, _BODY_FAILURES):
        return made("", BODY, "a JSON body of a documented content type", _short_body(body))
    if isinstance(failure, MissingHeaders):
        return made("", "header", "headers " + ", ".join(failure.missing_headers), "missing")
    if isinstance(failure, AcceptedNegativeData):
        return made("", "accepted_invalid_request", "an error status for data the spec calls invalid", str(status))
    if isinstance(failure, RejectedPositiveData):
        return made("", "rejected_valid_request", f"one of {failure.allowed_statuses}", str(status))
    if isinstance(failure, IgnoredAuth):
        return made("", "auth_ignored", "401 without valid credentials", str(status))
    if type(failure) is Failure or not type(failure).__module__.startswith("schemathesis"):
        return None
    kind = _CAMEL.sub("_", type(failure).__name__).lower()
    return made("", kind, failure.title, (failure.message.splitlines() or [""])[0][:160])


def _schema_difference(failure: JsonSchemaError, made: Callable[[str, str, str, str], Difference]) -> Difference:
    path = "".join(f"/{part}" for part in failure.instance_path)
    keyword = str(failure.schema_path[-1]) if failure.schema_path else ""
    schema = failure.schema
    if keyword == "required":
        match = _REQUIRED.match(failure.validation_message)
        name = match["name"] if match else "?"
        return made(f"{path}/{name}", SCHEMA, "required", "missing")
    expected = f"{keyword} {excerpt(schema[keyword], 60)}" if keyword in schema else failure.validation_message[:80]
    return made(path, SCHEMA, expected, excerpt(failure.instance))


def _error_text(body: Any) -> str:
    """What a 5xx said: its Error message when it has one, else the start of its body."""
    try:
        document = json.loads(body)
    except (TypeError, ValueError):
        return _short_body(body)
    if isinstance(document, dict) and isinstance(document.get("message"), str):
        return excerpt(document["message"], 100)
    return _short_body(body)


def _short_body(body: Any) -> str:
    if body in (b"", "", None):
        return "an empty body"
    if isinstance(body, bytes):
        body = body.decode("utf-8", "replace")
    return excerpt(body, 60)
