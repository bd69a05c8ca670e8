"""Rating a resolved case 1-5, with an optional comment."""

from __future__ import annotations

import dataclasses
from enum import StrEnum

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler

from ..actions import Rate
from ..callback_data import CallbackData
from ..casework import Outcome
from ..handlers.common import TYPED_TEXT, language
from ..i18n import plain, t
from ..services import LianxinContext

CASE = "rating_case"
# A comment follows the stars within a minute or two; text sent much later is a new question, not a
# comment, and goes to the question handler.
COMMENT_WINDOW = 10 * 60


class RatingStep(StrEnum):
    COMMENT = "rating.comment"


@dataclasses.dataclass(frozen=True)
class SkipComment(CallbackData):
    prefix = "rk1"
    case_id: int


async def rated(update: Update, context: LianxinContext) -> RatingStep | int:
    """Stores the stars (once) and offers to add a comment."""
    query = update.callback_query
    lang = await language(update, context)
    data = Rate.unpack(query.data)
    outcome, case = await context.services.casework.rate(data.case_id, update.effective_user.id, data.stars)
    if outcome is Outcome.ALREADY:
        await query.answer(plain(lang, "rate.already"), show_alert=True)
        return ConversationHandler.END
    if outcome is not Outcome.OK:
        await query.answer(plain(lang, "not_your_button"), show_alert=True)
        return ConversationHandler.END
    await query.answer()
    await query.edit_message_reply_markup(None)
    context.user_data[CASE] = case.id
    await update.effective_chat.send_message(
        t(lang, "rate.thanks", stars="⭐" * data.stars),
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton(plain(lang, "report.skip"), callback_data=SkipComment(case.id).pack())]]),
    )
    return RatingStep.COMMENT


async def received_comment(update: Update, context: LianxinContext) -> int:
    lang = await language(update, context)
    case_id = context.user_data.pop(CASE, None)
    await context.services.casework.comment(case_id, update.effective_user.id, update.message.text.strip())
    case = await context.services.cases.get(case_id)
    await update.message.reply_text(t(lang, "rate.comment_saved", ref=case.ref))
    return ConversationHandler.END


async def skip(update: Update, context: LianxinContext) -> int:
    lang = await language(update, context)
    if update.callback_query:
        await update.callback_query.answer()
        await update.callback_query.edit_message_reply_markup(None)
    case_id = context.user_data.pop(CASE, None)
    case = await context.services.cases.get(case_id) if case_id else None
    await update.effective_chat.send_message(t(lang, "rate.done", ref=case.ref if case else ""))
    return ConversationHandler.END


def handlers() -> list[BaseHandler]:
    return [ConversationHandler(
        name="rating",
        persistent=True,
        allow_reentry=True,
        entry_points=[CallbackQueryHandler(rated, pattern=Rate.matches)],
        states={RatingStep.COMMENT: [
            MessageHandler(TYPED_TEXT, received_comment),
            CallbackQueryHandler(skip, pattern=SkipComment.matches),
            CommandHandler("skip", skip),
        ]},
        conversation_timeout=COMMENT_WINDOW,
        fallbacks=[CommandHandler("cancel", skip)],
    )]
