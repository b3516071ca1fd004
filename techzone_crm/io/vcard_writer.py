"""vCard 3.0 files (vobject) for address books: one card per contact."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

#: vCard TYPE values this writer uses.
WORK = "WORK"
HOME = "HOME"
CELL = "CELL"


@dataclass(frozen=True)
class VCardContact:
    """What an address book card holds about one person."""

    given_name: str
    family_name: str
    name_prefix: str = ""  # tussenvoegsel, e.g. "van der"
    honorific: str = ""  # academic or other title before the name, e.g. "dr."
    full_name: str = ""
    organisation: str = ""
    job_title: str = ""
    #: (address, TYPE) pairs, TYPE being WORK or HOME.
    emails: Sequence[tuple[str, str]] = field(default=())
    #: (number, TYPE) pairs, TYPE being CELL or WORK.
    phones: Sequence[tuple[str, str]] = field(default=())
    note: str = ""
    uid: str = ""


def _full_name(contact: VCardContact) -> str:
    if contact.full_name:
        return contact.full_name
    parts = (contact.honorific, contact.given_name, contact.name_prefix, contact.family_name)
    return " ".join(p for p in parts if p)


def vcard_text(contact: VCardContact) -> str:
    """One contact as a vCard 3.0 text (CRLF line ends, long lines folded)."""
    # vobject is loaded by the first export, not when the application starts.
    import vobject

    card = vobject.vCard()
    card.add("n").value = vobject.vcard.Name(
        family=contact.family_name,
        given=contact.given_name,
        additional=contact.name_prefix,
        prefix=contact.honorific,
        suffix="",
    )
    card.add("fn").value = _full_name(contact) or contact.organisation or "?"
    if contact.organisation:
        card.add("org").value = [contact.organisation]
    if contact.job_title:
        card.add("title").value = contact.job_title
    for address, kind in contact.emails:
        email = card.add("email")
        email.value = address
        email.type_param = kind
    for number, kind in contact.phones:
        tel = card.add("tel")
        tel.value = number
        tel.type_param = kind
    if contact.note:
        card.add("note").value = contact.note
    if contact.uid:
        card.add("uid").value = contact.uid
    return str(card.serialize())


def write_vcards(path: Path, contacts: Iterable[VCardContact]) -> int:
    """Write every contact to one ``.vcf`` file (UTF-8); returns the number of cards."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        for contact in contacts:
            f.write(vcard_text(contact))
            count += 1
    return count
