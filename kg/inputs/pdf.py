"""PDF files: the text layer of every page (pypdf), pages separated by blank lines, and the
title and creation date of the document's information dictionary."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from kg.errors import InputError

if TYPE_CHECKING:
    from pypdf import PdfReader

PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True)
class PdfText:
    text: str
    title: str
    date: datetime | str  # a datetime, the raw /CreationDate when pypdf cannot read it, or ""


def pdf_text(data: bytes, source: str) -> PdfText:
    """The text of the PDF in DATA, or an InputError (encrypted, broken, no text layer)."""
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError

    # pypdf logs what it repairs ("Ignoring wrong pointing object"); kg says what it could not.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")  # many PDFs are encrypted with an empty user password
            except Exception:
                raise FileNotDecryptedError("encrypted") from None
        pages = [page.extract_text() or "" for page in reader.pages]
    except FileNotDecryptedError:
        raise InputError(source, "encrypted PDF (it needs a password); decrypt it first") from None
    except Exception as error:  # a broken file can fail anywhere in the parser
        detail = " ".join(str(error).split())[:120]
        raise InputError(
            source, f"cannot be read as PDF ({type(error).__name__}: {detail})"
        ) from None
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise InputError(source, "PDF without a text layer (a scan?); run OCR on it first")
    return PdfText(text=text, title=_title(reader), date=_created(reader))


def _title(reader: PdfReader) -> str:
    try:
        metadata = reader.metadata
        return str((metadata.get("/Title") if metadata else None) or "").strip()
    except Exception:
        return ""


def _created(reader: PdfReader) -> datetime | str:
    try:
        metadata = reader.metadata
        if not metadata:
            return ""
    except Exception:
        return ""
    try:
        return metadata.creation_date or ""
    except Exception:  # a date pypdf cannot parse: given back as written, for the warning
        return str(metadata.get("/CreationDate", ""))
