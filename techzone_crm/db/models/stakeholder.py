"""The stakeholder columns shared by links to agendas, dossiers and assessments."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey
from sqlalchemy.orm import Mapped, declared_attr, mapped_column


class StakeholderRef:
    """Exactly one of a person or an organisation (enforced by a CHECK constraint)."""

    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True, default=None
    )
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True, default=None
    )

    @declared_attr.directive
    def __table_args__(cls) -> tuple[CheckConstraint, ...]:  # noqa: N805
        return (
            CheckConstraint(
                "(person_id IS NULL) <> (organisation_id IS NULL)", name="one_stakeholder"
            ),
        )
