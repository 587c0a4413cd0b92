"""The values the diff passes around: where a change is, what a rule saw, what it reported."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

# Which side of the wire a schema describes: the same change means opposite things on each side
# (a tighter bound breaks callers in a request and is harmless in a response).
Direction = Literal["request", "response"]

# What a rule looks at. Every rule declares one kind and is only called with sites of that kind.
Kind = Literal[
    "operation", "parameter", "request_body", "media_type", "response", "header", "property", "schema", "component"
]


@dataclass(frozen=True, order=True)
class Location:
    """Operation, then the part of it (`request`, `response 200`, `query perPage`), then a pointer.

    A component schema that no operation uses stands in for the operation: `component FishAudioOptions`.

    The pointer follows the JSON value the client sends or receives: `/voice/gender`, with `[]` for
    "any item of an array" and `{}` for "any value of a map".
    """

    operation: str  # "GET /v1/personas/{id}"
    part: str = ""
    pointer: str = ""

    def __str__(self) -> str:
        text = self.operation
        if self.part:
            text += f" {self.part}"
        if self.pointer:
            text += f"#{self.pointer}"
        return text

    def child(self, segment: str) -> Location:
        escaped = segment.replace("~", "~0").replace("/", "~1")
        return Location(self.operation, self.part, f"{self.pointer}/{escaped}")


@dataclass(frozen=True)
class OperationView:
    """What operation rules see: the operation object, where it lives, and the security that applies."""

    label: str  # "GET /v1/personas/{id}"
    node: dict[str, Any]
    security: list[Any]  # the operation's own `security`, else the document's
    # Each accepted way to authenticate, as the schemes it combines ("http bearer", "apiKey header X-Key"),
    # so a scheme redefined under the same name is still a change.
    credentials: frozenset[str] = frozenset()
    servers: tuple[str, ...] = ()  # the URLs that apply: the operation's, else its path's, else the document's

    @property
    def name(self) -> str:
        return str(self.node.get("operationId", self.label))

    @property
    def address(self) -> str:
        """Method and path with the parameter names blanked: `GET /v1/personas/{}`."""
        return re.sub(r"{[^}]*}", "{}", self.label)

    @property
    def needs_credentials(self) -> bool:
        # An empty requirement object ({}) in the list makes authentication optional.
        return bool(self.security) and all(self.security)


@dataclass(frozen=True)
class Site:
    """One place present in either spec, handed to the rules of its kind.

    `old` and `new` are the nodes at this place, `$ref`s followed, or None when the place exists on
    one side only. For kind "operation" they are `OperationView`s; for "schema" `Shape`s; for
    "property" the raw property schemas, with the enclosing object's `required` decision in
    `old_required` / `new_required`.
    """

    kind: Kind
    direction: Direction
    location: Location
    old: Any
    new: Any
    old_required: bool = False
    new_required: bool = False
    old_name: str | None = None  # a property's name in the old spec, when the location shows the new one


@dataclass(frozen=True, order=True)
class Change:
    """One difference between the two specs, classified by the rule that found it."""

    location: Location
    rule: str
    detail: str
    wire: bool = False  # breaks deployed clients (built from the old spec, calling the new server)
    source: bool = False  # breaks code on upgrade (written for the old client, run with the regenerated one)

    @property
    def breaking(self) -> bool:
        return self.wire or self.source

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "breaking": self.breaking,
            "breaks_deployed_clients": self.wire,
            "breaks_code_on_upgrade": self.source,
            "location": str(self.location),
            "operation": self.location.operation,
            "part": self.location.part,
            "pointer": self.location.pointer,
            "detail": self.detail,
        }
