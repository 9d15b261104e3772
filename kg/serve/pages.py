"""The endpoint's own pages: a short index (when the build folder has no graph.html) and the
security headers every page of the server is sent with. The query page is kg/serve/querypage.py,
the entity page kg/serve/entity.py."""

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


INDEX_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kg</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 2em auto">
<h1>kg</h1>
<p>A read-only knowledge graph of {triples} triples.</p>
<ul>
<li><a href="/query">Query page</a></li>
<li><form action="/entity" method="get">Entity page: <input name="name" aria-label="Entity name">
<button type="submit">Open</button></form></li>
<li>SPARQL 1.1 endpoint: <code>/sparql</code> (GET <code>?query=</code> or POST)</li>
<li><a href="/health">Health</a></li>
</ul>
<p>No graph view here: build one with <code>kg view</code> or <code>kg build</code>.</p>
</body></html>
"""
