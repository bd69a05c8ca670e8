"""The core loop, played as residents and representatives through the stand-in."""

from __future__ import annotations

from tests.scenarios.players import file_matter


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
