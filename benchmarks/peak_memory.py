"""Peak memory of ``kg build`` as the corpus grows: does a 20x larger corpus stay within 1.5x?

    .venv/bin/python benchmarks/peak_memory.py [--sizes 1000,5000] [--per-document 10]
                                               [--jobs 1] [--no-view] [--keep DIR]

The issue's figure is ``--sizes 1000,20000`` (target: peak RSS at 20,000 documents <= 1.5x that
at 1,000). The default stops at 5,000 because 20,000 documents take about 18 minutes on two
shared cores with one job; 5,000 already shows whether memory grows with the corpus.

Each size is a corpus of real sentences (benchmarks/corpus.py) built by the real CLI,
``.venv/bin/kg build CORPUS -o OUT``, in a fresh process, so nothing is shared between sizes.
Peak RSS comes from GNU time (``/usr/bin/time -v``, "Maximum resident set size") when it is
installed, else from ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` in a fresh wrapper process. Both
give the largest single process of the build (with ``--jobs`` > 1, the largest of the parent and
its workers), not their sum.
"""

from __future__ import annotations

import argparse
import os
import re
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

KG = REPO / ".venv" / "bin" / "kg"
GNU_TIME = Path("/usr/bin/time")
TARGET_RATIO = 1.5


def measure(command: list[str]) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MB, last line of stdout) of COMMAND run in a fresh process."""
    started = time.perf_counter()
    if GNU_TIME.exists():
        done = subprocess.run(
            [str(GNU_TIME), "-v", *command], capture_output=True, text=True, check=False
        )
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
        peak_kb = int(found.group(1)) if found else -1
    else:
        # ru_maxrss of RUSAGE_CHILDREN is the maximum over every child reaped so far, so each
        # build gets a wrapper process of its own that reports on its only child.
        wrapper = [sys.executable, __file__, "--measure-child", "--", *command]
        done = subprocess.run(wrapper, capture_output=True, text=True, check=False)
        found = re.search(r"^peak_kb (\d+)$", done.stderr, re.MULTILINE)
        peak_kb = int(found.group(1)) if found else -1
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{tail}")
    lines = done.stdout.strip().splitlines()
    summary = next(
        (line for line in lines if line.startswith("built ")), lines[-1] if lines else ""
    )
    return seconds, peak_kb / 1024, summary


def _measure_child(command: list[str]) -> int:
    done = subprocess.run(command, check=False)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # kilobytes on Linux
    print(f"peak_kb {peak_kb}", file=sys.stderr)
    return done.returncode


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:2] == ["--measure-child", "--"]:
        return _measure_child(argv[2:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="1000,5000",
        help="documents per build, comma-separated; the issue's figure is 1000,20000",
    )
    parser.add_argument("--per-document", type=int, default=10, help="sentences per document")
    parser.add_argument("--jobs", type=int, default=1, help="kg build --jobs")
    parser.add_argument("--no-view", action="store_true", help="kg build --no-view")
    parser.add_argument("--keep", type=Path, help="build here and keep corpora and outputs")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]

    work = args.keep or Path(tempfile.mkdtemp(prefix="kg-peak-memory-"))
    how = "/usr/bin/time -v" if GNU_TIME.exists() else "getrusage(RUSAGE_CHILDREN)"
    print(
        f"kg build -j {args.jobs}{' --no-view' if args.no_view else ''}, "
        f"{args.per_document} sentences per document; peak RSS by {how}; "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}"
    )
    print(f"{'documents':>10}{'seconds':>10}{'docs/s':>9}{'peak RSS MB':>13}  summary")
    results: list[tuple[int, float]] = []
    try:
        for size in sizes:
            corpus = make_corpus(work / f"corpus-{size}", size, per_document=args.per_document)
            out = work / f"out-{size}"
            shutil.rmtree(out, ignore_errors=True)  # a fresh build, not an incremental one
            command = [str(KG), "build", str(corpus), "-o", str(out), "-j", str(args.jobs)]
            if args.no_view:
                command.append("--no-view")
            seconds, peak_mb, summary = measure(command)
            results.append((size, peak_mb))
            print(
                f"{size:>10}{seconds:>10.1f}{size / seconds:>9.1f}{peak_mb:>13.1f}  {summary}",
                flush=True,
            )
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    (small, small_mb), (large, large_mb) = results[0], results[-1]
    ratio = large_mb / small_mb
    verdict = "pass" if ratio <= TARGET_RATIO else "FAIL"
    print(
        f"peak RSS {large} / {small} documents: {ratio:.2f}x "
        f"(target <= {TARGET_RATIO}x at 20,000 / 1,000: {verdict}"
        f"{'' if large >= 20_000 else '; measured at ' + str(large) + ', not 20,000'})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
