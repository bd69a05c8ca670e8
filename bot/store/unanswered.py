"""Questions the knowledge base could not answer, so admins know which entries to write next."""

from __future__ import annotations

from dataclasses import dataclass

from .db import Database, utcnow

MAX_STORED_TEXT = 500


@dataclass(frozen=True)
class FrequentQuestion:
    text: str
    count: int
    best_score: float


class Unanswered:
    def __init__(self, db: Database):
        self.db = db

    async def record(self, text: str, language: str, score: float) -> None:
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO unanswered (text, language, score, at) VALUES (?, ?, ?, ?)",
                (text[:MAX_STORED_TEXT], language, float(score), utcnow()),
            )

    async def most_frequent(self, limit: int = 20) -> list[FrequentQuestion]:
        """Most asked first (the same text up to case and spaces), then most recent."""
        rows = await self.db.fetchall(
            "SELECT text, COUNT(*) AS n, MAX(score) AS best FROM unanswered GROUP BY lower(trim(text)) "
            "ORDER BY n DESC, MAX(at) DESC LIMIT ?",
            (limit,),
        )
        return [FrequentQuestion(row["text"], row["n"], row["best"]) for row in rows]
