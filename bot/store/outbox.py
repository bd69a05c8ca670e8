"""The durable outbox: every notification is a row written in the transaction that causes it."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

import aiosqlite

from .db import Database, utcnow


@dataclass(frozen=True)
class OutboxItem:
    id: int
    chat_id: int
    payload: dict[str, Any]   # {"method": "sendMessage", "text": ..., ...}: Bot API names
    case_id: int | None
    purpose: str
    attempts: int


async def enqueue(
    db: Database,
    chat_id: int,
    payload: dict[str, Any],
    *,
    purpose: str,
    case_id: int | None = None,
) -> int:
    """Adds one message; call inside `db.transaction()`, the one of the change it reports."""
    db.queued_in_transaction = True
    cursor = await db.conn.execute(
        "INSERT INTO outbox (chat_id, payload, case_id, purpose, created_at) VALUES (?, ?, ?, ?, ?)",
        (chat_id, json.dumps(payload, ensure_ascii=False), case_id, purpose, utcnow()),
    )
    return cursor.lastrowid


class Outbox:
    """Reads and settles outbox rows for the sender."""

    def __init__(self, db: Database):
        self.db = db

    async def due(self, limit: int = 50) -> list[OutboxItem]:
        """The oldest pending row of each chat whose time has come: order per chat is kept."""
        rows = await self.db.fetchall_committed(
            """
            SELECT o.* FROM outbox o
            JOIN (SELECT chat_id, MIN(id) AS first_id FROM outbox
                  WHERE status = 'pending' GROUP BY chat_id) head ON head.first_id = o.id
            WHERE o.next_attempt_at <= ?
            ORDER BY o.id LIMIT ?
            """,
            (time.time(), limit),
        )
        return [_item(row) for row in rows]

    async def next_due_in(self) -> float | None:
        """Seconds until the earliest pending row is due (0 if one is due now), None if none."""
        rows = await self.db.fetchall_committed(
            "SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending'"
        )
        row = rows[0] if rows else None
        if row is None or row[0] is None:
            return None
        return max(0.0, row[0] - time.time())

    async def mark_sent(self, item: OutboxItem, message_id: int | None) -> None:
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE outbox SET status = 'sent', sent_at = ?, sent_message_id = ?, attempts = attempts + 1 "
                "WHERE id = ?",
                (utcnow(), message_id, item.id),
            )
            if item.case_id is not None and message_id is not None:
                # Replies to this message belong to the case.
                await conn.execute(
                    "INSERT OR REPLACE INTO relay_links (chat_id, message_id, case_id) VALUES (?, ?, ?)",
                    (item.chat_id, message_id, item.case_id),
                )

    async def retry_later(self, item: OutboxItem, delay: float, error: str) -> None:
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?",
                (time.time() + delay, error[:500], item.id),
            )

    async def replace_payload(self, item: OutboxItem, payload: dict[str, Any], error: str) -> None:
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE outbox SET payload = ?, attempts = attempts + 1, last_error = ? WHERE id = ?",
                (json.dumps(payload, ensure_ascii=False), error[:500], item.id),
            )

    async def mark_failed(self, item: OutboxItem, error: str) -> None:
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?",
                (error[:500], item.id),
            )

    async def fail_pending_for_chat(self, chat_id: int, error: str) -> list[OutboxItem]:
        """Gives up on everything still queued for a chat that cannot be reached; returns what was dropped."""
        rows = await self.db.fetchall(
            "SELECT * FROM outbox WHERE chat_id = ? AND status = 'pending' ORDER BY id", (chat_id,)
        )
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE outbox SET status = 'failed', last_error = ? WHERE chat_id = ? AND status = 'pending'",
                (error[:500], chat_id),
            )
        return [_item(row) for row in rows]

    async def pending_count(self) -> int:
        row = await self.db.fetchone("SELECT COUNT(*) FROM outbox WHERE status = 'pending'")
        return int(row[0])


def _item(row: aiosqlite.Row) -> OutboxItem:
    return OutboxItem(
        id=row["id"],
        chat_id=row["chat_id"],
        payload=json.loads(row["payload"]),
        case_id=row["case_id"],
        purpose=row["purpose"],
        attempts=row["attempts"],
    )
