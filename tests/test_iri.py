"""IRIs and literals from hostile names: every output format stays valid for tools nobody here
wrote (raptor's rapper, pyoxigraph's strict parsers, rdflib), no name can inject a triple, and
labels round-trip exactly (a lone surrogate, which RDF cannot hold, becomes U+FFFD)."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import Literal
from rdflib.namespace import RDF, RDFS

from kg.export import export
from kg.iri import MAX_LOCAL_NAME, check_iri, local_name, mint_iri, safe_literal
from kg.store import new_dataset
from kg.vocab import DOC, ENT, KG, REL

INJECTION = "x> <http://evil/p> <http://evil/o> . <http://evil/s"

HOSTILE = [
    "Scott Bessent",
    "with space",
    "<angle>",
    'quote"d',
    "{brace}",
    "pi|pe",
    "ca^ret",
    "back`tick",
    "back\\slash",
    "new\nline",
    "tab\there",
    "nul\x00byte",
    "lone \ud800 surrogate",
    "C#",
    "who?",
    "100%",
    "100%25",
    "a/b",
    "..",
    ".",
    "Acme Inc.",
    "-dash",
    "O'Brien & Co (Ltd)",
    "Zürich",
    "Zu\u0308rich",  # decomposed: the same IRI as "Zürich"
    "北京",
    "zero\u200bwidth",
    "\ufeffbom",
    "emoji 😀",
    "nonchar \ufffe\uffff",
    "del\x7f c1\x85",
    "",
    INJECTION,
    "x" * 100_000,
]

# Raptor's parser names for kg's RDF export formats.
RAPPER_SYNTAX = {"turtle": "turtle", "ntriples": "ntriples", "trig": "trig", "nquads": "nquads"}
OX_FORMAT = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}


def expected_label(name: str) -> str:
    """What a label must read back as: the name itself, except for what RDF cannot hold."""
    return name.replace("\ud800", "\ufffd").replace("\ufffe", "\ufffd").replace("\uffff", "\ufffd")


# --- mint_iri ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", HOSTILE)
def test_minted_iri_is_valid_and_stable(name):
    iri = mint_iri(ENT, name)
    assert str(iri).startswith(str(ENT))
    check_iri(str(iri))
    ox.NamedNode(str(iri))  # pyoxigraph validates IRIs strictly (RFC 3987)
    assert mint_iri(ENT, name) == iri
    assert len(local_name(name)) <= MAX_LOCAL_NAME


@pytest.mark.parametrize(
    ("name", "local"),
    [
        ("Scott Bessent", "Scott_Bessent"),
        ("  Scott \t\n Bessent ", "Scott_Bessent"),
        ("C#", "C%23"),
        ("who?", "who%3F"),
        ("100%", "100%25"),
        ("100%25", "100%2525"),
        ("a/b", "a%2Fb"),
        ("..", "%2E%2E"),
        ("Zürich", "Zürich"),
        ("Zu\u0308rich", "Zürich"),
        ("zero\u200bwidth", "zerowidth"),
        ("nul\x00byte", "nulbyte"),
        ("lone \ud800", "lone_%EF%BF%BD"),
        ("\ud83d\ude00", "%F0%9F%98%80"),  # a surrogate pair is the character it encodes
        ("<a>", "%3Ca%3E"),
        ("Acme Inc.", "Acme_Inc%2E"),
        ("U.S.", "U.S%2E"),
    ],
)
def test_local_names(name, local):
    assert local_name(name) == local


def test_injection_cannot_leave_the_iri():
    local = local_name(INJECTION)
    for forbidden in '<> "{}|^`\\#?/':
        assert forbidden not in local


def test_long_names_are_cut_with_a_hash_and_stay_distinct():
    first, second = "x" * 100_000, "x" * 99_999 + "y"
    assert len(local_name(first)) == MAX_LOCAL_NAME
    assert local_name(first) != local_name(second)
    assert local_name(first)[:100] == "x" * 100
    # A cut never splits a percent-escape.
    cut = local_name("%" * 1000)
    assert cut.split("-")[0].count("%") * 3 == len(cut.split("-")[0])


def test_distinct_visible_names_do_not_collide():
    names = [n for n in HOSTILE if n not in ("Zu\u0308rich",)]
    minted = {}
    for name in names:
        minted.setdefault(str(mint_iri(ENT, name)), []).append(name)
    collisions = {iri: group for iri, group in minted.items() if len(group) > 1}
    assert collisions == {}


def test_empty_and_invisible_names_still_get_an_iri():
    assert local_name("").startswith("_-")
    assert local_name("\x00") != local_name("")


def test_bad_namespaces_are_refused():
    with pytest.raises(ValueError):
        mint_iri("https://example.org/a b/", "x")
    with pytest.raises(ValueError):
        mint_iri("https://example.org/ns", "x")  # no separator: names would run into it
    with pytest.raises(ValueError):
        check_iri("not an iri")
    with pytest.raises(ValueError):
        check_iri("https://example.org/%zz")


# --- safe_literal --------------------------------------------------------------------------


def test_safe_literal_keeps_what_rdf_allows():
    for text in ["plain", "nul\x00", "tab\t", "\x01\x7f\x85", "😀", "Zu\u0308rich", INJECTION]:
        assert safe_literal(text) == text  # not even NFC-normalised: exact round trip


def test_safe_literal_replaces_what_rdf_cannot_hold():
    assert safe_literal("a\ud800b") == "a\ufffdb"
    assert safe_literal("\udfff") == "\ufffd"
    assert safe_literal("\ud83d\ude00") == "😀"
    assert safe_literal("\ufffe\uffff\ufdd0\U0001fffe") == "\ufffd" * 4
    with pytest.raises(TypeError):
        safe_literal(b"bytes")  # type: ignore[arg-type]


# --- end to end: hostile names through the store and every serialiser ----------------------


@pytest.fixture(scope="module")
def hostile_dataset():
    dataset = new_dataset()
    graph = dataset.graph(DOC["hostile"])
    for name in HOSTILE:
        entity = mint_iri(ENT, name)
        relation = mint_iri(REL, name)
        graph.add((entity, RDF.type, KG.Person))
        graph.add((entity, RDFS.label, Literal(safe_literal(name))))
        graph.add((entity, relation, mint_iri(ENT, "target")))
        # The same facts in the default graph, so triple formats and quad formats both see them.
        dataset.add((entity, RDFS.label, Literal(safe_literal(name))))
    return dataset


def labels_of(quads) -> dict[str, set[str]]:
    labels: dict[str, set[str]] = {}
    for quad in quads:
        if quad.predicate.value == str(RDFS.label):
            labels.setdefault(quad.subject.value, set()).add(quad.object.value)
    return labels


def assert_no_evil(quads) -> None:
    for quad in quads:
        for term in (quad.subject, quad.predicate, quad.object):
            if isinstance(term, ox.NamedNode):
                assert not term.value.startswith("http://evil"), term


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "trig", "nquads", "jsonld"])
def test_hostile_names_survive_strict_parsers(hostile_dataset, fmt):
    data = export(hostile_dataset, fmt, None)
    quads = list(ox.parse(data, format=OX_FORMAT[fmt]))  # raises on any syntax error
    assert_no_evil(quads)
    labels = labels_of(quads)
    expected: dict[str, set[str]] = {}
    for name in HOSTILE:  # "Zürich" written two ways is one entity with two labels
        expected.setdefault(str(mint_iri(ENT, name)), set()).add(expected_label(name))
    for iri, names in expected.items():
        assert labels[iri] == names, iri[:80]
    # rdflib reads the same thing back.
    rdflib_format = {"turtle": "turtle", "ntriples": "nt", "trig": "trig", "nquads": "nquads"}
    if fmt in rdflib_format:
        parsed = rdflib.Dataset()
        parsed.parse(data=data, format=rdflib_format[fmt])
        found = {str(o) for _, _, o, _ in parsed.quads((None, RDFS.label, None, None))}
        assert found == {expected_label(name) for name in HOSTILE}


@pytest.mark.skipif(
    shutil.which("rapper") is None, reason="rapper not found: apt-get install raptor2-utils"
)
@pytest.mark.parametrize("fmt", sorted(RAPPER_SYNTAX))
def test_hostile_names_pass_rapper(hostile_dataset, fmt, tmp_path: Path):
    path = tmp_path / f"hostile.{fmt}"
    export(hostile_dataset, fmt, path)
    expected = len(list(ox.parse(path.read_bytes(), format=OX_FORMAT[fmt])))
    result = subprocess.run(
        ["rapper", "-c", "-i", RAPPER_SYNTAX[fmt], str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr, result.stderr
    assert f"returned {expected} triples" in result.stderr
    # And raptor's own reading of the file holds no injected IRI.
    dump = subprocess.run(
        ["rapper", "-q", "-i", RAPPER_SYNTAX[fmt], "-o", "nquads", str(path)],
        capture_output=True,
        timeout=60,
    )
    assert dump.returncode == 0
    raptor_quads = list(ox.parse(dump.stdout, format=ox.RdfFormat.N_QUADS))
    assert len(raptor_quads) == expected
    assert_no_evil(raptor_quads)


def test_rdflib_alone_would_have_failed():
    """Why this module exists: the raw name is not a usable IRI for the store."""
    with pytest.raises(ValueError):
        ox.NamedNode(str(ENT) + INJECTION)
    assert unicodedata.is_normalized("NFC", local_name("Zu\u0308rich"))
