"""The warmest path from the team to a target."""

from __future__ import annotations

import math

import pytest

from techzone_crm.analysis.graph import build_graph
from techzone_crm.analysis.paths import team_paths, warmest_path
from tests.unit.analysis.conftest import NetBuilder, Region


def test_the_path_runs_through_strong_ties(region: Region) -> None:
    graph = build_graph(region.data)
    path = warmest_path(graph, region.els)
    assert path is not None
    assert [h.key for h in path.hops] == [region.bart, region.jan, region.els]
    assert path.start.label == "Bart ter Horst"
    assert [h.label for h in path.via] == ["Jan Berg"]
    bart_jan = 4 + math.exp(-10 / 180)
    assert path.hops[1].strength == pytest.approx(bart_jan)
    assert path.hops[2].strength == pytest.approx(4.0)
    assert path.distance == pytest.approx(1 / bart_jan + 1 / 4)
    assert path.weakest == pytest.approx(4.0)
    assert path.sentence() == (
        "Bart ter Horst → Jan Berg (own contact, 4.9) → Els Smit (works with, 4.0)"
    )


def test_the_strongest_route_wins_over_the_shortest(net: NetBuilder) -> None:
    team = net.team(1, "T")
    weak, a, b, target = (net.person(i, f"P{i}") for i in range(1, 5))
    net.relationship(team, weak, 1)  # team members are stored as people in some networks
    net.relationship(weak, target, 1)
    net.relationship(team, a, 5)
    net.relationship(a, b, 5)
    net.relationship(b, target, 5)
    path = warmest_path(build_graph(net.build()), target)
    assert path is not None
    assert [h.key for h in path.hops] == [team, a, b, target]


def test_paths_do_not_run_through_agendas_or_dossiers(net: NetBuilder) -> None:
    team = net.team(1, "T")
    known, stranger = net.person(1, "Known"), net.person(2, "Stranger")
    agenda = net.agenda(1, "Agenda")
    net.owns(team, known)
    net.link(known, agenda)
    net.link(stranger, agenda)
    graph = build_graph(net.build())
    assert warmest_path(graph, stranger) is None
    assert stranger not in team_paths(graph)


def test_a_team_member_is_their_own_path(region: Region) -> None:
    path = warmest_path(build_graph(region.data), region.anna)
    assert path is not None
    assert [h.key for h in path.hops] == [region.anna]
    assert path.sentence() == "Anna de Vries"


def test_unknown_target(region: Region) -> None:
    with pytest.raises(ValueError):
        warmest_path(build_graph(region.data), "person:404")


def test_no_team_no_path(net: NetBuilder) -> None:
    a = net.person(1, "A")
    assert warmest_path(build_graph(net.build()), a) is None
