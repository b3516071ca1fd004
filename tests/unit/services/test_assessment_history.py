"""A stakeholder's full assessment history: overall and per dossier, each with its predecessor."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from techzone_crm.services.assessments import (
    AssessmentData,
    Stakeholder,
    add_assessment,
    all_history,
)
from techzone_crm.services.dossiers import DossierData, add_dossier
from techzone_crm.services.team import TeamMemberData, add_team_member

from .factories import org, person

TODAY = date(2024, 6, 1)


def _add(session: Session, on: date, power: int, **kw: object) -> int:
    data = AssessmentData(assessed_on=on, power=power, interest=3, **kw)  # type: ignore[arg-type]
    return add_assessment(session, data, today=TODAY).id


def test_all_history_mixes_series_newest_first_with_the_previous_of_each(
    session: Session,
) -> None:
    p = person(session)
    anna = add_team_member(session, TeamMemberData("Anna Bos")).id
    rail = add_dossier(session, DossierData("Nedersaksenlijn")).id
    first = _add(session, date(2024, 1, 1), 2, person_id=p.id, assessed_by_id=anna)
    on_rail = _add(session, date(2024, 2, 1), 5, person_id=p.id, dossier_id=rail)
    second = _add(session, date(2024, 3, 1), 4, person_id=p.id)
    rail_again = _add(session, date(2024, 4, 1), 3, person_id=p.id, dossier_id=rail)

    entries = all_history(session, Stakeholder.person(p.id))

    assert [e.row.id for e in entries] == [rail_again, second, on_rail, first]
    assert [e.dossier_title for e in entries] == ["Nedersaksenlijn", "", "Nedersaksenlijn", ""]
    assert [e.assessed_by for e in entries] == ["", "", "", "Anna Bos"]
    previous = [e.previous.id if e.previous else None for e in entries]
    assert previous == [on_rail, first, None, None]


def test_all_history_is_about_one_stakeholder(session: Session) -> None:
    p = person(session)
    o = org(session)
    _add(session, date(2024, 1, 1), 2, person_id=p.id)
    mine = _add(session, date(2024, 1, 2), 4, organisation_id=o.id)

    assert [e.row.id for e in all_history(session, Stakeholder.organisation(o.id))] == [mine]
    assert all_history(session, Stakeholder.person(p.id + 1)) == []
