"""The query page of ``kg serve`` (``/query``): the example queries of the project's ``queries/``
folder one click away, results with labels (IRIs of entities as links to their pages), CSV, TSV
and JSON downloads, the time the query took, and errors with their line and column marked in the
query.

Every query the page runs, the label look-up included, is sent to ``/sparql``: the same guarded
path (no SERVICE, FROM or updates, time limit, row cap) as any other client. Results reach the
page as SPARQL JSON and the DOM through ``textContent`` and ``href`` only (an entity link is this
server's ``/entity?iri=`` with the IRI percent-encoded), so a literal is text, never HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

import kg
from kg.iri import json_for_script

# The project's example queries: queries/ beside the kg package in a checkout.
QUERIES_FOLDER = Path(kg.__file__).resolve().parent.parent / "queries"

# The query the page opens with when there are no examples.
DEFAULT_QUERY = """\
SELECT ?subject ?relation ?object WHERE {
  ?s a kg:Statement ; rdf:subject ?subject ; rdf:predicate ?relation ; rdf:object ?object .
}
LIMIT 25"""


@dataclass(frozen=True)
class Example:
    name: str  # the file name without .rq
    title: str  # its first comment line
    query: str


def example_queries(folder: Path = QUERIES_FOLDER) -> list[Example]:
    """The ``*.rq`` files of FOLDER, by name; none when the folder is not there."""
    examples = []
    try:
        files = sorted(folder.glob("*.rq"))
    except OSError:
        return []
    for file in files:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        first = next((line for line in text.splitlines() if line.strip()), "")
        title = first.lstrip("#").strip() if first.startswith("#") else file.stem
        examples.append(Example(file.stem, title, text.strip()))
    return examples


def render_query_page(nonce: str, examples: list[Example], prefixes: dict[str, str]) -> str:
    """The query page; NONCE lets its one inline script run under the page's CSP."""
    if not re.fullmatch(r"[A-Za-z0-9_-]+", nonce):
        raise ValueError("a nonce is URL-safe base64")
    first = examples[0].query if examples else DEFAULT_QUERY
    data = {
        "examples": [{"name": e.name, "title": e.title, "query": e.query} for e in examples],
        "prefixes": prefixes,
    }
    fields = {
        "nonce": nonce,
        "query": escape(first),
        "data": json_for_script(data),
        "prefixes": escape(", ".join(f"{p}:" for p in prefixes)),
    }
    # One pass: a text put in cannot be read as another field's place.
    return re.sub(r"\{(nonce|query|data|prefixes)\}", lambda m: fields[m.group(1)], QUERY_PAGE)


QUERY_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kg query</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0; color: #1f2933; }
header { display: flex; gap: 1rem; align-items: center; padding: 0.5rem 1.2rem;
  background: #f5f7fa; border-bottom: 1px solid #d9e2ec; }
header nav a { margin-right: 0.8rem; }
main { display: flex; gap: 1.2rem; padding: 0.8rem 1.2rem; align-items: flex-start; }
#examples { width: 16rem; flex: none; font-size: 0.88rem; }
#examples h2 { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.05em;
  color: #52606d; margin: 0.2rem 0 0.4rem; }
#examples button { display: block; width: 100%; text-align: left; margin: 0 0 0.35rem;
  padding: 0.35rem 0.5rem; border: 1px solid #d9e2ec; background: #fff; border-radius: 4px;
  cursor: pointer; font: inherit; }
#examples button:hover, #examples button.current { border-color: #4e79a7; background: #eef4fb; }
#examples .name { font-family: monospace; color: #334e68; display: block; }
#work { flex: 1; min-width: 0; }
textarea { width: 100%; box-sizing: border-box; height: 14em; font-family: monospace;
  font-size: 0.9rem; }
.bar { display: flex; gap: 0.8rem; align-items: center; margin: 0.4rem 0; flex-wrap: wrap; }
#status.error { color: #b00; white-space: pre-wrap; }
#downloads a { margin-right: 0.6rem; }
#where { background: #fff4f4; border: 1px solid #f0c4c4; padding: 0.4rem; margin: 0.3rem 0;
  font-family: monospace; white-space: pre; overflow-x: auto; }
table { border-collapse: collapse; margin-top: 0.6rem; font-size: 0.88rem; }
td, th { border: 1px solid #d9e2ec; padding: 0.2rem 0.5rem; text-align: left;
  vertical-align: top; }
th { background: #f5f7fa; }
td .iri { color: #7b8794; font-family: monospace; font-size: 0.8rem; }
td .lang, td .type { color: #7b8794; font-size: 0.75rem; margin-left: 0.3rem; }
pre.graph { background: #f6f6f6; padding: 0.5em; overflow-x: auto; }
.hint { color: #7b8794; font-size: 0.85rem; }
</style></head>
<body>
<header><strong>kg query</strong><nav><a href="/">Graph</a><a href="/query">Query</a></nav>
<span class="hint">Read-only. Prefixes {prefixes} are declared for you.</span></header>
<main>
<aside id="examples"><h2>Examples</h2></aside>
<section id="work">
<form id="form">
<textarea id="query" name="query" spellcheck="false" aria-label="SPARQL query">{query}</textarea>
<div class="bar"><button type="submit" id="run">Run</button>
<span class="hint">Ctrl+Enter runs it</span>
<span id="status" role="status"></span>
<span id="downloads" hidden>Download:
 <a id="csv" download="result.csv">CSV</a><a id="tsv" download="result.tsv">TSV</a><a
 id="json" download="result.json">JSON</a></span></div>
</form>
<div id="where" hidden></div>
<div id="results"></div>
</section>
</main>
<script type="application/json" id="kg-data">{data}</script>
<script nonce="{nonce}">
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var form = document.getElementById("form");
  var editor = document.getElementById("query");
  var statusLine = document.getElementById("status");
  var results = document.getElementById("results");
  var where = document.getElementById("where");
  var downloads = document.getElementById("downloads");
  var REL = data.prefixes.rel;
  var LABELS_AT_ONCE = 400;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // ---- examples: one click puts the query in the editor and runs it
  var exampleBox = document.getElementById("examples");
  data.examples.forEach(function (example) {
    var button = el("button");
    button.type = "button";
    button.dataset.example = example.name;
    button.appendChild(el("span", "name", example.name));
    button.appendChild(document.createTextNode(example.title));
    button.addEventListener("click", function () {
      exampleBox.querySelectorAll("button").forEach(function (b) { b.className = ""; });
      button.className = "current";
      editor.value = example.query;
      run();
    });
    exampleBox.appendChild(button);
  });
  if (!data.examples.length) exampleBox.appendChild(el("p", "hint", "No queries/ folder here."));

  function compact(iri) {
    var best = null;
    Object.keys(data.prefixes).forEach(function (p) {
      var ns = data.prefixes[p];
      if (iri.indexOf(ns) === 0 && (!best || ns.length > data.prefixes[best].length)) best = p;
    });
    return best ? best + ":" + iri.slice(data.prefixes[best].length) : iri;
  }

  // IRIs that can be written inside <...> in a query as they are.
  function writable(iri) { return !/[\\s<>"{}|^`\\\\]/.test(iri); }

  async function sparql(query, accept) {
    return fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query", "Accept": accept },
      body: query,
    });
  }

  // Labels of the IRIs in the result, through the same /sparql endpoint.
  async function labels(iris) {
    var found = {};
    var list = iris.filter(writable);
    for (var i = 0; i < list.length; i += LABELS_AT_ONCE) {
      var part = list.slice(i, i + LABELS_AT_ONCE).map(function (x) { return "<" + x + ">"; });
      var response = await sparql("SELECT ?i (MIN(STR(?l)) AS ?label) WHERE { VALUES ?i { " +
        part.join(" ") + " } ?i rdfs:label ?l } GROUP BY ?i", "application/sparql-results+json");
      if (!response.ok) break;
      var answer = await response.json();
      answer.results.bindings.forEach(function (b) {
        if (b.label) found[b.i.value] = b.label.value;
      });
    }
    return found;
  }

  function iriCell(cell, iri, label) {
    if (label !== undefined && iri.indexOf(REL) !== 0) {
      var link = el("a", "entity", label);
      link.href = "/entity?iri=" + encodeURIComponent(iri);
      link.title = iri;
      cell.appendChild(link);
    } else if (label !== undefined) {
      cell.appendChild(el("span", null, label));
      cell.title = iri;
    } else {
      cell.appendChild(el("span", "iri", compact(iri)));
      cell.title = iri;
    }
  }

  function literalCell(cell, term) {
    cell.appendChild(document.createTextNode(term.value));
    if (term["xml:lang"]) cell.appendChild(el("span", "lang", "@" + term["xml:lang"]));
  }

  function showError(text) {
    statusLine.className = "error";
    statusLine.textContent = text;
    var at = /line (\\d+), column (\\d+)/.exec(text);
    if (!at) return;
    var line = Number(at[1]), column = Number(at[2]);
    var lines = editor.value.split("\\n");
    if (line < 1 || line > lines.length) return;
    var offset = 0;
    for (var i = 0; i < line - 1; i++) offset += lines[i].length + 1;
    offset += Math.max(0, Math.min(column - 1, lines[line - 1].length));
    where.hidden = false;
    where.textContent = "line " + line + ": " + lines[line - 1] + "\\n" +
      " ".repeat(("line " + line + ": ").length + Math.max(0, column - 1)) + "^";
    editor.focus();
    editor.setSelectionRange(offset, Math.min(offset + 1, editor.value.length));
  }

  function setDownloads(query) {
    ["csv", "tsv", "json"].forEach(function (format) {
      document.getElementById(format).href =
        "/sparql?format=" + format + "&query=" + encodeURIComponent(query);
    });
    downloads.hidden = false;
  }

  async function run() {
    var query = editor.value;
    results.replaceChildren();
    where.hidden = true;
    downloads.hidden = true;
    statusLine.className = "";
    statusLine.textContent = "running\\u2026";
    document.body.dataset.state = "running";
    var started = performance.now();
    try {
      var response = await sparql(query,
        "application/sparql-results+json, text/turtle;q=0.9");
      var text = await response.text();
      var seconds = ((performance.now() - started) / 1000).toFixed(3);
      var took = response.headers.get("X-KG-Seconds");
      var timing = (took ? "query " + Number(took).toFixed(3) + " s, " : "") +
        "page " + seconds + " s";
      if (!response.ok) {
        showError(text.trim());
        document.body.dataset.state = "error";
        return;
      }
      var truncated = response.headers.get("X-KG-Truncated") ? " (truncated)" : "";
      if (!(response.headers.get("Content-Type") || "").includes("json")) {
        results.appendChild(el("pre", "graph", text));
        statusLine.textContent = timing + truncated;
        document.body.dataset.state = "done";
        return;
      }
      var answer = JSON.parse(text);
      if ("boolean" in answer) {
        statusLine.textContent = String(answer.boolean) + " \\u00b7 " + timing;
        document.body.dataset.state = "done";
        return;
      }
      var iris = new Set();
      answer.results.bindings.forEach(function (b) {
        Object.keys(b).forEach(function (k) { if (b[k].type === "uri") iris.add(b[k].value); });
      });
      var names = await labels(Array.from(iris));
      var table = el("table");
      table.id = "result";
      var head = table.insertRow();
      answer.head.vars.forEach(function (name) { head.appendChild(el("th", null, "?" + name)); });
      answer.results.bindings.forEach(function (binding) {
        var row = table.insertRow();
        answer.head.vars.forEach(function (name) {
          var cell = row.insertCell();
          var term = binding[name];
          if (!term) return;
          if (term.type === "uri") iriCell(cell, term.value, names[term.value]);
          else literalCell(cell, term);
        });
      });
      results.appendChild(table);
      var count = answer.results.bindings.length;
      statusLine.textContent = count + " row" + (count === 1 ? "" : "s") + truncated +
        " \\u00b7 " + timing;
      setDownloads(query);
      document.body.dataset.state = "done";
    } catch (error) {
      statusLine.className = "error";
      statusLine.textContent = String(error);
      document.body.dataset.state = "error";
    }
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  editor.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  window.kgQuery = { run: run };
})();
</script>
</body></html>
"""
