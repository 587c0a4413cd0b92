"""Rules on operations, parameters, request bodies, media types and status codes."""

from __future__ import annotations

from collections.abc import Iterator

from anam_contract.diff._model import Site
from anam_contract.diff._registry import rule
from anam_contract.diff._walk import python_name


def _kept(site: Site) -> bool:
    return site.old is not None and site.new is not None


def _media(site: Site) -> str:
    """The media type of a media-type site: the part after `request body` / `response 200`, JSON when none."""
    words = site.location.part.split(" ", 2)
    return words[2] if len(words) == 3 else "application/json"


@rule("operation", breaking=True)
def operation_removed(site: Site) -> Iterator[str]:
    """The operation's generated module disappears, so code that imports or calls it fails."""
    if site.old is not None and site.new is None:
        yield f"{site.old.name} is no longer in the spec"


@rule("operation", breaking=False)
def operation_added(site: Site) -> Iterator[str]:
    """A new generated module; existing code does not use it."""
    if site.old is None and site.new is not None:
        yield f"new operation {site.new.name}"


@rule("operation", breaking=True, source=False)
def operation_moved(site: Site) -> Iterator[str]:
    """Deployed clients call the old address and get 404; the same operationId keeps the regenerated
    module and functions, which call the new address."""
    if _kept(site) and site.old.address != site.new.address:
        yield f"{site.new.name} moved from {site.old.label} to {site.new.label}"


@rule("operation", breaking=True, wire=False)
def operation_id_changed(site: Site) -> Iterator[str]:
    """The generator names the operation's module after its operationId, so the import path changes."""
    if _kept(site) and python_name(site.old.name) != python_name(site.new.name):
        yield f"operationId {site.old.name} became {site.new.name}"


@rule("operation", breaking=True, wire=False)
def operation_tag_changed(site: Site) -> Iterator[str]:
    """The generator files an operation under its first tag (`api/<tag>/`), so the import path changes."""
    if site.old is not None and site.new is not None:
        old_tags, new_tags = site.old.node.get("tags") or ["default"], site.new.node.get("tags") or ["default"]
        if python_name(str(old_tags[0])) != python_name(str(new_tags[0])):
            yield f"first tag {old_tags[0]} became {new_tags[0]}"


@rule("operation", breaking=False)
def operation_deprecated(site: Site) -> Iterator[str]:
    """A warning in the docs and the generated docstring; the operation still works."""
    if _kept(site) and not site.old.node.get("deprecated") and site.new.node.get("deprecated"):
        yield f"{site.new.name} is now deprecated"


@rule("operation", breaking=True)
def operation_security_added(site: Site) -> Iterator[str]:
    """Calls made without credentials (a plain `Client`) are now refused."""
    if _kept(site) and not site.old.needs_credentials and site.new.needs_credentials:
        yield f"{site.new.name} now requires credentials"


@rule("operation", breaking=False)
def operation_security_removed(site: Site) -> Iterator[str]:
    """Credentials are no longer required; calls that send them keep working."""
    if _kept(site) and site.old.needs_credentials and not site.new.needs_credentials:
        yield f"{site.new.name} no longer requires credentials"


def _both_need_credentials(site: Site) -> bool:
    return _kept(site) and site.old.needs_credentials and site.new.needs_credentials


@rule("operation", breaking=True)
def security_scheme_removed(site: Site) -> Iterator[str]:
    """The client sends the credentials it was built with; a way the server stopped accepting gets 401."""
    if _both_need_credentials(site):
        now = ", ".join(sorted(site.new.credentials))
        for gone in sorted(site.old.credentials - site.new.credentials):
            yield f"credentials sent as {gone} are no longer accepted (now: {now})"


@rule("operation", breaking=False)
def security_scheme_added(site: Site) -> Iterator[str]:
    """Another accepted way to authenticate; clients built for the existing ones keep working."""
    if _both_need_credentials(site) and site.old.credentials <= site.new.credentials:
        for added in sorted(site.new.credentials - site.old.credentials):
            yield f"credentials may also be sent as {added}"


@rule("operation", breaking=False)
def server_changed(site: Site) -> Iterator[str]:
    """The generated client never reads `servers`: callers pass `base_url` themselves, so no code changes."""
    if _kept(site) and site.old.servers != site.new.servers:
        before, after = ", ".join(site.old.servers) or "none", ", ".join(site.new.servers) or "none"
        yield f"server {before} became {after}; pass the new address as base_url when the old one stops answering"


@rule("parameter", breaking=True, wire=False)
def parameter_removed(site: Site) -> Iterator[str]:
    """The generated functions lose the keyword argument; calls that pass it raise TypeError."""
    if site.old is not None and site.new is None:
        yield f"parameter {site.old['name']} removed"


@rule("parameter", breaking=True, wire=False)
def path_parameter_renamed(site: Site) -> Iterator[str]:
    """The generated functions' argument takes the new name; calls that pass it by keyword raise TypeError."""
    if _kept(site) and python_name(site.old["name"]) != python_name(site.new["name"]):
        yield f"path parameter {site.old['name']} renamed to {site.new['name']}"


@rule("parameter", breaking=True, source=False)
def parameter_wire_name_changed(site: Site) -> Iterator[str]:
    """Deployed clients send the old name, which the server no longer reads; the regenerated argument
    keeps its name (`perPage` and `per_page` are both `per_page`)."""
    if not _kept(site):
        return
    old, new = site.old["name"], site.new["name"]
    if old != new and python_name(old) == python_name(new):
        yield f"sent as {new} instead of {old}; the argument {python_name(new)} keeps its name"


@rule("parameter", breaking=True)
def required_parameter_added(site: Site) -> Iterator[str]:
    """The generated functions gain a mandatory argument that existing calls do not pass."""
    if site.old is None and site.new is not None and site.new.get("required"):
        yield f"new required parameter {site.new['name']}"


@rule("parameter", breaking=False)
def optional_parameter_added(site: Site) -> Iterator[str]:
    """A new keyword argument with a default; existing calls keep working."""
    if site.old is None and site.new is not None and not site.new.get("required"):
        yield f"new optional parameter {site.new['name']}"


@rule("parameter", breaking=True)
def parameter_became_required(site: Site) -> Iterator[str]:
    """The argument loses its default; calls that left it out raise TypeError."""
    if site.old is not None and site.new is not None and not site.old.get("required") and site.new.get("required"):
        yield f"parameter {site.new['name']} is now required"


@rule("parameter", breaking=False)
def parameter_became_optional(site: Site) -> Iterator[str]:
    """The argument gains a default; calls that pass it keep working."""
    if site.old is not None and site.new is not None and site.old.get("required") and not site.new.get("required"):
        yield f"parameter {site.new['name']} is now optional"


@rule("request_body", breaking=True)
def request_body_removed(site: Site) -> Iterator[str]:
    """The generated functions lose their `body` argument; calls that pass one raise TypeError."""
    if site.old is not None and site.new is None:
        yield "the operation no longer takes a body"


@rule("request_body", breaking=False)
def request_body_added(site: Site) -> Iterator[str]:
    """A new optional `body` argument; existing calls keep working."""
    if site.old is None and site.new is not None and not site.new.get("required"):
        yield "the operation now takes an optional body"


@rule("request_body", breaking=True)
def request_body_became_required(site: Site) -> Iterator[str]:
    """`body` becomes a mandatory argument; calls without it raise TypeError."""
    if site.new is not None and site.new.get("required") and not (site.old and site.old.get("required")):
        yield "the body is now required" if site.old is not None else "the operation now requires a body"


@rule("request_body", breaking=False)
def request_body_became_optional(site: Site) -> Iterator[str]:
    """`body` gains a default; calls that pass one keep working."""
    if site.old is not None and site.new is not None and site.old.get("required") and not site.new.get("required"):
        yield "the body is now optional"


@rule("media_type", direction="request", breaking=True)
def request_media_type_removed(site: Site) -> Iterator[str]:
    """The generated client stops sending the body in this encoding, and its argument type changes."""
    if site.old is not None and site.new is None:
        yield f"the body can no longer be sent as {_media(site)}"


@rule("media_type", direction="request", breaking=False)
def request_media_type_added(site: Site) -> Iterator[str]:
    """Another way to send the body; the existing one still works."""
    if site.old is None and site.new is not None:
        yield f"the body can also be sent as {_media(site)}"


@rule("media_type", direction="response", breaking=True)
def response_media_type_removed(site: Site) -> Iterator[str]:
    """The generated client no longer parses this body; `parsed` becomes None for that status."""
    if site.old is not None and site.new is None:
        yield f"the {_media(site)} body is no longer documented"


@rule("media_type", direction="response", breaking=False)
def response_media_type_added(site: Site) -> Iterator[str]:
    """A body the client now parses where it had none; code that ignored it is unaffected."""
    if site.old is None and site.new is not None:
        yield f"new {_media(site)} body"


@rule("response", breaking=True, wire=False)
def response_status_removed(site: Site) -> Iterator[str]:
    """The generated client stops parsing that status: it returns None (or raises UnexpectedStatus)."""
    if site.old is not None and site.new is None:
        yield f"status {site.location.part.removeprefix('response ')} is no longer documented"


@rule("response", breaking=False)
def response_status_added(site: Site) -> Iterator[str]:
    """A status the client now parses instead of returning None; the return type gains a member."""
    if site.old is None and site.new is not None:
        yield f"new status {site.location.part.removeprefix('response ')}"


def _header_required(node: object) -> bool:
    return isinstance(node, dict) and node.get("required") is True


@rule("header", breaking=True)
def response_header_removed(site: Site) -> Iterator[str]:
    """Code that reads the header (a rate limit, a request id) finds it missing, deployed or regenerated."""
    if site.old is not None and site.new is None:
        yield f"header {site.location.part.rsplit(' ', 1)[-1]} is no longer documented"


@rule("header", breaking=False)
def response_header_added(site: Site) -> Iterator[str]:
    """A header more in responses; code that does not read it is unaffected."""
    if site.old is None and site.new is not None:
        yield f"new header {site.location.part.rsplit(' ', 1)[-1]}"


@rule("header", breaking=True)
def response_header_became_optional(site: Site) -> Iterator[str]:
    """Code that relied on the header being sent (`response.headers[name]`) now meets responses without it."""
    if site.old is not None and site.new is not None and _header_required(site.old) and not _header_required(site.new):
        yield "no longer always sent"


@rule("header", breaking=False)
def response_header_became_required(site: Site) -> Iterator[str]:
    """The header is now always sent; code that checked for it still works."""
    if site.old is not None and site.new is not None and not _header_required(site.old) and _header_required(site.new):
        yield "now always sent"
