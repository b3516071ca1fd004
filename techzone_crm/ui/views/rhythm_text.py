"""How a contact rhythm reads wherever a person is shown: the interval, the days, the formula."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QLocale

from techzone_crm.services.rhythm import RED_FACTOR, ContactRhythm, RhythmStatus
from techzone_crm.ui import labels
from techzone_crm.ui.i18n import translate
from techzone_crm.ui.views.detail_pane import format_date

_CONTEXT = "RhythmText"


def _number(value: int) -> str:
    return QLocale().toString(value)


def interval_text(days: int) -> str:
    """ "every 6 weeks" for a whole number of weeks, else "every 45 days"."""
    # The singular apart: without a translation installed "%n" does not pick a form.
    if days == 1:
        return translate(_CONTEXT, "every day")
    if days == 7:
        return translate(_CONTEXT, "every week")
    if days % 7 == 0:
        return QCoreApplication.translate(_CONTEXT, "every %n weeks", "", days // 7)
    return QCoreApplication.translate(_CONTEXT, "every %n days", "", days)


def target_reason(r: ContactRhythm) -> str:
    """Why the target is what it is: "set for this person", "key player", "not assessed"."""
    if r.own_interval is not None:
        return translate(_CONTEXT, "set for this person")
    if r.quadrant is not None:
        return labels.label(r.quadrant).lower()
    return translate(_CONTEXT, "not assessed")


def target_text(r: ContactRhythm) -> str:
    """ "every 6 weeks (key player)"."""
    return translate(_CONTEXT, "{interval} ({reason})").format(
        interval=interval_text(r.target_days), reason=target_reason(r)
    )


def days_ago(days: int | None) -> str:
    """ "today", "yesterday", "45 days ago"; "never" without a contact."""
    if days is None:
        return translate(_CONTEXT, "never")
    if days == 0:
        return translate(_CONTEXT, "today")
    if days == 1:
        return translate(_CONTEXT, "yesterday")
    return QCoreApplication.translate(_CONTEXT, "%n days ago", "", days)


def last_contact_text(r: ContactRhythm) -> str:
    """ "12-03-2026 – 45 days ago", or "never"."""
    if r.last_contact is None:
        return days_ago(None)
    return translate(_CONTEXT, "{date} – {ago}").format(
        date=format_date(r.last_contact), ago=days_ago(r.days_since)
    )


def last_contact_html(r: ContactRhythm) -> str:
    """The last contact in the rhythm's colour, with the target below it (for detail panes)."""
    colour = labels.RHYTHM_COLOUR[r.status]
    status = labels.label(r.status)
    shown = last_contact_text(r)
    line = (
        f'<span style="color:{colour}">●</span> '
        f'<span style="color:{colour}; font-weight:600">{html.escape(shown)}</span>'
    )
    if r.status is not RhythmStatus.NEVER:
        line += f' <small style="color:{colour}">({html.escape(status.lower())})</small>'
    target = translate(_CONTEXT, "target: {target}").format(target=target_text(r))
    return f"{line}<br><small>{html.escape(target)}</small>"


def rhythm_tooltip(r: ContactRhythm) -> str:
    """The status with the formula behind it, so that the colour can be trusted."""
    if r.own_interval is not None:
        why = translate(_CONTEXT, "set for this person")
    elif r.quadrant is not None:
        why = translate(_CONTEXT, "the default for {quadrant}").format(
            quadrant=labels.label(r.quadrant).lower()
        )
    else:
        why = translate(_CONTEXT, "the default for people not assessed")
    red = int(r.target_days * RED_FACTOR)
    if r.last_contact is None:
        seen = translate(_CONTEXT, "{status}: no contact recorded yet.").format(
            status=labels.label(r.status)
        )
    else:
        seen = translate(_CONTEXT, "{status}: last contact {date}, {days} days ago.").format(
            status=labels.label(r.status),
            date=format_date(r.last_contact),
            days=_number(r.days_since or 0),
        )
    rule = translate(
        _CONTEXT,
        "Target: every {target} days ({why}).\n"
        "Amber after {target} days, red after {red} days (1.5 × the target).",
    ).format(target=_number(r.target_days), why=why, red=_number(red))
    return f"{seen}\n{rule}"
