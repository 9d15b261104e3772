"""The API reference is generated from the docstrings by pdoc without a warning."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_pdoc_writes_the_reference_without_warnings(tmp_path):
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "api_docs.sh"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
        env={"PYTHON": sys.executable, "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    page = (tmp_path / "kg.html").read_text(encoding="utf-8")
    for name in ("build", "open", "KnowledgeGraph.query", "KnowledgeGraph.to_networkx"):
        assert f'id="{name}"' in page, name
    assert "kg.build" in page and "&gt;&gt;&gt;" in page  # the examples are in the reference
    component = (tmp_path / "kg" / "component.html").read_text(encoding="utf-8")
    assert "kg_facts" in component


def test_the_script_fails_on_a_warning(tmp_path):
    # A module whose annotation pdoc cannot resolve: pdoc warns, and the script must fail.
    broken = tmp_path / "pkg"
    broken.mkdir()
    (broken / "brokenmod.py").write_text(
        '"""A module."""\n\n\ndef f(x: "NoSuchThing") -> int:\n    """Doc."""\n    return 1\n'
    )
    script = (ROOT / "scripts" / "api_docs.sh").read_text(encoding="utf-8")
    script = script.replace(
        "kg kg.api kg.component kg.errors kg.query kg.pipeline kg.types", "brokenmod"
    )
    script = script.replace('cd "$(dirname "$0")/.."', f'cd "{broken}"')
    (tmp_path / "api_docs.sh").write_text(script)
    result = subprocess.run(
        ["bash", str(tmp_path / "api_docs.sh"), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=600,
        env={"PYTHON": sys.executable, "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    assert "NoSuchThing" in result.stderr
