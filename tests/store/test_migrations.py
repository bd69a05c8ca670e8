"""The schema is versioned: applied once, in order, and a reopened database is left as it is."""

from __future__ import annotations

from bot.store.db import Database
from bot.store.migrations import MIGRATIONS


async def test_new_database_gets_every_migration_and_wal(tmp_path):
    db = Database(tmp_path / "x.sqlite3")
    await db.open()
    assert await db.schema_version() == len(MIGRATIONS)
    assert (await db.fetchone("PRAGMA journal_mode"))[0] == "wal"
    tables = {row[0] for row in await db.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"cases", "case_events", "case_messages", "rep_bindings", "outbox", "conversations", "user_data"} <= tables
    await db.close()


async def test_reopening_keeps_data_and_does_not_migrate_again(tmp_path):
    path = tmp_path / "x.sqlite3"
    db = Database(path)
    await db.open()
    async with db.transaction() as conn:
        await conn.execute("INSERT INTO unanswered (text, language, score, at) VALUES ('q', 'zh', 1, 'now')")
    await db.close()
    again = Database(path)
    await again.open()
    assert (await again.fetchone("SELECT COUNT(*) FROM unanswered"))[0] == 1
    assert await again.schema_version() == len(MIGRATIONS)
    await again.close()


async def test_a_failed_transaction_leaves_nothing_behind(tmp_path):
    db = Database(tmp_path / "x.sqlite3")
    await db.open()
    try:
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO unanswered (text, language, score, at) VALUES ('q', 'zh', 1, 'now')")
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert (await db.fetchone("SELECT COUNT(*) FROM unanswered"))[0] == 0
    await db.close()
