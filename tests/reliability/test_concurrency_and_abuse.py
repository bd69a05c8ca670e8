"""Races between people, and people who should not be able to do something: exactly one Accept wins,
one resolution, forged and stale buttons answered and never executed, admin commands refused,
and a per-resident daily cap on new cases."""

from __future__ import annotations

import asyncio

from tests.conftest import make_settings
from tests.reliability.conftest import db_rows
from tests.scenarios.players import file_matter, started_rep, started_resident

from bot.app import build_application, running
from bot.casework import Outcome


async def _case(app, ref: str):
    return await app.bot_data["services"].cases.by_ref(ref)


async def test_two_reps_press_accept_at_the_same_moment_exactly_one_wins(standin, fast_bot):
    wang = await started_rep(standin, 100001, "王建国")
    li = await started_rep(standin, 100002, "李秀梅")
    resident = await started_resident(standin, 7001)
    ref = await file_matter(resident, "九龙社区", "物业管理", "楼道堆满杂物，消防通道不通")
    wang_card = await wang.wait_for(ref)
    await wang.press("转交", wang_card)
    await wang.wait_for(ref)
    await wang.press("李秀梅")
    li_card = await li.wait_for(lambda m: ref in m.get("text", "") and "接单" in str(m.get("reply_markup")))

    # Wang still has his old card: both Accepts reach the bot in the same poll.
    await asyncio.gather(wang.press("✅ 接单", wang_card), li.press("✅ 接单", li_card))
    await resident.wait_for("已接单")
    await fast_bot.bot_data["sender"].drain()
    wang_answer, li_answer = wang.callback_answers[-1], li.callback_answers[-1]
    assert "不由您负责" in wang_answer or "已由" in wang_answer, wang_answer
    assert "已接单" in li_answer or "接单" in li_answer, li_answer

    case = await _case(fast_bot, ref)
    assert (case.status, case.rep_id) == ("accepted", "li-xiumei")
    assert db_rows(fast_bot, "SELECT COUNT(*) FROM case_events WHERE case_id = ? AND kind = 'accepted'", (case.id,)) == [(1,)]
    assert len([m for m in resident.messages if "已接单" in (m.get("text") or "")]) == 1

    # The store itself, with true concurrency: ten simultaneous Accepts, one winner.
    casework = fast_bot.bot_data["services"].casework
    ref2 = await file_matter(resident, "九龙社区", "物业管理", "电梯按钮失灵，老人被困过一次")
    case2 = await _case(fast_bot, ref2)
    results = await asyncio.gather(*(casework.accept(case2.id, rep) for rep in ["wang-jianguo", "li-xiumei"] * 5))
    assert [outcome for outcome, _ in results].count(Outcome.OK) == 1


async def test_two_resolve_presses_make_one_resolution(standin, fast_bot):
    wang = await started_rep(standin, 100001, "王建国")
    resident = await started_resident(standin, 7002)
    ref = await file_matter(resident, "九龙社区", "物业管理", "小区水压太低，六楼以上没水")
    card = await wang.wait_for(ref)
    await wang.press("✅ 接单", card)
    await resident.wait_for("已接单")
    await wang.press("🏁 办结", card)
    await wang.wait_for("办理结果")
    await wang.send("已更换加压泵")
    await wang.wait_for("已办结")
    await resident.wait_for("已办结")
    await wang.press("🏁 办结", card)         # the old card, pressed again
    assert "已办结" in await wang.wait_answer()

    casework = fast_bot.bot_data["services"].casework
    ref2 = await file_matter(resident, "九龙社区", "物业管理", "垃圾桶满了没人清理，味道很大")
    case2 = await _case(fast_bot, ref2)
    results = await asyncio.gather(casework.resolve(case2.id, "wang-jianguo", "甲"), casework.resolve(case2.id, "wang-jianguo", "乙"))
    assert sorted(o.value for o, _ in results) == ["already", "ok"]
    await fast_bot.bot_data["sender"].drain()
    for case_ref in (ref, ref2):
        case = await _case(fast_bot, case_ref)
        assert db_rows(fast_bot, "SELECT COUNT(*) FROM case_events WHERE case_id = ? AND kind = 'resolved'", (case.id,)) == [(1,)]
        assert len([m for m in resident.messages if case_ref in (m.get("text") or "") and "已办结" in m["text"]]) == 1


async def test_forged_callbacks_from_a_stranger_are_answered_and_never_executed(standin, fast_bot):
    await started_rep(standin, 100001, "王建国")
    resident = await started_resident(standin, 7003)
    ref = await file_matter(resident, "九龙社区", "物业管理", "门口井盖松动，踩上去会晃")
    case = await _case(fast_bot, ref)
    events_before = db_rows(fast_bot, "SELECT COUNT(*) FROM case_events")
    stranger = await started_resident(standin, 7666, "陌生人")
    forged = [f"c1:a:{case.id}", f"c1:s:{case.id}", f"c1:t:{case.id}", f"c1:r:{case.id}", f"ct1:{case.id}:li-xiumei",
              f"ct1:{case.id}:-", f"rt1:{case.id}:5", f"rt1:{case.id}:9", f"oc1:{case.id}", f"am1:{case.id}",
              "rn1:submit", "c1:a:999999", "c1:z:1", "x" * 64, "c1:a:1:extra", "'; DROP TABLE cases; --"]
    for data in forged:
        await stranger.press_data(data)
        answer = await stranger.wait_answer()
        assert answer, f"{data!r} was not answered"
    await asyncio.sleep(0.3)
    after = await _case(fast_bot, ref)
    assert (after.status, after.rep_id) == (case.status, case.rep_id) == ("assigned", "wang-jianguo")
    assert db_rows(fast_bot, "SELECT COUNT(*) FROM case_events") == events_before
    assert not [m for m in stranger.messages if ref in (m.get("text") or "")]  # nothing about the case leaked


async def test_admin_commands_from_non_admins_change_nothing(standin, fast_bot):
    await started_rep(standin, 100001, "王建国")
    resident = await started_resident(standin, 7004)
    ref = await file_matter(resident, "九龙社区", "物业管理", "楼下商铺油烟直排进窗户")
    for command in ("/stats", "/export", "/unanswered", f"/assign {ref} li-xiumei", "/invite li-xiumei", "/reload"):
        await resident.send(command)
        assert "没有权限" in (await resident.wait_for())["text"], command
    case = await _case(fast_bot, ref)
    assert case.rep_id == "wang-jianguo"
    assert db_rows(fast_bot, "SELECT COUNT(*) FROM invites") == [(0,)]


async def test_daily_cap_on_new_cases_is_answered_politely(standin, tmp_path):
    settings = make_settings(standin, tmp_path, LIANXIN_MAX_CASES_PER_DAY=2)
    async with running(build_application(settings)) as app:
        await started_rep(standin, 100001, "王建国")
        resident = await started_resident(standin, 7005)
        for text in ("路灯不亮第一处，在东门", "路灯不亮第二处，在西门"):
            await file_matter(resident, "九龙社区", "物业管理", text)
        await resident.send("/report")
        refusal = await resident.wait_for("每日上限")
        assert "明天" in refusal["text"]
        assert db_rows(app, "SELECT COUNT(*) FROM cases") == [(2,)]
