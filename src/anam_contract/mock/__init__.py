"""A stateful mock of the Anam personas API, validated by the spec and enforcing the documented rules.

`create_app()` is a Starlette app to serve with uvicorn (`anam-contract mock`) or to call in-process
(httpx's ASGITransport, Starlette's TestClient). Without fixtures it serves two organisations whose
catalogues hold the ids of the vendor's examples; `DEFAULT_API_KEY` opens the first.
"""

from anam_contract.mock._app import create_app
from anam_contract.mock._catalogue import MockFixtures
from anam_contract.mock._defaults import DEFAULT_API_KEY, OTHER_ORG_API_KEY, READ_ONLY_API_KEY
from anam_contract.mock._fixtures import FixtureError, load_fixtures, parse_fixtures
from anam_contract.mock._http import MAX_BODY_BYTES

__all__ = [
    "DEFAULT_API_KEY",
    "MAX_BODY_BYTES",
    "OTHER_ORG_API_KEY",
    "READ_ONLY_API_KEY",
    "FixtureError",
    "MockFixtures",
    "create_app",
    "load_fixtures",
    "parse_fixtures",
]
