"""Texts that admins write once per language: `开放时间` or `{zh: 开放时间, en: Opening hours}`."""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import GetCoreSchemaHandler, ValidationInfo
from pydantic_core import PydanticCustomError, core_schema

Language = Literal["zh", "en"]
LANGUAGES: tuple[str, ...] = get_args(Language)
DEFAULT_LANGUAGE: Language = "zh"


class LocalizedText(dict[str, str]):
    """A text per language; `pick` falls back to any language rather than show nothing."""

    def pick(self, language: str) -> str:
        if language in self:
            return self[language]
        for fallback in (DEFAULT_LANGUAGE, *LANGUAGES):
            if fallback in self:
                return self[fallback]
        return ""

    def all_texts(self) -> list[str]:
        return list(self.values())

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler):
        return core_schema.with_info_plain_validator_function(
            cls._validate, serialization=core_schema.plain_serializer_function_ser_schema(dict)
        )

    @classmethod
    def _validate(cls, value: Any, info: ValidationInfo) -> "LocalizedText":
        if isinstance(value, LocalizedText):
            return value
        default = (info.context or {}).get("default_language", DEFAULT_LANGUAGE)
        if isinstance(value, str):
            if not value.strip():
                raise PydanticCustomError("empty_text", "text is empty")
            return cls({default: value})
        if isinstance(value, dict):
            unknown = [k for k in value if k not in LANGUAGES]
            if unknown:
                raise PydanticCustomError(
                    "language_key",
                    "unknown language key '{key}' (allowed: {allowed}); if it came from a comma "
                    "inside an unquoted text, put the text in quotes",
                    {"key": unknown[0], "allowed": ", ".join(LANGUAGES)},
                )
            if not value:
                raise PydanticCustomError("empty_text", "text has no language")
            for lang, text in value.items():
                if not isinstance(text, str):
                    raise PydanticCustomError(
                        "text_type", "the {lang} text must be text", {"lang": lang}
                    )
                if not text.strip():
                    raise PydanticCustomError("empty_text", "the {lang} text is empty", {"lang": lang})
            return cls(value)
        raise PydanticCustomError("text_type", "expected a text or a {zh: ..., en: ...} mapping")
