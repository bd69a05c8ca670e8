"""Mentions of the directory's entities (home, stations and their communities, representatives, roles).

Keys are the names and aliases as written plus their core (generic suffixes such as 社区人大代表工作站 or
"Community" removed), normalised. Chinese keys of three characters or more also match by pinyin with
at least one exact character (a representative's name typed with a homophone); two-character keys
must match exactly (赵明 must not fire on 照明). A key shared by two entities is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import basic, has_cjk
from .tokens import pinyin_of

_ZH_SUFFIXES = ("社区人大代表工作站", "人大代表工作站", "代表工作站", "工作站", "人大代表之家", "代表之家",
                "人大代表联系点", "联系点", "社区", "街道", "站")
_EN_GENERIC = frozenset(
    "community representative representatives station work home street people's peoples congress "
    "deputy the of s".split()
)


@dataclass(frozen=True)
class Mention:
    answer_id: str
    start: int
    end: int
    exact: bool


class EntityIndex:
    def __init__(self, names: dict[str, list[str]]):
        """`names`: answer id -> every name/alias/community text (any language)."""
        owners: dict[str, set[str]] = {}
        for answer_id, texts in names.items():
            for text in texts:
                for key in _keys(text, strip=answer_id.startswith("station:")):
                    owners.setdefault(key, set()).add(answer_id)
        self.keys = {key: next(iter(ids)) for key, ids in owners.items() if len(ids) == 1}
        self.zh_pinyin: dict[tuple[str, ...], tuple[str, str]] = {}
        for key, answer_id in self.keys.items():
            if has_cjk(key) and len(key) >= 3 and " " not in key:
                self.zh_pinyin.setdefault(tuple(pinyin_of(c) for c in key), (key, answer_id))
        self._zh_keys = sorted((k for k in self.keys if has_cjk(k)), key=len, reverse=True)
        en = sorted((k for k in self.keys if not has_cjk(k)), key=len, reverse=True)
        self._en_re = re.compile(r"\b(" + "|".join(re.escape(k) for k in en) + r")\b") if en else None
        self._pinyin_lengths = sorted({len(k) for k in self.zh_pinyin}, reverse=True)
        # A role named "<field>大使" / "<field> ambassador" asked with words between (健康这块的大使,
        # the ambassador for health): the field and the title, a few characters or words apart.
        self._split_roles = [
            (pattern, answer_id)
            for answer_id, texts in names.items() if answer_id.startswith("role:")
            for text in texts if (pattern := _split_role_pattern(text)) is not None
        ]

    def mentions(self, text: str) -> list[Mention]:
        """Non-overlapping mentions in a normalised text, longest keys first."""
        found: list[Mention] = []
        taken = [False] * len(text)

        def claim(start: int, end: int, answer_id: str, exact: bool) -> None:
            if not any(taken[start:end]):
                for k in range(start, end):
                    taken[k] = True
                found.append(Mention(answer_id, start, end, exact))

        for key in [k for k in self._zh_keys if k in text]:  # longest first
            start = text.find(key)
            while start >= 0:
                claim(start, start + len(key), self.keys[key], True)
                start = text.find(key, start + 1)
        if self._en_re is not None:
            for m in self._en_re.finditer(text):
                claim(m.start(), m.end(), self.keys[m.group(1)], True)
        if self.zh_pinyin:
            pinyins = [pinyin_of(c) for c in text]
            for length in self._pinyin_lengths:
                for start in range(0, len(text) - length + 1):
                    hit = self.zh_pinyin.get(tuple(pinyins[start : start + length]))
                    if hit and any(a == b for a, b in zip(hit[0], text[start : start + length])):
                        claim(start, start + length, hit[1], False)
        for pattern, answer_id in self._split_roles:
            for m in pattern.finditer(text):
                claim(m.start(), m.end(), answer_id, False)
        found.sort(key=lambda m: m.start)
        return found


def _split_role_pattern(name: str) -> re.Pattern | None:
    norm = basic(name)
    if has_cjk(norm):
        field = norm.replace(" ", "").removesuffix("大使")
        if field != norm.replace(" ", "") and len(field) >= 2:
            return re.compile(re.escape(field) + r"[^\s大使]{1,4}?大使")
        return None
    if norm.endswith(" ambassador") and len(field := norm[: -len(" ambassador")].strip()) >= 3:
        f = re.escape(field)
        return re.compile(rf"\b{f}\b(?: \w+){{1,3}} ambassador\b|\bambassadors? (?:for|of|on) (?:the )?{f}\b")
    return None


def _keys(text: str, strip: bool) -> set[str]:
    """Keys of one name; `strip`: also its core without generic suffixes (for stations, whose
    names are "<community> + generic words"; a home's or a role's core would be too generic)."""
    norm = basic(text)
    if not norm:
        return set()
    keys = {norm}
    if has_cjk(norm):
        compact = norm.replace(" ", "")
        keys.add(compact)
        if not strip:
            return {k for k in keys if len(k) >= 2}
        core = compact
        changed = True
        while changed:
            changed = False
            for suffix in _ZH_SUFFIXES:
                if core.endswith(suffix) and len(core) - len(suffix) >= 2:
                    core = core[: -len(suffix)]
                    changed = True
        keys.add(core)
        return {k for k in keys if len(k) >= 2}
    words = [w for w in norm.split() if w not in _EN_GENERIC]
    if words and strip:
        keys.add(" ".join(words))
        # "Tongluo Hutong Community" is "the Tongluo station" to a resident: a romanised place name
        # leading the core is a key of its own (an English word such as "East" or "Garden" is not).
        if len(words) > 1 and len(words[0]) >= 5 and _PINYIN_WORD.fullmatch(words[0]):
            keys.add(words[0])
    return {k for k in keys if len(k) >= 3}


# A word made only of pinyin syllables (toneless), such as "tongluo" or "xingguangdao".
_PINYIN_WORD = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])"
    r"(?:iang|iong|uang|ang|eng|ing|ong|uai|uan|ian|iao|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|a|o|e|i|u|v)"
    r"|ang|eng|ai|ei|ao|ou|an|en|er|a|o|e)+"  # syllables without an initial
)
