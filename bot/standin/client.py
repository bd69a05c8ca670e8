"""The user side of the stand-in: people acting in Telegram, and what they see of the bot.

Updates are shaped exactly as Telegram sends them, so the bot's handlers see realistic input.
"""

from __future__ import annotations

import asyncio
import copy
import os
from typing import TYPE_CHECKING, Callable, Union

from .state import Chat, fake_jpeg, now

if TYPE_CHECKING:
    from .server import BotApiStandIn

Match = Union[str, Callable[[dict], bool], None]


def _body(msg: dict) -> str:
    if "text" in msg or "caption" in msg:
        return msg.get("text") or msg.get("caption") or ""
    kinds = [k for k in ("photo", "document", "contact", "location", "sticker", "voice") if k in msg]
    return f"<{kinds[0]}>" if kinds else "<message>"


def _inline_buttons(msg: dict | None) -> list[dict]:
    if not msg:
        return []
    return [b for row in msg.get("reply_markup", {}).get("inline_keyboard", []) for b in row]


def _matching(buttons: list[dict], label: str, exact: bool) -> list[dict]:
    return [b for b in buttons if (b["text"] == label if exact else label in b["text"])]


class ChatView:
    """Read side of one chat: bot messages (live, edits applied) and waiting for new ones."""

    def __init__(self, standin: "BotApiStandIn", chat: Chat):
        self.standin, self.chat = standin, chat
        self._cursor = len(chat.events)

    @property
    def chat_id(self) -> int:
        return self.chat.id

    @property
    def messages(self) -> list[dict]:
        """All bot messages in this chat, in order, in their current (edited) state."""
        return list(self.chat.bot_messages)

    @property
    def last(self) -> dict | None:
        return self.chat.bot_messages[-1] if self.chat.bot_messages else None

    def buttons(self, message: dict | None = None) -> list[str]:
        """Inline button labels of `message` (default: the newest bot message)."""
        msg = self.chat.messages.get(message["message_id"]) if message else self.last
        return [b["text"] for b in _inline_buttons(msg)]

    @property
    def reply_keyboard(self) -> list[str] | None:
        markup = self.chat.reply_keyboard
        return [b["text"] for row in markup["keyboard"] for b in row] if markup else None

    def transcript(self) -> str:
        lines = []
        for mid in sorted(self.chat.messages):
            msg = self.chat.messages[mid]
            who = "bot" if msg.get("from", {}).get("is_bot") else msg.get("from", {}).get("first_name", "?")
            buttons = [b["text"] for b in _inline_buttons(msg)]
            lines.append(f"  [{mid}] {who}: {_body(msg)}" + (f"  {buttons}" if buttons else ""))
        if self.reply_keyboard:
            lines.append(f"  reply keyboard: {self.reply_keyboard}")
        return "\n".join(lines) or "  (empty)"

    async def wait_for(self, match: Match = None, timeout: float = 5.0) -> dict:
        """Next bot message or edit since the last send/wait matching a substring or predicate."""
        def ok(msg: dict) -> bool:
            if match is None:
                return True
            if isinstance(match, str):
                return match in (msg.get("text") or msg.get("caption") or "")
            return bool(match(msg))

        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        cond = self.standin._changed
        async with cond:
            while True:
                while self._cursor < len(self.chat.events):
                    event = self.chat.events[self._cursor]
                    self._cursor += 1
                    if ok(event):
                        return event
                remaining = deadline - loop.time()
                if remaining <= 0:
                    raise AssertionError(f"no bot message matching {match!r} in chat {self.chat.id} "
                                         f"within {timeout}s; transcript:\n{self.transcript()}")
                try:
                    await asyncio.wait_for(cond.wait(), remaining)
                except asyncio.TimeoutError:
                    pass


class TelegramUser(ChatView):
    """A person acting in one chat (their private chat, or a group via standin.member())."""

    def __init__(self, standin: "BotApiStandIn", info: dict, chat: Chat):
        super().__init__(standin, chat)
        self.info = info
        self._answer_cursor = 0

    @property
    def id(self) -> int:
        return self.info["id"]

    # ---- sending -------------------------------------------------------------------------------

    async def _post(self, content: dict) -> dict:
        msg = {"message_id": self.chat.next_message_id(), "from": dict(self.info),
               "chat": self.chat.to_json(), "date": now(), **content}
        self.chat.messages[msg["message_id"]] = msg
        self._cursor = len(self.chat.events)
        await self.standin.push_update("message", copy.deepcopy(msg))
        return msg

    async def send(self, text: str) -> dict:
        """A text message; a leading /command gets its bot_command entity, as in Telegram."""
        content: dict = {"text": text}
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            content["entities"] = [{"offset": 0, "length": len(command.encode("utf-16-le")) // 2,
                                    "type": "bot_command"}]
        return await self._post(content)

    async def edit(self, message: dict, text: str) -> dict:
        """Edits one of this user's text messages: the bot gets an `edited_message` update."""
        msg = self.chat.messages[message["message_id"]]
        msg.update(text=text, edit_date=now())
        self._cursor = len(self.chat.events)
        await self.standin.push_update("edited_message", copy.deepcopy(msg))
        return msg

    async def reply(self, to_message: dict, text: str) -> dict:
        original = self.chat.messages.get(to_message["message_id"], to_message)
        msg = {"text": text, "reply_to_message": {k: copy.deepcopy(v) for k, v in original.items()
                                                  if k != "reply_to_message"}}
        return await self._post(msg)

    async def send_photo(self, caption: str | None = None, data: bytes | None = None) -> dict:
        content: dict = {"photo": self.standin.files.add_photo(data or fake_jpeg())}
        if caption:
            content["caption"] = caption
        return await self._post(content)

    async def send_document(self, file_name: str = "note.txt", data: bytes = b"hello",
                            mime_type: str = "text/plain", caption: str | None = None) -> dict:
        content: dict = {"document": self.standin.files.add_document(data, file_name, mime_type)}
        if caption:
            content["caption"] = caption
        return await self._post(content)

    async def send_contact(self, phone: str = "+86 138 0000 0000", own: bool = True,
                           first_name: str | None = None) -> dict:
        """own=True is the request_contact button; False is someone else's card."""
        contact = {"phone_number": phone, "first_name": first_name or self.info["first_name"]}
        if own:
            contact["user_id"] = self.id
        return await self._post({"contact": contact})

    async def send_location(self, lat: float = 39.9042, lon: float = 116.4074) -> dict:
        return await self._post({"location": {"latitude": lat, "longitude": lon}})

    async def send_sticker(self, emoji: str = "👍") -> dict:
        stored = self.standin.files.add(os.urandom(64), "stickers", "webp")
        return await self._post({"sticker": {
            "file_id": stored.file_id, "file_unique_id": stored.file_unique_id, "type": "regular",
            "width": 512, "height": 512, "is_animated": False, "is_video": False, "emoji": emoji,
            "file_size": len(stored.data)}})

    async def send_dice(self, emoji: str = "🎲", value: int = 4) -> dict:
        return await self._post({"dice": {"emoji": emoji, "value": value}})

    async def send_voice(self, duration: int = 3) -> dict:
        stored = self.standin.files.add(os.urandom(256), "voice", "oga")
        return await self._post({"voice": {
            "file_id": stored.file_id, "file_unique_id": stored.file_unique_id, "duration": duration,
            "mime_type": "audio/ogg", "file_size": len(stored.data)}})

    # ---- buttons ---------------------------------------------------------------------------------

    async def press(self, label: str, message: dict | None = None) -> dict:
        """Press an inline button by label (or unique substring), else a reply-keyboard button."""
        if message is not None:
            candidates = [self.chat.messages.get(message["message_id"], message)]
        else:
            candidates = [m for m in reversed(self.chat.bot_messages) if _inline_buttons(m)]
        for exact in (True, False):
            for msg in candidates:
                found = _matching(_inline_buttons(msg), label, exact)
                if len(found) > 1 and not exact:
                    raise AssertionError(f"button label {label!r} is ambiguous: {[b['text'] for b in found]}")
                if found:
                    return await self._press_inline(found[0], msg)
            if message is None and self.chat.reply_keyboard:
                keys = [b for row in self.chat.reply_keyboard["keyboard"] for b in row]
                found = _matching(keys, label, exact)
                if len(found) == 1 or (found and exact):
                    return await self._press_reply(found[0])
        available = {m["message_id"]: [b["text"] for b in _inline_buttons(m)] for m in candidates}
        raise AssertionError(f"no button {label!r}; inline buttons by message id: {available}; "
                             f"reply keyboard: {self.reply_keyboard}\ntranscript:\n{self.transcript()}")

    async def _press_inline(self, button: dict, msg: dict) -> dict:
        if "callback_data" not in button:
            return button  # url / web_app buttons open something outside the chat
        return await self.press_data(button["callback_data"], msg)

    async def _press_reply(self, button: dict) -> dict:
        if self.chat.reply_keyboard and self.chat.reply_keyboard.get("one_time_keyboard"):
            self.chat.reply_keyboard = None
        if button.get("request_contact"):
            return await self.send_contact(own=True)
        if button.get("request_location"):
            return await self.send_location()
        return await self.send(button["text"])

    async def press_data(self, data: str, message: dict | None = None) -> dict:
        """A callback query with arbitrary (possibly forged) data; returns the query dict."""
        msg = self.chat.messages.get(message["message_id"], message) if message else self.last
        if msg is None:
            raise AssertionError(f"chat {self.chat.id} has no bot message to press on")
        query = {"id": self.standin.new_query_id(self.id, self.chat.id), "from": dict(self.info),
                 "message": copy.deepcopy(msg), "chat_instance": str(-abs(hash((self.id, self.chat.id)))),
                 "data": data}
        self._cursor = len(self.chat.events)
        self._answer_cursor = len(self.callback_answers)  # wait_answer() answers this press
        await self.standin.push_update("callback_query", query)
        return query

    @property
    def callback_answers(self) -> list[str]:
        """Texts of answerCallbackQuery answers to this user's presses ("" for a silent answer)."""
        return [a["text"] for a in self.standin.callback_answers.get(self.id, [])]

    async def wait_answer(self, timeout: float = 5.0) -> str:
        """The next callback answer text not yet returned by wait_answer."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        cond = self.standin._changed
        async with cond:
            while self._answer_cursor >= len(self.callback_answers):
                remaining = deadline - loop.time()
                if remaining <= 0:
                    raise AssertionError(f"no callback answer for user {self.id} within {timeout}s; "
                                         f"transcript:\n{self.transcript()}")
                try:
                    await asyncio.wait_for(cond.wait(), remaining)
                except asyncio.TimeoutError:
                    pass
            self._answer_cursor += 1
            return self.callback_answers[self._answer_cursor - 1]
