"""Every module of the extraction and coreference packages imports on its own, first, in a new
interpreter: the two packages import each other (coreference reads extraction's tokens and
verb lists, extraction reads the noun lexicon), and a cycle between them only shows when a
user's first import is the module that closes it ("from kg.coref.mentions import ...")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(
    ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    for package in ("kg/coref", "kg/extract")
    for path in (ROOT / package).glob("*.py")
)


def test_the_packages_have_modules():
    assert "kg.coref.mentions" in MODULES
    assert "kg.extract.subjects" in MODULES


def test_every_module_imports_first_on_its_own():
    # One interpreter per module (the first import is the point), all started at once.
    runs = {
        module: subprocess.Popen(
            [sys.executable, "-c", f"import {module}"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for module in MODULES
    }
    failed = {}
    for module, run in runs.items():
        _, error = run.communicate(timeout=120)
        if run.returncode != 0:
            failed[module] = error.strip().splitlines()[-1]
    assert not failed, failed
