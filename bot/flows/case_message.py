"""Writing to the other side of a case after a button: Reply (representative) or Add a message (resident)."""

from __future__ import annotations

from enum import StrEnum

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler, filters

from ..actions import AddMessage, CaseAction, CaseVerb
from ..casework import Outcome
from ..handlers.common import CONVERSATION_TIMEOUT, TYPED_TEXT, language, rep_id_of
from ..handlers.representatives import owned_case
from ..i18n import plain, t
from ..services import LianxinContext

CASE = "message_case"
ROLE = "message_role"

class MessageStep(StrEnum):
    WAITING = "message.waiting"


async def rep_reply(update: Update, context: LianxinContext) -> MessageStep | int:
    """Reply on a card: asks the representative for the text or photo to relay."""
    case = await owned_case(update, context)
    if case is None:
        return ConversationHandler.END
    lang = await language(update, context)
    context.user_data[CASE], context.user_data[ROLE] = case.id, "rep"
    await update.effective_chat.send_message(t(lang, "rep.ask_reply", ref=case.ref))
    return MessageStep.WAITING


async def resident_add(update: Update, context: LianxinContext) -> MessageStep | int:
    """Add a message on a resident's case: asks for the text or photo."""
    query = update.callback_query
    lang = await language(update, context)
    data = AddMessage.unpack(query.data)
    case = await context.services.cases.get(data.case_id)
    if case is None or case.resident_id != update.effective_user.id:
        await query.answer(plain(lang, "not_your_button"), show_alert=True)
        return ConversationHandler.END
    await query.answer()
    if case.status == "closed":
        await update.effective_chat.send_message(t(lang, "case.closed_no_messages", ref=case.ref))
        return ConversationHandler.END
    context.user_data[CASE], context.user_data[ROLE] = case.id, "resident"
    await update.effective_chat.send_message(t(lang, "case.ask_message", ref=case.ref))
    return MessageStep.WAITING


async def received_message(update: Update, context: LianxinContext) -> int:
    """Relays the text or photo to the other side, tagged with the reference."""
    lang = await language(update, context)
    message = update.message
    case_id, role = context.user_data.pop(CASE, None), context.user_data.pop(ROLE, None)
    text = message.text or message.caption
    photo = message.photo[-1].file_id if message.photo else None
    casework = context.services.casework
    if role == "rep":
        rep_id = await rep_id_of(context, update.effective_user)
        outcome, case = await casework.rep_message(case_id, rep_id, text, photo)
        done = "rep.reply_sent"
    else:
        outcome, case = await casework.resident_message(case_id, update.effective_user.id, text, photo)
        done = "case.message_sent"
    if outcome is Outcome.OK:
        await message.reply_text(t(lang, done, ref=case.ref))
    elif outcome is Outcome.CLOSED and case:
        await message.reply_text(t(lang, "case.closed_no_messages", ref=case.ref))
    else:
        await message.reply_text(t(lang, "stale_button"))
    return ConversationHandler.END


async def needs_text_or_photo(update: Update, context: LianxinContext) -> None:
    lang = await language(update, context)
    await update.effective_chat.send_message(t(lang, "rep.send_text_or_photo") + "\n" + t(lang, "unsupported_media"))


async def cancel(update: Update, context: LianxinContext) -> int:
    lang = await language(update, context)
    context.user_data.pop(CASE, None)
    context.user_data.pop(ROLE, None)
    await update.effective_chat.send_message(t(lang, "message_cancelled"))
    return ConversationHandler.END


def handlers() -> list[BaseHandler]:
    private = filters.ChatType.PRIVATE
    return [ConversationHandler(
        name="case_message",
        persistent=True,
        allow_reentry=True,
        entry_points=[
            CallbackQueryHandler(rep_reply, pattern=lambda d: (a := CaseAction.unpack(d)) is not None and a.verb == CaseVerb.REPLY),
            CallbackQueryHandler(resident_add, pattern=AddMessage.matches),
        ],
        states={
            MessageStep.WAITING: [
                MessageHandler(TYPED_TEXT | (private & filters.PHOTO), received_message),
                MessageHandler(private & ~filters.COMMAND & ~filters.TEXT, needs_text_or_photo),
            ],
        },
        conversation_timeout=CONVERSATION_TIMEOUT,
        fallbacks=[CommandHandler("cancel", cancel)],
    )]
