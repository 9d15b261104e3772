"""docs/example.ipynb runs headless (nbclient, a real ipykernel) so that it cannot go stale."""

from __future__ import annotations

import html
import re

import nbformat
import pytest
from conftest import ROOT
from nbclient import NotebookClient

NOTEBOOK = ROOT / "docs" / "example.ipynb"


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path_factory.mktemp("notebook"))}},
    )
    client.execute()  # raises CellExecutionError naming the cell if any cell fails
    return notebook


def outputs(cell) -> str:
    """Everything a cell showed: text, plain results and HTML."""
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        data = output.get("data", {})
        parts.append(data.get("text/plain", ""))
        parts.append(data.get("text/html", ""))
    return "\n".join(parts)


def cell_with(notebook, source: str):
    (cell,) = [c for c in notebook.cells if c.cell_type == "code" and source in c.source]
    return cell


def test_the_notebook_runs_without_errors(executed):
    code = [cell for cell in executed.cells if cell.cell_type == "code"]
    assert code and all(cell.execution_count for cell in code)
    assert not [o for cell in code for o in cell.outputs if o.output_type == "error"]


def test_the_graph_shows_as_the_interactive_view(executed):
    shown = cell_with(executed, "graph = kg.build(articles)").outputs[0]["data"]["text/html"]
    assert shown.startswith('<iframe sandbox="allow-scripts"')
    page = html.unescape(re.search(r'srcdoc="([^"]*)"', shown).group(1))
    assert "Scott Bessent" in page and "Olaf Scholz" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)


def test_the_notebook_shows_what_its_text_says(executed):
    meetings = outputs(cell_with(executed, "rows = graph.query"))
    assert "Scott Bessent" in meetings and "2025-10-25" in meetings  # "on Saturday"
    assert "Li Qiang" in meetings and "2025-10-30" in meetings  # "on Thursday"
    facts = outputs(cell_with(executed, "facts = graph.facts()"))
    assert "dataframe#berlin" in facts and "confirm" in facts
    people = outputs(cell_with(executed, "network = graph.to_networkx()"))
    assert "'He Lifeng', 'Li Qiang', 'Olaf Scholz', 'Scott Bessent'" in people
    assert "merged because" in outputs(cell_with(executed, 'graph.explain("Bessent")'))
    reopened = outputs(cell_with(executed, "reopened = kg.open(folder)"))
    assert re.search(r"<KnowledgeGraph .*graph.trig: 2 documents, 4 sentences, 5 facts>", reopened)
    component = outputs(cell_with(executed, 'nlp.add_pipe("kg_facts")'))
    assert "('Scott Bessent', 'meet', 'He Lifeng')" in component
