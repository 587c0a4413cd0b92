"""How long each section runs: the full run (results committed) and the QUICK smoke run."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Config:
    http_rounds: int
    http_seconds: float
    http_warmup_seconds: float
    concurrencies: tuple[int, ...]
    max_requests_per_run: int  # the count bound of every load run, on top of its time bound
    suite_rounds: int
    suite_examples: int
    client_repeats: int
    client_min_seconds: float
    regen_repeats: int
    profile_seconds: float


# Sized to finish in about 10 minutes on 2 cores: 5 HTTP rounds of 4 servers x 6 scenarios x 3 s,
# 3 suite rounds of 3 set-ups, then the small sections.
FULL = Config(
    http_rounds=5,
    http_seconds=3,
    http_warmup_seconds=1,
    concurrencies=(1, 10, 50),
    max_requests_per_run=1_000_000,
    suite_rounds=3,
    suite_examples=8,
    client_repeats=7,
    client_min_seconds=0.1,
    regen_repeats=3,
    profile_seconds=5,
)

QUICK = Config(
    http_rounds=2,
    http_seconds=1,
    http_warmup_seconds=1,
    concurrencies=(1, 10, 50),
    max_requests_per_run=200_000,
    suite_rounds=1,
    suite_examples=2,
    client_repeats=2,
    client_min_seconds=0.02,
    regen_repeats=1,
    profile_seconds=2,
)
