"""Live mode: a generated case by id is pointed at a persona this run created.

The spec's generator draws random UUIDs for `/v1/personas/{id}`; on a live server none of them is
the run's, so the guard would hold back every PUT and DELETE and the operations would be tested
on nothing. Instead, a case whose id is a well-formed UUID gets one of the run's own personas
(made on demand, within the cases' share of the cap); its body, valid or not, is kept. A case
whose id is malformed (a negative case about the id itself, which touches nothing) is sent as
drawn, and so is one GET in `KEEP_RANDOM_GETS`, so that the 404 of a missing persona is exercised.

A list case, too, first makes sure the run has a persona alive: an organisation without personas
answers every page empty, and an empty page shows nothing of how the API writes a persona summary.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
from schemathesis import Case

from anam_contract.suite._guard import Guard, Refused
from anam_contract.suite._http import Caller
from anam_contract.suite._settings import ApiKey, RunSettings

BY_ID = frozenset({"getPersona", "updatePersona", "deletePersona"})
LIST = "listPersonas"
# One GET in this many keeps its random id (a persona that does not exist: the 404 path).
KEEP_RANDOM_GETS = 4


@dataclass
class OwnIds:
    guard: Guard
    caller: Caller
    key: ApiKey
    settings: RunSettings
    _gets: int = 0
    _made_failed: bool = False
    deleted: set[str] = field(default_factory=set)

    def aim(self, operation_id: str, case: Case[Any]) -> None:
        """Point `case` at one of the run's personas when it names a well-formed, foreign id."""
        if operation_id == LIST and not self._living():
            self._make()
            return
        if operation_id not in BY_ID or not case.path_parameters or "id" not in case.path_parameters:
            return
        drawn = case.path_parameters["id"]
        if not _is_uuid(drawn) or self.guard.owns(str(drawn)):
            return
        if operation_id == "getPersona":
            self._gets += 1
            if self._gets % KEEP_RANDOM_GETS == 0:
                return
        own = self.pick()
        if own is None:
            return
        case.path_parameters["id"] = own
        if operation_id == "deletePersona":
            # Deleted or not (the answer tells), it is not offered again while others live.
            self.deleted.add(own.lower())

    def pick(self) -> str | None:
        """A persona of this run that was not deleted, else a new one, else any of the run's."""
        living = self._living()
        if living:
            return living[-1]
        made = self._make()
        if made is not None:
            return made
        return self.guard.created[-1] if self.guard.created else None

    def _living(self) -> list[str]:
        return [pid for pid in self.guard.created if pid.lower() not in self.deleted]

    def _make(self) -> str | None:
        if self._made_failed:
            return None
        body = {
            "name": self.settings.run_prefix + "target",
            "avatarId": self.settings.avatar_id,
            "voiceId": self.settings.voice_id,
            "llmId": self.settings.llm_id,
        }
        try:
            status, created = self.caller.request("POST", "/v1/personas", key=self.key, body=body)
        except (Refused, httpx.HTTPError):
            status, created = 0, None
        if 200 <= status < 300 and isinstance(created, dict) and isinstance(created.get("id"), str):
            return str(created["id"])
        # The cap is reached or the server refuses: stop asking, the guard explains the rest.
        self._made_failed = True
        return None


def _is_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True
