"""Every user-facing text, in Chinese (the default) and English.

`t(lang, key, **values)` fills a template for Telegram's HTML parse mode. Values are escaped,
because they are often written by users; wrap already-formatted HTML in `Html` to pass it through.
"""

from __future__ import annotations

import html

from .catalog import CATALOG

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"


class Html(str):
    """A string that is already valid Telegram HTML and must not be escaped again."""


def escape(value: object) -> str:
    if isinstance(value, Html):
        return value
    return html.escape(str(value), quote=False)


def t(lang: str | None, key: str, **values: object) -> str:
    entry = CATALOG[key]
    template = entry.get(lang or DEFAULT_LANGUAGE) or entry[DEFAULT_LANGUAGE]
    return Html(template.format(**{name: escape(value) for name, value in values.items()}))


def plain(lang: str | None, key: str, **values: object) -> str:
    """The same text without HTML, for button labels and callback answers."""
    entry = CATALOG[key]
    template = entry.get(lang or DEFAULT_LANGUAGE) or entry[DEFAULT_LANGUAGE]
    return template.format(**{name: str(value) for name, value in values.items()})


def language_of(language_code: str | None) -> str:
    """Telegram's language_code to ours: English for en*, Chinese otherwise."""
    return "en" if (language_code or "").lower().startswith("en") else DEFAULT_LANGUAGE


def all_labels(key: str) -> set[str]:
    """The label in every language: reply-keyboard buttons arrive as text in the user's language."""
    return {CATALOG[key][lang] for lang in LANGUAGES}
