"""`lianxin demo`, run as a user runs it: a subprocess playing the shipped scripts through the whole loop."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60


def run_demo(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIANXIN_", "TELEGRAM_"))}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run([sys.executable, "-m", "bot", "demo", *args], cwd=ROOT, env=env, input=stdin or "",
                          capture_output=True, text=True, encoding="utf-8", timeout=TIMEOUT)


def assert_in_order(transcript: str, *parts: str) -> None:
    """Each part appears in the transcript after the previous one."""
    position = 0
    for part in parts:
        found = transcript.find(part, position)
        assert found >= 0, f"{part!r} not found after position {position} in transcript:\n{transcript}"
        position = found + len(part)


def reference(transcript: str, pattern: str) -> str:
    match = re.search(pattern, transcript)
    assert match, f"no case reference in transcript:\n{transcript}"
    return match.group(1)


def test_full_loop_in_chinese():
    result = run_demo("--script", "demo/full_loop.zh.txt")
    assert result.returncode == 0, result.stderr + result.stdout
    out = result.stdout
    ref = reference(out, r"已提交，编号 (LX-\d{4}-\d{4})")
    assert_in_order(
        out,
        "> /report", "第1步", "> /press 九龙社区", "第2步", "> /press 物业管理", "第3步", "第6步",
        f"已提交，编号 {ref}", "已交给：王建国",
        "📬 rep wang-jianguo 有 1 条未读",
        "── rep wang-jianguo (王建国) ──", f"🆕 {ref}", "描述：3号楼电梯坏了一周", "[1] ✅ 接单",
        "> /press ✅ 接单", f"您已接单 {ref}",
        "> /reply 明天上午物业来修", f"已转给居民（{ref}）",
        "── resident 李梅 ──", f"{ref}：王建国 代表已接单", f"💬 {ref} · 王建国 代表：\n  明天上午物业来修，请保持电话畅通",
        "> /reply 好的，谢谢！", f"已转给负责人（{ref}）",
        "── rep wang-jianguo", f"💬 {ref} · 居民：\n  好的，谢谢！",
        "> /press 🏁 办结", "请简要说明办理结果", "> 电梯已修好，已试运行", f"已办结 {ref}",
        "── resident 李梅 ──", f"✅ {ref} 已办结。\n  办理结果：电梯已修好，已试运行", "[5] 5⭐",
        "> /press 5⭐", "谢谢您的评价（⭐⭐⭐⭐⭐）", "> 师傅很负责，谢谢！", f"评语已记录，谢谢！{ref} 已完结。",
        "── rep wang-jianguo", f"⭐ {ref} 居民评价：⭐⭐⭐⭐⭐", f"💬 {ref} 居民的评语：\n  师傅很负责，谢谢！",
    )
    assert "+86" not in out  # the resident skipped sharing a phone number


def test_full_loop_in_english():
    result = run_demo("--lang", "en", "--script", "demo/full_loop.en.txt")
    assert result.returncode == 0, result.stderr + result.stdout
    out = result.stdout
    ref = reference(out, r"Submitted as (LX-\d{4}-\d{4})")
    assert_in_order(
        out,
        "── resident Li Mei ──", "Step 1 of 6", "Step 6 of 6", f"Submitted as {ref}", "It went to: Wang Jianguo",
        "── rep wang-jianguo (Wang Jianguo) ──", f"🆕 {ref}", "[1] ✅ Accept", f"You accepted {ref}",
        f"Sent to the resident ({ref})",
        f"{ref}: representative Wang Jianguo has accepted it",
        f"💬 {ref} · representative Wang Jianguo:\n  The property company will fix it tomorrow morning",
        f"💬 {ref} · resident:\n  Great, thank you!",
        f"{ref} resolved; the resident has been asked to rate it",
        f"✅ {ref} is resolved.\n  Outcome: The lift is repaired and was test-run",
        "Thank you for rating (⭐⭐⭐⭐⭐)", f"Comment saved, thank you! {ref} is closed.",
        f"⭐ {ref} rated by the resident: ⭐⭐⭐⭐⭐", f"💬 {ref} · the resident's comment:\n  Very responsive",
    )
    assert not re.search(r"[\u4e00-\u9fff]{2,}", out.replace("🌐 中文", "")), "Chinese text in the English demo"


def test_a_missing_button_stops_the_script_naming_the_line(tmp_path):
    script = tmp_path / "broken.txt"
    script.write_text("# a community that does not exist\n/start\n/report\n/press 不存在社区\n/press 九龙社区\n",
                      encoding="utf-8")
    result = run_demo("--script", str(script))
    assert result.returncode == 1
    assert f"{script}:4:" in result.stderr and "没有按钮「不存在社区」" in result.stderr  # in the demo's language
    assert "九龙社区" in result.stderr  # says which buttons there are
    assert "> /press 九龙社区" not in result.stdout  # nothing after the failing line was played


def test_interactive_mode_ends_at_end_of_input():
    result = run_demo(stdin="/help\n")
    assert result.returncode == 0, result.stderr + result.stdout
    assert_in_order(result.stdout, "连心演示", "── resident 李梅 ──", "您好，李梅", "> /help", "/report 反映一件民生小事", "再见")
