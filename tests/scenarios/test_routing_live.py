"""The routing rule as residents and representatives live it: who gets the card."""

from __future__ import annotations

from tests.conftest import ADMIN_CHAT
from tests.scenarios.players import file_matter, started_rep, started_resident


async def test_category_reps_share_cases_by_load_then_directory_order(standin, bot):
    wang = await started_rep(standin, 100001, "王建国")   # jiulong, property; listed first
    li = await started_rep(standin, 100002, "李秀梅")     # jiulong, property
    resident = await started_resident(standin, 3001)

    first = await file_matter(resident, "九龙社区", "物业管理", "楼道里的声控灯坏了两个月")
    await wang.wait_for(first)                           # tie: the earlier one in directory.yaml
    second = await file_matter(resident, "九龙社区", "物业管理", "地下车库一直漏水没人管")
    await li.wait_for(second)                            # fewest open cases
    assert not any(second in (m.get("text") or "") for m in wang.messages)


async def test_station_without_category_rep_goes_to_any_rep_there(standin, bot):
    zhang = await started_rep(standin, 100003, "张海涛")  # xingguangdao; nobody there handles property
    await started_rep(standin, 100004, "刘芳")
    resident = await started_resident(standin, 3002)
    ref = await file_matter(resident, "星光岛社区", "物业管理", "小区物业费涨价没有公示")
    await zhang.wait_for(ref)


async def test_reps_who_never_started_the_bot_are_not_routed_to(standin, bot):
    li = await started_rep(standin, 100002, "李秀梅")     # wang-jianguo (100001) never wrote to the bot
    resident = await started_resident(standin, 3003)
    ref = await file_matter(resident, "九龙社区", "物业管理", "单元门禁坏了一个星期")
    await li.wait_for(ref)
    assert resident.messages[-1]["text"].count("李秀梅") == 1


async def test_no_reachable_rep_sends_the_case_to_the_admin_chat(standin, bot):
    resident = await started_resident(standin, 3004)
    ref = await file_matter(resident, "东港社区", "路灯道路", "东港路口的路灯不亮已经三天了", share_contact=True)
    admin = standin.chat(ADMIN_CHAT)
    notice = await admin.wait_for(ref)
    assert "/assign" in notice["text"]
    card = await admin.wait_for("东港路口")
    assert "138" not in card["text"]  # the phone number is for the assigned representative only
    assert "街道" in resident.messages[-1]["text"]  # the resident is told who has it


async def test_admin_assigns_an_unroutable_case(standin, bot):
    resident = await started_resident(standin, 3005)
    ref = await file_matter(resident, "东港社区", "路灯道路", "东港路口的路灯不亮已经三天了")
    admin_chat = standin.chat(ADMIN_CHAT)
    await admin_chat.wait_for(ref)
    sun = await started_rep(standin, 100007, "孙磊")
    admin = standin.member(standin.user(900, "街道管理员"), ADMIN_CHAT)
    await admin.send(f"/assign {ref} sun-lei")
    await admin_chat.wait_for("已分派")
    await sun.wait_for(ref)
    await resident.wait_for("孙磊")
