"""The routing rule of SPEC section 4, branch by branch."""

from __future__ import annotations

import pytest

from bot.domain.directory import Directory
from bot.domain.routing import choose_representative


@pytest.fixture
def directory() -> Directory:
    def rep(rep_id, stations, categories):
        return {"id": rep_id, "name": rep_id, "stations": stations, "categories": categories}

    return Directory.model_validate({
        "home": {"name": "之家"},
        "stations": [{"id": "north", "name": "北站", "community": "北社区"},
                     {"id": "south", "name": "南站", "community": "南社区"}],
        "categories": [{"id": "lights", "name": "路灯"}, {"id": "health", "name": "健康"}],
        "representatives": [
            rep("first", ["north"], ["lights"]),
            rep("second", ["north"], ["lights"]),
            rep("third", ["north", "south"], ["health"]),
        ],
    })


def route(directory, station, category, reachable, open_counts=None, exclude=()):
    counts = open_counts or {}
    return choose_representative(directory, station, category, reachable, lambda r: counts.get(r, 0), exclude)


def test_category_match_beats_other_station_reps(directory):
    assert route(directory, "north", "health", {"first", "second", "third"}) == "third"


def test_tie_goes_to_the_one_listed_first(directory):
    assert route(directory, "north", "lights", {"first", "second", "third"}) == "first"


def test_fewest_open_cases_wins(directory):
    assert route(directory, "north", "lights", {"first", "second"}, {"first": 2, "second": 1}) == "second"


def test_no_category_match_falls_back_to_every_rep_of_the_station(directory):
    assert route(directory, "south", "lights", {"first", "second", "third"}) == "third"


def test_unreachable_reps_do_not_count(directory):
    assert route(directory, "north", "lights", {"second", "third"}) == "second"
    # The only category match is unreachable: fall back to the reachable reps of the station.
    assert route(directory, "north", "health", {"first", "second"}) == "first"


def test_no_reachable_rep_means_the_admin_chat(directory):
    assert route(directory, "south", "health", {"first", "second"}) is None
    assert route(directory, "north", "lights", set()) is None


def test_excluded_rep_is_skipped(directory):
    assert route(directory, "north", "lights", {"first", "second"}, exclude=("first",)) == "second"
