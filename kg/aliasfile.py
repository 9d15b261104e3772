"""A user's alias file: the names kg must merge or keep apart, as ``kg build --aliases`` reads
it (CSV rows ``name,canonical[,same|different]``, or Turtle with ``skos:altLabel``,
``owl:sameAs`` and ``owl:differentFrom``). The rules win over every rule of the resolve stage.
"""

from __future__ import annotations

import csv
from pathlib import Path

from rdflib.namespace import OWL, RDFS, SKOS

from kg.coref.names import AliasRules, normalise_name
from kg.errors import KgError

__all__ = ["load_alias_rules"]


def load_alias_rules(path: str | Path) -> AliasRules:
    """Read a user's alias file: CSV rows ``name,canonical[,same|different]`` (a header row is
    optional), or Turtle in which ``skos:altLabel`` / ``owl:sameAs`` merge and
    ``owl:differentFrom`` splits entities named by their ``rdfs:label``."""
    file = Path(path)
    if not file.is_file():
        raise KgError(f"{file}: alias file not found")
    same: dict[str, str] = {}
    different: set[frozenset[str]] = set()
    if file.suffix.lower() in (".ttl", ".turtle"):
        _read_alias_turtle(file, same, different)
    else:
        for number, row in _csv_rows(file):
            cells = [c.strip() for c in row]
            if not any(cells) or (number == 1 and cells[:2] == ["name", "canonical"]):
                continue
            if len(cells) < 2 or not cells[0] or not cells[1]:
                raise KgError(f"{file}:{number}: expected name,canonical[,same|different]")
            relation = cells[2].lower() if len(cells) > 2 and cells[2] else "same"
            name, other = normalise_name(cells[0]), normalise_name(cells[1])
            if relation == "same":
                same[name] = other
            elif relation == "different":
                different.add(frozenset((name, other)))
            else:
                raise KgError(f"{file}:{number}: relation {relation!r} is not same or different")
    return AliasRules(same=same, different=frozenset(different))


def _csv_rows(file: Path) -> list[tuple[int, list[str]]]:
    """The CSV rows of FILE, each with the line it starts on. The csv module reads the file
    itself (newline=""): splitting it into lines first broke quoted fields holding a line break
    or a character str.splitlines() takes for one (\\x0b, \\x0c, \\x85, U+2028), and made every
    later line number wrong."""
    rows: list[tuple[int, list[str]]] = []
    try:
        with file.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            while True:
                start = reader.line_num + 1
                try:
                    row = next(reader)
                except StopIteration:
                    return rows
                except csv.Error as error:
                    raise KgError(f"{file}:{start}: not valid CSV ({error})") from None
                rows.append((start, row))
    except UnicodeDecodeError:
        raise KgError(f"{file}: alias file is not UTF-8 text") from None


def _read_alias_turtle(file: Path, same: dict[str, str], different: set[frozenset[str]]) -> None:
    import pyoxigraph as ox

    try:
        with file.open("rb") as handle:
            triples = list(ox.parse(handle, format=ox.RdfFormat.TURTLE))
    except SyntaxError as error:
        raise KgError(f"{file}: not valid Turtle: {error}") from None
    label_of = {t.subject: t.object.value for t in triples if t.predicate.value == str(RDFS.label)}
    for t in triples:
        predicate = t.predicate.value
        if predicate == str(SKOS.altLabel) and t.subject in label_of:
            same[normalise_name(t.object.value)] = normalise_name(label_of[t.subject])
        elif (
            predicate in (str(OWL.sameAs), str(OWL.differentFrom))
            and t.subject in label_of
            and t.object in label_of
        ):
            a, b = normalise_name(label_of[t.subject]), normalise_name(label_of[t.object])
            if predicate == str(OWL.sameAs):
                same[a] = b
            else:
                different.add(frozenset((a, b)))
