"""The store: an rdflib ``Dataset`` over an Oxigraph store (oxrdflib), in memory or on disk.

rdflib's API is what users and the rest of kg program against; the Oxigraph store underneath is
where the speed is (parsing, serialising and SPARQL run in Rust). Bulk work therefore goes to
the pyoxigraph store directly (``oxigraph_store``), with the same data visible through rdflib.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.errors import KgError
from kg.prefixes import PREFIXES

if TYPE_CHECKING:
    from rdflib import Dataset

# File suffix -> pyoxigraph format. Quads formats keep the per-document named graphs.
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}

# In a build folder, the file that holds every named graph (see kg/buildfolder.py).
BUILD_DATASET_FILE = "graph.trig"
BUILD_GRAPH_FILE = "graph.ttl"


def new_dataset(path: Path | None = None) -> Dataset:
    """An empty dataset; on disk at ``path`` when given (for graphs that outgrow memory).

    The default graph of queries is the union of all named graphs, so a query need not know
    which document a fact came from.
    """
    from rdflib import Dataset

    dataset = Dataset(store="Oxigraph", default_union=True)
    if path is not None:
        dataset.open(str(path), create=True)
    return _bound(dataset)


def _bound(dataset: Dataset) -> Dataset:
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True)
    return dataset


def dataset_over(store: ox.Store) -> Dataset:
    """An rdflib dataset over an existing pyoxigraph store (a build's store opened read-only):
    no copy, the same quads."""
    from oxrdflib import OxigraphStore
    from rdflib import Dataset

    return _bound(Dataset(store=OxigraphStore(store=store), default_union=True))


def oxigraph_store(dataset: Dataset) -> ox.Store:
    """The pyoxigraph store behind an rdflib dataset made by ``new_dataset``."""
    inner = getattr(dataset.store, "_inner", None)  # oxrdflib keeps the pyoxigraph Store here
    if not isinstance(inner, ox.Store):
        raise KgError("not a kg dataset: its store is not Oxigraph (use kg.store.new_dataset)")
    return inner


def as_oxigraph(data: Dataset | ox.Store) -> ox.Store:
    """A pyoxigraph store as it is, or the one behind a kg dataset."""
    return data if isinstance(data, ox.Store) else oxigraph_store(data)


def graph_file(path: Path) -> Path:
    """The file to read for GRAPH: the file itself, or the dataset file of a build folder."""
    if path.is_dir():
        for name in (BUILD_DATASET_FILE, BUILD_GRAPH_FILE):
            if (path / name).is_file():
                return path / name
        raise KgError(f"{path}: no {BUILD_DATASET_FILE} or {BUILD_GRAPH_FILE} in this folder")
    if not path.exists():
        raise KgError(f"{path}: no such file or folder")
    return path


def rdf_format_for(path: Path) -> ox.RdfFormat:
    suffix = path.suffix.lower()
    if suffix not in RDF_FORMATS:
        allowed = ", ".join(sorted(RDF_FORMATS))
        raise KgError(f"{path}: unknown RDF file type {suffix!r} (allowed: {allowed})")
    return RDF_FORMATS[suffix]


# Stores whose default graph holds the union of their named graphs, each triple once, kept so by
# whoever wrote them (a build's store, kg/graphstore.py): exports leave that graph out, since it
# says nothing the named graphs do not.
_UNION_STORES: dict[int, ox.Store] = {}


def is_union_store(store: ox.Store) -> bool:
    return _UNION_STORES.get(id(store)) is store


# What a command tells the user when GRAPH is a build folder without a store (an older kg).
REBUILD_HINT = (
    "{path}: no store in this build folder (made by an older kg), so it is loaded into memory; "
    "kg build --rebuild makes one and later commands open it at once"
)


def open_store(
    path: str | Path,
    *,
    union_default_graph: bool = True,
    on_hint: Callable[[str], None] | None = None,
) -> ox.Store:
    """GRAPH for reading, as a pyoxigraph store: a build folder's store opened read-only
    (kg/graphstore.py), else the file or the older build folder loaded into memory as
    ``load_dataset`` does (``on_hint`` hears why, for a build folder without a store)."""
    from kg.graphstore import has_store
    from kg.graphstore import open_store as open_generation

    folder = Path(path)
    if has_store(folder):
        store = open_generation(folder).store
        _UNION_STORES[id(store)] = store
        return store
    if on_hint is not None and folder.is_dir():
        on_hint(REBUILD_HINT.format(path=folder))
    return oxigraph_store(load_dataset(folder, union_default_graph=union_default_graph))


def close_store(store: ox.Store) -> None:
    """Let go of a build's store opened by ``open_store`` (a process that opens many in turn)."""
    from kg.graphstore import close_store as close_generation

    _UNION_STORES.pop(id(store), None)
    close_generation(store)


def open_dataset(
    path: str | Path,
    *,
    union_default_graph: bool = True,
    on_hint: Callable[[str], None] | None = None,
) -> Dataset:
    """The same as an rdflib dataset (for the view, exports and validation)."""
    from kg.graphstore import has_store

    if has_store(Path(path)):
        return dataset_over(open_store(path))
    if on_hint is not None and Path(path).is_dir():
        on_hint(REBUILD_HINT.format(path=path))
    return load_dataset(path, union_default_graph=union_default_graph)


def load_dataset(path: str | Path, *, union_default_graph: bool = True) -> Dataset:
    """Open GRAPH (a Turtle/TriG/N-Triples/N-Quads file or a build folder) as a dataset in memory.

    Triples-only files go into the default graph; quad files keep their named graphs and, with
    ``union_default_graph`` (for querying), their union is also copied into the default graph,
    each triple once (see ``materialise_union``). Exports load without it.
    A syntax error becomes a one-line KgError naming the file and the position.
    """
    file = graph_file(Path(path))
    dataset = new_dataset()
    store = oxigraph_store(dataset)
    fmt = rdf_format_for(file)
    try:
        with file.open("rb") as handle:
            store.bulk_load(handle, format=fmt)
    except SyntaxError as error:
        raise KgError(f"{file}: not valid {fmt.name}: {error}") from None
    if union_default_graph:
        materialise_union(store)
    return dataset


def materialise_union(store: ox.Store) -> None:
    """Copy the triples of every named graph into the default graph.

    Every document graph repeats what it says of an entity (its label and type), and Oxigraph's
    union default graph is a bag: without this a label would come back once per document that
    mentions it. The default graph is a set, so here each triple is there once, as SPARQL's
    RDF-merge semantics promise; GRAPH patterns still see the named graphs.
    """
    # One update per graph, not one for all: an update is a transaction that holds every quad it
    # inserts in memory (a store on disk with 17M quads took 15 GB and 9 minutes for it;
    # benchmarks/store_scale.py). Graph by graph it holds one graph, and is as fast.
    for graph in list(store.named_graphs()):
        store.update(f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")


def query_union(store: ox.Store) -> bool:
    """Whether a query should read the union of the named graphs as its default graph: only when
    the default graph is empty, i.e. the union was not materialised (a graph being built)."""
    return next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is None


def union_size(store: ox.Store) -> int:
    """How many distinct triples a query sees: the default graph when it holds the materialised
    union, else every quad (a store being built)."""
    if query_union(store):
        return len(store)
    answer = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert isinstance(answer, ox.QuerySolutions)  # a SELECT
    count: ox.Literal = next(iter(answer))["n"]  # a COUNT is always bound
    return int(count.value)
