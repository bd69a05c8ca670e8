"""Telegram-flavoured text formatting: HTML -> (plain text, entities), as the Bot API does it.

The stand-in must refuse exactly the markup real Telegram refuses, otherwise escaping bugs in the
bot only show up in production. Offsets and lengths are UTF-16 code units, like Telegram's.
"""

from __future__ import annotations

import re

SIMPLE_TAGS = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic",
    "u": "underline", "ins": "underline", "s": "strikethrough", "strike": "strikethrough",
    "del": "strikethrough", "tg-spoiler": "spoiler", "code": "code", "pre": "pre",
}
SUPPORTED_TAGS = set(SIMPLE_TAGS) | {"a", "span", "blockquote", "tg-emoji", "tg-time"}
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{1,10});")


class EntityParseError(ValueError):
    """Markup Telegram would refuse; the message is the part after "can't parse entities: "."""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram entity offsets and limits."""
    return len(text.encode("utf-16-le")) // 2


def _decode_entity(src: str, i: int) -> tuple[str, int] | None:
    """Decode the HTML entity starting at src[i] ('&'); None if Telegram would not accept it."""
    m = _ENTITY_RE.match(src, i)
    if not m:
        return None
    body = m.group(1)
    if body.startswith("#"):
        code = int(body[2:], 16) if body[1] in "xX" else int(body[1:])
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return None
        return chr(code), m.end()
    if body not in NAMED_ENTITIES:
        return None
    return NAMED_ENTITIES[body], m.end()


def _unescape_attr(raw: str) -> str:
    """Decode entities inside an attribute value; invalid ones stay literal (as tdlib does)."""
    def repl(m: re.Match) -> str:
        decoded = _decode_entity(m.group(0), 0)
        return decoded[0] if decoded else m.group(0)
    return _ENTITY_RE.sub(repl, raw)


class _Tag:
    __slots__ = ("name", "attrs", "start", "language")

    def __init__(self, name: str, attrs: dict[str, str], start: int):
        self.name, self.attrs, self.start, self.language = name, attrs, start, None


class _HtmlParser:
    """A tiny scanner for Telegram's restricted HTML (modelled on tdlib's parse_html)."""

    def __init__(self, src: str):
        self.src = src
        self.out: list[str] = []
        self.pos16 = 0
        self.stack: list[_Tag] = []
        self.entities: list[dict] = []

    def byte_offset(self, i: int) -> int:
        return len(self.src[:i].encode("utf-8"))

    def emit(self, text: str) -> None:
        self.out.append(text)
        self.pos16 += utf16_len(text)

    def run(self) -> tuple[str, list[dict]]:
        src, i = self.src, 0
        while i < len(src):
            c = src[i]
            if c == "&":
                decoded = _decode_entity(src, i)
                if decoded is None:
                    raise EntityParseError(f"Unsupported HTML entity at byte offset {self.byte_offset(i)}")
                self.emit(decoded[0])
                i = decoded[1]
            elif c != "<":
                self.emit(c)
                i += 1
            elif src.startswith("</", i):
                i = self.end_tag(i)
            else:
                i = self.start_tag(i)
        if self.stack:
            raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"')
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities

    def start_tag(self, start: int) -> int:
        src, i = self.src, start + 1
        while i < len(src) and src[i] not in " \t\r\n>":
            i += 1
        name = src[start + 1:i].lower()
        if name not in SUPPORTED_TAGS:
            raise EntityParseError(f'Unsupported start tag "{name}" at byte offset {self.byte_offset(start)}')
        attrs: dict[str, str] = {}
        while True:
            while i < len(src) and src[i] in " \t\r\n":
                i += 1
            if i >= len(src):
                raise EntityParseError(f"Unclosed start tag at byte offset {self.byte_offset(start)}")
            if src[i] == ">":
                break
            j = i
            while j < len(src) and src[j] not in " \t\r\n=>":
                j += 1
            attr = src[i:j].lower()
            if not attr:
                raise EntityParseError(
                    f'Empty attribute name in the tag "{name}" at byte offset {self.byte_offset(start)}')
            value, i = self.attr_value(j)
            attrs[attr] = value
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise EntityParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {self.byte_offset(start)}')
        self.stack.append(_Tag(name, attrs, self.pos16))
        return i + 1

    def attr_value(self, i: int) -> tuple[str, int]:
        """Parse '=value' (quoted or bare) at src[i]; a bare attribute has the empty value."""
        src = self.src
        if i >= len(src) or src[i] != "=":
            return "", i
        i += 1
        if i < len(src) and src[i] in "\"'":
            end = src.find(src[i], i + 1)
            if end < 0:
                raise EntityParseError(f"Unclosed attribute value at byte offset {self.byte_offset(i)}")
            raw, nxt = src[i + 1:end], end + 1
        else:
            end = i
            while end < len(src) and src[end] not in " \t\r\n>":
                end += 1
            raw, nxt = src[i:end], end
        return _unescape_attr(raw), nxt

    def end_tag(self, start: int) -> int:
        end = self.src.find(">", start)
        if end < 0:
            raise EntityParseError(f"Unclosed end tag at byte offset {self.byte_offset(start)}")
        name = self.src[start + 2:end].strip().lower()
        if not self.stack:
            raise EntityParseError(f"Unexpected end tag at byte offset {self.byte_offset(start)}")
        tag = self.stack.pop()
        if tag.name != name:
            raise EntityParseError(f'Unmatched end tag at byte offset {self.byte_offset(start)}, '
                                   f'expected "</{tag.name}>", found "</{name}>"')
        self.close(tag)
        return end + 1

    def close(self, tag: _Tag) -> None:
        entity: dict = {"offset": tag.start, "length": self.pos16 - tag.start}
        parent = self.stack[-1] if self.stack else None
        if tag.name == "code" and parent is not None and parent.name == "pre":
            cls = tag.attrs.get("class", "")
            parent.language = cls[len("language-"):] if cls.startswith("language-") else None
            return  # <pre><code class="language-x"> is one pre entity with a language
        if tag.name in SIMPLE_TAGS:
            entity["type"] = SIMPLE_TAGS[tag.name]
            if tag.name == "pre" and tag.language:
                entity["language"] = tag.language
        elif tag.name == "span":
            entity["type"] = "spoiler"
        elif tag.name == "a" and tag.attrs.get("href"):
            entity.update(type="text_link", url=tag.attrs["href"])
        elif tag.name == "blockquote":
            entity["type"] = "expandable_blockquote" if "expandable" in tag.attrs else "blockquote"
        elif tag.name == "tg-emoji" and tag.attrs.get("emoji-id"):
            entity.update(type="custom_emoji", custom_emoji_id=tag.attrs["emoji-id"])
        else:
            return
        if entity["length"] > 0:
            self.entities.append(entity)


def parse_html(src: str) -> tuple[str, list[dict]]:
    """Return (plain text, entities) or raise EntityParseError like Telegram."""
    return _HtmlParser(src).run()


def strip_markdown_escapes(src: str) -> str:
    """MarkdownV2 handled loosely: the bot uses HTML, so only backslash escapes are removed."""
    return re.sub(r"\\(.)", r"\1", src)


def trim(text: str, entities: list[dict]) -> tuple[str, list[dict]]:
    """Telegram strips leading/trailing whitespace from messages; shift and clip entities to match."""
    lead = utf16_len(text) - utf16_len(text.lstrip())
    text = text.strip()
    size = utf16_len(text)
    result = []
    for e in entities:
        start = max(e["offset"] - lead, 0)
        end = min(e["offset"] + e["length"] - lead, size)
        if end > start:
            result.append({**e, "offset": start, "length": end - start})
    return text, result


def format_text(text: str | None, parse_mode: str | None, entities: list[dict] | None) -> tuple[str, list[dict]]:
    """Turn a send-method's (text, parse_mode, entities) into what Telegram stores."""
    text = text or ""
    mode = (parse_mode or "").lower()
    if mode == "html":
        try:
            text, entities = parse_html(text)
        except EntityParseError as exc:
            raise EntityParseError(f"can't parse entities: {exc}") from None
    elif mode in ("markdown", "markdownv2"):
        text, entities = strip_markdown_escapes(text), []
    return trim(text, list(entities or []))
