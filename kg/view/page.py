"""The view's page: a ``ViewGraph`` as one self-contained, offline HTML page.

Node style by type, size by degree, positions from kg/view/positions.py, pyvis' network model
(for its node and edge records), our own page template (kg/templates/graph.html) with pyvis'
bundled vis-network inlined, and a Content-Security-Policy that allows only the page's own two
scripts (by hash). Why not pyvis' own ``write_html``: see kg/view/__init__.py.
"""

from __future__ import annotations

import base64
import hashlib
import html
import math
import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from string import Template
from typing import Any

from kg.errors import KgError
from kg.iri import json_for_script
from kg.view.claims import CLAIMS_PER_NODE, Claim
from kg.view.model import OTHER_TYPE, ViewGraph
from kg.view.positions import communities, first_day, layout

TEMPLATES = Path(__file__).parent.parent / "templates"

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


# Community colours, biggest community first (Tableau 10 and two more, colour-blind safe for the
# first eight); communities past these share the last, a quiet grey.
COMMUNITY_COLOURS = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#e15759",
    "#b07aa1",
    "#76b7b2",
    "#edc948",
    "#ff9da7",
    "#9c755f",
    "#86bcb6",
    "#d37295",
    "#a0cbe8",
    "#c9ced6",
)


# The types of named entities: a fragment of the graph with none of them ("talks" -> "progress",
# two nominals of one sentence) is not what a reader opens the graph for.
NAMED_TYPES = frozenset({"Person", "Organization", "Place", "Group", "Event", "Work"})


def minor_nodes(view: ViewGraph, degree: Counter[str] | None = None) -> set[str]:
    """The nodes the page does not draw until asked: those without an edge, and those of a
    connected fragment without a named entity (NAMED_TYPES)."""
    import networkx as nx

    degree = degree if degree is not None else view.degrees()
    minor = {i for i, d in degree.items() if d == 0}
    if not any(n.type in NAMED_TYPES for n in view.nodes.values()):
        return minor  # a graph of no named entity (a query's result): every fragment is drawn
    graph: nx.Graph[str] = nx.Graph()
    graph.add_edges_from((e.source, e.target) for e in view.edges)
    for component in nx.connected_components(graph):
        if not any(view.nodes[i].type in NAMED_TYPES for i in component if i in view.nodes):
            minor |= component
    return minor


def node_size(degree: int) -> float:
    """Radius in pixels: grows with the degree, slowly, so hubs stand out without covering."""
    return round(10 + 5 * math.log2(1 + degree), 1)


def network_model(view: ViewGraph, claims: dict[str, list[Claim]] | None = None) -> Any:
    """The pyvis ``Network`` of VIEW: node style by type, colour by community, size by degree,
    positions, options. CLAIMS: the literal-object facts of each speaker (kg/view/claims.py)."""
    from pyvis.edge import Edge
    from pyvis.network import Network

    claims = claims or {}
    degree = view.degrees()
    # Drawn by default: the nodes with an edge; isolated nodes wait for "show isolated".
    big = len(view.nodes) - len(minor_nodes(view, degree)) > PHYSICS_MAX_NODES
    net = Network(directed=True)
    positions = layout(view)
    community = communities(view)
    minor = minor_nodes(view, degree)
    last_colour = len(COMMUNITY_COLOURS) - 1
    for node in view.nodes.values():
        shape, colour, _symbol = TYPE_STYLES.get(node.type, TYPE_STYLES[OTHER_TYPE])
        x, y = positions[node.id]
        group = community.get(node.id, -1)
        said = claims.get(node.id, [])
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
                "community": group,
                "communityColour": (
                    COMMUNITY_COLOURS[min(group, last_colour)] if group >= 0 else colour
                ),
                # Not drawn until asked for: no edge, or no named entity within reach.
                "isolated": node.id in minor,
                "claims": [
                    {"relation": c.relation, "text": c.text, "date": c.date, "source": c.source}
                    for c in said[:CLAIMS_PER_NODE]
                ],
                "claimCount": len(said),
            },
        )
    for number, edge in enumerate(view.edges):
        # pyvis' add_edge checks both ends with a list scan and every earlier edge for a
        # duplicate: O(E * N), minutes at 15,000 edges. The ends are known to exist and edges
        # are distinct by construction, so its Edge record is appended directly.
        # No edge labels until a neighbourhood is highlighted: rotated labels on every edge
        # overlap the node labels and each other, and cannot be read at the opening zoom.
        days = sorted(
            {d for p in edge.provenance if (d := first_day(p.qualifiers.get("date", "")))}
        )
        record = Edge(
            edge.source,
            edge.target,
            True,
            id=f"e{number}",
            kg={
                "relation": edge.relation,
                "label": edge.label,
                "days": days,
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


def render_html(
    view_graph: ViewGraph, *, heading: str, claims: dict[str, list[Claim]] | None = None
) -> str:
    """One self-contained HTML page (every script and style inlined; no request to any host).
    CLAIMS: each speaker's literal-object facts ("said that …"), shown on the speaker."""
    net = network_model(view_graph, claims)
    vis_js, vis_css = _vis_assets()
    app_js = (TEMPLATES / "graph.js").read_text(encoding="utf-8")
    app_css = (TEMPLATES / "graph.css").read_text(encoding="utf-8")
    relations = Counter(e["kg"]["label"] for e in net.edges)
    relation_iris: dict[str, set[str]] = defaultdict(set)
    for e in net.edges:
        relation_iris[e["kg"]["label"]].add(e["kg"]["relation"])
    types = Counter(n["kg"]["type"] for n in net.nodes)
    days = sorted({d for e in net.edges for d in e["kg"]["days"]})
    groups: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for n in net.nodes:
        if n["kg"]["community"] >= 0 and not n["kg"]["isolated"]:
            groups[n["kg"]["community"]].append(n)
    community_legend = [
        {
            "index": index,
            "colour": members[0]["kg"]["communityColour"],
            "count": len(members),
            # Named by its most connected members.
            "names": [
                m["label"]
                for m in sorted(members, key=lambda m: (-m["kg"]["degree"], m["label"]))[:3]
            ],
        }
        for index, members in sorted(groups.items())
    ][: len(COMMUNITY_COLOURS) - 1]
    data = {
        "heading": heading,
        "nodes": net.nodes,
        "edges": net.edges,
        "options": net.options,
        "physics": bool(net.options["physics"]["enabled"]),
        "edgeLabels": False,
        "isolated": sum(1 for n in net.nodes if n["kg"]["isolated"]),
        "days": days,
        "communities": community_legend,
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
        data=json_for_script(data),
        vis_js=scripts[0],
        app_js=scripts[1],
    )
