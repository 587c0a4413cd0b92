"""The model of the documented behaviour as the suite's oracle: it sees every request the suite
sends, in order, and compares every answer (create, get, update, delete, each list page) with what
the model expects.

- Generated cases are observed through a schemathesis `after_call` hook; what differs is held for
  the case and reported by the `matches_documented_behaviour` check, so it runs with the others.
- The suite's own requests (checks' follow-ups, rule tests) come through `Caller.observers`; a
  difference there fails at once, naming the operation, since no check runs after them.

Every difference is a `Difference` with kind `rule:<documented rule>`, or `status` for an answer of
another status than the rules give (so that it is one entry with the spec's own status check).

Only what the spec documents is compared or learnt (see `_documented.py`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import schemathesis
from schemathesis import Case, CheckContext, Response

from anam_contract.jsoncompare import differences
from anam_contract.spec import Spec
from anam_contract.suite._answered import Answered
from anam_contract.suite._catalogue import NO_LLM, Organisations
from anam_contract.suite._differences import (
    NOT_JSON,
    Difference,
    Exchange,
    excerpt,
    fail,
    key_label,
    note,
    note_or_fail,
)
from anam_contract.suite._documented import SERVER_CHOSEN, Documented, written
from anam_contract.suite._model import BODY_LIMIT, Expected, Model, Organisation, body_size, persona_id
from anam_contract.suite._paging import page_problems

CHECK = "matches_documented_behaviour"
_PERSONAS = "/v1/personas"


@dataclass
class _Seen:
    operation_id: str
    status: int
    differences: list[Difference]
    exchange: Exchange | None = None


class Oracle:
    """Follows the organisations' state through every exchange; says where an answer differs."""

    def __init__(self, spec: Spec, organisations: Organisations) -> None:
        self.model = Model(spec, organisations.catalogues)
        self.documented = Documented(spec)
        self.organisations = organisations
        # What a case's answer showed, until the check of that case reports it; by the case's id
        # (a string schemathesis gives each case), never by `id()`, which a later case can reuse.
        self.pending: dict[str, _Seen] = {}
        self.answered = Answered()
        # Per persona, the fields of the last update refused since its last successful write: a
        # later answer that shows one of them changed breaks "a refused write changes nothing".
        self.refused: dict[str, set[str]] = {}
        self.seed_problems: list[AssertionError] = []
        # The organisation of the run's own key: the one generated cases talk to.
        self.home: Organisation | None = None
        # A curl command for one of the suite's own exchanges (set by the run, which knows the URL
        # and which variable holds which key): a difference it shows is reproduced by that request.
        self.reproduce: Callable[[Exchange], str | None] = lambda exchange: None
        listing = next(op for _, _, op in spec.operations() if op.get("operationId") == "listPersonas")
        self._list_defaults = {
            p["name"]: p.get("schema", {}).get("default") for p in listing.get("parameters", []) if "name" in p
        }

    def organisation_of(self, secret: str) -> Organisation | None:
        """The model of the organisation a key opens (None: a key the run does not know)."""
        who = self.organisations.of(key_label(secret))
        return None if who is None else self.model.orgs[who[0]]

    # -- the two ways exchanges arrive -----------------------------------------------------

    def observe_caller(self, exchange: Exchange) -> None:
        seen = self.observe(exchange)
        if seen is not None and seen.differences:
            # The suite's own requests come from checks, rule tests and the run's plumbing (making
            # a persona of its own for a live case): none of them may end the run, so under the
            # run's collector the differences are recorded and the test fails at its end.
            command = self.reproduce(exchange)
            found = [replace(difference, reproduction=command) for difference in seen.differences]
            note_or_fail(seen.operation_id, seen.status, _title(seen), found)

    def after_call(self, context: Any, case: Case[Any], response: Response) -> None:
        request = response.request
        url = urlsplit(request.url or "")
        raw = request.body.encode() if isinstance(request.body, str) else request.body
        raw = raw if isinstance(raw, bytes) else b""
        content_type = str(request.headers.get("Content-Type", ""))
        body: Any = None
        if raw or (request.method or "").upper() in {"POST", "PUT"}:
            # A write not declared JSON (even an empty one) is the spec's 415, which the model
            # leaves to the built-in status check; only a JSON body is judged by the rules.
            try:
                body = json.loads(raw) if content_type.startswith("application/json") else NOT_JSON
            except (ValueError, RecursionError):
                body = NOT_JSON
        try:
            answer = response.json()
        except ValueError:
            answer = None
        exchange = Exchange(
            method=str(request.method or case.method).upper(),
            path=url.path,
            query=parse_qs(url.query, keep_blank_values=True),
            body=body,
            key_label=_label(request.headers.get("Authorization")),
            status=response.status_code,
            response=answer,
            source="case",
            # Lower-case names with lists of values: the first of each.
            headers={name.lower(): values[0] for name, values in response.headers.items() if values},
            sent_at=_sent_at(response),
        )
        self._report_unchecked()
        seen = self.observe(exchange)
        if seen is not None and seen.differences:
            seen.exchange = exchange
            self.pending[case.id] = seen

    def _report_unchecked(self) -> None:
        """Differences of an answer whose check never ran (a request schemathesis sent without
        validating it): reported now, with that request's own command, rather than lost."""
        for seen in self.pending.values():
            command = None if seen.exchange is None else self.reproduce(seen.exchange)
            note([replace(difference, reproduction=command) for difference in seen.differences])
        self.pending.clear()

    # -- one exchange ------------------------------------------------------------------------

    def observe(self, ex: Exchange) -> _Seen | None:
        route = _route(ex.method, ex.path)
        if route is None:
            return None
        operation_id, raw_id = route
        seen = _Seen(operation_id, ex.status, [])
        if ex.source != "case" and ex.status >= 500:
            # Whatever the suite's own request was, the docs' answer to it is never a server error
            # (a generated case's 5xx is the built-in check's to report).
            self._status(
                seen, Expected(frozenset({200, 201, 400, 401, 403, 404, 413, 415}), status_rule="no_server_error")
            )
        if ex.source == "caller":
            # The suite's own requests; a generated case's headers are the built-in check's to judge.
            for header, wanted, got in self.documented.header_problems(operation_id, ex.status, ex.headers):
                self._add(seen, f"(header {header})", "declared_response_headers", wanted, got)
        who = self.organisations.of(ex.key_label)
        if who is None:
            self._status(seen, Expected(frozenset({401}), status_rule="unauthorized"))
            return seen
        name, read_only = who
        if read_only and ex.method != "GET":
            self._status(seen, Expected(frozenset({403}), status_rule="read_only_key"))
            return seen
        org = self.model.orgs[name]
        if raw_id is None:
            if operation_id == "createPersona":
                self._create(seen, org, ex)
            else:
                self._list(seen, org, ex)
            return seen
        pid = persona_id(raw_id)
        if pid is None:
            # Not a UUID: the spec's 400 (NOTES 9), after the key's 401 and 403 (M6), before any
            # lookup; unless the id, decoded, is not one path segment (`%2F`, `..`): another route.
            if "%2f" not in raw_id.lower() and raw_id.strip(".") and "%2e" not in raw_id.lower():
                self._status(seen, Expected(frozenset({400}), status_rule="path_id_is_a_uuid"))
            return seen
        if any(o is not org and pid in o.personas for o in self.model.orgs.values()):
            self.model.exercised["organisation_isolation_by_id"] += 1
            if pid not in org.personas and not org.catalogue.complete:
                # Another organisation's persona, as far as a live model knows: 404 (the isolation
                # rule), and nothing this organisation's model may learn from the answer.
                self._status(seen, Expected(frozenset({404}), status_rule="organisation_isolation"))
                return seen
        handler: dict[str, Callable[[_Seen, Organisation, Exchange, str], None]] = {
            "getPersona": self._get,
            "updatePersona": self._update,
            "deletePersona": self._delete,
        }
        handler[operation_id](seen, org, ex, pid)
        return seen

    def _too_large(self, seen: _Seen, org: Organisation, ex: Exchange) -> bool:
        """A body over the documented limit: 413, and nothing changes (judged where it is known)."""
        if not org.catalogue.complete or ex.body is NOT_JSON or body_size(ex.body) <= BODY_LIMIT:
            return False
        self._status(seen, Expected(frozenset({413}), status_rule="body_limit"))
        return True

    def _create(self, seen: _Seen, org: Organisation, ex: Exchange) -> None:
        if self._too_large(seen, org, ex):
            return
        if ex.body is NOT_JSON:
            self._unreadable(seen, org, ex)
            return
        expected = self.model.expect_create(org, ex.body)
        self._status(seen, expected)
        if ex.status != 201 or not isinstance(ex.response, dict):
            return
        pid = persona_id(str(ex.response.get("id", "")))
        if pid in org.personas or pid in org.gone:
            self._add(seen, "/id", "create_makes_a_new_persona", "an id no persona had", ex.response.get("id"))
        answer, broken = self._answer("Persona", ex.response)
        if expected.persona is not None:
            self._compare(seen, expected, answer, ex.body, "create", pid)
            self.model.exercised["create_keeps_sent_fields"] += 1
        self._stamped_now(seen, ex, ("createdAt", "updatedAt"), org.catalogue.complete)
        if pid is not None:
            org.personas[pid] = _unlearnt(_kept(expected, answer), broken)
            org.catalogue.learn(_unlearnt(answer, broken))

    def _update(self, seen: _Seen, org: Organisation, ex: Exchange, pid: str) -> None:
        if self._too_large(seen, org, ex):
            return
        if ex.body is NOT_JSON:
            self._unreadable(seen, org, ex)
            return
        expected = self.model.expect_update(org, pid, ex.body)
        self._status(seen, expected)
        if 400 <= ex.status < 500 and pid in org.personas and isinstance(ex.body, dict) and ex.body:
            # The model keeps the persona as it was; what the refused body sent is remembered
            # so that the next answer showing it names the rule.
            self.refused.setdefault(pid, set()).update(ex.body)
            self.model.exercised["refused_update_changes_nothing"] += 1
        if ex.status != 200 or not isinstance(ex.response, dict):
            return
        refused = self.refused.pop(pid, set())
        answer, broken = self._answer("Persona", ex.response)
        if expected.persona is not None:
            self._compare(seen, expected, answer, ex.body, "update", pid, refused=refused)
            moved = ex.response.get("updatedAt")
            if not _later(moved, expected.later_than):
                self._add(seen, "/updatedAt", "updated_at_moves", f"later than {expected.later_than}", moved)
        self._stamped_now(seen, ex, ("updatedAt",), org.catalogue.complete)
        if pid in org.personas or not org.catalogue.complete:
            org.personas[pid] = _unlearnt(_kept(expected, answer), broken)
            # Never a catalogue id from a field the schema refuses (a voice id that is no UUID):
            # the model would expect the next create naming it to succeed.
            org.catalogue.learn(_unlearnt(answer, broken))

    def _unreadable(self, seen: _Seen, org: Organisation, ex: Exchange) -> None:
        """A body that cannot be read as JSON. The suite's own requests declare it JSON, so the
        answer is the documented 400 of an invalid body (never a 5xx, never a write); a generated
        case's may be declared otherwise (the spec's 415), which the built-in checks judge."""
        if ex.source != "case" and ex.declared_json:
            self._status(seen, Expected(frozenset({400}), status_rule="body_is_json"))
        elif ex.source != "case":
            self._status(seen, Expected(frozenset({415}), status_rule="body_declared_json"))
        self._follow(org, ex)  # nothing else to expect of it, but keep up with what was answered

    def _follow(self, org: Organisation, ex: Exchange) -> None:
        """Take a persona a successful write answered with as it is (the model cannot judge it)."""
        if ex.status in {200, 201} and isinstance(ex.response, dict):
            pid = persona_id(str(ex.response.get("id", "")))
            if pid is not None:
                answer, broken = self._answer("Persona", ex.response)
                org.personas[pid] = _unlearnt(answer, broken)

    def _get(self, seen: _Seen, org: Organisation, ex: Exchange, pid: str) -> None:
        expected = self.model.expect_read(org, pid, "GET")
        self._status(seen, expected)
        if ex.status == 200 and isinstance(ex.response, dict):
            answer, broken = self._answer("Persona", ex.response)
            if expected.persona is not None:
                self._compare(seen, expected, answer, {}, "get", pid, refused=self.refused.get(pid, set()))
            elif not org.catalogue.complete:
                org.personas[pid] = _unlearnt(answer, broken)

    def _delete(self, seen: _Seen, org: Organisation, ex: Exchange, pid: str) -> None:
        expected = self.model.expect_read(org, pid, "DELETE")
        self._status(seen, expected)
        if ex.status == 200:
            if org.personas.pop(pid, None) is not None:
                self.model.exercised["delete_removes"] += 1
            org.gone.add(pid)
            self.answered.forget(pid)

    def _list(self, seen: _Seen, org: Organisation, ex: Exchange) -> None:
        asked = self._asked(ex.query)
        twice = [k for k, v in ex.query.items() if k in _LIST_PARAMETERS and isinstance(v, list) and len(v) > 1]
        if twice and org.catalogue.complete:
            # A parameter of the spec given twice (others are ignored, however often): which value
            # would win is not documented, and the mock refuses the query (NOTES M5).
            self._status(seen, Expected(frozenset({400}), status_rule="parameter_given_once"))
        elif org.catalogue.complete and _not_whole_numbers(ex.query):
            # `page` and `perPage` are integers: "1.5" or "1e3" is no page number (a live API may
            # read such text loosely, which the docs neither allow nor forbid).
            self._status(seen, Expected(frozenset({400}), status_rule="query_types"))
        if asked is not None and set(ex.query) <= _LIST_PARAMETERS:
            # A query the spec accepts (each parameter once, whole numbers in range, any text to
            # search for, even one that reads as a number or a boolean): the list's 200.
            self._status(seen, Expected(frozenset({200}), status_rule="list_query"))
        if ex.status != 200 or not isinstance(ex.response, dict):
            return
        data = ex.response.get("data")
        if asked is None or not isinstance(data, list):
            return
        page, per_page, search = asked
        items = [self.documented.only("PersonaSummary", item) for item in data]
        if org.catalogue.complete:
            want = self.model.expected_page(org, page, per_page, search)
            self._compare_page(seen, org, want, {**ex.response, "data": items}, search)
        else:
            self._compare_known_items(seen, org, items)
            if page == 1 and len(items) < per_page:
                self._known_listed(seen, org, items, search)
            if ex.source != "case":
                # Live, the model knows too little for a whole page: the paging rules the spec
                # states in words, as generated cases' pages get them from the registered check.
                asked_texts = {
                    k: [str(v) for v in (vs if isinstance(vs, list) else [vs])] for k, vs in ex.query.items()
                }
                for problem in page_problems(asked_texts, self._list_defaults, ex.response):
                    pointer, _, message = problem.partition(": ")
                    self._add(seen, pointer, "list_page_follows_its_meta", message, _at(ex.response, pointer))

    # -- comparisons ---------------------------------------------------------------------------

    def _compare_page(
        self, seen: _Seen, org: Organisation, want: dict[str, Any], got: dict[str, Any], search: Any
    ) -> None:
        found_meta = got.get("meta")
        meta: dict[str, Any] = found_meta if isinstance(found_meta, dict) else {}
        for key, value in want["meta"].items():
            if meta.get(key, "<missing>") != value:
                self._add(seen, f"/meta/{key}", "list_meta", value, meta.get(key, "<missing>"))
        ids = [_item_id(item) for item in got["data"]]
        wanted = [item["id"] for item in want["data"]]
        if ids == wanted:
            for index, (shown, wanted_item) in enumerate(zip(got["data"], want["data"], strict=True)):
                if shown == wanted_item:
                    continue  # the common case, without the walk that tells re-spelt date-times apart
                # Only what the model knows is judged: a field it did not learn (one that broke
                # the schema when it was written) is the schema check's to report.
                item, expected = written(shown), self._listed(shown, written(wanted_item))
                known = {key: value for key, value in item.items() if key in expected}
                for problem in differences(expected, known, f"/data/{index}"):
                    pointer, _, what = problem.partition(": ")
                    self._add(seen, pointer, "list_item_matches_persona", "the persona as last written", what)
            return
        missing = [i for i in wanted if i not in ids]
        extra = [i for i in ids if i not in wanted]
        for index, item_id in enumerate(ids):
            if item_id in extra:
                self._add(seen, f"/data/{index}/id", self._why_extra(org, item_id, search), "not on this page", item_id)
        if missing:
            rule = "search_completeness" if search else "list_membership"
            self._add(seen, "/data", rule, f"also {', '.join(missing[:3])}", f"{len(ids)} personas without them")
        if not missing and not extra:
            self._add(seen, "/data", "list_order", "newest first: " + excerpt(wanted, 60), excerpt(ids, 60))

    def _why_extra(self, org: Organisation, item_id: Any, search: Any) -> str:
        if any(o is not org and item_id in o.personas for o in self.model.orgs.values()):
            return "organisation_isolation"
        if item_id in org.gone:
            return "delete_removes"
        return "search_soundness" if search and item_id in org.personas else "list_membership"

    def _known_listed(self, seen: _Seen, org: Organisation, data: list[Any], search: str | None) -> None:
        """A first page that is not full is the whole list (of the search's matches): every persona
        the model knows to exist there (and to match, in every letter case folding) must be on it,
        whatever else a live organisation holds."""
        listed = {_item_id(item) for item in data}
        missing = [
            pid
            for pid, persona in org.personas.items()
            if pid not in listed and (search is None or _surely_matches(persona.get("name"), search))
        ]
        if missing:
            rule = "search_completeness" if search else "list_membership"
            self._add(seen, "/data", rule, f"also {', '.join(missing[:3])}", f"{len(data)} personas without them")

    def _compare_known_items(self, seen: _Seen, org: Organisation, data: list[Any]) -> None:
        self._known_order(seen, org, data)
        for index, item in enumerate(data):
            item_id = _item_id(item)
            if item_id in org.gone:
                self._add(seen, f"/data/{index}/id", "delete_removes", "not listed after its delete", item_id)
            elif item_id not in org.personas and any(item_id in o.personas for o in self.model.orgs.values()):
                # A persona the model saw another organisation make: never this one's to list.
                self._add(seen, f"/data/{index}/id", "organisation_isolation", "not on this page", item_id)
            known = org.personas.get(str(item_id))
            if known is not None and isinstance(item, dict):
                shown = written(item)
                want = {k: v for k, v in written(known).items() if k in self.model.summary_fields and k in shown}
                want = self._listed(shown, want)
                if all(shown[k] == v for k, v in want.items()):
                    continue
                for problem in differences(want, {k: shown[k] for k in want}, f"/data/{index}"):
                    pointer, _, what = problem.partition(": ")
                    self._add(seen, pointer, "list_item_matches_persona", "the persona as last written", what)

    def _known_order(self, seen: _Seen, org: Organisation, data: list[Any]) -> None:
        """The personas the model knows, in the page's order, newest first by the creation stamps the
        model holds: a list sorted on anything else (the last update) shows an older one first."""
        previous: tuple[datetime, Any] | None = None
        for item in data:
            item_id = _item_id(item)
            try:
                created = datetime.fromisoformat(str(org.personas[str(item_id)]["createdAt"]))
            except (KeyError, TypeError, ValueError):
                continue
            if previous is not None and created > previous[0]:
                wanted = f"newest first: {item_id} before {previous[1]}"
                self._add(seen, "/data", "list_order", wanted, f"{item_id} after {previous[1]}")
                return
            previous = (created, item_id)

    def _compare(  # noqa: PLR0917 (the persona's id joins the comparison's five)
        self,
        seen: _Seen,
        expected: Expected,
        got: dict[str, Any],
        body: Any,
        verb: str,
        pid: str | None,
        *,
        refused: Collection[str] = (),
    ) -> None:
        assert expected.persona is not None
        # What a request sent beyond the documented fields (an open object takes any key) is not
        # judged: the answer is compared on its documented part only, and the catalogue's objects
        # by their ids (what a write determined).
        persona = written(self.documented.only("Persona", expected.persona))
        got = written(got)
        writes = verb != "get"
        for key, value in persona.items():
            if key in expected.loose or (key == "updatedAt" and verb == "update"):
                continue
            sent = body if isinstance(body, dict) else {}
            rule = _rule(verb, key, body)
            # A field an earlier refused update sent, which this request neither sends nor resets:
            # what differs there is what the refused body left behind.
            if _sent_by(key) in refused and _sent_by(key) not in sent and rule in _UNCHANGED_RULES:
                rule = "refused_update_changes_nothing"
            if key not in got:
                self._add(seen, f"/{key}", rule, excerpt(value), "<missing>")
                continue
            if value == got[key]:
                if writes:
                    self.answered.settled(pid, key)
                continue
            found = _contained(value, got[key], f"/{key}") if key in expected.contains else None
            problems = found if found is not None else differences(value, got[key], f"/{key}")
            if not problems or self.answered.accepts(pid, key, got[key]):
                # Agreed (re-spelt at most), or shows what an earlier answer showed here, which
                # was reported there.
                if writes and not problems:
                    self.answered.settled(pid, key)
                continue
            if writes:
                self.answered.disputed(pid, key, got[key])
            for problem in problems:
                pointer, _, what = problem.partition(": ")
                shown = _at(got, pointer) if what != "missing" else "<missing>"
                self._add(seen, pointer, rule, excerpt(_at(persona, pointer)), shown)

    def _stamped_now(self, seen: _Seen, ex: Exchange, fields: tuple[str, ...], complete: bool) -> None:
        """A write's stamps name the moment of the write: within minutes of the server's clock as its
        `Date` header tells it, else of the suite's own when it sent the request (in-process there is
        one clock). A live server without `Date` gets a day of leeway for its clock. A stamp of 1970,
        of a fixed date, or half an hour off, is wrong.

        Both moments belong to the exchange itself: however late it is judged, no clock is read here."""
        now, leeway = ex.sent_at.astimezone(UTC), timedelta(minutes=5)
        try:
            now = parsedate_to_datetime(ex.headers["date"]).astimezone(UTC)
        except (KeyError, TypeError, ValueError, IndexError):
            leeway = leeway if complete else timedelta(days=1)
        response = ex.response if isinstance(ex.response, dict) else {}
        for name in fields:
            try:
                stamp = datetime.fromisoformat(str(response.get(name)))
            except ValueError:
                continue  # not a date-time: the schema check reports it
            if stamp.tzinfo is not None and abs(stamp - now) > leeway:
                self._add(seen, f"/{name}", "stamps_name_the_write", f"about {now:%Y-%m-%dT%H:%MZ}", response.get(name))

    def _listed(self, item: dict[str, Any], want: dict[str, Any]) -> dict[str, Any]:
        """What of `want` a list item must show: not the fields the server chooses, nor those where
        it shows what an earlier write's answer showed (reported at that answer)."""
        pid = persona_id(str(item.get("id", "")))
        return {
            key: value
            for key, value in want.items()
            if key not in SERVER_CHOSEN and not self.answered.accepts(pid, key, item.get(key))
        }

    def _status(self, seen: _Seen, expected: Expected) -> None:
        if expected.statuses is not None and seen.status not in expected.statuses:
            wanted = " or ".join(str(s) for s in sorted(expected.statuses))
            seen.differences.append(
                Difference(
                    seen.operation_id,
                    seen.status,
                    "",
                    "status",
                    f"{wanted} (rule {expected.status_rule})",
                    f"server answered {seen.status}",
                    CHECK,
                )
            )

    def _add(self, seen: _Seen, pointer: str, rule: str, expected: Any, got: Any) -> None:
        text = expected if isinstance(expected, str) else excerpt(expected)
        seen.differences.append(
            Difference(seen.operation_id, seen.status, pointer, f"rule:{rule}", text, excerpt(got), CHECK)
        )

    def _answer(self, component: str, response: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
        """The documented part of an answer, and its top-level fields that break the schema."""
        answer = self.documented.only(component, response)
        return (answer if isinstance(answer, dict) else response), self.documented.broken_fields(component, response)

    def _asked(self, query: dict[str, Any]) -> tuple[int, int, str | None] | None:
        values = {k: v if isinstance(v, list) else [v] for k, v in query.items()}
        if any(len(v) != 1 for v in values.values()):
            return None
        page = _number(values, "page", self._list_defaults.get("page"))
        per_page = _number(values, "perPage", self._list_defaults.get("perPage"))
        if page is None or per_page is None or page < 1 or not 1 <= per_page <= 100:
            return None
        search = values.get("search", [None])[0]
        return page, per_page, None if search is None else str(search)

    def rule_rows(self) -> list[list[Any]]:
        """One coverage row per documented rule: how often the run exercised it."""
        rows = []
        for rule in DOCUMENTED_RULES:
            count = self.model.exercised[rule]
            rows.append([f"rule {rule} ({count}x)", min(count, 1), 1, [] if count else ["never exercised"]])
        return rows


# The documented rules the model counts when a request exercises them with values that change.
DOCUMENTED_RULES = (
    "avatar_change_keeps_model",
    "avatar_change_resets_model",
    "create_keeps_sent_fields",
    "customer_client_v1",
    "delete_removes",
    "list_beside_another_organisation",
    "list_more_than_one_page",
    "llm_change",
    "organisation_isolation_by_id",
    "partial_update",
    "refused_update_changes_nothing",
    "search_middle_of_name",
    "search_other_letter_case",
    "system_prompt_to_brain",
    "tool_ids_replace",
    "voice_change_resets_options",
    "voice_change_with_new_options",
)


def _kept(expected: Expected, response: dict[str, Any]) -> dict[str, Any]:
    """What the model keeps after a write: the answer, but where the docs fix a field, the docs'
    value; a wrong answer over a right store is then not blamed on the next GET, and a wrong store
    still is."""
    kept = dict(response)
    if expected.persona is not None:
        for key, value in expected.persona.items():
            if key in response and key not in expected.loose and key not in expected.contains and key != "updatedAt":
                kept[key] = value
    return kept


def _unlearnt(persona: dict[str, Any], broken: set[str]) -> dict[str, Any]:
    """What the model keeps of a persona: never a value the schema refuses, so that no later answer
    is judged against it (the schema check reports the refused value where it was answered)."""
    return {key: value for key, value in persona.items() if key not in broken or key == "id"}


def _rule_of(difference: Difference) -> str:
    if difference.kind == "status":  # "201 (rule exists)": the rule sits in the expectation
        return difference.expected.rpartition("(rule ")[2].rstrip(")") or "status"
    return difference.kind.removeprefix("rule:")


def _title(seen: _Seen) -> str:
    rules = sorted({_rule_of(d) for d in seen.differences})
    return "the answer breaks the documented behaviour (rule " + ", ".join(rules) + ")"


# The rules of a field a request leaves alone (no documented reset touches it).
_UNCHANGED_RULES = ("update_changes_only_what_it_sends", "get_shows_the_persona_as_last_written")


def _rule(verb: str, key: str, body: Any) -> str:
    sent = body if isinstance(body, dict) else {}
    if verb == "get":
        return "get_shows_the_persona_as_last_written"
    special = {
        "brain": "system_prompt_to_brain",
        "tools": "tool_ids_replace",
        "llmId": "customer_client_v1" if sent.get("llmId") == NO_LLM else "",
        "avatarModel": "avatar_change_resets_model" if "avatarId" in sent and "avatarModel" not in sent else "",
        "voiceGenerationOptions": "voice_change_resets_options"
        if "voiceId" in sent and "voiceGenerationOptions" not in sent
        else "",
    }
    if special.get(key):
        return special[key]
    if _sent_by(key) in sent:
        return f"{verb}_keeps_sent_fields"
    return "create_defaults" if verb == "create" else "update_changes_only_what_it_sends"


def _sent_by(key: str) -> str:
    """The request field that sets a persona field."""
    return {"avatar": "avatarId", "voice": "voiceId", "brain": "systemPrompt", "tools": "toolIds"}.get(key, key)


def _contained(sent: Any, actual: Any, pointer: str) -> list[str]:
    """Where `actual` lacks what `sent` holds (objects may carry more; lists item by item)."""
    if isinstance(sent, dict) and isinstance(actual, dict):
        found = []
        for key, value in sent.items():
            inner = f"{pointer}/{key}"
            found += [f"{inner}: missing"] if key not in actual else _contained(value, actual[key], inner)
        return found
    if isinstance(sent, list) and isinstance(actual, list) and len(sent) == len(actual):
        pairs = enumerate(zip(sent, actual, strict=True))
        return [p for i, (a, b) in pairs for p in _contained(a, b, f"{pointer}/{i}")]
    return differences(sent, actual, pointer)


def _at(document: Any, pointer: str) -> Any:
    node = document
    for part in pointer.strip("/").split("/"):
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def _route(method: str, path: str) -> tuple[str, str | None] | None:
    if path == _PERSONAS:
        return {"POST": ("createPersona", None), "GET": ("listPersonas", None)}.get(method)
    prefix, _, rest = path.rpartition("/")
    if prefix != _PERSONAS or not rest:
        return None
    operation = {"GET": "getPersona", "PUT": "updatePersona", "DELETE": "deletePersona"}.get(method)
    return None if operation is None else (operation, rest)


def _sent_at(response: Response) -> datetime:
    """When schemathesis sent a generated case's request: now, as its answer has just arrived, less
    the time the transport measured the answer took."""
    return datetime.now(UTC) - timedelta(seconds=max(response.elapsed, 0.0))


def _label(header: Any) -> str | None:
    if not isinstance(header, str):
        return None
    scheme, _, token = header.partition(" ")
    return key_label(token.strip()) if scheme.lower() == "bearer" else None


_WHOLE = re.compile(r"-?[0-9]+")
_LIST_PARAMETERS = frozenset({"page", "perPage", "search"})


def _not_whole_numbers(query: dict[str, Any]) -> bool:
    """Whether `page` or `perPage` is given once, as text that is no whole number."""
    for name in ("page", "perPage"):
        value = query.get(name)
        texts = value if isinstance(value, list) else [] if value is None else [value]
        if len(texts) == 1 and not _WHOLE.fullmatch(str(texts[0])):
            return True
    return False


def _number(values: dict[str, list[Any]], name: str, default: Any) -> int | None:
    if name not in values:
        return default if isinstance(default, int) else None
    raw = str(values[name][0])
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else None


def _surely_matches(name: Any, search: str) -> bool:
    """Whether `name` contains `search` by Unicode case folding and by plain lower case alike (the
    spec names neither, so only a match by both is certain)."""
    if not isinstance(name, str):
        return False
    return search.casefold() in name.casefold() and search.lower() in name.lower()


def _item_id(item: Any) -> Any:
    value = item.get("id") if isinstance(item, dict) else None
    return persona_id(value) or value if isinstance(value, str) else value


def _later(after: Any, before: Any) -> bool:
    try:
        return bool(datetime.fromisoformat(after) > datetime.fromisoformat(before))
    except (TypeError, ValueError):
        return before is None


# -- wiring: one oracle per schemathesis schema (the suite's run, and the meta-tests' runs) --------

_ORACLES: dict[int, Oracle] = {}


def oracle_of(schema: object) -> Oracle | None:
    return _ORACLES.get(id(schema))


def attach(schema: Any, oracle: Oracle) -> None:
    """Make `oracle` see the schema's cases (after_call hook) and judge them (the check)."""
    _ORACLES[id(schema)] = oracle
    schema.hooks.register_hook_with_name(oracle.after_call, "after_call")


@schemathesis.check
def matches_documented_behaviour(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    oracle = _ORACLES.get(id(case.operation.schema))
    if oracle is None:
        return None
    seen = oracle.pending.pop(case.id, None)
    if seen is not None:
        fail(seen.operation_id, seen.status, _title(seen), seen.differences)
    return True
