"""Bot API payloads for the outbox, kept within Telegram's limits without cutting anyone's words."""

from __future__ import annotations

import html
import re
from typing import Any

from .i18n import Html, t

MAX_TEXT = 4096
MAX_CAPTION = 1024
# Room for Telegram's own counting quirks; chunks of user text stay safely below the limit.
CHUNK = 4000
_TAG = re.compile(r"<[^>]+>")


def visible_length(html_text: str) -> int:
    """Length as Telegram counts it: after parsing the HTML, in UTF-16 code units."""
    text = html.unescape(_TAG.sub("", html_text))
    return len(text.encode("utf-16-le")) // 2


def split_plain(text: str, limit: int = CHUNK) -> list[str]:
    """Splits at line ends where possible, never inside a surrogate pair (UTF-16 counted)."""
    chunks: list[str] = []
    current = ""
    for char in text:
        if len((current + char).encode("utf-16-le")) // 2 > limit:
            cut = current.rfind("\n")
            if cut > limit // 2:
                chunks.append(current[: cut + 1])
                current = current[cut + 1 :]
            else:
                chunks.append(current)
                current = ""
        current += char
    if current:
        chunks.append(current)
    return chunks


def message(text: str, keyboard: dict | None = None, *, html_mode: bool = True, **extra: Any) -> dict:
    payload: dict[str, Any] = {"method": "sendMessage", "text": text}
    if html_mode:
        payload["parse_mode"] = "HTML"
    if keyboard:
        payload["reply_markup"] = keyboard
    payload.update(extra)
    return payload


def photo(file_id: str, caption_html: str | None = None) -> dict:
    payload: dict[str, Any] = {"method": "sendPhoto", "photo": file_id}
    if caption_html:
        payload["caption"] = caption_html
        payload["parse_mode"] = "HTML"
    return payload


def with_user_text(
    lang: str, key: str, *, text_field: str, user_text: str, keyboard: dict | None = None, **values: Any
) -> list[dict]:
    """A templated message quoting user text; over the limit, the text follows in plain chunks."""
    full = t(lang, key, **{text_field: user_text}, **values)
    if visible_length(full) <= MAX_TEXT:
        return [message(full, keyboard)]
    marker = {"zh": "（内容较长，见下方消息）", "en": "(long text, continued below)"}.get(lang, "(…)")
    head = t(lang, key, **{text_field: marker}, **values)
    return [message(head, keyboard)] + [message(chunk, html_mode=False) for chunk in split_plain(user_text)]


def caption(lang: str, key: str, user_text: str | None, **values: Any) -> tuple[str, list[dict]]:
    """A photo caption with an optional user caption; what does not fit follows as plain text."""
    head = t(lang, key, **values)
    if not user_text:
        return head, []
    combined = Html(f"{head}\n{html.escape(user_text, quote=False)}")
    if visible_length(combined) <= MAX_CAPTION:
        return combined, []
    return head, [message(chunk, html_mode=False) for chunk in split_plain(user_text)]
