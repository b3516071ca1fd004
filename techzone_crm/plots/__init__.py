"""Figure builders for the environment analysis (matplotlib, no pyplot state, no Qt)."""

from techzone_crm.plots.coverage import coverage_heatmap
from techzone_crm.plots.grid import GridPoint, power_interest_grid
from techzone_crm.plots.network_map import network_map
from techzone_crm.plots.picking import picked_key
from techzone_crm.plots.salience import salience_diagram
from techzone_crm.plots.save import save_all, save_figure

__all__ = [
    "GridPoint",
    "coverage_heatmap",
    "network_map",
    "picked_key",
    "power_interest_grid",
    "salience_diagram",
    "save_all",
    "save_figure",
]
