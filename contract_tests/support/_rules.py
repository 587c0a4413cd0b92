"""The documented rules the suite tries on purpose, each a function of a run that raises
`AssertionError` naming the operation and the rule, so `test_rules.py` runs them against the
target and the suite's meta-tests run them against broken copies of the mock.

Every request goes through `SuiteRun.caller`, so the live-mode guard applies: writes go only to
personas the run created, and every create is named with the run's prefix and counted.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from contract_tests.support._checks import expected_after_update, unchanged_fields
from contract_tests.support._run import SuiteRun
from contract_tests.support._settings import ApiKey

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
    assert status == 201, f"createPersona: a valid create answered {status}: {created}"
    assert isinstance(created, dict)
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


def _later(after: Any, before: Any, *, strictly: bool) -> bool:
    """Whether date-time `after` is later than `before` (or the same, unless `strictly`)."""
    try:
        first, second = datetime.fromisoformat(after), datetime.fromisoformat(before)
        return bool(first > second if strictly else first >= second)
    except (TypeError, ValueError):
        return False


def check_other_organisation_sees_nothing(run: SuiteRun, persona_id: str, other: ApiKey) -> None:
    path = f"/v1/personas/{persona_id}"
    _, before = run.caller.request("GET", path, key=run.key)
    problems = []
    for method, body in (("GET", None), ("PUT", {"description": "not yours"}), ("DELETE", None)):
        status, _ = run.caller.request(method, path, key=other, body=body)
        if status != 404:
            problems.append(f"{method} {path} answered {status}, not 404")
    _, listed = run.caller.request("GET", "/v1/personas", key=other, params={"perPage": 100})
    if any(item.get("id") == persona_id for item in listed.get("data", [])):
        problems.append("GET /v1/personas lists it")
    status, still = run.caller.request("GET", path, key=run.key)
    if status != 200 or still != before:
        problems.append("the owner's persona changed after the other organisation's calls")
    _fail(
        "getPersona/updatePersona/deletePersona/listPersonas: another organisation's key reaches "
        "a persona it does not own (organisation isolation rule)",
        problems,
    )
