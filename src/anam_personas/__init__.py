"""Production client of the Anam personas API, over the generated `anam_personas_client`.

Adds what the generated functions leave to the caller: the key and base URL from the
environment, finite timeouts, retries with backoff, typed errors, pagination, and bodies that
break the spec read anyway (`spec_violations`) or refused (`strict=True`). Request and
response types are the generated models, re-exported here.
"""

from anam_personas_client.models import (
    CreatePersonaRequest,
    DeletePersonaResponse,
    Error,
    Persona,
    PersonaList,
    PersonaSummary,
    UpdatePersonaRequest,
)

from anam_personas._async_client import AsyncAnam, AsyncPersonas
from anam_personas._client import Anam, Personas
from anam_personas._config import Timeout
from anam_personas._errors import (
    AnamError,
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    InvalidAPIKeyError,
    MissingAPIKeyError,
    NotFoundError,
    PaginationError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from anam_personas._retries import RetryPolicy
from anam_personas._tolerant import spec_violations
from anam_personas._violations import SpecViolation

__all__ = [
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "Anam",
    "AnamError",
    "AsyncAnam",
    "AsyncPersonas",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "CreatePersonaRequest",
    "DeletePersonaResponse",
    "Error",
    "InternalServerError",
    "InvalidAPIKeyError",
    "MissingAPIKeyError",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "Persona",
    "PersonaList",
    "PersonaSummary",
    "Personas",
    "RateLimitError",
    "RetryPolicy",
    "SpecViolation",
    "Timeout",
    "UnprocessableEntityError",
    "UpdatePersonaRequest",
    "spec_violations",
]
