"""Reliability harness: the bot as a real `python -m bot run` subprocess that can be killed, and helpers
to look into its SQLite file from the outside (read-only) while it runs or after it died."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.app import build_application, running
from bot.config import BUNDLED_FAQ_DIR
from tests.conftest import ADMIN_CHAT, ADMIN_ID, TOKEN, make_settings

ROOT = Path(__file__).resolve().parents[2]


class BotProcess:
    """`lianxin run` in a subprocess against the stand-in, with the same database across restarts."""

    def __init__(self, standin, tmp_path: Path, **env: str):
        self.standin = standin
        self.db = tmp_path / "lianxin.sqlite3"
        self.log = tmp_path / "bot.log"
        self.env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": f"http://127.0.0.1:{standin.port}",
            "LIANXIN_DB": str(self.db),
            "LIANXIN_FAQ_DIR": str(BUNDLED_FAQ_DIR),
            "LIANXIN_ADMIN_IDS": str(ADMIN_ID),
            "LIANXIN_ADMIN_CHAT_ID": str(ADMIN_CHAT),
            "PYTHONUNBUFFERED": "1",
            **env,
        }
        self.proc: subprocess.Popen | None = None
        self.starts = 0

    async def start(self, timeout: float = 20.0) -> None:
        """Starts the process and returns once it is polling (the stand-in saw a new getUpdates)."""
        polls = self.standin.counters["getUpdates"]
        self.starts += 1
        with open(self.log, "a") as log:
            log.write(f"\n===== start {self.starts} =====\n")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"], cwd=ROOT, env=self.env,
            stdout=open(self.log, "a"), stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while self.standin.counters["getUpdates"] <= polls:
            if self.proc.poll() is not None:
                raise AssertionError(f"bot exited with {self.proc.returncode}:\n{self.log.read_text()[-3000:]}")
            if time.monotonic() > deadline:
                raise AssertionError(f"bot not polling after {timeout}s:\n{self.log.read_text()[-3000:]}")
            await asyncio.sleep(0.05)

    async def terminate(self, timeout: float = 10.0) -> float:
        """SIGTERM, as systemd or docker stop would; returns the seconds it took to exit."""
        assert self.proc is not None
        began = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        code = await asyncio.to_thread(self.proc.wait, timeout)
        assert code == 0, f"exit code {code}:\n{self.log.read_text()[-3000:]}"
        return time.monotonic() - began

    def kill(self) -> None:
        """kill -9: no handler, no flush, no goodbye."""
        assert self.proc is not None
        self.proc.kill()
        self.proc.wait(5)

    def stop_quietly(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)

    # Looking inside the database --------------------------------------------------------------
    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        conn = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def integrity(self) -> str:
        conn = sqlite3.connect(self.db, timeout=5)
        try:
            return conn.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            conn.close()

    async def until(self, sql: str, predicate=bool, params: tuple = (), timeout: float = 5.0):
        """Polls a query until predicate(rows) holds; returns the rows."""
        deadline = time.monotonic() + timeout
        while True:
            rows = self.query(sql, params) if self.db.exists() else []
            if predicate(rows):
                return rows
            if time.monotonic() > deadline:
                raise AssertionError(f"{sql!r} never satisfied the condition; last rows: {rows}")
            await asyncio.sleep(0.02)


@pytest.fixture
async def bot_process(standin, tmp_path):
    process = BotProcess(standin, tmp_path)
    try:
        yield process
    finally:
        process.stop_quietly()
        if process.log.exists():  # shown by pytest when the test failed
            print(process.log.read_text()[-6000:])


@pytest.fixture
async def fast_bot(standin, tmp_path):
    """The whole bot in-process, with short outbox backoff so fault tests stay quick."""
    settings = make_settings(standin, tmp_path)
    application = build_application(settings, sender_options={"backoff_base": 0.2})
    async with running(application) as app:
        yield app


def db_rows(app, sql: str, params: tuple = ()) -> list[tuple]:
    """Reads the in-process bot's database through a second, read-only connection."""
    path = app.bot_data["services"].settings.db
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()
