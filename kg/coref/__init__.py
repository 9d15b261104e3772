"""In-document coreference: every referring expression a mention, linked by ordered sieves.

    mentions, links = coreference(doc, sentences)

``mentions`` are the document's names, nominals and pronouns as Mention records (document
order); ``links`` say which refers to which and why (kg/coref/sieves.py). The resolve stage
turns the chains they form into the graph's nodes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Doc, Span

    from kg.types import CorefLink, Mention, Sentence, TimeExpression

__all__ = ["coreference"]


def coreference(
    doc: Doc,
    sentences: Sequence[tuple[Sentence, Span]],
    headlines: frozenset[int] = frozenset(),
    times: Sequence[TimeExpression] = (),
) -> tuple[tuple[Mention, ...], tuple[CorefLink, ...]]:
    """The referring expressions of ``doc`` and the coreference links between them;
    ``headlines`` are the indices of its title lines (kg/structure.py), ``times`` its time
    expressions (kg/timex), whose words refer to no thing."""
    # Imported here: mention detection reads arguments the way kg.extract does, and kg.extract
    # calls this function, so importing either package first must work.
    from kg.coref.constructs import (
        copular_subjects,
        naming_complements,
        quote_speakers,
        role_predicates,
    )
    from kg.coref.mentions import find_mentions
    from kg.coref.sieves import corefer
    from kg.extract.tokens import doc_cache
    from kg.structure import heading_line_sentences

    mentions = find_mentions(doc, sentences, headlines, times)
    tokens = doc_cache(doc).tokens
    # Who speaks each quotation: "I" and "we" in it are the speaker, "he" and "they" are not.
    speakers = (
        quote_speakers(tokens, sentences) if any(m.kind == "pronoun" for m in mentions) else {}
    )
    copulas = copular_subjects(tokens)
    # The title lines, and a first line heading the text in sentence case: what they announce
    # the body introduces (the headline noun sieve).
    announcing = headlines | heading_line_sentences(
        doc.text, [(record.index, record.start, record.end) for record, _ in sentences]
    )
    links = corefer(
        mentions,
        doc_cache(doc).heads,
        copulas,
        speakers,
        role_predicates(tokens),
        headlines,
        naming_complements(tokens),
        announcing,
    )
    if any(m.kind == "score" for m in mentions):
        # A game's score is its game's (kg.crossdoc.games_of_scores), never a name's or a
        # description's it is set beside ("Boston College, 85-78 winners at North Carolina").
        links = [
            link
            for link in links
            if mentions[link.mention].kind != "score" and mentions[link.antecedent].kind != "score"
        ]
    return tuple(m.record for m in mentions), tuple(links)
