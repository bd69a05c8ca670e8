"""/start, /help and /lang: greeting residents and representatives, and the language switch."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, filters

from ..i18n import all_labels, language_of, t
from ..services import LianxinContext
from .common import language, main_menu, rep_id_of
from .representatives import send_open_cases

INVITE_PREFIX = "rep_"


async def start(update: Update, context: LianxinContext) -> None:
    """Greets a resident with the menu, or a representative with their open cases."""
    user = update.effective_user
    services = context.services
    payload = context.args[0] if context.args else ""
    if payload.startswith(INVITE_PREFIX):
        rep_id = await services.people.redeem_invite(payload[len(INVITE_PREFIX):], user.id)
        lang = await language(update, context)
        if rep_id is None or services.directory.representative(rep_id) is None:
            await update.effective_chat.send_message(t(lang, "rep.invite_invalid"))
            return
        await services.people.bind(rep_id, user.id, lang, started=True)
        await greet_rep(update, context, rep_id, lang)
        return
    rep_id = await rep_id_of(context, user)
    if rep_id is not None:
        lang = await language(update, context)
        await services.people.bind(rep_id, user.id, lang, started=True)
        await greet_rep(update, context, rep_id, lang)
        return
    lang = await language(update, context)
    await services.people.remember_resident(user.id, update.effective_chat.id, lang)
    await update.effective_chat.send_message(
        t(lang, "start.resident", name=user.first_name, home=services.directory.home.name.pick(lang)),
        reply_markup=main_menu(lang),
    )


async def greet_rep(update: Update, context: LianxinContext, rep_id: str, lang: str) -> None:
    rep = context.services.directory.representative(rep_id)
    await update.effective_chat.send_message(t(lang, "rep.welcome", name=rep.name.pick(lang)))
    await send_open_cases(update, context, rep_id, lang)


async def help_command(update: Update, context: LianxinContext) -> None:
    """Shows what the bot can do; a representative also gets their own commands."""
    lang = await language(update, context)
    first_station = context.services.directory.stations[0]
    text = t(lang, "help", community=first_station.community.pick(lang))
    if update.effective_chat.type == ChatType.PRIVATE and await rep_id_of(context, update.effective_user):
        text += "\n\n" + t(lang, "help.rep")
    await update.effective_chat.send_message(text, reply_markup=main_menu(lang))


async def switch_language(update: Update, context: LianxinContext) -> None:
    """Switches between Chinese and English and remembers it (`/lang en`, `/lang zh`, or a toggle)."""
    current = await language(update, context)
    wanted = context.args[0].lower() if context.args else ""
    if wanted.startswith(("en", "zh")):
        lang = language_of(wanted) if wanted.startswith("en") else "zh"
    else:
        lang = "en" if current == "zh" else "zh"
    context.user_data["lang"] = lang
    await context.services.people.set_language(update.effective_user.id, update.effective_chat.id, lang)
    await update.effective_chat.send_message(t(lang, "lang.switched"), reply_markup=main_menu(lang))


def handlers() -> list[BaseHandler]:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("start", start, filters=private),
        CommandHandler("help", help_command),
        MessageHandler(private & filters.Text(all_labels("menu.help")), help_command),
        CommandHandler("lang", switch_language, filters=private),
        MessageHandler(private & filters.Text(all_labels("menu.lang")), switch_language),
    ]
