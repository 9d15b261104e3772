"""Plain text: bytes to text by the byte order mark, else UTF-8, and nothing else guessed."""

from __future__ import annotations

import codecs

from kg.errors import InputError

# A NUL byte does not occur in text files; it does in almost every binary format.
BINARY_SNIFF_BYTES = 8192

# Byte order marks that say how a text is encoded, longest first (UTF-32's starts like UTF-16's).
# Windows tools write UTF-16 with a BOM; its NUL bytes must not get it called binary.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def bom_encoding(data: bytes) -> tuple[str, int]:
    """The encoding DATA's byte order mark names and the mark's length; ("utf-8", 0) without."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return "utf-8", 0


def decode_text(data: bytes, source: str) -> str:
    """Bytes to text: UTF-8, or the UTF-16/UTF-32 its byte order mark names (the BOM is dropped),
    else an InputError that says where it failed."""
    encoding, skip = bom_encoding(data)
    data = data[skip:]
    if encoding == "utf-8" and b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise InputError(source, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(
            source,
            f"not {encoding.upper()} text (byte 0x{data[error.start]:02x} at offset "
            f"{error.start}); convert it, e.g. with iconv -t utf-8",
        ) from None
    if not text.strip():
        raise InputError(source, "empty file (no text to read)")
    return text
