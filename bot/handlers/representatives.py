"""Representatives' single-update actions: /cases, Accept, Transfer, and relaying Telegram replies."""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from ..actions import CaseAction, CaseVerb, TransferTo
from ..casework import Outcome
from ..i18n import plain, t
from ..services import LianxinContext
from .common import language, rep_id_of

REFERENCE = re.compile(r"\b[A-Z0-9]{1,8}-\d{4}-\d{4,}\b")


async def send_open_cases(update: Update, context: LianxinContext, rep_id: str, lang: str) -> None:
    services = context.services
    cases = await services.cases.open_of_rep(rep_id)
    if not cases:
        await update.effective_chat.send_message(t(lang, "rep.no_cases"))
        return
    lines = [t(lang, "rep.cases_header")]
    for case in cases:
        lines.append(t(lang, "rep.cases_line", ref=case.ref, status=plain(lang, f"status.{case.status}"),
                       category=services.casework.category_name(case.category_id, lang), since=case.created_at[:16].replace("T", " ")))
    buttons = [[InlineKeyboardButton(f"{case.ref} · {plain(lang, 'rep.reply')}",
                                     callback_data=CaseAction(CaseVerb.REPLY, case.id).pack()),
                InlineKeyboardButton(plain(lang, "rep.resolve"), callback_data=CaseAction(CaseVerb.RESOLVE, case.id).pack())]
               for case in cases[:20]]
    await update.effective_chat.send_message("\n".join(lines), reply_markup=InlineKeyboardMarkup(buttons))


async def cases_command(update: Update, context: LianxinContext) -> None:
    """Lists the representative's open cases, oldest first."""
    lang = await language(update, context)
    rep_id = await rep_id_of(context, update.effective_user)
    if rep_id is None:
        await update.effective_chat.send_message(t(lang, "rep.only_reps"))
        return
    await send_open_cases(update, context, rep_id, lang)


async def refuse(update: Update, context: LianxinContext, outcome: Outcome, case, lang: str) -> None:
    """Answers a button that may not act on this case, saying why."""
    ref = case.ref if case else "?"
    if outcome is Outcome.ALREADY and case is not None and case.rep_id:
        text = plain(lang, "rep.already_accepted", ref=ref, who=context.services.casework.rep_name(case.rep_id, lang))
    elif outcome is Outcome.CLOSED or (outcome is Outcome.ALREADY):
        text = plain(lang, "rep.case_closed", ref=ref)
    elif outcome is Outcome.NOT_FOUND:
        text = plain(lang, "stale_button")
    else:
        text = plain(lang, "rep.not_yours", ref=ref)
    await update.callback_query.answer(text, show_alert=True)


async def owned_case(update: Update, context: LianxinContext):
    """The case of a card button if the presser owns it and it is open; otherwise says why and returns None."""
    lang = await language(update, context)
    data = CaseAction.unpack(update.callback_query.data)
    rep_id = await rep_id_of(context, update.effective_user)
    outcome, case = await context.services.casework.check_owner(data.case_id, rep_id) if rep_id else (Outcome.NOT_YOURS, None)
    if outcome is not Outcome.OK:
        await refuse(update, context, outcome, case, lang)
        return None
    await update.callback_query.answer()
    return case


async def accept(update: Update, context: LianxinContext) -> None:
    """Accept: exactly one representative wins; the resident is told who took it."""
    query = update.callback_query
    lang = await language(update, context)
    data = CaseAction.unpack(query.data)
    rep_id = await rep_id_of(context, update.effective_user)
    if rep_id is None:
        await query.answer(plain(lang, "not_your_button"), show_alert=True)
        return
    outcome, case = await context.services.casework.accept(data.case_id, rep_id)
    if outcome is not Outcome.OK:
        await refuse(update, context, outcome, case, lang)
        return
    await query.answer(plain(lang, "rep.accepted", ref=case.ref))
    keyboard = InlineKeyboardMarkup([
        [InlineKeyboardButton(plain(lang, "rep.reply"), callback_data=CaseAction(CaseVerb.REPLY, case.id).pack()),
         InlineKeyboardButton(plain(lang, "rep.transfer"), callback_data=CaseAction(CaseVerb.TRANSFER, case.id).pack())],
        [InlineKeyboardButton(plain(lang, "rep.resolve"), callback_data=CaseAction(CaseVerb.RESOLVE, case.id).pack())],
    ])
    await query.edit_message_reply_markup(keyboard)
    await update.effective_chat.send_message(t(lang, "rep.accepted", ref=case.ref))


async def transfer(update: Update, context: LianxinContext) -> None:
    """Transfer: offers the station's other reachable representatives and the street office."""
    case = await owned_case(update, context)
    if case is None:
        return
    lang = await language(update, context)
    rep_id = case.rep_id
    casework = context.services.casework
    rows = [[InlineKeyboardButton(casework.rep_name(other, lang), callback_data=TransferTo(case.id, other).pack())]
            for other in await casework.transfer_candidates(case, rep_id)]
    rows.append([InlineKeyboardButton(plain(lang, "rep.to_admin"), callback_data=TransferTo(case.id, TransferTo.TO_ADMIN).pack())])
    rows.append([InlineKeyboardButton(plain(lang, "rep.keep"), callback_data=TransferTo(case.id, TransferTo.KEEP).pack())])
    await update.effective_chat.send_message(t(lang, "rep.pick_transfer", ref=case.ref), reply_markup=InlineKeyboardMarkup(rows))


async def transfer_to(update: Update, context: LianxinContext) -> None:
    """Hands the case over; the new owner gets the card, the resident is told."""
    query = update.callback_query
    lang = await language(update, context)
    data = TransferTo.unpack(query.data)
    if data.rep_id == TransferTo.KEEP:  # pressed Transfer by mistake: nothing changes
        await query.answer()
        case = await context.services.cases.get(data.case_id)
        await query.edit_message_text(t(lang, "rep.kept", ref=case.ref if case else ""))
        return
    rep_id = await rep_id_of(context, update.effective_user)
    casework = context.services.casework
    target = None if data.rep_id == TransferTo.TO_ADMIN else data.rep_id
    if target is not None:
        case = await context.services.cases.get(data.case_id)
        if case is None or target not in await casework.transfer_candidates(case, rep_id or ""):
            await query.answer(plain(lang, "stale_button"), show_alert=True)
            return
    outcome, case = await casework.transfer(data.case_id, rep_id, target) if rep_id else (Outcome.NOT_YOURS, None)
    if outcome is not Outcome.OK:
        await refuse(update, context, outcome, case, lang)
        return
    to = casework.rep_name(target, lang) if target else plain(lang, "rep.to_admin")
    await query.answer()
    await query.edit_message_text(t(lang, "rep.transferred", ref=case.ref, to=to))


async def relay_reply(update: Update, context: LianxinContext) -> None:
    """A Telegram reply to a case message is relayed to the other side of that case."""
    message = update.message
    services = context.services
    original = message.reply_to_message
    case_id = await services.cases.case_of_message(message.chat_id, original.message_id)
    if case_id is None:
        # The link is recorded once Telegram confirms delivery; a very quick reply can beat it,
        # so fall back to the reference every case message carries.
        found = REFERENCE.search(original.text or original.caption or "") if original.from_user and original.from_user.is_bot else None
        case = await services.cases.by_ref(found.group(0)) if found else None
        case_id = case.id if case else None
    lang = await language(update, context)
    if case_id is None:
        return await _not_a_case(update, context)
    text = message.text or message.caption
    photo = message.photo[-1].file_id if message.photo else None
    case = await services.cases.get(case_id)
    user = update.effective_user
    admin_chat = services.settings.admin_chat_id
    if case.resident_id == user.id and message.chat_id == case.resident_chat_id:
        outcome, case = await services.casework.resident_message(case_id, user.id, text, photo)
        done_key = "case.message_sent"
    else:
        rep_id = await rep_id_of(context, user)
        if rep_id is None and message.chat_id == admin_chat and user.id in services.settings.admin_ids:
            rep_id = case.rep_id  # an admin answering in the admin chat speaks for the case owner
        outcome, case = await services.casework.rep_message(case_id, rep_id, text, photo) if rep_id else (Outcome.NOT_YOURS, case)
        done_key = "rep.reply_sent"
    if outcome is Outcome.OK:
        await message.reply_text(t(lang, done_key, ref=case.ref))
    elif outcome is Outcome.CLOSED:
        await message.reply_text(t(lang, "case.closed_no_messages", ref=case.ref))
    else:
        await message.reply_text(t(lang, "rep.not_yours", ref=case.ref if case else "?"))


async def _not_a_case(update: Update, context: LianxinContext) -> None:
    # A reply to some other bot message is an ordinary question.
    from .questions import answer_question

    await answer_question(update, context)


def _verb(*verbs: CaseVerb):
    return lambda data: (a := CaseAction.unpack(data)) is not None and CaseVerb(a.verb) in verbs


def handlers() -> list[BaseHandler]:
    return [
        CommandHandler("cases", cases_command),
        CallbackQueryHandler(accept, pattern=_verb(CaseVerb.ACCEPT)),
        CallbackQueryHandler(transfer, pattern=_verb(CaseVerb.TRANSFER)),
        CallbackQueryHandler(transfer_to, pattern=TransferTo.matches),
        MessageHandler(filters.REPLY & (filters.TEXT & ~filters.COMMAND | filters.PHOTO), relay_reply),
    ]
