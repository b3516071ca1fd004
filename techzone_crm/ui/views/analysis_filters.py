"""The filters of the Analysis page and the options of the map, as widgets."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLocale, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from techzone_crm.analysis import strength
from techzone_crm.analysis.filters import NetworkFilter
from techzone_crm.analysis.model import Node, NodeKind, TieKind
from techzone_crm.db.engine import Database
from techzone_crm.db.models import GovernmentLevel, Helix, Sector
from techzone_crm.ui import labels
from techzone_crm.ui.views.analysis_widgets import ElidedLabel, OneLineFlow
from techzone_crm.ui.widgets.flow_layout import FlowLayout
from techzone_crm.ui.widgets.record_picker import StakeholderPicker

#: The time windows offered, in days (None: all interactions).
WINDOWS: tuple[int | None, ...] = (None, 90, 180, 365)
#: How many nodes the map shows (None: all of them); the default keeps the example readable.
MAP_LIMITS: tuple[int | None, ...] = (50, 100, 150, 250, 500, None)
DEFAULT_MAP_LIMIT = 150
DEFAULT_MAP_MIN_STRENGTH = 1.0


def _number(value: float) -> str:
    return QLocale().toString(float(value), "g", 3)


def strength_help() -> str:
    """The tie-strength formula in words, with the constants the analysis uses."""
    roles = strength.AGENDA_ROLE_WEIGHTS
    weights = strength.INTERACTION_WEIGHTS
    return QCoreApplication.translate(
        "AnalysisView",
        "Tie strength adds up every tie between two nodes: a current role {current} "
        "(a former one {former}); an explicit relationship its recorded strength "
        "({low}–{high}); holding the relationship (owner) {own}; a role on an agenda: decides "
        "{decides}, influences {influences}, funds {funds}, implements {implements}, benefits "
        "{benefits}; a position on a dossier 1 + |position| / 2; a theme, an alignment or a "
        "dossier linked to an agenda {structural}; and every interaction its weight × "
        "e^(−age in days / {tau}) – meeting {meeting}, working visit {visit}, call {call}, "
        "e-mail {email}, event {event}, other {other}. Planned interactions count 0.",
    ).format(
        current=_number(strength.AFFILIATION_CURRENT),
        former=_number(strength.AFFILIATION_FORMER),
        low=_number(strength.RELATIONSHIP_MIN),
        high=_number(strength.RELATIONSHIP_MAX),
        own=_number(strength.OWNERSHIP),
        decides=_number(roles["decides"]),
        influences=_number(roles["influences"]),
        funds=_number(roles["funds"]),
        implements=_number(roles["implements"]),
        benefits=_number(roles["benefits"]),
        structural=_number(strength.STRUCTURAL),
        tau=_number(strength.DEFAULT_TAU_DAYS),
        meeting=_number(weights["meeting"]),
        visit=_number(weights["working_visit"]),
        call=_number(weights["call"]),
        email=_number(weights["email"]),
        event=_number(weights["event"]),
        other=_number(weights["other"]),
    )


@dataclass(frozen=True)
class MapOptions:
    """How the map draws the analysis: colours, how many nodes, the weakest tie drawn."""

    colour_by: str = "helix"
    limit: int | None = DEFAULT_MAP_LIMIT
    min_strength: float = DEFAULT_MAP_MIN_STRENGTH


def _combo(name: str, *, fit: bool = False) -> QComboBox:
    """A combo box as wide as its longest item (``fit``, for short fixed lists) or as wide as
    a dozen characters (lists of names, whose long items are elided)."""
    combo = QComboBox()
    combo.setAccessibleName(name)
    if fit:
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    else:
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        combo.currentTextChanged.connect(lambda text: combo.setToolTip(text.strip()))
    return combo


def _pair(caption: str, widget: QWidget, buddy: QWidget | None = None) -> QWidget:
    """A caption and its field, kept together on one line of a flow."""
    pair = QWidget()
    layout = QHBoxLayout(pair)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    label = QLabel(caption)
    label.setBuddy(buddy or widget)
    layout.addWidget(label)
    layout.addWidget(widget)
    return pair


class AnalysisFilters(QWidget):
    """What part of the network to analyse.

    Signals:
        changed(): a filter changed (the page re-runs the analysis after a pause).
        run_requested(): the user pressed "Analyse".
    """

    changed = Signal()
    run_requested = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.agenda = _combo(self.tr("Agenda or theme"))
        self.agenda.addItem(self.tr("All agendas"), None)
        self.dossier = _combo(self.tr("Dossier"))
        self.dossier.addItem(self.tr("All dossiers"), None)
        self.helix = _combo(self.tr("Helix"), fit=True)
        self.helix.addItem(self.tr("All helices"), None)
        for helix in Helix:
            self.helix.addItem(labels.helix_swatch(helix), labels.label(helix), helix.value)
        self.level = _combo(self.tr("Level"), fit=True)
        self.level.addItem(self.tr("All levels"), None)
        for level, text in labels.choices(GovernmentLevel):
            self.level.addItem(text, level.value)
        self.sector = _combo(self.tr("Sector"), fit=True)
        self.sector.addItem(self.tr("All sectors"), None)
        for sector, text in labels.choices(Sector):
            self.sector.addItem(text, sector.value)
        self.min_strength = QDoubleSpinBox()
        self.min_strength.setAccessibleName(self.tr("Minimum tie strength"))
        self.min_strength.setRange(0.0, 20.0)
        self.min_strength.setSingleStep(0.5)
        self.min_strength.setDecimals(1)
        self.min_strength.setSpecialValueText(self.tr("Any"))
        self.min_strength.setToolTip(
            self.tr("Ties weaker than this are left out of the whole analysis.")
            + "\n\n"
            + strength_help()
        )
        self.time_window = _combo(self.tr("Time window"), fit=True)
        for days in WINDOWS:
            text = (
                self.tr("All interactions") if days is None else self.tr("Last %n days", "", days)
            )
            self.time_window.addItem(text, days)
        self.time_window.setToolTip(self.tr("Interactions older than this do not count at all."))
        self.ego = StakeholderPicker(db)
        self.ego.setToolTip(self.tr("Analyse only the network around one person or organisation."))
        for picker in (self.ego.person, self.ego.organisation):
            # Room for the hint ("Type to search organisations") and a short name.
            hint = picker.fontMetrics().horizontalAdvance(picker.placeholderText())
            picker.setMinimumWidth(min(hint + 24, picker.fontMetrics().averageCharWidth() * 40))
        self.steps = _combo(self.tr("Steps around the stakeholder"), fit=True)
        for steps, text in (
            (1, self.tr("1 step")),
            (2, self.tr("2 steps")),
            (3, self.tr("3 steps")),
        ):
            self.steps.addItem(text, steps)
        self.steps.setToolTip(self.tr("How many ties away from the stakeholder to look"))
        self.analyse = QPushButton(self.tr("Analyse"))
        self.analyse.setDefault(True)
        self.analyse.setToolTip(self.tr("Run the analysis with these filters"))
        self.reset = QPushButton(self.tr("Reset"))
        self.reset.setToolTip(self.tr("Analyse the whole network again"))

        # The filters wrap onto more lines on a narrow window instead of widening it.
        flow = FlowLayout(self, spacing=8)
        for text, widget in (
            (self.tr("Agenda or theme"), self.agenda),
            (self.tr("Dossier"), self.dossier),
            (self.tr("Helix"), self.helix),
            (self.tr("Level"), self.level),
            (self.tr("Sector"), self.sector),
            (self.tr("Minimum strength"), self.min_strength),
            (self.tr("Time window"), self.time_window),
        ):
            flow.addWidget(_pair(text, widget))
        around = _pair(self.tr("Around"), self.ego, buddy=self.ego.kind)
        around_layout = around.layout()
        assert around_layout is not None
        around_layout.addWidget(self.steps)
        flow.addWidget(around)
        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.analyse)
        row.addWidget(self.reset)
        flow.addWidget(buttons)

        for combo in (
            self.agenda,
            self.dossier,
            self.helix,
            self.level,
            self.sector,
            self.time_window,
        ):
            combo.currentIndexChanged.connect(self.changed)
        self.min_strength.valueChanged.connect(self.changed)
        self.steps.currentIndexChanged.connect(self._steps_changed)
        self.ego.picked.connect(self.changed)
        self.ego.kind.currentIndexChanged.connect(self._ego_edited)
        for picker in (self.ego.person, self.ego.organisation):
            picker.textChanged.connect(self._ego_edited)
        self.analyse.clicked.connect(self.run_requested)
        self.reset.clicked.connect(self.clear)
        self._ego_key: str | None = None

    def _steps_changed(self) -> None:
        if self._ego_key is not None:
            self.changed.emit()

    def _ego_edited(self) -> None:
        # Emptying the picker drops the ego network; typing is settled by "picked".
        if not self.ego.current_picker().text().strip() and self._ego_key is not None:
            self._ego_key = None
            self.changed.emit()

    def set_network(self, nodes: Iterable[Node], ties: Iterable[object] = ()) -> None:
        """Offer the agendas, their themes and the dossiers of the network, keeping the
        current choice."""
        nodes = list(nodes)
        agendas = sorted(
            (n for n in nodes if n.kind is NodeKind.AGENDA), key=lambda n: n.label.casefold()
        )
        themes: dict[str, list[Node]] = {}
        by_key = {n.key: n for n in nodes}
        for tie in ties:
            if getattr(tie, "kind", None) is TieKind.THEME:
                theme = by_key.get(getattr(tie, "source", ""))
                if theme is not None:
                    themes.setdefault(getattr(tie, "target", ""), []).append(theme)
        agenda_key, dossier_key = self.agenda.currentData(), self.dossier.currentData()
        for combo in (self.agenda, self.dossier):
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
        for agenda in agendas:
            self.agenda.addItem(agenda.label, agenda.key)
            for theme in sorted(themes.get(agenda.key, []), key=lambda n: n.label.casefold()):
                self.agenda.addItem(f"    {theme.label}", theme.key)
        dossiers = sorted(
            (n for n in nodes if n.kind is NodeKind.DOSSIER), key=lambda n: n.label.casefold()
        )
        for dossier in dossiers:
            self.dossier.addItem(dossier.label, dossier.key)
        for combo, key in ((self.agenda, agenda_key), (self.dossier, dossier_key)):
            combo.setCurrentIndex(max(combo.findData(key), 0))
            combo.blockSignals(False)

    def ego_key(self) -> str | None:
        """The node key of the chosen ego, if any."""
        person_id, organisation_id = self.ego.stakeholder()
        if person_id is not None:
            self._ego_key = f"{NodeKind.PERSON.value}:{person_id}"
        elif organisation_id is not None:
            self._ego_key = f"{NodeKind.ORGANISATION.value}:{organisation_id}"
        else:
            self._ego_key = None
        return self._ego_key

    def network_filter(self) -> NetworkFilter:
        """The filter the widgets describe."""
        ego = self.ego_key()
        return NetworkFilter(
            agenda=self.agenda.currentData(),
            dossier=self.dossier.currentData(),
            helix=self.helix.currentData(),
            level=self.level.currentData(),
            sector=self.sector.currentData(),
            min_strength=round(self.min_strength.value(), 1),
            window_days=self.time_window.currentData(),
            ego=ego,
            ego_steps=int(self.steps.currentData()) if ego is not None else 1,
        )

    def set_value(self, combo: QComboBox, value: str | int | None) -> None:
        """Choose ``value`` in one of the combo boxes."""
        combo.setCurrentIndex(max(combo.findData(value), 0))

    def clear(self) -> None:
        """Every filter back to "all", then one change."""
        widgets = (self.agenda, self.dossier, self.helix, self.level, self.sector, self.time_window)
        for widget in (*widgets, self.min_strength, self.steps, self.ego):
            widget.blockSignals(True)
        for combo in widgets:
            combo.setCurrentIndex(0)
        self.min_strength.setValue(0.0)
        self.steps.setCurrentIndex(0)
        for picker in (self.ego.person, self.ego.organisation):
            picker.blockSignals(True)
            picker.set_record(None)
            picker.blockSignals(False)
        self._ego_key = None
        for widget in (*widgets, self.min_strength, self.steps, self.ego):
            widget.blockSignals(False)
        self.changed.emit()


class MapOptionsBar(QWidget):
    """Colour by, how many nodes and the weakest tie the map draws.

    Signals:
        changed(): an option changed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colour_by = _combo(self.tr("Colour by"), fit=True)
        self.colour_by.addItem(self.tr("Helix"), "helix")
        self.colour_by.addItem(self.tr("Community"), "community")
        self.limit = _combo(self.tr("Nodes on the map"), fit=True)
        for limit in MAP_LIMITS:
            text = (
                self.tr("All nodes")
                if limit is None
                else self.tr("The %Ln most influential", "", limit)
            )
            self.limit.addItem(text, limit)
        self.limit.setCurrentIndex(MAP_LIMITS.index(DEFAULT_MAP_LIMIT))
        self.limit.setToolTip(
            self.tr(
                "The map shows the nodes with the highest PageRank and every team member; "
                "the tables always list the whole analysis."
            )
        )
        self.min_strength = QDoubleSpinBox()
        self.min_strength.setAccessibleName(self.tr("Weakest tie on the map"))
        self.min_strength.setRange(0.0, 20.0)
        self.min_strength.setSingleStep(0.5)
        self.min_strength.setDecimals(1)
        self.min_strength.setSpecialValueText(self.tr("All ties"))
        self.min_strength.setValue(DEFAULT_MAP_MIN_STRENGTH)
        self.min_strength.setToolTip(
            self.tr("Only for the picture: weaker ties are not drawn, but still count.")
            + "\n\n"
            + strength_help()
        )
        self.note = ElidedLabel()
        self.note.setEnabled(False)
        flow = OneLineFlow(self, spacing=8)
        for text, widget in (
            (self.tr("Colour by"), self.colour_by),
            (self.tr("Show"), self.limit),
            (self.tr("Ties from strength"), self.min_strength),
        ):
            flow.addWidget(_pair(text, widget))
        flow.addWidget(self.note)
        self.colour_by.currentIndexChanged.connect(self.changed)
        self.limit.currentIndexChanged.connect(self.changed)
        self.min_strength.valueChanged.connect(self.changed)

    def options(self) -> MapOptions:
        """The options chosen."""
        return MapOptions(
            colour_by=str(self.colour_by.currentData()),
            limit=self.limit.currentData(),
            min_strength=round(self.min_strength.value(), 1),
        )
