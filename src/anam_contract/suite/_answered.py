"""What a write's answer showed where it broke a documented rule.

When a create or update answers a field other than the docs say (a sent description ignored,
say), the difference is reported once, at that answer. What the server now stores is then the
documented value or the one it answered; a later read (GET, a list page, the next update's answer)
that shows the answered value is the same difference seen again, not a new one. So the model
accepts either value there, until an answer agrees with the docs again.
"""

from __future__ import annotations

from typing import Any

from anam_contract.jsoncompare import differences


class Answered:
    """Per persona id, the fields whose last written answer broke a rule, and the value it showed."""

    def __init__(self) -> None:
        self._values: dict[str, dict[str, Any]] = {}

    def accepts(self, pid: str | None, key: str, value: Any) -> bool:
        """Whether `value` is what the last disputed answer showed for `key` of persona `pid`."""
        held = self._values.get(pid or "", {})
        return key in held and not differences(held[key], value)

    def disputed(self, pid: str | None, key: str, value: Any) -> None:
        """A write's answer broke a rule at `key`, showing `value`."""
        if pid is not None:
            self._values.setdefault(pid, {})[key] = value

    def settled(self, pid: str | None, key: str) -> None:
        """A write's answer agreed with the docs at `key`: only the documented value is right now."""
        self._values.get(pid or "", {}).pop(key, None)

    def forget(self, pid: str) -> None:
        self._values.pop(pid, None)
