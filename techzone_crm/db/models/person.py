"""People, with their e-mail addresses and phone numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text, event, false
from sqlalchemy.orm import Mapped, Mapper, mapped_column, relationship

from techzone_crm.db.base import Base, Tracked
from techzone_crm.db.models.enums import EmailKind, PhoneKind, enum_column
from techzone_crm.db.models.tag import person_tag
from techzone_crm.text import person_display_name, person_sort_key, person_sorted_name

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from techzone_crm.db.models.affiliation import Affiliation
    from techzone_crm.db.models.tag import Tag
    from techzone_crm.db.models.team import TeamMember


class Person(Tracked, Base):
    """A person in the register, sorted by family name without the prefix."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    given_name: Mapped[str] = mapped_column(String(100))
    name_prefix: Mapped[str] = mapped_column(String(30), default="")  # tussenvoegsel
    family_name: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(50), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # Folded "family, given, prefix": the Dutch sort order, indexed for sorting in SQL.
    sort_name: Mapped[str] = mapped_column(String(240), index=True, default="")
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("team_member.id", ondelete="SET NULL"), index=True, default=None
    )
    # Who takes over the relationship when the owner is away.
    backup_owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("team_member.id", ondelete="SET NULL"), index=True, default=None
    )
    # The person asked not to be contacted (or must not be): shown wherever they appear.
    do_not_contact: Mapped[bool] = mapped_column(default=False, server_default=false())
    #: Days between contacts this person should get; None: the default for their standing.
    contact_interval_days: Mapped[int | None] = mapped_column(default=None)

    owner: Mapped[TeamMember | None] = relationship(foreign_keys=[owner_id])
    backup_owner: Mapped[TeamMember | None] = relationship(foreign_keys=[backup_owner_id])
    emails: Mapped[list[EmailAddress]] = relationship(
        back_populates="person",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="EmailAddress.position",
    )
    phones: Mapped[list[PhoneNumber]] = relationship(
        back_populates="person",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="PhoneNumber.position",
    )
    affiliations: Mapped[list[Affiliation]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True
    )
    tags: Mapped[list[Tag]] = relationship(secondary=person_tag)

    @property
    def display_name(self) -> str:
        """ "dr. Jan van der Berg"."""
        return person_display_name(self.given_name, self.name_prefix, self.family_name, self.title)

    @property
    def sorted_name(self) -> str:
        """ "Berg, Jan van der"."""
        return person_sorted_name(self.given_name, self.name_prefix, self.family_name)

    def __repr__(self) -> str:
        return f"Person({self.id}, {self.sorted_name!r})"


class EmailAddress(Base):
    """One e-mail address of a person; edited as part of the person."""

    __tablename__ = "email_address"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    address: Mapped[str] = mapped_column(String(320), index=True)
    kind: Mapped[EmailKind] = mapped_column(
        enum_column(EmailKind, "email_kind"), default=EmailKind.WORK
    )
    position: Mapped[int] = mapped_column(default=0)

    person: Mapped[Person] = relationship(back_populates="emails")


class PhoneNumber(Base):
    """One phone number of a person, stored in E.164 ("+31612345678")."""

    __tablename__ = "phone_number"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(32), index=True)
    kind: Mapped[PhoneKind] = mapped_column(
        enum_column(PhoneKind, "phone_kind"), default=PhoneKind.WORK
    )
    position: Mapped[int] = mapped_column(default=0)

    person: Mapped[Person] = relationship(back_populates="phones")


@event.listens_for(Person, "before_insert")
@event.listens_for(Person, "before_update")
def _keep_sort_name(_mapper: Mapper[Person], _conn: Connection, person: Person) -> None:
    person.sort_name = person_sort_key(person.family_name, person.given_name, person.name_prefix)[
        :240
    ]
