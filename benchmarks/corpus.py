"""A synthetic corpus of real sentences for benchmarks: CaRB dev sentences and the seed article's
sentences, shuffled into documents with a fixed random seed (so every run measures the same text).
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from benchdata import data_folder, require

ROOT = Path(__file__).resolve().parent.parent
CARB = data_folder("carb") / "dev_sentences.txt"


def _detokenise(line: str) -> str:
    # CaRB sentences are Penn-Treebank tokenised ("Pittsburgh 's", "`` quoted ''"); news is not.
    text = line.replace("``", '"').replace("''", '"').replace("-LRB-", "(").replace("-RRB-", ")")
    text = re.sub(r" ([.,:;?!%)]|'s|n't|'re|'ve|'ll|'d)", r"\1", text)
    return re.sub(r"\( ", "(", text)


def real_sentences(carb_path: Path = CARB) -> list[str]:
    require(carb_path, "carb")
    sentences = [_detokenise(s) for s in carb_path.read_text(encoding="utf-8").splitlines() if s]
    seed_row = (ROOT / "seeds" / "news.jsonl").read_text(encoding="utf-8").splitlines()[0]
    seed_text = " ".join(json.loads(seed_row)["text"].split())
    sentences += re.split(r"(?<=[.!?”])\s+", seed_text)
    return sentences


def make_corpus(out: Path, documents: int, *, per_document: int = 10, seed: int = 7) -> Path:
    """Write ``documents`` text files of ``per_document`` sentences each into ``out``."""
    rng = random.Random(seed)
    sentences = real_sentences()
    out.mkdir(parents=True, exist_ok=True)
    for index in range(documents):
        body = " ".join(rng.choice(sentences) for _ in range(per_document))
        (out / f"doc{index:06d}.txt").write_text(body + "\n", encoding="utf-8")
    return out
