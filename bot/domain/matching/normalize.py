"""Text normalisation for phone-typed Chinese and English.

Full-width to half-width (NFKC), traditional to simplified (OpenCC t2s), lower case, punctuation and
emoji removed, polite filler phrases (请问, 我想问一下, 麻烦问下 ...) dropped: none of it carries meaning
for finding an answer, and all of it varies from one resident to the next.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

_T2S = opencc.OpenCC("t2s")

# Longest first, so that 我想问一下 goes before 问一下. Only phrases that never carry the question.
FILLERS_ZH = sorted(
    {
        "请问一下", "请问下", "请问", "我想问一下", "我想问问", "我想问下", "我想问", "想问一下", "想问问",
        "想问下", "想请问", "麻烦问一下", "麻烦问下", "麻烦问问", "麻烦您", "麻烦你", "麻烦", "问一下",
        "问下", "请教一下", "请教", "打听一下", "打听下", "咨询一下", "你好", "您好", "你们好", "大家好",
        "谢谢你", "谢谢您", "谢谢", "多谢", "劳驾", "那个", "就是说", "就是", "我想知道", "想知道",
        "我想了解一下", "我想了解", "了解一下", "帮我看看", "帮忙看看", "有个问题", "一个问题",
        "请帮忙", "请帮我",
    },
    key=len,
    reverse=True,
)
_FILLER_RE = re.compile("|".join(re.escape(f) for f in FILLERS_ZH))
# Sentence particles at the end of a clause (啊, 呢, 吧 ...); inside words they stay.
_PARTICLE_RE = re.compile(r"[啊呀呢吧哦嘛啦哈呐噢喔嗯哎诶哇]+(?=\s|$)")
_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NON_WORD_RE = re.compile(r"[^0-9a-z\u3400-\u9fff\uf900-\ufaff]+")


def has_cjk(text: str) -> bool:
    return bool(_CJK_RE.search(text))


def is_cjk_char(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


@lru_cache(maxsize=8192)
def to_simplified(text: str) -> str:
    return _T2S.convert(text)


def basic(text: str) -> str:
    """Width, script and case folded; punctuation turned into single spaces."""
    text = unicodedata.normalize("NFKC", text)
    if has_cjk(text):
        text = to_simplified(text)
    text = text.lower().replace("'s ", " ").replace("’", "'")
    text = _NON_WORD_RE.sub(" ", text)
    return " ".join(text.split())


def normalize(text: str) -> str:
    """`basic` plus filler phrases and trailing particles removed; never returns an empty string
    for a non-empty query made only of fillers (then the basic form is kept)."""
    base = basic(text)
    stripped = _FILLER_RE.sub(" ", base)
    stripped = _PARTICLE_RE.sub(" ", stripped)
    stripped = " ".join(stripped.split())
    return stripped or base
