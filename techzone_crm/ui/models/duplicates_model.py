"""The list of candidate duplicate people: two names, a score and the reasons."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from techzone_crm.services.duplicates import DuplicatePair, Reason, ReasonKind
from techzone_crm.ui.i18n import QT_TRANSLATE_NOOP, translate

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

_CONTEXT = "DuplicatesModel"

_REASON_TEXT = {
    ReasonKind.SAME_NAME: QT_TRANSLATE_NOOP(_CONTEXT, "same name"),
    ReasonKind.SIMILAR_NAME: QT_TRANSLATE_NOOP(_CONTEXT, "similar names ({detail}% alike)"),
    ReasonKind.INITIALS: QT_TRANSLATE_NOOP(_CONTEXT, "initials {detail} match the given name"),
    ReasonKind.SAME_EMAIL: QT_TRANSLATE_NOOP(_CONTEXT, "same e-mail address {detail}"),
    ReasonKind.SAME_PHONE: QT_TRANSLATE_NOOP(_CONTEXT, "same phone number {detail}"),
    ReasonKind.SAME_ORGANISATION: QT_TRANSLATE_NOOP(_CONTEXT, "both at {detail}"),
}


def reason_text(reason: Reason) -> str:
    """One reason in the user's language."""
    return translate(_CONTEXT, _REASON_TEXT[reason.kind]).format(detail=reason.detail)


def reasons_text(pair: DuplicatePair) -> str:
    """All reasons of a pair, separated by semicolons."""
    return "; ".join(reason_text(r) for r in pair.reasons)


class DuplicatesModel(QAbstractTableModel):
    """Candidate pairs, the most likely first; read-only.

    Custom roles:
        PAIR_ROLE: the :class:`DuplicatePair` of the row (any column).
    """

    NAME_A, NAME_B, SCORE, REASONS = range(4)
    PAIR_ROLE = Qt.ItemDataRole.UserRole + 1

    HEADERS: ClassVar[tuple[str, ...]] = (
        QT_TRANSLATE_NOOP(_CONTEXT, "Person"),
        QT_TRANSLATE_NOOP(_CONTEXT, "Possibly the same as"),
        QT_TRANSLATE_NOOP(_CONTEXT, "Score"),
        QT_TRANSLATE_NOOP(_CONTEXT, "Why"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._pairs: list[DuplicatePair] = []

    def set_pairs(self, pairs: Sequence[DuplicatePair]) -> None:
        """Show ``pairs`` instead of what was shown."""
        self.beginResetModel()
        self._pairs = list(pairs)
        self.endResetModel()

    def pair_at(self, row: int) -> DuplicatePair | None:
        """The pair in ``row``, or None outside the list."""
        return self._pairs[row] if 0 <= row < len(self._pairs) else None

    def remove_involving(self, person_id: int) -> int:
        """Drop every pair with ``person_id`` on either side; returns how many went."""
        removed = 0
        for row in range(len(self._pairs) - 1, -1, -1):
            if self._pairs[row].involves(person_id):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._pairs[row]
                self.endRemoveRows()
                removed += 1
        return removed

    def remove_pair(self, first_id: int, second_id: int) -> bool:
        """Drop the pair of these two people; True if it was listed."""
        for row, pair in enumerate(self._pairs):
            if {pair.person_a.id, pair.person_b.id} == {first_id, second_id}:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._pairs[row]
                self.endRemoveRows()
                return True
        return False

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._pairs)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return translate(_CONTEXT, self.HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        pair = self.pair_at(index.row())
        if pair is None:
            return None
        column = index.column()
        if role == self.PAIR_ROLE:
            return pair
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column in (self.NAME_A, self.NAME_B):
                person = pair.person_a if column == self.NAME_A else pair.person_b
                if role == Qt.ItemDataRole.DisplayRole:
                    return person.name
                # Two records often carry the same name: the number tells them apart.
                return translate(_CONTEXT, "{name} (record #{id})").format(
                    name=person.name, id=person.id
                )
            if column == self.SCORE:
                return str(pair.score) if role == Qt.ItemDataRole.DisplayRole else None
            if column == self.REASONS:
                return reasons_text(pair)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SCORE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
