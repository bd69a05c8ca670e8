"""What residents ask that no street office answers, as examples in the sentence encoder's space.

scope.py names such topics by their words; a knowledge base of another street meets topics no list
named. off_topic_examples.txt holds ~1,430 such questions over ~85 everyday subjects (shopping, health
advice, films, exams, pets ...), in colloquial Chinese and casual English. A text is "like an off-topic
example" when its nearest example is nearer in meaning than any phrasing of the entry it would be
answered with, and shares some words with that example (the sentence encoder alone also pairs texts of
the same shape: "想跟代表面对面聊聊" with "相亲第一次见面聊啥"). matcher.py answers such a text only
with high confidence; otherwise its matching entries are offered as suggestions.

Examples close to one of the knowledge base's own phrasings are dropped for it: a street whose admins
wrote an entry about school places answers questions about school places.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from . import semantic
from .normalize import has_cjk, normalize

EXAMPLES = Path(__file__).with_name("off_topic_examples.txt")
# An example at least this close to a phrasing of the knowledge base asks about that phrasing's topic.
SAME_TOPIC = 0.8
_CHUNK = 4096  # phrasings per product when filtering (a 10,000-entry knowledge base has ~30,000)
COARSE_DIM = 128  # the nearest example is looked for among the COARSE_ROWS nearest in these directions
COARSE_ROWS = 64


@dataclass(frozen=True)
class Nearest:
    text: str
    cosine: float
    shared: float  # Jaccard overlap of the words (Chinese: character pairs) of the text and the example


# Characters that only shape a sentence (where, what, is, not ...): a pair of two (在哪, 是不) shares no
# subject. Over 24 sets one more text answered right and one wrong answer fewer, chatter unchanged ("办结以后
# 在哪里给代表打星" was held back by "下一届奥运会在哪办"). English function words likewise: 0.1 point more top-1
# but 0.3 point more dev chatter answered, so English keeps every word.
_FUNCTION_ZH = frozenset("的了吗呢啊吧呀么嘛什怎咋哪谁几多少在是不没有能可以要想去会还都也就这那个一我你他她它们啥")


def words(normalized: str) -> frozenset[str]:
    """Chinese: character pairs (no segmentation needed for an overlap), but for pairs of function
    characters; otherwise words."""
    if has_cjk(normalized):
        compact = normalized.replace(" ", "")
        pairs = (compact[i : i + 2] for i in range(len(compact) - 1))
        return frozenset(p for p in pairs if not (p[0] in _FUNCTION_ZH and p[1] in _FUNCTION_ZH))
    return frozenset(normalized.split())


@cache
def _examples() -> tuple[tuple[str, ...], np.ndarray]:
    lines = EXAMPLES.read_text(encoding="utf-8").splitlines()
    texts = tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))
    return texts, semantic.encode(list(texts))


class Background:
    """The off-topic examples this knowledge base does not itself answer."""

    def __init__(self, phrase_vectors: np.ndarray | None):
        texts, vectors = _examples()
        nearest = np.full(len(vectors), -1.0, dtype=np.float32)
        if phrase_vectors is not None:
            for start in range(0, len(phrase_vectors), _CHUNK):
                block = semantic.similarities_many(vectors, phrase_vectors[start : start + _CHUNK])
                nearest = np.maximum(nearest, block.max(axis=1))
        keep = nearest < SAME_TOPIC
        self.texts = tuple(t for t, k in zip(texts, keep) if k)
        self.vectors = np.ascontiguousarray(vectors[keep])
        self._basis, coarse = _coarse_examples()
        self._coarse = np.ascontiguousarray(coarse[keep])

    def nearest(self, normalized: str, query_vector: np.ndarray) -> Nearest | None:
        """The example nearest in meaning to the text (`normalized`: normalize.normalize)."""
        if not len(self.vectors):
            return None
        # The exact cosines of the examples nearest in the main directions (the full product read
        # 2.9 MB a query): the same example as the full search for each of the 4,831 texts in tests/.
        rough = semantic.similarities(self._coarse, self._basis @ query_vector)
        k = min(COARSE_ROWS, len(rough))
        rows = np.argpartition(-rough, k - 1)[:k]
        cosines = semantic.similarities(self.vectors[rows], query_vector)
        best = int(rows[int(cosines.argmax())])
        mine, theirs = words(normalized), _words_of(self.texts[best])
        shared = len(mine & theirs) / max(1, len(mine | theirs))
        return Nearest(self.texts[best], float(cosines.max()), shared)


@cache
def _coarse_examples() -> tuple[np.ndarray, np.ndarray]:
    """The examples' main directions and the examples in them (computed once per process)."""
    _, vectors = _examples()
    basis = semantic.principal_directions(vectors, COARSE_DIM)
    return basis, semantic.project(vectors, basis)


@cache
def _words_of(example: str) -> frozenset[str]:
    return words(normalize(example))
