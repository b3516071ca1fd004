"""Saved import mappings: stored by column title, applied to the next file with those titles."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from techzone_crm.db.models import ImportMapping
from techzone_crm.errors import NotFoundError, ValidationError
from techzone_crm.io.import_fields import ImportField as F
from techzone_crm.services.importing import (
    SavedMapping,
    delete_mapping,
    get_mapping,
    list_mappings,
    mapping_for,
    save_mapping,
)

OUTLOOK = ["Voornaam", "Achternaam", "E-mailadres", "E-mailadres 2", "Bedrijf"]


def test_a_saved_mapping_is_kept_by_column_title(session: Session) -> None:
    saved = save_mapping(
        session, " Outlook (NL) ", OUTLOOK, {0: F.GIVEN_NAME, 1: F.FAMILY_NAME, 4: F.ORGANISATION}
    )

    assert saved.name == "Outlook (NL)"
    assert get_mapping(session, "Outlook (NL)") == SavedMapping(
        saved.id,
        "Outlook (NL)",
        {"Voornaam": F.GIVEN_NAME, "Achternaam": F.FAMILY_NAME, "Bedrijf": F.ORGANISATION},
    )
    assert session.get(ImportMapping, saved.id).version == 1  # type: ignore[union-attr]


def test_saving_under_the_same_name_replaces(session: Session) -> None:
    first = save_mapping(session, "Lijst", ["Naam"], {0: F.FULL_NAME})
    second = save_mapping(session, "Lijst", ["Achternaam"], {0: F.FAMILY_NAME})

    assert second.id == first.id
    assert [m.columns for m in list_mappings(session)] == [{"Achternaam": F.FAMILY_NAME}]


def test_mappings_are_listed_by_name_and_can_be_deleted(session: Session) -> None:
    for name in ("outlook", "Google", "Apple"):
        save_mapping(session, name, ["Naam"], {0: F.FULL_NAME})

    assert [m.name for m in list_mappings(session)] == ["Apple", "Google", "outlook"]
    delete_mapping(session, "Google")
    assert [m.name for m in list_mappings(session)] == ["Apple", "outlook"]


def test_an_unknown_name_lists_the_saved_ones(session: Session) -> None:
    with pytest.raises(NotFoundError, match="no mappings are saved yet"):
        get_mapping(session, "Outlook")
    save_mapping(session, "Google", ["Naam"], {0: F.FULL_NAME})
    with pytest.raises(NotFoundError, match="saved mappings: Google"):
        get_mapping(session, "Outlook")
    with pytest.raises(NotFoundError):
        delete_mapping(session, "Outlook")


def test_nothing_to_save_is_refused(session: Session) -> None:
    with pytest.raises(ValidationError) as caught:
        save_mapping(session, "Leeg", OUTLOOK, {})
    assert caught.value.field == "mapping"
    with pytest.raises(ValidationError):
        save_mapping(session, "", OUTLOOK, {0: F.GIVEN_NAME})
    with pytest.raises(ValidationError):
        save_mapping(session, "Buiten", OUTLOOK, {9: F.GIVEN_NAME})


def test_a_saved_mapping_applies_to_titles_written_slightly_differently() -> None:
    saved = SavedMapping(
        1,
        "Outlook",
        {"Voornaam": F.GIVEN_NAME, "Achternaam": F.FAMILY_NAME, "E-mailadres": F.EMAIL},
    )
    headers = ["Onbekend", "achternaam ", "VOORNAAM", "E-mailadres", "e-mailadres", "Voornaam"]

    assert mapping_for(headers, saved) == {
        1: F.FAMILY_NAME,
        2: F.GIVEN_NAME,
        3: F.EMAIL,
        4: F.EMAIL,  # e-mail addresses may come from several columns
    }  # a second given-name column is left out


def test_fields_this_version_does_not_know_are_left_out(session: Session) -> None:
    session.add(ImportMapping(name="Oud", columns='{"Naam": "full_name", "Fax": "fax"}'))
    session.add(ImportMapping(name="Kapot", columns="not json"))
    session.flush()

    assert get_mapping(session, "Oud").columns == {"Naam": F.FULL_NAME}
    assert get_mapping(session, "Kapot").columns == {}
