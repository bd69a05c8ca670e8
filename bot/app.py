"""The one composition root: `lianxin run`, `lianxin demo` and the tests all build the bot here."""

from __future__ import annotations

import asyncio
import logging
import warnings
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import AsyncIterator

from telegram import Bot, BotCommand, BotCommandScopeAllPrivateChats, Update
from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter, Application, ApplicationBuilder, BaseUpdateProcessor, ContextTypes, Defaults, TypeHandler,
)
from telegram.warnings import PTBUserWarning

from .config import Settings
from .delivery import OutboxSender
from .flows import case_message, rating, report, resolve
from .handlers import admin, errors, questions, representatives, residents, start, stations
from .i18n import t
from .persistence import SQLitePersistence
from .services import LianxinContext, Services, services_of
from .store.outbox import OutboxItem

log = logging.getLogger(__name__)

# Mixing CommandHandler entry points with button states is intended (python-telegram-bot#1781).
warnings.filterwarnings("ignore", message="If 'per_message=False'", category=PTBUserWarning)

COMMANDS = ["start", "help", "report", "mycases", "stations", "lang", "cancel"]
COMMAND_DESCRIPTIONS = {
    "zh": {"start": "开始 / 主菜单", "help": "使用帮助", "report": "反映一件民生小事", "mycases": "我的事项",
           "stations": "工作站与代表", "lang": "切换语言 (English)", "cancel": "取消当前操作"},
    "en": {"start": "Start / main menu", "help": "How to use Lianxin", "report": "Report a livelihood matter",
           "mycases": "My matters", "stations": "Stations and representatives", "lang": "Switch language (中文)",
           "cancel": "Cancel the current step"},
}


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Updates of one chat one at a time, in order; different chats at the same time.

    ConversationHandler needs a chat's updates processed one by one (python-telegram-bot warns
    against plain `concurrent_updates` with it), but one resident's slow step must not hold up
    a hundred others pressing Submit. Every shared change is a store transaction (serialised by
    the store's write lock, with its own checks, e.g. Accept), so chats need no other ordering.
    """

    def __init__(self, max_concurrent_updates: int = 64):
        super().__init__(max_concurrent_updates)
        # chat -> [its lock, updates holding or waiting for it]; dropped when the count is back to 0
        self._chats: dict[object, list] = {}

    async def do_process_update(self, update: object, coroutine) -> None:
        key = None
        if isinstance(update, Update):
            key = update.effective_chat.id if update.effective_chat else (
                update.effective_user.id if update.effective_user else None)
        chat = self._chats.get(key)
        if chat is None:
            chat = self._chats[key] = [asyncio.Lock(), 0]
        chat[1] += 1
        try:
            async with chat[0]:  # FIFO: a chat's updates keep their order
                await coroutine
        finally:
            chat[1] -= 1
            if chat[1] == 0:
                del self._chats[key]

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


def build_application(
    settings: Settings, *, rate_limiter: AIORateLimiter | None = None, sender_options: dict | None = None,
) -> Application:
    """Builds the bot: handlers, persistence, rate limiter, outbox sender and periodic jobs.

    `rate_limiter` and `sender_options` (OutboxSender keyword arguments) are for benchmarks and
    tests; production uses Telegram's limits and the sender's defaults.
    """
    services = Services.create(settings)
    root = settings.api_root
    application = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token)
        .base_url(f"{root}/bot")
        .base_file_url(f"{root}/file/bot")
        .defaults(Defaults(parse_mode=ParseMode.HTML, do_quote=False))
        .context_types(ContextTypes(context=LianxinContext))
        .persistence(SQLitePersistence(services.db))
        .rate_limiter(rate_limiter or AIORateLimiter(max_retries=2))
        .concurrent_updates(PerChatUpdateProcessor())
        .post_init(_on_start)
        .post_stop(_on_stop)
        .post_shutdown(_on_shutdown)
        .build()
    )
    application.bot_data["services"] = services
    application.bot_data["sender_options"] = dict(sender_options or {})
    register_handlers(application)
    return application


async def check_connection(settings: Settings) -> None:
    """Asks the Bot API who we are: raises InvalidToken or NetworkError before anything starts."""
    root = settings.api_root
    async with Bot(settings.telegram_bot_token, base_url=f"{root}/bot", base_file_url=f"{root}/file/bot") as bot:
        await bot.get_me()


def register_handlers(application: Application) -> None:
    """Order matters: flows first, then single-update handlers, free text last, stale buttons at the very end."""
    groups = [
        report.handlers(), case_message.handlers(), resolve.handlers(), rating.handlers(),
        start.handlers(), admin.handlers(), residents.handlers(), representatives.handlers(),
        stations.handlers(), questions.handlers(), errors.handlers(),
    ]
    application.add_handler(errors.edits_handler(), group=-1)
    for group in groups:
        application.add_handlers(group)
    # Write conversation state and drafts after every update, so even a hard kill loses no step.
    application.add_handler(TypeHandler(Update, _save_state), group=1)
    application.add_error_handler(errors.on_error)


async def _save_state(update: Update, context: LianxinContext) -> None:
    # python-telegram-bot marks the user's data for saving only after the last group has run;
    # mark it now, so the draft is committed together with the step, before the next update.
    context.application.mark_data_for_update_persistence(
        chat_ids=update.effective_chat.id if update.effective_chat else None,
        user_ids=update.effective_user.id if update.effective_user else None,
    )
    await context.application.update_persistence()


async def _on_start(application: Application) -> None:
    services = services_of(application)
    await services.db.open()
    services.knowledge.load()
    await _bind_known_representatives(services)
    sender = OutboxSender(
        application.bot, services.outbox,
        on_forbidden=lambda item, reason: _unreachable(services, item, reason),
        on_given_up=lambda item, reason: services.casework.delivery_failed(item.case_id, item.chat_id, reason),
        on_bad_request=lambda item, reason: services.casework.delivery_error(item.case_id, item.chat_id, reason),
        **application.bot_data.get("sender_options", {}),
    )
    services.db.after_commit.append(sender.wake)
    application.bot_data["sender"] = sender
    sender.start()
    await _set_commands(application)
    jobs = application.job_queue
    jobs.run_repeating(_maintain, interval=services.settings.maintenance_interval, first=1, name="maintenance")
    jobs.run_repeating(_reload_faq, interval=services.settings.faq_reload_interval, first=services.settings.faq_reload_interval, name="faq-reload")
    log.info("Lianxin started: %s", services.knowledge.current.summary())


async def _bind_known_representatives(services: Services) -> None:
    """Representatives with telegram_id in directory.yaml are bound; they become reachable on /start."""
    for rep in services.directory.representatives:
        if rep.telegram_id is not None:
            binding = await services.people.binding_of_rep(rep.id)
            if binding is None or binding.telegram_id != rep.telegram_id:
                await services.people.bind(rep.id, rep.telegram_id, services.directory.default_language, started=False)


async def _unreachable(services: Services, item: OutboxItem, reason: str) -> None:
    """403 from Telegram: a representative who blocked the bot loses their waiting cases to others."""
    binding = await services.people.binding_of_user(item.chat_id)
    if binding is not None:
        await services.outbox.fail_pending_for_chat(item.chat_id, reason)
        await services.casework.rep_unreachable(binding.rep_id, reason)
    else:
        await services.casework.delivery_failed(item.case_id, item.chat_id, reason)


async def _set_commands(application: Application) -> None:
    for lang in ("zh", "en"):
        commands = [BotCommand(c, COMMAND_DESCRIPTIONS[lang][c]) for c in COMMANDS]
        await application.bot.set_my_commands(commands, scope=BotCommandScopeAllPrivateChats(),
                                              language_code=None if lang == "zh" else lang)


async def _maintain(context: LianxinContext) -> None:
    await context.services.casework.maintain()


async def _reload_faq(context: LianxinContext) -> None:
    services = context.services
    reloaded, problems = await services.knowledge.reload()
    if problems and services.settings.admin_chat_id is not None:
        lang = services.directory.default_language
        await context.bot.send_message(services.settings.admin_chat_id,
                                       t(lang, "admin.reload_failed", problems="\n".join(map(str, problems[:30]))))


async def _on_stop(application: Application) -> None:
    sender: OutboxSender | None = application.bot_data.get("sender")
    if sender is not None:
        await sender.stop()


async def _on_shutdown(application: Application) -> None:
    await services_of(application).db.close()


@asynccontextmanager
async def running(application: Application, poll_timeout: float = 1.0) -> AsyncIterator[Application]:
    """The lifecycle of `Application.run_polling`, for an event loop someone else owns (tests, demo).

    Same order as run_polling: initialize, post_init, polling, start; then the reverse, with
    post_stop and post_shutdown.
    """
    await application.initialize()
    try:
        await application.post_init(application)
        await application.updater.start_polling(
            poll_interval=0, timeout=timedelta(seconds=poll_timeout), allowed_updates=Update.ALL_TYPES
        )
        await application.start()
        try:
            yield application
        finally:
            if application.updater.running:
                await application.updater.stop()
            if application.running:
                await application.stop()
            await application.post_stop(application)
    finally:
        await application.shutdown()
        await application.post_shutdown(application)
