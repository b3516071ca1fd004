"""Organisations: government bodies, companies, schools, knowledge institutes, civil society."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text, event
from sqlalchemy.orm import Mapped, Mapper, mapped_column, relationship

from techzone_crm.db.base import Base, Tracked
from techzone_crm.db.models.enums import GovernmentLevel, Helix, Sector, enum_column
from techzone_crm.db.models.tag import organisation_tag
from techzone_crm.text import fold

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from techzone_crm.db.models.affiliation import Affiliation
    from techzone_crm.db.models.tag import Tag


class Organisation(Tracked, Base):
    """An organisation, possibly part of a parent (ministry → directorate)."""

    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(50), default="")
    # Folded name: case- and accent-insensitive ordering and the portable search fallback.
    sort_name: Mapped[str] = mapped_column(String(200), index=True, default="")
    helix: Mapped[Helix] = mapped_column(enum_column(Helix, "helix"), index=True)
    government_level: Mapped[GovernmentLevel | None] = mapped_column(
        enum_column(GovernmentLevel, "government_level"), default=None
    )
    region: Mapped[str] = mapped_column(String(100), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    street: Mapped[str] = mapped_column(String(200), default="", server_default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="", server_default="")
    city: Mapped[str] = mapped_column(String(100), default="", server_default="")
    is_partner: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True, default=None
    )

    parent: Mapped[Organisation | None] = relationship(
        back_populates="children", remote_side="Organisation.id"
    )
    children: Mapped[list[Organisation]] = relationship(back_populates="parent")
    sector_links: Mapped[list[OrganisationSector]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )
    affiliations: Mapped[list[Affiliation]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan", passive_deletes=True
    )
    tags: Mapped[list[Tag]] = relationship(secondary=organisation_tag)

    @property
    def sectors(self) -> set[Sector]:
        """The sectors this organisation is active in."""
        return {link.sector for link in self.sector_links}

    def __repr__(self) -> str:
        return f"Organisation({self.id}, {self.name!r})"


class OrganisationSector(Base):
    """One sector of an organisation (an organisation may have several)."""

    __tablename__ = "organisation_sector"

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    sector: Mapped[Sector] = mapped_column(enum_column(Sector, "sector"), primary_key=True)

    organisation: Mapped[Organisation] = relationship(back_populates="sector_links")


@event.listens_for(Organisation, "before_insert")
@event.listens_for(Organisation, "before_update")
def _keep_sort_name(_mapper: Mapper[Organisation], _conn: Connection, org: Organisation) -> None:
    org.sort_name = fold(org.name)[:200]
