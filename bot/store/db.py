"""One aiosqlite connection in WAL mode, with the schema migrated at open."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import AsyncIterator, Callable

import aiosqlite

from .migrations import MIGRATIONS


def utcnow() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Database:
    """Owns the connection; `transaction()` serialises writers so a change and its outbox rows commit together."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._conn: aiosqlite.Connection | None = None
        self._write_lock = asyncio.Lock()
        # Called after a commit that queued outbox rows; the sender delivers without polling delay.
        self.after_commit: list[Callable[[], None]] = []
        # Set by the outbox while a transaction runs (transactions never overlap: the write lock).
        self.queued_in_transaction = False

    async def open(self) -> None:
        """Opens and migrates the database; opening an open database does nothing."""
        if self._conn is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(self.path, isolation_level=None)
        conn.row_factory = aiosqlite.Row
        await conn.execute("PRAGMA journal_mode=WAL")
        await conn.execute("PRAGMA synchronous=NORMAL")  # durable across process crashes in WAL mode
        await conn.execute("PRAGMA foreign_keys=ON")
        await conn.execute("PRAGMA busy_timeout=5000")
        self._conn = conn
        await self._migrate()

    async def close(self) -> None:
        if self._conn is not None:
            await self._conn.close()
            self._conn = None

    @property
    def conn(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise RuntimeError("database is not open")
        return self._conn

    async def schema_version(self) -> int:
        async with self.conn.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0])

    async def _migrate(self) -> None:
        version = await self.schema_version()
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            async with self.transaction() as conn:
                # executescript would COMMIT first; run statement by statement inside our transaction.
                for statement in _statements(script):
                    await conn.execute(statement)
                await conn.execute(f"PRAGMA user_version = {number}")

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        async with self._write_lock:
            self.queued_in_transaction = False
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise
            else:
                await self.conn.execute("COMMIT")
            queued = self.queued_in_transaction
        if queued:  # only a commit that queued messages wakes the sender
            for listener in self.after_commit:
                listener()

    async def fetchall_committed(self, sql: str, params: tuple = ()) -> list[aiosqlite.Row]:
        """Like fetchall, but never sees another coroutine's open transaction.

        There is one connection: a plain read while some `transaction()` is between BEGIN and
        COMMIT sees its uncommitted rows. The outbox sender must not (it would send a reference
        for a case that can still roll back or die with the process), so it reads under the lock.
        """
        async with self._write_lock:
            return await self.fetchall(sql, params)

    async def fetchall(self, sql: str, params: tuple = ()) -> list[aiosqlite.Row]:
        async with self.conn.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def fetchone(self, sql: str, params: tuple = ()) -> aiosqlite.Row | None:
        async with self.conn.execute(sql, params) as cursor:
            return await cursor.fetchone()


def _statements(script: str) -> list[str]:
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
