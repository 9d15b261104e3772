"""kg writes N-Triples terms as text (kg/rdf.py): they must be exactly what pyoxigraph writes for
the same terms, or a graph's bytes would depend on the path it took."""

from __future__ import annotations

import pyoxigraph as ox

from kg.iri import safe_literal
from kg.rdf import _double_text, _integer, _text

_S, _P = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")
_XSD = "http://www.w3.org/2001/XMLSchema#"


def pyoxigraph_term(obj: ox.Literal) -> str:
    line = ox.serialize([ox.Triple(_S, _P, obj)], format=ox.RdfFormat.N_TRIPLES).decode()
    return line[len("<http://example.org/s> <http://example.org/p> ") : -len(" .\n")]


def test_every_character_is_escaped_as_pyoxigraph_escapes_it():
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert _text(every) == pyoxigraph_term(ox.Literal(safe_literal(every)))


def test_hostile_text_is_one_valid_literal():
    hostile = 'x" .\n<http://evil/s> <http://evil/p> "y\\'
    written = f"<http://example.org/s> <http://example.org/p> {_text(hostile)} .\n"
    (parsed,) = ox.parse(written.encode(), format=ox.RdfFormat.N_TRIPLES)
    assert parsed.object.value == hostile


def test_numbers_are_written_in_the_form_a_store_gives_back():
    store = ox.Store()
    for number, value in enumerate([0.0, 1.0, 0.5, 0.837, 0.8370001, 0.05, 0.00012, 0.99999]):
        term = ox.Literal(_double_text(value), datatype=ox.NamedNode(_XSD + "double"))
        store.add(ox.Quad(ox.NamedNode(f"http://example.org/{number}"), _P, term))
        (stored,) = store.quads_for_pattern(
            ox.NamedNode(f"http://example.org/{number}"), None, None
        )
        assert stored.object.value == _double_text(value)
        assert float(stored.object.value) == round(value, 4)
    assert _integer(17) == pyoxigraph_term(
        ox.Literal("17", datatype=ox.NamedNode(_XSD + "integer"))
    )
