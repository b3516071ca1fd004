"""Generated stakeholder networks for the plot tests: four helices as a stochastic block model."""

from __future__ import annotations

import random

import networkx as nx
from matplotlib.figure import Figure
from matplotlib.text import Text

HELICES = ("government", "business", "education", "civil_society")
FIRST = ("Anna", "Bram", "Cor", "Dirk", "Eva", "Femke", "Gert", "Hanna", "Ilse", "Jan", "Karin")
LAST = ("Bakker", "de Vries", "Jansen", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos")
ORGS = ("Gemeente", "Provincie", "Stichting", "Hanzehogeschool", "Energy", "Netwerk", "Campus")
PLACES = ("Emmen", "Groningen", "Assen", "Drenthe", "Hoogeveen", "Coevorden", "Noord")


def stakeholder_graph(count: int, seed: int = 1) -> nx.Graph:
    """About ``count`` nodes: people and organisations in four helices, a few agendas, themes,
    dossiers and team members, with a float ``strength`` on every edge."""
    rng = random.Random(seed)
    sizes = [count * 4 // 10, count * 3 // 10, count * 2 // 10]
    sizes.append(max(count - sum(sizes) - _extras(count), 4))
    across = min(0.02, 0.6 / count)
    probabilities = [
        [min(0.3, 5 / sizes[i]) if i == j else across for j in range(4)] for i in range(4)
    ]
    block = nx.stochastic_block_model(sizes, probabilities, seed=seed)
    graph = nx.Graph()
    keys: dict[int, str] = {}
    for index, data in block.nodes(data=True):
        helix = HELICES[data["block"]]
        if rng.random() < 0.72:
            key = f"person:{index}"
            label = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            graph.add_node(key, kind="person", label=label, helix=helix)
        else:
            key = f"organisation:{index}"
            label = f"{rng.choice(ORGS)} {rng.choice(PLACES)} {index}"
            graph.add_node(key, kind="organisation", label=label, helix=helix)
        keys[index] = key
    for u, v in block.edges:
        graph.add_edge(keys[u], keys[v], strength=round(rng.uniform(0.2, 5.0), 2))
    for index, data in block.nodes(data=True):
        if block.degree(index) == 0:  # everyone in the network knows somebody
            peers = [k for k, d in block.nodes(data=True) if d["block"] == data["block"]]
            peer = rng.choice([k for k in peers if k != index])
            graph.add_edge(keys[index], keys[peer], strength=round(rng.uniform(0.2, 2.0), 2))
    stakeholders = list(keys.values())
    extras = {"agenda": 2 + count // 300, "theme": 3 + count // 200, "dossier": 2 + count // 300}
    extras["team_member"] = 3 + count // 500
    for kind, number in extras.items():
        for index in range(1, number + 1):
            key = f"{kind}:{index}"
            label = {
                "agenda": f"Regio Deal agenda {index}",
                "theme": f"Waterstof theme {index}",
                "dossier": f"Dossier netcongestie {index}",
                "team_member": f"Team {FIRST[index % len(FIRST)]}",
            }[kind]
            graph.add_node(key, kind=kind, label=label, helix="")
            for target in rng.sample(stakeholders, min(len(stakeholders), 4 + count // 60)):
                graph.add_edge(key, target, strength=round(rng.uniform(0.5, 5.0), 2))
    return graph


def _extras(count: int) -> int:
    return 10 + count // 300 + count // 200 + count // 300 + count // 500


def texts(fig: Figure) -> list[str]:
    """Every text drawn in ``fig``, legends and tick labels included."""
    fig.draw_without_rendering()
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def legend_texts(fig: Figure) -> list[str]:
    """The entries of the figure's legends, in order."""
    return [t.get_text() for legend in fig.legends for t in legend.get_texts()]
