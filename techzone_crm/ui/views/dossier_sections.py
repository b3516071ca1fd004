"""What the dossier page reads, and its lists: agendas, positions, interactions, commitments."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSizePolicy,
    QTreeView,
)

from techzone_crm.db.engine import Database
from techzone_crm.db.models import IssueStage
from techzone_crm.services import commitments, dossier_positions, dossiers, interactions
from techzone_crm.services.commitments import CommitmentQuery, CommitmentRow, CommitmentState
from techzone_crm.services.common import Page
from techzone_crm.services.dossier_positions import PositionRow
from techzone_crm.services.dossiers import DossierAgendaRow
from techzone_crm.services.interactions import InteractionQuery, InteractionRow
from techzone_crm.ui import labels
from techzone_crm.ui.i18n import translate
from techzone_crm.ui.icons import icon
from techzone_crm.ui.models.dossiers_model import FadedRowsModel
from techzone_crm.ui.models.rows_model import Column, RowsModel
from techzone_crm.ui.views.detail_pane import format_date, link

#: How many of the latest interactions the page lists.
LATEST_INTERACTIONS = 8
#: The most commitments the page lists (open ones come first).
MAX_COMMITMENTS = 100

_STATE_ORDER = {
    CommitmentState.OVERDUE: 0,
    CommitmentState.OPEN: 1,
    CommitmentState.DONE: 2,
    CommitmentState.CANCELLED: 3,
}


def _tr(text: str) -> str:
    return translate("DossierDetails", text)


def _plural(text: str, n: int) -> str:
    return QCoreApplication.translate("DossierDetails", text, "", n)


@dataclass(frozen=True)
class DossierFacts:
    """What the page shows of a dossier, read in one short session."""

    id: int
    version: int
    title: str
    stage: IssueStage
    description: str
    agendas: list[DossierAgendaRow] = field(default_factory=list)
    positions: list[PositionRow] = field(default_factory=list)
    interactions: list[InteractionRow] = field(default_factory=list)
    interaction_count: int = 0
    commitments: list[CommitmentRow] = field(default_factory=list)


def read_dossier(db: Database, dossier_id: int, today: date | None = None) -> DossierFacts:
    """Everything the page needs about ``dossier_id``."""
    with db.read() as session:
        dossier = dossiers.get_dossier(session, dossier_id)
        on_dossier = InteractionQuery(dossier_id=dossier_id)
        promised = commitments.list_commitments(
            session, CommitmentQuery(dossier_id=dossier_id), today, Page(0, MAX_COMMITMENTS)
        )
        return DossierFacts(
            id=dossier.id,
            version=dossier.version,
            title=dossier.title,
            stage=dossier.stage,
            description=dossier.description,
            agendas=dossiers.dossier_agendas(session, dossier_id),
            positions=dossier_positions.dossier_positions(session, dossier_id),
            interactions=interactions.list_interactions(
                session, on_dossier, Page(0, LATEST_INTERACTIONS)
            ),
            interaction_count=interactions.count_interactions(session, on_dossier),
            # Stable: within a state the service's order (by due date) stays.
            commitments=sorted(promised, key=lambda c: _STATE_ORDER[c.state]),
        )


# -- texts ------------------------------------------------------------------------------


def source_text(row: PositionRow) -> str:
    """ "Interview Dagblad van het Noorden, 2026-03-12 (dvhn.nl)" or a note that none is known."""
    parts = [p for p in (row.source, format_date(row.source_date)) if p]
    text = ", ".join(parts)
    if row.source_reference:
        text = f"{text} ({row.source_reference})" if text else row.source_reference
    return text or _tr("no public source recorded")


def reference_html(reference: str) -> str:
    """A reference as text, or as a link when it is a web address."""
    if reference.startswith(("http://", "https://")):
        return link(reference, reference)
    if reference.startswith("www.") or (
        "." in reference and " " not in reference and "/" in reference
    ):
        return link(f"https://{reference}", reference)
    return html.escape(reference)


def position_html(row: PositionRow) -> str:
    """The full source and note of one position, for the line under the list."""
    colour = labels.ATTITUDE_COLOUR[row.position]
    lines = [
        f'<b>{html.escape(row.name)}</b> – <span style="color:{colour}">●</span> '
        f"{html.escape(labels.attitude(row.position))}"
    ]
    source = ", ".join(p for p in (row.source, format_date(row.source_date)) if p)
    if source or row.source_reference:
        where = html.escape(source)
        if row.source_reference:
            ref = reference_html(row.source_reference)
            where = f"{where} ({ref})" if where else ref
        lines.append(_tr("Source: {source}").format(source=where))
    else:
        lines.append(f"<i>{html.escape(_tr('No public source recorded.'))}</i>")
    if row.note.strip():
        lines.append(html.escape(row.note.strip()).replace("\n", "<br>"))
    return "<br>".join(lines)


def summary_html(positions: list[PositionRow]) -> str:
    """ "5 in favour, 2 neutral, 3 against" with the colours of the markers."""
    supporters = sum(1 for p in positions if p.position > 0)
    neutral = sum(1 for p in positions if p.position == 0)
    opponents = sum(1 for p in positions if p.position < 0)
    parts = [
        (labels.ATTITUDE_COLOUR[2], _plural("%n in favour", supporters)),
        (labels.ATTITUDE_COLOUR[0], _plural("%n neutral", neutral)),
        (labels.ATTITUDE_COLOUR[-2], _plural("%n against", opponents)),
    ]
    return ", ".join(f'<span style="color:{c}">●</span> {html.escape(t)}' for c, t in parts)


def _stakeholder_icon(row: PositionRow | CommitmentRow) -> QIcon:
    is_person = row.person_id is not None
    return icon("contacts" if is_person else "organisations")


def _promised_to(row: CommitmentRow) -> str:
    return row.person or row.organisation


def _due(row: CommitmentRow) -> str:
    if row.state is CommitmentState.OVERDUE:
        return _tr("{date} (overdue)").format(date=format_date(row.due_on))
    if row.state is CommitmentState.DONE and row.done_on is not None:
        return _tr("done {date}").format(date=format_date(row.done_on))
    return format_date(row.due_on) or _tr("no date")


# -- the lists --------------------------------------------------------------------------


def agenda_model() -> RowsModel[DossierAgendaRow]:
    """The agendas and themes of a dossier."""
    return RowsModel(
        [
            Column(_tr("Agenda"), lambda r: r.agenda, marker=lambda _r: icon("agendas")),
            Column(_tr("Theme"), lambda r: r.theme or "—", tooltip=_theme_tooltip),
        ]
    )


def _theme_tooltip(row: DossierAgendaRow) -> str:
    return row.theme or _tr("Linked to the agenda as a whole")


def positions_model() -> RowsModel[PositionRow]:
    """Stakeholders' positions, supporters first; each row names its person, if any."""
    return RowsModel(
        [
            Column(_tr("Stakeholder"), lambda r: r.name, marker=_stakeholder_icon),
            Column(
                _tr("Position"),
                lambda r: labels.attitude(r.position),
                marker=lambda r: labels.attitude_marker(r.position),
            ),
            Column(
                _tr("Source"),
                source_text,
                tooltip=lambda r: "\n\n".join(x for x in (source_text(r), r.note.strip()) if x),
            ),
        ],
        person=lambda r: (r.person_id, r.name) if r.person_id is not None else None,
    )


def interactions_model() -> RowsModel[InteractionRow]:
    """The latest interactions on a dossier."""
    return RowsModel(
        [
            Column(_tr("Date"), lambda r: format_date(r.occurred_on)),
            Column(_tr("Kind"), lambda r: labels.label(r.kind)),
            Column(
                _tr("Subject"),
                lambda r: r.subject,
                tooltip=lambda r: "\n".join(
                    [r.subject, ", ".join(a.name for a in (*r.attendees, *r.organisations))]
                ).strip(),
            ),
        ]
    )


def commitments_model() -> RowsModel[CommitmentRow]:
    """Commitments made on a dossier: overdue and open first, kept or withdrawn ones dimmed."""
    return FadedRowsModel(
        [
            Column(_tr("Due"), _due, marker=lambda r: labels.commitment_marker(r.state)),
            Column(
                _tr("Commitment"),
                lambda r: r.description,
                tooltip=lambda r: f"{labels.label(r.state)}: {r.description}",
            ),
            Column(_tr("To or from"), _promised_to),
        ],
        faded=lambda r: r.state in (CommitmentState.DONE, CommitmentState.CANCELLED),
        person=lambda r: (r.person_id, r.person) if r.person_id is not None else None,
    )


def compact_list(model: RowsModel[Any], stretch: int, max_rows: int = 12) -> QTreeView:
    """A flat, read-only list for a section of the page; as tall as its rows (up to a limit)."""
    tree = QTreeView()
    tree.setModel(model)
    tree.setRootIsDecorated(False)
    tree.setItemsExpandable(False)
    tree.setUniformRowHeights(True)
    tree.setAllColumnsShowFocus(True)
    tree.setAlternatingRowColors(True)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    header = tree.header()
    header.setStretchLastSection(False)
    for column in range(model.columnCount()):
        mode = (
            QHeaderView.ResizeMode.Stretch
            if column == stretch
            else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(column, mode)

    def fit(*_args: object) -> None:
        rows = min(max(model.rowCount(), 1), max_rows)
        height = tree.sizeHintForRow(0) if model.rowCount() else 0
        if height <= 0:
            height = tree.fontMetrics().height() + 6
        frame = 2 * tree.frameWidth()
        tree.setFixedHeight(header.sizeHint().height() + rows * height + frame + 2)

    model.modelReset.connect(fit)
    fit()
    return tree


def row_of(tree: QTreeView, index: QModelIndex | None = None) -> int | None:
    """The row of ``index`` (default: the list's current, selected row), or None."""
    if index is None:
        index = tree.currentIndex()
        if not index.isValid() or not tree.selectionModel().isSelected(index):
            return None
    return index.row() if index.isValid() else None
