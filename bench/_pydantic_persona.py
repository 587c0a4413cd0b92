"""A pydantic v2 model with the shape of the spec's Persona, for the client benchmark only.

It mirrors what the generated attrs models do, so the comparison is like for like: UUID and
date-time fields are parsed into `UUID` and `datetime`, enums into Enum members, URIs stay strings,
unknown properties are kept (the generated models keep them in `additional_properties`).
"""

from __future__ import annotations

import enum
from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


class _Model(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="allow")


class VoiceProvider(enum.Enum):
    ELEVENLABS = "ELEVENLABS"
    CARTESIA = "CARTESIA"
    OPENAI_ADVANCED_VOICE = "OPENAI_ADVANCED_VOICE"
    FISH_AUDIO = "FISH_AUDIO"


class VoiceGender(enum.Enum):
    MALE = "MALE"
    FEMALE = "FEMALE"
    NEUTRAL = "NEUTRAL"


class CartesiaEmotion(enum.Enum):
    NEUTRAL = "neutral"
    CALM = "calm"
    ANGRY = "angry"
    CONTENT = "content"
    SAD = "sad"
    SCARED = "scared"


class Avatar(_Model):
    id: UUID
    display_name: str
    variant_name: str
    image_url: str
    video_url: str
    created_at: datetime
    updated_at: datetime
    created_by_organization_id: UUID | None
    available_versions: list[str]
    active_version: str


class Voice(_Model):
    id: UUID
    display_name: str
    provider: VoiceProvider
    provider_voice_id: str
    provider_model_id: str
    sample_url: str
    preview_sample_url: str
    gender: VoiceGender | None
    country: str
    description: str
    display_tags: list[str]
    is_zdr: bool
    created_by_organization_id: UUID | None
    created_at: datetime
    updated_at: datetime


class Brain(_Model):
    personality: str | None
    system_prompt: str | None


class PersonaTool(_Model):
    id: str | None = None
    name: str | None = None


class KnowledgeAttachment(_Model):
    id: str | None = None


class ShareLink(_Model):
    id: str | None = None


class WidgetConfig(_Model):
    pass


class VoiceDetectionOptions(_Model):
    end_of_speech_sensitivity: float | None = None
    silence_before_skip_turn_seconds: float | None = None
    silence_before_session_end_seconds: float | None = None
    silence_before_auto_end_turn_seconds: float | None = None
    speech_enhancement_level: float | None = None


class VoiceGenerationOptions(_Model):
    stability: float | None = None
    similarity_boost: float | None = None
    speed: float | None = None
    style: float | None = None
    use_speaker_boost: bool | None = None
    model: str | None = None
    volume: float | None = None
    emotion: CartesiaEmotion | None = None


class Persona(_Model):
    id: UUID
    name: str
    description: str | None
    persona_preset: str
    avatar: Avatar
    avatar_model: str | None
    voice: Voice
    voice_speed: float | None
    llm_id: UUID | None
    brain: Brain
    tools: list[PersonaTool]
    knowledge: list[KnowledgeAttachment]
    share_links: list[ShareLink] | None
    primary_share_link: ShareLink | None
    enable_audio_passthrough: bool
    skip_greeting: bool
    zero_data_retention: bool
    voice_detection_options: VoiceDetectionOptions | None
    voice_generation_options: VoiceGenerationOptions | None
    widget_config: WidgetConfig
    created_at: datetime
    updated_at: datetime
