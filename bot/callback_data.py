"""Typed button payloads, in the manner of aiogram's CallbackData.

A subclass declares a short versioned `prefix` and its fields; `pack()` refuses anything over
Telegram's 64 bytes, and `unpack()` returns None for data that is not its own (forged, or from an
older version of the bot), which the stale-button handler then answers.
"""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar, Self

MAX_BYTES = 64
SEPARATOR = ":"


@dataclasses.dataclass(frozen=True)
class CallbackData:
    prefix: ClassVar[str]

    def pack(self) -> str:
        parts = [self.prefix]
        for field in dataclasses.fields(self):
            value = str(getattr(self, field.name))
            if SEPARATOR in value:
                raise ValueError(f"{field.name} may not contain '{SEPARATOR}'")
            parts.append(value)
        data = SEPARATOR.join(parts)
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
        return data

    @classmethod
    def unpack(cls, data: object) -> Self | None:
        if not isinstance(data, str):
            return None
        parts = data.split(SEPARATOR)
        fields = dataclasses.fields(cls)
        if parts[0] != cls.prefix or len(parts) != len(fields) + 1:
            return None
        values: dict[str, Any] = {}
        for field, raw in zip(fields, parts[1:]):
            try:
                values[field.name] = int(raw) if field.type in (int, "int") else raw
            except ValueError:
                return None
        try:
            return cls(**values)
        except (TypeError, ValueError):
            return None

    @classmethod
    def matches(cls, data: object) -> bool:
        """For python-telegram-bot's callable `pattern=`."""
        return cls.unpack(data) is not None

    def button(self, text: str) -> dict[str, str]:
        """An inline button as Bot API JSON, for messages that travel through the outbox."""
        return {"text": text, "callback_data": self.pack()}
