"""Parse and extract on a Dask cluster: the scale-out form of the parse and extract stages.

    from kg.distributed import extract_on_dask
    extractions = list(extract_on_dask(documents, "local:2"))          # a LocalCluster
    extractions = list(extract_on_dask(documents, "tcp://10.0.0.5:8786"))  # an existing cluster

Only parsing and extraction run on the workers: they are per-document and take nearly all the
time. Entity resolution looks across documents, so it stays in the client, which receives the
Extraction records (frozen dataclasses, picklable, far smaller than spaCy Docs) in input order.
The result is therefore the same as the single-process build's.

Each worker loads the spaCy pipeline once (a WorkerPlugin loads it when the worker joins, and a
process-wide cache keeps it), and each task handles a coarse partition of documents with
``nlp.pipe``: per-document tasks would spend more on scheduling and pickling than on parsing.

Workers of an existing cluster must have kg and the same spaCy model installed; start them with
one thread each and one process per core (``dask worker ADDRESS --nthreads 1 --nworkers N``):
the parser holds the GIL for much of its work, so threads add little.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from distributed import WorkerPlugin

from kg.errors import KgError
from kg.types import Document, Extraction

if TYPE_CHECKING:
    from distributed import Client, Future
    from spacy.language import Language

DEFAULT_PARTITION_SIZE = 200

# Worker-process state. A worker runs tasks in threads, so loading is guarded by a lock; the
# counter lets tests (and users debugging a cluster) check that the model was loaded only once.
_PIPELINES: dict[str | None, Language] = {}
_LOAD_LOCK = threading.Lock()
# spaCy does not promise that one pipeline may run in several threads at once, so a worker
# started with more than one thread parses one partition at a time.
_PARSE_LOCK = threading.Lock()
_LOADS = 0

# Loopback only and no dashboard: a build must not open ports others can reach. The scheduler
# still serves its small HTTP API (health checks); it goes to a free loopback port, not to 8787,
# which another cluster may hold.
LOCAL_CLUSTER_OPTIONS: dict[str, object] = {
    "threads_per_worker": 1,
    "processes": True,
    "host": "127.0.0.1",
    "dashboard_address": None,
    "scheduler_kwargs": {"dashboard_address": "127.0.0.1:0"},
    "silence_logs": logging.ERROR,
}


def worker_pipeline(model: str | None = None) -> Language:
    """The spaCy pipeline of this process, loaded on first use and kept for every later task."""
    global _LOADS
    with _LOAD_LOCK:
        if model not in _PIPELINES:
            from kg.nlp import load_pipeline

            _PIPELINES[model] = load_pipeline(model)
            _LOADS += 1
        return _PIPELINES[model]


def model_loads() -> int:
    """How many times this process has loaded a spaCy pipeline through ``worker_pipeline``."""
    return _LOADS


def worker_model_loads(client: Client) -> dict[str, int]:
    """Model loads per worker address of the cluster ``client`` is connected to."""
    # Client.run answers {worker address: what the function returned there}; distributed's
    # annotations type it as Any.
    loads: dict[str, int] = client.run(model_loads)
    return loads


class ModelPlugin(WorkerPlugin):
    """Loads the spaCy pipeline when a worker starts (or joins later), before any task arrives."""

    idempotent = True  # registering it again from a second build must not reload anything

    def __init__(self, model: str | None = None) -> None:
        self.model = model
        self.name = f"kg-model-{model or 'default'}"

    def setup(self, worker: object) -> None:
        worker_pipeline(self.model)


def extract_partition(documents: Sequence[Document], model: str | None = None) -> list[Extraction]:
    """Parse and extract one partition in the calling process; the task each worker runs."""
    from kg.extract import extract
    from kg.nlp import parse_documents

    nlp = worker_pipeline(model)
    with _PARSE_LOCK:
        return [extract(doc, document) for document, doc in parse_documents(nlp, documents)]


def extract_on_dask(
    documents: Iterable[Document],
    scheduler: str,
    *,
    model: str | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
) -> Iterator[Extraction]:
    """Parse and extract ``documents`` on a Dask cluster, yielding Extractions in input order.

    ``scheduler`` is ``local:N`` (a LocalCluster of N single-threaded worker processes on
    127.0.0.1, started here and closed afterwards; ``local`` alone uses one per core) or the
    address of a running scheduler (``tcp://host:8786``). Only a bounded number of partitions
    is in flight at once, so a long document stream does not pile up in the client's memory.
    """
    if partition_size < 1:
        raise KgError(f"partition size must be at least 1, not {partition_size}")
    with dask_client(scheduler) as client:
        client.register_plugin(ModelPlugin(model))
        # Two partitions per worker thread: one running, one queued, so no worker waits for
        # the client between tasks.
        # distributed leaves Client.nthreads, Client.gather, LocalCluster and Client unannotated.
        threads: dict[str, int] = client.nthreads()  # type: ignore[no-untyped-call]
        window = max(2, 2 * sum(threads.values()))
        pending: deque[Future[list[Extraction]]] = deque()
        for part in _partitions(documents, partition_size):
            pending.append(client.submit(extract_partition, part, model, pure=False))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def write_partitions(
    documents: Iterable[Document],
    scheduler: str,
    folder: str | Path,
    *,
    model: str | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
) -> list[Path]:
    """Like ``extract_on_dask``, but each worker writes its partition's Extractions to ``folder``.

    ``folder`` must be visible to every worker and to the client under the same path (a shared
    file system). A partition file is named by the hash of its document ids and the model, and
    written atomically, so a re-run after a failure skips the partitions already written. The
    files are pickles: read them with ``read_partitions`` and only from a folder you trust.
    Returns the partition files in input order.
    """
    if partition_size < 1:
        raise KgError(f"partition size must be at least 1, not {partition_size}")
    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    with dask_client(scheduler) as client:
        client.register_plugin(ModelPlugin(model))
        futures = []
        for index, part in enumerate(_partitions(documents, partition_size)):
            digest = hashlib.sha256(
                "\n".join([model or "", *(d.id for d in part)]).encode()
            ).hexdigest()[:16]
            path = folder / f"part-{index:05d}-{digest}.pkl"
            futures.append(client.submit(_write_partition, part, model, str(path), pure=False))
        written: list[str] = client.gather(futures)  # type: ignore[no-untyped-call]
        return [Path(p) for p in written]


def read_partitions(paths: Iterable[str | Path]) -> Iterator[Extraction]:
    """The Extractions of partition files written by ``write_partitions``, in the given order."""
    for path in paths:
        with Path(path).open("rb") as handle:
            yield from pickle.load(handle)


def _write_partition(documents: Sequence[Document], model: str | None, path: str) -> str:
    target = Path(path)
    if target.exists():
        return path
    extractions = extract_partition(documents, model)
    # Write beside the target and rename: a worker killed mid-write leaves no half file that a
    # re-run would take for a finished partition.
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as handle:
        pickle.dump(extractions, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, target)
    return path


@contextmanager
def dask_client(scheduler: str) -> Iterator[Client]:
    """A Client for ``local:N`` (a private LocalCluster, closed on exit) or a scheduler address."""
    from distributed import Client, LocalCluster

    spec = scheduler.strip()
    if spec == "local" or spec.startswith("local:"):
        workers = _local_workers(spec)
        # The options are LocalCluster's keywords, of several types (see LOCAL_CLUSTER_OPTIONS).
        cluster = LocalCluster(n_workers=workers, **LOCAL_CLUSTER_OPTIONS)  # type: ignore[no-untyped-call]
        try:
            with Client(cluster) as client:  # type: ignore[no-untyped-call]
                yield client
        finally:
            cluster.close()
        return
    if "://" not in spec:
        raise KgError(
            f"bad Dask scheduler {scheduler!r}: use local:N or an address such as tcp://host:8786"
        )
    try:
        client = Client(spec, timeout=30)  # type: ignore[no-untyped-call]
    except OSError as error:  # connection refused and timeouts are OSErrors
        raise KgError(f"cannot reach the Dask scheduler at {spec}: {error}") from None
    with client:
        yield client


def _local_workers(spec: str) -> int:
    if spec == "local":
        return os.cpu_count() or 1
    count = spec.partition(":")[2]
    if not count.isdigit() or int(count) < 1:
        raise KgError(f"bad Dask scheduler {spec!r}: local:N needs a worker count N ≥ 1")
    return int(count)


def _partitions(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while part := list(islice(iterator, size)):
        yield part
