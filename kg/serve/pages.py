"""The endpoint's own pages: a short index (when the build folder has no graph.html) and a small
query page, with the security headers they are sent with."""

from __future__ import annotations


def page_headers(nonce: str) -> dict[str, str]:
    # The pages run only their own inline script and talk only to this server.
    script = f"'nonce-{nonce}'" if nonce else "'none'"
    return {
        "Content-Security-Policy": (
            f"default-src 'none'; script-src {script}; style-src 'unsafe-inline'; "
            "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        ),
        "Referrer-Policy": "no-referrer",
    }


EXAMPLE_QUERY = """\
SELECT ?subject ?relation ?object WHERE {
  ?s a kg:Statement ; rdf:subject ?subject ; rdf:predicate ?relation ; rdf:object ?object .
}
LIMIT 25"""

INDEX_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kg</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 2em auto">
<h1>kg</h1>
<p>A read-only knowledge graph of {triples} triples.</p>
<ul>
<li><a href="/query">Query page</a></li>
<li>SPARQL 1.1 endpoint: <code>/sparql</code> (GET <code>?query=</code> or POST)</li>
<li><a href="/health">Health</a></li>
</ul>
<p>No graph view here: build one with <code>kg view</code> or <code>kg build</code>.</p>
</body></html>
"""

# Results are put on the page with textContent only: a literal in the graph is text, never HTML.
QUERY_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kg query</title>
<style>
body { font-family: sans-serif; margin: 1.5em; }
textarea { width: 100%; height: 12em; font-family: monospace; }
table { border-collapse: collapse; margin-top: 1em; }
td, th { border: 1px solid #ccc; padding: 0.2em 0.5em; font-size: 0.9em; text-align: left; }
#status.error { color: #b00; }
pre { background: #f6f6f6; padding: 0.5em; }
</style></head>
<body>
<h1>kg query</h1>
<p>Prefixes kg:, ent:, rel:, doc:, stmt:, rdf:, rdfs:, owl:, xsd:, skos:, schema:, prov:,
dcterms: are declared for you. The graph is read-only. <a href="/">Graph</a></p>
<form id="form">
<textarea id="query" name="query" spellcheck="false">{example}</textarea>
<button type="submit">Run</button> <span id="status"></span>
</form>
<div id="results"></div>
<script nonce="{nonce}">
const form = document.getElementById("form");
const statusLine = document.getElementById("status");
const results = document.getElementById("results");

function cell(term) {
  if (!term) return "";
  if (term.type === "literal" && term["xml:lang"]) return term.value + " @" + term["xml:lang"];
  return term.value;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  results.replaceChildren();
  statusLine.className = "";
  statusLine.textContent = "running…";
  const started = performance.now();
  try {
    const response = await fetch("/sparql", {
      method: "POST",
      headers: {
        "Content-Type": "application/sparql-query",
        "Accept": "application/sparql-results+json, text/turtle;q=0.9",
      },
      body: document.getElementById("query").value,
    });
    const text = await response.text();
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (!response.ok) {
      statusLine.className = "error";
      statusLine.textContent = text;
      return;
    }
    const truncated = response.headers.get("X-KG-Truncated") ? " (truncated)" : "";
    if (!(response.headers.get("Content-Type") || "").includes("json")) {
      const pre = document.createElement("pre");
      pre.textContent = text;
      results.append(pre);
      statusLine.textContent = seconds + " s" + truncated;
      return;
    }
    const data = JSON.parse(text);
    if ("boolean" in data) {
      statusLine.textContent = String(data.boolean) + " in " + seconds + " s";
      return;
    }
    const table = document.createElement("table");
    const head = table.insertRow();
    for (const name of data.head.vars) {
      const th = document.createElement("th");
      th.textContent = "?" + name;
      head.append(th);
    }
    for (const binding of data.results.bindings) {
      const row = table.insertRow();
      for (const name of data.head.vars) row.insertCell().textContent = cell(binding[name]);
    }
    results.append(table);
    const count = data.results.bindings.length;
    statusLine.textContent = count + " rows in " + seconds + " s" + truncated;
  } catch (error) {
    statusLine.className = "error";
    statusLine.textContent = String(error);
  }
});
</script>
</body></html>
"""
