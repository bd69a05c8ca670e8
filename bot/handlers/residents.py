"""/mycases: a resident's cases, each with its history and a way to add a message."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from ..actions import AddMessage, OpenCase
from ..domain.cases import Status
from ..i18n import all_labels, plain, t
from ..i18n.catalog import CATALOG
from ..outgoing import MAX_TEXT, visible_length
from ..services import LianxinContext
from .common import language


async def my_cases(update: Update, context: LianxinContext) -> None:
    """Lists the resident's latest cases with status and last update."""
    lang = await language(update, context)
    cases = await context.services.cases.of_resident(update.effective_user.id)
    if not cases:
        await update.effective_chat.send_message(t(lang, "mycases.empty"))
        return
    lines = [t(lang, "mycases.header", count=len(cases))]
    rows = []
    for case in cases:
        status = plain(lang, f"status.{case.status}")
        lines.append(t(lang, "mycases.line", ref=case.ref, status=status, updated=case.updated_at[:16].replace("T", " ")))
        rows.append([InlineKeyboardButton(f"{case.ref} · {status}", callback_data=OpenCase(case.id).pack())])
    await update.effective_chat.send_message("\n".join(lines), reply_markup=InlineKeyboardMarkup(rows))


def _actor(casework, actor: str, lang: str) -> str:
    kind, _, ident = actor.partition(":")
    if kind == "rep":
        return casework.rep_name(ident, lang)
    if kind == "resident":
        return plain(lang, "who.resident")
    if kind == "admin":
        return plain(lang, "who.admin")
    return plain(lang, "who.system")


async def open_case(update: Update, context: LianxinContext) -> None:
    """One case: its details, every event with time and actor, and the Add a message button."""
    query = update.callback_query
    lang = await language(update, context)
    data = OpenCase.unpack(query.data)
    services = context.services
    case = await services.cases.get(data.case_id)
    if case is None or case.resident_id != update.effective_user.id:
        await query.answer(plain(lang, "not_your_button"), show_alert=True)
        return
    await query.answer()
    casework = services.casework
    history = []
    for event in await services.cases.events(case.id):
        to = event.detail.get("to")
        to_name = (casework.rep_name(to, lang) if to and to != "admin" else plain(lang, "who.admin"))
        key = f"event.{event.kind}"
        if key not in CATALOG:
            continue
        line = plain(lang, key, to=to_name, who=_actor(casework, event.actor, lang),
                     note=event.detail.get("note", ""), stars="⭐" * int(event.detail.get("stars", 0) or 0))
        history.append(f"{event.at[:16].replace('T', ' ')} · {line}")
    owner = casework.owner_label(case, lang) if case.rep_id else plain(lang, "case.unassigned_owner")
    text = t(lang, "case.detail", ref=case.ref, status=plain(lang, f"status.{case.status}"),
             station=casework.station_name(case.station_id, lang), category=casework.category_name(case.category_id, lang),
             owner=owner, description=case.description, history="\n".join(history))
    if visible_length(text) > MAX_TEXT:
        text = t(lang, "case.detail", ref=case.ref, status=plain(lang, f"status.{case.status}"),
                 station=casework.station_name(case.station_id, lang), category=casework.category_name(case.category_id, lang),
                 owner=owner, description=case.description[:500] + "…", history="\n".join(history[-30:]))
    markup = None
    if case.status != Status.CLOSED:
        markup = InlineKeyboardMarkup([[InlineKeyboardButton(plain(lang, "case.add_message"), callback_data=AddMessage(case.id).pack())]])
    await update.effective_chat.send_message(text, reply_markup=markup)


def handlers() -> list[BaseHandler]:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("mycases", my_cases, filters=private),
        MessageHandler(private & filters.Text(all_labels("menu.mycases")), my_cases),
        CallbackQueryHandler(open_case, pattern=OpenCase.matches),
    ]
