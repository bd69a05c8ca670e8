"""Bot API method implementations of the stand-in, with Telegram's validation and error texts."""

from __future__ import annotations

import asyncio
import copy
import json
import re
from dataclasses import dataclass
from typing import Any, Awaitable, Callable

from .formatting import EntityParseError, format_text, utf16_len
from .state import ApiError, Chat, FileStore, bad_request, now

API: dict[str, Callable[..., Awaitable[Any]]] = {}
NO_OP_METHODS = ("setChatMenuButton", "setMyDescription", "setMyShortDescription", "setMyName",
                 "setMyDefaultAdministratorRights", "close", "logOut")
COPYABLE = ("text", "entities", "caption", "caption_entities", "photo", "document", "sticker", "voice",
            "audio", "video", "animation", "contact", "location")
NOT_MODIFIED = ("message is not modified: specified new message content and reply markup are exactly "
                "the same as a current content and reply markup of the message")
COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")


def api(name: str):
    """Register a coroutine as the handler of a (case-insensitive) Bot API method."""
    def register(func):
        API[name.lower()] = func
        return func
    return register


@dataclass
class UploadedFile:
    """A multipart file part, as the bot uploaded it."""

    filename: str | None
    content_type: str | None
    data: bytes


@dataclass
class PendingQuery:
    user_id: int
    chat_id: int


def _int(value: Any, name: str) -> int:
    if value is None or value == "":
        raise bad_request(f"{name} is empty")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise bad_request(f"invalid {name} specified") from None


def _as_json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _formatted(text: Any, parse_mode: Any, entities: Any) -> tuple[str, list[dict]]:
    try:
        return format_text(text, parse_mode, _as_json(entities))
    except EntityParseError as exc:
        raise bad_request(str(exc)) from None


def check_markup(markup: Any) -> dict | None:
    """Validate reply_markup like Telegram; plain-string keyboard buttons become {"text": ...}."""
    markup = _as_json(markup)
    if markup is None:
        return None
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if sum(len(r) for r in rows) > 100 or any(len(r) > 8 for r in rows):
            raise bad_request("REPLY_MARKUP_TOO_LONG")
        for button in (b for r in rows for b in r):
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode("utf-8")) <= 64:
                raise bad_request("BUTTON_DATA_INVALID")
            if not button.get("text"):
                raise bad_request("BUTTON_TEXT_INVALID")
    elif "keyboard" in markup:
        markup = {**markup, "keyboard": [[{"text": b} if isinstance(b, str) else b for b in row]
                                         for row in markup["keyboard"]]}
    return markup


class ApiMethods:
    """Method handlers; the server class supplies the state attributes used here."""

    chats: dict[int, Chat]
    files: FileStore
    updates: list[dict]
    pending_queries: dict[str, PendingQuery]
    callback_answers: dict[int, list[dict]]
    bot_commands: dict[tuple[str, str], list[dict]]
    allowed_updates: list[str] | None
    bot_id: int
    bot_username: str
    bot_first_name: str
    _changed: asyncio.Condition
    _stopping: asyncio.Event

    async def notify(self) -> None:
        raise NotImplementedError

    # ---- helpers -------------------------------------------------------------------------------

    @property
    def bot_json(self) -> dict:
        return {"id": self.bot_id, "is_bot": True, "first_name": self.bot_first_name,
                "username": self.bot_username}

    def target_chat(self, p: dict, key: str = "chat_id") -> Chat:
        """The chat a send goes to: unknown users and blocked chats get Telegram's 403s."""
        chat_id = _int(p.get(key), key)
        chat = self.chats.get(chat_id)
        if chat is None:
            if chat_id > 0:
                raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
            raise bad_request("chat not found")
        if chat.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return chat

    def _reply_target(self, chat: Chat, p: dict) -> dict | None:
        params = _as_json(p.get("reply_parameters"))
        if params is None and p.get("reply_to_message_id") is not None:
            params = {"message_id": p["reply_to_message_id"],
                      "allow_sending_without_reply": p.get("allow_sending_without_reply")}
        if not params:
            return None
        where = self.chats.get(int(params.get("chat_id", chat.id)), chat)
        target = where.messages.get(_int(params.get("message_id"), "message_id"))
        if target is None:
            if params.get("allow_sending_without_reply") in (True, "true"):
                return None
            raise bad_request("message to be replied not found")
        return {k: copy.deepcopy(v) for k, v in target.items() if k != "reply_to_message"}

    def _caption(self, p: dict) -> dict:
        caption, entities = _formatted(p.get("caption"), p.get("parse_mode"), p.get("caption_entities"))
        if utf16_len(caption) > 1024:
            raise bad_request("message caption is too long")
        return {"caption": caption or None, "caption_entities": entities or None}

    async def publish(self, chat: Chat, p: dict, content: dict) -> dict:
        """Store a new bot message (after all validation) and wake up waiting readers."""
        markup = check_markup(p.get("reply_markup"))
        reply_to = self._reply_target(chat, p)
        msg = {"message_id": chat.next_message_id(), "from": self.bot_json, "chat": chat.to_json(),
               "date": now()}
        msg.update({k: v for k, v in content.items() if v is not None})
        if reply_to:
            msg["reply_to_message"] = reply_to
        if markup and "inline_keyboard" in markup:
            msg["reply_markup"] = markup
        elif markup and "keyboard" in markup:
            chat.reply_keyboard = markup
        elif markup and markup.get("remove_keyboard"):
            chat.reply_keyboard = None
        chat.messages[msg["message_id"]] = msg
        chat.bot_messages.append(msg)
        chat.events.append(copy.deepcopy(msg))
        await self.notify()
        return msg

    def _bot_message(self, chat: Chat, p: dict) -> dict:
        msg = chat.messages.get(_int(p.get("message_id"), "message_id"))
        if msg is None:
            raise bad_request("message to edit not found")
        if msg.get("from", {}).get("id") != self.bot_id:
            raise bad_request("message can't be edited")
        return msg

    async def _edit(self, p: dict, changes: dict) -> dict:
        """Apply an edit in place; identical content is refused like Telegram does."""
        chat = self.target_chat(p)
        msg = self._bot_message(chat, p)
        changes["reply_markup"] = check_markup(p.get("reply_markup"))
        if all(msg.get(k) == v for k, v in changes.items()):
            raise bad_request(NOT_MODIFIED)
        for key, value in changes.items():
            if value is None:
                msg.pop(key, None)
            else:
                msg[key] = value
        msg["edit_date"] = now()
        chat.events.append(copy.deepcopy(msg))
        await self.notify()
        return msg

    def _input_file(self, value: Any, kind: str) -> Any:
        """A photo/document given as an upload, a known file_id, or a URL."""
        if isinstance(value, UploadedFile):
            if kind == "photo":
                return self.files.add_photo(value.data)
            return self.files.add_document(value.data, value.filename or "file", value.content_type)
        if not value:
            raise bad_request(f"there is no {kind} in the request")
        value = str(value)
        if value.startswith(("http://", "https://")):
            return self._input_file(UploadedFile(value.rsplit("/", 1)[-1], None, b""), kind)
        if kind == "photo" and value in self.files.photo_sets:
            return copy.deepcopy(self.files.photo_sets[value])
        stored = self.files.by_id.get(value)
        if stored is None or kind == "photo":
            raise bad_request("wrong file identifier/HTTP URL specified")
        return {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
                "file_name": stored.file_path.rsplit("/", 1)[-1], "file_size": len(stored.data)}

    # ---- methods --------------------------------------------------------------------------------

    @api("getMe")
    async def get_me(self, p: dict) -> dict:
        return {**self.bot_json, "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": False}

    @api("deleteWebhook")
    async def delete_webhook(self, p: dict) -> bool:
        if p.get("drop_pending_updates") in (True, "true"):
            self.updates.clear()
        return True

    @api("getUpdates")
    async def get_updates(self, p: dict) -> list[dict]:
        """Long poll: confirm older updates via offset, answer as soon as something is queued."""
        offset = int(p.get("offset") or 0)
        limit = int(p.get("limit") or 100)
        timeout = float(p.get("timeout") or 0)
        if p.get("allowed_updates") is not None:
            self.allowed_updates = _as_json(p["allowed_updates"]) or None
        if offset > 0:
            self.updates[:] = [u for u in self.updates if u["update_id"] >= offset]
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        async with self._changed:
            while True:
                ready = [u for u in self.updates if self.allowed_updates is None
                         or any(kind in u for kind in self.allowed_updates)]
                remaining = deadline - loop.time()
                if ready or remaining <= 0 or self._stopping.is_set():
                    return copy.deepcopy(ready[:limit])
                try:
                    await asyncio.wait_for(self._changed.wait(), remaining)
                except asyncio.TimeoutError:
                    pass

    @api("sendMessage")
    async def send_message(self, p: dict) -> dict:
        chat = self.target_chat(p)
        text, entities = _formatted(p.get("text"), p.get("parse_mode"), p.get("entities"))
        if not text:
            raise bad_request("message text is empty")
        if utf16_len(text) > 4096:
            raise bad_request("message is too long")
        return await self.publish(chat, p, {"text": text, "entities": entities or None})

    @api("sendPhoto")
    async def send_photo(self, p: dict) -> dict:
        chat = self.target_chat(p)
        caption = self._caption(p)
        return await self.publish(chat, p, {"photo": self._input_file(p.get("photo"), "photo"), **caption})

    @api("sendDocument")
    async def send_document(self, p: dict) -> dict:
        chat = self.target_chat(p)
        caption = self._caption(p)
        return await self.publish(chat, p, {"document": self._input_file(p.get("document"), "document"),
                                            **caption})

    @api("copyMessage")
    async def copy_message(self, p: dict) -> dict:
        """Copy without any link to the origin; Telegram answers with a bare MessageId."""
        chat = self.target_chat(p)
        source_chat = self.chats.get(_int(p.get("from_chat_id"), "from_chat_id"))
        if source_chat is None:
            raise bad_request("chat not found")
        source = source_chat.messages.get(_int(p.get("message_id"), "message_id"))
        if source is None:
            raise bad_request("message to copy not found")
        content = {k: copy.deepcopy(source[k]) for k in COPYABLE if k in source}
        if not content:
            raise bad_request("message can't be copied")
        if "caption" in p and "text" not in content:
            content.update(self._caption(p))
        msg = await self.publish(chat, p, content)
        return {"message_id": msg["message_id"]}

    @api("editMessageText")
    async def edit_message_text(self, p: dict) -> dict:
        text, entities = _formatted(p.get("text"), p.get("parse_mode"), p.get("entities"))
        if not text:
            raise bad_request("message text is empty")
        if utf16_len(text) > 4096:
            raise bad_request("message is too long")
        chat = self.target_chat(p)
        if "text" not in self._bot_message(chat, p):
            raise bad_request("there is no text in the message to edit")
        return await self._edit(p, {"text": text, "entities": entities or None})

    @api("editMessageCaption")
    async def edit_message_caption(self, p: dict) -> dict:
        return await self._edit(p, self._caption(p))

    @api("editMessageReplyMarkup")
    async def edit_message_reply_markup(self, p: dict) -> dict:
        return await self._edit(p, {})

    @api("deleteMessage")
    async def delete_message(self, p: dict) -> bool:
        chat = self.target_chat(p)
        msg = chat.messages.pop(_int(p.get("message_id"), "message_id"), None)
        if msg is None:
            raise bad_request("message to delete not found")
        if msg in chat.bot_messages:
            chat.bot_messages.remove(msg)
        return True

    @api("answerCallbackQuery")
    async def answer_callback_query(self, p: dict) -> bool:
        text = p.get("text") or ""
        if len(text) > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        query = self.pending_queries.pop(str(p.get("callback_query_id")), None)
        if query is None:
            raise bad_request("query is too old and response timeout expired or query ID is invalid")
        self.callback_answers.setdefault(query.user_id, []).append(
            {"text": text, "show_alert": p.get("show_alert") in (True, "true"), "url": p.get("url")})
        await self.notify()
        return True

    @api("getFile")
    async def get_file(self, p: dict) -> dict:
        stored = self.files.by_id.get(str(p.get("file_id")))
        if stored is None:
            raise bad_request("invalid file_id")
        return stored.to_json()

    @staticmethod
    def _commands_key(p: dict) -> tuple[str, str]:
        scope = _as_json(p.get("scope")) or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(p.get("language_code") or "")

    @api("setMyCommands")
    async def set_my_commands(self, p: dict) -> bool:
        commands = _as_json(p.get("commands")) or []
        if len(commands) > 100:
            raise bad_request("BOT_COMMANDS_TOO_MUCH")
        for command in commands:
            if not COMMAND_RE.match(command.get("command", "")):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(command.get("description", "")) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        self.bot_commands[self._commands_key(p)] = commands
        return True

    @api("getMyCommands")
    async def get_my_commands(self, p: dict) -> list[dict]:
        return self.bot_commands.get(self._commands_key(p), [])

    @api("deleteMyCommands")
    async def delete_my_commands(self, p: dict) -> bool:
        self.bot_commands.pop(self._commands_key(p), None)
        return True

    @api("sendChatAction")
    async def send_chat_action(self, p: dict) -> bool:
        self.target_chat(p)
        return True

    @api("getChat")
    async def get_chat(self, p: dict) -> dict:
        chat = self.chats.get(_int(p.get("chat_id"), "chat_id"))
        if chat is None:
            raise bad_request("chat not found")
        return {**chat.to_json(), "accent_color_id": 0, "max_reaction_count": 11}

    @api("getChatMenuButton")
    async def get_chat_menu_button(self, p: dict) -> dict:
        return {"type": "commands"}


async def _accept(self: ApiMethods, p: dict) -> bool:
    """Settings the stand-in accepts and forgets."""
    return True


for _name in NO_OP_METHODS:
    API[_name.lower()] = _accept
