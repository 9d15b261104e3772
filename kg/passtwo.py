"""Pass two of a build: the extractions of pass one, spooled in parts (in memory up to a budget,
then on disk), each document resolved against the finished corpus index and its named graph
written to the graph spool, in one forked worker per part when there are several."""

from __future__ import annotations

import gc
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from kg.forked import forked_pool, worker_results
from kg.graphspool import GraphFile, GraphSpool
from kg.types import Extraction

if TYPE_CHECKING:
    # A document's name clusters, made in pass one and carried to pass two untouched.
    from kg.resolve import CorpusIndex, _DocumentClusters

# Pass one's extractions wait for pass two in memory up to this many sentences (about 12 KB
# each with their name clusters, so some 115 MB), and past that in a file: a small corpus is
# not pickled and read back, a large one still builds in bounded memory. The budget is what
# a build of 1,000 documents holds, so that one of 20,000 holds no more (issue #8: its peak
# memory within 1.5x of the smaller one's); at 20,000 sentences it was some 115 MB more.
MEMORY_SPOOL_SENTENCES = 10_000


class ExtractionSpool:
    """Extractions (with their name clusters) from pass one to pass two, in order: the first
    ones held in memory, the others pickled to ``path`` once the memory budget is spent."""

    def __init__(self, path: Path, memory_sentences: int) -> None:
        self.path = path
        self._held: list[tuple[Extraction, _DocumentClusters]] = []
        self._room = memory_sentences
        self._file: IO[bytes] | None = None

    def add(self, extraction: Extraction, clusters: _DocumentClusters) -> None:
        if self._file is None and len(extraction.sentences) <= self._room:
            self._room -= len(extraction.sentences)
            self._held.append((extraction, clusters))
            return
        if self._file is None:  # from here on every extraction goes to the file, in order
            self._file = self.path.open("wb")
        pickle.dump((extraction, clusters), self._file, protocol=pickle.HIGHEST_PROTOCOL)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()

    def __iter__(self) -> Iterator[tuple[Extraction, _DocumentClusters]]:
        yield from self._held
        if self._file is not None:
            with self.path.open("rb") as spooled:
                while True:
                    try:
                        yield pickle.load(spooled)
                    except EOFError:
                        return


def extraction_spools(folder: Path, parts: int) -> list[ExtractionSpool]:
    """PARTS spools in FOLDER, one per worker of pass two, sharing the memory budget."""
    return [
        ExtractionSpool(folder / f"extractions-{k}.pickle", MEMORY_SPOOL_SENTENCES // parts)
        for k in range(parts)
    ]


def _resolve_part(
    index: CorpusIndex, part: ExtractionSpool, graph_file: GraphFile
) -> tuple[int, int]:
    """Pass two over one part of the spool: each document resolved, its graph written. Returns
    the number of facts and of the documents' own nodes (their descriptions)."""
    from kg.rdf import document_graph, document_iri

    facts = own_nodes = 0
    for extraction, clusters in part:
        resolved = index.resolve_document(extraction, clusters)
        facts += len(resolved.facts)
        own_nodes += len(resolved.local_entities)
        text, lines = document_graph(resolved, index.entities)
        graph_file.write_text(document_iri(extraction.document.id), text, lines)
    return facts, own_nodes


# The finished resolution index and the spool's parts, in a pass-two worker: given at fork
# (see forked_pool), since pickling them to every task would cost more than the task.
_WORKER_INDEX: CorpusIndex | None = None
_WORKER_PARTS: list[ExtractionSpool] = []


def _take_index(index: CorpusIndex, parts: list[ExtractionSpool]) -> None:
    global _WORKER_INDEX, _WORKER_PARTS
    _WORKER_INDEX, _WORKER_PARTS = index, parts


def _resolve_part_in_worker(
    number: int, graph_file: GraphFile
) -> tuple[tuple[int, int], GraphFile, set[str]]:
    index = _WORKER_INDEX
    if index is None:
        raise RuntimeError("a pass-two worker was forked without the resolution index")
    known = set(index.entities)
    counts = _resolve_part(index, _WORKER_PARTS[number], graph_file)
    # Concept entities are added to the index as pass two meets them: their keys go back (only
    # those: the index's own keys are the parent's already).
    return counts, graph_file, set(index.entities) - known


def resolve_to_graphs(
    index: CorpusIndex, parts: list[ExtractionSpool], spool: GraphSpool
) -> tuple[int, int]:
    """Pass two over every part, in one forked worker per part when there are several (a
    concept entity a worker adds is named by its key, the same in every worker). Returns the
    number of facts and of entities."""
    files = [spool.new_file() for _ in parts]
    if len(parts) == 1:
        # In this process: the concept keys it adds are in the index already.
        added: set[str] = set()
        results = [(_resolve_part(index, parts[0], files[0]), files[0], added)]
    else:
        # The workers share the parent's memory until they write to it, and a collection
        # writes to every object it walks: frozen, the index and the extractions are left out
        # of the workers' collections, so they are not copied into each worker.
        gc.freeze()
        try:
            with forked_pool(len(parts), _take_index, (index, parts)) as pool:
                futures = [
                    pool.submit(_resolve_part_in_worker, number, graph_file)
                    for number, graph_file in enumerate(files)
                ]
                results = worker_results(futures)
        finally:
            gc.unfreeze()
    entities = set(index.entities)
    for _, graph_file, keys in results:
        spool.adopt(graph_file)  # the worker's copy, with the blocks it wrote
        entities |= keys
    facts = sum(counts[0] for counts, _, _ in results)
    return facts, len(entities) + sum(counts[1] for counts, _, _ in results)
