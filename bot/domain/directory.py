"""The street's organisation from `directory.yaml`: home, stations, representatives, categories, roles."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Iterator

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from .localized import DEFAULT_LANGUAGE, Language, LocalizedText
from .yamlsrc import KnowledgeBaseError, Location, Problem, YamlDocument, load_yaml

ID_PATTERN = re.compile(r"^[a-z0-9-]+$")


def _check_id(value: str) -> str:
    if not ID_PATTERN.match(value):
        raise ValueError(f"id '{value}' may only use a-z, 0-9 and '-'")
    return value


Id = Annotated[str, AfterValidator(_check_id)]


class _Strict(BaseModel):
    """Unknown keys are errors: they are almost always typos in an admin's file."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Coordinates(_Strict):
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)


class Home(_Strict):
    id: Id = "home"
    name: LocalizedText
    aliases: list[str] = []
    address: LocalizedText | None = None
    hours: LocalizedText | None = None
    phone: str | None = None
    location: Coordinates | None = None


class ContactPoint(_Strict):
    id: Id
    name: LocalizedText
    address: LocalizedText | None = None
    hours: LocalizedText | None = None
    phone: str | None = None
    representatives: list[Id] = []


class Station(_Strict):
    id: Id
    name: LocalizedText
    community: LocalizedText
    aliases: list[str] = []
    address: LocalizedText | None = None
    hours: LocalizedText | None = None
    phone: str | None = None
    location: Coordinates | None = None
    points: list[ContactPoint] = []


class Representative(_Strict):
    id: Id
    name: LocalizedText
    title: LocalizedText | None = None
    stations: list[Id] = []
    categories: list[Id] = []
    roles: list[Id] = []
    office_hours: LocalizedText | None = None
    phone: str | None = None
    bio: LocalizedText | None = None
    telegram_id: int | None = None


class Category(_Strict):
    id: Id
    name: LocalizedText
    keywords: list[str] = []


class Role(_Strict):
    id: Id
    name: LocalizedText


class Directory(_Strict):
    default_language: Language = DEFAULT_LANGUAGE
    home: Home
    stations: list[Station] = Field(min_length=1)
    representatives: list[Representative] = []
    categories: list[Category] = Field(min_length=1)
    roles: list[Role] = []

    def station(self, station_id: str) -> Station | None:
        return next((s for s in self.stations if s.id == station_id), None)

    def representative(self, rep_id: str) -> Representative | None:
        return next((r for r in self.representatives if r.id == rep_id), None)

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def role(self, role_id: str) -> Role | None:
        return next((r for r in self.roles if r.id == role_id), None)

    def representatives_of(self, station_id: str) -> list[Representative]:
        """In file order: the order breaks routing ties."""
        return [r for r in self.representatives if station_id in r.stations]

    def representative_by_telegram_id(self, telegram_id: int) -> Representative | None:
        return next((r for r in self.representatives if r.telegram_id == telegram_id), None)


def parse_directory(path: Path, display_name: str | None = None) -> Directory:
    """Loads and checks `directory.yaml`; raises KnowledgeBaseError with every problem found."""
    doc = load_yaml(path, display_name)
    if doc.problems:
        raise KnowledgeBaseError(doc.problems)
    if not isinstance(doc.data, dict):
        raise KnowledgeBaseError([Problem(doc.file, 1, "expected a mapping with home, stations, ...")])
    default_language = doc.data.get("default_language") or DEFAULT_LANGUAGE
    try:
        directory = Directory.model_validate(
            doc.data, context={"default_language": default_language}
        )
    except ValidationError as exc:
        raise KnowledgeBaseError(validation_problems(exc, doc)) from None
    problems = list(_reference_problems(directory, doc))
    if problems:
        raise KnowledgeBaseError(problems)
    return directory


def validation_problems(exc: ValidationError, doc: YamlDocument) -> list[Problem]:
    """pydantic's errors as `file:line: reason`, with the field path so the admin can find it."""
    problems = []
    for error in exc.errors():
        loc = _clean_loc(error["loc"])
        where = ".".join(str(part) for part in loc)
        if error["type"] == "extra_forbidden":
            reason = f"unknown key '{loc[-1]}'"
        elif error["type"] == "missing":
            reason = f"missing required key '{loc[-1]}'"
        else:
            reason = error["msg"].removeprefix("Value error, ")
        if where and error["type"] not in ("extra_forbidden", "missing"):
            reason = f"{where}: {reason}"
        elif where and error["type"] == "missing" and len(loc) > 1:
            reason = f"{'.'.join(str(p) for p in loc[:-1])}: {reason}"
        problems.append(doc.problem(loc, reason))
    return problems


def _clean_loc(loc: tuple) -> Location:
    # Unions add the member type name to the location ("LocalizedText", "str"): not the admin's path.
    return tuple(part for part in loc if isinstance(part, int) or not _is_type_name(part))


def _is_type_name(part: str) -> bool:
    return part[:1].isupper() or part in ("str", "int", "float", "none", "function-plain[_validate()]")


def _reference_problems(directory: Directory, doc: YamlDocument) -> Iterator[Problem]:
    """Duplicate ids and references to ids that do not exist."""
    kinds: list[tuple[str, list]] = [
        ("stations", directory.stations),
        ("representatives", directory.representatives),
        ("categories", directory.categories),
        ("roles", directory.roles),
    ]
    for kind, items in kinds:
        seen: set[str] = set()
        for index, item in enumerate(items):
            if item.id in seen:
                yield doc.problem((kind, index, "id"), f"duplicate {kind[:-1]} id '{item.id}'")
            seen.add(item.id)
    point_ids: set[str] = set()
    for s_index, station in enumerate(directory.stations):
        for p_index, point in enumerate(station.points):
            loc = ("stations", s_index, "points", p_index)
            if point.id in point_ids:
                yield doc.problem(loc + ("id",), f"duplicate contact point id '{point.id}'")
            point_ids.add(point.id)
            for r_index, rep_id in enumerate(point.representatives):
                if directory.representative(rep_id) is None:
                    yield doc.problem(
                        loc + ("representatives", r_index), f"unknown representative '{rep_id}'"
                    )
    telegram_ids: dict[int, str] = {}
    for index, rep in enumerate(directory.representatives):
        for field_name, lookup in (
            ("stations", directory.station),
            ("categories", directory.category),
            ("roles", directory.role),
        ):
            for ref_index, ref in enumerate(getattr(rep, field_name)):
                if lookup(ref) is None:
                    yield doc.problem(
                        ("representatives", index, field_name, ref_index),
                        f"representative '{rep.id}' names unknown {field_name[:-1].replace('ie', 'y')} '{ref}'",
                    )
        if rep.telegram_id is not None:
            if rep.telegram_id in telegram_ids:
                yield doc.problem(
                    ("representatives", index, "telegram_id"),
                    f"telegram_id {rep.telegram_id} is also used by '{telegram_ids[rep.telegram_id]}'",
                )
            telegram_ids[rep.telegram_id] = rep.id
