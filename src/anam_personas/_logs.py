"""`ANAM_LOG=debug|info`: the client's logging turned on from the environment, without code.

Only the `anam_personas` logger is touched, and only when the variable is set, so an application
that configures logging itself sees no change. Every message the client logs is redacted of the
key before it is formatted (see `_base`), so turning this on never shows one.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

LOG_ENV = "ANAM_LOG"
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}


class _EnvHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The handler `ANAM_LOG` adds (to stderr); a type of its own so it is added once."""


def configure_from_env(environ: Mapping[str, str] = os.environ) -> int | None:
    """Apply `ANAM_LOG` to the `anam_personas` logger; the level set, or None when unset or unknown."""
    level = _LEVELS.get(environ.get(LOG_ENV, "").strip().lower())
    if level is None:
        return None
    logger = logging.getLogger("anam_personas")
    if not any(isinstance(handler, _EnvHandler) for handler in logger.handlers):
        handler = _EnvHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(level)
    return level
