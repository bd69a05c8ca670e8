"""What happens to a case: filing, routing, handoff, relay, transfer, resolution, rating.

Each operation changes the case, records an event and queues its notifications in one
transaction, so a resident is never told about a case that is not stored, and no change
happens without the people concerned being told. No Telegram objects here: notifications
are Bot API payloads for the outbox.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from enum import Enum
from typing import Callable

import aiosqlite

from . import outgoing
from .actions import CaseAction, CaseVerb, Rate, keyboard
from .config import Settings
from .domain.cases import OPEN_STATUSES, Case, Draft, Status
from .domain.directory import Directory
from .domain.routing import choose_representative
from .i18n import Html, plain, t
from .store.cases import Cases
from .store.db import Database
from .store.outbox import enqueue
from .store.people import People
from .stats import format_duration

log = logging.getLogger(__name__)


class Outcome(Enum):
    OK = "ok"
    NOT_FOUND = "not_found"
    NOT_YOURS = "not_yours"
    ALREADY = "already"      # someone else got there first
    CLOSED = "closed"


@dataclass(frozen=True)
class Filed:
    case: Case
    owner: str  # who it went to, in the resident's language


class Casework:
    def __init__(
        self, settings: Settings, db: Database, cases: Cases, people: People,
        directory: Callable[[], Directory],
    ):
        self.settings = settings
        self.db = db
        self.cases = cases
        self.people = people
        self._directory = directory

    @property
    def directory(self) -> Directory:
        return self._directory()

    # Names ----------------------------------------------------------------------------------
    def rep_name(self, rep_id: str | None, lang: str) -> str:
        rep = self.directory.representative(rep_id) if rep_id else None
        return rep.name.pick(lang) if rep else (rep_id or plain(lang, "who.admin"))

    def station_name(self, station_id: str, lang: str) -> str:
        station = self.directory.station(station_id)
        return station.community.pick(lang) if station else station_id

    def category_name(self, category_id: str, lang: str) -> str:
        category = self.directory.category(category_id)
        return category.name.pick(lang) if category else category_id

    def owner_label(self, case: Case, lang: str) -> str:
        if case.rep_id:
            rep = self.directory.representative(case.rep_id)
            title = rep.title.pick(lang) if rep and rep.title else ""
            return f"{self.rep_name(case.rep_id, lang)}{'（' + title + '）' if title and lang == 'zh' else (' (' + title + ')' if title else '')}"
        return plain(lang, "report.owner_admin")

    # Filing ---------------------------------------------------------------------------------
    async def file(self, draft: Draft, resident_id: int, chat_id: int, language: str,
                   draft_key: str | None = None) -> Filed:
        """Stores the case, routes it and queues the card, all or nothing.

        A draft is filed at most once: after a crash Telegram delivers the Submit press again
        (its update was never confirmed), and the conversation may still be at the review step;
        with the same `draft_key` that finds the case already filed, queueing nothing new.
        """
        reachable = await self.people.reachable_reps()
        async with self.db.transaction() as conn:
            if draft_key:
                existing = await self.cases.filed_from_draft(conn, resident_id, draft_key)
                if existing is not None:
                    case = await self.cases.get(existing, conn)
                    return Filed(case, self.owner_label(case, language))
            case_id = await self.cases.insert(conn, draft, resident_id, chat_id, language, draft_key)
            await self._route(conn, case_id, draft.station_id, draft.category_id, reachable, actor="system")
            case = await self.cases.get(case_id, conn)
            owner = self.owner_label(case, language)
            # Queued with the case itself: the reference is only ever shown for a stored case,
            # and it still arrives if the bot dies right after the commit.
            await enqueue(self.db, chat_id, outgoing.message(t(language, "report.submitted", ref=case.ref, owner=owner)),
                          purpose="confirmation", case_id=case_id)
        return Filed(case, owner)

    async def _route(
        self, conn: aiosqlite.Connection, case_id: int, station_id: str, category_id: str,
        reachable: set[str], actor: str, exclude: tuple[str, ...] = (),
    ) -> str | None:
        counts = await self.cases.open_counts(conn)
        rep_id = choose_representative(
            self.directory, station_id, category_id, reachable, lambda rep: counts.get(rep, 0), exclude
        )
        await self._assign(conn, case_id, rep_id, actor)
        return rep_id

    async def _assign(self, conn: aiosqlite.Connection, case_id: int, rep_id: str | None, actor: str,
                      admin_key: str = "admin.unroutable", **admin_values: str) -> None:
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        await self.cases.update(conn, case_id, status=Status.ASSIGNED, rep_id=rep_id, assigned_at=now, reminded=0)
        await self.cases.add_event(conn, case_id, actor, "assigned", to=rep_id or "admin")
        case = await self.cases.get(case_id, conn)
        if rep_id:
            await self._send_card(case, rep_id)
        else:
            await self._to_admin(case, admin_key, **admin_values)

    async def _send_card(self, case: Case, rep_id: str) -> None:
        """Queues the handoff card; called inside the transaction that assigned the case."""
        binding = await self.people.binding_of_rep(rep_id)
        if binding is None:
            return
        lang = binding.language
        for payload in self.card(case, lang, with_buttons=True):
            await enqueue(self.db, binding.telegram_id, payload, purpose="card", case_id=case.id)

    async def _to_admin(self, case: Case, key: str, **values) -> None:
        """Queues a notice and the card for the admin chat; called inside the caller's transaction."""
        chat = self.settings.admin_chat_id
        if chat is None:
            log.warning("case %s needs the admin chat, but LIANXIN_ADMIN_CHAT_ID is not set", case.ref)
            return
        lang = self.directory.default_language
        card = self.card(case, lang, with_buttons=False)
        head = t(lang, key, ref=case.ref, card=Html(""), **values)
        await enqueue(self.db, chat, outgoing.message(head), purpose="admin", case_id=case.id)
        for payload in card:
            await enqueue(self.db, chat, payload, purpose="admin", case_id=case.id)

    def card(self, case: Case, lang: str, with_buttons: bool) -> list[dict]:
        """The handoff card: what a representative needs to act, and the resident's contact only if shared.

        With buttons it goes to the assigned representative; without, to the admin chat.
        """
        extras = ""
        if case.photos:
            extras += t(lang, "rep.card_photos", count=len(case.photos))
        if case.latitude is not None:
            extras += t(lang, "rep.card_location", lat=f"{case.latitude:.5f}", lon=f"{case.longitude:.5f}")
        if not case.contact_phone:
            extras += t(lang, "rep.card_no_contact")
        elif with_buttons:
            extras += t(lang, "rep.card_contact", phone=case.contact_phone)
        else:  # the admin chat is not the case's representative: the number waits for the assignee
            extras += t(lang, "rep.card_contact_hidden")
        extras += t(lang, "rep.card_hint")
        buttons = None
        if with_buttons:
            buttons = keyboard(
                [CaseAction(CaseVerb.ACCEPT, case.id).button(plain(lang, "rep.accept")),
                 CaseAction(CaseVerb.REPLY, case.id).button(plain(lang, "rep.reply"))],
                [CaseAction(CaseVerb.TRANSFER, case.id).button(plain(lang, "rep.transfer")),
                 CaseAction(CaseVerb.RESOLVE, case.id).button(plain(lang, "rep.resolve"))],
            )
        payloads = outgoing.with_user_text(
            lang, "rep.card", text_field="description", user_text=case.description, keyboard=buttons,
            ref=case.ref, status=plain(lang, f"status.{case.status}"),
            station=self.station_name(case.station_id, lang),
            category=self.category_name(case.category_id, lang), extras=Html(extras),
        )
        for n, file_id in enumerate(case.photos, start=1):
            payloads.append(outgoing.photo(file_id, t(lang, "rep.card_photo_caption", ref=case.ref, n=n)))
        return payloads

    # Representatives' actions ------------------------------------------------------------------
    async def accept(self, case_id: int, rep_id: str) -> tuple[Outcome, Case | None]:
        async with self.db.transaction() as conn:
            case = await self.cases.get(case_id, conn)
            if case is None:
                return Outcome.NOT_FOUND, None
            if case.rep_id != rep_id:
                return (Outcome.ALREADY if case.status == Status.ACCEPTED else Outcome.NOT_YOURS), case
            if case.status == Status.ACCEPTED:
                return Outcome.ALREADY, case
            now = datetime.now(timezone.utc).isoformat(timespec="seconds")
            won = await self.cases.update(
                conn, case_id, expect=(Status.ASSIGNED,), expect_rep=rep_id,
                status=Status.ACCEPTED, accepted_at=now,
            )
            if not won:
                return (Outcome.CLOSED if not case.is_open else Outcome.ALREADY), case
            await self.cases.add_event(conn, case_id, f"rep:{rep_id}", "accepted")
            await enqueue(
                self.db, case.resident_chat_id,
                outgoing.message(t(case.language, "notice.accepted", ref=case.ref, rep=self.rep_name(rep_id, case.language))),
                purpose="notice", case_id=case_id,
            )
            return Outcome.OK, await self.cases.get(case_id, conn)

    async def check_owner(self, case_id: int, rep_id: str) -> tuple[Outcome, Case | None]:
        case = await self.cases.get(case_id)
        if case is None:
            return Outcome.NOT_FOUND, None
        if case.rep_id != rep_id:
            return Outcome.NOT_YOURS, case
        if not case.is_open:
            return Outcome.CLOSED, case
        return Outcome.OK, case

    async def rep_message(self, case_id: int, rep_id: str, text: str | None, photo: str | None) -> tuple[Outcome, Case | None]:
        """Relays a representative's text or photo to the resident, tagged with the reference."""
        outcome, case = await self.check_owner(case_id, rep_id)
        if outcome is not Outcome.OK:
            return outcome, case
        lang = case.language
        rep = self.rep_name(rep_id, lang)
        async with self.db.transaction() as conn:
            await self.cases.add_message(conn, case_id, "rep", text, photo)
            await self.cases.add_event(conn, case_id, f"rep:{rep_id}", "message")
            now = datetime.now(timezone.utc).isoformat(timespec="seconds")
            await conn.execute("UPDATE cases SET first_reply_at = COALESCE(first_reply_at, ?), updated_at = ? WHERE id = ?", (now, now, case_id))
            for payload in self._relay_payloads(lang, "notice.rep_message", "notice.rep_photo", text, photo, ref=case.ref, rep=rep):
                await enqueue(self.db, case.resident_chat_id, payload, purpose="relay", case_id=case_id)
        return Outcome.OK, case

    async def resident_message(self, case_id: int, resident_id: int, text: str | None, photo: str | None) -> tuple[Outcome, Case | None]:
        """Relays a resident's text or photo to whoever handles the case."""
        case = await self.cases.get(case_id)
        if case is None:
            return Outcome.NOT_FOUND, None
        if case.resident_id != resident_id:
            return Outcome.NOT_YOURS, case
        if case.status == Status.CLOSED:
            return Outcome.CLOSED, case
        async with self.db.transaction() as conn:
            await self.cases.add_message(conn, case_id, "resident", text, photo)
            await self.cases.add_event(conn, case_id, f"resident:{resident_id}", "message")
            await conn.execute("UPDATE cases SET updated_at = ? WHERE id = ?", (datetime.now(timezone.utc).isoformat(timespec="seconds"), case_id))
            binding = await self.people.binding_of_rep(case.rep_id) if case.rep_id else None
            if binding is not None:
                chat, lang = binding.telegram_id, binding.language
            else:
                chat, lang = self.settings.admin_chat_id, self.directory.default_language
            if chat is not None:
                for payload in self._relay_payloads(lang, "rep.resident_message", "rep.resident_photo", text, photo, ref=case.ref):
                    await enqueue(self.db, chat, payload, purpose="relay", case_id=case_id)
        return Outcome.OK, case

    def _relay_payloads(self, lang: str, text_key: str, photo_key: str, text: str | None, photo: str | None, **values) -> list[dict]:
        if photo:
            cap, rest = outgoing.caption(lang, photo_key, text, **values)
            return [outgoing.photo(photo, cap), *rest]
        return outgoing.with_user_text(lang, text_key, text_field="text", user_text=text or "", **values)

    async def resolve(self, case_id: int, rep_id: str, note: str) -> tuple[Outcome, Case | None]:
        async with self.db.transaction() as conn:
            case = await self.cases.get(case_id, conn)
            if case is None:
                return Outcome.NOT_FOUND, None
            if not case.is_open:
                return Outcome.ALREADY, case
            if case.rep_id != rep_id:
                return Outcome.NOT_YOURS, case
            now = datetime.now(timezone.utc).isoformat(timespec="seconds")
            won = await self.cases.update(
                conn, case_id, expect=OPEN_STATUSES, expect_rep=case.rep_id,
                status=Status.RESOLVED, resolution=note, resolved_at=now,
            )
            if not won:
                return Outcome.ALREADY, case
            await self.cases.add_event(conn, case_id, f"rep:{rep_id}", "resolved", note=note)
            lang = case.language
            stars = keyboard([Rate(case_id, n).button(f"{n}⭐") for n in range(1, 6)])
            for payload in outgoing.with_user_text(lang, "notice.resolved", text_field="note", user_text=note, keyboard=stars, ref=case.ref):
                await enqueue(self.db, case.resident_chat_id, payload, purpose="notice", case_id=case_id)
            return Outcome.OK, await self.cases.get(case_id, conn)

    async def transfer_candidates(self, case: Case, rep_id: str) -> list[str]:
        reachable = await self.people.reachable_reps()
        return [r.id for r in self.directory.representatives_of(case.station_id) if r.id in reachable and r.id != rep_id]

    async def transfer(self, case_id: int, from_rep: str, to_rep: str | None) -> tuple[Outcome, Case | None]:
        """Hands a case to another representative of the station, or to the admin chat (None)."""
        async with self.db.transaction() as conn:
            case = await self.cases.get(case_id, conn)
            if case is None:
                return Outcome.NOT_FOUND, None
            if case.rep_id != from_rep:
                return Outcome.NOT_YOURS, case
            if not case.is_open:
                return Outcome.CLOSED, case
            await self.cases.add_event(conn, case_id, f"rep:{from_rep}", "transferred", to=to_rep or "admin")
            if to_rep is None:
                await self._assign(conn, case_id, None, f"rep:{from_rep}", admin_key="admin.transferred_in",
                                   from_=self.rep_name(from_rep, self.directory.default_language))
            else:
                await self._assign(conn, case_id, to_rep, f"rep:{from_rep}")
                binding = await self.people.binding_of_rep(to_rep)
                if binding:
                    await enqueue(self.db, binding.telegram_id, outgoing.message(
                        t(binding.language, "rep.transferred_in", ref=case.ref, from_=self.rep_name(from_rep, binding.language))),
                        purpose="notice", case_id=case_id)
            lang = case.language
            to_label = self.rep_name(to_rep, lang) if to_rep else plain(lang, "report.owner_admin")
            await enqueue(self.db, case.resident_chat_id, outgoing.message(t(lang, "notice.transferred", ref=case.ref, to=to_label)),
                          purpose="notice", case_id=case_id)
            return Outcome.OK, await self.cases.get(case_id, conn)

    async def assign(self, case_id: int, rep_id: str, admin_id: int) -> tuple[Outcome, Case | None]:
        """An admin gives a case to a representative."""
        async with self.db.transaction() as conn:
            case = await self.cases.get(case_id, conn)
            if case is None:
                return Outcome.NOT_FOUND, None
            if not case.is_open:
                return Outcome.CLOSED, case
            await self._assign(conn, case_id, rep_id, f"admin:{admin_id}")
            if case.rep_id != rep_id:
                lang = case.language
                await enqueue(self.db, case.resident_chat_id, outgoing.message(
                    t(lang, "notice.transferred", ref=case.ref, to=self.rep_name(rep_id, lang))), purpose="notice", case_id=case_id)
            return Outcome.OK, await self.cases.get(case_id, conn)

    # Residents' rating ----------------------------------------------------------------------------
    async def rate(self, case_id: int, resident_id: int, stars: int) -> tuple[Outcome, Case | None]:
        async with self.db.transaction() as conn:
            case = await self.cases.get(case_id, conn)
            if case is None:
                return Outcome.NOT_FOUND, None
            if case.resident_id != resident_id:
                return Outcome.NOT_YOURS, case
            now = datetime.now(timezone.utc).isoformat(timespec="seconds")
            if not await self.cases.update(conn, case_id, expect=(Status.RESOLVED,), status=Status.CLOSED, rating=stars, closed_at=now):
                return Outcome.ALREADY, case
            await self.cases.add_event(conn, case_id, f"resident:{resident_id}", "rated", stars=stars)
            await self._tell_rep_rating(case, stars=stars)
            return Outcome.OK, await self.cases.get(case_id, conn)

    async def comment(self, case_id: int, resident_id: int, text: str) -> Outcome:
        async with self.db.transaction() as conn:
            case = await self.cases.get(case_id, conn)
            if case is None or case.resident_id != resident_id:
                return Outcome.NOT_YOURS
            await conn.execute("UPDATE cases SET rating_comment = ? WHERE id = ?", (text, case_id))
            await self.cases.add_event(conn, case_id, f"resident:{resident_id}", "commented", text=text)
            await self._tell_rep_rating(case, comment=text)
        return Outcome.OK

    async def _tell_rep_rating(self, case: Case, stars: int = 0, comment: str | None = None) -> None:
        """Queues the stars, or the comment that follows them, for the representative; called inside
        the caller's transaction."""
        binding = await self.people.binding_of_rep(case.rep_id) if case.rep_id else None
        if binding is None:
            return
        lang = binding.language
        if comment is None:
            payloads = [outgoing.message(t(lang, "rep.rated", ref=case.ref, stars="⭐" * stars))]
        else:
            payloads = outgoing.with_user_text(lang, "rep.rating_comment", text_field="comment", user_text=comment, ref=case.ref)
        for payload in payloads:
            await enqueue(self.db, binding.telegram_id, payload, purpose="notice", case_id=case.id)

    # Delivery failures ------------------------------------------------------------------------------
    async def rep_unreachable(self, rep_id: str, reason: str) -> list[str]:
        """A representative blocked the bot: their waiting cases are routed again. Returns the refs moved."""
        await self.people.mark_rep_blocked(rep_id)
        reachable = await self.people.reachable_reps()
        moved = []
        for case in await self.cases.open_of_rep(rep_id):
            async with self.db.transaction() as conn:
                new_rep = await self._route(conn, case.id, case.station_id, case.category_id, reachable, actor="system", exclude=(rep_id,))
                await self.cases.add_event(conn, case.id, "system", "transferred", to=new_rep or "admin", reason=reason)
                lang = case.language
                to_label = self.rep_name(new_rep, lang) if new_rep else plain(lang, "report.owner_admin")
                await enqueue(self.db, case.resident_chat_id, outgoing.message(
                    t(lang, "notice.reassigned_unreachable", ref=case.ref, to=to_label)), purpose="notice", case_id=case.id)
                if self.settings.admin_chat_id is not None:
                    admin_lang = self.directory.default_language
                    outcome = self.rep_name(new_rep, admin_lang) if new_rep else plain(admin_lang, "rep.to_admin")
                    await enqueue(self.db, self.settings.admin_chat_id, outgoing.message(t(
                        admin_lang, "admin.rep_blocked", rep=self.rep_name(rep_id, admin_lang), reason=reason, ref=case.ref, outcome=outcome)),
                        purpose="admin")
            moved.append(case.ref)
        return moved

    async def delivery_error(self, case_id: int | None, chat_id: int, reason: str) -> None:
        """Telegram refused a message about a case (BadRequest); it is retried in plain text. Recorded."""
        if case_id is None:
            return
        async with self.db.transaction() as conn:
            await self.cases.add_event(conn, case_id, "system", "delivery_error", chat=chat_id, reason=reason)

    async def delivery_failed(self, case_id: int | None, chat_id: int, reason: str) -> None:
        """A message about a case could not be delivered at all: the case keeps a record, admins are told."""
        if case_id is None:
            return
        case = await self.cases.get(case_id)
        if case is None:
            return
        async with self.db.transaction() as conn:
            await self.cases.add_event(conn, case_id, "system", "delivery_failed", chat=chat_id, reason=reason)
            if self.settings.admin_chat_id is not None and chat_id != self.settings.admin_chat_id:
                lang = self.directory.default_language
                who = plain(lang, "who.resident") if chat_id == case.resident_chat_id else self.rep_name(case.rep_id, lang)
                await enqueue(self.db, self.settings.admin_chat_id, outgoing.message(
                    t(lang, "admin.delivery_failed", who=who, reason=reason, ref=case.ref)), purpose="admin")

    # Reminders and escalation -----------------------------------------------------------------------
    async def maintain(self, now: datetime | None = None) -> None:
        """Reminds representatives of waiting cases, escalates stuck ones, closes unrated ones."""
        now = now or datetime.now(timezone.utc)
        remind_before = (now - timedelta(minutes=self.settings.remind_after_minutes)).isoformat(timespec="seconds")
        escalate_before = (now - timedelta(minutes=self.settings.escalate_after_minutes)).isoformat(timespec="seconds")
        rows = await self.db.fetchall(
            "SELECT id, assigned_at, reminded, escalated FROM cases WHERE status = ? AND rep_id IS NOT NULL", (Status.ASSIGNED,)
        )
        for row in rows:
            assigned_at = row["assigned_at"] or ""
            if assigned_at < escalate_before and not row["escalated"]:
                await self._escalate(row["id"], now)
            elif assigned_at < remind_before and not row["reminded"]:
                await self._remind(row["id"], now)
        close_before = (now - timedelta(hours=self.settings.rating_timeout_hours)).isoformat(timespec="seconds")
        async with self.db.transaction() as conn:
            stale = await (await conn.execute(
                "SELECT id FROM cases WHERE status = ? AND resolved_at < ?", (Status.RESOLVED, close_before))).fetchall()
            for (case_id,) in stale:
                await self.cases.update(conn, case_id, expect=(Status.RESOLVED,), status=Status.CLOSED, closed_at=now.isoformat(timespec="seconds"))
                await self.cases.add_event(conn, case_id, "system", "closed", reason="rating timed out")

    async def _remind(self, case_id: int, now: datetime) -> None:
        async with self.db.transaction() as conn:
            case = await self.cases.get(case_id, conn)
            binding = await self.people.binding_of_rep(case.rep_id) if case.rep_id else None
            await conn.execute("UPDATE cases SET reminded = 1 WHERE id = ?", (case_id,))
            await self.cases.add_event(conn, case_id, "system", "reminded")
            if binding:
                waited = format_duration(self.settings.remind_after_minutes * 60)
                await enqueue(self.db, binding.telegram_id, outgoing.message(t(binding.language, "rep.reminder", ref=case.ref, waited=waited)),
                              purpose="reminder", case_id=case_id)

    async def _escalate(self, case_id: int, now: datetime) -> None:
        async with self.db.transaction() as conn:
            case = await self.cases.get(case_id, conn)
            await conn.execute("UPDATE cases SET escalated = 1, reminded = 1 WHERE id = ?", (case_id,))
            await self.cases.add_event(conn, case_id, "system", "escalated")
            waited = format_duration(self.settings.escalate_after_minutes * 60)
            await self._to_admin(case, "admin.escalated", waited=waited, owner=self.rep_name(case.rep_id, self.directory.default_language))
