"""Throughput and handoff latency of the whole bot, against a bare python-telegram-bot echo bot.

    python bench/throughput.py [--residents 20] [--filings 3] [--handoff 100] [--telegram-limits]

Everything runs in one process and one event loop, against the local Bot API stand-in, with a real
SQLite file, so both bots pay the same HTTP and client costs:

1. **Echo bot** (bare PTB: one MessageHandler that replies with the text, no persistence, no rate
   limiter): R simulated users, each sending a message and waiting for the echo, for N updates in all.
2. **Lianxin**: R residents each `/start` and then file F matters end to end (/report, community,
   category, description, Skip photos, Skip contact, Submit = 7 updates a matter), each waiting for the
   bot's answer before the next step as a person would; timed until every card and confirmation has
   left the outbox. Conversation state and drafts are committed after every update.
3. **Handoff**: H residents are brought to the review step, then all press Submit at the same moment;
   the time from each press to the card arriving in the representative's chat (p50/p99/max).
   Cases are spread over all stations and categories, so they reach all 19 representatives.

Both Lianxin runs lift AIORateLimiter's overall 30 msg/s (the stand-in is not Telegram) so the figures
measure the bot's own cost; `--telegram-limits` keeps Telegram's limits, where the limiter, not the
bot, is what bounds the rate (about 30 messages a second in all).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from telegram import Update  # noqa: E402
from telegram.ext import AIORateLimiter, ApplicationBuilder, MessageHandler, filters  # noqa: E402

from bot.app import build_application, running  # noqa: E402
from bot.config import BUNDLED_FAQ_DIR, Settings  # noqa: E402
from bot.standin.server import BotApiStandIn  # noqa: E402

TOKEN = "123456:BENCH-token"
ADMIN_CHAT = -1000


def settings_for(standin: BotApiStandIn, folder: Path) -> Settings:
    return Settings(_env_file=None, **{
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": f"http://127.0.0.1:{standin.port}",
        "LIANXIN_DB": str(folder / "lianxin.sqlite3"),
        "LIANXIN_FAQ_DIR": str(BUNDLED_FAQ_DIR),
        "LIANXIN_ADMIN_CHAT_ID": str(ADMIN_CHAT),
        "LIANXIN_MAX_CASES_PER_DAY": "1000",
    })


# 1. The echo bot -------------------------------------------------------------------------------------
async def echo(update: Update, context) -> None:
    await update.message.reply_text(update.message.text)


async def run_echo(standin: BotApiStandIn, users: int, per_user: int) -> tuple[int, float]:
    app = (ApplicationBuilder().token(TOKEN).base_url(f"http://127.0.0.1:{standin.port}/bot")
           .base_file_url(f"http://127.0.0.1:{standin.port}/file/bot").build())
    app.add_handler(MessageHandler(filters.TEXT, echo))
    async with app:
        await app.updater.start_polling(poll_interval=0, timeout=timedelta(seconds=1))
        await app.start()
        people = [standin.user(300_000 + i, f"echo{i}") for i in range(users)]

        async def talk(person) -> None:
            for n in range(per_user):
                text = f"hello {person.id} #{n}"
                await person.send(text)
                await person.wait_for(lambda m, t=text: m.get("text") == t, timeout=30)

        began = time.perf_counter()
        await asyncio.gather(*(talk(p) for p in people))
        elapsed = time.perf_counter() - began
        await app.updater.stop()
        await app.stop()
    return users * per_user, elapsed


# 2. Lianxin, residents filing matters ----------------------------------------------------------------
def matters(directory, count: int) -> list[tuple[str, str]]:
    """(community label, category label) pairs spread over every station and category."""
    stations, categories = directory.stations, directory.categories
    return [(stations[i % len(stations)].community.pick("zh"), categories[(i // len(stations)) % len(categories)].name.pick("zh"))
            for i in range(count)]


async def start_reps(standin: BotApiStandIn, app) -> dict[int, object]:
    reps = {}
    for rep in app.bot_data["services"].directory.representatives:
        if rep.telegram_id:
            user = standin.user(rep.telegram_id, rep.name.pick("zh"))
            await user.send("/start")
            await user.wait_for("代表", timeout=30)
            reps[rep.telegram_id] = user
    return reps


async def to_review(resident, community: str, category: str, description: str) -> dict:
    await resident.send("/report")
    await resident.wait_for("第1步", timeout=60)
    await resident.press(community)
    await resident.wait_for("第2步", timeout=60)
    await resident.press(category)
    await resident.wait_for("第3步", timeout=60)
    await resident.send(description)
    await resident.wait_for("第4步", timeout=60)
    await resident.press("跳过")
    await resident.wait_for("第5步", timeout=60)
    await resident.send("跳过")
    return await resident.wait_for("第6步", timeout=60)


def lianxin_limiter(telegram_limits: bool) -> AIORateLimiter:
    return AIORateLimiter(max_retries=2) if telegram_limits else AIORateLimiter(overall_max_rate=0, max_retries=2)


async def run_lianxin(standin: BotApiStandIn, folder: Path, residents: int, filings: int,
                      telegram_limits: bool) -> tuple[int, float]:
    app = build_application(settings_for(standin, folder), rate_limiter=lianxin_limiter(telegram_limits))
    async with running(app):
        await start_reps(standin, app)
        plan = matters(app.bot_data["services"].directory, residents * filings)
        people = [standin.user(400_000 + i, f"居民{i}") for i in range(residents)]
        updates = 0

        async def resident_life(index: int, person) -> None:
            nonlocal updates
            await person.send("/start")
            await person.wait_for("连心", timeout=60)
            updates += 1
            for n in range(filings):
                community, category = plan[index * filings + n]
                await to_review(person, community, category, f"第{n + 1}件事：居民{index}反映的问题，请尽快处理")
                await person.press("✅ 提交")
                await person.wait_for("已提交", timeout=60)
                updates += 7

        began = time.perf_counter()
        await asyncio.gather(*(resident_life(i, p) for i, p in enumerate(people)))
        await app.bot_data["sender"].drain(timeout=120)
        elapsed = time.perf_counter() - began
    return updates, elapsed


# 3. Handoff latency ------------------------------------------------------------------------------------
async def run_handoff(standin: BotApiStandIn, folder: Path, residents: int,
                      telegram_limits: bool) -> tuple[list[float], list[float]]:
    """Seconds from Submit to the card: at a representative, and (unroutable cases) in the admin chat."""
    app = build_application(settings_for(standin, folder), rate_limiter=lianxin_limiter(telegram_limits))
    async with running(app):
        reps = await start_reps(standin, app)
        plan = matters(app.bot_data["services"].directory, residents)
        people = [standin.user(500_000 + i, f"住户{i}") for i in range(residents)]
        descriptions = {p.id: f"住户{i}：楼道灯坏了，编号 H{i:04d}，请尽快修理" for i, p in enumerate(people)}
        for person in people:
            await person.send("/start")
        await asyncio.gather(*(p.wait_for("连心", timeout=60) for p in people))
        reviews = await asyncio.gather(*(to_review(p, *plan[i], descriptions[p.id]) for i, p in enumerate(people)))
        await app.bot_data["sender"].drain(timeout=60)

        arrived: dict[str, float] = {}
        at_admin: set[str] = set()
        wanted = {d for d in descriptions.values()}

        async def watch(chat, is_admin: bool = False) -> None:
            while len(arrived) < len(wanted):
                message = await chat.wait_for(timeout=120)
                for text in wanted:
                    if text in (message.get("text") or ""):
                        arrived.setdefault(text, time.perf_counter())
                        if is_admin:
                            at_admin.add(text)

        watchers = [asyncio.create_task(watch(rep)) for rep in reps.values()]
        # A station whose representatives have no Telegram account sends its cases to the admin chat.
        watchers.append(asyncio.create_task(watch(standin.chat(ADMIN_CHAT), is_admin=True)))
        pressed: dict[str, float] = {}
        for person, review in zip(people, reviews):  # all Submits queued back to back, one poll
            pressed[descriptions[person.id]] = time.perf_counter()
            await person.press("✅ 提交", review)
        deadline = time.perf_counter() + 120
        while len(arrived) < len(wanted) and time.perf_counter() < deadline:
            await asyncio.sleep(0.01)
        for task in watchers:
            task.cancel()
        missing = wanted - set(arrived)
        if missing:
            raise SystemExit(f"{len(missing)} cards never reached a representative")
        return (sorted(arrived[d] - pressed[d] for d in wanted - at_admin),
                sorted(arrived[d] - pressed[d] for d in at_admin))


def percentile(values: list[float], p: float) -> float:
    return values[min(len(values) - 1, max(0, round(p / 100 * len(values)) - 1))]


async def main(args: argparse.Namespace) -> None:
    logging.basicConfig(level=logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        async with BotApiStandIn(token=TOKEN, bot_username="lianxin_bot") as standin:
            standin.chat(ADMIN_CHAT)
            echo_updates, echo_seconds = await run_echo(standin, args.residents, 1 + 7 * args.filings)
            lx_updates, lx_seconds = await run_lianxin(standin, Path(tmp) / "a", args.residents, args.filings,
                                                       args.telegram_limits)
        async with BotApiStandIn(token=TOKEN, bot_username="lianxin_bot") as standin:
            standin.chat(ADMIN_CHAT)
            latencies, admin_latencies = await run_handoff(standin, Path(tmp) / "b", args.handoff, args.telegram_limits)
    echo_rate, lx_rate = echo_updates / echo_seconds, lx_updates / lx_seconds
    limits = "Telegram's limits (AIORateLimiter 30 msg/s)" if args.telegram_limits else "overall rate limit lifted"
    print(f"echo bot (bare PTB):   {echo_updates} updates in {echo_seconds:.2f} s = {echo_rate:.0f} updates/s")
    print(f"lianxin (whole bot):   {lx_updates} updates in {lx_seconds:.2f} s = {lx_rate:.0f} updates/s "
          f"({args.residents} residents x {args.filings} matters, store + outbox, {limits})")
    print(f"ratio lianxin / echo:  {lx_rate / echo_rate:.0%}  (target >= 40%)")
    print(f"handoff Submit -> card at the representative, {args.handoff} residents at once "
          f"({len(latencies)} cases to representatives): p50 {percentile(latencies, 50) * 1000:.0f} ms, "
          f"p99 {percentile(latencies, 99) * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms  (target p99 < 1000 ms)")
    if admin_latencies:
        print(f"  + {len(admin_latencies)} unroutable cases to the admin group (Telegram: 20 msg/min per group, "
              f"kept by AIORateLimiter): p50 {percentile(admin_latencies, 50) * 1000:.0f} ms, "
              f"max {admin_latencies[-1] * 1000:.0f} ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--residents", type=int, default=20, help="simulated residents (and echo users)")
    parser.add_argument("--filings", type=int, default=3, help="matters each resident files")
    parser.add_argument("--handoff", type=int, default=100, help="residents pressing Submit at once")
    parser.add_argument("--telegram-limits", action="store_true", help="keep AIORateLimiter's 30 msg/s")
    asyncio.run(main(parser.parse_args()))
