"""Who gets a new case: the deterministic rule of SPEC section 4."""

from __future__ import annotations

from typing import Callable, Iterable

from .directory import Directory


def choose_representative(
    directory: Directory,
    station_id: str,
    category_id: str,
    reachable: Iterable[str],
    open_cases: Callable[[str], int],
    exclude: Iterable[str] = (),
) -> str | None:
    """The representative for a case, or None when it must go to the admin chat.

    Candidates are the reachable representatives of the station who handle the category; when
    none do, every reachable representative of the station. The fewest open cases wins; ties go
    to the one listed first in directory.yaml.
    """
    reachable = set(reachable) - set(exclude)
    of_station = [r for r in directory.representatives_of(station_id) if r.id in reachable]
    handling = [r for r in of_station if category_id in r.categories]
    candidates = handling or of_station
    if not candidates:
        return None
    # min() keeps the first of equal keys, which is the directory order.
    return min(candidates, key=lambda rep: open_cases(rep.id)).id
