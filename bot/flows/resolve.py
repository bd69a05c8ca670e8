"""Resolving a case: the representative writes a short note; the resident is asked to rate."""

from __future__ import annotations

from enum import StrEnum

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler, filters

from ..actions import CaseAction, CaseVerb
from ..casework import Outcome
from ..handlers.common import CONVERSATION_TIMEOUT, TYPED_TEXT, language, rep_id_of
from ..handlers.representatives import owned_case
from ..i18n import t
from ..services import LianxinContext

CASE = "resolve_case"
MIN_NOTE = 2

class ResolveStep(StrEnum):
    NOTE = "resolve.note"


async def start(update: Update, context: LianxinContext) -> ResolveStep | int:
    """Resolve on a card: asks for the resolution note."""
    case = await owned_case(update, context)
    if case is None:
        return ConversationHandler.END
    lang = await language(update, context)
    context.user_data[CASE] = case.id
    await update.effective_chat.send_message(t(lang, "rep.ask_resolution", ref=case.ref))
    return ResolveStep.NOTE


async def received_note(update: Update, context: LianxinContext) -> ResolveStep | int:
    """Stores the note, resolves the case (once) and asks the resident to rate."""
    lang = await language(update, context)
    note = update.message.text.strip()
    if len(note) < MIN_NOTE:
        await update.message.reply_text(t(lang, "rep.resolution_too_short", min=MIN_NOTE))
        return ResolveStep.NOTE
    case_id = context.user_data.pop(CASE, None)
    rep_id = await rep_id_of(context, update.effective_user)
    outcome, case = await context.services.casework.resolve(case_id, rep_id, note)
    if outcome is Outcome.OK:
        await update.message.reply_text(t(lang, "rep.resolved", ref=case.ref))
    elif case is not None:
        await update.message.reply_text(t(lang, "rep.case_closed" if outcome is Outcome.ALREADY else "rep.not_yours", ref=case.ref))
    return ConversationHandler.END


async def cancel(update: Update, context: LianxinContext) -> int:
    lang = await language(update, context)
    case_id = context.user_data.pop(CASE, None)
    case = await context.services.cases.get(case_id) if case_id else None
    await update.effective_chat.send_message(t(lang, "resolve_cancelled", ref=case.ref if case else ""))
    return ConversationHandler.END


async def needs_text(update: Update, context: LianxinContext) -> None:
    lang = await language(update, context)
    await update.effective_chat.send_message(t(lang, "rep.resolution_too_short", min=MIN_NOTE))


def handlers() -> list[BaseHandler]:
    private = filters.ChatType.PRIVATE
    return [ConversationHandler(
        name="resolve",
        persistent=True,
        allow_reentry=True,
        entry_points=[CallbackQueryHandler(
            start, pattern=lambda d: (a := CaseAction.unpack(d)) is not None and a.verb == CaseVerb.RESOLVE)],
        states={ResolveStep.NOTE: [
            MessageHandler(TYPED_TEXT, received_note),
            MessageHandler(private & ~filters.COMMAND & ~filters.TEXT, needs_text),
        ]},
        conversation_timeout=CONVERSATION_TIMEOUT,
        fallbacks=[CommandHandler("cancel", cancel)],
    )]
