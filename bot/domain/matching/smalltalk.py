"""Greetings, thanks, goodbyes and an "ok": a friendly word back, not "I can't answer that yet".

Only a text that is nothing but such words ("你好", "谢谢啦", "thanks so much", "好的 谢谢"): "你好 请问
工作站几点开门" is a question.
"""

from __future__ import annotations

import re
from typing import Literal

SmallTalk = Literal["greeting", "thanks", "bye", "ok"]

_PARTICLES = "啊呀哦噢啦了呢哈吧嘛哇~～!！。.，, "
_ZH: dict[SmallTalk, str] = {
    "greeting": r"你好|您好|大家好|嗨|哈喽|哈啰|在吗|在不在|有人吗|早上好|上午好|中午好|下午好|晚上好|早安|早|晚安",
    "thanks": r"谢谢你们|谢谢大家|谢谢你|谢谢您|谢谢|多谢|谢了|感谢|非常感谢|太感谢了|辛苦了|辛苦|麻烦了|麻烦你了|感恩",
    "bye": r"再见|拜拜|回头见|下次见|白白",
    "ok": r"好的|好滴|好嘞|好|嗯嗯|嗯|行|知道了|明白了|明白|收到|懂了|了解|ok|okay",
}
_EN: dict[SmallTalk, str] = {
    "greeting": r"hi|hello|hey|hiya|good (morning|afternoon|evening)|anyone there|is anyone there|are you there",
    "thanks": r"thanks|thank you|thx|ty|cheers|many thanks|much appreciated",
    "bye": r"bye|goodbye|good bye|see you|see ya|good night",
    "ok": r"ok|okay|k|got it|great|cool|alright|all right|i see|understood|noted|sure",
}
_EN_TAIL = r"(?: (?:there|so much|a lot|very much|again|bot|lianxin|then|thanks|thank you))*"
_PRIORITY: tuple[SmallTalk, ...] = ("thanks", "bye", "greeting", "ok")  # "好的 谢谢" thanks


def _any(patterns: dict[SmallTalk, str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns.values())


_ZH_WHOLE = re.compile(rf"(?:(?:{_any(_ZH)})[{re.escape(_PARTICLES)}]*)+")
_EN_WHOLE = re.compile(rf"(?:{_any(_EN)}){_EN_TAIL}(?: (?:{_any(_EN)}){_EN_TAIL})*")
_ZH_KIND = {kind: re.compile(p) for kind, p in _ZH.items()}
_EN_KIND = {kind: re.compile(rf"\b(?:{p})\b") for kind, p in _EN.items()}


def small_talk(normalized: str) -> SmallTalk | None:
    """The kind of small talk a whole text is (`normalized`: normalize.basic, fillers kept), or None."""
    text = normalized.strip()
    if not text or len(text) > 30:
        return None
    compact = text.replace(" ", "")
    if _ZH_WHOLE.fullmatch(compact):
        kinds = _ZH_KIND
    elif _EN_WHOLE.fullmatch(text):
        kinds, compact = _EN_KIND, text
    else:
        return None
    return next(kind for kind in _PRIORITY if kinds[kind].search(compact))
