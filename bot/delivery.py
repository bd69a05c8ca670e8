"""The outbox sender: delivers queued notifications until delivered or definitively impossible.

Guarantee: at-least-once per outbox row. A row is marked sent only after Telegram accepted it;
a crash between the two resends that one message on restart (the only duplicate possible).
Order per chat is kept: a chat's next row waits until the one before it is settled.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
from datetime import timedelta
from typing import Awaitable, Callable

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest, ChatMigrated, Forbidden, InvalidToken, NetworkError, RetryAfter, TimedOut

from .store.outbox import Outbox, OutboxItem

log = logging.getLogger(__name__)

MAX_BACKOFF = 300.0
# After this many failed tries a row is given up on (about a day with the backoff above).
MAX_ATTEMPTS = 300
_TAG = re.compile(r"<[^>]+>")


class OutboxSender:
    def __init__(
        self,
        bot: Bot,
        outbox: Outbox,
        on_forbidden: Callable[[OutboxItem, str], Awaitable[None]],
        on_given_up: Callable[[OutboxItem, str], Awaitable[None]],
        concurrency: int = 16,
    ):
        self.bot = bot
        self.outbox = outbox
        self.on_forbidden = on_forbidden
        self.on_given_up = on_given_up
        self._wake = asyncio.Event()
        self._task: asyncio.Task | None = None
        self._limit = asyncio.Semaphore(concurrency)
        self._stopping = False

    def wake(self) -> None:
        """Called after a transaction queued something: deliver now rather than at the next poll."""
        self._wake.set()

    def start(self) -> None:
        self._stopping = False
        self._task = asyncio.create_task(self._run(), name="outbox-sender")

    async def stop(self, timeout: float = 3.0) -> None:
        """Lets in-flight sends finish (bounded); what is left stays queued for the next start."""
        self._stopping = True
        self._wake.set()
        if self._task:
            try:
                await asyncio.wait_for(self._task, timeout)
            except (asyncio.TimeoutError, asyncio.CancelledError):
                pass
            self._task = None

    async def _run(self) -> None:
        while not self._stopping:
            try:
                sent_any = await self.deliver_due()
            except Exception:  # the loop must survive anything, e.g. a locked database
                log.exception("outbox sender round failed")
                sent_any = False
            if sent_any:
                continue
            wait = await self.outbox.next_due_in()
            wait = 1.0 if wait is None else min(max(wait, 0.05), 1.0)
            self._wake.clear()
            try:
                await asyncio.wait_for(self._wake.wait(), wait)
            except asyncio.TimeoutError:
                pass

    async def deliver_due(self) -> bool:
        items = await self.outbox.due()
        if not items:
            return False
        await asyncio.gather(*(self._deliver(item) for item in items))
        return True

    async def _deliver(self, item: OutboxItem) -> None:
        async with self._limit:
            try:
                message_id = await self._send(item.chat_id, item.payload)
            except RetryAfter as exc:
                delay = exc.retry_after.total_seconds() if isinstance(exc.retry_after, timedelta) else float(exc.retry_after)
                await self.outbox.retry_later(item, delay + 0.1, str(exc))
            except Forbidden as exc:
                await self.outbox.mark_failed(item, str(exc))
                await self.on_forbidden(item, str(exc))
            except ChatMigrated as exc:
                await self.outbox.mark_failed(item, str(exc))
                await self.on_given_up(item, str(exc))
            except BadRequest as exc:
                await self._bad_request(item, exc)
            except (TimedOut, NetworkError) as exc:
                # TimedOut: the message may or may not have arrived; sending again risks one duplicate,
                # not sending risks a lost notification. We choose at-least-once.
                await self._retry(item, str(exc) or type(exc).__name__)
            except InvalidToken as exc:
                await self._retry(item, str(exc))
            else:
                await self.outbox.mark_sent(item, message_id)

    async def _retry(self, item: OutboxItem, error: str) -> None:
        if item.attempts + 1 >= MAX_ATTEMPTS:
            await self.outbox.mark_failed(item, error)
            await self.on_given_up(item, error)
            return
        delay = min(MAX_BACKOFF, 0.5 * 2 ** min(item.attempts, 12))
        await self.outbox.retry_later(item, delay, error)

    async def _bad_request(self, item: OutboxItem, exc: BadRequest) -> None:
        """Telegram refused the content: fall back once to plain text, else record and give up."""
        payload = item.payload
        if payload.get("parse_mode") and not payload.get("fallback"):
            plain = dict(payload, fallback=True)
            plain.pop("parse_mode", None)
            key = "text" if "text" in plain else "caption"
            if key in plain:
                plain[key] = html.unescape(_TAG.sub("", plain[key]))
            await self.outbox.replace_payload(item, plain, str(exc))
            return
        if "reply_markup" in payload and not payload.get("no_markup"):
            await self.outbox.replace_payload(item, {k: v for k, v in payload.items() if k != "reply_markup"} | {"no_markup": True}, str(exc))
            return
        await self.outbox.mark_failed(item, str(exc))
        await self.on_given_up(item, str(exc))

    async def _send(self, chat_id: int, payload: dict) -> int | None:
        method = payload["method"]
        markup = payload.get("reply_markup")
        reply_markup = InlineKeyboardMarkup.de_json(markup, self.bot) if markup else None
        common = {"chat_id": chat_id, "reply_markup": reply_markup, "parse_mode": payload.get("parse_mode")}
        if method == "sendMessage":
            message = await self.bot.send_message(text=payload["text"], **common)
        elif method == "sendPhoto":
            message = await self.bot.send_photo(photo=payload["photo"], caption=payload.get("caption"), **common)
        elif method == "copyMessage":
            result = await self.bot.copy_message(
                chat_id=chat_id, from_chat_id=payload["from_chat_id"], message_id=payload["message_id"],
                caption=payload.get("caption"), parse_mode=payload.get("parse_mode"), reply_markup=reply_markup,
            )
            return result.message_id
        else:
            raise BadRequest(f"unknown outbox method {method}")
        return message.message_id
