"""How `lianxin demo` shows Telegram messages in a terminal: text, attachments and numbered buttons."""

from __future__ import annotations

BOLD, DIM, RESET = "\033[1m", "\033[2m", "\033[0m"
INDENT = "  "


def inline_rows(msg: dict | None) -> list[list[dict]]:
    if not msg:
        return []
    return [list(row) for row in msg.get("reply_markup", {}).get("inline_keyboard", []) if row]


def inline_buttons(msg: dict | None) -> list[dict]:
    return [b for row in inline_rows(msg) for b in row]


def keyboard_rows(markup: dict | None) -> list[list[dict]]:
    return [list(row) for row in markup.get("keyboard", []) if row] if markup else []


def _styled(text: str, entities: list[dict] | None, color: bool) -> str:
    """Bold as ANSI bold and italic as dim, when the terminal shows colours; else the plain text."""
    if not color or not entities:
        return text
    # Entity offsets count UTF-16 code units; map them to string indexes.
    index_of, units = {}, 0
    for i, ch in enumerate(text):
        index_of[units] = i
        units += 2 if ord(ch) > 0xFFFF else 1
    index_of[units] = len(text)
    marks: dict[int, list[str]] = {}
    for entity in entities:
        style = {"bold": BOLD, "italic": DIM}.get(entity.get("type"))
        start, end = index_of.get(entity["offset"]), index_of.get(entity["offset"] + entity["length"])
        if style is None or start is None or end is None:
            continue
        marks.setdefault(start, []).append(style)
        marks.setdefault(end, []).append(RESET)
    out = []
    open_styles: list[str] = []
    for i, ch in enumerate(text + "\0"):
        for mark in marks.get(i, []):
            if mark == RESET:
                if open_styles:
                    open_styles.pop()
                out.append(RESET + "".join(open_styles))
            else:
                open_styles.append(mark)
                out.append(mark)
        if i < len(text):
            out.append(ch)
    return "".join(out)


def body(msg: dict, color: bool = False) -> str:
    """The visible content of a message: its text, or an attachment tag with its caption."""
    if "text" in msg:
        return _styled(msg["text"], msg.get("entities"), color)
    caption = _styled(msg.get("caption", ""), msg.get("caption_entities"), color)
    if "photo" in msg:
        tag = "[photo]"
    elif "document" in msg:
        tag = f"[document {msg['document'].get('file_name', '')}]".replace(" ]", "]")
    elif "location" in msg:
        tag = f"[location {msg['location']['latitude']}, {msg['location']['longitude']}]"
    elif "contact" in msg:
        tag = f"[contact {msg['contact'].get('phone_number', '')}]"
    else:
        kinds = [k for k in ("sticker", "voice", "video", "audio", "animation") if k in msg]
        tag = f"[{kinds[0] if kinds else 'message'}]"
    return f"{tag} {caption}".rstrip()


def button_lines(rows: list[list[dict]], first: int = 1, prefix: str = "", color: bool = False) -> list[str]:
    """`[1] ✅ 接单  [2] 💬 回复`, one line per keyboard row, numbered from `first`."""
    lines, n = [], first
    for row in rows:
        cells = []
        for button in row:
            label = button["text"]
            if button.get("url"):
                label += f" ↗ {button['url']}"
            cells.append(f"[{n}] {label}")
            n += 1
        line = prefix + "  ".join(cells)
        lines.append(f"{DIM}{line}{RESET}" if color else line)
    return lines


def render_message(msg: dict, color: bool = False, edited: bool = False) -> list[str]:
    """A bot message as indented lines, its inline buttons numbered under it."""
    text = body(msg, color)
    if edited:
        text = "✏️ " + text
    lines = [(INDENT + line).rstrip() for line in text.split("\n")]
    lines += [INDENT + line for line in button_lines(inline_rows(msg), color=color)]
    return lines
