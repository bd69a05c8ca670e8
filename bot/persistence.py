"""Conversation state and per-user drafts in the project's SQLite store, for python-telegram-bot.

Only conversations and user_data are kept: drafts live in user_data, and everything that
matters beyond a draft (cases, messages, outbox) is written by the store straight away.
"""

from __future__ import annotations

import json
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput

from .store.db import Database


class SQLitePersistence(BasePersistence[dict, dict, dict]):
    def __init__(self, db: Database, update_interval: float = 1.0):
        super().__init__(
            store_data=PersistenceInput(bot_data=False, chat_data=False, user_data=True, callback_data=False),
            update_interval=update_interval,
        )
        self.db = db

    # Conversations -------------------------------------------------------------------------
    async def get_conversations(self, name: str) -> dict:
        await self.db.open()  # python-telegram-bot loads persistence before post_init runs
        rows = await self.db.fetchall("SELECT key, state FROM conversations WHERE name = ?", (name,))
        return {tuple(json.loads(row["key"])): json.loads(row["state"]) for row in rows}

    async def update_conversation(self, name: str, key: tuple, new_state: object | None) -> None:
        encoded_key = json.dumps(list(key))
        async with self.db.transaction() as conn:
            if new_state is None:
                await conn.execute("DELETE FROM conversations WHERE name = ? AND key = ?", (name, encoded_key))
            else:
                await conn.execute(
                    "INSERT OR REPLACE INTO conversations (name, key, state) VALUES (?, ?, ?)",
                    (name, encoded_key, json.dumps(new_state)),
                )

    # User data (drafts) ----------------------------------------------------------------------
    async def get_user_data(self) -> dict[int, dict]:
        await self.db.open()
        rows = await self.db.fetchall("SELECT user_id, data FROM user_data")
        return {row["user_id"]: json.loads(row["data"]) for row in rows}

    async def update_user_data(self, user_id: int, data: dict) -> None:
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT OR REPLACE INTO user_data (user_id, data) VALUES (?, ?)",
                (user_id, json.dumps(data, ensure_ascii=False)),
            )

    async def drop_user_data(self, user_id: int) -> None:
        async with self.db.transaction() as conn:
            await conn.execute("DELETE FROM user_data WHERE user_id = ?", (user_id,))

    async def refresh_user_data(self, user_id: int, user_data: dict) -> None:
        """The in-memory copy is the live one; nothing else writes user data."""

    # Not stored ----------------------------------------------------------------------------
    async def get_chat_data(self) -> dict[int, Any]:
        return {}

    async def update_chat_data(self, chat_id: int, data: Any) -> None:
        pass

    async def drop_chat_data(self, chat_id: int) -> None:
        pass

    async def refresh_chat_data(self, chat_id: int, chat_data: Any) -> None:
        pass

    async def get_bot_data(self) -> dict:
        return {}

    async def update_bot_data(self, data: Any) -> None:
        pass

    async def refresh_bot_data(self, bot_data: Any) -> None:
        pass

    async def get_callback_data(self) -> None:
        return None

    async def update_callback_data(self, data: Any) -> None:
        pass

    async def flush(self) -> None:
        """Every write above is committed as it happens."""
