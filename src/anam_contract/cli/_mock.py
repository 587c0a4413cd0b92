"""`anam-contract mock`: serve the stateful mock API with uvicorn."""

from __future__ import annotations

import argparse
import logging
import socket
import sys
from pathlib import Path
from typing import Any

import uvicorn

from anam_contract.cli._errors import UsageError
from anam_contract.mock import FixtureError, create_app, load_fixtures
from anam_contract.paths import SPEC_PATH
from anam_contract.spec import Spec, SpecError

_DESCRIPTION = """\
Serve a stateful mock of the Anam personas API. Requests are checked against the spec (the
project's openapi/anam.yaml, or the copy installed with the package; --spec for another one),
personas persist in memory until the server stops, and the documented rules apply (catalogue
membership, avatar models, zero data retention, partial updates). Without --fixtures the mock
serves the default organisations whose keys the README lists. One line per request is logged
on stderr (method, path, status, milliseconds) unless --quiet is given."""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "mock",
        help="serve the stateful mock API on a local port",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    parser.add_argument("--port", type=_port, default=4010, help="port to listen on (default: %(default)s)")
    parser.add_argument(
        "--fixtures",
        type=Path,
        metavar="FILE",
        help="JSON or YAML file of organisations, keys, catalogues and personas (default: built-in)",
    )
    parser.add_argument(
        "--spec",
        type=Path,
        metavar="FILE",
        help="the spec to serve (default: openapi/anam.yaml of the project, or the copy installed with it)",
    )
    parser.add_argument("--quiet", action="store_true", help="log nothing per request")
    parser.set_defaults(run=_run)


def _port(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}")
    return int(text)


def _run(args: argparse.Namespace) -> int:
    try:
        spec = Spec.load(args.spec or SPEC_PATH)
    except SpecError as error:
        raise UsageError(str(error)) from None
    try:
        fixtures = load_fixtures(args.fixtures, spec=spec) if args.fixtures is not None else None
    except FixtureError as error:
        raise UsageError(str(error)) from None
    try:
        app = create_app(fixtures, spec=spec, log_requests=not args.quiet)
    except FixtureError as error:  # a starting persona the API's rules refuse
        raise UsageError(f"fixtures file {args.fixtures}: {error}") from None
    if not args.quiet:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        mock_logger = logging.getLogger("anam_contract.mock")
        mock_logger.addHandler(handler)
        mock_logger.setLevel(logging.INFO)
        mock_logger.propagate = False
    listening = _listen(args.host, args.port)
    # uvicorn's own access log would repeat each request line; ours is the one documented.
    config = uvicorn.Config(
        app, host=args.host, port=args.port, access_log=False, log_level="warning" if args.quiet else "info"
    )
    uvicorn.Server(config).run(sockets=[listening])
    return 0


def _listen(host: str, port: int) -> socket.socket:
    """The bound socket uvicorn will serve on: bound here, so a taken port or an unknown host is one
    line and exit 2 instead of uvicorn's log lines and exit 3."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError) as error:
        reason = error.strerror if isinstance(error, socket.gaierror) else "not a host name"
        raise UsageError(f"--host {host}: not an address to listen on ({reason})") from None
    listening = socket.socket(family, kind, proto)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind(address)
    except OSError as error:
        listening.close()
        raise UsageError(f"cannot listen on {host}:{port}: {error.strerror}") from None
    return listening
