"""The one function that turns names into IRIs, and the one that makes text safe for a literal.

Every IRI kg writes for an entity, relation or concept is minted by ``mint_iri``, so that the same
name always gives the same IRI and no name, however hostile, can produce an invalid IRI. Every
string kg puts into a literal goes through ``safe_literal``, so that no text can make an output
file that another tool rejects.

rdflib does not protect against either: a bad IRI only logs a warning and its Turtle writer then
emits invalid output, and a lone surrogate in a literal is silently corrupted or crashes the
Oxigraph store at insert time. kg checks at this boundary instead.

Decisions (pinned by tests/test_iri.py):

- Names are keys after normalisation: NFC, whitespace runs collapsed to one ``_``, control and
  format characters (Unicode Cc, Cf: NUL, tab, zero-width joiner, BOM, bidi marks) dropped. So
  "Scott Bessent", "Scott  Bessent", "Scott\\tBessent" and "Scott_Bessent" share one IRI; the
  label keeps the name as written.
- Letters, marks and digits outside ASCII stay readable (``ent:Zürich``, ``ent:北京``): RFC 3987
  IRIs allow them and RDF is defined on IRIs. Every other character outside
  ``A-Z a-z 0-9 - . _ ~`` and a few sub-delimiters is percent-encoded as UTF-8, including ``%``
  itself, so "100%" and "100%25" do not collide.
- A lone surrogate (``"\\ud800"``, from badly decoded JSON or ``surrogateescape``) cannot be part
  of any RDF term: RDF strings are sequences of Unicode scalar values. It becomes U+FFFD
  REPLACEMENT CHARACTER, in names and in literals. A valid surrogate pair written as two code
  units is joined into the one character it stands for.
- Unicode noncharacters (U+FFFE, U+FFFF, U+FDD0..U+FDEF and the last two code points of every
  plane) are "permanently reserved for internal use"; raptor (rapper) rejects them even escaped,
  so they become U+FFFD too.
- Everything else, NUL and other control characters included, is kept in literals: the RDF
  abstract syntax allows them and every kg serialiser escapes them (``"a\\u0000b"``), so labels
  round-trip exactly. Formats that cannot hold them (XML for GraphML, CSV for Neo4j) clean them
  in kg/export.py.
- A final "." is encoded as ``%2E`` ("Acme Inc." -> ``Acme_Inc%2E``): a Turtle prefixed name
  cannot end with a dot, and rdflib's Turtle parser rejects the escaped form ``Acme_Inc\\.``.
- A local name longer than ``MAX_LOCAL_NAME`` characters is cut at a character boundary and given
  a hash of the whole normalised name, so long names stay distinct and IRIs stay short.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import unicodedata
from urllib.parse import quote

from rdflib import Namespace, URIRef

# IRIs past this length are cut and given a hash suffix: some stores and tools (and people
# reading Turtle) choke on multi-kilobyte IRIs, and the label keeps the full name anyway.
MAX_LOCAL_NAME = 120

# Length of the hex hash appended to a cut local name: 64 bits make an accidental collision
# between two long names sharing their first MAX_LOCAL_NAME characters vanishingly unlikely.
_HASH_LENGTH = 16

# ASCII characters left as they are in a local name besides letters and digits. All are legal
# in an IRI path segment (RFC 3987 iunreserved and sub-delims); '/', '?', '#', '%' and the
# characters RFC 3987 forbids (space, < > " { } | ^ ` \) are percent-encoded.
_SAFE = "-._~!$&'()*+,;=:@"

# Unicode general categories kept unencoded outside ASCII: letters, marks, digits. Symbols,
# punctuation and separators outside ASCII are percent-encoded: they are legal in IRIs but look
# like ASCII syntax (U+FF03 FULLWIDTH NUMBER SIGN) or are invisible (U+00A0 and other spaces).
_READABLE_CATEGORIES = ("L", "M", "N")

# Unicode categories dropped from names: control (Cc) and format (Cf) characters have no
# visible meaning in a name, and they break terminals, XML and line-based formats.
_DROPPED_CATEGORIES = ("Cc", "Cf")

# Code points allowed unencoded in an IRI outside ASCII (RFC 3987 ucschar). Private-use
# characters are only allowed in the query part, so they are not in this list.
_UCSCHAR = (
    (0xA0, 0xD7FF),
    (0xF900, 0xFDCF),
    (0xFDF0, 0xFFEF),
    *((plane + 0x0000, plane + 0xFFFD) for plane in range(0x10000, 0xE0001, 0x10000)),
    (0xE1000, 0xEFFFD),
)

REPLACEMENT = "\ufffd"


def _is_ucschar(code: int) -> bool:
    return any(low <= code <= high for low, high in _UCSCHAR)


def _is_noncharacter(ch: str) -> bool:
    # U+FDD0..U+FDEF, and U+xFFFE and U+xFFFF in every plane.
    code = ord(ch)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def _scalar_values(text: str) -> str:
    """``text`` with surrogate pairs joined and lone surrogates and noncharacters replaced."""
    if not isinstance(text, str):
        raise TypeError(f"expected a str, got {type(text).__name__}: {text!r}")
    if text.isascii():  # the common case, and nothing to do
        return text
    # UTF-16 round trip: a pair "\ud83d\ude00" becomes one character, a lone half U+FFFD.
    text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    if any(_is_noncharacter(ch) for ch in text if ord(ch) >= 0xFDD0):
        text = "".join(REPLACEMENT if _is_noncharacter(ch) else ch for ch in text)
    return text


def safe_literal(text: str) -> str:
    """``text`` as it can be stored in an RDF literal and written by every serialiser.

    Unchanged unless it holds lone surrogates or Unicode noncharacters, which become U+FFFD
    (see the module docstring). Control characters, NUL included, are kept: serialisers escape
    them. Not NFC-normalised, so a label round-trips exactly.
    """
    return _scalar_values(text)


def normalise_name(name: str) -> str:
    """The key a name is minted from: NFC, no control or format characters, whitespace as ``_``."""
    text = unicodedata.normalize("NFC", _scalar_values(name))
    text = "".join(ch for ch in text if unicodedata.category(ch) not in _DROPPED_CATEGORIES)
    return "_".join(text.split())


def _encode_char(ch: str) -> str:
    if ch.isascii():
        return _ASCII_ENCODED[ch]
    if unicodedata.category(ch)[0] in _READABLE_CATEGORIES and _is_ucschar(ord(ch)):
        return ch
    return quote(ch, safe="")


# Each ASCII character as a local name writes it, worked out once (names are encoded a character
# at a time).
_ASCII_ENCODED = {chr(code): quote(chr(code), safe=_SAFE) for code in range(128)}


# A build mints the IRI of each name once per document that uses it: the name's local name is
# kept, so each distinct name is encoded once.
@functools.lru_cache(maxsize=1 << 16)
def local_name(name: str) -> str:
    """A readable, valid IRI local name for ``name``: "Scott Bessent" -> "Scott_Bessent"."""
    text = normalise_name(name)
    if not text:
        # A name with nothing visible in it still needs a distinct, valid IRI.
        return (
            "_-" + hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH_LENGTH]
        )
    if text in (".", ".."):
        # A path segment of dots is removed by IRI resolution (RFC 3986 5.2.4): encode it.
        return text.replace(".", "%2E")
    pieces = [_encode_char(ch) for ch in text]
    if pieces[-1] == ".":
        # A Turtle prefixed name cannot end with "."; writers escape it as "\\." and rdflib's
        # Turtle parser then fails ("Acme Inc." -> ent:Acme_Inc\\.). "%2E" reads everywhere.
        pieces[-1] = "%2E"
    encoded = "".join(pieces)
    if len(encoded) <= MAX_LOCAL_NAME:
        return encoded
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:_HASH_LENGTH]
    # Cut whole characters, never inside a percent-escape.
    budget = MAX_LOCAL_NAME - _HASH_LENGTH - 1
    kept, size = [], 0
    for piece in pieces:
        if size + len(piece) > budget:
            break
        kept.append(piece)
        size += len(piece)
    return "".join(kept) + "-" + digest


# An absolute IRI: a scheme, then no character RFC 3987 forbids anywhere in an IRI.
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|^`\\\x7f-\x9f]*")


def check_iri(iri: str) -> str:
    """``iri`` if it is an absolute IRI every RDF syntax can write; ValueError otherwise.

    For IRIs that do not come from ``mint_iri`` (namespaces, graph names given by a caller).
    """
    if not isinstance(iri, str) or not _IRI.fullmatch(iri) or iri != _scalar_values(iri):
        raise ValueError(f"not a valid absolute IRI: {iri!r}")
    if "%" in iri and re.search(r"%(?![0-9A-Fa-f]{2})", iri):
        raise ValueError(f"not a valid absolute IRI (bad percent-escape): {iri!r}")
    return iri


def mint_iri(namespace: Namespace | str, name: str) -> URIRef:
    """The IRI for ``name`` in ``namespace``: the same name always gives the same IRI."""
    return URIRef(_checked_namespace(str(namespace)) + local_name(name))


@functools.lru_cache(maxsize=256)
def _checked_namespace(base: str) -> str:
    """``base`` if it is a valid namespace to mint in (kg has a handful, checked once each)."""
    check_iri(base)
    if not base.endswith(("/", "#")):
        raise ValueError(f"namespace must end with '/' or '#': {base!r}")
    return base


def json_for_script(data: object) -> str:
    """JSON that cannot end the <script> element it sits in nor start a comment or entity: the
    one way kg puts graph text into a page's script (the view, the query page)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
