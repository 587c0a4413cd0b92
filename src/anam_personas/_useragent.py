"""The User-Agent every request of the client carries, so the API's operators can tell versions apart."""

from __future__ import annotations

import sys

import httpx

from anam_personas._version import __version__


def user_agent() -> str:
    """`anam-personas/<version> python/<major.minor> httpx/<version>`."""
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    return f"anam-personas/{__version__} python/{python} httpx/{httpx.__version__}"


USER_AGENT = user_agent()
