"""kg: an offline knowledge-graph builder. English text in, an RDF graph with sentence-level
provenance out (spaCy for the parse, Oxigraph for the store).

Build a graph from texts, ``(text, metadata)`` pairs, files or a pandas DataFrame, query it with
SPARQL, and take it to rdflib, networkx or pandas:

>>> import kg
>>> graph = kg.build([
...     "Scott Bessent met He Lifeng in Kuala Lumpur. He called the talks constructive.",
...     ("Li Qiang will meet Olaf Scholz on Thursday.", {"date": "2025-10-26", "id": "berlin"}),
... ])
>>> graph.query('''SELECT ?who ?whom WHERE {
...     ?a rel:meet ?b . ?a rdfs:label ?who . ?b rdfs:label ?whom } ORDER BY ?who''')
[{'who': 'Li Qiang', 'whom': 'Olaf Scholz'}, {'who': 'Scott Bessent', 'whom': 'He Lifeng'}]
>>> graph.facts().loc[0, ["subject", "relation", "object", "time", "time_value"]].tolist()
['Li Qiang', 'meet', 'Olaf Scholz', 'on Thursday', '2025-10-30']

``kg.build(inputs, out=None, **options)`` builds in memory, or into a build folder as ``kg build``
does; ``kg.open(path)`` opens a build folder or an RDF file. Both give a ``KnowledgeGraph``:
``query``, ``to_rdflib``, ``to_networkx``, ``facts``, ``entities``, ``documents``, ``explain``,
``export``, ``save``, and an interactive view in Jupyter. Errors are ``kg.errors`` exceptions
(``KgError`` and its kinds) with the one-line messages of the ``kg`` command.

For spaCy pipelines, ``nlp.add_pipe("kg_facts")`` adds kg's extraction (``kg.component``).

``import kg`` is cheap: spaCy, rdflib and the rest are imported when first needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.errors import InputError, KgError, MissingDependency, QueryError

if TYPE_CHECKING:
    from kg.api import KnowledgeGraph, build, open

__all__ = [
    "InputError",
    "KgError",
    "KnowledgeGraph",
    "MissingDependency",
    "QueryError",
    "__version__",
    "build",
    "open",
]


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kg")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"


_API = {"build", "open", "KnowledgeGraph"}


def __getattr__(name: str) -> Any:
    # kg.build, kg.open and kg.KnowledgeGraph come from kg.api on first use, so that importing
    # kg (or any kg module: the CLI imports kg.cli) costs nothing of the API's imports.
    if name == "__version__":  # kg's version as installed (``kg --version`` prints it)
        globals()[name] = _version()
        return globals()[name]
    if name in _API:
        from kg import api

        value = getattr(api, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _API | {"__version__"})
