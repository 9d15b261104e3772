"""The graph view: a kg graph as one self-contained, offline, interactive HTML page.

Data flow: the RDF model (SPARQL on the Oxigraph store) -> ``ViewGraph`` (plain nodes and edges,
optionally cut down to a neighbourhood, the most connected nodes or a CONSTRUCT result) ->
positions computed in Python -> pyvis' network model -> our own page template
(kg/templates/graph.html) with pyvis' bundled vis-network inlined.

Why not pyvis' own ``write_html``: its pages load vis-network and bootstrap from CDNs (blank
offline), it switches to a popup that sets ``innerHTML`` whenever a title contains "href", and it
inserts ``heading`` and node ids into the page unescaped. Here every text from the graph reaches
the page only as JSON inside ``<script type="application/json">`` (with ``<``, ``>``, ``&``,
U+2028/2029 escaped) and reaches the DOM only through ``textContent``; tooltips are DOM elements,
never HTML strings. A Content-Security-Policy that allows only the page's own two scripts (by
hash) and no connection at all backs this up.

The package, by concern: kg/view/model.py (RDF -> ``ViewGraph``), kg/view/claims.py (the
clause facts shown on their speaker), kg/view/positions.py (the layout, communities, days),
kg/view/page.py (the HTML page). This module writes the page (``write_view``) and keeps
every public name importable from ``kg.view``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rdflib import Dataset

from kg.atomic import atomic_write
from kg.store import oxigraph_store
from kg.view.claims import Claim, read_claims
from kg.view.model import (
    OTHER_TYPE,
    TOOLTIP_SENTENCE_CHARS,
    TOOLTIP_SENTENCES,
    Provenance,
    ViewEdge,
    ViewGraph,
    ViewNode,
    view_model,
)
from kg.view.page import (
    HEADLESS_CHROMIUM,
    HEADLESS_CHROMIUM_ARGS,
    PHYSICS_MAX_NODES,
    TEMPLATES,
    TYPE_STYLES,
    network_model,
    node_size,
    render_html,
)
from kg.view.positions import FAST_LAYOUT_MIN_NODES, layout

__all__ = [
    "Claim",
    "FAST_LAYOUT_MIN_NODES",
    "HEADLESS_CHROMIUM",
    "HEADLESS_CHROMIUM_ARGS",
    "OTHER_TYPE",
    "PHYSICS_MAX_NODES",
    "TEMPLATES",
    "TOOLTIP_SENTENCES",
    "TOOLTIP_SENTENCE_CHARS",
    "TYPE_STYLES",
    "Provenance",
    "ViewEdge",
    "ViewGraph",
    "ViewNode",
    "layout",
    "network_model",
    "node_size",
    "read_claims",
    "render_html",
    "view_model",
    "write_view",
]


def write_view(
    dataset: Dataset, path: str | Path, *, heading: str | None = None, **options: Any
) -> Path:
    """Write the view of DATASET to PATH atomically (kg/atomic.py): a reader never sees half a
    page. OPTIONS go to ``view_model``."""
    path = Path(path)
    view = view_model(dataset, **options)
    if heading is None:
        heading = _default_heading(options)
    claims = read_claims(oxigraph_store(dataset), view.nodes)
    text = render_html(view, heading=heading, claims=claims)
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
