"""Homophone typos from pinyin input, corrected against the knowledge base's own words.

A resident typing 物叶 (wù yè) meant 物业, 长者事堂 meant 长者食堂, 个人心息 meant 个人信息: the
pinyin keyboard offered a character with the same sound. Pinyin features already let the lexical
score match such text, but the sentence encoder reads characters and is thrown off. So a two-character
piece of the query that the knowledge base never uses, with the same toneless pinyin as exactly one of
its two-character words and one character in common with it (in the same place), is rewritten to that
word before the text is embedded. Pieces with no character in common (恢复 / 回复) are left alone:
too often both are real words.
"""

from __future__ import annotations

from collections.abc import Iterable

import rjieba

from .normalize import is_cjk_char
from .tokens import pinyin_of


class TypoCorrector:
    def __init__(self, texts: Iterable[str]) -> None:
        self._known: set[str] = set()
        words: set[str] = set()
        for text in texts:
            for a, b in zip(text, text[1:]):
                if is_cjk_char(a) and is_cjk_char(b):
                    self._known.add(a + b)
            words.update(w for w in rjieba.cut(text) if len(w) == 2 and all(map(is_cjk_char, w)))
        # Replacements are the knowledge base's two-character words, not any two adjacent characters
        # (长者事堂: 事堂 -> 食堂, not 者事 -> 这事).
        self._by_sound: dict[tuple[str, str], list[str]] = {}
        for word in sorted(words):
            self._by_sound.setdefault((pinyin_of(word[0]), pinyin_of(word[1])), []).append(word)

    def correct(self, text: str) -> str:
        """`text` normalised; returns it with homophone typos replaced.

        Candidates are pieces of the characters that word segmentation leaves single or joins into
        a word no dictionary knows (心息会), never a dictionary word (进展 stays, though the knowledge
        base says 进站), nor a piece across known words (not 个时 in 约个时间)."""
        out = []
        run: list[str] = []  # characters of single-character and unknown tokens
        for token in rjieba.cut(text):
            if all(map(is_cjk_char, token)) and (len(token) == 1 or not rjieba.has_word(token)):
                run.extend(token)
                continue
            out.append(self._fix_run(run))
            run = []
            out.append(token)
        out.append(self._fix_run(run))
        return "".join(out)

    def _fix_run(self, chars: list[str]) -> str:
        fixed = []
        i = 0
        while i < len(chars):
            if i + 1 < len(chars):
                piece = chars[i] + chars[i + 1]
                fix = None if piece in self._known or rjieba.has_word(piece) else self._replacement(piece)
                if fix is not None:
                    fixed.append(fix)
                    i += 2
                    continue
            fixed.append(chars[i])
            i += 1
        return "".join(fixed)

    def _replacement(self, piece: str) -> str | None:
        candidates = self._by_sound.get((pinyin_of(piece[0]), pinyin_of(piece[1])), [])
        same_place = [c for c in candidates if c[0] == piece[0] or c[1] == piece[1]]
        return same_place[0] if len(same_place) == 1 else None
