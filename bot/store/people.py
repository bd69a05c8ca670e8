"""Residents, representatives' bindings to Telegram accounts, and invites."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from .db import Database, utcnow


@dataclass(frozen=True)
class RepBinding:
    rep_id: str
    telegram_id: int
    language: str
    started: bool
    blocked: bool


class People:
    def __init__(self, db: Database):
        self.db = db

    # Residents -------------------------------------------------------------------------------
    async def remember_resident(self, user_id: int, chat_id: int, language: str) -> None:
        """Records a resident the first time they write; their language choice is kept after."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO residents (user_id, chat_id, language, first_seen) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(user_id) DO NOTHING",
                (user_id, chat_id, language, utcnow()),
            )

    async def resident_language(self, user_id: int) -> str | None:
        row = await self.db.fetchone("SELECT language FROM residents WHERE user_id = ?", (user_id,))
        return row["language"] if row else None

    async def set_language(self, user_id: int, chat_id: int, language: str) -> None:
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO residents (user_id, chat_id, language, first_seen) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(user_id) DO UPDATE SET language = excluded.language",
                (user_id, chat_id, language, utcnow()),
            )
            await conn.execute(
                "UPDATE rep_bindings SET language = ? WHERE telegram_id = ?", (language, user_id)
            )

    # Representatives -------------------------------------------------------------------------
    async def bind(self, rep_id: str, telegram_id: int, language: str, started: bool) -> None:
        """Binds a representative to an account; binding again moves it (e.g. a new phone)."""
        async with self.db.transaction() as conn:
            await conn.execute("DELETE FROM rep_bindings WHERE telegram_id = ? AND rep_id != ?", (telegram_id, rep_id))
            await conn.execute(
                "INSERT INTO rep_bindings (rep_id, telegram_id, language, started, blocked, bound_at) "
                "VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT(rep_id) DO UPDATE SET telegram_id = excluded.telegram_id, "
                "language = excluded.language, started = MAX(rep_bindings.started, excluded.started), blocked = 0",
                (rep_id, telegram_id, language, int(started), utcnow()),
            )

    async def binding_of_rep(self, rep_id: str) -> RepBinding | None:
        row = await self.db.fetchone("SELECT * FROM rep_bindings WHERE rep_id = ?", (rep_id,))
        return _binding(row) if row else None

    async def binding_of_user(self, telegram_id: int) -> RepBinding | None:
        row = await self.db.fetchone("SELECT * FROM rep_bindings WHERE telegram_id = ?", (telegram_id,))
        return _binding(row) if row else None

    async def reachable_reps(self) -> set[str]:
        rows = await self.db.fetchall("SELECT rep_id FROM rep_bindings WHERE started = 1 AND blocked = 0")
        return {row["rep_id"] for row in rows}

    async def mark_rep_blocked(self, rep_id: str) -> None:
        async with self.db.transaction() as conn:
            await conn.execute("UPDATE rep_bindings SET blocked = 1 WHERE rep_id = ?", (rep_id,))

    # Invites ---------------------------------------------------------------------------------
    async def create_invite(self, rep_id: str, valid_hours: float) -> str:
        token = secrets.token_urlsafe(12).replace("-", "x").replace("_", "y")
        now = datetime.now(timezone.utc)
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO invites (token, rep_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                (token, rep_id, now.isoformat(), (now + timedelta(hours=valid_hours)).isoformat()),
            )
        return token

    async def redeem_invite(self, token: str, telegram_id: int) -> str | None:
        """The representative id if the invite is valid, unused and unexpired; it is then used up."""
        now = datetime.now(timezone.utc).isoformat()
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE invites SET used_by = ?, used_at = ? "
                "WHERE token = ? AND used_by IS NULL AND expires_at > ? RETURNING rep_id",
                (telegram_id, now, token, now),
            )
            row = await cursor.fetchone()
        return row[0] if row else None


def _binding(row) -> RepBinding:
    return RepBinding(
        rep_id=row["rep_id"],
        telegram_id=row["telegram_id"],
        language=row["language"],
        started=bool(row["started"]),
        blocked=bool(row["blocked"]),
    )
