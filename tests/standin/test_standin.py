"""The Bot API stand-in against a real PTB Application polling it over HTTP."""

from __future__ import annotations

import warnings

import aiohttp
import pytest
from telegram import (InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup,
                      ReplyKeyboardRemove, Update)
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.ext import ApplicationBuilder, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot.standin.formatting import EntityParseError, parse_html
from bot.standin.server import BotApiStandIn

TOKEN = "123456:TEST"
GROUP = -100500


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    text = update.message.text
    if text == "menu":
        await update.message.reply_text(
            "Pick <b>one</b>", parse_mode="HTML",
            reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("Yes 是", callback_data="yes"),
                                                InlineKeyboardButton("No", callback_data="no")]]))
    elif text == "share":
        await update.message.reply_text("Share?", reply_markup=ReplyKeyboardMarkup(
            [[KeyboardButton("Send phone", request_contact=True)]], one_time_keyboard=True))
    else:
        await update.message.reply_text(f"echo: {text}")


async def on_contact(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    contact = update.message.contact
    await update.message.reply_text(f"phone {contact.phone_number} own={contact.user_id == update.effective_user.id}",
                                    reply_markup=ReplyKeyboardRemove())


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    await query.answer(f"got {query.data}")
    await query.edit_message_text(f"You chose <i>{query.data}</i>", parse_mode="HTML")


@pytest.fixture
async def standin():
    async with BotApiStandIn(token=TOKEN, bot_username="lianxin_bot") as server:
        yield server


@pytest.fixture
async def app(standin):
    application = (ApplicationBuilder().token(TOKEN).base_url(standin.base_url)
                   .base_file_url(standin.base_file_url).build())
    application.add_handler(MessageHandler(filters.CONTACT, on_contact))
    application.add_handler(MessageHandler(filters.TEXT, echo))
    application.add_handler(CallbackQueryHandler(on_button))
    await application.initialize()
    await application.updater.start_polling(poll_interval=0, timeout=1)
    await application.start()
    yield application
    await application.updater.stop()
    await application.stop()
    await application.shutdown()


# ---- parser ----------------------------------------------------------------------------------------

def test_html_parser_entities_in_utf16():
    text, entities = parse_html("😀 <b>粗体</b> &lt;x&gt; &#65;<a href='https://e.org?a=1&amp;b=2'>L</a>")
    assert text == "😀 粗体 <x> AL"
    assert entities == [{"offset": 3, "length": 2, "type": "bold"},
                        {"offset": 11, "length": 1, "type": "text_link", "url": "https://e.org?a=1&b=2"}]


@pytest.mark.parametrize("bad", ["<foo>x</foo>", "<b>x", "<b>x</i>", "x</b>", "a < b", "a & b", "&nbsp;"])
def test_html_parser_refuses_what_telegram_refuses(bad):
    with pytest.raises(EntityParseError):
        parse_html(bad)


# ---- over HTTP with a real Application -------------------------------------------------------------

async def test_echo_round_trip(standin, app):
    user = standin.user(1001, "李梅")
    sent = await user.send("你好")
    reply = await user.wait_for("echo: 你好", timeout=3)
    assert reply["chat"]["id"] == 1001 and reply["message_id"] == sent["message_id"] + 1
    assert app.bot.username == "lianxin_bot" and app.bot.id == 123456


async def test_inline_button_press_answers_and_edits(standin, app):
    user = standin.user(1002, "Ann", language_code="en")
    await user.send("menu")
    menu = await user.wait_for("Pick one")
    assert menu["entities"] == [{"offset": 5, "length": 3, "type": "bold"}]
    assert user.buttons() == ["Yes 是", "No"]
    await user.press("Yes")
    assert await user.wait_answer() == "got yes"
    edited = await user.wait_for("You chose yes")
    assert "reply_markup" not in edited and user.last["text"] == "You chose yes"
    assert standin.requests_for("answerCallbackQuery")[0]["text"] == "got yes"
    with pytest.raises(AssertionError, match="no button"):
        await user.press("Maybe")


async def test_reply_keyboard_contact(standin, app):
    user = standin.user(1003, "Bo")
    await user.send("share")
    await user.wait_for("Share?")
    assert user.reply_keyboard == ["Send phone"]
    await user.press("Send phone")
    assert user.reply_keyboard is None
    await user.wait_for("phone +86 138 0000 0000 own=True")


async def test_send_message_fidelity(standin, app):
    standin.user(1004)
    bot = app.bot
    with pytest.raises(BadRequest, match="(?i)unsupported start tag \"foo\""):
        await bot.send_message(1004, "<foo>bar</foo>", parse_mode="HTML")
    with pytest.raises(BadRequest, match="(?i)message is too long"):
        await bot.send_message(1004, "x" * 4097)
    msg = await bot.send_message(1004, "&lt;" + "y" * 4095, parse_mode="HTML")  # 4096 after parsing
    assert msg.text.startswith("<y")
    with pytest.raises(BadRequest, match="(?i)text is empty"):
        await bot.send_message(1004, "   ")
    with pytest.raises(BadRequest, match="(?i)button_data_invalid"):
        await bot.send_message(1004, "x", reply_markup=InlineKeyboardMarkup(
            [[InlineKeyboardButton("x", callback_data="数" * 22)]]))
    with pytest.raises(BadRequest, match="(?i)replied not found"):
        await bot.send_message(1004, "x", reply_to_message_id=999)
    with pytest.raises(BadRequest, match="(?i)not modified"):
        await bot.edit_message_text("&lt;" + "y" * 4095, 1004, msg.message_id, parse_mode="HTML")
    with pytest.raises(Forbidden, match="initiate conversation"):
        await bot.send_message(424242, "hi")


async def test_blocked_chat_is_forbidden(standin, app):
    standin.user(1005)
    standin.block(1005)
    with pytest.raises(Forbidden, match="blocked by the user"):
        await app.bot.send_message(1005, "hi")
    standin.unblock(1005)
    await app.bot.send_message(1005, "hi")


async def test_faults(standin, app):
    standin.user(1006)
    standin.faults.add(method="sendMessage", chat_id=1006, kind="retry_after", retry_after=3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(RetryAfter) as info:
            await app.bot.send_message(1006, "a")
        assert info.value.retry_after in (3, 3.0) or info.value.retry_after.total_seconds() == 3
    standin.faults.add(method="sendMessage", kind="bad_gateway", times=2)
    for _ in range(2):
        with pytest.raises(NetworkError):
            await app.bot.send_message(1006, "b")
    standin.faults.add(method="sendMessage", kind="drop")
    with pytest.raises(NetworkError):
        await app.bot.send_message(1006, "c")
    await app.bot.send_message(1006, "d")
    assert [m["text"] for m in standin.user(1006).messages] == ["d"]
    assert standin.counters["sendMessage"] == 5 and len(standin.faults) == 0


async def test_timeout_fault_records_the_message(standin):
    standin.user(1007)
    standin.faults.add(method="sendMessage", kind="timeout", delay=5)
    application = (ApplicationBuilder().token(TOKEN).base_url(standin.base_url).read_timeout(0.3)
                   .base_file_url(standin.base_file_url).build())
    async with application:
        with pytest.raises(NetworkError):  # TimedOut
            await application.bot.send_message(1007, "slow")
    assert [m["text"] for m in standin.user(1007).messages] == ["slow"]


async def test_photo_upload_get_file_download(standin, app):
    user = standin.user(1008)
    data = b"\xff\xd8\xff\xe0 not really a jpeg \xff\xd9"
    msg = await app.bot.send_photo(1008, photo=data, caption="<b>pic</b>", parse_mode="HTML")
    assert msg.caption == "pic" and len(msg.photo) == 3
    assert user.last["photo"][-1]["width"] == 800
    file = await app.bot.get_file(msg.photo[-1].file_id)
    assert bytes(await file.download_as_bytearray()) == data
    again = await app.bot.send_photo(1008, photo=msg.photo[-1].file_id)
    assert again.photo[-1].file_id == msg.photo[-1].file_id
    user_photo = await user.send_photo(caption="mine")
    got = await app.bot.get_file(user_photo["photo"][-1]["file_id"])
    assert (await got.download_as_bytearray())[:2] == b"\xff\xd8"


async def test_copy_message_to_group_and_back(standin, app):
    user = standin.user(1009, "Li")
    admins = standin.chat(GROUP, title="Admins")
    original = await user.send_photo(caption="hole in road")
    copied = await app.bot.copy_message(GROUP, from_chat_id=1009, message_id=original["message_id"])
    in_group = admins.last
    assert in_group["message_id"] == copied.message_id and in_group["caption"] == "hole in road"
    assert in_group["from"]["is_bot"] and "forward_origin" not in in_group
    admin = standin.member(standin.user(2001, "Admin"), GROUP)
    answer = await admin.reply(in_group, "fixed tomorrow")
    assert answer["reply_to_message"]["message_id"] == copied.message_id
    back = await app.bot.copy_message(1009, GROUP, answer["message_id"],
                                      reply_parameters={"message_id": original["message_id"]})
    assert user.last["message_id"] == back.message_id and user.last["text"] == "fixed tomorrow"


async def test_http_errors_and_commands(standin, app):
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{standin.base_url}999:WRONG/getMe") as resp:
            assert resp.status == 401 and (await resp.json())["description"] == "Unauthorized"
        async with http.post(f"{standin.base_url}{TOKEN}/noSuchMethod") as resp:
            assert resp.status == 404
        async with http.post(f"{standin.base_url}{TOKEN}/sendMessage",
                             json={"chat_id": 1, "text": "x"}) as resp:
            assert resp.status == 403 and (await resp.json())["error_code"] == 403
    await app.bot.set_my_commands([("start", "开始")], language_code="zh")
    assert standin.commands(language_code="zh") == [{"command": "start", "description": "开始"}]
    assert [c.command for c in await app.bot.get_my_commands(language_code="zh")] == ["start"]
    with pytest.raises(BadRequest, match="(?i)query is too old"):
        await app.bot.answer_callback_query("nope")
