"""A manifest of three pages served by the local docs site, and the index that lists them."""

from __future__ import annotations

from pathlib import Path

from anam_contract.docs import Manifest, load_manifest
from tests.docs._site import Route, Site

PAGES = {"createPersona": "create-persona.md", "getPersona": "get-persona.md", "deletePersona": "delete-persona.md"}


def index_text(site: Site, *names: str) -> bytes:
    lines = ["# Anam docs", "", "## API reference", ""]
    lines += [f"- [{n}]({site.url('/docs/api-reference/personas/' + n)}): what {n} documents" for n in names]
    lines.append(f"- [Sessions]({site.url('/docs/api-reference/sessions/start-session.md')}): another section")
    return ("\n".join(lines) + "\n").encode()


def publish(site: Site) -> None:
    """Every page with an ETag, and an index listing all of them."""
    for number, name in enumerate(PAGES.values()):
        site.routes[f"/docs/api-reference/personas/{name}"] = Route(f"# {name}\n".encode(), etag=f'"v1-{number}"')
    site.routes["/docs/llms.txt"] = Route(index_text(site, *PAGES.values()))


def manifest(tmp_path: Path, site: Site) -> Manifest:
    lines = [
        f"index: {site.url('/docs/llms.txt')}",
        f"section: {site.url('/docs/api-reference/personas/')}",
        "pages:",
    ]
    for operation, name in PAGES.items():
        lines += [f"  - operation: {operation}", f"    url: {site.url('/docs/api-reference/personas/' + name)}"]
    path = tmp_path / "docs-pages.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_manifest(path)
