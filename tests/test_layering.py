"""The domain core stays free of Telegram and of the database, so it can be reused and tested alone."""

from __future__ import annotations

import ast
from pathlib import Path

DOMAIN = Path(__file__).resolve().parent.parent / "bot" / "domain"
FORBIDDEN = ("telegram", "aiosqlite", "bot.store", "bot.handlers", "bot.flows")


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(("." * node.level) + node.module)
    return names


def test_domain_imports_neither_telegram_nor_the_store():
    offenders = {}
    for path in DOMAIN.rglob("*.py"):
        bad = [m for m in imported_modules(path) if m.startswith(FORBIDDEN) or m.lstrip(".").startswith(("store", "handlers", "flows"))]
        if bad:
            offenders[str(path.relative_to(DOMAIN))] = bad
    assert offenders == {}
