"""Organisations with data before the first generated case: the model of the documented behaviour
attached to the run, then (in-process) more personas than one page holds at the largest `perPage`,
with names that share and do not share substrings, and look-alikes in the other organisation.

Seeding is in-process only: a live run may create no more than its persona cap.
"""

from __future__ import annotations

from itertools import cycle, islice
from typing import TYPE_CHECKING, Any

from anam_contract.mock._defaults import DEFAULT_FIXTURES_DATA
from anam_contract.suite._catalogue import NO_LLM, OPTIONS_BY_PROVIDER, live_organisations, mock_organisations
from anam_contract.suite._oracle import Oracle, attach

if TYPE_CHECKING:
    from anam_contract.suite._run import SuiteRun

# First names and roles whose combinations share substrings at the start ("Ada"), in the middle
# ("lan" in Alan and Roland), in other letter cases ("GUIDE", "guide"), and under Unicode case
# folding ("Straße" is found by "STRASSE").
_FIRST = ("Ada", "Alan", "Grace", "Roland", "Radia", "Edsger", "Barbara", "Hedy", "Ken", "Linus", "Niklaus", "Frances")
_ROLE = ("tutor", "Guide", "GUIDE of Canada", "support agent", "sales Coach", "Straße helper", "story teller", "x")
# More than one page at perPage 100 (the spec's maximum).
OWN_PERSONAS = 104
OTHER_PERSONAS = 12


def seed_names(count: int) -> list[str]:
    pairs = [f"{first} the {role}" for role in _ROLE for first in _FIRST]
    return list(islice(cycle(pairs), count))


def attach_model(run: SuiteRun) -> Oracle:
    """The run's oracle: it sees every case and every request of the run's Caller from now on."""
    organisations = live_organisations(run.settings) if run.settings.live else mock_organisations(DEFAULT_FIXTURES_DATA)
    oracle = Oracle(run.spec, organisations)
    oracle.home = oracle.organisation_of(run.key.value)
    oracle.reproduce = run.exchange_reproduction
    attach(run.schema, oracle)
    run.caller.observers.append(oracle.observe_caller)
    if not run.settings.live and run.settings.seed_personas:
        seed(run, oracle)
    return oracle


def seed(run: SuiteRun, oracle: Oracle) -> None:
    """Create the personas of both organisations through the run's Caller (so the model sees them).

    A server that answers a seed create wrongly stops the seeding; what went wrong is kept in
    `oracle.seed_problems` for `test_rules.py` to report (the run itself must still start)."""
    keys = [(run.key, OWN_PERSONAS)] + ([(run.other_key, OTHER_PERSONAS)] if run.other_key else [])
    for key, count in keys:
        org = oracle.organisation_of(key.value)
        for index, name in enumerate(seed_names(count)):
            body = varied_body(org.catalogue, index, name) if org is not None else {"name": name}
            try:
                status, answer = run.caller.request("POST", "/v1/personas", key=key, body=body)
            except AssertionError as failure:  # the model saw a wrong answer: reported by test_rules
                oracle.seed_problems.append(failure)
                return
            if status != 201:
                problem = f"createPersona {status}: a valid create of a seed persona was refused: {answer}"
                oracle.seed_problems.append(AssertionError(problem))
                return


def varied_body(catalogue: Any, index: int, name: str) -> dict[str, Any]:
    """A valid create body that walks through the catalogue: every avatar, voice, LLM and tool in turn."""
    avatars, voices = sorted(catalogue.avatars), sorted(catalogue.voices)
    llms, tools = [*sorted(catalogue.llms), NO_LLM], sorted(catalogue.tools)
    body: dict[str, Any] = {"name": name, "description": f"seed {index}"}
    if avatars:
        body["avatarId"] = avatar = avatars[index % len(avatars)]
        models = sorted(catalogue.avatars[avatar] or ())
        if models and index % 3:
            # Not `index % len(models)`: with as many avatars as models, each avatar would get one model.
            body["avatarModel"] = models[(index // len(avatars)) % len(models)]
    if voices:
        body["voiceId"] = voice = voices[index % len(voices)]
        options = OPTIONS_BY_PROVIDER.get(str(catalogue.voices[voice]))
        if options and index % 2:
            body["voiceGenerationOptions"] = options
    body["llmId"] = llms[index % len(llms)]
    if tools and index % 4 == 0:
        body["toolIds"] = tools[: 1 + index % len(tools)]
    if index % 5 == 0:
        body["systemPrompt"] = f"You are seed persona {index}."
    return body
