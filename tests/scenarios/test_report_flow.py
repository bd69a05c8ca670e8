"""Filing a matter: every step can be left, gone back from, edited; hostile text arrives intact."""

from __future__ import annotations

import pytest

from tests.scenarios.players import file_matter, started_rep, started_resident

# What to do at each step to reach the next one.
ANSWERS = [("press", "九龙社区"), ("press", "物业管理"), ("send", "楼道灯坏了三天没人修"), ("press", "跳过"), ("send", "跳过")]


async def reach_step(resident, step: int) -> None:
    await resident.send("/report")
    await resident.wait_for("第1步")
    for number, (action, value) in enumerate(ANSWERS[: step - 1], start=2):
        await (resident.press(value) if action == "press" else resident.send(value))
        await resident.wait_for(f"第{number}步")


@pytest.mark.parametrize("step", range(1, 7))
async def test_cancel_at_every_step_files_nothing(standin, bot, step):
    resident = await started_resident(standin, 4000 + step)
    await reach_step(resident, step)
    await resident.send("/cancel")
    await resident.wait_for("已取消")
    await resident.send("/mycases")
    await resident.wait_for("还没有反映过")
    # Back to normal: free text is a question again, not a description.
    await resident.send("九龙社区工作站在哪")
    answer = await resident.wait_for()
    assert "第" not in answer["text"][:3]


async def test_back_returns_to_the_previous_question_with_the_draft_kept(standin, bot):
    resident = await started_resident(standin, 4101)
    await reach_step(resident, 3)
    await resident.send("/back")
    await resident.wait_for("第2步")
    await resident.press("环境卫生")
    prompt = await resident.wait_for("第3步")
    assert "环境卫生" in prompt["text"]
    await resident.press("⬅️ 返回", prompt)
    await resident.wait_for("第2步")


async def test_edit_from_review_changes_only_that_part(standin, bot):
    resident = await started_resident(standin, 4102)
    await reach_step(resident, 6)
    await resident.press("✏️ 修改")
    await resident.wait_for("要修改哪一项")
    await resident.press("描述")
    await resident.wait_for("第3步")
    await resident.send("2号楼电梯困人，已经报修两次")
    review = await resident.wait_for("第6步")
    assert "2号楼电梯困人" in review["text"] and "楼道灯" not in review["text"] and "物业管理" in review["text"]


async def test_too_short_and_non_text_descriptions_get_a_hint(standin, bot):
    resident = await started_resident(standin, 4103)
    await reach_step(resident, 3)
    await resident.send("灯")
    await resident.wait_for("太短")
    await resident.send_sticker()
    await resident.wait_for("无法处理")
    await resident.send("楼道灯坏了三天没人修")
    await resident.wait_for("第4步")


async def test_markup_characters_and_emoji_arrive_intact_at_the_representative(standin, bot):
    rep = await started_rep(standin, 100001, "王建国")
    resident = await started_resident(standin, 4104)
    hostile = "<b>路灯</b> & 水管 _*[`] <script>alert(1)</script> &amp; 🏮\u200b\u202e 漏水"
    ref = await file_matter(resident, "九龙社区", "物业管理", hostile)
    card = await rep.wait_for(ref)
    assert hostile in card["text"]


async def test_a_description_of_4096_characters_reaches_the_representative_whole(standin, bot):
    rep = await started_rep(standin, 100001, "王建国")
    resident = await started_resident(standin, 4105)
    long_text = ("小区东门外的排水沟堵塞，" * 400)[:4088] + "【描述到此结束】"
    ref = await file_matter(resident, "九龙社区", "物业管理", long_text)
    card = await rep.wait_for(ref)
    await rep.wait_for(lambda m: (m.get("text") or "").endswith(long_text[-50:]))
    after_card = [m for m in rep.messages if m["message_id"] > card["message_id"]]
    assert [len(m["text"]) for m in after_card] == [4000, 96]
    assert "".join(m["text"] for m in after_card) == long_text


async def test_location_proposes_the_nearest_station(standin, bot):
    resident = await started_resident(standin, 4106)
    await resident.send("/report")
    await resident.wait_for("第1步")
    await resident.send_location(35.9357, 120.1690)  # next to the Jiulong station
    proposal = await resident.wait_for("最近")
    assert "九龙" in proposal["text"]
    await resident.press("✅ 是的")
    await resident.wait_for("第2步")


async def test_buttons_of_an_earlier_step_are_stale(standin, bot):
    resident = await started_resident(standin, 4109)
    await reach_step(resident, 5)
    photos_prompt = next(m for m in resident.messages if "第4步" in (m.get("text") or ""))
    await resident.press("跳过", photos_prompt)
    assert "失效" in await resident.wait_answer()
    await resident.send("跳过")          # the reply keyboard's Skip still works
    await resident.wait_for("第6步")


async def test_contact_card_of_someone_else_is_refused(standin, bot):
    resident = await started_resident(standin, 4107)
    await reach_step(resident, 5)
    await resident.send_contact(phone="+86 139 1111 2222", own=False)
    await resident.wait_for("别人的联系人")


async def test_english_speakers_get_english_and_lang_switches_and_is_remembered(standin, bot):
    resident = await started_resident(standin, 4108, "Alice", language_code="en")
    await resident.send("/report")
    await resident.wait_for("Step 1 of 6")
    await resident.press("Jiulong Community")
    await resident.wait_for("Step 2 of 6")
    await resident.send("/cancel")
    await resident.wait_for("Cancelled")
    await resident.send("/lang")
    await resident.wait_for("已切换为中文")
    assert "📝 反映问题" in resident.reply_keyboard
    await resident.send("/report")
    await resident.wait_for("第1步")
    await resident.send("/cancel")
    await resident.wait_for("已取消")


async def test_commands_are_registered_in_both_languages(standin, bot):
    calls = standin.requests_for("setMyCommands")
    languages = {call.get("language_code") for call in calls}
    assert {None, "en"} <= languages
    names = {c["command"] for call in calls for c in call["commands"]}
    assert {"start", "help", "report", "mycases", "stations", "lang", "cancel"} <= names
