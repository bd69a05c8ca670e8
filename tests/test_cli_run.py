"""`lianxin run` refuses to start without a usable token: one clear line, exit code 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(env_overrides: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "LIANXIN_"))}
    env.update(env_overrides)
    return subprocess.run([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)


def test_missing_token(tmp_path):
    result = run({}, tmp_path)
    assert result.returncode == 2
    assert "TELEGRAM_BOT_TOKEN is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_malformed_token(tmp_path):
    result = run({"TELEGRAM_BOT_TOKEN": "not a token"}, tmp_path)
    assert result.returncode == 2
    assert "malformed" in result.stderr and "Traceback" not in result.stderr


def test_unreachable_api_fails_with_one_line(tmp_path):
    # Nothing listens on this port: one clear line, no traceback, no hanging.
    result = run({"TELEGRAM_BOT_TOKEN": "123:abc", "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9",
                  "LIANXIN_DB": str(tmp_path / "db.sqlite3")}, tmp_path)
    assert result.returncode == 1
    assert "cannot reach the Bot API" in result.stderr and "Traceback" not in result.stderr
