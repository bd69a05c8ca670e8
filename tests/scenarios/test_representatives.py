"""Representatives: binding, the card's buttons, transfer, /cases; and who may press what."""

from __future__ import annotations

import re

from tests.conftest import ADMIN_CHAT, ADMIN_ID
from tests.scenarios.players import case_at_wang, file_matter, started_rep, started_resident


async def test_reply_button_relays_text_and_photo_without_exposing_accounts(standin, bot):
    wang = await started_rep(standin, 100001, "王建国")
    resident = await started_resident(standin, 5001, "陈阿姨")
    ref = await file_matter(resident, "九龙社区", "物业管理", "电梯按钮失灵，老人出不了门")
    card = await wang.wait_for(ref)
    assert "陈阿姨" not in card["text"] and "5001" not in card["text"]   # no contact shared
    await wang.press("💬 回复", card)
    await wang.wait_for("请发送给居民的回复")
    await wang.send_photo(caption="维修单已经开好")
    relayed = await resident.wait_for(lambda m: "photo" in m)
    assert ref in relayed["caption"] and "维修单已经开好" in relayed["caption"]
    assert "100001" not in relayed["caption"]


async def test_transfer_to_another_rep_of_the_station(standin, bot):
    wang = await started_rep(standin, 100001, "王建国")
    li = await started_rep(standin, 100002, "李秀梅")
    resident = await started_resident(standin, 5002)
    ref = await file_matter(resident, "九龙社区", "物业管理", "小区绿化带被占用种菜")
    card = await wang.wait_for(ref)
    await wang.press("🔄 转交", card)
    await wang.wait_for("转交给谁")
    await wang.press("李秀梅")
    await wang.wait_for("已转交给")
    await li.wait_for(ref)
    await resident.wait_for("转交给 李秀梅")
    # The old card no longer works for the previous owner.
    await wang.press("✅ 接单", card)
    assert "不由您负责" in await wang.wait_answer()


async def test_transfer_pressed_by_mistake_can_be_taken_back(standin, bot):
    case = await case_at_wang(standin, 5008, "车库入口的卷帘门关不上")
    await case.wang.press("🔄 转交", case.card)
    await case.wang.wait_for("转交给谁")
    await case.wang.press("↩️ 不转交了")
    await case.wang.wait_for("仍由您办理")
    await case.wang.press("✅ 接单", case.card)  # still his
    await case.resident.wait_for("已接单")


async def test_a_representative_who_cancels_a_resolution_or_a_reply_is_told_nothing_happened(standin, bot):
    case = await case_at_wang(standin, 5009, "楼道里的消防栓玻璃碎了")
    wang = case.wang
    await wang.press("🏁 办结", case.card)
    await wang.wait_for("请简要说明办理结果")
    await wang.send("/cancel")
    await wang.wait_for(f"已取消，{case.ref} 还没有办结")
    await wang.press("💬 回复", case.card)
    await wang.wait_for("请发送给居民的回复")
    await wang.send("/cancel")
    reply = await wang.wait_for("已取消")
    assert "/report" not in reply["text"]  # that is the residents' command


async def test_cases_lists_open_cases_oldest_first(standin, bot):
    wang = await started_rep(standin, 100001, "王建国")
    resident = await started_resident(standin, 5003)
    first = await file_matter(resident, "九龙社区", "物业管理", "楼顶防水层破了漏雨")
    second = await file_matter(resident, "九龙社区", "环境卫生", "垃圾桶满了没人清运")
    await wang.wait_for(second)
    await wang.send("/cases")
    listing = await wang.wait_for("待办事项")
    assert listing["text"].index(first) < listing["text"].index(second)


async def test_invite_link_binds_a_representative_once(standin, bot):
    admin = standin.member(standin.user(ADMIN_ID, "街道管理员"), ADMIN_CHAT)
    admin_chat = standin.chat(ADMIN_CHAT)
    await admin.send("/invite ma-hongbo")
    invite = await admin_chat.wait_for("邀请链接")
    token = re.search(r"start=(rep_\w+)", invite["text"]).group(1)
    ma = standin.user(7001, "马洪波")
    await ma.send(f"/start {token}")
    await ma.wait_for("马洪波 代表")
    stranger = standin.user(7002, "路人")
    await stranger.send(f"/start {token}")
    await stranger.wait_for("无效")
    # Now reachable: a donggang case reaches him instead of the admin chat.
    resident = await started_resident(standin, 5004)
    ref = await file_matter(resident, "东港社区", "路灯道路", "东港路口的路灯不亮已经三天了")
    await ma.wait_for(ref)


async def test_a_mistyped_rep_id_is_answered_with_the_ids_there_are(standin, bot):
    admin = standin.member(standin.user(ADMIN_ID, "街道管理员"), ADMIN_CHAT)
    admin_chat = standin.chat(ADMIN_CHAT)
    await admin.send("/invite ma-hongb")
    reply = await admin_chat.wait_for("用法：/invite")
    assert "ma-hongbo" in reply["text"] and "wang-jianguo" in reply["text"]


async def test_buttons_of_other_peoples_cases_are_refused(standin, bot):
    case = await case_at_wang(standin, 5005, "电动车在楼道充电很危险")
    wang, resident, card = case.wang, case.resident, case.card
    intruder = await started_rep(standin, 100003, "张海涛")
    await intruder.press_data(card["reply_markup"]["inline_keyboard"][0][0]["callback_data"])
    assert "不由您负责" in await intruder.wait_answer()
    stranger = await started_resident(standin, 7003, "路人")
    await stranger.press_data("c1:a:1")
    assert "不属于您" in await stranger.wait_answer()
    await stranger.press_data("c1:zz:1")           # forged verb
    assert "失效" in await stranger.wait_answer()
    await stranger.press_data("rt1:1:5")           # rating someone else's case
    assert "不属于您" in await stranger.wait_answer()
    await wang.press("✅ 接单", card)
    await resident.wait_for("已接单")              # the real owner still can


async def test_admin_commands_refuse_non_admins(standin, bot):
    resident = await started_resident(standin, 5006)
    for command in ("/stats", "/export", "/unanswered", "/invite wang-jianguo", "/assign LX-2026-0001 wang-jianguo", "/reload"):
        await resident.send(command)
        await resident.wait_for("没有权限")


async def test_admin_stats_and_export(standin, bot):
    wang = await started_rep(standin, 100001, "王建国")
    resident = await started_resident(standin, 5007)
    ref = await file_matter(resident, "九龙社区", "物业管理", "单元门口的台阶塌了")
    await wang.press("✅ 接单", await wang.wait_for(ref))
    await wang.wait_for("您已接单")
    admin = standin.member(standin.user(ADMIN_ID, "街道管理员"), ADMIN_CHAT)
    admin_chat = standin.chat(ADMIN_CHAT)
    await admin.send("/stats")
    stats = await admin_chat.wait_for("统计")
    assert "九龙社区 1" in stats["text"] and "accepted 1" in stats["text"]
    await admin.send("/export")
    exported = await admin_chat.wait_for(lambda m: "document" in m)
    assert exported["document"]["file_name"].endswith(".csv")


async def test_help_tells_a_representative_their_own_commands(standin, bot):
    wang = await started_rep(standin, 100001, "王建国")
    await wang.send("/help")
    await wang.wait_for(lambda m: "/cases" in m.get("text", "") and "/report" in m.get("text", ""))
    resident = await started_resident(standin, 6101)
    await resident.send("/help")
    help_text = await resident.wait_for("/report")
    assert "/cases" not in help_text["text"]
