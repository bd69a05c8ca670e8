"""Cases: their states, references and the record the bot keeps of each."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class Status(StrEnum):
    NEW = "new"              # committed, not yet routed
    ASSIGNED = "assigned"    # waiting for a representative (or the admin chat) to accept
    ACCEPTED = "accepted"
    RESOLVED = "resolved"    # waiting for the resident's rating
    CLOSED = "closed"        # rated, or the rating timed out


OPEN_STATUSES = (Status.NEW, Status.ASSIGNED, Status.ACCEPTED)


def format_reference(prefix: str, year: int, number: int) -> str:
    """`LX-2026-0042`: a sequence per year; more than 9999 cases a year simply get more digits."""
    return f"{prefix}-{year}-{number:04d}"


def find_reference(prefix: str, text: str) -> str | None:
    """The first case reference in a text ("lx-2026-0042 有进展吗" -> "LX-2026-0042"), or None."""
    found = re.search(rf"(?<![A-Za-z0-9]){re.escape(prefix)}-(\d{{4}})-(\d{{4,}})(?!\d)", text, re.IGNORECASE)
    return format_reference(prefix.upper(), int(found[1]), int(found[2])) if found else None


@dataclass
class Draft:
    """What a resident has entered so far in /report; kept in persisted user data between steps."""

    station_id: str | None = None
    category_id: str | None = None
    description: str | None = None
    photos: list[str] = field(default_factory=list)  # Telegram file ids
    latitude: float | None = None
    longitude: float | None = None
    contact_phone: str | None = None
    contact_name: str | None = None
    contact_decided: bool = False

    def to_dict(self) -> dict:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, data: dict | None) -> "Draft":
        known = {k: v for k, v in (data or {}).items() if k in cls.__dataclass_fields__}
        draft = cls(**known)
        draft.photos = list(draft.photos)
        return draft


@dataclass(frozen=True)
class Case:
    id: int
    ref: str
    resident_id: int
    resident_chat_id: int
    language: str
    station_id: str
    category_id: str
    description: str
    latitude: float | None
    longitude: float | None
    contact_phone: str | None
    contact_name: str | None
    status: Status
    rep_id: str | None
    escalated: bool
    resolution: str | None
    rating: int | None
    rating_comment: str | None
    created_at: str
    updated_at: str
    photos: tuple[str, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES
