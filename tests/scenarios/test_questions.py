"""Free text outside a flow: answers, directory cards, complaints to file, unknowns for the admins."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from contextlib import asynccontextmanager

from bot.app import build_application, running
from bot.config import BUNDLED_FAQ_DIR
from bot.handlers.questions import ShowAnswer
from tests.conftest import ADMIN_CHAT, ADMIN_ID, make_settings
from tests.scenarios.players import case_at_wang, started_rep, started_resident


@asynccontextmanager
async def bot_with_extra_entries(standin, tmp_path, entries_yaml: str):
    """The bot on the sample knowledge base plus `entries_yaml` (an extra FAQ file)."""
    faq = tmp_path / "faq"
    shutil.copytree(BUNDLED_FAQ_DIR, faq)
    (faq / "extra.yaml").write_text(entries_yaml, encoding="utf-8")
    async with running(build_application(make_settings(standin, tmp_path, LIANXIN_FAQ_DIR=faq))):
        yield


async def test_station_question_gets_the_station_card(standin, bot):
    resident = await started_resident(standin, 6001)
    await resident.send("九龙社区工作站在哪里")
    card = await resident.wait_for("九龙")
    assert "地址" in card["text"] and "电话" in card["text"]


async def test_complaint_leads_to_filing_with_the_text_prefilled(standin, bot):
    wang = await started_rep(standin, 100001, "王建国")
    resident = await started_resident(standin, 6002)
    complaint = "楼道灯坏了三天没人修，晚上黑乎乎的"
    await resident.send(complaint)
    offer = await resident.wait_for("反映")
    await resident.press("📝 作为问题反映", offer)
    await resident.wait_for("第1步")
    await resident.press("九龙社区")
    await resident.wait_for("第2步")
    await resident.press("物业管理")
    await resident.wait_for("第3步")
    await resident.wait_for("作为描述")
    await resident.press("✅ 使用这段描述")
    await resident.wait_for("第4步")
    await resident.press("跳过")
    await resident.wait_for("第5步")
    await resident.send("跳过")
    review = await resident.wait_for("第6步")
    assert complaint in review["text"]
    await resident.press("✅ 提交")
    confirmation = await resident.wait_for("已提交")
    ref = confirmation["text"].split("编号 ")[1].split("。")[0]
    card = await wang.wait_for(ref)
    assert complaint in card["text"]


async def test_unknown_questions_are_kept_for_admins(standin, bot):
    resident = await started_resident(standin, 6003)
    for _ in range(2):
        await resident.send("今晚的足球比赛谁赢了")
        await resident.wait_for(lambda m: "reply_markup" in m)
    admin = standin.member(standin.user(ADMIN_ID, "街道管理员"), ADMIN_CHAT)
    await admin.send("/unanswered")
    listing = await standin.chat(ADMIN_CHAT).wait_for("没答上")
    assert "2× 今晚的足球比赛谁赢了（最高分" in listing["text"]


async def test_unanswered_says_which_questions_an_entry_written_since_answers_and_which_no_entry_could(
        standin, tmp_path):
    faq = tmp_path / "faq"
    shutil.copytree(BUNDLED_FAQ_DIR, faq)
    async with running(build_application(make_settings(standin, tmp_path, LIANXIN_FAQ_DIR=faq))):
        resident = await started_resident(standin, 6015)
        for question in ("萤火虫观察营几月开营", "明天会下雨吗"):
            await resident.send(question)
            await resident.wait_for(lambda m: m.get("text") and m["text"] != question and "萤火虫" not in m["text"])
        (faq / "extra.yaml").write_text(
            "- id: firefly-camp\n"
            "  question: {zh: 萤火虫观察营什么时候开营, en: When does the firefly camp start}\n"
            "  answer: {zh: 每年六月开营（示例）。, en: Every June (sample).}\n",
            encoding="utf-8",
        )
        admin = standin.member(standin.user(ADMIN_ID, "街道管理员"), ADMIN_CHAT)
        await admin.send("/reload")
        await standin.chat(ADMIN_CHAT).wait_for("已重新加载")
        await admin.send("/unanswered")
        listing = (await standin.chat(ADMIN_CHAT).wait_for("没答上"))["text"]
        assert "萤火虫观察营几月开营（现在已能回答：萤火虫观察营什么时候开营）" in listing
        assert "明天会下雨吗（超出街道的服务范围）" in listing


async def test_stations_command_browses_by_community(standin, bot):
    resident = await started_resident(standin, 6004)
    await resident.send("/stations")
    await resident.wait_for("请选择社区")
    await resident.press("星光岛社区")
    card = await resident.wait_for("星光岛")
    assert "本站代表" in card["text"]
    await resident.press("📝 向这里反映问题", card)
    await resident.wait_for("第2步")


async def test_location_outside_a_flow_shows_the_nearest_station(standin, bot):
    resident = await started_resident(standin, 6005)
    await resident.send_location(35.9268, 120.2046)
    await resident.wait_for("离您最近的工作站")
    card = await resident.wait_for("星光岛")
    assert "地址" in card["text"]


async def ask_until_answered(resident, question: str, expected: str, timeout: float = 20.0) -> dict:
    """Asks again until the reply shows `expected`: the edit is picked up in the background, within a
    reload interval plus the time to rebuild the index (longer on a loaded machine)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        await resident.send(question)
        reply = await resident.wait_for(lambda m: m.get("text"))
        if expected in reply["text"]:
            return reply
        assert asyncio.get_running_loop().time() < deadline, f"never answered with {expected!r}"
        await asyncio.sleep(0.5)


async def test_edits_of_faq_are_picked_up_and_bad_edits_keep_the_last_good_version(standin, tmp_path):
    faq = tmp_path / "faq"
    shutil.copytree(BUNDLED_FAQ_DIR, faq)
    settings = make_settings(standin, tmp_path, LIANXIN_FAQ_DIR=faq, LIANXIN_FAQ_RELOAD_INTERVAL=0.2)
    async with running(build_application(settings)):
        resident = await started_resident(standin, 6006)
        (faq / "extra.yaml").write_text(
            "- id: parking-permit\n"
            "  question: {zh: 小区停车证怎么办理, en: How do I get a parking permit}\n"
            "  answer: {zh: 停车证请到社区居委会窗口办理（示例）。, en: Apply at the community office (sample).}\n",
            encoding="utf-8",
        )
        await ask_until_answered(resident, "小区停车证怎么办理", "居委会窗口")
        (faq / "extra.yaml").write_text("- id: broken\n  question: 问题\n  answr: 拼错的键\n", encoding="utf-8")
        report = await standin.chat(ADMIN_CHAT).wait_for("extra.yaml")
        assert "answr" in report["text"]
        await resident.send("小区停车证怎么办理")
        await resident.wait_for("居委会窗口")


async def test_related_and_directory_buttons_work_whatever_the_id(standin, tmp_path):
    """A related entry with an id too long for Telegram's 64-byte button data, and a station
    (an id with ':'), both get a button that opens them."""
    long_id = "how-to-apply-for-the-community-elderly-meal-subsidy-and-home-delivery"
    entries = (
        "- id: firefly-camp\n"
        "  question: {zh: 萤火虫夜间观察营怎么参加, en: How do I join the firefly night camp}\n"
        "  answer: {zh: 观察营每年六月举办（示例）。, en: The camp is held every June (sample).}\n"
        f"  related: [{long_id}]\n"
        f"- id: {long_id}\n"
        "  question: {zh: 老年助餐补贴和送餐上门怎么申请, en: How do I apply for the elderly meal subsidy}\n"
        "  answer: {zh: 助餐补贴请带身份证到社区居委会申请（示例）。, en: Apply at the community office (sample).}\n"
    )
    async with bot_with_extra_entries(standin, tmp_path, entries):
        resident = await started_resident(standin, 6007)
        await resident.send("萤火虫夜间观察营怎么参加")
        answer = await resident.wait_for("六月")
        await resident.press("老年助餐补贴和送餐上门怎么申请", answer)
        await resident.wait_for("带身份证")

    station = ShowAnswer.unpack(ShowAnswer.of("station:jiulong").pack())
    assert station.answer_id(["home", "station:jiulong"]) == "station:jiulong"
    packed = ShowAnswer.of(long_id).pack()
    assert len(packed.encode()) <= 64
    assert ShowAnswer.unpack(packed).answer_id(["home", long_id]) == long_id


async def test_an_answer_to_a_text_telling_of_a_problem_also_offers_to_file_it(standin, bot):
    resident = await started_resident(standin, 6012)
    await resident.send("路灯坏了找谁")  # a question about filing: answered, and the text one tap from filing
    answer = await resident.wait_for("/report")
    await resident.press("📝 作为问题反映", answer)
    await resident.wait_for("第1步")
    await resident.press("九龙社区")
    await resident.wait_for("第2步")
    await resident.press("物业管理")
    offer = await resident.wait_for("作为描述")
    assert "路灯坏了找谁" in offer["text"]
    asker = await started_resident(standin, 6013)
    await asker.send("工作站几点开门")  # no problem told: the answer alone
    hours = await asker.wait_for("大多数工作站")
    labels = [row[0]["text"] for row in (hours.get("reply_markup") or {}).get("inline_keyboard", [])]
    assert "📝 作为问题反映" not in labels


async def test_greetings_and_thanks_are_answered_in_kind_and_not_kept_as_unanswered(standin, bot):
    resident = await started_resident(standin, 6014)
    await resident.send("你好")
    await resident.wait_for("您好！我是「连心」")
    await resident.send("谢谢啦")
    await resident.wait_for("不客气")
    await resident.send("今晚的足球比赛谁赢了")
    await resident.wait_for(lambda m: "reply_markup" in m)
    admin = standin.member(standin.user(ADMIN_ID, "街道管理员"), ADMIN_CHAT)
    await admin.send("/unanswered")
    listing = await standin.chat(ADMIN_CHAT).wait_for("没答上")
    assert "足球" in listing["text"]
    assert "谢谢啦" not in listing["text"] and "你好" not in listing["text"]


async def test_a_resident_naming_their_case_reference_gets_its_status_and_history(standin, bot):
    filed = await case_at_wang(standin, 6015, "5号楼门口的路灯不亮了")
    await filed.resident.send(f"{filed.ref.lower()} 现在有进展吗")
    status = await filed.resident.wait_for("您的事项")
    assert filed.ref in status["text"]
    await filed.resident.press(status["reply_markup"]["inline_keyboard"][0][0]["text"], status)
    detail = await filed.resident.wait_for("5号楼门口的路灯不亮了")
    assert filed.ref in detail["text"]
    stranger = await started_resident(standin, 6016)
    await stranger.send(f"{filed.ref} 现在有进展吗")  # someone else's case: nothing about it is shown
    reply = await stranger.wait_for(lambda m: "reply_markup" in m or "答不上来" in m.get("text", ""))
    assert "您的事项" not in reply["text"] and "路灯" not in reply["text"]


async def test_a_complaint_close_to_an_entry_offers_filing_first_and_the_entry_too(standin, bot):
    resident = await started_resident(standin, 6008)
    await resident.send("楼上漏水好几天了 物业也不管")
    offer = await resident.wait_for("反映")
    labels = [row[0]["text"] for row in offer["reply_markup"]["inline_keyboard"]]
    assert labels[0] == "📝 作为问题反映" and len(labels) > 1


async def test_an_answer_offers_the_entry_that_scored_nearly_as_well(standin, tmp_path):
    """Two entries about the same camp: whichever answers "萤火虫观察营", the other is one tap away."""
    entries = (
        "- id: firefly-signup\n"
        "  question: {zh: 萤火虫观察营怎么报名, en: How do I sign up for the firefly camp}\n"
        "  answer: {zh: 在社区服务中心报名（示例）。, en: Sign up at the community centre (sample).}\n"
        "- id: firefly-dates\n"
        "  question: {zh: 萤火虫观察营什么时候开营, en: When does the firefly camp start}\n"
        "  answer: {zh: 每年六月开营（示例）。, en: Every June (sample).}\n"
    )
    async with bot_with_extra_entries(standin, tmp_path, entries):
        resident = await started_resident(standin, 6009)
        await resident.send("萤火虫观察营")
        answer = await resident.wait_for(lambda m: "（示例）" in m.get("text", ""))
        labels = [row[0]["text"] for row in answer["reply_markup"]["inline_keyboard"]]
        other = "萤火虫观察营什么时候开营" if "报名" in answer["text"] else "萤火虫观察营怎么报名"
        assert other in labels
        await resident.press(other, answer)
        await resident.wait_for("六月" if "报名" in answer["text"] else "社区服务中心")


async def test_cancel_outside_a_flow_and_unknown_commands_get_an_answer(standin, bot):
    resident = await started_resident(standin, 6010)
    await resident.send("/cancel")
    await resident.wait_for("没有进行中的操作")
    await resident.send("/foo")
    await resident.wait_for("这个命令在这里用不了")


async def test_an_off_topic_question_is_declined_without_an_offer_to_file_it(standin, bot):
    resident = await started_resident(standin, 6011)
    await resident.send("人大代表一个月工资多少")  # shares words with entries, asks what no station answers
    reply = await resident.wait_for("超出了我能回答的范围")
    labels = [row[0]["text"] for row in (reply.get("reply_markup") or {}).get("inline_keyboard", [])]
    assert "📝 作为问题反映" not in labels


async def test_the_greeting_and_help_speak_of_the_street_whose_knowledge_base_is_loaded(standin, tmp_path):
    other_street = Path(__file__).parents[1] / "data" / "twelfth_street" / "faq"
    application = build_application(make_settings(standin, tmp_path, LIANXIN_FAQ_DIR=other_street))
    async with running(application):
        resident = standin.user(6012, "李梅", language_code="zh")
        await resident.send("/start")
        greeting = await resident.wait_for("连心")
        assert "槐井街道人大代表之家" in greeting["text"] and "灵山卫" not in greeting["text"]
        await resident.send("/help")
        help_text = await resident.wait_for("直接打字提问")
        assert "九龙" not in help_text["text"] and "工作站在哪" in help_text["text"]


async def test_an_edited_message_gets_a_hint_to_send_it_again(standin, bot):
    resident = await started_resident(standin, 6013)
    question = await resident.send("工作站几点开门")
    await resident.wait_for("开放")
    await resident.edit(question, "法律援助怎么申请")
    hint = await resident.wait_for("看不到改动")
    assert "出了点问题" not in resident.transcript()
    await resident.send("法律援助怎么申请")  # sent again: answered as usual
    assert (await resident.wait_for(lambda m: m["message_id"] > hint["message_id"]))["text"] != hint["text"]


async def test_a_dice_outside_any_flow_gets_an_answer_not_silence(standin, bot):
    resident = await started_resident(standin, 6014)
    await resident.send_dice()
    await resident.wait_for("无法处理")
