"""Street-office commands: /assign, /stats, /export, /unanswered, /invite, /reload. Admins only."""

from __future__ import annotations

import asyncio
import csv
import io
from functools import wraps

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from ..casework import Outcome
from ..domain.knowledge import guess_language
from ..i18n import t
from ..services import LianxinContext
from ..stats import case_statistics, format_duration
from .common import is_admin, language


def admins_only(callback):
    @wraps(callback)
    async def guarded(update: Update, context: LianxinContext) -> None:
        if not is_admin(context, update.effective_user):
            lang = await language(update, context)
            await update.effective_chat.send_message(t(lang, "not_allowed"))
            return
        await callback(update, context)

    return guarded


@admins_only
async def assign(update: Update, context: LianxinContext) -> None:
    """/assign REF rep-id: gives a case to a reachable representative."""
    lang = await language(update, context)
    if len(context.args or []) != 2:
        await update.effective_chat.send_message(t(lang, "admin.assign_usage"))
        return
    ref, rep_id = context.args
    services = context.services
    case = await services.cases.by_ref(ref)
    if case is None:
        await update.effective_chat.send_message(t(lang, "admin.assign_unknown_case", ref=ref))
        return
    reachable = await services.people.reachable_reps()
    if rep_id not in reachable:
        ids = [r.id for r in services.directory.representatives if r.id in reachable]
        hint = t(lang, "admin.rep_ids", ids=", ".join(ids)) if ids else t(lang, "admin.no_reachable_reps")
        await update.effective_chat.send_message(t(lang, "admin.assign_unknown_rep", rep=rep_id) + hint)
        return
    outcome, case = await services.casework.assign(case.id, rep_id, update.effective_user.id)
    if outcome is Outcome.OK:
        await update.effective_chat.send_message(t(lang, "admin.assign_done", ref=case.ref, rep=services.casework.rep_name(rep_id, lang)))
    else:
        await update.effective_chat.send_message(t(lang, "admin.assign_closed", ref=case.ref))


@admins_only
async def stats(update: Update, context: LianxinContext) -> None:
    """Cases by status, community and category; times to accept, reply, resolve; satisfaction."""
    lang = await language(update, context)
    services = context.services
    s = await case_statistics(services.db)
    casework = services.casework
    sep = "、" if lang == "zh" else ", "

    def counts(mapping, name) -> str:
        return sep.join(f"{name(k)} {v}" for k, v in mapping.items()) or "-"

    rating = f"{s.mean_rating:.2f}/5 ({s.rated})" if s.rated else "-"
    await update.effective_chat.send_message(t(
        lang, "admin.stats",
        by_status=counts(s.by_status, lambda k: k), by_station=counts(s.by_station, lambda k: casework.station_name(k, lang)),
        by_category=counts(s.by_category, lambda k: casework.category_name(k, lang)),
        accept=format_duration(s.mean_accept), reply=format_duration(s.mean_first_reply),
        resolve=format_duration(s.mean_resolve), rating=rating))


@admins_only
async def export(update: Update, context: LianxinContext) -> None:
    """All cases as CSV (no Telegram ids; phone numbers only where residents shared them)."""
    lang = await language(update, context)
    rows = await context.services.cases.export_rows()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["ref", "status", "station", "category", "representative", "description", "phone", "created",
                     "accepted", "first_reply", "resolved", "closed", "resolution", "rating", "comment"])
    for row in rows:
        writer.writerow(list(row))
    data = buffer.getvalue().encode("utf-8-sig")  # Excel opens it as UTF-8
    await update.effective_chat.send_document(data, filename="lianxin-cases.csv", caption=t(lang, "admin.export_caption"))


@admins_only
async def unanswered(update: Update, context: LianxinContext) -> None:
    """The most frequent questions the knowledge base could not answer."""
    lang = await language(update, context)
    questions = await context.services.unanswered.most_frequent()
    if not questions:
        await update.effective_chat.send_message(t(lang, "admin.unanswered_empty"))
        return
    kb = context.services.knowledge.current
    lines = [t(lang, "admin.unanswered_header")]
    for q in questions:
        # Asked again of today's knowledge base: an entry written since answers it, or no entry could.
        now = await asyncio.to_thread(kb.decide, q.text, guess_language(q.text))
        if now.action == "answer":
            status = t(lang, "admin.unanswered_now_answered", entry=kb.title(now.answer_id, lang))
        elif now.off_topic:
            status = t(lang, "admin.unanswered_off_topic")
        else:
            status = t(lang, "admin.unanswered_score", score=f"{q.best_score:.0f}")
        lines.append(t(lang, "admin.unanswered_line", count=q.count, text=q.text[:200], status=status))
    await update.effective_chat.send_message("\n".join(lines))


@admins_only
async def invite(update: Update, context: LianxinContext) -> None:
    """/invite rep-id: a single-use deep link that binds a representative's account."""
    lang = await language(update, context)
    services = context.services
    if len(context.args or []) != 1 or services.directory.representative(context.args[0]) is None:
        ids = ", ".join(r.id for r in services.directory.representatives)
        await update.effective_chat.send_message(t(lang, "admin.invite_usage") + t(lang, "admin.rep_ids", ids=ids))
        return
    rep_id = context.args[0]
    token = await services.people.create_invite(rep_id, services.settings.invite_valid_hours)
    link = f"https://t.me/{context.bot.username}?start=rep_{token}"
    await update.effective_chat.send_message(t(lang, "admin.invite", rep=services.casework.rep_name(rep_id, lang),
                                               hours=f"{services.settings.invite_valid_hours:g}", link=link))


@admins_only
async def reload(update: Update, context: LianxinContext) -> None:
    """Reloads faq/ now; an invalid edit is reported and the last good version keeps serving."""
    lang = await language(update, context)
    source = context.services.knowledge
    reloaded, problems = await source.reload(force=True)
    if problems:
        await update.effective_chat.send_message(t(lang, "admin.reload_failed", problems="\n".join(map(str, problems[:30]))))
    else:
        await update.effective_chat.send_message(t(lang, "admin.reload_ok", summary=source.current.summary()))


def handlers() -> list[BaseHandler]:
    return [
        CommandHandler("assign", assign),
        CommandHandler("stats", stats),
        CommandHandler("export", export),
        CommandHandler("unanswered", unanswered),
        CommandHandler("invite", invite),
        CommandHandler("reload", reload),
    ]
