"""Reading the cells of an imported row: lists, yes/no, helix words, organisation kinds."""

from __future__ import annotations

import re

from techzone_crm.db.models import GovernmentLevel, Helix
from techzone_crm.text import clean, fold

#: What separates several e-mail addresses, phone numbers or tags in one cell (Google Contacts
#: writes " ::: " between the values of one label).
_LIST_SEPARATORS = re.compile(r"[\r\n;,]+|\s:::\s")
#: Our own exports put an apostrophe before text a spreadsheet would run as a formula.
_GUARDED = ("'=", "'+", "'-", "'@")


def unguard(text: str) -> str:
    """A cell without the apostrophe an export put before ``=``, ``+``, ``-`` or ``@``."""
    return text[1:] if text.startswith(_GUARDED) else text


def split_list(text: str) -> list[str]:
    """The items of a cell holding several values (new lines, ";" or "," between them)."""
    return [item for item in (clean(p) for p in _LIST_SEPARATORS.split(text)) if item]


def _words(text: str) -> str:
    """Folded letters and digits, single spaces between words."""
    return " ".join(re.findall(r"[^\W_]+", fold(text)))


_HELIX_WORDS: dict[str, Helix] = {
    **{_words(h.value): h for h in Helix},
    **{h.value: h for h in Helix},
    "gov": Helix.GOVERNMENT,
    "public": Helix.GOVERNMENT,
    "public sector": Helix.GOVERNMENT,
    "overheid": Helix.GOVERNMENT,
    "overheden": Helix.GOVERNMENT,
    "company": Helix.BUSINESS,
    "industry": Helix.BUSINESS,
    "bedrijf": Helix.BUSINESS,
    "bedrijven": Helix.BUSINESS,
    "bedrijfsleven": Helix.BUSINESS,
    "ondernemer": Helix.BUSINESS,
    "ondernemers": Helix.BUSINESS,
    "education and knowledge": Helix.EDUCATION,
    "education knowledge": Helix.EDUCATION,
    "knowledge": Helix.EDUCATION,
    "knowledge institution": Helix.EDUCATION,
    "onderwijs": Helix.EDUCATION,
    "onderwijs en kennis": Helix.EDUCATION,
    "onderwijs en onderzoek": Helix.EDUCATION,
    "kennis": Helix.EDUCATION,
    "kennisinstelling": Helix.EDUCATION,
    "kennisinstellingen": Helix.EDUCATION,
    "civil": Helix.CIVIL_SOCIETY,
    "civil society organisation": Helix.CIVIL_SOCIETY,
    "ngo": Helix.CIVIL_SOCIETY,
    "maatschappelijk": Helix.CIVIL_SOCIETY,
    "maatschappelijke organisatie": Helix.CIVIL_SOCIETY,
    "maatschappelijke organisaties": Helix.CIVIL_SOCIETY,
    "maatschappij": Helix.CIVIL_SOCIETY,
}


def helix_of(text: str) -> Helix | None:
    """The helix a cell names (a code, an English label or a Dutch word); None if unknown."""
    return _HELIX_WORDS.get(_words(text))


HELIX_HINT = "use government, business, education or civil society (overheid, bedrijf, …)"

_YES = frozenset({"ja", "j", "yes", "y", "true", "waar", "1", "x"})
_NO = frozenset({"nee", "n", "no", "false", "onwaar", "0", ""})


def yes_no(text: str) -> bool | None:
    """True for ja/yes/true/1/x, False for nee/no/false/0 or empty; None otherwise."""
    word = clean(text).casefold()
    if word in _YES:
        return True
    if word in _NO:
        return False
    return None


# Words in an organisation's name that say what kind of organisation it is.
_KINDS: tuple[tuple[str, Helix, GovernmentLevel | None], ...] = (
    ("gemeente", Helix.GOVERNMENT, GovernmentLevel.MUNICIPALITY),
    ("municipality", Helix.GOVERNMENT, GovernmentLevel.MUNICIPALITY),
    ("provincie", Helix.GOVERNMENT, GovernmentLevel.PROVINCE),
    ("province", Helix.GOVERNMENT, GovernmentLevel.PROVINCE),
    ("ministerie", Helix.GOVERNMENT, GovernmentLevel.NATIONAL),
    ("ministry", Helix.GOVERNMENT, GovernmentLevel.NATIONAL),
    ("rijkswaterstaat", Helix.GOVERNMENT, GovernmentLevel.NATIONAL),
    ("rijksdienst", Helix.GOVERNMENT, GovernmentLevel.NATIONAL),
    ("tweede kamer", Helix.GOVERNMENT, GovernmentLevel.NATIONAL),
    ("eerste kamer", Helix.GOVERNMENT, GovernmentLevel.NATIONAL),
    ("europese commissie", Helix.GOVERNMENT, GovernmentLevel.EU),
    ("european commission", Helix.GOVERNMENT, GovernmentLevel.EU),
    ("waterschap", Helix.GOVERNMENT, None),
    ("universiteit", Helix.EDUCATION, None),
    ("university", Helix.EDUCATION, None),
    ("hogeschool", Helix.EDUCATION, None),
    ("roc", Helix.EDUCATION, None),
    ("college", Helix.EDUCATION, None),
    ("academie", Helix.EDUCATION, None),
    ("stichting", Helix.CIVIL_SOCIETY, None),
    ("vereniging", Helix.CIVIL_SOCIETY, None),
    ("foundation", Helix.CIVIL_SOCIETY, None),
    ("association", Helix.CIVIL_SOCIETY, None),
)
# These are found inside a longer word too ("Rijksuniversiteit", "Hanzehogeschool").
_INSIDE_WORDS = frozenset({"universiteit", "hogeschool", "gemeente", "provincie"})


def guess_kind(name: str) -> tuple[Helix, GovernmentLevel | None] | None:
    """The helix (and government level) an organisation's name suggests, if any."""
    words = _words(name)
    padded = f" {words} "
    for word, helix, level in _KINDS:
        if f" {word} " in padded or (word in _INSIDE_WORDS and word in words):
            return helix, level
    return None
