"""Buttons that travel through the outbox on case notifications, shared by several flows."""

from __future__ import annotations

import dataclasses
from enum import StrEnum

from .callback_data import CallbackData


class CaseVerb(StrEnum):
    ACCEPT = "a"
    REPLY = "r"
    TRANSFER = "t"
    RESOLVE = "s"


@dataclasses.dataclass(frozen=True)
class CaseAction(CallbackData):
    """A representative's button on a case card."""

    prefix = "c1"
    verb: str
    case_id: int

    def __post_init__(self) -> None:
        CaseVerb(self.verb)  # rejects unknown verbs when unpacking forged data


@dataclasses.dataclass(frozen=True)
class TransferTo(CallbackData):
    """Transfer a case to a representative, to the admin chat (`TO_ADMIN`), or not at all (`KEEP`)."""

    prefix = "ct1"
    case_id: int
    rep_id: str

    TO_ADMIN = "-"
    KEEP = "="


@dataclasses.dataclass(frozen=True)
class Rate(CallbackData):
    """A resident's 1-5 rating of a resolved case."""

    prefix = "rt1"
    case_id: int
    stars: int

    def __post_init__(self) -> None:
        if not 1 <= self.stars <= 5:
            raise ValueError("stars must be 1-5")


@dataclasses.dataclass(frozen=True)
class OpenCase(CallbackData):
    """A resident opens one of their cases from /mycases."""

    prefix = "oc1"
    case_id: int


@dataclasses.dataclass(frozen=True)
class AddMessage(CallbackData):
    """A resident adds a message or photo to a case."""

    prefix = "am1"
    case_id: int


def keyboard(*rows: list[dict[str, str]]) -> dict:
    return {"inline_keyboard": [row for row in rows if row]}
