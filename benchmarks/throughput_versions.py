"""Build throughput of this kg beside an earlier version of it, on the same plain-text corpus.

    .venv/bin/python benchmarks/throughput_versions.py --baseline ab1684b [--documents 600]
                                                       [--per-document 10] [--repeat 3]
                                                       [--without-store] [--one-document]

A change that adds work to every document (issue #16's time expressions, say) must not slow the
build: this script checks out BASELINE (a commit, tag or branch) into a temporary git worktree
and times ``kg build CORPUS -o OUT --no-view`` with each version in turn, in fresh processes of
the same interpreter and the same installed libraries, alternating the two so that a noisy
neighbour on a shared machine slows both alike. Each version's best wall time and the words per
second it gives are printed, with the ratio this / baseline (target for issue #16: >= 0.95), and
beside them the least CPU time of each (the build and every process it started): a version that
runs work on a second core can be faster to wait for and still cost more.
With --without-store this tree's build leaves its store empty (files only, as builds were before
issue #17 gave them a store), to tell the store's cost from the rest.
The corpus is benchmarks/corpus.py's (CaRB dev sentences and the seed article, shuffled into
documents with a fixed seed), written as .txt files. With --one-document they are one file, a
paragraph each: a long document (a report, a book), where in-document coreference compares
each mention with the chains before it, so what grows faster than the text shows there first.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from corpus import make_corpus  # noqa: E402

# This tree's build with its store left empty: files only, as a build was before issue #17
# gave it a store (--without-store). A measuring device, not a build option: the store's
# generation is still made and pointed at, with nothing loaded into it.
_WITHOUT_STORE = """
import kg.pipeline
from kg.cli import main
from kg.graphstore import FullLoad

class _EmptyStore(FullLoad):
    def add_early(self, graph, lines):
        pass

    def load(self, graphs):
        for _ in graphs:
            pass

kg.pipeline.FullLoad = _EmptyStore
main()
"""


def build_seconds(
    tree: Path, corpus: Path, out: Path, *, without_store: bool = False
) -> tuple[float, float]:
    """Wall and CPU seconds (user and system, of the build and every process it started) of one
    ``kg build`` run from the source tree ``tree``."""
    shutil.rmtree(out, ignore_errors=True)
    # The tree's own package comes first on the path: the installed (editable) kg is found only
    # after it, so each run imports the version it is timing.
    env = {**os.environ, "PYTHONPATH": str(tree)}
    code = _WITHOUT_STORE if without_store else "from kg.cli import main; main()"
    command = [sys.executable, "-c", code]
    command += ["build", str(corpus), "-o", str(out), "--no-view"]
    started, cpu = time.perf_counter(), _children_cpu()
    # Run from the tree too: "python -c" puts the working folder first on the path.
    subprocess.run(command, env=env, cwd=tree, check=True, capture_output=True)
    return time.perf_counter() - started, _children_cpu() - cpu


def _children_cpu() -> float:
    """CPU seconds of this process's reaped children and theirs (a build's forked processes
    are reaped by the build, and counted with it)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def imported_from(tree: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    code = "import kg, pathlib; print(pathlib.Path(kg.__file__).parent.parent)"
    return subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=tree, check=True, capture_output=True, text=True
    ).stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True, help="the earlier commit, tag or branch")
    parser.add_argument("--documents", type=int, default=600)
    parser.add_argument("--per-document", type=int, default=10, help="sentences per document")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each version (best kept)")
    parser.add_argument(
        "--without-store",
        action="store_true",
        help="this tree's build with its store left empty (files only, as before issue #17)",
    )
    parser.add_argument(
        "--one-document",
        action="store_true",
        help="the documents as paragraphs of one file (one long document)",
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="kg-versions-") as scratch:
        work = Path(scratch)
        baseline = work / "baseline"
        subprocess.run(
            ["git", "-C", str(REPO), "worktree", "add", "--detach", str(baseline), args.baseline],
            check=True,
            capture_output=True,
        )
        try:
            this = "this tree, no store" if args.without_store else "this tree"
            trees = {this: REPO, f"baseline {args.baseline}": baseline}
            for name, tree in trees.items():
                if Path(imported_from(tree)).resolve() != tree.resolve():
                    raise SystemExit(f"{name}: kg is not imported from {tree}")
            corpus = make_corpus(work / "corpus", args.documents, per_document=args.per_document)
            words = sum(len(p.read_text().split()) for p in corpus.glob("*.txt"))
            shape = f"{args.documents} documents"
            if args.one_document:
                texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
                corpus = work / "one"
                corpus.mkdir()
                (corpus / "long.txt").write_text("".join(texts), encoding="utf-8")
                shape = f"{args.documents} documents' text as one document"
            print(f"corpus: {shape}, {words:,} words (whitespace-separated)")
            best = dict.fromkeys(trees, float("inf"))
            least_cpu = dict.fromkeys(trees, float("inf"))
            for run in range(args.repeat):
                for name, tree in trees.items():
                    empty = args.without_store and tree == REPO
                    seconds, cpu = build_seconds(tree, corpus, work / "out", without_store=empty)
                    best[name] = min(best[name], seconds)
                    least_cpu[name] = min(least_cpu[name], cpu)
                    print(
                        f"  run {run + 1}  {name:<24} {seconds:7.2f} s   cpu {cpu:7.2f} s",
                        flush=True,
                    )
            print()
            for name, seconds in best.items():
                print(
                    f"{name:<26} best {seconds:7.2f} s   {words / seconds:9,.0f} words/s"
                    f"   least cpu {least_cpu[name]:7.2f} s"
                )
            this, base = best.values()
            print(f"this / baseline throughput: {base / this:.3f}x  (issue #16 target >= 0.95)")
            this_cpu, base_cpu = least_cpu.values()
            # A build may use a second core (the parse beside the build, the store's loader
            # threads): the wall time is what a user waits for, the CPU time what it costs.
            print(f"this / baseline CPU seconds: {this_cpu / base_cpu:.3f}x")
        finally:
            subprocess.run(
                ["git", "-C", str(REPO), "worktree", "remove", "--force", str(baseline)],
                check=False,
                capture_output=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
