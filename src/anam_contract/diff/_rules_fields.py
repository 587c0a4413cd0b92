"""Rules on object properties: present or not, required or not, on each side of the wire."""

from __future__ import annotations

from collections.abc import Iterator

from anam_contract.diff._model import Site
from anam_contract.diff._registry import rule


def _field(site: Site) -> str:
    return site.location.pointer.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~")


def _added(site: Site) -> bool:
    return site.old is None and site.new is not None


def _removed(site: Site) -> bool:
    return site.old is not None and site.new is None


def _kept(site: Site) -> bool:
    return site.old is not None and site.new is not None


@rule("property", breaking=True, source=False)
def field_wire_name_changed(site: Site) -> Iterator[str]:
    """Deployed clients send and read the old JSON key (a renamed response key is a KeyError on every
    parse); the regenerated attribute keeps its name (`voiceId`, `voice_id`: both `voice_id`)."""
    if _kept(site) and site.old_name is not None and site.old_name != _field(site):
        yield f"JSON key {site.old_name} is now {_field(site)}; the attribute keeps its name"


@rule("property", direction="request", breaking=True)
def request_field_added_required(site: Site) -> Iterator[str]:
    """The generated model gains a mandatory constructor argument that existing code does not pass."""
    if _added(site) and site.new_required:
        yield f"new required field {_field(site)}"


@rule("property", direction="request", breaking=False)
def optional_request_field_added(site: Site) -> Iterator[str]:
    """A new attribute defaulting to UNSET; existing code keeps working and sends what it sent."""
    if _added(site) and not site.new_required:
        yield f"new optional field {_field(site)}"


@rule("property", direction="request", breaking=True)
def request_field_removed(site: Site) -> Iterator[str]:
    """The generated model loses the constructor argument; code that sets it raises TypeError."""
    if _removed(site):
        yield f"field {_field(site)} removed"


@rule("property", direction="request", breaking=True)
def request_field_became_required(site: Site) -> Iterator[str]:
    """The attribute loses its UNSET default; code that left it out raises TypeError."""
    if _kept(site) and not site.old_required and site.new_required:
        yield f"field {_field(site)} is now required"


@rule("property", direction="request", breaking=False)
def request_field_became_optional(site: Site) -> Iterator[str]:
    """The attribute gains an UNSET default; code that sets it keeps working."""
    if _kept(site) and site.old_required and not site.new_required:
        yield f"field {_field(site)} is now optional"


@rule("property", direction="response", breaking=False)
def response_field_added(site: Site) -> Iterator[str]:
    """A new attribute on the parsed model; code that does not read it is unaffected."""
    if _added(site):
        yield f"new {'required' if site.new_required else 'optional'} field {_field(site)}"


@rule("property", direction="response", breaking=True)
def response_field_removed(site: Site) -> Iterator[str]:
    """The attribute disappears from the generated model; code that reads it raises AttributeError."""
    if _removed(site):
        yield f"field {_field(site)} removed"


@rule("property", direction="response", breaking=True)
def response_field_became_optional(site: Site) -> Iterator[str]:
    """The annotation gains `| Unset`: code that used the value directly must now check for UNSET."""
    if _kept(site) and site.old_required and not site.new_required:
        yield f"field {_field(site)} is no longer always present"


@rule("property", direction="response", breaking=False)
def response_field_became_required(site: Site) -> Iterator[str]:
    """The annotation loses `| Unset`; checks for UNSET become redundant, not wrong."""
    if _kept(site) and not site.old_required and site.new_required:
        yield f"field {_field(site)} is now always present"
