"""Bytes of a text file (CSV, vCard) to text: the encoding named, or the one it is found in.

Found: UTF-8 with a BOM, UTF-16 with a BOM (Excel's "Unicode text"), UTF-8, else Windows-1252
(what Dutch Excel writes as "CSV"). Binary files and unknown encodings are refused.
"""

from __future__ import annotations

import codecs
import re

from techzone_crm.errors import ImportFileError

_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
#: C0 control characters other than tab, line feed, form feed and carriage return, and DEL.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SAMPLE = 1 << 20
#: More control characters than this share of a text means it is not text.
_CONTROL_SHARE = 0.005
#: Text read as Windows-1252 with more non-ASCII letters than this share is in another encoding.
_FOREIGN_SHARE = 0.3

NOT_TEXT = (
    "The file is not a text file (it contains binary data). Import a CSV file, an Excel "
    "workbook (.xlsx) or a vCard file (.vcf)."
)
UNKNOWN_ENCODING = (
    "The file is in a text encoding that cannot be read. Save it as CSV in UTF-8 (or "
    "Windows-1252) and import it again."
)


def text_encoding(data: bytes) -> str:
    """The encoding ``data`` is in; refuses binary data and UTF-32."""
    if data.startswith(_UTF32_BOMS):
        raise ImportFileError(
            "The file is in UTF-32, which is not read. Save it as CSV in UTF-8 and import it again."
        )
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith(_UTF16_BOMS):
        return "utf-16"
    if b"\x00" in data:
        raise ImportFileError(NOT_TEXT)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """``data`` as text and the encoding it was read with; an explicit ``encoding`` wins."""
    if encoding is None:
        chosen = text_encoding(data)
        try:
            text = data.decode(chosen)
        except UnicodeDecodeError:
            raise ImportFileError(UNKNOWN_ENCODING) from None
        if chosen == "cp1252":
            _refuse_foreign(text)
    else:
        chosen = encoding
        text = _decode_as(data, encoding)
    if text.startswith("\ufeff"):
        text = text[1:]
    _refuse_binary(text)
    return text, chosen


def _decode_as(data: bytes, encoding: str) -> str:
    try:
        codecs.lookup(encoding)
        return data.decode(encoding)
    except LookupError:
        raise ImportFileError(f"'{encoding}' is not a text encoding that can be read.") from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start : exc.start + 1].hex().upper()
        raise ImportFileError(
            f"the file cannot be read as {encoding}: byte 0x{byte} is not valid in that "
            "encoding. Choose another encoding (for example Windows-1252 or UTF-8).",
            line,
        ) from None
    except (ValueError, TypeError):
        # Codecs that are not text codecs (e.g. "rot13" on bytes) fail this way.
        raise ImportFileError(f"'{encoding}' is not a text encoding that can be read.") from None


def _refuse_binary(text: str) -> None:
    sample = text[:_SAMPLE]
    if "\x00" in sample:
        raise ImportFileError(NOT_TEXT)
    controls = len(_CONTROL.findall(sample))
    if controls > 8 and controls > len(sample) * _CONTROL_SHARE:
        raise ImportFileError(NOT_TEXT)


def _refuse_foreign(text: str) -> None:
    sample = text[:65536]
    letters = len(sample) - sample.count(" ")
    foreign = len(sample) - len(sample.encode("ascii", "ignore"))
    if letters >= 16 and foreign > letters * _FOREIGN_SHARE:
        raise ImportFileError(UNKNOWN_ENCODING)
