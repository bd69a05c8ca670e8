"""Features of a normalised text, for an inverted index with IDF weights.

Why this mix (Chinese has no spaces, and residents type with a pinyin keyboard):
- character bigrams are the backbone: robust to segmentation errors and to extra context;
- character unigrams (light weight) keep one-character overlaps when a bigram is broken by a typo;
- pinyin bigrams (toneless) make a homophone typo (工作战 for 工作站) still match;
- rjieba words add whole-word evidence; rjieba rather than jieba because its dictionary loads in
  ~0.1 s instead of ~1 s, which matters as the bot reloads the knowledge base on every edit;
- concept features (`@time`, `@phone` ...) from the synonym lists bridge different wordings; the
  characters they cover get less weight, so a synonym swap costs little.
English: lower-cased words, light stemming, stop words dropped, concepts, and character trigrams
(light weight) against typos.
"""

from __future__ import annotations

import re
from functools import lru_cache

import rjieba
from pypinyin import Style, lazy_pinyin

from .normalize import is_cjk_char
from .synonyms import CONCEPTS_EN, CONCEPTS_ZH, STOPWORDS_EN

# Relative weight of each kind of feature (multiplied by its IDF). A concept stands for a meaning that
# residents word in many ways (进度 / 下文 / 办了没有 / any news), so one shared concept outweighs a few
# shared characters; 4.0 rather than 1.6 once the synonym lists covered colloquial wordings (+4 points
# top-1 on the sample and on third_street, no change in false answers).
KIND_WEIGHT = {"@": 4.0, "w": 0.8, "b": 1.0, "p": 0.5, "c": 0.25, "e": 1.0, "t": 0.2, "n": 1.0}
# Concepts that name who or where a question is about (a neighbour, a parent, a representative, a
# station), not what it asks: "will my neighbours find out it was me" is about privacy, not about
# neighbour disputes. They weigh less than the concepts of what is asked (on the seven streets: wrong
# answers 6.9% -> 5.0% on the three blind streets, top-1 within 0.3 points).
CONTEXT_CONCEPTS = frozenset({"neighbor", "elderly", "child", "rep", "station"})
CONTEXT_CONCEPT_WEIGHT = 1.5
# Concepts that say what a resident wants done with a matter (file it, follow it, rate it, take it back ...).
INTENT_CONCEPTS = frozenset({
    "report", "progress", "rate", "privacy", "anonymous", "withdraw", "amend", "meet", "emergency", "next",
    "unresolved", "noreply", "duration",
})


def intents_of(feats) -> frozenset[str]:
    """The intent concepts (`@report`, `@withdraw` ...) among features."""
    return frozenset(f for f in feats if f[0] == "@" and f[1:] in INTENT_CONCEPTS)


def concept_weight(concept: str) -> float:
    return CONTEXT_CONCEPT_WEIGHT if concept in CONTEXT_CONCEPTS else KIND_WEIGHT["@"]


COVERED_FACTOR = 0.35  # characters inside a concept phrase: the concept speaks for them

_SEGMENT_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9']+")
_ZH_STOP_WORDS = frozenset("的 了 是 我 你 他 她 们 在 有 吗 呢 吧 啊 和 与 个 这 那 就 都 也 要 想 会 去 还 请 给".split())


@lru_cache(maxsize=65536)
def pinyin_of(ch: str) -> str:
    return lazy_pinyin(ch, style=Style.NORMAL, errors="ignore")[0] if is_cjk_char(ch) else ch


_ZH_PHRASES_BY_PINYIN: dict[tuple[str, ...], list[str]] = {}


def _build_zh_concepts() -> tuple[dict[str, str], dict[tuple[str, ...], str], int]:
    by_text: dict[str, str] = {}
    by_pinyin: dict[tuple[str, ...], str] = {}
    for concept, phrases in CONCEPTS_ZH.items():
        for phrase in phrases:
            by_text.setdefault(phrase, concept)
            if len(phrase) >= 2:
                key = tuple(pinyin_of(ch) for ch in phrase)
                by_pinyin.setdefault(key, concept)
                _ZH_PHRASES_BY_PINYIN.setdefault(key, []).append(phrase)
    longest = max(len(p) for p in by_text)
    return by_text, by_pinyin, longest


def _build_en_concepts() -> dict[tuple[str, ...], str]:
    result: dict[tuple[str, ...], str] = {}
    for concept, phrases in CONCEPTS_EN.items():
        for phrase in phrases:
            result.setdefault(tuple(stem(w) for w in phrase.split()), concept)
    return result


def stem(word: str) -> str:
    """A light English stemmer: plural and common verb endings."""
    word = word.strip("'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)] + keep
    return word


_ZH_BY_TEXT, _ZH_BY_PINYIN, _ZH_LONGEST = _build_zh_concepts()
_EN_CONCEPTS = _build_en_concepts()
_EN_LONGEST = max(len(key) for key in _EN_CONCEPTS)  # in words: "find out it was me"


def zh_concepts(run: str, pinyins: list[str]) -> list[tuple[str, int, int]]:
    """Concept phrases found in a run of Chinese characters, longest first: (concept, start, end)."""
    found = []
    i = 0
    n = len(run)
    while i < n:
        hit = None
        for length in range(min(_ZH_LONGEST, n - i), 0, -1):
            piece = run[i : i + length]
            concept = _ZH_BY_TEXT.get(piece)
            if concept is None and length >= 2:
                # A homophone typo keeps at least one character (反应 for 反映; not 问题 for 文体).
                candidate = _ZH_BY_PINYIN.get(tuple(pinyins[i : i + length]))
                if candidate is not None and any(
                    ch in phrase for ch in piece for phrase in _ZH_PHRASES_BY_PINYIN[tuple(pinyins[i : i + length])]
                ):
                    concept = candidate
            if concept is not None:
                hit = (concept, i, i + length)
                break
        if hit:
            found.append(hit)
            i = hit[2]
        else:
            i += 1
    return found


def features(text: str, light: bool = False) -> dict[str, float]:
    """Feature -> local weight (kind weight, reduced inside concept phrases); `text` is normalised.
    `light`: for long supporting texts (answers): no pinyin, unigrams or trigrams, which are cheap
    evidence there and costly to compute for thousands of entries."""
    out: dict[str, float] = {}

    def add(feature: str, weight: float) -> None:
        if weight > out.get(feature, 0.0):
            out[feature] = weight

    latin_words: list[str] = []
    for segment in _SEGMENT_RE.findall(text):
        if is_cjk_char(segment[0]):
            _zh_features(segment, add, light)
        else:
            latin_words.append(segment)
    if latin_words:
        _en_features(latin_words, add, light)
    return out


def _zh_features(run: str, add, light: bool = False) -> None:
    pinyins = [pinyin_of(ch) for ch in run]
    covered = [1.0] * len(run)
    for concept, start, end in zh_concepts(run, pinyins):
        add("@" + concept, concept_weight(concept))
        for k in range(start, end):
            covered[k] = COVERED_FACTOR
    for k, ch in enumerate(run):
        if ch not in _ZH_STOP_WORDS and not light:
            add("c" + ch, KIND_WEIGHT["c"] * covered[k])
        if k + 1 < len(run):
            factor = max(covered[k], covered[k + 1])
            add("b" + run[k : k + 2], KIND_WEIGHT["b"] * factor)
            if not light:
                add("p" + pinyins[k] + "|" + pinyins[k + 1], KIND_WEIGHT["p"] * factor)
    if len(run) > 2:
        for word in rjieba.cut(run):
            if len(word) >= 2 and word != run:
                add("w" + word, KIND_WEIGHT["w"])


def _en_features(words: list[str], add, light: bool = False) -> None:
    concepts = _EN_CONCEPTS
    stems = [stem(w) for w in words]
    used = [False] * len(stems)
    for i in range(len(stems)):
        for length in range(min(_EN_LONGEST, len(stems) - i), 0, -1):
            key = tuple(stems[i : i + length])
            if key in concepts and not any(used[i : i + length]):
                add("@" + concepts[key], concept_weight(concepts[key]))
                for k in range(i, i + length):
                    used[k] = True
                break
    for k, (word, s) in enumerate(zip(words, stems)):
        if word.isdigit():
            add("n" + word, KIND_WEIGHT["n"])
            continue
        if word in STOPWORDS_EN or len(s) < 2:
            continue
        factor = COVERED_FACTOR if used[k] else 1.0
        add("e" + s, KIND_WEIGHT["e"] * factor)
        if len(s) >= 5 and not light:
            padded = f"<{s}>"
            for j in range(len(padded) - 2):
                add("t" + padded[j : j + 3], KIND_WEIGHT["t"] * factor)
