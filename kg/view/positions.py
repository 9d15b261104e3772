"""The view's layout: page positions for every node of a ``ViewGraph``, computed in Python.

Each connected component is laid out on its own (networkx's spring layout when small, pivot MDS
and a grid-approximated Fruchterman-Reingold when large) and the components are packed in rows.
The positions are deterministic: the same graph always gives the same page. Also here: the
communities the page colours (Louvain), and the first day of a fact's time (the time slider).
"""

from __future__ import annotations

import datetime as dt
import math
import re

import networkx as nx
import numpy as np
import numpy.typing as npt

from kg.view.model import ViewGraph

# Components at least this big are laid out with pivot MDS + grid-approximated
# Fruchterman-Reingold (O(n) per iteration); networkx's spring_layout is O(n^2) per iteration
# (65 s for 5,000 nodes here) but gives nicer small pictures.
FAST_LAYOUT_MIN_NODES = 400

# Node coordinates, one (x, y) row per node; edges as (source row, target row) pairs.
Coordinates = npt.NDArray[np.float64]
EdgeRows = npt.NDArray[np.int64]


def layout(view: ViewGraph, *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions in page pixels: each connected component laid out on its own, components packed
    in rows, biggest first, so small islands do not drift to the edges of a huge canvas."""
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(view.nodes)
    graph.add_edges_from((e.source, e.target) for e in view.edges if e.source != e.target)
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    if not components:
        return {}  # an empty graph (every document removed): an empty page, nothing to place
    boxes: list[tuple[list[str], Coordinates]] = []
    for component in components:
        members = sorted(component)
        # A fresh graph with sorted nodes and edges: networkx's layouts follow insertion order,
        # and the same graph must always give the same page.
        sub: nx.Graph[str] = nx.Graph()
        sub.add_nodes_from(members)
        sub.add_edges_from(
            sorted((min(a, b), max(a, b)) for a, b in graph.subgraph(members).edges())
        )
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


def _component_layout(graph: nx.Graph[str], members: list[str], seed: int) -> Coordinates:
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
    graph: nx.Graph[str], members: list[str], seed: int, iterations: int = 60
) -> Coordinates:
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


def _pivot_mds(n: int, edges: EdgeRows, seed: int, pivots: int = 50) -> Coordinates:
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
    # scipy is untyped, so `dist` and all computed from it are Any: the result is named here.
    axes: Coordinates = centred @ vectors[:, [-1, -2]]
    return axes


def communities(view: ViewGraph, *, seed: int = 7) -> dict[str, int]:
    """Each node with an edge -> its community (networkx's Louvain, modularity-based), numbered
    by size, the biggest 0; ties by the smallest member. Isolated nodes have none."""
    graph: nx.Graph[str] = nx.Graph()
    graph.add_edges_from(
        sorted((min(e.source, e.target), max(e.source, e.target)) for e in view.edges)
    )
    graph.remove_edges_from(list(nx.selfloop_edges(graph)))
    if graph.number_of_edges() == 0:
        return {}
    found = nx.community.louvain_communities(graph, seed=seed)
    ranked = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    return {node: index for index, members in enumerate(ranked) for node in members}


_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")


def first_day(time: str) -> str | None:
    """The first day (YYYY-MM-DD) a kg:time value covers, for the time slider: a date or a
    date-time gives its day, a month or a year its first day, an ISO week its Monday, a quarter
    its first day; a duration, a decade or a reference ("PRESENT_REF") none."""
    time = time.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", time):
            return dt.date.fromisoformat(time[:10]).isoformat()
        if re.fullmatch(r"\d{4}-\d{2}", time):
            return dt.date(int(time[:4]), int(time[5:7]), 1).isoformat()
        if re.fullmatch(r"\d{4}", time):
            return f"{time}-01-01"
        if week := _WEEK.fullmatch(time):
            return dt.date.fromisocalendar(int(week[1]), int(week[2]), 1).isoformat()
        if quarter := _QUARTER.fullmatch(time):
            return dt.date(int(quarter[1]), 3 * int(quarter[2]) - 2, 1).isoformat()
    except ValueError:
        return None
    return None
