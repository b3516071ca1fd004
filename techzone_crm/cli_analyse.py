"""`techzone-crm analyse --out DIR [filters]`: the environment analysis as files.

Writes the network map (PNG, SVG, PDF), the power/interest grid, the coverage heat map and the
salience diagram (PNG), metrics.csv, gaps.csv and stakeholders.graphml, and prints what it
wrote and how the metrics were computed.
"""

from __future__ import annotations

import argparse
from collections.abc import Collection
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from techzone_crm.analysis.map_defaults import MAP_LIMIT, MAP_MIN_STRENGTH
from techzone_crm.analysis.model import NetworkData, NodeKind
from techzone_crm.db.engine import Database
from techzone_crm.db.models import AgendaLevel, GovernmentLevel, Helix, Sector
from techzone_crm.errors import UserError
from techzone_crm.text import fold

if TYPE_CHECKING:
    # The analysis and the plots (networkx, NumPy, matplotlib) are loaded by `analyse` itself:
    # every start of the command line, the GUI's too, builds this parser.
    from techzone_crm.analysis.filters import NetworkFilter
    from techzone_crm.analysis.pipeline import EnvironmentAnalysis
    from techzone_crm.plots.network_map import ColourBy

_STAKEHOLDERS = (NodeKind.PERSON, NodeKind.ORGANISATION, NodeKind.TEAM_MEMBER)
_KIND_WORDS = {
    NodeKind.AGENDA: "agenda",
    NodeKind.THEME: "theme",
    NodeKind.DOSSIER: "dossier",
    NodeKind.PERSON: "person",
    NodeKind.ORGANISATION: "organisation",
    NodeKind.TEAM_MEMBER: "team member",
}
_SHOWN_CANDIDATES = 5


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `analyse` sub-command and its filters (they combine)."""
    analyse = sub.add_parser(
        "analyse",
        help="write the environment analysis (plots, metrics, gaps, GraphML) to a folder",
        description="Analyse the stakeholder network and write network.png/.svg/.pdf, "
        "power-interest.png, coverage.png, salience.png, metrics.csv, gaps.csv and "
        "stakeholders.graphml. Filters combine.",
    )
    analyse.add_argument("--out", metavar="DIR", type=Path, required=True, help="output folder")
    analyse.add_argument(
        "--agenda",
        metavar="NAME_OR_ID",
        help="only what concerns this agenda (name, part of it, or id)",
    )
    analyse.add_argument(
        "--theme", metavar="NAME_OR_ID", help="only what concerns this theme (name or id)"
    )
    analyse.add_argument(
        "--dossier", metavar="NAME_OR_ID", help="only what concerns this dossier (name or id)"
    )
    analyse.add_argument("--helix", choices=[h.value for h in Helix])
    levels = dict.fromkeys([g.value for g in GovernmentLevel] + [a.value for a in AgendaLevel])
    analyse.add_argument(
        "--level", choices=list(levels), help="government level of organisations, or agenda level"
    )
    analyse.add_argument("--sector", choices=[s.value for s in Sector])
    analyse.add_argument(
        "--min-strength", type=float, default=0.0, metavar="X", help="leave out weaker ties"
    )
    analyse.add_argument(
        "--window-days", type=int, metavar="N", help="count only interactions of the last N days"
    )
    analyse.add_argument(
        "--ego",
        metavar="NAME",
        help="only the network around this person, organisation or team member "
        "(name, or a key such as person:12)",
    )
    analyse.add_argument("--steps", type=int, metavar="N", help="steps around --ego (default 1)")
    analyse.add_argument(
        "--colour-by", choices=["helix", "community"], default="helix", help="colours of the map"
    )
    analyse.add_argument(
        "--map-nodes",
        type=int,
        default=MAP_LIMIT,
        metavar="N",
        help=f"the map shows the N most influential nodes and the team (default {MAP_LIMIT}; "
        "0: all); the tables and the GraphML always hold the whole network",
    )
    analyse.add_argument(
        "--map-min-strength",
        type=float,
        default=MAP_MIN_STRENGTH,
        metavar="X",
        help=f"the map draws ties of at least this strength (default {MAP_MIN_STRENGTH})",
    )


def _candidates(data: NetworkData, kinds: Collection[NodeKind], given: str) -> list[str]:
    wanted = given.strip()
    nodes = [n for n in data.nodes if n.kind in kinds]
    if any(n.key == wanted for n in nodes):
        return [wanted]
    if wanted.isdigit() and len(kinds) == 1:
        key = f"{next(iter(kinds)).value}:{int(wanted)}"
        return [key] if any(n.key == key for n in nodes) else []
    folded = fold(wanted)
    exact = [n.key for n in nodes if fold(n.label) == folded]
    if exact:
        return exact
    return [n.key for n in nodes if folded and folded in fold(n.label)]


def _resolve(
    data: NetworkData, kinds: Collection[NodeKind], given: str, option: str
) -> tuple[str, str]:
    """The key and label of the one node of ``kinds`` that ``given`` names."""
    words = [_KIND_WORDS[k] for k in kinds]
    what = words[-1] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"
    found = _candidates(data, kinds, given)
    labels = {n.key: n.label for n in data.nodes}
    if not found:
        raise UserError(f"{option}: no {what} is called '{given}'.")
    if len(found) > 1:
        shown = "; ".join(f"{labels[k]} ({k})" for k in found[:_SHOWN_CANDIDATES])
        more = (
            f" and {len(found) - _SHOWN_CANDIDATES} more" if len(found) > _SHOWN_CANDIDATES else ""
        )
        raise UserError(
            f"{option}: '{given}' could be {len(found)} records: {shown}{more}. "
            "Give the full name or the id."
        )
    return found[0], labels[found[0]]


def network_filter(data: NetworkData, args: argparse.Namespace) -> NetworkFilter:
    """The filter the options describe; names are looked up in ``data``."""
    from techzone_crm.analysis.filters import NetworkFilter

    if args.agenda and args.theme:
        raise UserError("--agenda and --theme cannot be combined: choose one.")
    if args.steps is not None and not args.ego:
        raise UserError("--steps needs --ego: the steps are counted from that stakeholder.")
    if args.steps is not None and args.steps < 1:
        raise UserError(f"--steps must be at least 1, not {args.steps}.")
    if args.min_strength < 0:
        raise UserError(f"--min-strength cannot be negative ({args.min_strength:g}).")
    if args.window_days is not None and args.window_days < 0:
        raise UserError(f"--window-days cannot be negative ({args.window_days}).")
    agenda = None
    if args.agenda:
        agenda = _resolve(data, [NodeKind.AGENDA], args.agenda, "--agenda")[0]
    elif args.theme:
        agenda = _resolve(data, [NodeKind.THEME], args.theme, "--theme")[0]
    dossier = None
    if args.dossier:
        dossier = _resolve(data, [NodeKind.DOSSIER], args.dossier, "--dossier")[0]
    ego = _resolve(data, _STAKEHOLDERS, args.ego, "--ego")[0] if args.ego else None
    return NetworkFilter(
        agenda=agenda,
        dossier=dossier,
        helix=args.helix,
        level=args.level,
        sector=args.sector,
        min_strength=args.min_strength,
        window_days=args.window_days,
        ego=ego,
        ego_steps=args.steps or 1,
    )


def _prepare(out: Path) -> Path:
    if out.exists() and not out.is_dir():
        raise UserError(f"--out: {out} is a file, not a folder.")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"--out: cannot create the folder {out}: {exc.strerror}.") from exc
    return out


def write_outputs(
    db: Database,
    analysis: EnvironmentAnalysis,
    out: Path,
    colour_by: str,
    map_nodes: int = MAP_LIMIT,
    map_min_strength: float = MAP_MIN_STRENGTH,
) -> list[Path]:
    """Every file of the analysis in ``out``; returns their paths in the order written."""
    from techzone_crm.analysis.export import write_graphml
    from techzone_crm.analysis.pipeline import map_view
    from techzone_crm.analysis.tables import write_gaps_csv, write_metrics_csv
    from techzone_crm.plots.figures import (
        coverage_figure,
        grid_figure,
        network_figure,
        salience_figure,
        subtitle_of,
    )
    from techzone_crm.plots.save import save_all, save_figure
    from techzone_crm.services.environment import grid_entries

    colour: ColourBy = "community" if colour_by == "community" else "helix"
    view = map_view(analysis, limit=map_nodes or None, min_strength=map_min_strength)
    written = save_all(network_figure(analysis, colour_by=colour, view=view), out / "network")
    with db.read() as session:
        entries = grid_entries(session, analysis)
    figures = (
        ("power-interest.png", grid_figure(entries, subtitle_of(analysis))),
        ("coverage.png", coverage_figure(analysis)),
        ("salience.png", salience_figure(analysis)),
    )
    written += [save_figure(figure, out / name) for name, figure in figures]
    written.append(write_metrics_csv(out / "metrics.csv", analysis.metrics))
    written.append(write_gaps_csv(out / "gaps.csv", analysis.gaps))
    graphml = out / "stakeholders.graphml"
    write_graphml(analysis.graph, graphml, analysis.metrics)
    written.append(graphml)
    return written


def run(db: Database, args: argparse.Namespace, today: date | None = None) -> int:
    """Run `analyse`; bad input raises :class:`UserError` (exit code 2)."""
    from techzone_crm.analysis.pipeline import run_pipeline
    from techzone_crm.plots.figures import subtitle_of
    from techzone_crm.services.network import network_data

    day = today or date.today()
    out = Path(args.out)
    if args.map_nodes < 0:
        raise UserError("--map-nodes: give a number of nodes, or 0 for all.")
    if args.map_min_strength < 0:
        raise UserError("--map-min-strength: give a strength of 0 or more.")
    with db.read() as session:
        data = network_data(session, day)
    flt = network_filter(data, args)
    _prepare(out)
    analysis = run_pipeline(data, flt)
    written = write_outputs(
        db, analysis, out, args.colour_by, args.map_nodes, args.map_min_strength
    )
    print(f"Analysed {analysis.nodes:,} nodes and {analysis.ties:,} ties: {subtitle_of(analysis)}.")
    print(f"Method: {analysis.metrics.method}.")
    print(f"Found {len(analysis.gaps):,} gaps; the first: {_first_gap(analysis)}")
    print(f"Wrote {len(written)} files to {out}:")
    for path in written:
        print(f"  {path.name}")
    return 0


def _first_gap(analysis: EnvironmentAnalysis) -> str:
    if not analysis.gaps:
        return "none."
    gap = analysis.gaps[0]
    return gap.reason
