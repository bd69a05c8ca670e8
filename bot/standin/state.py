"""Plain state of the stand-in: chats with their messages, uploaded files, API errors."""

from __future__ import annotations

import itertools
import os
import time
from dataclasses import dataclass, field


class ApiError(Exception):
    """An error answer; the HTTP status always equals error_code, as on real Telegram."""

    def __init__(self, code: int, description: str, parameters: dict | None = None):
        super().__init__(description)
        self.code, self.description, self.parameters = code, description, parameters

    def body(self) -> dict:
        body = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


def now() -> int:
    """Real unix time: date 0 would mean 'inaccessible message' to PTB."""
    return int(time.time())


@dataclass
class Chat:
    """A chat as the bot sees it; message ids are shared by user and bot messages."""

    id: int
    type: str = "private"
    title: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    username: str | None = None
    blocked: bool = False
    messages: dict[int, dict] = field(default_factory=dict)  # every message, by id
    bot_messages: list[dict] = field(default_factory=list)  # live dicts, edited in place
    events: list[dict] = field(default_factory=list)  # snapshots of bot sends and edits
    reply_keyboard: dict | None = None
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def next_message_id(self) -> int:
        return next(self._ids)

    def to_json(self) -> dict:
        data = {"id": self.id, "type": self.type, "title": self.title, "first_name": self.first_name,
                "last_name": self.last_name, "username": self.username}
        return {k: v for k, v in data.items() if v is not None}


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    data: bytes
    file_path: str

    def to_json(self) -> dict:
        return {"file_id": self.file_id, "file_unique_id": self.file_unique_id,
                "file_size": len(self.data), "file_path": self.file_path}


class FileStore:
    """Uploaded and user-sent files, so getFile and downloads work offline."""

    PHOTO_SIDES = (90, 320, 800)

    def __init__(self) -> None:
        self.by_id: dict[str, StoredFile] = {}
        self.by_path: dict[str, StoredFile] = {}
        self.photo_sets: dict[str, list[dict]] = {}  # any size's file_id -> all sizes
        self._seq = itertools.count(1)

    def add(self, data: bytes, folder: str = "documents", ext: str = "bin") -> StoredFile:
        n = next(self._seq)
        stored = StoredFile(f"{folder[:3].upper()}{n}-{os.urandom(6).hex()}", f"u{n}{os.urandom(3).hex()}",
                            bytes(data), f"{folder}/file_{n}.{ext}")
        self.by_id[stored.file_id] = stored
        self.by_path[stored.file_path] = stored
        return stored

    def add_photo(self, data: bytes) -> list[dict]:
        """Telegram returns several PhotoSize entries of increasing size; the largest is last."""
        sizes = []
        for side in self.PHOTO_SIDES:
            stored = self.add(data, "photos", "jpg")
            sizes.append({**stored.to_json(), "width": side, "height": side})
        for size in sizes:
            size.pop("file_path")
            self.photo_sets[size["file_id"]] = sizes
        return sizes

    def add_document(self, data: bytes, file_name: str, mime_type: str | None) -> dict:
        ext = file_name.rsplit(".", 1)[-1] if "." in file_name else "bin"
        stored = self.add(data, "documents", ext)
        doc = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
               "file_name": file_name, "file_size": len(data)}
        if mime_type:
            doc["mime_type"] = mime_type
        return doc


def fake_jpeg(size: int = 256) -> bytes:
    """Bytes that look like a JPEG (SOI/JFIF header ... EOI); nothing decodes them."""
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + os.urandom(size) + b"\xff\xd9"
