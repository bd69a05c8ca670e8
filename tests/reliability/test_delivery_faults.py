"""Telegram misbehaving on the outbox's sends, injected through the stand-in: every notification still
arrives, in order, once (except where Telegram delivered but the answer was lost: at most twice)."""

from __future__ import annotations

import time

from tests.conftest import ADMIN_CHAT
from tests.reliability.conftest import db_rows
from tests.scenarios.players import file_matter, started_rep, started_resident

REP = 100001


def texts(chat, needle: str) -> list[dict]:
    return [m for m in chat.messages if needle in (m.get("text") or m.get("caption") or "")]


async def test_429_with_retry_after_is_honoured_and_the_card_arrives_once(standin, fast_bot):
    rep = await started_rep(standin, REP, "王建国")
    resident = await started_resident(standin, 6001)
    # More 429s than AIORateLimiter retries (2): the outbox row itself is rescheduled too.
    standin.faults.add("sendMessage", "retry_after", chat_id=REP, times=3, retry_after=1)
    began = time.monotonic()
    ref = await file_matter(resident, "九龙社区", "物业管理", "电梯里的灯一直闪，晚上很吓人")
    await rep.wait_for(ref, timeout=10)
    assert time.monotonic() - began >= 3 * 1.0  # every retry_after was waited out
    assert len(texts(rep, ref)) == 1
    await fast_bot.bot_data["sender"].drain()
    assert db_rows(fast_bot, "SELECT status FROM outbox WHERE chat_id = ?", (REP,)) == [("sent",)]


async def test_500_and_502_to_the_resident_are_retried_with_backoff(standin, fast_bot):
    await started_rep(standin, REP, "王建国")
    resident = await started_resident(standin, 6002)
    standin.faults.add("sendMessage", "server_error", chat_id=resident.id, times=1)
    standin.faults.add("sendMessage", "bad_gateway", chat_id=resident.id, times=1)
    await resident.send("/report")  # the handler's own reply eats no fault: they are for the outbox
    standin.faults.clear()
    await resident.wait_for("第1步")
    for step, (action, value) in enumerate([("press", "九龙社区"), ("press", "物业管理"),
                                            ("send", "小区垃圾三天没人清运"), ("press", "跳过"), ("send", "跳过")], 2):
        await (resident.press(value) if action == "press" else resident.send(value))
        await resident.wait_for(f"第{step}步")
    standin.faults.add("sendMessage", "server_error", chat_id=resident.id, times=1)
    standin.faults.add("sendMessage", "bad_gateway", chat_id=resident.id, times=1)
    await resident.press("✅ 提交")
    confirmation = await resident.wait_for("已提交", timeout=10)
    assert len(texts(resident, "已提交")) == 1
    await fast_bot.bot_data["sender"].drain()
    (attempts, error), = db_rows(fast_bot, "SELECT attempts, last_error FROM outbox WHERE purpose = 'confirmation'")
    assert attempts == 3 and "bad gateway" in error.lower()
    assert "LX-" in confirmation["text"]


async def test_dropped_connections_are_retried_and_order_per_chat_is_kept(standin, fast_bot):
    rep = await started_rep(standin, REP, "王建国")
    resident = await started_resident(standin, 6003)
    standin.faults.add("sendMessage", "drop", chat_id=REP, times=2)
    standin.faults.add("sendPhoto", "drop", chat_id=REP, times=1)
    ref = await file_matter(resident, "九龙社区", "物业管理", "地下车库漏水，墙皮大面积脱落", photos=2)
    await rep.wait_for(lambda m: f"{ref} · 照片 2" in m.get("caption", ""), timeout=10)
    card_and_photos = [m for m in rep.messages if ref in (m.get("text") or m.get("caption") or "")]
    # The card first, then photo 1, then photo 2: nothing overtook a message being retried.
    assert ["photo" in m for m in card_and_photos] == [False, True, True]
    assert card_and_photos[1]["caption"].endswith("照片 1") and card_and_photos[2]["caption"].endswith("照片 2")


async def test_timeout_after_delivery_is_retried_at_least_once_at_most_twice(standin, fast_bot):
    rep = await started_rep(standin, REP, "王建国")
    resident = await started_resident(standin, 6004)
    # Telegram takes the message but answers after PTB's 5 s read timeout: TimedOut, outcome unknown.
    standin.faults.add("sendMessage", "timeout", chat_id=REP, delay=6)
    ref = await file_matter(resident, "九龙社区", "物业管理", "楼顶水箱异响，影响休息")
    await rep.wait_for(ref)
    await fast_bot.bot_data["sender"].drain(timeout=15)
    assert 1 <= len(texts(rep, ref)) <= 2  # the documented, unavoidable duplicate
    (status, error), = db_rows(fast_bot, "SELECT status, last_error FROM outbox WHERE chat_id = ?", (REP,))
    assert status == "sent" and "timed out" in error.lower()


async def test_forbidden_rep_loses_the_case_to_the_next_rep_and_admins_are_told_why(standin, fast_bot):
    await started_rep(standin, REP, "王建国")
    li = await started_rep(standin, 100002, "李秀梅")
    admins = standin.chat(ADMIN_CHAT)
    resident = await started_resident(standin, 6005)
    standin.block(REP)  # Wang blocked the bot after starting it
    ref = await file_matter(resident, "九龙社区", "物业管理", "单元门禁坏了，陌生人随便进出")
    card = await li.wait_for(ref)
    assert "接单" in str(card["reply_markup"])
    notice = await admins.wait_for(ref)
    assert "blocked" in notice["text"].lower() or "屏蔽" in notice["text"]
    await resident.wait_for(lambda m: ref in m.get("text", "") and "李秀梅" in m["text"] and "已提交" not in m["text"])
    (rep_id,), = db_rows(fast_bot, "SELECT rep_id FROM cases")
    assert rep_id == "li-xiumei"


async def test_bad_request_is_recorded_with_the_case_and_falls_back_to_plain_text(standin, fast_bot):
    rep = await started_rep(standin, REP, "王建国")
    resident = await started_resident(standin, 6006)
    standin.faults.add("sendMessage", "bad_request", chat_id=REP, times=1,
                       description="Bad Request: can't parse entities: unsupported start tag \"x\" at byte offset 3")
    ref = await file_matter(resident, "九龙社区", "物业管理", "消防通道被私家车堵住 <x> & 没人管")
    card = await rep.wait_for(ref)
    assert "<x> & 没人管" in card["text"] and "entities" not in card  # plain text: no formatting left
    assert "接单" in str(card["reply_markup"])                          # the buttons survive the fallback
    events = db_rows(fast_bot, "SELECT detail FROM case_events WHERE kind = 'delivery_error'")
    assert len(events) == 1 and "can't parse entities" in events[0][0].lower()
