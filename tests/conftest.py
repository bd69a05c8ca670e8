"""Shared fixtures: the local Bot API stand-in, and the real bot polling it with a real SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import build_application, running
from bot.config import BUNDLED_FAQ_DIR, Settings
from bot.standin.server import BotApiStandIn

TOKEN = "123456:TEST-token"
ADMIN_ID = 900
ADMIN_CHAT = -1000


@pytest.fixture
async def standin():
    async with BotApiStandIn(token=TOKEN, bot_username="lianxin_bot") as server:
        server.chat(ADMIN_CHAT)  # the admin group exists before the bot writes to it
        yield server


def make_settings(standin: BotApiStandIn, tmp_path: Path, **overrides) -> Settings:
    values = {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": f"http://127.0.0.1:{standin.port}",
        "LIANXIN_DB": str(tmp_path / "lianxin.sqlite3"),
        "LIANXIN_FAQ_DIR": str(BUNDLED_FAQ_DIR),
        "LIANXIN_ADMIN_IDS": str(ADMIN_ID),
        "LIANXIN_ADMIN_CHAT_ID": str(ADMIN_CHAT),
    }
    values.update({key: str(value) for key, value in overrides.items()})
    return Settings(_env_file=None, **values)


@pytest.fixture
def settings(standin, tmp_path) -> Settings:
    return make_settings(standin, tmp_path)


@pytest.fixture
async def bot(settings):
    """The whole bot, started as `lianxin run` starts it, polling the stand-in."""
    application = build_application(settings)
    async with running(application) as app:
        yield app
