"""Team members: the officers who own relationships."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from techzone_crm.db.base import Base, Tracked


class TeamMember(Tracked, Base):
    """An officer of the collaboration who can own relationships."""

    __tablename__ = "team_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320), default="")
    active: Mapped[bool] = mapped_column(default=True)

    def __repr__(self) -> str:
        return f"TeamMember({self.id}, {self.name!r})"
