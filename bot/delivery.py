"""The outbox sender: delivers queued notifications until delivered or definitively impossible.

Guarantee: **at-least-once per outbox row, in order per chat.**

- A row is written in the same transaction as the change it reports (see `Casework`), and the
  sender only ever reads committed rows, so nobody is told about a change that could still roll back.
- A row is marked sent only after Telegram accepted it. A crash (or `kill -9`) between Telegram's
  answer and that commit resends the one message on restart; so does a `TimedOut` where Telegram
  did deliver but the answer was lost. These are the only duplicates possible: Telegram offers no
  idempotency key, so the alternative would be at-most-once, i.e. a lost card.
- Order per chat: a chat's next row is not sent before the previous one is settled (sent, failed,
  or rescheduled after an error — a retried row stays at the head, so nothing overtakes it).
- Chats do not wait for each other: each chat has at most one send in flight, up to `concurrency`
  chats at once, so a slow or failing chat never delays another chat's card.

Errors: `RetryAfter` waits exactly what Telegram asks (after AIORateLimiter's own retries);
`TimedOut` / `NetworkError` (5xx, dropped connections) back off exponentially with jitter;
`Forbidden` marks the row failed and calls `on_forbidden` (a representative's cases are rerouted);
`BadRequest` is recorded with the case (`on_bad_request`) and the row falls back to plain text,
then to no keyboard, then is given up (`on_given_up`, which tells the admin chat).

Pacing: AIORateLimiter keeps the bot under Telegram's overall 30 msg/s and 20 msg/min per group,
but does not pace private chats. Telegram allows short bursts to one chat (a card with five photos
is six messages) and then answers 429, and AIORateLimiter turns one chat's 429 into a pause for
every chat. So each chat gets a token bucket: `chat_burst` messages at once, then `chat_rate` per
second. Ordinary traffic never touches the limit; a flood to one chat is spread out instead of
stalling the whole bot.
"""

from __future__ import annotations

import asyncio
import html
import logging
import random
import re
import time
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

Callback = Callable[[OutboxItem, str], Awaitable[None]]


class _Bucket:
    """Token bucket for one chat."""

    __slots__ = ("tokens", "at")

    def __init__(self, burst: float):
        self.tokens = burst
        self.at = time.monotonic()


class OutboxSender:
    def __init__(
        self,
        bot: Bot,
        outbox: Outbox,
        on_forbidden: Callback,
        on_given_up: Callback,
        on_bad_request: Callback | None = None,
        *,
        concurrency: int = 32,
        backoff_base: float = 0.5,
        max_backoff: float = MAX_BACKOFF,
        max_attempts: int = MAX_ATTEMPTS,
        chat_burst: float = 20,
        chat_rate: float = 1.0,
    ):
        self.bot = bot
        self.outbox = outbox
        self.on_forbidden = on_forbidden
        self.on_given_up = on_given_up
        self.on_bad_request = on_bad_request
        self.concurrency = concurrency
        self.backoff_base = backoff_base
        self.max_backoff = max_backoff
        self.max_attempts = max_attempts
        self.chat_burst = chat_burst
        self.chat_rate = chat_rate
        self._buckets: dict[int, _Bucket] = {}
        self._in_flight: dict[int, asyncio.Task] = {}  # chat id -> its one send in progress
        self._wake = asyncio.Event()
        self._task: asyncio.Task | None = None
        self._stopping = False

    def wake(self) -> None:
        """Called after a transaction committed: deliver now rather than at the next poll."""
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
        pending = list(self._in_flight.values())
        if pending:
            _, still = await asyncio.wait(pending, timeout=timeout)
            for task in still:  # the row stays pending: sent again after the restart
                task.cancel()

    async def drain(self, timeout: float = 30.0) -> None:
        """Waits until nothing is pending or in flight (benchmarks and tests)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self._in_flight and await self.outbox.pending_count() == 0:
                return
            await asyncio.sleep(0.02)
        raise TimeoutError("outbox not drained")

    # The loop -------------------------------------------------------------------------------------
    async def _run(self) -> None:
        while not self._stopping:
            self._wake.clear()
            try:
                wait = await self._dispatch()
            except Exception:  # the loop must survive anything, e.g. a locked database
                log.exception("outbox sender round failed")
                wait = 1.0
            if wait <= 0:
                continue
            try:
                await asyncio.wait_for(self._wake.wait(), wait)
            except asyncio.TimeoutError:
                pass

    async def _dispatch(self) -> float:
        """Starts a send for every chat whose head row is due; returns how long to sleep."""
        items = await self.outbox.due(limit=max(200, 4 * self.concurrency))
        paced_for = 1.0
        for item in items:
            if self._stopping or len(self._in_flight) >= self.concurrency:
                break
            if item.chat_id in self._in_flight:
                continue
            wait = self._take_token(item.chat_id)
            if wait > 0:
                paced_for = min(paced_for, wait)
                continue
            task = asyncio.create_task(self._deliver(item), name=f"outbox-{item.id}")
            self._in_flight[item.chat_id] = task
            task.add_done_callback(lambda _t, chat=item.chat_id: self._settled(chat))
        next_due = await self.outbox.next_due_in()
        if next_due is None:
            return paced_for
        # Due rows of busy chats are started when their chat settles (which wakes us).
        return min(paced_for, max(next_due, 0.02)) if next_due > 0 else paced_for

    def _settled(self, chat_id: int) -> None:
        self._in_flight.pop(chat_id, None)
        self._wake.set()

    def _take_token(self, chat_id: int) -> float:
        """0 if the chat may get a message now (and counts it), else seconds until it may."""
        bucket = self._buckets.get(chat_id)
        now = time.monotonic()
        if bucket is None:
            bucket = self._buckets[chat_id] = _Bucket(self.chat_burst)
        bucket.tokens = min(self.chat_burst, bucket.tokens + (now - bucket.at) * self.chat_rate)
        bucket.at = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            if len(self._buckets) > 10_000:  # forget full buckets of quiet chats
                self._buckets = {k: b for k, b in self._buckets.items() if b.tokens < self.chat_burst}
            return 0.0
        return (1 - bucket.tokens) / self.chat_rate

    # One row ----------------------------------------------------------------------------------------
    async def _deliver(self, item: OutboxItem) -> None:
        try:
            message_id = await self._send(item.chat_id, item.payload)
        except RetryAfter as exc:
            raw = getattr(exc, "_retry_after", None)  # a timedelta; `.retry_after` warns while it is an int
            delay = raw.total_seconds() if isinstance(raw, timedelta) else float(exc.retry_after)
            await self.outbox.retry_later(item, delay + 0.1, str(exc))
        except Forbidden as exc:
            await self.outbox.mark_failed(item, str(exc))
            await self._call(self.on_forbidden, item, str(exc))
        except ChatMigrated as exc:
            await self.outbox.mark_failed(item, str(exc))
            await self._call(self.on_given_up, item, str(exc))
        except BadRequest as exc:
            await self._bad_request(item, exc)
        except (TimedOut, NetworkError) as exc:
            # TimedOut: the message may or may not have arrived; sending again risks one duplicate,
            # not sending risks a lost notification. We choose at-least-once.
            await self._retry(item, str(exc) or type(exc).__name__)
        except InvalidToken as exc:
            await self._retry(item, str(exc))
        except Exception as exc:  # a bug must not lose the row: keep it, with backoff
            log.exception("unexpected error sending outbox row %s", item.id)
            await self._retry(item, repr(exc))
        else:
            await self.outbox.mark_sent(item, message_id)

    async def _call(self, callback: Callback | None, item: OutboxItem, reason: str) -> None:
        if callback is None:
            return
        try:
            await callback(item, reason)
        except Exception:
            log.exception("outbox callback failed for row %s", item.id)

    def backoff(self, attempts: int) -> float:
        """Seconds before try number `attempts + 1`: exponential, capped, with ±20% jitter."""
        delay = min(self.max_backoff, self.backoff_base * 2 ** min(attempts, 20))
        return delay * random.uniform(0.8, 1.2)

    async def _retry(self, item: OutboxItem, error: str) -> None:
        if item.attempts + 1 >= self.max_attempts:
            await self.outbox.mark_failed(item, error)
            await self._call(self.on_given_up, item, error)
            return
        await self.outbox.retry_later(item, self.backoff(item.attempts), error)

    async def _bad_request(self, item: OutboxItem, exc: BadRequest) -> None:
        """Telegram refused the content: record it with the case, fall back to plain text, then give up."""
        reason = str(exc)
        payload = item.payload
        if payload.get("parse_mode") and not payload.get("fallback"):
            plain = dict(payload, fallback=True)
            plain.pop("parse_mode", None)
            key = "text" if "text" in plain else "caption"
            if key in plain:
                plain[key] = html.unescape(_TAG.sub("", plain[key]))
            await self.outbox.replace_payload(item, plain, reason)
            await self._call(self.on_bad_request, item, reason)
            return
        if "reply_markup" in payload and not payload.get("no_markup"):
            await self.outbox.replace_payload(
                item, {k: v for k, v in payload.items() if k != "reply_markup"} | {"no_markup": True}, reason)
            await self._call(self.on_bad_request, item, reason)
            return
        await self.outbox.mark_failed(item, reason)
        await self._call(self.on_given_up, item, reason)

    async def _send(self, chat_id: int, payload: dict) -> int | None:
        method = payload["method"]
        markup = payload.get("reply_markup")
        reply_markup = InlineKeyboardMarkup.de_json(markup, self.bot) if markup else None
        common = {"chat_id": chat_id, "reply_markup": reply_markup, "parse_mode": payload.get("parse_mode")}
        if method == "sendMessage":
            message = await self.bot.send_message(text=payload["text"], **common)
        elif method == "sendPhoto":
            message = await self.bot.send_photo(photo=payload["photo"], caption=payload.get("caption"), **common)
        elif method == "sendDocument":
            message = await self.bot.send_document(document=payload["document"], caption=payload.get("caption"), **common)
        elif method == "copyMessage":
            result = await self.bot.copy_message(
                chat_id=chat_id, from_chat_id=payload["from_chat_id"], message_id=payload["message_id"],
                caption=payload.get("caption"), parse_mode=payload.get("parse_mode"), reply_markup=reply_markup,
            )
            return result.message_id
        else:
            raise BadRequest(f"unknown outbox method {method}")
        return message.message_id
