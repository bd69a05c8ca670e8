"""FAQ entries from `faq/**/*.yaml` (every file except `directory.yaml`): each file is a list of entries."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator

from .directory import ID_PATTERN, validation_problems
from .localized import LANGUAGES, LocalizedText
from .yamlsrc import Problem, YamlDocument, load_yaml

TELEGRAM_MESSAGE_LIMIT = 4096
DIRECTORY_FILE = "directory.yaml"


def _check_entry_id(value: str) -> str:
    if not ID_PATTERN.match(value):
        raise ValueError(f"id '{value}' may only use a-z, 0-9 and '-'")
    if value == "home":
        raise ValueError("'home' is reserved for the Representatives' Home; choose another id")
    return value


EntryId = Annotated[str, AfterValidator(_check_entry_id)]


class FaqEntry(BaseModel):
    """One question with its other phrasings and its answer."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: EntryId
    question: LocalizedText
    alternates: dict[str, list[str]] = {}
    answer: LocalizedText
    tags: list[str] = []
    related: list[str] = []

    @field_validator("alternates", mode="before")
    @classmethod
    def _alternates(cls, value: Any, info: ValidationInfo) -> Any:
        """A plain list is in the default language; otherwise `{lang: [..]}`."""
        default = (info.context or {}).get("default_language", "zh")
        if value is None:
            return {}
        if isinstance(value, list):
            value = {default: value}
        if not isinstance(value, dict):
            raise ValueError("expected a list of phrasings or a {zh: [...], en: [...]} mapping")
        result: dict[str, list[str]] = {}
        for lang, items in value.items():
            if lang not in LANGUAGES:
                raise ValueError(
                    f"unknown language key '{lang}' (allowed: {', '.join(LANGUAGES)})"
                )
            if isinstance(items, str):
                items = [items]
            if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                raise ValueError(f"the {lang} alternates must be a list of texts")
            result[lang] = [i for i in items if i.strip()]
        return result

    @field_validator("answer")
    @classmethod
    def _answer_length(cls, value: LocalizedText) -> LocalizedText:
        for lang, text in value.items():
            if len(text) > TELEGRAM_MESSAGE_LIMIT:
                raise ValueError(
                    f"the {lang} answer has {len(text)} characters; Telegram allows "
                    f"{TELEGRAM_MESSAGE_LIMIT} in one message"
                )
        return value

    def phrasings(self) -> list[tuple[str, str]]:
        """(language, text) for the question and every alternate."""
        out = [(lang, text) for lang, text in self.question.items()]
        for lang, items in self.alternates.items():
            out.extend((lang, text) for text in items)
        return out


def faq_files(faq_dir: Path) -> list[Path]:
    """Every FAQ file under the folder, in a stable order; `directory.yaml` at the top is not one."""
    files = [p for p in faq_dir.rglob("*.yaml") if p.is_file()]
    top_directory = faq_dir / DIRECTORY_FILE
    return sorted((p for p in files if p != top_directory), key=lambda p: p.as_posix())


def parse_faq_file(
    path: Path, display_name: str, default_language: str
) -> tuple[list[tuple[FaqEntry, YamlDocument, int]], list[Problem]]:
    """The file's valid entries (each with its document and index) and the problems found."""
    doc = load_yaml(path, display_name)
    if doc.problems:
        return [], list(doc.problems)
    if doc.data is None:
        return [], []
    if not isinstance(doc.data, list):
        return [], [Problem(doc.file, 1, "expected a list of entries (each starting with '- id: ...')")]
    entries: list[tuple[FaqEntry, YamlDocument, int]] = []
    problems: list[Problem] = []
    for index, item in enumerate(doc.data):
        if not isinstance(item, dict):
            problems.append(doc.problem((index,), "expected an entry with id, question and answer"))
            continue
        try:
            entry = FaqEntry.model_validate(item, context={"default_language": default_language})
        except ValidationError as exc:
            for problem in validation_problems(exc, _Shifted(doc, index)):
                problems.append(problem)
            continue
        entries.append((entry, doc, index))
    return entries, problems


class _Shifted(YamlDocument):
    """A view of a document whose locations are relative to one list item."""

    def __init__(self, doc: YamlDocument, index: int):
        super().__init__(file=doc.file, data=doc.data, lines=doc.lines, problems=doc.problems)
        self._index = index

    def line_of(self, loc) -> int:  # type: ignore[override]
        return super().line_of((self._index, *loc))
