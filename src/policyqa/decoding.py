"""Owns turning a text file's bytes into text: UTF-8 (with or without its mark), GB18030
(GB2312 and GBK as Chinese Windows saves them), Big5 (a traditional-script editor's) and
UTF-16 (Notepad's "Unicode"), line ends as ``\n``. Pure functions."""

from __future__ import annotations

import re

import ftfy

# What a Chinese document's characters are: ASCII, CJK and its punctuation, full-width
# forms, general punctuation (…, —) and circled numbers (①).
_READABLE = re.compile(
    r"[\t\n\r\x20-\x7e\u2000-\u206f\u2460-\u24ff\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
)


# GB18030's private-use area: no Chinese text written in it uses these.
_PRIVATE = re.compile(r"[\ue000-\uf8ff]")


class BinaryData(ValueError):
    """The bytes are no text: a binary file."""


class UnknownEncoding(ValueError):
    """The bytes are text in no encoding read here."""


def decode_text(data: bytes) -> str:
    """``data`` as text, Windows (``\r\n``) and old Mac (``\r``) line ends as ``\n``; a
    text exported double-encoded (its UTF-8 read as Latin-1 and saved again: 萱川 as
    è\x90±å·\x9d) as it was written."""
    wide = _utf16(data)
    if wide is not None:
        return unix_lines(wide)
    if b"\x00" in data[:8192]:
        raise BinaryData()
    try:
        return unix_lines(_undoubled(data.decode("utf-8-sig")))
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is None or len(_PRIVATE.findall(text)) * 100 > len(text):
        # Big5 bytes read as GB18030 fall on code points no character is assigned to
        # (its private-use area), many of them: read them as Big5, where they decode whole.
        # A GBK file's odd user-defined character (造字) is no reason to.
        try:
            return unix_lines(data.decode("big5hkscs"))
        except UnicodeDecodeError:
            pass
    if text is None:
        raise UnknownEncoding()
    return unix_lines(text)


def _undoubled(text: str) -> str:
    """``text`` with its mojibake undone where there is any (ftfy reads what a wrong
    decoding made of UTF-8 and decodes it again); text with none is left as it is."""
    if not _LATIN_RUN.search(text):
        return text  # no run of Latin-1 letters, no mojibake: most texts, at no cost
    return ftfy.fix_encoding(text)


# Two characters of Latin-1's upper half together: how UTF-8 read as Latin-1 begins.
_LATIN_RUN = re.compile(r"[\u00c0-\u00ff][\u0080-\u00ff]")


def unix_lines(text: str) -> str:
    """``text`` with Windows (``\\r\\n``) and old Mac (``\\r``) line ends as ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _utf16(data: bytes) -> str | None:
    """``data`` as UTF-16 where it is: with a byte-order mark (Notepad's "Unicode"), or
    without one where it has NULs (ASCII's and line ends' other half) and reads as text in
    one byte order."""
    orders: tuple[str, ...]
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        orders = ("utf-16",)
    elif b"\x00" in data[:8192]:
        orders = ("utf-16-le", "utf-16-be")
    else:
        return None
    for encoding in orders:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # Other bytes can fall into that pattern: text is what reads as Chinese or ASCII.
        shown = text[:4096]
        if shown and sum(bool(_READABLE.match(ch)) for ch in shown) >= 0.95 * len(shown):
            return text
    return None
