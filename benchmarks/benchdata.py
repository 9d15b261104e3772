"""Where the benchmark data sets are (CaRB, MEANTIME, ECB+): none is in this repository, for their
size and licences. The folder that holds them is ``$KG_BENCHMARKS`` when set, else
``../shared/benchmarks`` beside the repository (where the project's machines keep them); each
script's ``--data`` names one data set's folder directly.

A script started without its data stops with one line saying where it looked and how to point
it elsewhere, not a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENVIRONMENT_VARIABLE = "KG_BENCHMARKS"
REPO = Path(__file__).resolve().parent.parent


def benchmarks_folder() -> Path:
    """The folder of the data sets: $KG_BENCHMARKS, else ../shared/benchmarks."""
    configured = os.environ.get(ENVIRONMENT_VARIABLE)
    return Path(configured) if configured else REPO.parent / "shared" / "benchmarks"


def data_folder(name: str) -> Path:
    """The default folder of data set NAME ("carb", "meantime", "ecbplus")."""
    return benchmarks_folder() / name


def require(path: Path, name: str) -> Path:
    """PATH, or exit with one line on stderr if it does not exist: the data set NAME is not
    there, and how to say where it is."""
    if not path.exists():
        script = Path(sys.argv[0]).name
        sys.exit(
            f"{script}: error: {path}: no {name} data here; set {ENVIRONMENT_VARIABLE} to the "
            f"folder that holds {name}/ (now {benchmarks_folder()}) or pass --data FOLDER"
        )
    return path
