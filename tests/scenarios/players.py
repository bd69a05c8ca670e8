"""People in the scenarios: residents filing matters, representatives who have started the bot."""

from __future__ import annotations

from dataclasses import dataclass

from bot.standin.client import TelegramUser


async def started_rep(standin, telegram_id: int, name: str) -> TelegramUser:
    rep = standin.user(telegram_id, name)
    await rep.send("/start")
    await rep.wait_for("代表")
    return rep


async def started_resident(standin, user_id: int, name: str = "李梅", language_code: str = "zh") -> TelegramUser:
    resident = standin.user(user_id, name, language_code=language_code)
    await resident.send("/start")
    await resident.wait_for("连心" if language_code == "zh" else "Lianxin")
    return resident


async def file_matter(resident, community: str, category: str, description: str, *, photos: int = 0,
                      share_contact: bool = False) -> str:
    """Plays /report in Chinese to the end and returns the reference the resident was given."""
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
    # The contact step's buttons are on the reply keyboard: pressing one sends its text or the contact.
    if share_contact:
        await resident.press("📱 分享手机号")
    else:
        await resident.send("跳过")
    await resident.wait_for("第6步")
    await resident.press("✅ 提交")
    confirmation = await resident.wait_for("已提交")
    return confirmation["text"].split("编号 ")[1].split("。")[0]


@dataclass
class CaseAtWang:
    """A property matter in 九龙社区, filed by a resident, and its card in 王建国's chat."""

    wang: TelegramUser
    resident: TelegramUser
    ref: str
    card: dict


async def case_at_wang(standin, resident_id: int, description: str) -> CaseAtWang:
    """王建国 (九龙社区, property) has started the bot; a resident files a property matter there."""
    wang = await started_rep(standin, 100001, "王建国")
    resident = await started_resident(standin, resident_id)
    ref = await file_matter(resident, "九龙社区", "物业管理", description)
    return CaseAtWang(wang, resident, ref, await wang.wait_for(ref))
