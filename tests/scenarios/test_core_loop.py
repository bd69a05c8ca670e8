"""The core loop, played as residents and representatives through the stand-in."""

from __future__ import annotations

import pytest

from tests.conftest import ADMIN_CHAT

pytestmark = pytest.mark.asyncio


async def file_matter(resident, community: str, category: str, description: str, *, photos: int = 0,
                      share_contact: bool = False) -> str:
    """Plays /report to the end and returns the reference the resident was given."""
    await resident.send("/report")
    await resident.wait_for("第1步")
    await resident.press(community)
    await resident.wait_for("第2步")
    await resident.press(category)
    await resident.wait_for("第3步")
    await resident.send(description)
    await resident.wait_for("第4步")
    for _ in range(photos):
        await resident.send_photo()
        await resident.wait_for("已收到第")
    await resident.press("完成" if photos else "跳过")
    await resident.wait_for("第5步")
    if share_contact:
        await resident.press("📱 分享手机号")
    else:
        await resident.press("跳过")
    await resident.wait_for("第6步")
    await resident.press("✅ 提交")
    confirmation = await resident.wait_for("已提交")
    return confirmation["text"].split("编号 ")[1].split("。")[0]


async def test_full_loop_file_accept_relay_resolve_rate(standin, bot):
    rep = standin.user(100001, "王建国")
    await rep.send("/start")
    await rep.wait_for("代表")
    resident = standin.user(2001, "李梅")
    await resident.send("/start")
    await resident.wait_for("连心")

    ref = await file_matter(resident, "九龙社区", "物业管理", "3号楼电梯坏了一周，老人上下楼很困难", photos=2, share_contact=True)
    assert ref.startswith("LX-") and len(ref.split("-")[2]) == 4

    card = await rep.wait_for(ref)
    assert "3号楼电梯坏了一周" in card["text"]
    assert "+86 138 0000 0000" in card["text"]  # shared by the resident, so the rep may see it
    await rep.wait_for(lambda m: "photo" in m and f"{ref} · 照片 2" in m.get("caption", ""))
    assert len([m for m in rep.messages if "photo" in m]) == 2

    await rep.press("✅ 接单", card)
    await resident.wait_for("已接单")

    await rep.reply(card, "明天上午物业来修，请保持电话畅通")
    relayed = await resident.wait_for("明天上午物业来修")
    assert ref in relayed["text"]

    await resident.reply(relayed, "好的，谢谢！")
    back = await rep.wait_for("好的，谢谢！")
    assert ref in back["text"]

    await rep.press("🏁 办结", card)
    await rep.wait_for("办理结果")
    await rep.send("电梯已修好")
    await rep.wait_for("已办结")
    resolved = await resident.wait_for("已办结")
    assert "电梯已修好" in resolved["text"]
    await resident.press("5⭐", resolved)
    await resident.wait_for("谢谢您的评价")
    await resident.send("师傅很负责")
    await resident.wait_for("评语已记录")
    await rep.wait_for("师傅很负责")

    await resident.send("/mycases")
    listing = await resident.wait_for(ref)
    assert "已完结" in listing["text"]
    await resident.press(ref, listing)
    detail = await resident.wait_for("经过")
    for event in ("提交", "接单", "办结", "评价"):
        assert event in detail["text"]


async def test_unroutable_case_goes_to_admin_chat(standin, bot):
    resident = standin.user(2002, "赵六")
    await resident.send("/start")
    await resident.wait_for("连心")
    ref = await file_matter(resident, "东港社区", "路灯道路", "东港路口的路灯不亮已经三天了")
    admin_chat = standin.chat(ADMIN_CHAT)
    await admin_chat.wait_for(ref)
    assert "街道" in resident.last["text"] or any("街道" in m.get("text", "") for m in resident.messages[-3:])
