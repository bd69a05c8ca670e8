"""Shared pieces of handlers: the user's language, roles, the main menu, replies."""

from __future__ import annotations

from telegram import KeyboardButton, ReplyKeyboardMarkup, Update, User
from telegram.ext import filters

from ..i18n import all_labels, language_of, plain
from ..services import LianxinContext


MENU_KEYS = ("menu.report", "menu.mycases", "menu.stations", "menu.help", "menu.lang")
MENU_BUTTONS = filters.Text({label for key in MENU_KEYS for label in all_labels(key)})
# What a user typed: not a command, not a press of the main menu (that is its own action).
TYPED_TEXT = filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND & ~MENU_BUTTONS

# A half-finished reply, note or comment is dropped after this long, so later text is a question again.
CONVERSATION_TIMEOUT = 30 * 60


async def language(update: Update, context: LianxinContext) -> str:
    """The user's language: their /lang choice, else Telegram's language_code (English for en*).

    Representatives too: their binding follows this language (see /start and /lang).
    """
    if context.user_data is not None and context.user_data.get("lang"):
        return context.user_data["lang"]
    user = update.effective_user
    stored = await context.services.people.resident_language(user.id) if user is not None else None
    lang = stored or language_of(user.language_code if user else None)
    if context.user_data is not None:
        context.user_data["lang"] = lang
    return lang


def is_admin(context: LianxinContext, user: User | None) -> bool:
    return user is not None and user.id in context.services.settings.admin_ids


async def rep_id_of(context: LianxinContext, user: User | None) -> str | None:
    """The representative this Telegram account is bound to, if any."""
    if user is None:
        return None
    binding = await context.services.people.binding_of_user(user.id)
    if binding is not None:
        return binding.rep_id
    rep = context.services.directory.representative_by_telegram_id(user.id)
    return rep.id if rep else None


def main_menu(lang: str) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        [
            [plain(lang, "menu.report"), plain(lang, "menu.mycases")],
            [plain(lang, "menu.stations"), plain(lang, "menu.help")],
            [plain(lang, "menu.lang")],
        ],
        resize_keyboard=True,
        is_persistent=True,
    )


def location_keyboard(lang: str) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        [[KeyboardButton(plain(lang, "report.share_location"), request_location=True)],
         [plain(lang, "menu.help")]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


async def reply(update: Update, text: str, **kwargs) -> None:
    """Answers in the chat the update came from, whatever kind of update it was."""
    await update.effective_chat.send_message(text, **kwargs)
