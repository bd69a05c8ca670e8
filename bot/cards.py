"""The public cards of the directory ("亮身份"): home, stations, representatives, roles."""

from __future__ import annotations

from .domain.directory import Directory, Home, Representative, Role, Station
from .domain.localized import LocalizedText
from .i18n import Html, plain, t


def _text(value: LocalizedText | str | None, lang: str) -> str:
    if value is None:
        return plain(lang, "card.unknown")
    return value.pick(lang) if isinstance(value, LocalizedText) else str(value)


def home_card(home: Home, lang: str) -> str:
    return t(lang, "card.home", name=home.name.pick(lang), address=_text(home.address, lang),
             hours=_text(home.hours, lang), phone=_text(home.phone, lang))


def station_card(directory: Directory, station: Station, lang: str, with_reps: bool = True) -> str:
    points = ""
    if station.points:
        names = "；".join(p.name.pick(lang) + (f"（{p.address.pick(lang)}）" if p.address else "") for p in station.points) \
            if lang == "zh" else "; ".join(p.name.pick(lang) + (f" ({p.address.pick(lang)})" if p.address else "") for p in station.points)
        points = t(lang, "card.points", points=names)
    text = t(lang, "card.station", name=station.name.pick(lang), community=station.community.pick(lang),
             address=_text(station.address, lang), hours=_text(station.hours, lang),
             phone=_text(station.phone, lang), points=Html(points))
    if with_reps:
        reps = directory.representatives_of(station.id)
        if reps:
            text += t(lang, "card.station_reps")
            for rep in reps:
                text += "\n\n" + rep_card(directory, rep, lang)
    return Html(text)


def rep_card(directory: Directory, rep: Representative, lang: str) -> str:
    roles = [directory.role(r).name.pick(lang) for r in rep.roles if directory.role(r)]
    title = _text(rep.title, lang)
    roles = [role for role in roles if role.lower() not in title.lower()]  # "区人大代表、健康大使" names it
    stations = [directory.station(s).community.pick(lang) for s in rep.stations if directory.station(s)]
    categories = [directory.category(c).name.pick(lang) for c in rep.categories if directory.category(c)]
    sep = "、" if lang == "zh" else ", "
    return t(
        lang, "card.rep", name=rep.name.pick(lang), title=title,
        roles=(" · " + sep.join(roles)) if roles else "",
        stations=sep.join(stations) or plain(lang, "card.nobody"),
        categories=sep.join(categories) or plain(lang, "card.nobody"),
        office_hours=_text(rep.office_hours, lang), phone=_text(rep.phone, lang),
        bio=("\n" + rep.bio.pick(lang)) if rep.bio else "",
    )


def role_card(directory: Directory, role: Role, lang: str) -> str:
    reps = [r for r in directory.representatives if role.id in r.roles]
    sep = "、" if lang == "zh" else ", "
    head = t(lang, "card.role", role=role.name.pick(lang), names=sep.join(r.name.pick(lang) for r in reps) or plain(lang, "card.nobody"))
    return Html(head + "".join("\n\n" + rep_card(directory, r, lang) for r in reps))


def directory_answer(directory: Directory, answer_id: str, lang: str) -> str | None:
    """The card for a directory answer id (`home`, `station:<id>`, `rep:<id>`, `role:<id>`)."""
    kind, _, ident = answer_id.partition(":")
    if answer_id == "home":
        return home_card(directory.home, lang)
    if kind == "station" and (station := directory.station(ident)):
        return station_card(directory, station, lang)
    if kind == "rep" and (rep := directory.representative(ident)):
        return rep_card(directory, rep, lang)
    if kind == "role" and (role := directory.role(ident)):
        return role_card(directory, role, lang)
    return None
