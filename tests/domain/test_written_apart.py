"""Texts written apart from the matcher: everyday chatter rarely gets an answer, complaints are offered
for filing.

tests/data/chatter holds two lists of 500 texts (recipes, films, a career, a pet, the bot as a chat
partner ...) and tests/data/complaints two lists of 250 (a problem the resident has now, often with how
long it has lasted, sometimes ending "有没有人管" / "who do I tell?"), each written by a helper who saw
neither the matcher nor the evaluation sets. The dev.txt lists were looked at while growing scope.py's
and complaint.py's word lists; the held_out.txt lists never were. On 2026-11-27, over the sample and
nineteen streets, the held-out chatter was answered 8.0% of the time before background.py and those
lists grew, 4.2% after (the sample: 13.6% and 6.6%); the held-out complaints were offered for filing
87.5% and 90.1% of the time (answered: 4.1% and 3.7%). A complaint that asks who handles it
("房东不退押金去哪里投诉") may be answered, mostly with the offer to file it too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.knowledge import load_knowledge_base
from tests.domain.textsets import texts_in

ROOT = Path(__file__).resolve().parents[2]
COMPLAINTS_REPORTED_MIN = 0.80  # the bar for complaints
# Knowledge base -> (share of the 1,000 chatter texts answered, of the 500 complaints answered), at most.
# Reached: sample 0.054 / 0.058, eighteenth 0.070 / 0.046, nineteenth 0.057 / 0.084, twentieth 0.056 / 0.086.
ANSWERED_MAX = {
    "faq": (0.07, 0.07),
    "tests/data/eighteenth_street/faq": (0.085, 0.06),
    "tests/data/nineteenth_street/faq": (0.075, 0.10),
    "tests/data/twentieth_street/faq": (0.075, 0.10),
}


@pytest.fixture(scope="module", params=list(ANSWERED_MAX))
def kb(request):
    return request.param, load_knowledge_base(ROOT / request.param)


def test_chatter_is_rarely_answered(kb):
    folder, knowledge = kb
    texts = texts_in("chatter")
    answered = [text for text in texts if knowledge.decide(text).action == "answer"]
    print(f"\n{folder}: {len(answered) / len(texts):.3f} of {len(texts)} chatter texts answered")
    assert len(texts) == 1000
    assert len(answered) / len(texts) <= ANSWERED_MAX[folder][0], answered[:20]


def test_complaints_are_offered_for_filing(kb):
    folder, knowledge = kb
    texts = texts_in("complaints")
    decisions = [knowledge.decide(text) for text in texts]
    reported = sum(d.action == "report" for d in decisions) / len(texts)
    answered = [d for d in decisions if d.action == "answer"]
    print(f"\n{folder}: {reported:.3f} of {len(texts)} complaints offered for filing, {len(answered)} answered")
    assert len(texts) == 500
    assert reported >= COMPLAINTS_REPORTED_MIN
    assert len(answered) / len(texts) <= ANSWERED_MAX[folder][1]
    # An answered complaint mostly still reads like one: the answer then offers to file it too.
    assert sum(d.tells_of_problem for d in answered) >= 0.7 * len(answered)
