"""Check a kg graph against ontology/shapes.ttl (SHACL) with pyshacl.

The data checked is the union of all named graphs (what queries see), with ontology/kg.ttl mixed
in so that ``sh:targetClass kg:Entity`` reaches every entity class through rdfs:subClassOf. No
RDFS inference runs: inferring types from domains and ranges would make ``sh:class`` checks pass
for nodes that kg forgot to type.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.term import Node

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "kg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"


@cache
def ontology_graph() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@cache
def shapes_graph() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def union_graph(data: Graph | Dataset) -> Graph:
    """A plain in-memory graph with every triple of ``data`` (all named graphs merged).

    pyshacl would otherwise validate each named graph of a dataset on its own, and it runs
    faster on rdflib's memory store than through the Oxigraph store bridge.
    """
    union = Graph()
    if isinstance(data, Dataset):
        for subject, predicate, obj, _ in data.quads((None, None, None, None)):
            union.add((subject, predicate, obj))
    else:
        for triple in data:
            union.add(triple)
    return union


def _shacl(data: Graph | Dataset) -> tuple[bool, Graph, str]:
    """pyshacl's (conforms, results graph, report text) for ``data`` against kg's shapes and
    ontology, with no inference: the graph is checked as written."""
    import pyshacl  # imported here: it is slow to import and only validation needs it

    conforms, results, report_text = pyshacl.validate(
        union_graph(data),
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph(),
        inference="none",
        abort_on_first=False,
        allow_warnings=False,
        advanced=False,
    )
    return bool(conforms), results, str(report_text)


def validate(data: Graph | Dataset) -> tuple[bool, str]:
    """``(conforms, report_text)`` for ``data`` against kg's shapes; the report names each
    shape broken (``kgsh:StatementConfidenceShape``, ...) and the node that broke it."""
    conforms, _, report_text = _shacl(data)
    return conforms, report_text


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the shape broken, the node (focus) and property (path) it was broken
    at, the value at fault when there is one, the severity and pyshacl's message."""

    shape: str
    focus: str
    path: str
    value: str
    severity: str
    message: str

    def line(self) -> str:
        """The violation as one line: ``Violation kgsh:Shape <node> kg:prop: message``."""
        where = f"{self.focus} {self.path}".strip()
        value = f" (value: {self.value})" if self.value else ""
        message = " ".join(self.message.split())
        return f"{self.severity} {self.shape} {where}: {message}{value}"


def violations(data: Graph | Dataset) -> list[Violation]:
    """Every result of validating ``data`` against kg's shapes, sorted; empty when it conforms."""
    from rdflib.namespace import SH

    conforms, results, _ = _shacl(data)
    if conforms:
        return []
    # Names as kg writes them (ent:Scott_Bessent, kg:confidence), shapes by their prefix (kgsh:).
    from kg.vocab import PREFIXES

    names = Graph()
    for prefix, namespace in shapes_graph().namespaces():
        names.bind(prefix, namespace, override=True)
    for prefix, iri in PREFIXES.items():
        names.bind(prefix, iri, override=True)
    namespaces = names.namespace_manager

    def name(term: Node | None) -> str:
        if term is None:
            return ""
        try:
            return str(term.n3(namespaces))
        except (
            Exception
        ):  # a path that is not a term (a sequence): its Turtle form as rdflib gives it
            return str(term)

    found = []
    for result in results.subjects(SH.resultSeverity, None):
        severity = results.value(result, SH.resultSeverity)
        found.append(
            Violation(
                shape=name(results.value(result, SH.sourceShape)),
                focus=name(results.value(result, SH.focusNode)),
                path=name(results.value(result, SH.resultPath)),
                value=name(results.value(result, SH.value)),
                severity=str(severity).split("#")[-1] if severity is not None else "Violation",
                message=str(results.value(result, SH.resultMessage) or ""),
            )
        )
    return sorted(set(found), key=lambda v: (v.shape, v.focus, v.path, v.value, v.message))
