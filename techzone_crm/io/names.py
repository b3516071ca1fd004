"""Dutch person names taken apart: title, given name, prefix (tussenvoegsel) and family name.

"dr. Jan van der Berg", "Berg, Jan van der" and "van der Berg" all give the family name
"Berg" with the prefix "van der". Salutations (dhr., mevr., Mrs …) are dropped; "mr." is the
Dutch law degree and so a title.
"""

from __future__ import annotations

from collections.abc import Sequence

from techzone_crm.text import clean


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: Words a prefix is made of ("van der", "in 't", "op de", "de la" …), lower case.
PREFIX_WORDS = _set(
    "van de der den het 't ’t te ten ter in op aan uit bij onder over voor vd "
    "la le les l' l’ du d' d’ des del della dei di da dal dos das do "
    "von vom dem zu zum zur am im 's ’s"
)
#: The prefix words that are a prefix on their own ("de Vries"); the others only in a
#: combination ("in 't Veld", "op de Beek", "uit den Bogaard").
SINGLE_PREFIXES = _set(
    "van de der den 't ’t te ten ter la le l' l’ du d' d’ des del della di da dos das "
    "von vom zu zum zur"
)
#: Titles before a name, without their dots, lower case.
TITLE_WORDS = _set("prof dr drs ir ing mr ds bc em mgr jhr jkvr")
#: Salutations, dropped from a name (lower case, without dots).
SALUTATIONS = _set("dhr hr mevr mvr mw mej heer mevrouw meneer mrs ms miss mx")
#: Letters after a name, dropped from it (written exactly so).
SUFFIXES = _set(
    "MSc M.Sc. MA M.A. MBA PhD Ph.D. BSc B.Sc. BA B.A. LLM LL.M. LLB LL.B. MPA MPhil "
    "Jr Jr. Sr Sr. RA RC MD"
)
_MAX_PREFIX_WORDS = 4


def _words(token: str) -> list[str]:
    return [w for w in token.casefold().split(".") if w]


def is_title(token: str) -> bool:
    """Whether ``token`` is a title before a name: "dr.", "Prof.", "prof.dr.ir."."""
    words = _words(token)
    if not words or not all(w in TITLE_WORDS for w in words):
        return False
    return len(words) == 1 or "." in token


def is_salutation(token: str) -> bool:
    """Whether ``token`` is a salutation: "dhr.", "Mevr.", "Mrs"."""
    words = _words(token)
    return len(words) == 1 and words[0] in SALUTATIONS


def _is_prefix(tokens: Sequence[str]) -> bool:
    if not 1 <= len(tokens) <= _MAX_PREFIX_WORDS:
        return False
    words = [t.casefold() for t in tokens]
    if len(words) == 1:
        return words[0] in SINGLE_PREFIXES
    return all(w in PREFIX_WORDS for w in words)


def is_name_prefix(text: str) -> bool:
    """Whether ``text`` is a tussenvoegsel: "van der", "de", "in 't"."""
    return _is_prefix(text.split())


def _leading_prefix(tokens: Sequence[str], start: int = 0) -> int:
    """How many tokens from ``start`` form the longest prefix with a name still after it."""
    longest = min(_MAX_PREFIX_WORDS, len(tokens) - start - 1)
    for size in range(longest, 0, -1):
        if _is_prefix(tokens[start : start + size]):
            return size
    return 0


def _trailing_prefix(tokens: Sequence[str], keep: int) -> int:
    """How many tokens at the end form the longest prefix, leaving ``keep`` tokens before it."""
    longest = min(_MAX_PREFIX_WORDS, len(tokens) - keep)
    for size in range(longest, 0, -1):
        if _is_prefix(tokens[len(tokens) - size :]):
            return size
    return 0


def split_name_prefix(family: str) -> tuple[str, str]:
    """A family name as (prefix, family): "van der Berg" gives ("van der", "Berg")."""
    tokens = clean(family).split()
    size = _leading_prefix(tokens)
    if not size:
        size = _trailing_prefix(tokens, keep=1)  # "Berg van der", as some lists sort it
        if size:
            return " ".join(tokens[-size:]), " ".join(tokens[:-size])
    return " ".join(tokens[:size]), " ".join(tokens[size:])


def title_text(text: str) -> str:
    """A title field without salutations: "dhr. dr." gives "dr.", "Mevr." gives ""."""
    return " ".join(t for t in clean(text).split() if not is_salutation(t))


def _strip_titles(tokens: list[str]) -> tuple[list[str], list[str]]:
    """(titles, the rest) of ``tokens``, salutations dropped; at least one name token stays."""
    titles: list[str] = []
    while len(tokens) > 1:
        first = tokens[0]
        if is_salutation(first):
            tokens = tokens[1:]
        elif first.casefold() == "de" and tokens[1].casefold() in ("heer", "hr."):
            tokens = tokens[2:] if len(tokens) > 2 else tokens[1:]
        elif is_title(first):
            titles.append(first)
            tokens = tokens[1:]
        else:
            break
    return titles, tokens


def _strip_suffixes(tokens: list[str]) -> list[str]:
    while len(tokens) > 1 and tokens[-1] in SUFFIXES:
        tokens = tokens[:-1]
    return tokens


def _split_written(tokens: list[str]) -> tuple[str, str, str]:
    """(given, prefix, family) of a name in writing order: "Jan van der Berg"."""
    count = len(tokens)
    if count == 1:
        return "", "", tokens[0]
    size = _leading_prefix(tokens)
    # "de Vries" is a family name; "De Vries" too, but "Van Dam Jansen" starts with a given name.
    if size and (tokens[0].islower() or count - size == 1):
        return "", " ".join(tokens[:size]), " ".join(tokens[size:])
    for start in range(1, count - 1):
        size = _leading_prefix(tokens, start)
        if size:
            given, prefix = tokens[:start], tokens[start : start + size]
            return " ".join(given), " ".join(prefix), " ".join(tokens[start + size :])
    return " ".join(tokens[:-1]), "", tokens[-1]


def _split_sorted(family_part: str, rest: str) -> tuple[str, str, str, str]:
    """The parts of "Berg, dr. Jan van der" (family first, then a comma)."""
    titles, tokens = _strip_titles(_strip_suffixes(rest.replace(",", " ").split()))
    if len(tokens) == 1 and is_title(tokens[0]):
        titles, tokens = [*titles, tokens[0]], []
    size = _trailing_prefix(tokens, keep=0)
    given, prefix = tokens[: len(tokens) - size], tokens[len(tokens) - size :]
    family_prefix, family = split_name_prefix(family_part)
    return " ".join(given), " ".join(prefix) or family_prefix, family, " ".join(titles)


def split_full_name(text: str) -> tuple[str, str, str, str]:
    """(given, prefix, family, title) of a full name.

    Reads "dr. Jan van der Berg", "Berg, Jan van der", "Jan Berg", "Anne-Marie de Vries-Smit"
    and "van der Berg" (no given name). One word is a family name.
    """
    text = clean(text)
    if "," in text:
        family_part, rest = (part.strip() for part in text.split(",", 1))
        if family_part and rest and not all(t in SUFFIXES for t in rest.replace(",", " ").split()):
            return _split_sorted(family_part, rest)
        text = family_part or rest
    titles, tokens = _strip_titles(_strip_suffixes(text.split()))
    if not tokens:
        return "", "", "", ""
    given, prefix, family = _split_written(tokens)
    return given, prefix, family, " ".join(titles)
