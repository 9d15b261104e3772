"""The graph view: a kg graph as one self-contained, offline, interactive HTML page.

Data flow: the RDF model (SPARQL on the Oxigraph store) -> ``ViewGraph`` (plain nodes and edges,
optionally cut down to a neighbourhood, the most connected nodes or a CONSTRUCT result) ->
positions computed here in Python -> pyvis' network model -> our own page template
(kg/templates/graph.html) with pyvis' bundled vis-network inlined.

Why not pyvis' own ``write_html``: its pages load vis-network and bootstrap from CDNs (blank
offline), it switches to a popup that sets ``innerHTML`` whenever a title contains "href", and it
inserts ``heading`` and node ids into the page unescaped. Here every text from the graph reaches
the page only as JSON inside ``<script type="application/json">`` (with ``<``, ``>``, ``&``,
U+2028/2029 escaped) and reaches the DOM only through ``textContent``; tooltips are DOM elements,
never HTML strings. A Content-Security-Policy that allows only the page's own two scripts (by
hash) and no connection at all backs this up.
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import html
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from string import Template
from typing import Any

import networkx as nx
import numpy as np
from rdflib import BNode, Dataset, Literal, URIRef

from kg.atomic import atomic_write
from kg.entitygraph import (
    ENTITY_TYPES,
    describe,
    direct_edges,
    mentioned_in,
    relation_labels,
    statements,
)
from kg.errors import KgError, QueryError
from kg.store import oxigraph_store
from kg.vocab import REL, compact_iri, iri_label

TEMPLATES = Path(__file__).parent / "templates"

# How kg opens its page in Debian's headless Chromium (screenshots, browser tests, benchmarks):
# no sandbox (root in CI), no GPU, and no background traffic or name lookups of Chromium's own,
# which a closed network would refuse many times a second.
HEADLESS_CHROMIUM = "/usr/bin/chromium"
HEADLESS_CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)

# Past this many nodes vis-network's physics is switched off and the Python layout is final:
# barnes-hut on the page costs O(n log n) per frame and takes minutes to settle at thousands of
# nodes, while a few hundred settle in well under a second from a good start.
PHYSICS_MAX_NODES = 300

# What a tooltip shows of the sentences behind an entity: the first few, each cut to a paragraph's
# length. An entity of a 2 MB text was mentioned in thousands of sentences, some a page long, and
# the page repeated all of them for every entity (kg query has them all).
TOOLTIP_SENTENCES = 5
TOOLTIP_SENTENCE_CHARS = 600

# Components at least this big are laid out with pivot MDS + grid-approximated
# Fruchterman-Reingold (O(n) per iteration); networkx's spring_layout is O(n^2) per iteration
# (65 s for 5,000 nodes here) but gives nicer small pictures.
FAST_LAYOUT_MIN_NODES = 400

# Entity type -> (vis-network shape, colour, legend symbol). Shapes with the label below them, so
# that node size can show the degree; colours from the Tableau 10 palette (colour-blind safe).
TYPE_STYLES: dict[str, tuple[str, str, str]] = {
    "Person": ("dot", "#4e79a7", "\u25cf"),
    "Organization": ("square", "#f28e2b", "\u25a0"),
    "Place": ("triangle", "#59a14f", "\u25b2"),
    "Group": ("diamond", "#b07aa1", "\u25c6"),
    "Date": ("star", "#edc948", "\u2605"),
    "Event": ("triangleDown", "#e15759", "\u25bc"),
    "Work": ("hexagon", "#76b7b2", "\u2b22"),
    "Thing": ("dot", "#9c755f", "\u25cf"),
    "Concept": ("dot", "#bab0ac", "\u25cf"),
    "Nominal": ("dot", "#ff9da7", "\u25cf"),
    "Other": ("dot", "#d3d3d3", "\u25cf"),
}
OTHER_TYPE = "Other"


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"


@dataclass
class Provenance:
    """One statement behind an edge: the sentence it was read from and its qualifiers."""

    sentence: str = ""
    confidence: float | None = None
    source: str = ""
    qualifiers: dict[str, str] = field(default_factory=dict)


@dataclass
class ViewNode:
    id: str  # the IRI (or blank node id) of the entity
    label: str
    type: str = OTHER_TYPE
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)


@dataclass
class ViewEdge:
    source: str
    target: str
    relation: str  # predicate IRI
    label: str  # relation label ("meet")
    provenance: list[Provenance] = field(default_factory=list)


@dataclass
class ViewGraph:
    """Plain nodes and edges, ready to lay out and draw; ``nodes`` keyed by id."""

    nodes: dict[str, ViewNode] = field(default_factory=dict)
    edges: list[ViewEdge] = field(default_factory=list)

    def to_networkx(self) -> nx.MultiDiGraph:
        graph = nx.MultiDiGraph()
        graph.add_nodes_from(self.nodes)
        for edge in self.edges:
            graph.add_edge(edge.source, edge.target, key=edge.relation)
        return graph

    def subgraph(self, ids: Iterable[str]) -> ViewGraph:
        """The nodes ``ids`` and the edges between them."""
        keep = set(ids) & self.nodes.keys()
        return ViewGraph(
            nodes={i: n for i, n in self.nodes.items() if i in keep},
            edges=[e for e in self.edges if e.source in keep and e.target in keep],
        )

    def degrees(self) -> Counter[str]:
        degree: Counter[str] = Counter({i: 0 for i in self.nodes})
        for edge in self.edges:
            degree[edge.source] += 1
            degree[edge.target] += 1
        return degree


# ---------------------------------------------------------------------------------------------
# The model: RDF -> ViewGraph


def view_model(
    dataset: Dataset,
    *,
    focus: str | None = None,
    hops: int = 2,
    top: int | None = None,
    construct: str | None = None,
) -> ViewGraph:
    """The part of DATASET to show.

    The whole entity graph by default; ``construct``: the graph a SPARQL CONSTRUCT (or DESCRIBE)
    query returns, with entity details from DATASET; ``focus``: the entity with that label or
    alias (case-insensitive) and everything within ``hops`` edges of it, either direction;
    ``top``: the N entities with the most edges. They combine in that order.
    """
    if hops < 0:
        raise KgError(f"--hops must be 0 or more, got {hops}")
    if top is not None and top < 1:
        raise KgError(f"--top must be 1 or more, got {top}")
    full = _read_model(dataset)
    view = _construct_view(dataset, full, construct) if construct is not None else full
    if focus is not None:
        view = _neighbourhood(view, focus, hops)
    if top is not None:
        degree = view.degrees()
        ranked = sorted(view.nodes, key=lambda i: (-degree[i], view.nodes[i].label.lower(), i))
        view = view.subgraph(ranked[:top])
    return view


def _tooltip_text(text: str) -> str:
    if len(text) <= TOOLTIP_SENTENCE_CHARS:
        return text
    return text[: TOOLTIP_SENTENCE_CHARS - 1] + "\u2026"


def _read_model(dataset: Dataset) -> ViewGraph:
    """The whole entity graph (read by kg/entitygraph.py) as plain nodes and edges: every
    entity, the direct ``rel:`` edges (with the nodes at their ends), each edge's statements as
    its provenance, and each node's first sentences."""
    store = oxigraph_store(dataset)
    descriptions = describe(store)
    nodes: dict[str, ViewNode] = {
        iri: ViewNode(id=iri, label=iri_label(iri), type=found.types[0])
        for iri, found in descriptions.items()
        if found.types
    }
    # Edges: the direct rel: triples between nodes. A fact that is denied or conditional has
    # no direct edge, and so no edge here either.
    labels = relation_labels(store)
    edges: dict[tuple[str, str, str], ViewEdge] = {}
    for s, p, o, _ in direct_edges(store):
        for end in (s, o):
            if end not in nodes:
                nodes[end] = ViewNode(id=end, label=iri_label(end))
        edges[(s, p, o)] = ViewEdge(s, o, p, labels.get(p, iri_label(p)))

    for iri, node in nodes.items():
        found = descriptions.get(iri)
        if found is None:
            continue
        # The first label in order is the name; other labels and the aliases are aliases.
        if found.labels:
            node.label = found.labels[0]
        for alias in [*found.labels[1:], *found.aliases]:
            if alias not in node.aliases and alias != node.label:
                node.aliases.append(alias)
        node.roles.extend(found.roles)
    for iri, text in mentioned_in(store):
        node = nodes.get(iri)
        text = _tooltip_text(text)
        if (
            node is not None
            and len(node.sentences) < TOOLTIP_SENTENCES
            and text not in node.sentences
        ):
            node.sentences.append(text)

    for statement in statements(store):
        edge = edges.get((statement.subject, statement.relation, statement.object))
        if edge is None:
            continue
        edge.provenance.append(
            Provenance(
                sentence=_tooltip_text(statement.sentence),
                confidence=statement.confidence,
                source=statement.source,
                qualifiers={
                    name: found for name, found in statement.qualifiers.items() if found != "false"
                },
            )
        )
    # Sorted, so that the same graph always gives the same page (and the same layout).
    return ViewGraph(
        nodes={key: nodes[key] for key in sorted(nodes)},
        edges=[edges[key] for key in sorted(edges)],
    )


def _construct_view(dataset: Dataset, full: ViewGraph, query: str) -> ViewGraph:
    """The graph a CONSTRUCT/DESCRIBE query returns: its IRI-valued triples are the edges, its
    subjects and objects the nodes (with their details from FULL where it has them)."""
    from kg.query import GRAPH_KINDS, run_query

    result = run_query(dataset, query)
    if result.kind not in GRAPH_KINDS:
        raise QueryError(f"--query must be a CONSTRUCT or DESCRIBE query, not {result.kind.value}")
    known_edges = {(e.source, e.relation, e.target): e for e in full.edges}
    view = ViewGraph()

    def node(term: URIRef | BNode) -> ViewNode:
        key = str(term)
        if key not in view.nodes:
            model = full.nodes.get(key)
            view.nodes[key] = (
                ViewNode(**{**model.__dict__, "aliases": list(model.aliases)})
                if model is not None
                else ViewNode(id=key, label=iri_label(key))
            )
        return view.nodes[key]

    seen: set[tuple[str, str, str]] = set()
    for s, p, o in result.triples:
        subject, predicate = node(s), str(p)
        if isinstance(o, Literal):
            if predicate == _RDFS_LABEL:
                subject.label = str(o)
            elif predicate == _SKOS_ALT and str(o) not in subject.aliases:
                subject.aliases.append(str(o))
            continue
        if predicate == _RDF_TYPE:
            if str(o) in ENTITY_TYPES:
                subject.type = ENTITY_TYPES[str(o)]
            continue
        target = node(o)
        key = (subject.id, predicate, target.id)
        if key in seen:
            continue
        seen.add(key)
        known = known_edges.get(key)
        if known is not None:
            view.edges.append(known)
        else:
            label = (
                iri_label(predicate) if predicate.startswith(str(REL)) else compact_iri(predicate)
            )
            view.edges.append(ViewEdge(subject.id, target.id, predicate, label.strip("<>")))
    return view


def _neighbourhood(view: ViewGraph, name: str, hops: int) -> ViewGraph:
    wanted = " ".join(name.split()).casefold()
    centres = [i for i, n in view.nodes.items() if n.label.casefold() == wanted]
    if not centres:
        centres = [i for i, n in view.nodes.items() if wanted in (a.casefold() for a in n.aliases)]
    if not centres:
        names = sorted({n.label for n in view.nodes.values()})
        by_fold = {n.casefold(): n for n in names}
        close = difflib.get_close_matches(wanted, list(by_fold), n=5, cutoff=0.6)
        close += [by_fold[n] for n in by_fold if wanted in n and by_fold[n] not in close][:5]
        hint = (
            "; did you mean: " + ", ".join(repr(by_fold.get(c, c)) for c in close[:5])
            if close
            else ""
        )
        raise KgError(f"no entity named {name!r} in the graph{hint}")
    graph = view.to_networkx().to_undirected(as_view=True)
    keep: set[str] = set()
    for centre in centres:
        keep |= set(nx.single_source_shortest_path_length(graph, centre, cutoff=hops))
    return view.subgraph(keep)


# ---------------------------------------------------------------------------------------------
# Layout


def layout(view: ViewGraph, *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions in page pixels: each connected component laid out on its own, components packed
    in rows, biggest first, so small islands do not drift to the edges of a huge canvas."""
    graph = nx.Graph()
    graph.add_nodes_from(view.nodes)
    graph.add_edges_from((e.source, e.target) for e in view.edges if e.source != e.target)
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    boxes: list[tuple[list[str], np.ndarray]] = []
    for component in components:
        members = sorted(component)
        # A fresh graph with sorted nodes and edges: networkx's layouts follow insertion order,
        # and the same graph must always give the same page.
        sub = nx.Graph()
        sub.add_nodes_from(members)
        sub.add_edges_from(sorted(tuple(sorted(e)) for e in graph.subgraph(members).edges()))
        boxes.append((members, _component_layout(sub, members, seed)))

    # Shelf packing: a row is as wide as the biggest component (or a square's worth of small
    # ones), the next row starts below the tallest box of the previous one.
    spacing = 90.0  # pixels between neighbouring nodes, about a label's width
    gap = 2 * spacing
    sized = []
    for members, coords in boxes:
        coords = coords - coords.min(axis=0) if len(members) > 1 else np.zeros((1, 2))
        sized.append((members, coords * spacing, (coords.max(axis=0) * spacing)))
    total_area = sum((w + gap) * (h + gap) for _, _, (w, h) in sized)
    row_width = max(max(w for _, _, (w, _h) in sized), math.sqrt(total_area) * 1.3)
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for members, coords, (w, h) in sized:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        for node, (px, py) in zip(members, coords, strict=True):
            positions[node] = (round(float(px + x), 1), round(float(py + y), 1))
        x += w + gap
        row_height = max(row_height, h)
    return positions


def _component_layout(graph: nx.Graph, members: list[str], seed: int) -> np.ndarray:
    """Coordinates in units of one edge length (about)."""
    n = len(members)
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[0.0, 0.0], [1.2, 0.0]])
    if n < FAST_LAYOUT_MIN_NODES:
        pos = nx.spring_layout(graph, seed=seed, k=1.0, iterations=100)
        coords = np.array([pos[m] for m in members])
    else:
        coords = _fast_layout(graph, members, seed)
    # Rescale so that the median edge is one unit long.
    index = {m: i for i, m in enumerate(members)}
    pairs = np.array([(index[a], index[b]) for a, b in graph.edges()])
    lengths = np.linalg.norm(coords[pairs[:, 0]] - coords[pairs[:, 1]], axis=1)
    median = float(np.median(lengths)) or 1.0
    coords = coords / median
    # Hubs pull their many leaves into a short radius, which the median edge does not see; a
    # component gets at least about one square unit per node, so labels have room when zoomed.
    spread = float(np.sqrt(((coords - coords.mean(axis=0)) ** 2).sum(axis=1).mean()))
    wanted = 0.6 * math.sqrt(n)
    return coords * (wanted / spread) if 0 < spread < wanted else coords


def _fast_layout(
    graph: nx.Graph, members: list[str], seed: int, iterations: int = 60
) -> np.ndarray:
    """Pivot MDS for the global shape, then Fruchterman-Reingold with the repulsion of all nodes
    computed on a grid (particle-mesh: node counts per cell convolved with the k^2/r force by
    FFT), O(n + cells log cells) per iteration instead of O(n^2). Nodes sharing a cell do not
    push each other apart; at this size a cell is smaller than a node on screen anyway."""
    from scipy import fft

    n = len(members)
    index = {m: i for i, m in enumerate(members)}
    edges = np.array([(index[a], index[b]) for a, b in graph.edges()], dtype=np.int64)
    rng = np.random.default_rng(seed)
    coords = _pivot_mds(n, edges, seed)
    coords = coords / (np.abs(coords).max() or 1.0) * math.sqrt(n)
    coords += rng.normal(scale=0.05, size=coords.shape)
    k = 1.0  # the ideal edge length
    cells = int(min(256, max(32, 2 ** math.ceil(math.log2(math.sqrt(n))))))
    offsets = np.arange(-(cells - 1), cells)
    dx, dy = np.meshgrid(offsets, offsets, indexing="ij")
    r2 = (dx**2 + dy**2).astype(float)
    r2[cells - 1, cells - 1] = np.inf  # a cell does not push itself
    # The kernel is fixed (unit vector / r, in cell units): transform it once.
    shape = (fft.next_fast_len(3 * cells - 2, real=True),) * 2
    kernel_x = fft.rfft2(dx / r2, s=shape)
    kernel_y = fft.rfft2(dy / r2, s=shape)
    inner = slice(cells - 1, 2 * cells - 1)
    temperature = math.sqrt(n) / 5
    for _ in range(iterations):
        # Attraction along edges: d^2 / k.
        delta = coords[edges[:, 0]] - coords[edges[:, 1]]
        dist = np.maximum(np.linalg.norm(delta, axis=1), 1e-3)
        pull = delta * (dist / k)[:, None]
        disp = np.stack(
            [
                np.bincount(edges[:, 1], pull[:, d], minlength=n)
                - np.bincount(edges[:, 0], pull[:, d], minlength=n)
                for d in (0, 1)
            ],
            axis=1,
        )
        # Repulsion k^2 / r from every node, through the grid.
        low = coords.min(axis=0)
        size = max(float((coords.max(axis=0) - low).max()), 1e-6) / (cells - 1e-6)
        cell = np.minimum(((coords - low) / size).astype(np.int64), cells - 1)
        flat = cell[:, 0] * cells + cell[:, 1]
        density = np.bincount(flat, minlength=cells * cells).reshape(cells, cells).astype(float)
        scale = k * k / size
        spectrum = fft.rfft2(density, s=shape)
        field_x = fft.irfft2(spectrum * kernel_x, s=shape)[inner, inner] * scale
        field_y = fft.irfft2(spectrum * kernel_y, s=shape)[inner, inner] * scale
        disp[:, 0] += field_x.ravel()[flat]
        disp[:, 1] += field_y.ravel()[flat]
        # Move at most `temperature`, which cools linearly.
        length = np.maximum(np.linalg.norm(disp, axis=1), 1e-9)
        coords += disp / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature = max(temperature * 0.95, 0.05)
    return coords


def _pivot_mds(n: int, edges: np.ndarray, seed: int, pivots: int = 50) -> np.ndarray:
    """Brandes & Pich's pivot MDS: graph distances from a few pivots, double-centred, SVD."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import shortest_path

    matrix = coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n)).tocsr()
    rng = np.random.default_rng(seed)
    # Max-min pivot choice spreads the pivots over the graph.
    chosen = [int(rng.integers(n))]
    nearest = np.full(n, np.inf)
    for _ in range(min(pivots, n) - 1):
        d = shortest_path(matrix, directed=False, unweighted=True, indices=chosen[-1])
        nearest = np.minimum(nearest, d)
        chosen.append(int(np.argmax(nearest)))
    dist = shortest_path(matrix, directed=False, unweighted=True, indices=chosen).T  # n x p
    d2 = dist**2
    centred = d2 - d2.mean(axis=0) - d2.mean(axis=1)[:, None] + d2.mean()
    centred *= -0.5
    # The two main axes from the small p x p matrix instead of an SVD of the n x p one.
    _values, vectors = np.linalg.eigh(centred.T @ centred)
    return centred @ vectors[:, [-1, -2]]


# ---------------------------------------------------------------------------------------------
# The page


def node_size(degree: int) -> float:
    """Radius in pixels: grows with the degree, slowly, so hubs stand out without covering."""
    return round(10 + 5 * math.log2(1 + degree), 1)


def network_model(view: ViewGraph) -> Any:
    """The pyvis ``Network`` of VIEW: node style by type, size by degree, positions, options."""
    from pyvis.edge import Edge
    from pyvis.network import Network

    big = len(view.nodes) > PHYSICS_MAX_NODES
    net = Network(directed=True)
    positions = layout(view)
    degree = view.degrees()
    for node in view.nodes.values():
        shape, colour, _symbol = TYPE_STYLES.get(node.type, TYPE_STYLES[OTHER_TYPE])
        x, y = positions[node.id]
        net.add_node(
            node.id,
            label=node.label,
            shape=shape,
            color=colour,
            size=node_size(degree[node.id]),
            x=x,
            y=y,
            # The tooltip is built in the page from these fields as DOM nodes (graph.js).
            kg={
                "type": node.type,
                "aliases": node.aliases,
                "roles": node.roles,
                "sentences": node.sentences,
                "degree": degree[node.id],
                "colour": colour,
            },
        )
    for number, edge in enumerate(view.edges):
        # pyvis' add_edge checks both ends with a list scan and every earlier edge for a
        # duplicate: O(E * N), minutes at 15,000 edges. The ends are known to exist and edges
        # are distinct by construction, so its Edge record is appended directly.
        # Big graphs: no edge labels until a neighbourhood is highlighted. Thousands of
        # rotated labels cost seconds per frame and cannot be read at that zoom anyway.
        label = {} if big else {"label": edge.label}
        record = Edge(
            edge.source,
            edge.target,
            True,
            id=f"e{number}",
            **label,
            kg={
                "relation": edge.relation,
                "label": edge.label,
                "provenance": [
                    {
                        "sentence": p.sentence,
                        "confidence": p.confidence,
                        "source": p.source,
                        "qualifiers": p.qualifiers,
                    }
                    for p in edge.provenance
                ],
            },
        )
        net.edges.append(record.options)
    net.options = _vis_options(big)
    return net


def _vis_options(big: bool) -> dict[str, Any]:
    options: dict[str, Any] = {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "nodes": {
            "font": {
                "size": 14,
                "face": "system-ui, sans-serif",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "borderWidth": 1,
            "scaling": {"label": {"drawThreshold": 6}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#9aa5b1", "highlight": "#1f3b57", "hover": "#1f3b57"},
            "font": {
                "size": 11,
                "face": "system-ui, sans-serif",
                "color": "#52606d",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
                "align": "middle",
            },
            "smooth": False if big else {"type": "continuous", "roundness": 0.2},
            "width": 1,
            "selectionWidth": 2,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "navigationButtons": False,
            "keyboard": False,
        },
    }
    if big:
        options["physics"] = {"enabled": False}
    else:
        options["physics"] = {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -4000,
                "springLength": 120,
                "springConstant": 0.03,
                "avoidOverlap": 0.3,
            },
            "stabilization": {"enabled": True, "iterations": 200, "fit": True},
        }
    return options


def _json_for_script(data: Any) -> str:
    """JSON that cannot end the <script> element it sits in nor start a comment or entity."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS as bundled with the installed pyvis (no copy in this repo)."""
    import pyvis

    folder = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    try:
        script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
        style = (folder / "vis-network.css").read_text(encoding="utf-8")
    except OSError as error:
        raise KgError(f"pyvis' bundled vis-network is missing ({error}); reinstall pyvis") from None
    # The source map is not shipped; a devtools request for it would be the page's only one.
    script = re.sub(r"^//# sourceMappingURL=.*$", "", script, flags=re.M)
    return script, style


def _inline_safe(text: str, element: str) -> str:
    # Inlined code must not contain its own end tag, else the rest would be parsed as HTML.
    lowered = text.lower()
    if f"</{element}" in lowered or "<!--" in lowered:
        raise KgError(f"cannot inline this {element}: it contains </{element} or <!--")
    return text


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def render_html(view_graph: ViewGraph, *, heading: str) -> str:
    """One self-contained HTML page (every script and style inlined; no request to any host)."""
    net = network_model(view_graph)
    vis_js, vis_css = _vis_assets()
    app_js = (TEMPLATES / "graph.js").read_text(encoding="utf-8")
    app_css = (TEMPLATES / "graph.css").read_text(encoding="utf-8")
    relations = Counter(e["kg"]["label"] for e in net.edges)
    relation_iris: dict[str, set[str]] = defaultdict(set)
    for e in net.edges:
        relation_iris[e["kg"]["label"]].add(e["kg"]["relation"])
    types = Counter(n["kg"]["type"] for n in net.nodes)
    data = {
        "heading": heading,
        "nodes": net.nodes,
        "edges": net.edges,
        "options": net.options,
        "physics": bool(net.options["physics"]["enabled"]),
        "edgeLabels": len(net.nodes) <= PHYSICS_MAX_NODES,
        "types": [
            {
                "name": name,
                "count": types[name],
                "colour": TYPE_STYLES[name][1],
                "symbol": TYPE_STYLES[name][2],
            }
            for name in TYPE_STYLES
            if types[name]
        ],
        "relations": [{"label": r, "count": c} for r, c in sorted(relations.items())],
    }
    scripts = [_inline_safe(vis_js, "script"), _inline_safe(app_js, "script")]
    csp = (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src {' '.join(_csp_hash(s) for s in scripts)}; "
        "connect-src 'none'; form-action 'none'; base-uri 'none'"
    )
    page = Template((TEMPLATES / "graph.html").read_text(encoding="utf-8"))
    return page.substitute(
        csp=html.escape(csp),
        title=html.escape(heading),
        style=_inline_safe(vis_css + "\n" + app_css, "style"),
        data=_json_for_script(data),
        vis_js=scripts[0],
        app_js=scripts[1],
    )


def write_view(
    dataset: Dataset, path: str | Path, *, heading: str | None = None, **options: Any
) -> Path:
    """Write the view of DATASET to PATH atomically (kg/atomic.py): a reader never sees half a
    page. OPTIONS go to ``view_model``."""
    path = Path(path)
    view = view_model(dataset, **options)
    if heading is None:
        heading = _default_heading(options)
    text = render_html(view, heading=heading)
    atomic_write(path, [text.encode("utf-8")])
    return path


def _default_heading(options: dict[str, Any]) -> str:
    parts = ["Knowledge graph"]
    if options.get("construct"):
        parts.append("query result")
    if options.get("focus"):
        parts.append(f"around {options['focus']} ({options.get('hops', 2)} hops)")
    if options.get("top"):
        parts.append(f"top {options['top']} by degree")
    return " \u2014 ".join(parts)
