"""Greetings, thanks, goodbyes and an "ok" are recognised only as whole texts."""

import pytest

from bot.domain.matching.normalize import basic
from bot.domain.matching.smalltalk import small_talk


@pytest.mark.parametrize(
    "text, kind",
    [("你好", "greeting"), ("您好！", "greeting"), ("在吗", "greeting"), ("hi there", "greeting"),
     ("谢谢啦~", "thanks"), ("好的 谢谢", "thanks"), ("Thanks!", "thanks"), ("ok thank you so much", "thanks"),
     ("再见", "bye"), ("bye", "bye"), ("好的", "ok"), ("嗯嗯", "ok"), ("got it", "ok")],
)
def test_small_talk_is_recognised(text, kind):
    assert small_talk(basic(text)) == kind


@pytest.mark.parametrize(
    "text", ["你好 请问工作站几点开门", "好的，那我明天去工作站", "hello, where is the station", "辛苦了代表 路灯还是不亮",
             "行不行", "thanks for nothing, the light is still broken", "早点修好"],
)
def test_a_question_or_a_complaint_is_not_small_talk(text):
    assert small_talk(basic(text)) is None
