"""Does a text describe a problem to file (a complaint) rather than ask a question?

"楼道灯坏了三天没人修" is a matter to file; "路灯坏了找谁" and "怎么投诉" are questions about filing,
which the FAQ answers. So: problem words and duration/neglect markers count for a complaint, a question
form counts against it. Domain-general word lists, Chinese and English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PROBLEM_ZH = (
    "坏了 坏掉 坏的 损坏 不亮 灭了 漏水 渗水 滴水 漏雨 堵了 堵塞 堵住 不通 积水 冒水 太吵 吵得 吵死 噪音 噪声 扰民 "
    "臭 异味 脏 乱扔 乱丢 乱停 乱堆 乱搭 乱贴 占道 堆满 堆了 塌 裂 破了 破损 停水 停电 断水 断电 没水 没电 没有水 "
    "没有电 大坑 坑洼 掉下来 脱落 不干活 不作为 不管事 乱收费 拖欠 欠薪 蚊子 老鼠 蟑螂 违建 违章 野狗 流浪狗 "
    "故障 失灵 不能用 用不了 没人清理 没人修 没人管 没人处理 没人来 不处理 不给修 不给办 睡不着 危险 太差 "
    "装修 施工 半夜 油烟 漏 冒烟 烧烤 广场舞 遛狗 狗屎 垃圾堆 不见了 被偷 偷了 骚扰 打人 霸占 卡住 困在 "
    "电梯停 发霉 倒了 歪了 翻了 锈 太慢 不回复 推诿 扯皮 不理 没反应 没回音 没有回音 乱 吵 "
    "苍蝇 摔了 摔倒 收钱 关在 关里面 被困 拖欠 拖了 工资 不给 欠钱 占满 占用 被占 丢了 满了 溢出 发黄 浑浊 "
    "翘起 松动 声音特别大 声音太大 特别大 太大 不像话 没落实 不落实 私拉 乱拉 堵车 没人疏导 没人补 圈起来 "
    "种菜 大粪 味道 冒黑烟 污染 污水 油污 排污 偷倒 偷排 噪 扬尘 断了 掉了 烂了 开裂 倾斜 没人接 不接电话 往下扔 扔垃圾 "
    "高空抛物 砸到 砸伤 差点 困了 困人 堵着 挡着 吓人 吓哭 吓死 吓坏 越来越少 越来越差 越来越贵 涨价 涨了 "
    "欠我 欠俺 欠我们 欠俺们 找不着人 找不到人 人找不着 跑路 老不在 总不在 都关门 老关门 没开门 没来 没送 饿着 饿肚子 "
    "没人收 没人扫 没人清 没人倒 没人拉 没人运 没人捡 堵在 出不去 进不去 开不出去 "
    "堵死 过不去 不热 冻感冒 冻坏 冻病 冻得 秤不准 缺斤少两 短斤少两 害怕 凌晨 "
    "咬人 咬伤 偷东西 过期 虫子 结冰 滑倒 冰凉 拆了 烧黑 夹人 夹伤 尿骚 绊倒 爆了 锁着门 关着门 擅自 打不通 烧垃圾 "
    "生锈 晃动 摇摇欲坠 掉渣 钻进来 蚊虫 灭 不管 黑灯瞎火 黑漆漆 黑乎乎 瞎了 忽上忽下 掉到"
).split()
MARKER_ZH = (
    "三天 两天 几天 好几天 多天 一周 一星期 一个星期 半个月 一个月 几个月 好久 很久 一直 天天 每天 每晚 "
    "总是 老是 至今 还没 都没 还是没 没人 到现在 经常 又 已经 连续 整天 整夜 反复 多次 好多次 屡次 到底 "
    "太 真是 实在 受不了 严重 根本 一点 怎么回事 三天两头 昨天 前天 上周 上个月 半小时 好几回 好几次 到处 从来不 从来没"
).split()
PROBLEM_EN = (
    "broken leak leaking leaks blocked clogged noisy noise smell smells stink stinks stinking dirty "
    "overflowing pothole potholes dangerous flooded flooding dark rats cockroaches illegal garbage rubbish "
    "trash filthy damaged cracked collapsed outage drills drilling owes owe wages unpaid stuck flies "
    "smelly loud fell injured blasting blaring expired missing dust dusty bit bitten bites rusted rusty "
    "stolen leaning cheating flooding floods pocketed blocking"
).split()
PROBLEM_EN_PHRASES = ["not working", "doesn't work", "does not work", "out of order", "no water",
                      "no electricity", "no power", "piled up", "nobody", "no one", "never fixed",
                      "not fixed", "not been fixed", "hasn't been", "haven't", "ignored", "been out",
                      "can't sleep", "cannot sleep", "keeps breaking", "won't pay", "didn't pay", "power cut",
                      "barely warm", "not warm", "cut off", "not seen", "ignores", "ignore every", "be fixed",
                      "pitch black", "locked", "parks in front of", "parked in front of", "parking in front of",
                      "keep parking", "keeps parking", "block my gate", "blocks my gate", "block the gate"]
MARKER_EN_PHRASES = ["for days", "for a week", "for weeks", "for a month", "for months", "every night",
                     "every day", "still", "again", "always", "three days", "two days", "so long",
                     "nobody", "no one", "weeks", "days", "third time", "all night", "every single",
                     "every weekend", "every week"]

# Question forms. 什么都/什么也 ("什么都不干") and 谁(...)都 ("谁都能进", "谁路过都害怕") are a
# complaint's turn of phrase, not a question.
_QUESTION_ZH = re.compile(
    r"怎么|如何|怎样|咋|找谁|找哪|哪里|哪儿|哪个|哪家|哪种|哪位|在哪|上哪|去哪|到哪|哪能|哪有|"
    r"吗|能不能|可不可以|可以.*[吗么]|是否|"
    # Asking for advice (想找个律师问问, 想咨询一下): a request for information, not a report.
    r"问问|咨询|想问|请教|"
    r"什么(?!都|也)|啥(?!都|也)|么子|谁(?!.{0,4}?[都也])|多少|几点|几月|几号|几时|哪个月|多久|多长时间|哪些|哪天|有没有|有冇|"
    r"该不该|应该|"
    r"还是(?!没|不)|[?？]|"
    r"哪$|"  # 放哪 closing a clause
    # A yes/no question closed by 没(有)/不 (有下文没, 办了没有, 能发过去不), but not 都没有 / 也不.
    r"(?<![都也还就])(?:没有?|不)$|"
    r"(?P<verb>.)不(?P=verb)"  # A-not-A questions: 会不会, 是不是, 要不要, 行不行
)
_QUESTION_EN = re.compile(
    r"\?|^(how|who|where|what|when|which|can|could|should|is|are|do|does|whom|why)\b|"
    r"\b(how do|how can|how to|who do|who should|where can|what should|can i|should i)\b|"
    # A question asked after telling what happened, without a question mark ("... collapsed what
    # number for ambulance", "i sent it in what happens now").
    r"\b(what (do|does|can|should|number|happens|now)|who (to|can|will)|where (do|is|are)|"
    r"how (long|soon|much|many))\b"
)


# Requests and small talk: not a problem description even when long and without a question mark.
_REQUEST_ZH = re.compile(r"帮我|请帮|推荐|讲个|讲一个|给我|告诉我|来一个|来个|翻译|写一|你好|您好|早上好|晚上好|谢谢|哈哈")
_REQUEST_EN = re.compile(r"^(tell|recommend|give|show|write|translate|hi|hello|hey|good|thanks|thank|best|please)\b")
STATEMENT_MIN_ZH = 8   # characters
STATEMENT_MIN_EN = 6   # words


@dataclass(frozen=True)
class ComplaintSignals:
    problems: int
    markers: int
    question: bool
    statement: bool = False  # a longer declarative sentence that is neither a question nor a request

    @property
    def reads_like_problem(self) -> bool:
        """Worth offering to file when the knowledge base has no confident answer."""
        return self.problems > 0 or (not self.question and (self.markers > 0 or self.statement))

    @property
    def strong(self) -> bool:
        """A problem with a duration/neglect marker (or several problem words, or told in a longer
        sentence), not asked as a question."""
        return not self.question and self.problems > 0 and (self.markers > 0 or self.problems > 1 or self.statement)


def complaint_signals(raw: str, normalized: str) -> ComplaintSignals:
    """`raw` keeps the punctuation (question marks); `normalized` is simplified, lower case."""
    text = normalized
    problems = markers = 0
    if any("\u3400" <= ch <= "\u9fff" for ch in text):
        compact = text.replace(" ", "")
        problems = _count(compact, _PROBLEM_ZH_LONGEST_FIRST)
        markers = _count(compact, _MARKER_ZH_LONGEST_FIRST)
        # Also each clause on its own: "中午休息不 我只有午饭那会儿能过去" asks in its first clause.
        question = (
            any(_QUESTION_ZH.search(clause) for clause in [compact, *text.split()])
            or "?" in raw or "？" in raw
        )
        cjk = sum(1 for ch in compact if "\u3400" <= ch <= "\u9fff")
        statement = not question and cjk >= STATEMENT_MIN_ZH and not _REQUEST_ZH.search(compact)
    else:
        question = bool(_QUESTION_EN.search(text)) or "?" in raw
        statement = (
            not question and len(text.split()) >= STATEMENT_MIN_EN and not _REQUEST_EN.search(text)
        )
    words = set(text.split())
    problems += sum(1 for w in PROBLEM_EN if w in words)
    problems += sum(1 for p in PROBLEM_EN_PHRASES if p in text)
    markers += sum(1 for p in MARKER_EN_PHRASES if p in text)
    return ComplaintSignals(problems=problems, markers=markers, question=question, statement=statement)


_PROBLEM_ZH_LONGEST_FIRST = sorted(PROBLEM_ZH, key=len, reverse=True)
_MARKER_ZH_LONGEST_FIRST = sorted(MARKER_ZH, key=len, reverse=True)


def _count(text: str, longest_first: list[str]) -> int:
    """Occurrences of the listed words (longest first), without counting overlaps twice."""
    count = 0
    taken = [False] * len(text)
    for word in [w for w in longest_first if w in text]:
        start = text.find(word)
        while start >= 0:
            if not any(taken[start : start + len(word)]):
                count += 1
                for k in range(start, start + len(word)):
                    taken[k] = True
            start = text.find(word, start + 1)
    return count
