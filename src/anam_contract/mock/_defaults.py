"""The organisations the mock starts with when no fixtures file is given.

Written in the fixtures-file format and read by the same parser, so the defaults obey the same
checks as a user's file. The catalogue carries the ids used in the vendor's examples, so the
documented example requests work against the mock unchanged.
"""

from __future__ import annotations

from typing import Any

# Published on purpose (README): these only open the local mock, never the real API.
DEFAULT_API_KEY = "mock-default-key"
READ_ONLY_API_KEY = "mock-read-only-key"
OTHER_ORG_API_KEY = "mock-other-org-key"

DEFAULT_ORGANISATION_ID = "0b6f6a4e-5d2b-4c1e-9a57-2f4d1c3e8a01"
OTHER_ORGANISATION_ID = "5c0e9d3a-7b41-4f6e-8d2c-91a4b7e6f302"

_CATALOGUE: dict[str, Any] = {
    "avatars": [
        {
            "id": "071b0286-4cce-4808-bee2-e642f1062de3",
            "models": ["cara-2", "cara-3"],
            "displayName": "Liv",
            "variantName": "home",
            "imageUrl": "https://lab.anam.ai/persona_thumbnails/liv_home.png",
            "availableVersions": ["v1", "v2", "cara-4-3"],
        },
        {
            "id": "30fa96d0-26c4-4e55-94a0-517025942e18",
            "models": ["cara-3", "cara-4-latest"],
            "displayName": "Cara",
        },
    ],
    "voices": [
        {
            "id": "de23e340-1416-4dd8-977d-065a7ca11697",
            "provider": "ELEVENLABS",
            "isZdr": True,
            "displayName": "Lucy - Fresh & Casual",
            "providerModelId": "eleven_flash_v2_5",
            "gender": "FEMALE",
        },
        {"id": "6bfbe25a-979d-40f3-a92b-5394170af54b", "provider": "ELEVENLABS", "isZdr": False},
        {"id": "c0a7e9b2-3f5d-4c6a-9e81-7d2b4f6a1c03", "provider": "CARTESIA", "isZdr": True},
        {"id": "f15a0d3c-8e2b-4a7f-b6c9-0e3d5a7b9c04", "provider": "FISH_AUDIO", "isZdr": False},
        {"id": "0ad4e1f7-2c6b-4d8e-a3f5-6b9c1e2d7a05", "provider": "OPENAI_ADVANCED_VOICE", "isZdr": False},
    ],
    "llms": [
        {"id": "a7cf662c-2ace-4de1-a21e-ef0fbf144bb7", "name": "Default LLM (zero data retention)", "isZdr": True},
        {"id": "7736a22f-2d79-4720-952c-25fdca55ad40", "name": "Second LLM", "isZdr": False},
    ],
    "tools": [{"id": "tool-id-1", "name": "First tool"}, {"id": "tool-id-2", "name": "Second tool"}],
}

DEFAULT_FIXTURES_DATA: dict[str, Any] = {
    "organisations": [
        {
            "id": DEFAULT_ORGANISATION_ID,
            "name": "Default organisation",
            "enterprise": True,
            "keys": [{"key": DEFAULT_API_KEY}, {"key": READ_ONLY_API_KEY, "readOnly": True}],
            **_CATALOGUE,
        },
        {
            "id": OTHER_ORGANISATION_ID,
            "name": "Other organisation",
            "enterprise": False,
            "keys": [{"key": OTHER_ORG_API_KEY}],
            **_CATALOGUE,
        },
    ]
}
