"""Free text outside a flow: one of the resident's case references, small talk, or a question to answer,
suggest entries for, or offer to file as a matter."""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
from collections.abc import Iterable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, filters

from ..actions import OpenCase
from ..callback_data import MAX_BYTES, CallbackData
from ..domain.cases import find_reference
from ..cards import directory_answer
from ..flows.report import PREFILL, StartReport
from ..i18n import escape, plain, t
from ..outgoing import MAX_TEXT, split_plain, visible_length
from ..services import LianxinContext
from .common import language


@dataclasses.dataclass(frozen=True)
class ShowAnswer(CallbackData):
    """A suggestion or related-question button, naming its answer by a token: the id with ':'
    (station:/rep:/role: ids) written '.', which no id contains; an id too long for Telegram's
    64 bytes travels as '~' and a digest, found among the knowledge base's ids when pressed."""

    prefix = "qa1"
    token: str

    @classmethod
    def of(cls, answer_id: str) -> ShowAnswer:
        token = answer_id.replace(":", ".")
        if len(cls.prefix) + 1 + len(token.encode()) > MAX_BYTES:
            token = "~" + _digest(answer_id)
        return cls(token)

    def answer_id(self, known_ids: Iterable[str]) -> str | None:
        if self.token.startswith("~"):
            return next((a for a in known_ids if _digest(a) == self.token[1:]), None)
        return self.token.replace(".", ":")


def _digest(answer_id: str) -> str:
    return hashlib.blake2b(answer_id.encode(), digest_size=8).hexdigest()


def _title_button(kb, answer_id: str, lang: str) -> InlineKeyboardButton | None:
    try:
        title = kb.title(answer_id, lang)
    except KeyError:  # the knowledge base changed since the button was made
        return None
    return InlineKeyboardButton(title[:60], callback_data=ShowAnswer.of(answer_id).pack())


async def send_answer(
    update: Update,
    context: LianxinContext,
    answer_id: str,
    lang: str,
    alternatives: Sequence[str] = (),
    last: Sequence[InlineKeyboardButton] = (),
) -> bool:
    """Sends the answer of an FAQ entry or a directory card with up to five buttons: its first related
    questions, the `alternatives` (entries that scored nearly as well: one tap if the answer was not
    the one meant), then its other related questions; and the `last` buttons under them."""
    kb = context.services.knowledge.current
    text = directory_answer(kb.directory, answer_id, lang)
    related: list[str] = []
    if text is None:
        entry = kb.entries.get(answer_id)
        if entry is None:
            return False
        text = escape(kb.answer_text(answer_id, lang))  # answers are plain text (SPEC section 6)
        related = [r for r in (entry.related or []) if r in kb.entries]
    ordered = dict.fromkeys([*related[:3], *alternatives, *related[3:]])
    offered = [a for a in ordered if a != answer_id][:5]
    buttons = [b for r in offered if (b := _title_button(kb, r, lang))] + list(last)
    markup = InlineKeyboardMarkup([[b] for b in buttons]) if buttons else None
    chat = update.effective_chat
    if visible_length(text) <= MAX_TEXT:
        await chat.send_message(text, reply_markup=markup)
    else:  # a long card: plain chunks, buttons on the last one
        chunks = split_plain(text)
        for i, chunk in enumerate(chunks):
            await chat.send_message(chunk, parse_mode=None, reply_markup=markup if i == len(chunks) - 1 else None)
    return True


async def show_own_case(update: Update, context: LianxinContext, text: str, lang: str) -> bool:
    """A text naming one of the resident's own case references gets that case's status and a button to
    its history (someone else's reference is answered like any text: nothing is revealed)."""
    cases = context.services.cases
    ref = find_reference(cases.prefix, text)
    case = await cases.by_ref(ref) if ref else None
    if case is None or case.resident_id != update.effective_user.id:
        return False
    status = plain(lang, f"status.{case.status}")
    button = InlineKeyboardButton(f"{case.ref} · {status}", callback_data=OpenCase(case.id).pack())
    await update.effective_chat.send_message(
        t(lang, "faq.your_case", ref=case.ref, status=status), reply_markup=InlineKeyboardMarkup([[button]])
    )
    return True


async def answer_question(update: Update, context: LianxinContext) -> None:
    """Answers from the knowledge base; complaints lead to filing; doubts get suggestions."""
    text = update.message.text
    lang = await language(update, context)
    if await show_own_case(update, context, text, lang):
        return
    kb = context.services.knowledge.current
    # Matching is CPU work (milliseconds); off the event loop, other chats are not held up.
    decision = await asyncio.to_thread(kb.decide, text, lang)
    if decision.small_talk is not None:  # 你好 / 谢谢: answered in kind, not kept as an unanswered question
        await update.effective_chat.send_message(t(lang, f"smalltalk.{decision.small_talk}"))
        return
    report_button = [InlineKeyboardButton(plain(lang, "faq.report_this"), callback_data=StartReport("-", 1).pack())]
    if decision.action == "answer":
        # "路灯坏了找谁": the answer says how, and the resident can file this very text in one tap.
        if decision.tells_of_problem:
            context.user_data[PREFILL] = text
        last = report_button if decision.tells_of_problem else []
        if await send_answer(update, context, decision.answer_id, lang, decision.alternatives, last):
            return
    rows = [[b] for s in decision.suggestions[:3] if (b := _title_button(kb, s, lang))]
    if not decision.off_topic:  # every reply below but the off-topic one offers to file the text
        context.user_data[PREFILL] = text
    if decision.action == "report":
        # Filing comes first; close entries follow, for a resident who only wanted information.
        key = "faq.report_offer_or" if rows else "faq.report_offer"
        await update.effective_chat.send_message(t(lang, key), reply_markup=InlineKeyboardMarkup([report_button] + rows))
        return
    await context.services.unanswered.record(text, lang, decision.score)
    if decision.off_topic:  # the weather, a brand, a school: nothing a representative could take on
        key = "faq.off_topic_related" if rows else "faq.off_topic"
        await update.effective_chat.send_message(t(lang, key), reply_markup=InlineKeyboardMarkup(rows) if rows else None)
        return
    if decision.action == "suggest" and rows:
        await update.effective_chat.send_message(t(lang, "faq.did_you_mean"), reply_markup=InlineKeyboardMarkup(rows + [report_button]))
        return
    await update.effective_chat.send_message(t(lang, "faq.unknown"), reply_markup=InlineKeyboardMarkup([report_button]))


async def show_answer(update: Update, context: LianxinContext) -> None:
    """A suggestion or related-question button."""
    query = update.callback_query
    lang = await language(update, context)
    data = ShowAnswer.unpack(query.data)
    await query.answer()
    answer_id = data.answer_id(context.services.knowledge.current.matcher.ids)
    if answer_id is None or not await send_answer(update, context, answer_id, lang):
        await update.effective_chat.send_message(t(lang, "faq.not_available"))


def handlers() -> list[BaseHandler]:
    return [
        CallbackQueryHandler(show_answer, pattern=ShowAnswer.matches),
        MessageHandler(filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND, answer_question),
    ]
