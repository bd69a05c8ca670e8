"""The `lianxin demo` session: the stand-in, the bot, the people at the keyboard, and the chat view.

The real Application (handlers, flows, store, outbox) polls a `BotApiStandIn` on 127.0.0.1; the person
at the keyboard acts as a resident, a representative or a street-office admin through the stand-in's
client side, and sees what the bot sends to that chat.
"""

from __future__ import annotations

import asyncio
import re
import sys
import threading
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .demo_render import button_lines, inline_buttons, inline_rows, keyboard_rows, render_message
from .standin.methods import check_markup
from .standin.server import BotApiStandIn

TOKEN = "700000:LIANXIN-demo"
RESIDENT_ID = 5001
ADMIN_ID = 9001
ADMIN_CHAT_ID = -100500
INVITED_REP_BASE_ID = 200000  # demo accounts of representatives without telegram_id
QUIET_SECONDS = 0.3  # the bot is quiet after this long without a request
FIRST_RESPONSE_SECONDS = 6.0  # how long to wait for the bot to start answering a line
SETTLE_LIMIT_SECONDS = 10.0  # upper bound for one line, answer included
IDLE_METHODS = {"getUpdates", "getMe", "deleteWebhook", "setMyCommands"}

NAMES = {
    "zh": {"resident": "李梅", "admin": "街道工作人员"},
    "en": {"resident": "Li Mei", "admin": "Street office"},
}

# The demo's own lines, in the demo's language (the bot's texts come from bot/i18n).
DEMO_TEXTS = {
    "zh": {
        "help": """\
连心演示：您正通过本地的 Telegram 替身与真实的机器人对话。
  文字和 /命令 会作为 Telegram 消息发给机器人（/start、/help、/report、/mycases ……）。
  N                   按第 N 个按钮（先是本聊天最新的按钮，再是底部键盘）
  /press 标签         按标签按按钮（完整标签，或能唯一确定的一部分）
  /reply 文字         回复（Telegram 引用回复）本聊天中最新一条带事项编号的消息
  /photo [说明]       发一张照片          /location 纬度 经度   分享位置
  /contact [电话]     分享手机号（request_contact 按钮）
  /say 文字           原样发送文字（例如一个数字，或看起来像演示命令的一行）
  /as resident | /as rep ID | /as admin   切换身份（/as rep 列出代表）
  /buttons            显示可以按的按钮        /wait [秒数]   让时间过去
  /demo               本帮助                  /quit          结束演示""",
        "starting": "正在启动机器人和本地 Telegram 替身……",
        "bye": "再见。（正在停止机器人……）",
        "no_buttons": "  （没有按钮）",
        "unread": "📬 {label} 有 {count} 条未读",
        "usage_press": "用法：/press 标签",
        "usage_reply": "用法：/reply 文字",
        "usage_say": "用法：/say 文字",
        "usage_location": "用法：/location 纬度 经度（例如 /location 35.93 120.17）",
        "location_range": "纬度须在 ±90 之内，经度须在 ±180 之内",
        "no_button_n": "没有第 {n} 个按钮（可按：{shown}；/say {n} 把它当文字发出）",
        "ambiguous": "「{label}」对得上好几个按钮：{found}",
        "no_button": "{person} 这里没有按钮「{label}」；可按的有：{available}",
        "none": "没有",
        "opens": "「{label}」打开的是 {target}",
        "outside": "聊天以外的地方",
        "no_case_message": "{person} 里没有带事项编号的消息可以回复",
        "usage_as": "用法：/as resident | /as admin | /as rep ID（代表：{reps}）",
        "no_rep": "没有代表「{name}」；id 有：{ids}",
    },
    "en": {
        "help": """\
Lianxin demo — you are chatting with the real bot through a local Telegram stand-in.
  Text and /commands go to the bot as Telegram messages (/start, /help, /report, /mycases, ...).
  N                   press button N (the newest buttons of this chat, then the reply keyboard)
  /press LABEL        press a button by its label (exact, or a unique part of it)
  /reply TEXT         answer (Telegram reply) the newest message here that names a case
  /photo [CAPTION]    send a photo        /location LAT LON   share a location
  /contact [PHONE]    share your phone number (the request_contact button)
  /say TEXT           send TEXT as it is (e.g. a number, or a line that looks like a demo command)
  /as resident | /as rep ID | /as admin   switch chat (/as rep lists the representatives)
  /buttons            show the buttons you can press    /wait [SECONDS]   let time pass
  /demo               this help                         /quit             end the demo""",
        "starting": "Starting the bot and the local Telegram stand-in…",
        "bye": "Bye. (stopping the bot…)",
        "no_buttons": "  (no buttons)",
        "unread": "📬 {count} unread in {label}",
        "usage_press": "usage: /press LABEL",
        "usage_reply": "usage: /reply TEXT",
        "usage_say": "usage: /say TEXT",
        "usage_location": "usage: /location LATITUDE LONGITUDE (e.g. /location 35.93 120.17)",
        "location_range": "latitude must be within ±90 and longitude within ±180",
        "no_button_n": "no button {n} (buttons: {shown}; /say {n} sends it as text)",
        "ambiguous": "button '{label}' is ambiguous: {found}",
        "no_button": "no button '{label}' in {person}; buttons here: {available}",
        "none": "none",
        "opens": "'{label}' opens {target}",
        "outside": "something outside the chat",
        "no_case_message": "no message naming a case in {person} to reply to",
        "usage_as": "usage: /as resident | /as admin | /as rep ID (representatives: {reps})",
        "no_rep": "no representative '{name}'; ids: {ids}",
    },
}


class DemoError(Exception):
    """A line that cannot be played: no such button, bad arguments, unknown person."""


@dataclass
class Identity:
    """Someone the demo user can act as, and how far they have read their chat."""

    key: str  # "resident", "admin", "rep:<id>"
    label: str  # shown in prompts and unread notices
    user: object  # TelegramUser acting in the chat
    read: int = 0  # chat.events rendered so far
    announced: int = 0  # unread count already announced
    answers_read: int = 0  # callback answers shown so far
    shown: dict[int, tuple] = field(default_factory=dict)  # message id -> (body, buttons) last shown
    keyboard_shown: tuple | None = None  # (offset, reply keyboard) last shown


class Demo:
    def __init__(self, lang: str, db: Path, faq_dir: Path, color: bool, interactive: bool):
        self.lang, self.db, self.faq_dir, self.color, self.interactive = lang, db, faq_dir, color, interactive
        self.tty_input = interactive and sys.stdin.isatty() and sys.stdout.isatty()
        self.people: dict[str, Identity] = {}
        self.current: Identity | None = None
        self.lock = asyncio.Lock()
        self._out_lock = threading.Lock()
        self._prompting = False
        self._flushed_at = 0  # bot activity already shown

    # ---- output ------------------------------------------------------------------------------------

    def text(self, key: str, **values: object) -> str:
        """One of the demo's own lines, in the demo's language."""
        return DEMO_TEXTS.get(self.lang, DEMO_TEXTS["en"])[key].format(**values)

    def error(self, key: str, **values: object) -> DemoError:
        """A line that cannot be played, said in the demo's language."""
        return DemoError(self.text(key, **values))

    def _number(self, text: str) -> float:
        try:
            return float(text)
        except ValueError:
            raise self.error("usage_location") from None

    def out(self, *lines: str) -> None:
        """Print lines; while a prompt waits for typing, print above it and show the prompt again."""
        with self._out_lock:
            if self._prompting and self.tty_input:
                sys.stdout.write("\r\033[K")
            for line in lines:
                sys.stdout.write(line + "\n")
            if self._prompting and self.tty_input:
                sys.stdout.write(self.prompt() + _line_buffer())
            sys.stdout.flush()

    def prompt(self) -> str:
        return f"{self.current.label} › " if self.current else "› "

    # ---- lifecycle -------------------------------------------------------------------------------

    async def _open(self, stack: AsyncExitStack) -> None:
        from .app import build_application, running
        from .config import Settings
        from .services import services_of

        self.standin = await stack.enter_async_context(_DemoStandIn(token=TOKEN, bot_username="lianxin_demo_bot"))
        self.standin.chat(ADMIN_CHAT_ID, title="连心 · 街道工作人员" if self.lang == "zh" else "Lianxin · street office")
        settings = Settings(
            _env_file=None, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=f"http://127.0.0.1:{self.standin.port}",
            LIANXIN_DB=str(self.db), LIANXIN_FAQ_DIR=str(self.faq_dir), LIANXIN_ADMIN_IDS=str(ADMIN_ID),
            LIANXIN_ADMIN_CHAT_ID=str(ADMIN_CHAT_ID),
        )
        self.settings = settings
        application = build_application(settings)
        self.services = services_of(application)
        await stack.enter_async_context(running(application, poll_timeout=1.0))
        self.ref_pattern = re.compile(rf"\b{re.escape(settings.case_prefix)}-\d{{4}}-\d{{4,}}\b")
        self.directory = self.services.directory
        await self._start_people()

    async def _start_people(self) -> None:
        """The resident, the admin in the admin group, and every representative with a telegram_id,
        who starts the bot now (quietly), so new cases route as in a street where they all use it."""
        names = NAMES[self.lang]
        resident = self.standin.user(RESIDENT_ID, names["resident"], language_code=self.lang)
        self.people["resident"] = Identity("resident", f"resident {names['resident']}", resident)
        admin_user = self.standin.user(ADMIN_ID, names["admin"], language_code=self.lang)
        self.people["admin"] = Identity("admin", "admin", self.standin.member(admin_user, ADMIN_CHAT_ID))
        before = self._activity()
        for rep in self.directory.representatives:
            if rep.telegram_id is not None:
                person = self._rep_identity(rep.id, rep.telegram_id)
                await self._start_rep(person)
        await self._settle(before, expect=before != self._activity())
        for person in self.people.values():
            self._mark_read(person)
        self.current = self.people["resident"]

    def _rep_identity(self, rep_id: str, telegram_id: int) -> Identity:
        rep = self.directory.representative(rep_id)
        user = self.standin.user(telegram_id, rep.name.pick(self.lang), language_code=self.lang)
        person = Identity(f"rep:{rep_id}", f"rep {rep_id}", user)
        self.people[person.key] = person
        return person

    async def _start_rep(self, person: Identity, payload: str = "") -> None:
        rep_id = person.key.split(":", 1)[1]
        binding = await self.services.people.binding_of_rep(rep_id)
        if binding is not None and binding.language != self.lang and not binding.started:
            # The bot binds directory representatives in the directory's default language and keeps
            # it over Telegram's language_code; the demo's representatives speak the demo language.
            await self.services.people.bind(rep_id, binding.telegram_id, self.lang, started=False)
        await person.user.send(f"/start {payload}".strip())

    def _mark_read(self, person: Identity) -> None:
        chat = person.user.chat
        person.read = len(chat.events)
        person.announced = 0
        person.answers_read = len(person.user.callback_answers)
        for msg in chat.bot_messages:
            person.shown[msg["message_id"]] = _signature(msg)
        person.keyboard_shown = self._keyboard_state(person)

    # ---- waiting for the bot ---------------------------------------------------------------------

    def _activity(self) -> int:
        """Requests the bot has made, other than polling: every send, edit and callback answer."""
        counters = self.standin.counters
        return sum(counters.values()) - sum(counters[m] for m in IDLE_METHODS)

    async def _settle(self, before: int, expect: bool = True) -> None:
        """Until the bot has answered (if expected) and then been quiet for QUIET_SECONDS."""
        loop = asyncio.get_running_loop()
        start = loop.time()
        if expect:
            while self._activity() == before and loop.time() - start < FIRST_RESPONSE_SECONDS:
                await asyncio.sleep(0.02)
        last, changed = self._activity(), loop.time()
        while loop.time() - changed < QUIET_SECONDS and loop.time() - start < SETTLE_LIMIT_SECONDS:
            await asyncio.sleep(0.03)
            now = self._activity()
            if now != last:
                last, changed = now, loop.time()

    # ---- showing chats -------------------------------------------------------------------------------

    def flush(self) -> None:
        """Show what is new in the current chat; announce unread messages of the others."""
        self._flushed_at = self._activity()
        lines = self._new_lines(self.current)
        for person in self.people.values():
            if person is self.current:
                continue
            unread = self._unread(person)
            if unread > person.announced:
                lines.append(self.text("unread", count=unread, label=person.label))
                person.announced = unread
        if lines:
            self.out(*lines)

    def _unread(self, person: Identity) -> int:
        return sum(1 for e in person.user.chat.events[person.read:] if "edit_date" not in e)

    def _new_lines(self, person: Identity, force_keyboard: bool = False) -> list[str]:
        chat = person.user.chat
        lines: list[str] = []
        texts: set[str] = set()
        for event in chat.events[person.read:]:
            mid = event["message_id"]
            signature = _signature(event)
            previous = person.shown.get(mid)
            person.shown[mid] = signature
            if "edit_date" in event and previous is not None and signature[0] == previous[0]:
                # Same text, other buttons: show the new buttons; buttons taken away are not news.
                if signature[1] and signature[1] != previous[1]:
                    lines += ["  ↻ " + line for line in button_lines(inline_rows(event), color=self.color)]
                continue
            rendered = render_message(event, self.color, edited="edit_date" in event and previous is not None)
            lines += rendered
            texts.add(signature[0])
        person.read = len(chat.events)
        person.announced = 0
        answers = person.user.callback_answers
        for text in answers[person.answers_read:]:
            if text and text not in texts:  # a toast that repeats a message is not shown twice
                lines.append(f"  ({text})")
        person.answers_read = len(answers)
        state = self._keyboard_state(person)
        if state[1] and (force_keyboard or state != person.keyboard_shown):
            lines.append(self._keyboard_line(person, state[0]))
        person.keyboard_shown = state
        return lines

    def _keyboard_state(self, person: Identity) -> tuple:
        """(number of inline buttons before it, reply keyboard rows) — the numbers shown for the keyboard."""
        newest = self._newest_with_buttons(person)
        rows = keyboard_rows(person.user.chat.reply_keyboard)
        return len(inline_buttons(newest)), tuple(tuple(b["text"] for b in row) for row in rows)

    def _newest_with_buttons(self, person: Identity) -> dict | None:
        """The message whose buttons a number presses: the newest one with inline buttons, unless a
        reply keyboard came after it (then only the keyboard is numbered)."""
        chat = person.user.chat
        newest = next((m for m in reversed(chat.bot_messages) if inline_buttons(m)), None)
        if newest is not None and chat.reply_keyboard and self.standin.keyboard_at.get(chat.id, 0) > newest["message_id"]:
            return None
        return newest

    def _buttons(self, person: Identity) -> list[tuple[dict, dict | None]]:
        """Pressable buttons by number: (button, message) for inline ones, (button, None) for the keyboard."""
        newest = self._newest_with_buttons(person)
        found = [(b, newest) for b in inline_buttons(newest)]
        found += [(b, None) for row in keyboard_rows(person.user.chat.reply_keyboard) for b in row]
        return found

    def _keyboard_line(self, person: Identity, offset: int) -> str:
        """The reply keyboard on one line, numbered after the inline buttons."""
        keys = [b for row in keyboard_rows(person.user.chat.reply_keyboard) for b in row]
        return "  ⌨ " + button_lines([keys], first=offset + 1, color=self.color)[0]

    def show_buttons(self) -> None:
        person = self.current
        newest = self._newest_with_buttons(person)
        lines = ["  " + line for line in button_lines(inline_rows(newest))]
        if person.user.chat.reply_keyboard:
            lines.append(self._keyboard_line(person, len(inline_buttons(newest))))
        self.out(*(lines or [self.text("no_buttons")]))

    # ---- acting ----------------------------------------------------------------------------------

    async def play(self, line: str) -> bool:
        """Play one line as the current person; False when the demo should end."""
        line = line.strip()
        if not line:
            return True
        word, _, rest = line.partition(" ")
        rest = rest.strip()
        command = word.lower()
        user = self.current.user
        action: Callable | None = None
        if command in ("/quit", "/exit"):
            return False
        if command == "/demo":
            self.out(self.text("help"))
            return True
        if command == "/buttons":
            self.show_buttons()
            return True
        if command == "/as":
            await self.switch(rest)
            return True
        if command == "/wait":
            seconds = _number(rest or "1", "/wait SECONDS")
            before = self._activity()
            await asyncio.sleep(min(seconds, 600))
            await self._settle(before, expect=False)
            self.flush()
            return True
        if line.isdigit():
            action = self._press_number(int(line))
        elif command == "/press":
            if not rest:
                raise self.error("usage_press")
            action = self._press_label(rest)
        elif command == "/reply":
            if not rest:
                raise self.error("usage_reply")
            target = self._newest_with_reference()
            action = lambda: user.reply(target, rest)  # noqa: E731
        elif command == "/say":
            if not rest:
                raise self.error("usage_say")
            action = lambda: user.send(rest)  # noqa: E731
        elif command == "/photo":
            action = lambda: user.send_photo(caption=rest or None)  # noqa: E731
        elif command == "/contact":
            phone = rest or "+86 138 0000 0000"
            action = lambda: user.send_contact(phone=phone, own=True)  # noqa: E731
        elif command == "/location":
            parts = rest.replace(",", " ").split()
            if len(parts) != 2:
                raise self.error("usage_location")
            lat, lon = (self._number(p) for p in parts)
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise self.error("location_range")
            action = lambda: user.send_location(lat, lon)  # noqa: E731
        else:
            action = lambda: user.send(line)  # noqa: E731
        await self._act(action)
        return True

    async def _act(self, action: Callable) -> None:
        before = self._activity()
        await action()
        await self._settle(before)
        self.flush()

    def _press_number(self, n: int) -> Callable:
        buttons = self._buttons(self.current)
        if not 1 <= n <= len(buttons):
            shown = f"1..{len(buttons)}" if buttons else self.text("none")
            raise self.error("no_button_n", n=n, shown=shown)
        return self._presser(*buttons[n - 1])

    def _press_label(self, label: str) -> Callable:
        """Exact label first, then a unique part of one: the newest buttons, the keyboard, older buttons."""
        person = self.current
        messages = [m for m in reversed(person.user.chat.bot_messages) if inline_buttons(m)]
        keyboard = [b for row in keyboard_rows(person.user.chat.reply_keyboard) for b in row]
        current = self._newest_with_buttons(person)
        places: list[tuple[list[dict], dict | None]] = [(inline_buttons(current), current)] if current else []
        places.append((keyboard, None))
        places += [(inline_buttons(m), m) for m in messages if m is not current]
        for exact in (True, False):
            for buttons, msg in places:
                found = [b for b in buttons if (b["text"] == label if exact else label in b["text"])]
                if len(found) > 1 and not exact:
                    raise self.error("ambiguous", label=label, found=", ".join(b["text"] for b in found))
                if found:
                    return self._presser(found[0], msg)
        available = [b["text"] for b in inline_buttons(current)] + [b["text"] for b in keyboard]
        raise self.error("no_button", label=label, person=person.label,
                         available=", ".join(available) if available else self.text("none"))

    def _presser(self, button: dict, msg: dict | None) -> Callable:
        user = self.current.user
        if msg is None:
            return lambda: user._press_reply(button)  # the stand-in's reply-keyboard press
        if "callback_data" not in button:
            raise self.error("opens", label=button["text"], target=button.get("url") or self.text("outside"))
        return lambda: user.press_data(button["callback_data"], msg)

    def _newest_with_reference(self) -> dict:
        for msg in reversed(self.current.user.chat.bot_messages):
            if self.ref_pattern.search(msg.get("text") or msg.get("caption") or ""):
                return msg
        raise self.error("no_case_message", person=self.current.label)

    async def switch(self, target: str) -> None:
        words = target.split()
        kind = words[0].lower() if words else ""
        if kind in ("resident", "admin") and len(words) == 1:
            person = self.people[kind]
        elif kind == "rep" and len(words) == 2:
            person = await self._rep(words[1])
        else:
            reps = ", ".join(r.id for r in self.directory.representatives)
            raise self.error("usage_as", reps=reps)
        self.current = person
        header = f"── {person.label}"
        if person.key.startswith("rep:"):
            header += f" ({person.user.info['first_name']})"
        elif person.key == "admin":
            header += f" ({person.user.chat.title})"
        self.out(header + " ──", *self._new_lines(person, force_keyboard=True))

    async def _rep(self, name: str) -> Identity:
        rep = self.directory.representative(name) or next(
            (r for r in self.directory.representatives if name in (r.name.pick("zh"), r.name.pick("en"))), None)
        if rep is None:
            raise self.error("no_rep", name=name, ids=", ".join(r.id for r in self.directory.representatives))
        person = self.people.get(f"rep:{rep.id}")
        if person is None:
            binding = await self.services.people.binding_of_rep(rep.id)
            if binding is not None:
                person = self._rep_identity(rep.id, binding.telegram_id)
            else:
                # Not in the directory with a telegram_id: bind through a one-time invite, as /invite does.
                index = [r.id for r in self.directory.representatives].index(rep.id)
                person = self._rep_identity(rep.id, INVITED_REP_BASE_ID + index + 1)
                token = await self.services.people.create_invite(rep.id, self.settings.invite_valid_hours)
                self.out(f"  (demo: {rep.id} has no telegram_id in directory.yaml; "
                         f"their account opens the invite link /start rep_{token})")
                await self._act_as(person, lambda: self._start_rep(person, f"rep_{token}"))
        binding = await self.services.people.binding_of_rep(rep.id)
        if binding is None or not binding.started:
            await self._act_as(person, lambda: self._start_rep(person))
        return person

    async def _act_as(self, person: Identity, action: Callable) -> None:
        """Act as someone other than the current person; their chat is shown when switched to."""
        before = self._activity()
        await action()
        await self._settle(before)

    # ---- the two modes ---------------------------------------------------------------------------------

    async def play_script(self, lines: list[str], name: str) -> int:
        async with AsyncExitStack() as stack:
            await self._open(stack)
            self.out(f"# lianxin demo --script {name} --lang {self.lang}", f"── {self.current.label} ──")
            for number, raw in enumerate(lines, 1):
                line = raw.strip()
                if not line or line.startswith("#"):
                    continue
                self.out(f"> {line}")
                try:
                    async with self.lock:
                        if not await self.play(line):
                            break
                except DemoError as exc:
                    print(f"lianxin demo: {name}:{number}: cannot play {line!r}: {exc}", file=sys.stderr)
                    return 1
        return 0

    async def interact(self) -> int:
        loop = asyncio.get_running_loop()
        lines: asyncio.Queue[str | None] = asyncio.Queue()
        ready = threading.Event()

        def read_lines() -> None:
            while True:
                ready.wait()
                ready.clear()
                try:
                    if self.tty_input:
                        self._prompting = True
                        line: str | None = input(self.prompt())
                    else:
                        line = sys.stdin.readline()
                        line = line.rstrip("\n") if line else None
                except (EOFError, KeyboardInterrupt, OSError, ValueError):
                    line = None
                finally:
                    self._prompting = False
                loop.call_soon_threadsafe(lines.put_nowait, line)
                if line is None:
                    return

        async with AsyncExitStack() as stack:
            self.out(self.text("starting"))
            await self._open(stack)
            self.out(self.text("help"), "", f"── {self.current.label} ──")
            async with self.lock:
                await self._act(lambda: self.current.user.send("/start"))  # what Telegram's Start button sends
            watcher = asyncio.create_task(self._watch())
            threading.Thread(target=read_lines, name="demo-input", daemon=True).start()
            try:
                while True:
                    ready.set()
                    line = await lines.get()
                    if line is None:
                        self.out("")
                        break
                    if not self.tty_input and line.strip():
                        self.out(f"> {line.strip()}")
                    try:
                        async with self.lock:
                            if not await self.play(line):
                                break
                    except DemoError as exc:
                        self.out(f"  ⚠ {exc}")
            finally:
                watcher.cancel()
            self.out(self.text("bye"))
        return 0

    async def _watch(self) -> None:
        """Between lines: show bot messages as they arrive (reminders, escalations, job output)."""
        while True:
            await asyncio.sleep(0.1)
            if self._activity() == self._flushed_at or self.lock.locked():
                continue
            async with self.lock:
                await self._settle(self._activity(), expect=False)
                self.flush()


class _DemoStandIn(BotApiStandIn):
    """The stand-in, remembering which message last set or removed each chat's reply keyboard."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.keyboard_at: dict[int, int] = {}  # chat id -> message id

    async def publish(self, chat, p: dict, content: dict) -> dict:
        msg = await super().publish(chat, p, content)
        markup = check_markup(p.get("reply_markup"))
        if markup and ("keyboard" in markup or markup.get("remove_keyboard")):
            self.keyboard_at[chat.id] = msg["message_id"]
        return msg


def _signature(msg: dict) -> tuple:
    text = msg.get("text") or msg.get("caption") or ""
    return text, tuple(b["text"] for b in inline_buttons(msg))


def _line_buffer() -> str:
    try:
        import readline

        return readline.get_line_buffer()
    except Exception:  # noqa: BLE001 - no readline on this platform
        return ""
