"""Live-mode safety: what the suite may send to a real organisation, decided before anything is sent.

Every request of a live run passes `Guard.admit` (through the HTTP adapters in `_http.py`, so no
code path of the suite can go around it) and every answer passes `Guard.observe`:

- PUT and DELETE (and any other mutating method on a persona) only on ids this run created, on
  an id too malformed to name any persona (fewer than 32 hex digits: a negative case of the id), or
  on a random UUID the run drew itself (`unused_id`), which names nobody;
- a create or rename only with a name that starts with the run's prefix;
- at most `cap` personas created per run, shared out between the parts of the suite (`share`),
  so that generated creates cannot use up what the stateful sequences and the rule tests need;
- every id a create returned is remembered, so `cleanup` can delete them all at the end.

A refused request raises `Refused`; the suite counts it as a skipped case.
"""

from __future__ import annotations

import json
import re
import threading
import uuid
from dataclasses import dataclass, field
from typing import NoReturn

_COLLECTION = "/v1/personas"
_ITEM = re.compile(r"^/v1/personas/(?P<id>[^/?#]+)$")
_READS = frozenset({"GET", "HEAD", "OPTIONS"})


_NOT_JSON = object()
# How the ids `Guard.unused_id` draws start (a real persona's UUID v4 starts so once in 2**32).
UNUSED_PREFIX = "00000000-"


class Refused(Exception):
    """The guard kept this request from reaching a live server."""


@dataclass
class Guard:
    run_prefix: str
    cap: int
    created: list[str] = field(default_factory=list)
    refused: dict[str, int] = field(default_factory=dict)
    # The part of the suite now sending requests, and how many creates each part may still make.
    part: str = "default"
    shares: dict[str, int] = field(default_factory=dict)
    # Random UUIDs the run drew to ask about a persona nobody has (122 random bits: none exists).
    unused: set[str] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _in_flight: int = 0

    def admit(self, method: str, path: str, body: bytes | None) -> None:
        """Raise `Refused` unless the request is safe for a real organisation."""
        method = method.upper()
        path = path.split("?", 1)[0].rstrip("/") or "/"
        if method in _READS:
            return
        if path == _COLLECTION and method == "POST":
            self._check_name(method, body, required=True)
            with self._lock:
                if len(self.created) + self._in_flight >= self.cap:
                    self._refuse(f"the cap of {self.cap} personas per run is reached")
                if self.part in self.shares and self.shares[self.part] <= 0:
                    self._refuse(f"the {self.part} share of the persona cap is used up")
                if self.part in self.shares:
                    self.shares[self.part] -= 1
                self._in_flight += 1
            return
        match = _ITEM.match(path)
        if match is None:
            self._refuse(f"{method} {path}: a method the spec does not define on this path")
        known = self._created_lower() | self.unused
        if match["id"].lower() not in known and _could_name_a_persona(match["id"]):
            self._refuse(f"{method} {path}: not a persona this run created")
        if method == "PUT":
            self._check_name(method, body, required=False)

    def observe(self, method: str, path: str, status: int, body: bytes) -> None:
        """Remember the id of every persona a create made (whatever its name ended up being)."""
        path = path.split("?", 1)[0].rstrip("/")
        if method.upper() != "POST" or path != _COLLECTION:
            return
        with self._lock:
            self._in_flight = max(0, self._in_flight - 1)
            if 200 <= status < 300:
                created_id = _id_of(body)
                if created_id is not None and created_id not in self.created:
                    self.created.append(created_id)
            elif self.part in self.shares:
                # A refused create made nothing: the part keeps its share.
                self.shares[self.part] += 1

    def released(self, method: str, path: str) -> None:
        """A create that was admitted but never answered (network error) gives its slot back."""
        if method.upper() == "POST" and path.split("?", 1)[0].rstrip("/") == _COLLECTION:
            with self._lock:
                self._in_flight = max(0, self._in_flight - 1)
                if self.part in self.shares:
                    self.shares[self.part] += 1

    def share(self, parts: dict[str, float]) -> None:
        """Split the cap between parts by fraction; every part gets at least one create."""
        self.shares = {name: max(1, int(self.cap * fraction)) for name, fraction in parts.items()}

    def unused_id(self) -> str:
        """A random UUID that names no persona, which the run may write to: the answer shows how
        the API refuses a write of nobody's persona (404, or 403 first for a read-only key). It
        starts with UNUSED_PREFIX, so that a server's log shows it for what it is; the other 90
        bits are random."""
        drawn = UNUSED_PREFIX + str(uuid.uuid4())[len(UNUSED_PREFIX) :]
        self.unused.add(drawn)
        return drawn

    def owns(self, persona_id: str) -> bool:
        return persona_id.lower() in self._created_lower()

    @property
    def refused_total(self) -> int:
        return sum(self.refused.values())

    def _created_lower(self) -> set[str]:
        return {value.lower() for value in self.created}

    def _check_name(self, method: str, body: bytes | None, *, required: bool) -> None:
        try:
            document = json.loads(body or b"")
        except (ValueError, UnicodeDecodeError, RecursionError):  # nested too deep for the parser too
            document = _NOT_JSON
        if not isinstance(document, dict):
            if not required:
                # An update of the run's own persona whose body is no JSON object carries no name to
                # rename it by; it goes out, as the negative case it is.
                return
            kind = "not JSON" if document is _NOT_JSON else "not a JSON object"
            self._refuse(f"{method}: the body is {kind}, so its name cannot be checked")
        if "name" not in document and not required:
            return
        name = document.get("name")
        if not isinstance(name, str) or not name.startswith(self.run_prefix):
            self._refuse(f"{method}: the persona name does not start with the run prefix")

    def _refuse(self, reason: str) -> NoReturn:
        # Counted by reason, without ids or bodies: the summary says why cases were skipped.
        kind = reason.rsplit(":", maxsplit=1)[-1].strip()
        self.refused[kind] = self.refused.get(kind, 0) + 1
        raise Refused(reason)


_NOT_HEX = re.compile(r"[^0-9a-fA-F]")


def _could_name_a_persona(persona_id: str) -> bool:
    """Whether a lenient server might read `persona_id` as some persona's UUID (in any spelling:
    braces, `urn:uuid:`, no dashes, other letter case). A malformed id the generator drew for a
    negative case holds fewer than 32 hex digits, names nobody, and may go out."""
    return len(_NOT_HEX.sub("", persona_id)) >= 32


def _id_of(body: bytes) -> str | None:
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    value = document.get("id") if isinstance(document, dict) else None
    return value if isinstance(value, str) else None
