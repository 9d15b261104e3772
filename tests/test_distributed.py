"""Parsing and extraction on a Dask cluster give the same records as in one process."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import kg.distributed
import kg.nlp
from kg.distributed import (
    LOCAL_CLUSTER_OPTIONS,
    extract_on_dask,
    read_partitions,
    worker_model_loads,
    write_partitions,
)
from kg.errors import KgError
from kg.extract import extract
from kg.types import Document

pytestmark = pytest.mark.slow

TEXTS = (
    "US Treasury Secretary Scott Bessent met Chinese Vice Premier He Lifeng in Kuala Lumpur on "
    "Sunday. Bessent said the two sides had agreed on a framework for a trade deal.",
    "Apple opened a new store in Paris on Friday. The company did not say how many people it "
    "would hire.",
    "The European Commission may fine Google if the company does not change its search results. "
    "Margrethe Vestager announced the decision in Brussels.",
    "Heavy rain flooded the streets of Mumbai. Officials closed schools and warned residents to "
    "stay indoors.",
    "Angela Merkel visited Washington in March. She discussed climate policy with senators.",
    "Toyota will build a battery plant in North Carolina, according to a company statement. "
    "The plant is expected to employ 1,750 workers.",
)


def _documents() -> list[Document]:
    return [
        Document(hashlib.sha256(text.encode()).hexdigest(), f"news/{i}.txt", text)
        for i, text in enumerate(TEXTS)
    ]


@pytest.fixture(scope="module")
def expected(nlp):
    """The single-process result: what the cluster must reproduce exactly."""
    return [extract(doc, d) for d, doc in kg.nlp.parse_documents(nlp, _documents())]


@pytest.fixture(scope="module")
def scheduler():
    """A two-worker cluster on loopback, reached by address like a production scheduler."""
    from distributed import LocalCluster

    cluster = LocalCluster(n_workers=2, **LOCAL_CLUSTER_OPTIONS)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def test_dask_extractions_equal_single_process(scheduler, expected):
    assert sum(len(e.triples) for e in expected) > 5  # the comparison is not between empties
    result = list(extract_on_dask(_documents(), scheduler, partition_size=2))
    assert [e.document.id for e in result] == [d.id for d in _documents()]
    assert result == expected


def test_model_loaded_once_per_worker(scheduler, expected):
    from distributed import Client

    # One document per task, twice over: 12 tasks on 2 workers must not load 12 models.
    for _ in range(2):
        assert list(extract_on_dask(_documents(), scheduler, partition_size=1)) == expected
    with Client(scheduler) as client:
        loads = worker_model_loads(client)
    assert len(loads) == 2
    assert set(loads.values()) == {1}
    # The work ran on the workers, not in this process.
    assert kg.distributed.model_loads() == 0


def test_local_cluster_spec(expected):
    assert list(extract_on_dask(_documents()[:3], "local:2", partition_size=1)) == expected[:3]


def test_write_partitions_then_read_back(scheduler, expected, tmp_path):
    paths = write_partitions(_documents(), scheduler, tmp_path / "parts", partition_size=4)
    assert len(paths) == 2
    assert list(read_partitions(paths)) == expected
    # A re-run finds every partition already written and rewrites none.
    stamps = [p.stat().st_mtime_ns for p in paths]
    again = write_partitions(_documents(), scheduler, tmp_path / "parts", partition_size=4)
    assert again == paths
    assert [p.stat().st_mtime_ns for p in again] == stamps
    assert not list((tmp_path / "parts").glob(".*.tmp"))


@pytest.mark.parametrize("spec", ["local:0", "local:x", "somehost"])
def test_bad_scheduler_spec(spec):
    with pytest.raises(KgError, match="bad Dask scheduler"):
        list(extract_on_dask(_documents(), spec))


def test_kg_build_on_dask_equals_the_single_process_build(scheduler, tmp_path):
    from conftest import run_kg

    texts = tmp_path / "texts"
    texts.mkdir()
    for document in _documents():
        (texts / Path(document.source).name).write_text(document.text, encoding="utf-8")
    single, distributed = tmp_path / "single", tmp_path / "dask"
    assert run_kg("build", str(texts), "-o", str(single), "--no-view").returncode == 0
    result = run_kg("build", str(texts), "-o", str(distributed), "--no-view", "--dask", scheduler)
    assert result.returncode == 0, result.stderr
    for name in ("graph.trig", "graph.ttl"):
        assert (single / name).read_bytes() == (distributed / name).read_bytes()
