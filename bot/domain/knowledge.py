"""The knowledge base: directory + FAQ entries + the matcher built over them, loaded as one unit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .directory import Directory, parse_directory
from .faq import DIRECTORY_FILE, FaqEntry, faq_files, parse_faq_file
from .localized import LANGUAGES, LocalizedText
from .matching.matcher import Candidate, Decision, Matcher, guess_language
from .yamlsrc import KnowledgeBaseError, Problem

__all__ = [
    "Decision",
    "KnowledgeBase",
    "check_knowledge_base",
    "guess_language",
    "load_knowledge_base",
]


@dataclass
class KnowledgeBase:
    directory: Directory
    entries: dict[str, FaqEntry]
    matcher: Matcher
    source: str = ""

    def summary(self) -> str:
        d = self.directory
        return (
            f"{self.source or 'knowledge base'}: {len(self.entries)} FAQ entries, {len(d.stations)} stations, "
            f"{len(d.representatives)} representatives, {len(d.categories)} categories, {len(d.roles)} roles"
        )

    def decide(self, query: str, language: str | None = None) -> Decision:
        """What the bot does with a resident's free text: answer, report, suggest or none."""
        lang = language if language in LANGUAGES else guess_language(query)
        if not query.strip():
            return Decision("none", None, 0.0, [], lang)
        return self.matcher.decide(query, lang)

    def answer_text(self, answer_id: str, language: str) -> str:
        """The answer of an FAQ entry in the asker's language (directory cards are the bot's job)."""
        entry = self.entries.get(answer_id)
        if entry is None:
            raise KeyError(answer_id)
        return entry.answer.pick(language)

    def title(self, answer_id: str, language: str) -> str:
        """A short label for a button: an entry's question or an entity's name."""
        if answer_id in self.entries:
            return self.entries[answer_id].question.pick(language)
        d = self.directory
        kind, _, key = answer_id.partition(":")
        entity = None
        if answer_id == "home":
            entity = d.home
        elif kind == "station":
            entity = d.station(key)
        elif kind == "rep":
            entity = d.representative(key)
        elif kind == "role":
            entity = d.role(key)
        if entity is None:
            raise KeyError(answer_id)
        return entity.name.pick(language)


def _display(path: Path, faq_dir: Path) -> str:
    base = faq_dir.parent
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return str(path)


def _read(faq_dir: Path) -> tuple[Directory | None, dict[str, FaqEntry], list[Problem]]:
    problems: list[Problem] = []
    directory_path = faq_dir / DIRECTORY_FILE
    directory: Directory | None = None
    if not faq_dir.is_dir():
        return None, {}, [Problem(str(faq_dir), 0, "no such folder")]
    if not directory_path.is_file():
        problems.append(Problem(_display(directory_path, faq_dir), 1, "missing: the directory file is required"))
    else:
        try:
            directory = parse_directory(directory_path, _display(directory_path, faq_dir))
        except KnowledgeBaseError as exc:
            problems.extend(exc.problems)
    default_language = directory.default_language if directory else _default_language(directory_path)
    entries: dict[str, FaqEntry] = {}
    located: dict[str, tuple] = {}  # id -> (doc, index)
    for path in faq_files(faq_dir):
        found, file_problems = parse_faq_file(path, _display(path, faq_dir), default_language)
        problems.extend(file_problems)
        for entry, doc, index in found:
            if entry.id in entries:
                first_doc, first_index = located[entry.id]
                problems.append(
                    doc.problem(
                        (index, "id"),
                        f"duplicate FAQ id '{entry.id}' (first in {first_doc.file}:"
                        f"{first_doc.line_of((first_index, 'id'))})",
                    )
                )
                continue
            entries[entry.id] = entry
            located[entry.id] = (doc, index)
    # References and languages, once every entry is known.
    for entry_id, entry in entries.items():
        doc, index = located[entry_id]
        for r_index, ref in enumerate(entry.related):
            if ref not in entries and not _is_directory_id(ref, directory):
                problems.append(doc.problem((index, "related", r_index), f"related names unknown id '{ref}'"))
    problems.extend(_language_problems(directory, entries, located))
    return directory, entries, problems


def _default_language(directory_path: Path) -> str:
    return "zh"


def _is_directory_id(answer_id: str, directory: Directory | None) -> bool:
    if directory is None:
        return False
    kind, _, key = answer_id.partition(":")
    return (
        answer_id == "home"
        or (kind == "station" and directory.station(key) is not None)
        or (kind == "rep" and directory.representative(key) is not None)
        or (kind == "role" and directory.role(key) is not None)
    )


def _language_problems(directory, entries, located) -> list[Problem]:
    """A language that every other text of the knowledge base has but this one lacks.

    "The directory's other texts have it": a language counts as expected when the directory's
    localized names all carry it (a KB written in one language is fine)."""
    if directory is None:
        return []
    names = [directory.home.name]
    names += [s.name for s in directory.stations] + [s.community for s in directory.stations]
    names += [r.name for r in directory.representatives] + [c.name for c in directory.categories]
    names += [r.name for r in directory.roles]
    expected = [lang for lang in LANGUAGES if all(lang in n for n in names)]
    if len(expected) < 2:
        return []
    problems = []
    for entry_id, entry in entries.items():
        doc, index = located[entry_id]
        for field_name in ("question", "answer"):
            text: LocalizedText = getattr(entry, field_name)
            missing = [lang for lang in expected if lang not in text]
            if missing:
                problems.append(
                    doc.problem(
                        (index, field_name),
                        f"{field_name} of '{entry_id}' has no {'/'.join(missing)} text; the directory's "
                        f"texts have {', '.join(expected)}",
                    )
                )
    return problems


def check_knowledge_base(faq_dir: Path) -> list[Problem]:
    """Every problem in the folder (empty when it is valid)."""
    _, _, problems = _read(Path(faq_dir))
    return problems


def load_knowledge_base(faq_dir: Path) -> KnowledgeBase:
    """Loads and indexes the folder; raises KnowledgeBaseError with every problem across files."""
    faq_dir = Path(faq_dir)
    directory, entries, problems = _read(faq_dir)
    if problems or directory is None:
        raise KnowledgeBaseError(problems)
    return KnowledgeBase(directory, entries, Matcher(build_candidates(directory, entries)), str(faq_dir))


def build_candidates(directory: Directory, entries: dict[str, FaqEntry]) -> list[Candidate]:
    candidates = [
        Candidate(entry.id, tuple(entry.phrasings()), context=tuple(entry.answer.items()))
        for entry in entries.values()
    ]

    def texts(*localized, aliases=()) -> tuple[tuple[str, str], ...]:
        out = []
        for text in localized:
            if text:
                out.extend(text.items())
        out.extend((directory.default_language, a) for a in aliases)
        return tuple(out)

    home_names = list(directory.home.aliases)
    for lang, name in directory.home.name.items():
        words = name.split()
        if lang == "en" and len(words) >= 3:
            home_names.append(" ".join(words[1:]))  # "<Street> Representatives' Home" -> without the street
            home_names.append(" ".join(words[-2:]))  # ... and without "Street": "the representatives' home"
    candidates.append(Candidate("home", texts(directory.home.name, aliases=home_names), True))
    for s in directory.stations:
        candidates.append(Candidate(f"station:{s.id}", texts(s.name, s.community, aliases=s.aliases), True))
    for r in directory.representatives:
        candidates.append(Candidate(f"rep:{r.id}", texts(r.name), True))
    for role in directory.roles:
        candidates.append(Candidate(f"role:{role.id}", texts(role.name), True))
    return candidates
