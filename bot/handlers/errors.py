"""The last handlers: commands no flow or handler took, stale or forged buttons, unsupported media,
and the error handler; and the first: edits of sent messages."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType
from telegram.error import BadRequest
from telegram.ext import (
    ApplicationHandlerStop, BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters,
)

from ..i18n import plain, t
from ..services import LianxinContext
from .common import language

log = logging.getLogger(__name__)


async def stale_button(update: Update, context: LianxinContext) -> None:
    """Any callback no handler claimed: old, forged or from a finished flow. Answered, never executed."""
    lang = await language(update, context)
    await update.callback_query.answer(plain(lang, "stale_button"), show_alert=True)


async def nothing_to_cancel(update: Update, context: LianxinContext) -> None:
    """/cancel outside any flow (inside one, the flow's own /cancel takes it)."""
    lang = await language(update, context)
    await update.effective_chat.send_message(t(lang, "nothing_to_cancel"))


async def unknown_command(update: Update, context: LianxinContext) -> None:
    """A mistyped or someone else's command gets a pointer to /help instead of silence."""
    lang = await language(update, context)
    await update.effective_chat.send_message(t(lang, "unknown_command"))


async def unsupported_media(update: Update, context: LianxinContext) -> None:
    """Voice, video, stickers and files get guidance instead of silence."""
    lang = await language(update, context)
    key = "photo_outside_flow" if update.message and update.message.photo else "unsupported_media"
    await update.effective_chat.send_message(t(lang, key))


async def edited_message(update: Update, context: LianxinContext) -> None:
    """An edit of a message already sent: whatever it answered, a question or a step of a flow, was
    done with the first version, so the resident is asked to send the correction as a new message.
    No other handler sees the edit (they all read `update.message`)."""
    if update.effective_chat.type == ChatType.PRIVATE:
        lang = await language(update, context)
        await update.effective_chat.send_message(t(lang, "edit_not_seen"))
    raise ApplicationHandlerStop


def edits_handler() -> BaseHandler:
    """Registered in a group before all others."""
    return MessageHandler(filters.UpdateType.EDITED_MESSAGE, edited_message)


async def on_error(update: object, context: LianxinContext) -> None:
    """Logs with the traceback, then tells the user something useful."""
    error = context.error
    if isinstance(error, BadRequest) and "not modified" in str(error).lower():
        return
    log.error("error while handling an update", exc_info=error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            if update.callback_query:
                await update.callback_query.answer()
            lang = await language(update, context)
            await update.effective_chat.send_message(t(lang, "error.generic"))
        except Exception:  # the error may be that we cannot reach the chat at all
            log.warning("could not tell the user about the error", exc_info=True)


def handlers() -> list[BaseHandler]:
    media = (filters.Sticker.ALL | filters.VOICE | filters.VIDEO | filters.Document.ALL | filters.AUDIO
             | filters.VIDEO_NOTE | filters.ANIMATION | filters.CONTACT | filters.PHOTO)
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("cancel", nothing_to_cancel, filters=private),
        MessageHandler(private & filters.COMMAND, unknown_command),
        MessageHandler(private & media, unsupported_media),
        # Anything else a person sends (a dice, a poll ...); not service messages (a timer set, a pin).
        MessageHandler(private & filters.UpdateType.MESSAGE & ~filters.StatusUpdate.ALL, unsupported_media),
        CallbackQueryHandler(stale_button),
    ]
