"""A local Telegram Bot API stand-in: a real HTTP server a PTB Application can poll.

It speaks the wire format PTB uses (form, multipart and JSON bodies; HTTP status == error_code)
so scenario tests and the offline demo exercise the same code paths as production.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import Counter
from typing import Any

from aiohttp import web

from .client import ChatView, TelegramUser
from .faults import Faults
from .methods import API, ApiMethods, PendingQuery, UploadedFile
from .state import ApiError, Chat, FileStore

log = logging.getLogger(__name__)

# Form values are strings; these stay strings, every other value is JSON-decoded when possible.
TEXT_PARAMS = {"text", "caption", "parse_mode", "callback_query_id", "file_id", "photo", "document",
               "url", "language_code", "action", "description", "short_description", "name", "title",
               "inline_message_id", "secret_token", "sticker", "voice", "audio", "video", "animation"}


def _error(exc: ApiError) -> web.Response:
    return web.json_response(exc.body(), status=exc.code)


def _decode(key: str, value: Any) -> Any:
    if not isinstance(value, str) or key in TEXT_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


class BotApiStandIn(ApiMethods):
    """Bot API server on 127.0.0.1 with an ephemeral port, plus the users who talk to the bot."""

    def __init__(self, token: str = "123456:TEST", bot_username: str = "lianxin_bot",
                 bot_first_name: str = "Lianxin", host: str = "127.0.0.1"):
        self.token, self.host = token, host
        self.bot_id = int(token.split(":", 1)[0])
        self.bot_username, self.bot_first_name = bot_username, bot_first_name
        self.port: int | None = None
        self.chats: dict[int, Chat] = {}
        self.files = FileStore()
        self.faults = Faults()
        self.requests: list[tuple[str, dict]] = []  # (method, decoded params), in arrival order
        self.counters: Counter[str] = Counter()  # method -> number of requests
        self.updates: list[dict] = []
        self.allowed_updates: list[str] | None = None
        self.pending_queries: dict[str, PendingQuery] = {}
        self.callback_answers: dict[int, list[dict]] = {}
        self.bot_commands: dict[tuple[str, str], list[dict]] = {}
        self._next_update_id = 1
        self._next_query_id = 1
        self._views: dict[tuple[int, int], TelegramUser] = {}  # (user id, chat id) -> view
        self._chat_views: dict[int, ChatView] = {}
        self._changed = asyncio.Condition()
        self._stopping = asyncio.Event()
        self._runner: web.AppRunner | None = None

    # ---- lifecycle -----------------------------------------------------------------------------

    async def start(self) -> "BotApiStandIn":
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        self._stopping.clear()
        self._runner = web.AppRunner(app, shutdown_timeout=1.0, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        log.info("Bot API stand-in listening on %s", self.base_url)
        return self

    async def stop(self) -> None:
        """Release pending long polls and held requests first, so shutdown is immediate."""
        self._stopping.set()
        await self.notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> "BotApiStandIn":
        return await self.start()

    async def __aexit__(self, *exc_info: Any) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://{self.host}:{self.port}/file/bot"

    # ---- people and chats -------------------------------------------------------------------------

    def user(self, user_id: int = 1001, first_name: str = "李梅", language_code: str | None = "zh",
             username: str | None = None, last_name: str | None = None) -> TelegramUser:
        """A person with a private chat with the bot (the same object for the same id)."""
        if (user_id, user_id) in self._views:
            return self._views[(user_id, user_id)]
        info = {"id": user_id, "is_bot": False, "first_name": first_name, "last_name": last_name,
                "username": username, "language_code": language_code}
        info = {k: v for k, v in info.items() if v is not None}
        chat = self.chats.setdefault(user_id, Chat(user_id, "private", first_name=first_name,
                                                   last_name=last_name, username=username))
        view = TelegramUser(self, info, chat)
        self._views[(user_id, user_id)] = view
        return view

    def chat(self, chat_id: int, title: str = "Lianxin admins", type: str = "group") -> ChatView:
        """A group chat (negative id) the bot is a member of; read what the bot posts there.

        The same view (and wait_for cursor) is returned for the same id.
        """
        if chat_id not in self._chat_views:
            chat = self.chats.setdefault(chat_id, Chat(chat_id, type, title=title))
            self._chat_views[chat_id] = ChatView(self, chat)
        return self._chat_views[chat_id]

    def member(self, user: TelegramUser, chat_id: int) -> TelegramUser:
        """`user` acting inside group `chat_id`: send, reply and press buttons there."""
        key = (user.id, chat_id)
        if key not in self._views:
            if chat_id not in self.chats:
                self.chat(chat_id)
            self._views[key] = TelegramUser(self, user.info, self.chats[chat_id])
        return self._views[key]

    def block(self, chat_id: int) -> None:
        self.chats.setdefault(chat_id, Chat(chat_id)).blocked = True

    def unblock(self, chat_id: int) -> None:
        if chat_id in self.chats:
            self.chats[chat_id].blocked = False

    def requests_for(self, method: str) -> list[dict]:
        return [params for name, params in self.requests if name.lower() == method.lower()]

    def commands(self, scope: dict | None = None, language_code: str = "") -> list[dict]:
        """Commands stored by setMyCommands for a scope (default scope if None)."""
        return self.bot_commands.get(self._commands_key({"scope": scope, "language_code": language_code}), [])

    # ---- updates ---------------------------------------------------------------------------------

    async def push_update(self, kind: str, payload: dict) -> dict:
        """Queue an update for getUpdates, with an increasing update_id."""
        update = {"update_id": self._next_update_id, kind: payload}
        self._next_update_id += 1
        self.updates.append(update)
        await self.notify()
        return update

    def new_query_id(self, user_id: int, chat_id: int) -> str:
        query_id = f"{self.bot_id}{self._next_query_id:06d}"
        self._next_query_id += 1
        self.pending_queries[query_id] = PendingQuery(user_id, chat_id)
        return query_id

    async def notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # ---- HTTP --------------------------------------------------------------------------------------

    async def _read_params(self, request: web.Request) -> dict:
        if not request.can_read_body:
            return {key: _decode(key, value) for key, value in request.query.items()}
        if request.content_type == "application/json":
            return dict(await request.json())
        params: dict = {}
        for key, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                params[key] = UploadedFile(value.filename, value.content_type, value.file.read())
            else:
                params[key] = _decode(key, value)
        return params

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        params = await self._read_params(request)
        self.requests.append((method, params))
        self.counters[method] += 1
        log.debug("%s %s", method, params)
        if request.match_info["token"] != self.token:
            return _error(ApiError(401, "Unauthorized"))
        handler = API.get(method.lower())
        if handler is None:
            return _error(ApiError(404, "Not Found"))
        rule = self.faults.take(method, params)
        if rule is not None and rule.kind == "drop":
            log.info("fault: dropping %s", method)
            assert request.transport is not None
            request.transport.abort()
            return web.Response()
        if rule is not None and rule.kind != "timeout":
            log.info("fault: %s on %s", rule.kind, method)
            return _error(rule.error())
        try:
            result = await handler(self, params)
        except ApiError as exc:
            return _error(exc)
        if rule is not None:  # "timeout": done, but answer too late for the client
            log.info("fault: holding %s for %.1fs", method, rule.delay)
            try:
                await asyncio.wait_for(self._stopping.wait(), rule.delay)
            except asyncio.TimeoutError:
                pass
        return web.json_response({"ok": True, "result": result})

    async def _handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(ApiError(401, "Unauthorized"))
        stored = self.files.by_path.get(request.match_info["path"])
        if stored is None:
            return _error(ApiError(404, "Not Found"))
        return web.Response(body=stored.data, content_type="application/octet-stream")
