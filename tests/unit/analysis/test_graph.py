"""Building the graph: attributes, the added-up strength and every filter."""

from __future__ import annotations

import math

import pytest

from techzone_crm.analysis.graph import NetworkFilter, build_graph
from tests.unit.analysis.conftest import NetBuilder, Region

PLAIN = (str, int, float, bool)


def test_nodes_carry_plain_attributes(region: Region) -> None:
    graph = build_graph(region.data)
    assert set(graph) == {n.key for n in region.data.nodes}
    els = graph.nodes[region.els]
    assert els["kind"] == "person"
    assert els["label"] == "Els Smit"
    assert els["helix"] == "government"
    assert els["quadrant"] == "key_player"
    assert els["power"] == 5
    assert els["attitude"] == 1
    kees = graph.nodes[region.kees]
    assert kees["owner"] == "" and kees["power"] == -1 and kees["quadrant"] == ""
    assert "attitude" not in kees
    for _, attrs in graph.nodes(data=True):
        assert all(isinstance(v, PLAIN) for v in attrs.values())
    for _, _, attrs in graph.edges(data=True):
        assert all(isinstance(v, PLAIN) for v in attrs.values())


def test_an_edge_adds_up_its_raw_ties(region: Region) -> None:
    graph = build_graph(region.data)
    edge = graph[region.bart][region.jan]
    expected = 4 + math.exp(-10 / 180)  # owns + met ten days ago
    assert edge["strength"] == pytest.approx(expected)
    assert edge["distance"] == pytest.approx(1 / expected)
    assert edge["kinds"] == "interaction,ownership"
    assert edge["main_kind"] == "ownership"
    assert edge["interactions"] == 1
    assert edge["last_contact"] == "2025-05-23"
    assert graph[region.jan][region.provincie]["last_contact"] == ""
    assert graph[region.jan][region.rug]["strength"] == 1.0  # a former role


def test_self_ties_and_unknown_nodes_are_ignored(net: NetBuilder) -> None:
    a = net.person(1, "A")
    net.relationship(a, a, 5)
    net.relationship(a, "person:99", 5)
    graph = build_graph(net.build())
    assert list(graph) == [a]
    assert graph.number_of_edges() == 0


def test_a_time_window_drops_old_interactions_before_adding_up(region: Region) -> None:
    graph = build_graph(region.data, NetworkFilter(window_days=100))
    assert (
        not graph.has_edge(region.anna, region.piet)
        or "interaction" not in (graph[region.anna][region.piet]["kinds"])
    )
    assert graph[region.anna][region.piet]["strength"] == 4.0  # only the ownership is left
    assert graph.has_edge(region.anna, region.lies)


def test_min_strength_drops_weak_edges_but_keeps_nodes(region: Region) -> None:
    graph = build_graph(region.data, NetworkFilter(min_strength=3.5))
    assert set(graph) == {n.key for n in region.data.nodes}
    assert all(s >= 3.5 for _, _, s in graph.edges(data="strength"))
    assert graph.has_edge(region.jan, region.els)
    assert not graph.has_edge(region.anna, region.lies)


def test_helix_filter_keeps_people_through_their_organisation(net: NetBuilder) -> None:
    team = net.team(1, "T")
    gov = net.organisation(1, "Gemeente", helix="government")
    biz = net.organisation(2, "BV", helix="business")
    civil = net.person(1, "Ambtenaar")  # no helix of their own
    trader = net.person(2, "Handelaar", helix="business")
    net.works_at(civil, gov)
    net.works_at(trader, biz)
    agenda = net.agenda(1, "Agenda")
    graph = build_graph(net.build(), NetworkFilter(helix="government"))
    assert set(graph) == {team, gov, civil, agenda}


def test_level_filter_selects_organisations_and_agendas(region: Region) -> None:
    graph = build_graph(region.data, NetworkFilter(level="national"))
    assert region.ministerie in graph and region.piet in graph
    assert region.provincie not in graph and region.els not in graph
    assert region.regio_deal in graph and region.own not in graph
    assert region.rug not in graph  # no government level at all
    assert {region.bart, region.anna} <= set(graph)


def test_sector_filter(region: Region) -> None:
    graph = build_graph(region.data, NetworkFilter(sector="chemistry"))
    assert {region.chemiepark, region.kees, region.bart, region.anna} <= set(graph)
    assert region.provincie not in graph and region.jan not in graph


def test_agenda_filter_keeps_stakeholders_their_organisations_and_the_way_in(
    region: Region,
) -> None:
    graph = build_graph(region.data, NetworkFilter(agenda=region.regio_deal))
    expected = {
        region.regio_deal,
        region.waterstof,  # the agenda and its theme
        region.energie,  # an own theme aligned with it
        region.els,
        region.piet,
        region.provincie,  # linked stakeholders
        region.ministerie,  # Piet's organisation
        region.jan,  # Els's colleague at the province, and the way in from Bart
        region.bart,
        region.anna,  # the team
    }
    assert set(graph) == expected
    assert graph.graph["filter"] == "Regio Deal"


def test_theme_filter(region: Region) -> None:
    graph = build_graph(region.data, NetworkFilter(agenda=region.talent))
    # Jan Berg used to work at the university: through him Bart has the warmest way in.
    assert set(graph) == {
        region.talent,
        region.own,
        region.lies,
        region.rug,
        region.jan,
        region.bart,
        region.anna,
    }


def test_dossier_filter(region: Region) -> None:
    graph = build_graph(region.data, NetworkFilter(dossier=region.dossier))
    assert set(graph) == {
        region.dossier,
        region.waterstof,
        region.kees,
        region.chemiepark,
        region.bart,
        region.anna,
    }


def test_ego_network(region: Region) -> None:
    one = build_graph(region.data, NetworkFilter(ego=region.els, ego_steps=1))
    assert set(one) == {
        region.els,
        region.jan,
        region.provincie,
        region.regio_deal,
        region.bart,
        region.anna,
    }
    two = build_graph(region.data, NetworkFilter(ego=region.els, ego_steps=2))
    assert region.waterstof in two and region.rug in two and region.kees not in two


def test_the_ego_stays_when_other_filters_would_drop_it(region: Region) -> None:
    graph = build_graph(region.data, NetworkFilter(helix="business", ego=region.els))
    assert region.els in graph


def test_unknown_or_wrong_keys_are_refused(region: Region) -> None:
    with pytest.raises(ValueError):
        build_graph(region.data, NetworkFilter(ego="person:404"))
    with pytest.raises(ValueError):
        NetworkFilter(agenda=region.els)
    with pytest.raises(ValueError):
        NetworkFilter(dossier=region.regio_deal)
    with pytest.raises(ValueError):
        NetworkFilter(ego_steps=0)
    with pytest.raises(ValueError):
        NetworkFilter(window_days=-1)


def test_describe_for_plot_titles(region: Region) -> None:
    labels = {n.key: n.label for n in region.data.nodes}
    assert NetworkFilter().describe() == "Whole network"
    assert NetworkFilter().is_empty
    flt = NetworkFilter(
        agenda=region.regio_deal,
        helix="civil_society",
        min_strength=2,
        window_days=365,
        ego=region.els,
        ego_steps=2,
    )
    assert flt.describe(labels) == (
        "Regio Deal · helix: civil society · ties of strength 2 and more · "
        "interactions of the last 365 days · 2 steps around Els Smit"
    )
    assert NetworkFilter(dossier=region.dossier, level="eu").describe(labels) == (
        "Dossier Stikstof · level: EU"
    )
