"""A walk through every documented rule with values that change, derived from the catalogue.

Generated cases reach these rules by chance; this walk reaches each on purpose, on an organisation
that holds data. It sends plain requests through the run's `Caller`, so the model of the
documented behaviour (`_oracle.py`) judges every answer and fails at the first one that differs.
What the catalogue cannot offer (an avatar that lacks a model, a second voice) is skipped, and the
rule coverage (`Oracle.rule_rows`) then shows it was never exercised.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from anam_contract.suite._catalogue import NO_LLM, OPTIONS_BY_PROVIDER, Catalogue
from anam_contract.suite._differences import Exchange
from anam_contract.suite._guard import Refused
from anam_contract.suite._model import BODY_LIMIT, Organisation, persona_id
from anam_contract.suite._settings import ApiKey

if TYPE_CHECKING:
    from anam_contract.suite._run import SuiteRun

# One value per field an update may send that is valid whatever the voice or catalogue.
UPDATE_VALUES: dict[str, Any] = {
    "name": "renamed",
    "description": "changed by the contract suite",
    "systemPrompt": "You answer in one short sentence.",
    "skipGreeting": True,
    "uninterruptibleGreeting": True,
    "zeroDataRetention": False,
    "languageCode": "fr",
    "voiceDetectionOptions": {"endOfSpeechSensitivity": 0.25, "silenceBeforeSessionEndSeconds": 120},
}


def walk_documented_rules(run: SuiteRun) -> None:
    """Exercise each documented rule once; the oracle raises on the first answer that differs."""
    oracle = run.oracle
    home = oracle.home if oracle is not None else None
    if home is None:
        raise AssertionError("the walk needs the model of the run's organisation (attach_model)")
    persona = _create(run)
    # A second persona, made before the walk updates the first: the list order is then tried with
    # an older persona updated after a newer one was made (a live run may hold no other).
    newer = _held_back_or(run, lambda: _create(run))
    _create_each_model(run, home.catalogue)
    _unknown_key(run, persona)
    _refusal_order(run, persona)
    _body_limit(run, persona)
    _transfer_forms(run, persona)
    _unreadable_bodies(run, persona)
    _other_organisation_refusals(run)
    _update_each_field(run, persona)
    _refused_updates(run, persona, home)
    _change_resources(run, persona, home.catalogue)
    _lists(run, persona, newer)
    _delete(run, persona)


def _call(run: SuiteRun, method: str, path: str, body: Any = None, params: Any = None) -> tuple[int, Any]:
    with run.part("rules"):
        return run.caller.request(method, path, key=run.key, body=body, params=params)


def _create(run: SuiteRun) -> str:
    body: dict[str, Any] = {"name": run.settings.run_prefix + "Walker Middleton"}
    status, created = _call(run, "POST", "/v1/personas", body)
    # Another 2xx than 201 is recorded for createPersona by the model; the walk goes on (see _rules).
    assert 200 <= status < 300 and isinstance(created, dict) and isinstance(created.get("id"), str), (
        f"createPersona: a valid create answered {status}: {str(created)[:120]}"
    )
    return str(created["id"])


def _unknown_key(run: SuiteRun, pid: str) -> None:
    """A key no organisation has: each answer must be the documented 401, with the bearer challenge
    the spec declares for it (the model knows the key opens nothing), before the path id is read."""
    stranger = ApiKey("anam-contract-no-such-key")
    for method, path, body in (
        ("GET", "/v1/personas", None),
        ("GET", f"/v1/personas/{pid}", None),
        ("PUT", f"/v1/personas/{pid}", {"description": "sent with a key nobody has"}),
        ("GET", "/v1/personas/not-a-persona-id", None),
    ):
        with run.part("rules"):
            run.caller.request(method, path, key=stranger, body=body)
    # The run's own key in another scheme than the documented bearer one opens nothing either.
    assert run.oracle is not None
    for scheme in ("Basic", "Token"):
        with run.part("rules"):
            sent_at = datetime.now(UTC)
            response = run.caller.client.get("/v1/personas", headers={"Authorization": f"{scheme} {run.key.value}"})
        try:
            answer = response.json()
        except ValueError:
            answer = None
        headers = {name.lower(): value for name, value in response.headers.items()}
        exchange = Exchange(
            "GET",
            "/v1/personas",
            {},
            None,
            None,
            response.status_code,
            answer,
            source="caller",
            headers=headers,
            sent_at=sent_at,
        )
        run.oracle.observe_caller(exchange)


def _transfer_forms(run: SuiteRun, pid: str) -> None:
    """The same JSON however HTTP carries it: a media type with a parameter (`charset`), and a body
    in chunks without a Content-Length (every HTTP/1.1 server must read the chunked coding). Each
    is an ordinary update, live too."""
    path = f"/v1/personas/{pid}"
    with run.part("rules"):
        charset = "application/json; charset=utf-8"
        run.caller.request("PUT", path, key=run.key, body={"description": "sent with a charset"}, content_type=charset)
        run.caller.request("PUT", path, key=run.key, body={"description": "sent in chunks"}, chunked=True)
        # JSON text not declared as JSON (another type, or none): the spec's 415, nothing stored.
        for other in ("text/plain", "application/javascript", ""):
            run.caller.request("PUT", path, key=run.key, body={"description": "not declared JSON"}, content_type=other)
    _call(run, "GET", path)


def _unreadable_bodies(run: SuiteRun, pid: str) -> None:
    """Bodies declared JSON that no JSON parser reads: cut short, a bare `NaN` (some parsers take
    it; JSON has no such value), arrays nested deeper than a parser recurses. Each is the documented
    400 of an invalid body (never a 5xx) and changes nothing; live too."""
    path = f"/v1/personas/{pid}"
    for raw in (b'{"description": ', b'{"description": NaN}', b"[" * 5000 + b"]" * 5000):
        with run.part("rules"):
            run.caller.request("PUT", path, key=run.key, raw=raw)
    _call(run, "GET", path)


def _body_limit(run: SuiteRun, pid: str) -> None:
    """A body of exactly the documented limit is an ordinary update; one byte more is a 413 that
    changes nothing, whether its length is declared or it comes in chunks; one well under it is an
    ordinary update. In-process only: a live API's limit is not documented."""
    if run.guard is not None:
        return
    path = f"/v1/personas/{pid}"
    overhead = len(json.dumps({"description": ""}).encode())
    # At the limit; one byte over; one byte over in chunks; half of it.
    for size, chunked in (
        (BODY_LIMIT - overhead, False),
        (BODY_LIMIT + 1 - overhead, False),
        (BODY_LIMIT + 1 - overhead, True),
        (BODY_LIMIT // 2, False),
    ):
        with run.part("rules"):
            run.caller.request("PUT", path, key=run.key, body={"description": "x" * size}, chunked=chunked)
        _call(run, "GET", path)
    _call(run, "PUT", path, {"description": "short again"})


def _refusal_order(run: SuiteRun, pid: str) -> None:
    """The order of the refusals (NOTES M6): a read-only key's write is a 403 whatever the id names,
    a path id that is not a UUID a 400 before any lookup, and an id in upper case names the same
    persona. Live, "an id nobody has" is a random UUID the guard lets the run write to."""
    never = "00000000-0000-4000-8000-0000000000ff" if run.guard is None else run.guard.unused_id()
    if run.oracle is not None and run.oracle.home is not None:
        run.oracle.home.nobody.add(never)
    requests: list[tuple[ApiKey, str, str, Any]] = [
        (run.key, "GET", "/v1/personas/not-a-persona-id", None),
        (run.key, "PUT", "/v1/personas/not-a-persona-id", {"description": "no such id"}),
        (run.key, "DELETE", "/v1/personas/not-a-persona-id", None),
        (run.key, "GET", f"/v1/personas/{pid.upper()}", None),
        (run.key, "PUT", f"/v1/personas/{pid.upper()}", {"description": "reached by its id in upper case"}),
        # An id nobody has: 404 whatever the method.
        (run.key, "GET", f"/v1/personas/{never}", None),
        (run.key, "PUT", f"/v1/personas/{never}", {"description": "nobody's persona"}),
        (run.key, "DELETE", f"/v1/personas/{never}", None),
    ]
    if run.read_only_key is not None:
        for method, body in (("PUT", {"description": "written with a read-only key"}), ("DELETE", None)):
            requests += [(run.read_only_key, method, f"/v1/personas/{target}", body) for target in (never, "not-an-id")]
    for key, method, path, body in requests:
        with run.part("rules"):
            run.caller.request(method, path, key=key, body=body)


def _other_organisation_refusals(run: SuiteRun) -> None:
    """What another organisation's own catalogue and plan refuse: zero data retention on a plan
    without it, though the voice and LLM offer it. In-process only, where the plan is known."""
    oracle = run.oracle
    if run.other_key is None or oracle is None or run.guard is not None:
        return
    other = oracle.organisation_of(run.other_key.value)
    if other is None or other.catalogue.enterprise is not False:
        return
    cat = other.catalogue
    voices = [v for v, zdr in sorted(cat.voice_zdr.items()) if zdr]
    llms = [llm for llm, zdr in sorted(cat.llms.items()) if zdr]
    if not voices or not llms:
        return
    body = {"name": "zero data retention", "voiceId": voices[0], "llmId": llms[0], "zeroDataRetention": True}
    with run.part("rules"):
        status, created = run.caller.request("POST", "/v1/personas", key=run.other_key, body=body)
        if status == 201 and isinstance(created, dict):
            run.caller.request("DELETE", f"/v1/personas/{created.get('id')}", key=run.other_key)


def _held_back_or(run: SuiteRun, create: Callable[[], str]) -> str | None:
    """The id `create` made, or None when a live run's guard held the create back (counted)."""
    try:
        return create()
    except Refused as refusal:
        run.skipped(refusal)
        return None


def _create_each_model(run: SuiteRun, catalogue: Catalogue) -> None:
    """A create for every model of every avatar (each is documented as accepted), then its delete:
    each model once first, then the other avatars rendering it, for as long as a live run's share of
    the persona cap lasts."""
    pairs = sorted((avatar, model) for avatar, models in catalogue.avatars.items() for model in models or ())
    firsts: list[tuple[str, str]] = []
    for pair in pairs:
        if all(pair[1] != model for _, model in firsts):
            firsts.append(pair)
    for avatar, model in [*firsts, *(pair for pair in pairs if pair not in firsts)]:
        body = {"name": run.settings.run_prefix + f"model {model}", "avatarId": avatar, "avatarModel": model}
        try:
            status, created = _call(run, "POST", "/v1/personas", body)
        except Refused as refusal:
            run.skipped(refusal)
            return
        if status == 201:
            _call(run, "DELETE", f"/v1/personas/{created['id']}")


def _update_each_field(run: SuiteRun, pid: str) -> None:
    path = f"/v1/personas/{pid}"
    for field, value in UPDATE_VALUES.items():
        sent = run.settings.run_prefix + value if field == "name" else value
        _call(run, "PUT", path, {field: sent})
        _call(run, "GET", path)
    _call(run, "PUT", path, {})


def _refused_updates(run: SuiteRun, pid: str, home: Organisation) -> None:
    """Updates the rules refuse, each carrying valid changes beside the one refused field: a refused
    write changes nothing (NOTES M4), so the GET after each must show the persona as it was (the
    model keeps it unchanged after any 4xx)."""
    path = f"/v1/personas/{pid}"
    assert run.oracle is not None
    for refused in _refusals(run, pid, home):
        current = home.personas.get(persona_id(pid) or pid, {})
        changes = {
            "name": run.settings.run_prefix + "refused rename",
            "description": "a refused update must not store this",
            "skipGreeting": not current.get("skipGreeting", False),
            "systemPrompt": "A prompt a refused update must not store.",
            "voiceDetectionOptions": {"endOfSpeechSensitivity": 0.75, "silenceBeforeSessionEndSeconds": 60},
            "toolIds": [] if current.get("tools") else sorted(home.catalogue.tools)[:1],
        }
        _call(run, "PUT", path, {**changes, **refused})
        _call(run, "GET", path)


def _refusals(run: SuiteRun, pid: str, home: Organisation) -> list[dict[str, Any]]:
    """One body fragment per way the documented rules refuse an update that the schema allows: ids
    the catalogue lacks, an avatar model the avatar does not render, generation options of another
    provider, zero data retention the organisation cannot have. In-process the model says which are
    refused; live, only the unknown ids are certain."""
    cat = home.catalogue
    unknown = "00000000-0000-4000-8000-00000000dead"
    candidates: list[dict[str, Any]] = [{"avatarId": unknown}, {"voiceId": unknown}, {"llmId": unknown}]
    candidates.append({"toolIds": [*sorted(cat.tools)[:1], unknown]})
    schemas = run.spec.document["components"]["schemas"]
    models = run.spec.resolve(schemas.get("AvatarModel", {})).get("enum", [])
    candidates += [{"avatarModel": model} for model in models]
    candidates += [{"voiceGenerationOptions": options} for options in OPTIONS_BY_PROVIDER.values()]
    # A move to each voice with another provider's options: every provider's refusal, not only the
    # current voice's.
    for voice, provider in sorted(cat.voices.items()):
        others = [options for name, options in OPTIONS_BY_PROVIDER.items() if name != provider]
        if provider is not None and others:
            candidates.append({"voiceId": voice, "voiceGenerationOptions": others[0]})
    candidates.append({"zeroDataRetention": True})
    # A long value the schema refuses: the 400's detail message quotes it, and must still be a 400.
    candidates.append({"avatarModel": "not-a-model-" + "x" * 400})
    current = home.personas.get(persona_id(pid) or pid)
    refused = [body for body in candidates if run.oracle and run.oracle.model.verdict(home, current, body)]
    # Live, the model cannot say an id is not the organisation's (verdict None), but the first four
    # are made up here; the rest are tried when the settings tell enough (ANAM_AVATARS' models, a
    # provider in ANAM_VOICES) for the model to know they are refused.
    return refused if cat.complete else [*candidates[:4], *refused]


def _change_resources(run: SuiteRun, pid: str, catalogue: Catalogue) -> None:
    path = f"/v1/personas/{pid}"
    # Every model of every avatar, then a move to each other avatar: some render the model
    # (it must stay), some do not (it must reset to null).
    for avatar, models in sorted(catalogue.avatars.items()):
        # The model alone, on an avatar that renders it: the sent model must land.
        for model in sorted(models or ()):
            _call(run, "PUT", path, {"avatarId": avatar})
            _call(run, "PUT", path, {"avatarModel": model})
            _call(run, "GET", path)
        for model in sorted(models or ()):
            for other in sorted(set(catalogue.avatars) - {avatar}):
                _call(run, "PUT", path, {"avatarId": avatar, "avatarModel": model})
                _call(run, "PUT", path, {"avatarId": other})
                _call(run, "GET", path)
    # Options on the current voice, then a new voice without options and one with new options.
    voices = [v for v in sorted(catalogue.voices) if OPTIONS_BY_PROVIDER.get(str(catalogue.voices[v]))]
    for index, voice in enumerate(voices[:3]):
        options = OPTIONS_BY_PROVIDER[str(catalogue.voices[voice])]
        _call(run, "PUT", path, {"voiceId": voice, "voiceGenerationOptions": options})
        following = voices[(index + 1) % len(voices)]
        if following != voice:
            _call(run, "PUT", path, {"voiceId": following})
            _call(run, "GET", path)
    for llm in [NO_LLM, *sorted(catalogue.llms)]:
        _call(run, "PUT", path, {"llmId": llm})
        _call(run, "GET", path)
    tools = sorted(catalogue.tools)
    for tool_ids in ([*tools, *tools[:1]], tools[1:], []):
        _call(run, "PUT", path, {"toolIds": tool_ids})
        _call(run, "GET", path)
        _call(run, "PUT", path, {"description": "keeps the tools"})


def _lists(run: SuiteRun, pid: str, newer: str | None) -> None:
    _, persona = _call(run, "GET", f"/v1/personas/{pid}")
    name = str(persona["name"])
    last = 1
    page = 1
    while page <= last:
        _, listed = _call(run, "GET", "/v1/personas", params={"perPage": 100, "page": page})
        last = int(listed["meta"]["lastPage"]) if isinstance(listed, dict) else 0
        page += 1
    # A parameter given twice: which value wins is not documented (in-process, a 400: NOTES M5).
    _call(run, "GET", "/v1/personas", params={"perPage": ["5", "7"]})
    # Page numbers that are no whole number, or more digits than a parser reads: never a 5xx
    # (in-process, the 400 of an integer parameter).
    for text in ("1.5", "1e3", "9" * 5000):
        _call(run, "GET", "/v1/personas", params={"page": text})
    # Past the end: an empty page whose `prev` points back at the last page (NOTES M5).
    _, beyond = _call(run, "GET", "/v1/personas", params={"perPage": 100, "page": last + 2})
    _exact_last_page(run, {}, beyond)
    # An update of an older persona must not move it: the list is in creation order.
    _, first = _call(run, "GET", "/v1/personas", params={"perPage": 10})
    if isinstance(first, dict) and len(first.get("data", [])) > 1:
        _call(run, "PUT", f"/v1/personas/{first['data'][-1]['id']}", {"description": "updated, not moved"})
        _call(run, "GET", "/v1/personas", params={"perPage": 10})
    # The same with two personas of the run's own (a live run may update no other): the older one
    # updated again after the newer was made; the run's prefix as the search lists both, newer first.
    if newer is not None:
        _call(run, "PUT", f"/v1/personas/{pid}", {"description": "older, updated after a newer one was made"})
        _call(run, "GET", "/v1/personas", params={"search": run.settings.run_prefix, "perPage": 100})
        _call(run, "DELETE", f"/v1/personas/{newer}")
    # Pieces of names: from the middle, in other letter cases, and shared with the other organisation.
    middle = name[len(name) // 2 : len(name) // 2 + 4]
    # Texts that look like other types ("true", "12") are still text: a search, never a 400.
    for text in (middle, middle.swapcase(), name.upper(), "the", "THE G", "lan", "strasse", "true", "12"):
        _, found = _call(run, "GET", "/v1/personas", params={"search": text, "perPage": 100})
        _exact_last_page(run, {"search": text}, found)
        _call(run, "GET", "/v1/personas", params={"search": text, "perPage": 7, "page": 2})
        if run.other_key is not None:
            with run.part("rules"):
                run.caller.request("GET", "/v1/personas", key=run.other_key, params={"search": text, "perPage": 100})
                run.caller.request("GET", f"/v1/personas/{pid}", key=run.other_key)


def _exact_last_page(run: SuiteRun, params: dict[str, Any], listed: Any) -> None:
    """The last page of a list whose total is a multiple of perPage: full, and `next` is null."""
    meta = listed.get("meta") if isinstance(listed, dict) else None
    total = meta.get("total") if isinstance(meta, dict) else None
    if not isinstance(total, int) or total < 1:
        return
    per_page = next(size for size in range(min(100, total), 0, -1) if total % size == 0)
    _call(run, "GET", "/v1/personas", params={**params, "perPage": per_page, "page": total // per_page})


def _delete(run: SuiteRun, pid: str) -> None:
    path = f"/v1/personas/{pid}"
    if run.other_key is not None:
        # Another organisation's key must reach nothing, whatever the method.
        for method, body in (("PUT", {"description": "not yours"}), ("DELETE", None), ("GET", None)):
            with run.part("rules"):
                run.caller.request(method, path, key=run.other_key, body=body)
    _call(run, "DELETE", path)
    _call(run, "GET", path)
    _call(run, "PUT", path, {"description": "after the delete"})
    _call(run, "GET", "/v1/personas", params={"perPage": 100})
