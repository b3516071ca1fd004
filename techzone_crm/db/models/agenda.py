"""Strategic agendas (Rijk, provincie, Noord-Nederland, EU and the own agenda) and themes."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from techzone_crm.db.base import Base, Tracked
from techzone_crm.db.models.enums import AgendaLevel, Sector, StakeholderRole, enum_column
from techzone_crm.db.models.stakeholder import StakeholderRef

agenda_sector = Table(
    "agenda_sector",
    Base.metadata,
    Column("agenda_id", ForeignKey("agenda.id", ondelete="CASCADE"), primary_key=True),
    Column("sector", enum_column(Sector, "sector"), primary_key=True),
)


class Agenda(Tracked, Base):
    """A strategic agenda with a period, e.g. "Regio Deal Zuid- en Oost-Drenthe"."""

    __tablename__ = "agenda"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[AgendaLevel] = mapped_column(enum_column(AgendaLevel, "agenda_level"))
    description: Mapped[str] = mapped_column(Text, default="")
    starts_on: Mapped[date | None] = mapped_column(default=None)
    ends_on: Mapped[date | None] = mapped_column(default=None)
    website: Mapped[str] = mapped_column(String(300), default="")
    #: The body that sets the agenda (a ministry, the province …).
    owner_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True, default=None
    )

    themes: Mapped[list[AgendaTheme]] = relationship(
        back_populates="agenda",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="AgendaTheme.position",
    )


class AgendaTheme(Tracked, Base):
    """A theme or priority of an agenda; own themes have a lead partner and lead person."""

    __tablename__ = "agenda_theme"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_id: Mapped[int] = mapped_column(ForeignKey("agenda.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)
    lead_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True, default=None
    )
    lead_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True, default=None
    )

    agenda: Mapped[Agenda] = relationship(back_populates="themes")


class ThemeAlignment(Base):
    """An own theme that serves an external agenda (or one of its themes)."""

    __tablename__ = "theme_alignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    own_theme_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_theme.id", ondelete="CASCADE"), index=True
    )
    agenda_id: Mapped[int] = mapped_column(ForeignKey("agenda.id", ondelete="CASCADE"), index=True)
    theme_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_theme.id", ondelete="CASCADE"), index=True, default=None
    )


class AgendaStakeholder(StakeholderRef, Tracked, Base):
    """A person or organisation linked to an agenda (or one theme) with a role."""

    __tablename__ = "agenda_stakeholder"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_id: Mapped[int] = mapped_column(ForeignKey("agenda.id", ondelete="CASCADE"), index=True)
    theme_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_theme.id", ondelete="CASCADE"), index=True, default=None
    )
    role: Mapped[StakeholderRole] = mapped_column(enum_column(StakeholderRole, "stakeholder_role"))
    note: Mapped[str] = mapped_column(Text, default="")
