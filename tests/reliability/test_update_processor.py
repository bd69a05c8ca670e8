"""The per-chat update processor: one chat's updates in order, other chats alongside, nothing kept."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

from telegram import Chat, Message, Update

from bot.app import PerChatUpdateProcessor


def _update(update_id: int, chat_id: int) -> Update:
    message = Message(update_id, datetime.now(timezone.utc), Chat(chat_id, Chat.PRIVATE), text=str(update_id))
    return Update(update_id, message=message)


async def test_one_chats_updates_keep_their_order_and_no_chat_is_remembered_after():
    processor = PerChatUpdateProcessor()
    done: list[tuple[int, int]] = []

    async def handle(chat_id: int, update_id: int, delay: float) -> None:
        await asyncio.sleep(delay)
        done.append((chat_id, update_id))

    # Chat 1's first update is the slowest: its second waits for it, chat 2's does not.
    await asyncio.gather(
        processor.do_process_update(_update(1, 1), handle(1, 1, 0.05)),
        processor.do_process_update(_update(2, 1), handle(1, 2, 0.0)),
        processor.do_process_update(_update(3, 2), handle(2, 3, 0.0)),
    )
    assert done == [(2, 3), (1, 1), (1, 2)]
    assert processor._chats == {}  # a chat's lock goes once its last update is done
