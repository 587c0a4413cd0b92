"""The servers compared: our mock (quiet and with its request log) and Prism (default and silent).

All listen on 127.0.0.1 only and serve the same spec file. Prism is the exact version `make bench`
installs into bench/.work from the npm registry.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from anam_contract.mock import DEFAULT_API_KEY
from anam_contract.paths import SPEC_PATH
from anam_contract.spec import Spec
from bench._procs import free_port, serve

HOST = "127.0.0.1"
PRISM_PACKAGE = "@stoplight/prism-cli"
CREATE_EXAMPLE = "#/paths/~1v1~1personas/post/requestBody/content/application~1json/examples/current/value"
PERSONA_EXAMPLE = "#/components/examples/PersonaExample/value"


@dataclass(frozen=True)
class Server:
    key: str  # id in results.json
    label: str  # how the report names it
    family: str  # "ours" or "prism"
    logging: str  # what it logs per request, for the report

    def argv(self, port: int, work: Path) -> list[str]:
        if self.family == "ours":
            argv = [sys.executable, "-m", "anam_contract", "mock", "--host", HOST, "--port", str(port)]
            return [*argv, "--quiet"] if self.logging == "none" else argv
        argv = ["node", str(prism_entry(work)), "mock", "--host", HOST, "--port", str(port), str(SPEC_PATH)]
        return [*argv, "--verboseLevel", "silent"] if self.logging == "none" else argv


SERVERS = (
    Server("ours_quiet", "mock --quiet", "ours", "none"),
    Server("prism_default", "Prism (default logging)", "prism", "default"),
    Server("ours_logging", "mock (request log)", "ours", "one line per request"),
    Server("prism_silent", "Prism -v silent", "prism", "none"),
)


def prism_dir(work: Path) -> Path:
    return work / "node_modules" / "@stoplight" / "prism-cli"


def prism_entry(work: Path) -> Path:
    manifest = json.loads((prism_dir(work) / "package.json").read_text(encoding="utf-8"))
    bin_field = manifest["bin"]
    relative = bin_field if isinstance(bin_field, str) else bin_field["prism"]
    return prism_dir(work) / relative


def prism_version(work: Path) -> str | None:
    try:
        manifest = json.loads((prism_dir(work) / "package.json").read_text(encoding="utf-8"))
    except OSError:
        return None
    version: str = manifest["version"]
    return version


def create_body() -> bytes:
    return json.dumps(Spec.load().pointer(CREATE_EXAMPLE)).encode()


@dataclass(frozen=True)
class Running:
    server: Server
    base_url: str
    persona_id: str  # the persona GET reads


def _persona_to_read(server: Server, base_url: str, headers: dict[str, str]) -> str:
    if server.family == "prism":
        # Prism answers any id with the spec's example.
        persona_id: str = Spec.load().pointer(PERSONA_EXAMPLE)["id"]
        return persona_id
    # Our mock is stateful: make the persona GET will read.
    answer = httpx.post(f"{base_url}/v1/personas", content=create_body(), headers=headers, timeout=10)
    answer.raise_for_status()
    created: str = answer.json()["id"]
    return created


@contextmanager
def running(server: Server, work: Path) -> Iterator[Running]:
    port = free_port()
    base_url = f"http://{HOST}:{port}"
    headers = {"Authorization": f"Bearer {DEFAULT_API_KEY}", "Content-Type": "application/json"}
    log = work / "logs" / f"{server.key}.log"
    with serve(server.argv(port, work), log, f"{base_url}/v1/personas", headers):
        yield Running(server, base_url, _persona_to_read(server, base_url, headers))
