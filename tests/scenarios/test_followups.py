"""After filing: residents add to their case; waiting cases are reminded, then escalated."""

from __future__ import annotations

from bot.app import build_application, running
from tests.conftest import ADMIN_CHAT, make_settings
from tests.scenarios.players import file_matter, started_rep, started_resident


async def test_resident_adds_a_message_and_a_photo_from_mycases(standin, bot):
    wang = await started_rep(standin, 100001, "王建国")
    resident = await started_resident(standin, 8001)
    ref = await file_matter(resident, "九龙社区", "物业管理", "楼下的井盖松动，踩上去会晃")
    await wang.wait_for(ref)
    await resident.send("/mycases")
    listing = await resident.wait_for(ref)
    await resident.press(ref, listing)
    detail = await resident.wait_for("经过")
    await resident.press("💬 补充信息", detail)
    await resident.wait_for("请发送要转给代表")
    await resident.send("补充一下：是2号楼东侧那个井盖")
    await resident.wait_for("已转给")
    relayed = await wang.wait_for("2号楼东侧")
    assert ref in relayed["text"]
    # A Telegram reply to the confirmation (it carries the reference) is relayed too.
    confirmation = next(m for m in resident.messages if "已提交" in (m.get("text") or ""))
    await resident.reply(confirmation, "照片稍后补")
    await wang.wait_for("照片稍后补")


async def test_unaccepted_case_is_reminded_then_escalated(standin, tmp_path):
    settings = make_settings(standin, tmp_path, LIANXIN_REMIND_AFTER_MINUTES=0.01,
                             LIANXIN_ESCALATE_AFTER_MINUTES=0.04, LIANXIN_MAINTENANCE_INTERVAL=0.3)
    async with running(build_application(settings)):
        wang = await started_rep(standin, 100001, "王建国")
        resident = await started_resident(standin, 8002)
        ref = await file_matter(resident, "九龙社区", "物业管理", "消防通道被杂物堵死了")
        await wang.wait_for(ref)
        await wang.wait_for("还在等您接单", timeout=10)
        escalation = await standin.chat(ADMIN_CHAT).wait_for(ref, timeout=10)
        assert "无人接单" in escalation["text"]
