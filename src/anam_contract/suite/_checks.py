"""The suite's own schemathesis checks, registered the schemathesis way (`@schemathesis.check`).

- `client_parses_response`: the generated client's model for the operation and status reads the
  response body, and `to_dict()` gives back the same JSON; an enum value the spec does not list
  (which the forward-compatible client would accept silently) is named by its JSON pointer.
- `client_round_trips_request`: a request body that is valid for the spec goes through the
  client's request model and comes back equal (an explicit null stays a null, an absent key absent).
- `update_keeps_sent_fields`: after a successful PUT, the response and a following GET carry every
  field the PUT sent.
- `create_keeps_sent_fields`: after a successful POST, the response and a following GET carry
  every field the POST sent (where the persona shows it).
- `persona_id_matches_path`: a GET or PUT that succeeds returns the persona its path names.
- `other_organisation_sees_nothing`: a persona just created is invisible to another organisation's
  key: GET, PUT and DELETE answer 404 and the list does not show it.

Each failure message starts with the operationId and the status, then names the field (as a JSON
pointer) or the rule.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import schemathesis
from schemathesis import Case, CheckContext, Response

from anam_contract.jsoncompare import differences
from anam_contract.spec import Spec
from anam_contract.suite._http import Caller
from anam_contract.suite._models import ModelMap, round_trip
from anam_contract.suite._settings import ApiKey, spec_path

# Where each field of an update body shows up in the persona the API returns. Fields the persona
# does not return (`uninterruptibleGreeting`, `languageCode`) cannot be checked this way.
_PERSONA_POINTER = {
    "name": "/name",
    "description": "/description",
    "avatarId": "/avatar/id",
    "avatarModel": "/avatarModel",
    "voiceId": "/voice/id",
    "llmId": "/llmId",
    "systemPrompt": "/brain/systemPrompt",
    "skipGreeting": "/skipGreeting",
    "zeroDataRetention": "/zeroDataRetention",
    "voiceDetectionOptions": "/voiceDetectionOptions",
    "voiceGenerationOptions": "/voiceGenerationOptions",
    "toolIds": "/tools",
}
# The documented sentinel that runs a persona without an LLM; the persona then reports null.
_NO_LLM = "CUSTOMER_CLIENT_V1"


@dataclass
class CheckSetup:
    """What the checks need from the run: the spec, a way to send follow-up requests, the keys."""

    spec: Spec
    caller: Caller
    key: ApiKey
    # Another organisation's key: the mock's second organisation, or ANAM_OTHER_ORG_API_KEY on a
    # live run; None turns the isolation check off.
    other_key: ApiKey | None


# Keyed by the schemathesis schema object a case belongs to, so that several runs (the suite's
# own and the meta-tests' runs against broken mocks) can live in one process without mixing.
_SETUPS: dict[int, CheckSetup] = {}


def configure_checks(schema: object, setup: CheckSetup | None) -> None:
    """Give the checks the run a schema belongs to (None: the checks that need a server do nothing)."""
    if setup is None:
        _SETUPS.pop(id(schema), None)
    else:
        _SETUPS[id(schema)] = setup


def _setup_of(case: Case[Any]) -> CheckSetup | None:
    return _SETUPS.get(id(case.operation.schema))


def _operation_id(case: Case[Any]) -> str:
    return str(case.operation.definition.raw.get("operationId", case.operation.label))


# What `_json` gives for a body that is not JSON (None is JSON null).
_NOT_JSON = object()


def _json(response: Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return _NOT_JSON


def _spec(case: Case[Any]) -> Spec:
    setup = _setup_of(case)
    return setup.spec if setup is not None else _default_spec()


_DEFAULT_SPEC: list[Spec] = []


def _default_spec() -> Spec:
    if not _DEFAULT_SPEC:
        _DEFAULT_SPEC.append(Spec.load(spec_path()))
    return _DEFAULT_SPEC[0]


def _fail(case: Case[Any], status: int | str, title: str, problems: list[str]) -> None:
    lines = "\n".join(f"  {problem}" for problem in problems)
    raise AssertionError(f"{_operation_id(case)} {status}: {title}\n{lines}")


@schemathesis.check
def client_parses_response(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    spec = _spec(case)
    component = ModelMap(spec).component_of_response(_operation_id(case), response.status_code)
    body = _json(response)
    if component is None or body is _NOT_JSON:
        # An undocumented status or a non-JSON body is what the built-in conformance checks report.
        return None
    problems = round_trip(spec, component, body)
    if problems:
        _fail(case, response.status_code, f"the generated client's {component} does not give this body back", problems)
    unknown = unlisted_enum_values(spec, component, body)
    if unknown:
        _fail(
            case, response.status_code, "enum values the spec does not list (the client keeps them as unknown)", unknown
        )
    return True


def unlisted_enum_values(spec: Spec, component: str, body: Any) -> list[str]:
    """Where `body` holds a string the spec's enum there does not list, as JSON pointers.

    The generated enums are forward-compatible: an unknown value parses (as a pseudo-member with
    `is_known == False`) and round-trips, so the round trip alone would let it through silently.
    """
    found = []
    for error in spec.component_validator(component).iter_errors(body):
        # An enum inside anyOf (a nullable enum) reports through the anyOf error's context.
        for leaf in [error, *(error.context or [])]:
            if leaf.validator == "enum" and isinstance(leaf.instance, str):
                pointer = "".join(f"/{part}" for part in leaf.absolute_path) or "/"
                found.append(f"{pointer}: {leaf.instance!r} is not one of {leaf.validator_value}")
    return sorted(set(found))


@schemathesis.check
def client_round_trips_request(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    spec = _spec(case)
    component = ModelMap(spec).component_of_request(_operation_id(case))
    if component is None or not isinstance(case.body, dict):
        return None
    # Only bodies the spec calls valid: a negative body is not meant to fit the model.
    if not spec.component_validator(component).is_valid(case.body):
        return None
    problems = round_trip(spec, component, case.body)
    if problems:
        _fail(case, "request", f"the generated client's {component} does not give the request body back", problems)
    return True


@schemathesis.check
def update_keeps_sent_fields(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    setup = _setup_of(case)
    if _operation_id(case) != "updatePersona" or response.status_code != 200 or not isinstance(case.body, dict):
        return None
    body = _json(response)
    expected = expected_after_update(case.body)
    problems = [f"in the PUT response: {p}" for p in unchanged_fields(expected, body)]
    if setup is not None:
        persona_id = str(case.path_parameters.get("id") if case.path_parameters else "")
        status, stored = setup.caller.request("GET", f"/v1/personas/{persona_id}", key=setup.key)
        if status != 200:
            problems.append(f"GET after the PUT answered {status}, not 200")
        else:
            problems.extend(f"in the following GET: {p}" for p in unchanged_fields(expected, stored))
    if problems:
        _fail(case, 200, "a field the PUT sent did not land (partial update rule)", problems)
    return True


@schemathesis.check
def create_keeps_sent_fields(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    if _operation_id(case) != "createPersona" or response.status_code != 201 or not isinstance(case.body, dict):
        return None
    body = _json(response)
    expected = expected_after_update(case.body)
    problems = [f"in the POST response: {p}" for p in unchanged_fields(expected, body, "POST")]
    setup = _setup_of(case)
    if setup is not None and isinstance(body, dict) and isinstance(body.get("id"), str):
        status, stored = setup.caller.request("GET", f"/v1/personas/{body['id']}", key=setup.key)
        # A GET that does not answer 200 is `ensure_resource_availability`'s to report.
        if status == 200:
            problems.extend(f"in the following GET: {p}" for p in unchanged_fields(expected, stored, "POST"))
    if problems:
        _fail(case, 201, "a field the POST sent is not what the new persona holds", problems)
    return True


@schemathesis.check
def persona_id_matches_path(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    if _operation_id(case) not in {"getPersona", "updatePersona"} or response.status_code != 200:
        return None
    asked = str((case.path_parameters or {}).get("id", ""))
    body = _json(response)
    answered = body.get("id") if isinstance(body, dict) else None
    if not isinstance(answered, str):
        return None  # the schema check reports a persona without an id
    if not same_id(asked, answered):
        problem = f"/id: {answered!r}, but the path asked for {asked!r}"
        _fail(case, 200, "the persona returned is not the one the path names", [problem])
    return True


def same_id(left: str, right: str) -> bool:
    """Two spellings of one persona id: UUIDs compare by value, other ids by text, both ignoring case."""
    try:
        return uuid.UUID(left) == uuid.UUID(right)
    except ValueError:
        return left.lower() == right.lower()


@schemathesis.check
def other_organisation_sees_nothing(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    setup = _setup_of(case)
    if setup is None or setup.other_key is None:
        return None
    if _operation_id(case) != "createPersona" or response.status_code != 201:
        return None
    body = _json(response)
    if not isinstance(body, dict) or not isinstance(body.get("id"), str):
        return None
    path = f"/v1/personas/{body['id']}"
    problems = []
    for method, sent in (("GET", None), ("PUT", {}), ("DELETE", None)):
        status, _ = setup.caller.request(method, path, key=setup.other_key, body=sent)
        if status != 404:
            problems.append(f"{method} {path} with another organisation's key answered {status}, not 404")
    status, listed = setup.caller.request("GET", "/v1/personas", key=setup.other_key, params={"perPage": 100})
    ids = {item.get("id") for item in listed.get("data", [])} if isinstance(listed, dict) else set()
    if body["id"] in ids:
        problems.append("GET /v1/personas with another organisation's key lists it")
    if problems:
        _fail(case, 201, "another organisation can see the new persona (organisation isolation rule)", problems)
    return True


def expected_after_update(sent: dict[str, Any]) -> dict[str, Any]:
    """JSON pointer into the persona -> what must be there after an update that sent `sent`."""
    expected: dict[str, Any] = {}
    for name, value in sent.items():
        pointer = _PERSONA_POINTER.get(name)
        if pointer is None:
            continue
        if name == "llmId" and value == _NO_LLM:
            expected[pointer] = None
        elif name == "toolIds" and isinstance(value, list):
            # A repeated id attaches the tool once, in first-seen order (NOTES M4).
            expected[pointer] = [{"id": tool} for tool in dict.fromkeys(value)]
        else:
            expected[pointer] = value
    return expected


def unchanged_fields(expected: dict[str, Any], persona: Any, method: str = "PUT") -> list[str]:
    """Where `persona` does not hold what `expected` says; objects need only contain what was sent."""
    problems = []
    for pointer, value in expected.items():
        found, actual = _at(persona, pointer)
        if not found:
            problems.append(f"{pointer}: missing (the {method} sent {_short(value)})")
            continue
        for difference in _contains(value, actual, pointer, method):
            problems.append(difference)
    return problems


def _contains(sent: Any, actual: Any, pointer: str, method: str) -> list[str]:
    if isinstance(sent, dict) and isinstance(actual, dict):
        found = []
        for key, value in sent.items():
            if key not in actual:
                found.append(f"{pointer}/{key}: missing (the {method} sent {_short(value)})")
            else:
                found.extend(_contains(value, actual[key], f"{pointer}/{key}", method))
        return found
    if isinstance(sent, list) and isinstance(actual, list) and len(sent) == len(actual):
        found = []
        for index, (left, right) in enumerate(zip(sent, actual, strict=True)):
            found.extend(_contains(left, right, f"{pointer}/{index}", method))
        return found
    return [f"{p} (the {method} sent it)" for p in differences(sent, actual, pointer)]


def _at(document: Any, pointer: str) -> tuple[bool, Any]:
    node = document
    for part in pointer.strip("/").split("/"):
        if not isinstance(node, dict) or part not in node:
            return False, None
        node = node[part]
    return True, node


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
