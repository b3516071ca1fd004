"""One vCard (its unfolded, decoded lines) to the cells of a row of the vCard table (vobject)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from techzone_crm.errors import ImportFileError
from techzone_crm.io.names import is_name_prefix, split_full_name, split_name_prefix, title_text
from techzone_crm.text import clean, person_display_name

(
    NAME,
    GIVEN,
    PREFIX,
    FAMILY,
    TITLE,
    EMAIL_WORK,
    EMAIL_PRIVATE,
    PHONE_WORK,
    MOBILE,
    PHONE_PRIVATE,
    ORGANISATION,
    ROLE,
    NOTES,
    CATEGORIES,
) = range(14)
COLUMN_COUNT = 14
#: Several values in one cell are put on separate lines.
JOIN = "\n"
_MOBILE_TYPES = frozenset({"cell", "mobile", "iphone"})
_SKIPPED_PHONE_TYPES = frozenset({"fax", "pager"})
#: Words of an Apple X-ABLabel (lower case) that say what a number or address is.
_LABEL_KINDS = {
    "mobile": "mobile",
    "mobiel": "mobile",
    "cell": "mobile",
    "iphone": "mobile",
    "home": "home",
    "thuis": "home",
    "privé": "home",
    "prive": "home",
    "private": "home",
    "work": "work",
    "werk": "work",
}


def parse_card(number: int, lines: Sequence[tuple[int, str]]) -> list[str]:
    """The cells of card ``number`` (its (line number, line) pairs, without BEGIN and END)."""
    # vobject is loaded by the first import of a vCard, not when the application starts.
    import vobject

    text = "\r\n".join(["BEGIN:VCARD", *(line for _, line in lines), "END:VCARD", ""])
    try:
        card = vobject.readOne(text)
        children = list(card.getChildren())
    except Exception as exc:
        # vobject fails on a malformed card in many ways (ParseError, ValueError, binascii
        # errors …); to the user each is the same broken card.
        raise ImportFileError(_problem(exc, lines), number) from None
    return _cells(children)


def _problem(exc: Exception, lines: Sequence[tuple[int, str]]) -> str:
    where = getattr(exc, "lineNumber", None)
    if isinstance(where, int) and 2 <= where <= len(lines) + 1:
        return f"line {lines[where - 2][0]} of this card cannot be read."
    return "this card cannot be read (a line in it is malformed)."


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        for encoding in ("utf-8", "cp1252"):
            try:
                return value.decode(encoding)
            except UnicodeDecodeError:
                continue
        return ""
    if isinstance(value, list | tuple):
        return " ".join(t for t in (_text(v) for v in value) if t)
    return ""


def _types(child: Any) -> set[str]:
    kinds: set[str] = set()
    params = child.params if isinstance(child.params, dict) else {}
    for key in ("TYPE", "LABEL"):
        for value in params.get(key, ()):
            kinds.update(part.strip().casefold() for part in str(value).split(","))
    for value in getattr(child, "singletonparams", ()):
        kinds.add(str(value).casefold())
    return kinds


def _label_kind(label: str) -> str:
    folded = label.casefold()
    return next((kind for word, kind in _LABEL_KINDS.items() if word in folded), "")


def _add(values: list[list[str]], column: int, value: str) -> None:
    value = value.strip()
    if value and value not in values[column]:
        values[column].append(value)


def _phone(child: Any) -> str:
    number = _text(child.value).strip()
    if number[:4].casefold() == "tel:":
        number = number[4:].split(";", 1)[0]
    return number


def _cells(children: Sequence[Any]) -> list[str]:
    values: list[list[str]] = [[] for _ in range(COLUMN_COUNT)]
    labels = {
        child.group: _label_kind(_text(child.value))
        for child in children
        if child.name.upper() == "X-ABLABEL" and child.group
    }
    full_name = ""
    name: Any = None
    for child in children:
        prop = child.name.upper()
        if prop == "FN":
            full_name = full_name or clean(_text(child.value))
        elif prop == "N" and name is None:
            name = child.value
        elif prop == "EMAIL":
            kinds = _types(child) | {labels.get(child.group, "")}
            _add(values, EMAIL_PRIVATE if "home" in kinds else EMAIL_WORK, _text(child.value))
        elif prop == "TEL":
            kinds = _types(child) | {labels.get(child.group, "")}
            if kinds & _SKIPPED_PHONE_TYPES:
                continue
            if kinds & _MOBILE_TYPES:
                column = MOBILE
            elif "home" in kinds and "work" not in kinds:
                column = PHONE_PRIVATE
            else:
                column = PHONE_WORK
            _add(values, column, _phone(child))
        elif prop == "ORG":
            parts = child.value if isinstance(child.value, list) else [child.value]
            _add(values, ORGANISATION, _text(parts[0]) if parts else "")
        elif prop in ("TITLE", "ROLE"):
            _add(values, ROLE, clean(_text(child.value)))
        elif prop == "NOTE":
            _add(values, NOTES, _text(child.value))
        elif prop == "CATEGORIES":
            items = child.value if isinstance(child.value, list) else [child.value]
            for item in items:
                _add(values, CATEGORIES, _text(item))
    cells = [JOIN.join(v) for v in values]
    cells[ORGANISATION] = values[ORGANISATION][0] if values[ORGANISATION] else ""
    cells[ROLE] = values[ROLE][0] if values[ROLE] else ""
    cells[CATEGORIES] = ", ".join(values[CATEGORIES])
    given, prefix, family, title = _name_parts(name)
    if not (given or family) and full_name:
        given, prefix, family, title = split_full_name(full_name)
    cells[GIVEN], cells[PREFIX], cells[FAMILY], cells[TITLE] = given, prefix, family, title
    cells[NAME] = full_name or person_display_name(given, prefix, family, title)
    return cells


def _part(name: Any, attribute: str) -> str:
    return clean(_text(getattr(name, attribute, "")))


def _name_parts(name: Any) -> tuple[str, str, str, str]:
    """(given, prefix, family, title) from N: family;given;additional;honorific;suffix.

    The prefix is in "additional" (what this app writes) or at the start of the family name
    ("van der Berg", as phones write it); another additional name is a second given name.
    """
    if name is None or isinstance(name, str):
        return "", "", "", ""
    given, additional = _part(name, "given"), _part(name, "additional")
    prefix, family = split_name_prefix(_part(name, "family"))
    if additional and is_name_prefix(additional):
        prefix = prefix or additional
    elif additional:
        given = f"{given} {additional}".strip()
    return given, prefix, family, title_text(_part(name, "prefix"))
