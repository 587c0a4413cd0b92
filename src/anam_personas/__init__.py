"""Production client of the Anam personas API, over the generated `anam_personas_client`.

Adds what the generated functions leave to the caller: the key and base URL from the
environment, finite timeouts, retries with backoff, typed errors, pagination, raw responses,
and bodies that break the spec read anyway (`spec_violations`) or refused (`strict=True`).
Request and response types are the generated models, every one re-exported here.

`__version__` is this client's version, `SPEC_VERSION` the spec's `info.version` it was
generated from (the README's "Versions" says how the two move together).
"""

from anam_personas_client.models import (
    Avatar,
    AvatarModel,
    Brain,
    CartesiaEmotion,
    CartesiaSonic3VoiceGenerationOptions,
    CreatePersonaRequest,
    DeletePersonaResponse,
    ElevenLabsV1VoiceGenerationOptions,
    ElevenLabsV2VoiceGenerationOptions,
    Error,
    ErrorDetail,
    FishAudioVoiceGenerationOptions,
    KnowledgeAttachment,
    PageMeta,
    Persona,
    PersonaList,
    PersonaSummary,
    PersonaTool,
    ShareLink,
    UpdatePersonaRequest,
    Voice,
    VoiceDetectionOptions,
    VoiceGender,
    VoiceGenerationOptions,
    VoiceProvider,
    WidgetConfig,
)

from anam_personas._async_client import AsyncAnam
from anam_personas._async_personas import AsyncPersonas, AsyncPersonasWithRawResponse
from anam_personas._client import Anam
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
from anam_personas._logs import configure_from_env as _configure_logging_from_env
from anam_personas._personas import Personas, PersonasWithRawResponse
from anam_personas._raw import RawResponse
from anam_personas._retries import RetryPolicy
from anam_personas._schema_data import SPEC_VERSION
from anam_personas._tolerant import spec_violations
from anam_personas._version import __version__ as __version__
from anam_personas._violations import SpecViolation

_configure_logging_from_env()

__all__ = [
    "SPEC_VERSION",
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "Anam",
    "AnamError",
    "AsyncAnam",
    "AsyncPersonas",
    "AsyncPersonasWithRawResponse",
    "AuthenticationError",
    "Avatar",
    "AvatarModel",
    "BadRequestError",
    "Brain",
    "CartesiaEmotion",
    "CartesiaSonic3VoiceGenerationOptions",
    "ConflictError",
    "CreatePersonaRequest",
    "DeletePersonaResponse",
    "ElevenLabsV1VoiceGenerationOptions",
    "ElevenLabsV2VoiceGenerationOptions",
    "Error",
    "ErrorDetail",
    "FishAudioVoiceGenerationOptions",
    "InternalServerError",
    "InvalidAPIKeyError",
    "KnowledgeAttachment",
    "MissingAPIKeyError",
    "NotFoundError",
    "PageMeta",
    "PaginationError",
    "PermissionDeniedError",
    "Persona",
    "PersonaList",
    "PersonaSummary",
    "PersonaTool",
    "Personas",
    "PersonasWithRawResponse",
    "RateLimitError",
    "RawResponse",
    "RetryPolicy",
    "ShareLink",
    "SpecViolation",
    "Timeout",
    "UnprocessableEntityError",
    "UpdatePersonaRequest",
    "Voice",
    "VoiceDetectionOptions",
    "VoiceGender",
    "VoiceGenerationOptions",
    "VoiceProvider",
    "WidgetConfig",
    "spec_violations",
]
