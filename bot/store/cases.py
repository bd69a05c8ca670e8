"""Cases, their events and messages. Writers take a connection so the caller owns the transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone

import aiosqlite

from ..domain.cases import OPEN_STATUSES, Case, Draft, Status, format_reference
from .db import Database, utcnow


@dataclass(frozen=True)
class CaseEvent:
    at: str
    actor: str
    kind: str
    detail: dict


class Cases:
    def __init__(self, db: Database, prefix: str):
        self.db = db
        self.prefix = prefix

    # Writing (inside the caller's transaction) -------------------------------------------------
    async def insert(
        self, conn: aiosqlite.Connection, draft: Draft, resident_id: int, chat_id: int, language: str,
        draft_key: str | None = None,
    ) -> int:
        now = datetime.now(timezone.utc)
        year = now.year
        cursor = await conn.execute(
            "INSERT INTO case_counters (year, last) VALUES (?, 1) "
            "ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last",
            (year,),
        )
        number = (await cursor.fetchone())[0]
        ref = format_reference(self.prefix, year, number)
        stamp = now.isoformat(timespec="seconds")
        cursor = await conn.execute(
            """INSERT INTO cases (ref, resident_id, resident_chat_id, language, station_id, category_id,
                   description, latitude, longitude, contact_phone, contact_name, status, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                ref, resident_id, chat_id, language, draft.station_id, draft.category_id,
                draft.description, draft.latitude, draft.longitude, draft.contact_phone,
                draft.contact_name, Status.NEW, stamp, stamp,
            ),
        )
        case_id = cursor.lastrowid
        for position, file_id in enumerate(draft.photos):
            await conn.execute(
                "INSERT INTO case_photos (case_id, position, file_id) VALUES (?, ?, ?)",
                (case_id, position, file_id),
            )
        await self.add_event(conn, case_id, f"resident:{resident_id}", "created",
                             **({"draft": draft_key} if draft_key else {}))
        return case_id

    async def filed_from_draft(self, conn: aiosqlite.Connection, resident_id: int, draft_key: str) -> int | None:
        """The case already filed from this draft, if any (a Submit seen twice after a crash)."""
        cursor = await conn.execute(
            """SELECT c.id FROM cases c JOIN case_events e ON e.case_id = c.id
               WHERE c.resident_id = ? AND e.kind = 'created' AND json_extract(e.detail, '$.draft') = ?""",
            (resident_id, draft_key),
        )
        row = await cursor.fetchone()
        return row[0] if row else None

    async def add_event(
        self, conn: aiosqlite.Connection, case_id: int, actor: str, kind: str, **detail
    ) -> None:
        await conn.execute(
            "INSERT INTO case_events (case_id, at, actor, kind, detail) VALUES (?, ?, ?, ?, ?)",
            (case_id, utcnow(), actor, kind, json.dumps(detail, ensure_ascii=False)),
        )

    async def update(
        self, conn: aiosqlite.Connection, case_id: int, *, expect: tuple[str, ...] | None = None,
        expect_rep: object = ..., **fields,
    ) -> bool:
        """Changes fields if the case is still in one of `expect` (and with `expect_rep`); False if not.

        The condition is in the UPDATE itself, so two people pressing the same button at once
        cannot both win.
        """
        fields["updated_at"] = utcnow()
        sets = ", ".join(f"{name} = ?" for name in fields)
        sql = f"UPDATE cases SET {sets} WHERE id = ?"
        params: list = [*fields.values(), case_id]
        if expect is not None:
            sql += f" AND status IN ({', '.join('?' * len(expect))})"
            params += list(expect)
        if expect_rep is not ...:
            sql += " AND rep_id IS ?"
            params.append(expect_rep)
        cursor = await conn.execute(sql, params)
        return cursor.rowcount == 1

    async def add_message(
        self, conn: aiosqlite.Connection, case_id: int, sender: str, text: str | None, photo: str | None
    ) -> None:
        await conn.execute(
            "INSERT INTO case_messages (case_id, sender, text, photo_file_id, at) VALUES (?, ?, ?, ?, ?)",
            (case_id, sender, text, photo, utcnow()),
        )

    async def open_counts(self, conn: aiosqlite.Connection | None) -> dict[str, int]:
        """Open cases per representative, in one query (routing asks on every filing)."""
        db = conn or self.db.conn
        async with db.execute(
            f"SELECT rep_id, COUNT(*) FROM cases WHERE rep_id IS NOT NULL AND status IN "
            f"({', '.join('?' * len(OPEN_STATUSES))}) GROUP BY rep_id",
            tuple(OPEN_STATUSES),
        ) as cursor:
            return {row[0]: int(row[1]) for row in await cursor.fetchall()}

    # Reading -------------------------------------------------------------------------------
    async def get(self, case_id: int, conn: aiosqlite.Connection | None = None) -> Case | None:
        db = conn or self.db.conn
        async with db.execute("SELECT * FROM cases WHERE id = ?", (case_id,)) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return None
        async with db.execute(
            "SELECT file_id FROM case_photos WHERE case_id = ? ORDER BY position", (case_id,)
        ) as cursor:
            photos = tuple(r[0] for r in await cursor.fetchall())
        return _case(row, photos)

    async def by_ref(self, ref: str) -> Case | None:
        row = await self.db.fetchone("SELECT id FROM cases WHERE ref = ?", (ref.strip().upper(),))
        return await self.get(row[0]) if row else None

    async def of_resident(self, resident_id: int, limit: int = 20) -> list[Case]:
        rows = await self.db.fetchall(
            "SELECT id FROM cases WHERE resident_id = ? ORDER BY id DESC LIMIT ?", (resident_id, limit)
        )
        return [await self.get(row[0]) for row in rows]

    async def open_of_rep(self, rep_id: str) -> list[Case]:
        rows = await self.db.fetchall(
            f"SELECT id FROM cases WHERE rep_id = ? AND status IN ({', '.join('?' * len(OPEN_STATUSES))}) "
            "ORDER BY created_at, id",
            (rep_id, *OPEN_STATUSES),
        )
        return [await self.get(row[0]) for row in rows]

    async def events(self, case_id: int) -> list[CaseEvent]:
        rows = await self.db.fetchall(
            "SELECT at, actor, kind, detail FROM case_events WHERE case_id = ? ORDER BY id", (case_id,)
        )
        return [CaseEvent(r["at"], r["actor"], r["kind"], json.loads(r["detail"])) for r in rows]

    async def case_of_message(self, chat_id: int, message_id: int) -> int | None:
        row = await self.db.fetchone(
            "SELECT case_id FROM relay_links WHERE chat_id = ? AND message_id = ?", (chat_id, message_id)
        )
        return row[0] if row else None

    async def was_filed(self, resident_id: int, draft_key: str) -> bool:
        return await self.filed_from_draft(self.db.conn, resident_id, draft_key) is not None

    async def export_rows(self) -> list[aiosqlite.Row]:
        """Every case for /export: no Telegram ids, phone numbers only where residents shared them."""
        return await self.db.fetchall(
            "SELECT ref, status, station_id, category_id, rep_id, description, contact_phone, created_at, "
            "accepted_at, first_reply_at, resolved_at, closed_at, resolution, rating, rating_comment "
            "FROM cases ORDER BY id"
        )

    async def created_today(self, resident_id: int) -> int:
        today = datetime.now(timezone.utc).date().isoformat()
        row = await self.db.fetchone(
            "SELECT COUNT(*) FROM cases WHERE resident_id = ? AND created_at >= ?", (resident_id, today)
        )
        return int(row[0])


def _case(row: aiosqlite.Row, photos: tuple[str, ...]) -> Case:
    return Case(
        id=row["id"], ref=row["ref"], resident_id=row["resident_id"],
        resident_chat_id=row["resident_chat_id"], language=row["language"],
        station_id=row["station_id"], category_id=row["category_id"],
        description=row["description"], latitude=row["latitude"], longitude=row["longitude"],
        contact_phone=row["contact_phone"], contact_name=row["contact_name"],
        status=Status(row["status"]), rep_id=row["rep_id"], escalated=bool(row["escalated"]),
        resolution=row["resolution"], rating=row["rating"], rating_comment=row["rating_comment"],
        created_at=row["created_at"], updated_at=row["updated_at"], photos=photos,
    )
