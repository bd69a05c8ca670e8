"""Figures residents and officials care about: cases by status, community, category; speed; satisfaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .store.db import Database


@dataclass(frozen=True)
class CaseStatistics:
    by_status: dict[str, int]
    by_station: dict[str, int]
    by_category: dict[str, int]
    mean_accept: float | None       # seconds
    mean_first_reply: float | None
    mean_resolve: float | None
    mean_rating: float | None
    rated: int


def _mean_seconds(pairs: list[tuple[str, str | None]]) -> float | None:
    spans = [(datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()
             for start, end in pairs if start and end]
    return sum(spans) / len(spans) if spans else None


async def case_statistics(db: Database) -> CaseStatistics:
    async def grouped(column: str) -> dict[str, int]:
        rows = await db.fetchall(f"SELECT {column}, COUNT(*) FROM cases GROUP BY {column} ORDER BY COUNT(*) DESC")
        return {row[0]: row[1] for row in rows}

    times = await db.fetchall("SELECT created_at, accepted_at, first_reply_at, resolved_at FROM cases")
    rating = await db.fetchone("SELECT AVG(rating), COUNT(rating) FROM cases WHERE rating IS NOT NULL")
    return CaseStatistics(
        by_status=await grouped("status"),
        by_station=await grouped("station_id"),
        by_category=await grouped("category_id"),
        mean_accept=_mean_seconds([(r["created_at"], r["accepted_at"]) for r in times]),
        mean_first_reply=_mean_seconds([(r["created_at"], r["first_reply_at"]) for r in times]),
        mean_resolve=_mean_seconds([(r["created_at"], r["resolved_at"]) for r in times]),
        mean_rating=rating[0],
        rated=rating[1],
    )


def format_duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} d"
