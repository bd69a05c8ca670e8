"""Complaints written apart from the matcher: most are offered for filing, few answered with an entry.

tests/data/complaints holds two lists of 250 texts (a problem the resident has now, often with how long
it has lasted, sometimes ending "有没有人管" / "who do I tell?") written by a helper who saw neither the
matcher nor the evaluation sets. dev.txt was looked at while growing complaint.py's word lists;
held_out.txt never was. On 2026-11-27, over twenty streets, the held-out texts were offered for filing
87.5% of the time before that day's changes and 90.1% after (answered: 4.1% and 3.6%). A complaint
that asks who handles it ("房东不退押金去哪里投诉") may be answered, mostly with the offer to file it too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.knowledge import load_knowledge_base
from bot.domain.matching.matcher import Decision
from tests.domain.textsets import texts_in

ROOT = Path(__file__).resolve().parents[2]
REPORTED_MIN = 0.80  # the bar for complaints
# Knowledge base -> share of the 500 texts answered, at most (reached: 0.058, 0.046, 0.084, 0.086).
ANSWERED_MAX = {
    "faq": 0.07,
    "tests/data/eighteenth_street/faq": 0.06,
    "tests/data/nineteenth_street/faq": 0.10,
    "tests/data/twentieth_street/faq": 0.10,
}


@pytest.mark.parametrize("folder", list(ANSWERED_MAX))
def test_complaints_are_offered_for_filing(folder):
    kb = load_knowledge_base(ROOT / folder)
    texts = texts_in("complaints")
    decisions: list[Decision] = [kb.decide(text) for text in texts]
    reported = sum(d.action == "report" for d in decisions) / len(texts)
    answered = [t for t, d in zip(texts, decisions) if d.action == "answer"]
    print(f"\n{folder}: {reported:.3f} of {len(texts)} complaints offered for filing, {len(answered)} answered")
    assert len(texts) == 500
    assert reported >= REPORTED_MIN
    assert len(answered) / len(texts) <= ANSWERED_MAX[folder], answered[:20]
    # An answered complaint mostly still reads like one: the answer then offers to file it too.
    with_filing = sum(d.tells_of_problem for d in decisions if d.action == "answer")
    assert with_filing >= 0.7 * len(answered)
