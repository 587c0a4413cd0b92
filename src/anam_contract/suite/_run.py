"""One run of the suite: the target (the mock in-process, or a live server), the schemathesis
schema wired to it, the guard of a live run, and the counts for the summary.

Built once per process (`current_run()`); test modules read it at import time because
`@schema.parametrize()` needs the schema when pytest collects.
"""

from __future__ import annotations

import atexit
import importlib
import json
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import requests
import schemathesis
from schemathesis import Case, GenerationMode, Response
from schemathesis.config import SchemathesisConfig
from schemathesis.config._auth import AuthConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.schemas import OpenApiSchema

with warnings.catch_warnings():
    # Starlette 1.x announces a move of its test client to another HTTP package; the client
    # itself works unchanged over httpx, which the project pins.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from anam_contract.mock import DEFAULT_API_KEY, OTHER_ORG_API_KEY, READ_ONLY_API_KEY, create_app
from anam_contract.spec import Spec
from anam_contract.suite._checks import CheckSetup, configure_checks
from anam_contract.suite._differences import Difference, Exchange, collecting, key_label
from anam_contract.suite._failures import from_failure
from anam_contract.suite._guard import Guard, Refused
from anam_contract.suite._http import Caller, GuardedSession, interrupted
from anam_contract.suite._oracle import Oracle
from anam_contract.suite._owned import OwnIds
from anam_contract.suite._recording import Recorder
from anam_contract.suite._repro import curl, curl_of_exchange
from anam_contract.suite._seeding import attach_model
from anam_contract.suite._settings import ApiKey, RunSettings, read_settings, spec_path
from anam_contract.suite._stats import Stats
from anam_contract.suite._steering import register_steering

# `module:function` of an ASGI app factory to test in-process instead of the mock; the suite's
# own meta-tests use it to aim the suite at deliberately broken copies of the mock.
APP_ENV = "CONTRACT_APP"
# The checks, phases and per-operation statuses, shipped with the suite: read from here rather than
# found by schemathesis in the folder the run starts from, which may hold another project's.
SCHEMATHESIS_CONFIG = Path(__file__).with_name("schemathesis.toml")


@dataclass
class SuiteRun:
    settings: RunSettings
    spec: Spec
    schema: OpenApiSchema
    caller: Caller
    key: ApiKey
    other_key: ApiKey | None
    guard: Guard | None
    session: GuardedSession | None
    stats: Stats = field(default_factory=Stats)
    recorder: Recorder = field(default_factory=Recorder)
    # A read-only key of the same organisation (the mock's, or ANAM_READ_ONLY_API_KEY on a live run).
    read_only_key: ApiKey | None = None
    oracle: Oracle | None = None  # the model of the documented behaviour, set by start_run
    _cleaned: bool = False
    # The check results of the response being validated, handed over by the after_validate hook.
    _results: list[Any] = field(default_factory=list)
    _own: OwnIds | None = None

    def call_kwargs(self) -> dict[str, Any]:
        """What `case.call()` needs on top of the case: on a live run, the URL and the guarded session.

        The key is not among them: it is schemathesis auth (see `start_run`), so that negative
        cases without it, or with a spoilt one, go out that way.
        """
        kwargs: dict[str, Any] = {}
        if self.session is not None:
            kwargs["base_url"] = self.settings.base_url
            kwargs["session"] = self.session
        return kwargs

    def prepare(self, case: Case[Any]) -> None:
        """On a live run, give every persona this case would create or rename the run's prefix, and
        point a case by id at a persona this run created."""
        if self.guard is None:
            return
        operation_id = operation_of(case)
        if self._own is not None:
            self._own.aim(operation_id, case)
        if not isinstance(case.body, dict):
            return
        name = case.body.get("name")
        if operation_id == "createPersona" and "name" not in case.body:
            case.body["name"] = self.settings.run_prefix + "persona"
        elif operation_id in {"createPersona", "updatePersona"} and isinstance(name, str):
            case.body["name"] = self.settings.run_prefix + name

    def execute(self, case: Case[Any]) -> None:
        """Send one case and run every enabled check on the answer, recording what differs and
        going on: a failure never ends the operation's run of cases (the test fails at its end)."""
        if interrupted():  # a Ctrl-C whose KeyboardInterrupt a finalizer swallowed: stop now
            raise KeyboardInterrupt
        operation_id = operation_of(case)
        self.recorder.generated(operation_id)
        with self.part("cases"):
            self.prepare(case)
            response = self.send(case, self.call_kwargs())
            if response is not None:
                self.validate(case, response, lambda: case.validate_response(response, **self._validation(case)))

    def send(self, case: Case[Any], kwargs: dict[str, Any]) -> Response | None:
        """The server's answer to `case`, or None when it was not sent (held back) or never answered."""
        operation_id = operation_of(case)
        try:
            return case.call(**kwargs)
        except Refused as refusal:
            self.skipped(refusal)
            self.recorder.held_back(operation_id, _reason(refusal))
            return None
        except requests.RequestException as error:
            if self.guard is None:
                raise
            # A live server that stopped answering: one difference, and the next case goes on.
            found = Difference(operation_id, "none", "", "no_response", "an answer", type(error).__name__, "transport")
            self.recorder.response(operation_id, [found], self.reproduction(case, None))
            return None
        except Exception as error:
            if self.guard is not None:
                raise
            # In-process, Starlette answers 500 and then re-raises what the app raised: that is a
            # server error of this operation, reported like any other answer, not the end of the run.
            return server_error(case, error)

    def validate(self, case: Case[Any], response: Response, run_checks: Any) -> None:
        """Run the checks (`run_checks`) on one response and record every difference they report."""
        operation_id = operation_of(case)
        self._results = []
        with collecting() as noted:
            try:
                run_checks()
            except FailureGroup:
                pass  # every failure is in the results the after_validate hook handed over
            except Refused as refusal:
                # A check's own follow-up request that the guard kept back: the case was checked
                # as far as it could be.
                self.stats.skipped[_reason(refusal)] += 1
        body = response.content
        found = list(noted)
        for result in self._results:
            if result.failure is not None:
                found.extend(from_failure(operation_id, response.status_code, result.name, result.failure, body))
        self.recorder.response(operation_id, found, self.reproduction(case, response) if found else None)

    def _validation(self, case: Case[Any]) -> dict[str, Any]:
        kwargs = self.call_kwargs()
        return {"transport_kwargs": kwargs} if kwargs else {}

    def reproduction(self, case: Case[Any], response: Response | None) -> str:
        """A curl command that sends `case` again, the keys replaced by the variables that hold them."""
        request = response.request if response is not None else None
        if request is not None and request.url:
            url = request.url
            headers = {name: str(value) for name, value in request.headers.items()}
            body = request.body if isinstance(request.body, bytes | str) else None
        else:
            url, headers, body = case.formatted_path, {}, None
        base = self.settings.base_url if self.guard is not None else "http://127.0.0.1:4010"
        split = urlsplit(url)
        target = base + split.path + (f"?{split.query}" if split.query else "")
        return curl(case.method, target, headers, body, self.secrets())

    def exchange_reproduction(self, exchange: Exchange) -> str:
        """A curl command for one of the suite's own requests (a check's, a rule test's)."""
        secrets = self.secrets()
        variables = {key_label(secret): variable for secret, variable in secrets.items()}
        base = self.settings.base_url if self.guard is not None else "http://127.0.0.1:4010"
        variable = variables.get(exchange.key_label) if exchange.key_label is not None else None
        return curl_of_exchange(
            exchange.method,
            base + exchange.path,
            exchange.query,
            exchange.raw if exchange.raw is not None else exchange.body,
            variable=variable,
            secrets=secrets,
        )

    def secrets(self) -> dict[str, str]:
        """Every key of the run, and the variable a reader holds it in."""
        keys = {"ANAM_API_KEY": self.key, "ANAM_OTHER_ORG_API_KEY": self.other_key}
        keys["ANAM_READ_ONLY_API_KEY"] = self.read_only_key
        return {key.value: variable for variable, key in keys.items() if key is not None}

    def skipped(self, refusal: Refused) -> None:
        self.stats.skipped[_reason(refusal)] += 1

    @contextmanager
    def part(self, name: str) -> Iterator[None]:
        """Count the creates sent inside against the share of the cap this part of the suite has."""
        if self.guard is None:
            yield
            return
        previous, self.guard.part = self.guard.part, name
        try:
            yield
        finally:
            self.guard.part = previous

    def declared_links(self) -> list[str]:
        """Names of the OpenAPI links the spec declares, in document order."""
        names = []
        for _, _, operation in self.spec.operations():
            for response in operation.get("responses", {}).values():
                names.extend(self.spec.resolve(response).get("links", {}))
        return names

    def cleanup(self) -> list[str]:
        """Delete every persona this run created; the ids that could not be deleted are returned."""
        if self.guard is None or self._cleaned:
            return []
        self._cleaned = True
        left = []
        # The model of the docs sees these deletes too; what it finds (a persona it thought alive
        # answering 404, after a fault) goes into the report, never out of the cleanup as an error.
        with collecting() as noted:
            for persona_id in list(self.guard.created):
                try:
                    status, _ = self.caller.request("DELETE", f"/v1/personas/{persona_id}", key=self.key)
                except (httpx.HTTPError, Refused):
                    status = 0
                if status not in (200, 404):
                    left.append(persona_id)
        self.recorder.extra(noted)
        return left


# How a live run's persona cap is split: generated cases mostly fail validation or target ids the
# run does not own, so the stateful sequences (create, then update, get, delete) get the most; the
# rule tests make each create count (a persona to walk the rules on, a newer one for the list's
# order, one per avatar model), so they get a third.
CAP_SHARES = {"cases": 0.25, "sequences": 0.4, "rules": 0.35}

_CURRENT: list[SuiteRun] = []


def current_run() -> SuiteRun:
    if not _CURRENT:
        _CURRENT.append(start_run(read_settings()))
    return _CURRENT[0]


def start_run(settings: RunSettings, app: Any = None) -> SuiteRun:
    """A run against `app` (an ASGI app), else the mock or, when `settings.live` (asked for), the live server."""
    spec_file = spec_path()
    spec = Spec.load(spec_file)
    schema = schemathesis.openapi.from_path(spec_file, config=SchemathesisConfig.from_path(SCHEMATHESIS_CONFIG))
    guard: Guard | None = None
    session: GuardedSession | None = None
    if settings.live:
        assert settings.api_key is not None
        workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1") or "1")
        # The cap is per run: under pytest-xdist each worker gets its share.
        guard = Guard(run_prefix=settings.run_prefix, cap=max(1, settings.max_personas // workers))
        guard.share(CAP_SHARES)
        session = GuardedSession(guard)
        caller = Caller(httpx.Client(base_url=settings.base_url, timeout=30.0), guard)
        key, other_key = settings.api_key, settings.other_api_key
        read_only_key = settings.read_only_api_key
    else:
        app = app if app is not None else _app()
        schema.app = app
        # A 500 comes back as a response (as from a real server), not as the app's exception.
        caller = Caller(TestClient(app, base_url="http://mock", raise_server_exceptions=False))
        key, other_key = ApiKey(DEFAULT_API_KEY), ApiKey(OTHER_ORG_API_KEY)
        read_only_key = ApiKey(READ_ONLY_API_KEY)
    configure_checks(schema, CheckSetup(spec=spec, caller=caller, key=key, other_key=other_key))
    # The key goes in as schemathesis auth (not as a fixed header), so that negative cases
    # that drop or spoil the Authorization header reach the server that way.
    schema.config.auth = AuthConfig(openapi={"bearerAuth": {"bearer": key.value}})
    # The suite's depth; the rest of the configuration comes from SCHEMATHESIS_CONFIG.
    schema.config.generation.update(max_examples=settings.examples)
    if settings.phases is not None:
        schema.config.phases.update(phases=list(settings.phases))
    if settings.modes is not None:
        schema.config.generation.update(modes=[GenerationMode(mode) for mode in settings.modes])
    run = SuiteRun(
        settings=settings,
        spec=spec,
        schema=schema,
        caller=caller,
        key=key,
        other_key=other_key,
        read_only_key=read_only_key,
        guard=guard,
        session=session,
    )

    def after_validate(context: Any, case: Case[Any], response: Any, results: list[Any]) -> None:
        run.stats.record_case(operation_of(case), [(r.name, r.failure is None) for r in results])
        run._results = list(results)

    schema.hook(after_validate)
    register_steering(schema, spec, settings)
    for method, path, operation in spec.operations():
        run.recorder.labels[str(operation.get("operationId"))] = f"{method.upper()} {path}"
    if guard is not None:
        run._own = OwnIds(guard=guard, caller=caller, key=key, settings=settings)
    # The model of the documented behaviour sees every request from here on, and
    # (in-process) both organisations get personas before the first case (suite/_seeding.py).
    run.oracle = attach_model(run)
    # A last resort for a run that ends without pytest's session teardown; cleanup runs once.
    atexit.register(run.cleanup)
    return run


def _app() -> Any:
    factory = os.environ.get(APP_ENV, "").strip()
    if not factory:
        return create_app()
    module_name, _, attribute = factory.partition(":")
    return getattr(importlib.import_module(module_name), attribute or "create_app")()


def operation_of(case: Case[Any]) -> str:
    return str(case.operation.definition.raw.get("operationId", case.operation.label))


def _reason(refusal: Refused) -> str:
    return str(refusal).rsplit(":", maxsplit=1)[-1].strip()


def server_error(case: Case[Any], error: Exception) -> Response:
    """The 500 an in-process app answered before its exception was re-raised, as a response."""
    request = requests.Request(case.method, "http://mock" + case.formatted_path).prepare()
    # The app's error handler would have answered the spec's Error; the exception is what matters.
    text = f"{type(error).__name__}: {error}"[:200]
    return Response(
        status_code=500,
        headers={"content-type": ["application/json"]},
        content=json.dumps({"error": "Internal Server Error", "message": text}).encode(),
        request=request,
        elapsed=0.0,
        verify=True,
    )


# A status no operation of the spec documents, so no OpenAPI link can start from it.
NOT_SENT_STATUS = 499


def not_sent(case: Case[Any]) -> Response:
    """Stand-in answer for a step the live-mode guard refused: it never reached the server."""
    request = requests.Request(case.method, "http://not-sent.invalid" + case.formatted_path).prepare()
    return Response(status_code=NOT_SENT_STATUS, headers={}, content=b"", request=request, elapsed=0.0, verify=True)
