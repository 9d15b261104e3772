"""The README's "Use from Python" code runs as written and shows what its comments say."""

from __future__ import annotations

import datetime
import re

from conftest import ROOT


def python_blocks() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use from Python\n")[1].split("\n## ")[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def test_the_use_from_python_example_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    example, component = python_blocks()
    namespace: dict = {}
    exec(compile(example, "README.md", "exec"), namespace)
    graph = namespace["graph"]
    # The query's answer, as the comment under it shows it.
    query = re.search(r'graph\.query\("""(.*?)"""\)', example, re.S).group(1)
    shown = re.search(r"\n# (\[\{.*?\}\])\n(?!#)", example, re.S).group(1)
    expected = eval(shown.replace("\n#", ""), {"datetime": datetime})  # noqa: S307 - our README
    assert graph.query(query) == expected
    # The facts table as the comment shows its first rows.
    facts = namespace["facts"][["subject", "relation", "object", "negated", "time_value", "place"]]
    table = facts.to_string().splitlines()
    for line in re.findall(r"^# (\s*\d+ .*|\s+subject .*)$", example, re.M):
        assert line.rstrip() in [row.rstrip() for row in table], line
    assert (tmp_path / "talks.graphml").is_file()
    assert (tmp_path / "talks" / "graph.trig").is_file()
    assert namespace["network"].number_of_nodes() == len(graph.entities())

    exec(compile(component, "README.md", "exec"), namespace)
    doc = namespace["doc"]
    assert doc._.facts[0]["subject"] == "Scott Bessent"
    assert doc._.facts[0]["relation"] == "meet"
    assert any(m["kind"] == "pronoun" for m in doc._.mentions)
