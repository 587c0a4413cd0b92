"""The documented rules the suite tries on purpose, each a function of a run that raises
`AssertionError` naming the operation and the rule, so `test_rules.py` runs them against the
target and the suite's meta-tests run them against broken copies of the mock.

Every request goes through `SuiteRun.caller`, so the live-mode guard applies: writes go only to
personas the run created, and every create is named with the run's prefix and counted.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from anam_contract.suite._checks import expected_after_update, unchanged_fields
from anam_contract.suite._guard import Refused
from anam_contract.suite._models import ModelMap
from anam_contract.suite._run import SuiteRun
from anam_contract.suite._settings import ApiKey

# Fields the server itself changes on every update.
_MOVING = {"updatedAt"}


def _fail(title: str, problems: list[str]) -> None:
    if problems:
        raise AssertionError(title + ":\n  " + "\n  ".join(problems))


def create_persona(run: SuiteRun, suffix: str, **fields: Any) -> dict[str, Any]:
    """A persona of the run's own, named with its prefix, from the run's avatar, voice and LLM."""
    settings = run.settings
    body = {
        "name": settings.run_prefix + suffix,
        "avatarId": settings.avatar_id,
        "voiceId": settings.voice_id,
        "llmId": settings.llm_id,
        **fields,
    }
    with run.part("rules"):
        status, created = run.caller.request("POST", "/v1/personas", key=run.key, body=body)
    # A create that worked under another 2xx status (200 for 201, say) is a difference the model of
    # the docs has already recorded for createPersona; the rules go on with the persona it made, so
    # one difference is one entry of the report, not also a failure of every rule that needs a persona.
    assert 200 <= status < 300 and isinstance(created, dict) and isinstance(created.get("id"), str), (
        f"createPersona: a valid create answered {status}: {str(created)[:120]}"
    )
    return created


def check_update_changes_only_what_it_sends(run: SuiteRun, persona_id: str, field: str, value: Any) -> None:
    path = f"/v1/personas/{persona_id}"
    before_status, before = run.caller.request("GET", path, key=run.key)
    assert before_status == 200, f"getPersona: answered {before_status} for a persona just created"
    status, updated = run.caller.request("PUT", path, key=run.key, body={field: value})
    assert status == 200, f"updatePersona: PUT {{{field!r}: ...}} answered {status}: {updated}"
    expected = expected_after_update({field: value})
    _, after = run.caller.request("GET", path, key=run.key)
    problems = [f"in the PUT response: {p}" for p in unchanged_fields(expected, updated)]
    problems += [f"in the following GET: {p}" for p in unchanged_fields(expected, after)]
    touched = {pointer.split("/")[1] for pointer in expected} | _MOVING
    changed = bool(unchanged_fields(expected, before))
    for where, persona_after in (("in the PUT response", updated), ("in the following GET", after)):
        for key in sorted(set(before) - touched):
            if before[key] != persona_after.get(key, "<missing>"):
                now = persona_after.get(key, "<missing>")
                problems.append(f"{where}: /{key}: changed from {before[key]!r:.60} to {now!r:.60}")
        # A PUT that changed what the persona shows must move updatedAt; one that sent the values
        # the persona already had may leave it (a server may skip a write that changes nothing).
        if not _later(persona_after.get("updatedAt"), before.get("updatedAt"), strictly=changed):
            problems.append(
                f"{where}: /updatedAt: {persona_after.get('updatedAt')!r} is not later than before the PUT "
                f"({before.get('updatedAt')!r})"
            )
    _fail(f"updatePersona: a PUT that sent only {field} broke the partial update rule", problems)


# Update bodies the spec's schema may refuse: an undefined property, a null, a wrong type. Generated
# cases seldom bring them to a persona that exists (a generated id mostly names nothing, and the
# 404 then hides whether the body was checked at all).
_INVALID_UPDATES: tuple[dict[str, Any], ...] = (
    {"description": "changed", "notAPersonaField": True},
    {"description": None},
    {"skipGreeting": "yes"},
)


def check_update_refuses_invalid_bodies(run: SuiteRun, persona_id: str) -> None:
    component = ModelMap(run.spec).component_of_request("updatePersona")
    assert component is not None, "updatePersona: the spec gives no request body schema"
    validator = run.spec.component_validator(component)
    path = f"/v1/personas/{persona_id}"
    _, before = run.caller.request("GET", path, key=run.key)
    problems = []
    for body in _INVALID_UPDATES:
        if validator.is_valid(body):
            continue  # the spec allows this body today: nothing to refuse
        status, _ = run.caller.request("PUT", path, key=run.key, body=body)
        if status != 400:
            problems.append(f"PUT {_keys(body)} answered {status}, not 400")
    _, after = run.caller.request("GET", path, key=run.key)
    if after != before:
        problems.append("getPersona: the persona changed after the refused updates")
    _fail(f"updatePersona: a body against {component} must get 400 and change nothing", problems)


def _later(after: Any, before: Any, *, strictly: bool) -> bool:
    """Whether date-time `after` is later than `before` (or the same, unless `strictly`)."""
    try:
        first, second = datetime.fromisoformat(after), datetime.fromisoformat(before)
        return bool(first > second if strictly else first >= second)
    except (TypeError, ValueError):
        return False


def check_tool_ids_replace_the_list(run: SuiteRun, persona_id: str, tool: str) -> None:
    path = f"/v1/personas/{persona_id}"
    # (body, the tool ids the persona must show afterwards): attaching, keeping the list through an
    # update that does not mention it, sending the same list again, and emptying it.
    steps: list[tuple[dict[str, Any], list[str]]] = [
        ({"toolIds": [tool]}, [tool]),
        ({"name": run.settings.run_prefix + "keeps its tools"}, [tool]),
        ({"toolIds": [tool]}, [tool]),
        ({"toolIds": []}, []),
    ]
    problems = []
    for body, expected in steps:
        status, updated = run.caller.request("PUT", path, key=run.key, body=body)
        if status != 200:
            problems.append(f"PUT {_keys(body)} answered {status}: {updated}")
            break
        _, after = run.caller.request("GET", path, key=run.key)
        for where, shown in (("the PUT response", updated), ("the following GET", after)):
            if _tool_ids(shown) != expected:
                problems.append(f"after PUT {_keys(body)}, {where}: /tools has {_tool_ids(shown)}, expected {expected}")
    _fail("updatePersona: toolIds must replace the tool list, and only when sent", problems)


def _tool_ids(persona: Any) -> Any:
    tools = persona.get("tools") if isinstance(persona, dict) else None
    return [tool.get("id") for tool in tools if isinstance(tool, dict)] if isinstance(tools, list) else tools


def _keys(body: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{key}: {value!r:.40}" for key, value in body.items()) + "}"


def _lists(items: Any, persona_id: str) -> bool:
    """Whether a page's items hold the persona: ids are UUIDs, equal whatever their letter case."""
    wanted = persona_id.lower()
    return isinstance(items, list) and any(
        isinstance(item, dict) and str(item.get("id", "")).lower() == wanted for item in items
    )


def check_search_ignores_letter_case(run: SuiteRun, persona_id: str) -> None:
    _, current = run.caller.request("GET", f"/v1/personas/{persona_id}", key=run.key)
    name = str(current["name"])
    problems = []
    # The name in other letter cases must find the persona, and so must a part from its middle
    # (search keeps names *containing* the text); the name with more text after it must not.
    middle = name[1:-1] if len(name) > 2 else name
    tries = ((name.swapcase(), True), (name.upper(), True), (name.lower(), True), (middle.swapcase(), True))
    for text, found in (*tries, (name + " (no)", False)):
        status, page = run.caller.request("GET", "/v1/personas", key=run.key, params={"search": text, "perPage": 100})
        items = page.get("data", []) if status == 200 and isinstance(page, dict) else []
        if _lists(items, persona_id) != found:
            shown = "without" if found else "with"
            problems.append(f"search={text!r} answered {status} {shown} the persona named {name!r}")
    _fail("listPersonas: search must keep the names that contain it, whatever their letter case", problems)


def check_deleted_persona_is_gone(run: SuiteRun) -> None:
    created = create_persona(run, "deleted")
    path = f"/v1/personas/{created['id']}"
    status, answer = run.caller.request("DELETE", path, key=run.key)
    assert status == 200, f"deletePersona: answered {status} for a persona just created: {answer}"
    problems = []
    for method, sent in (("GET", None), ("PUT", {"description": "after the delete"}), ("DELETE", None)):
        status, _ = run.caller.request(method, path, key=run.key, body=sent)
        if status != 404:
            problems.append(f"{method} {path} answered {status}, not 404")
    search = {"search": created["name"], "perPage": 100}
    _, page = run.caller.request("GET", "/v1/personas", key=run.key, params=search)
    if isinstance(page, dict) and _lists(page.get("data", []), created["id"]):
        problems.append(f"GET /v1/personas?search={created['name']} still lists it")
    _fail("deletePersona: a deleted persona must answer 404 and leave the list", problems)


def check_read_only_key_cannot_write(run: SuiteRun, persona_id: str, read_only: ApiKey) -> None:
    settings = run.settings
    path = f"/v1/personas/{persona_id}"
    _, before = run.caller.request("GET", path, key=run.key)
    problems = []
    status, _ = run.caller.request("GET", path, key=read_only)
    if status != 200:
        problems.append(f"getPersona: GET {path} answered {status}, not 200 (reading is allowed)")
    create = {"name": settings.run_prefix + "read-only", "avatarId": settings.avatar_id, "voiceId": settings.voice_id}
    writes = (
        ("createPersona", "POST", "/v1/personas", create),
        ("updatePersona", "PUT", path, {"description": "written with a read-only key"}),
        ("deletePersona", "DELETE", path, None),
    )
    for operation, method, target, sent in writes:
        try:
            with run.part("rules"):
                status, _ = run.caller.request(method, target, key=read_only, body=sent)
        except Refused as refusal:
            # Only the create can be held back (the run's share of the persona cap is used up):
            # nothing was sent, so there is nothing to judge.
            run.skipped(refusal)
            continue
        if status != 403:
            problems.append(f"{operation}: {method} {target} answered {status}, not 403")
    status, after = run.caller.request("GET", path, key=run.key)
    if status != 200 or after != before:
        problems.append("getPersona: the persona changed after the read-only key's calls")
    _fail("a read-only key must not write (403 rule)", problems)


def check_other_organisation_sees_nothing(run: SuiteRun, persona_id: str, other: ApiKey) -> None:
    path = f"/v1/personas/{persona_id}"
    _, before = run.caller.request("GET", path, key=run.key)
    problems = []
    for method, body in (("GET", None), ("PUT", {"description": "not yours"}), ("DELETE", None)):
        status, _ = run.caller.request(method, path, key=other, body=body)
        if status != 404:
            problems.append(f"{method} {path} answered {status}, not 404")
    _, listed = run.caller.request("GET", "/v1/personas", key=other, params={"perPage": 100})
    if _lists(listed.get("data", []), persona_id):
        problems.append("GET /v1/personas lists it")
    status, still = run.caller.request("GET", path, key=run.key)
    if status != 200 or still != before:
        problems.append("the owner's persona changed after the other organisation's calls")
    _fail(
        "getPersona/updatePersona/deletePersona/listPersonas: another organisation's key reaches "
        "a persona it does not own (organisation isolation rule)",
        problems,
    )
