"""Clause-based extraction: one clause per verb, its subjects, its objects, its qualifiers.

A clause is a verb with everything that depends on it. Subjects are read from the verb, or
inherited when English leaves them out (a conjoined verb shares its subject; a relative clause's
subject is the noun it modifies; a participle's is the noun or clause subject it describes).
Objects are the direct object or complement, each prepositional object, and a clausal
complement. A control chain ("threatened to impose") is read as one clause whose relation is the
matrix verb and whose objects are the embedded verb's.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from operator import attrgetter

from spacy.strings import get_string_id
from spacy.tokens import Span, Token

from kg.extract import qualifiers as q
from kg.extract.arguments import (
    RELATIVE_PRONOUNS,
    argument_tokens,
    clause_argument,
    concept_key,
    conjuncts,
    make_argument,
    nominal_arguments,
)
from kg.extract.tokens import (
    by_position,
    children,
    doc_cache,
    rights,
    string_ids,
    strip_edges,
    subtree,
    subtree_text,
    tokens_where,
)
from kg.types import Argument, Mention, Qualifiers, Sentence, Triple

# Dependencies naming a clause's subject: nominal and clausal, active and passive.
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})

# A clause's direct objects and complements: dobj ("reached an agreement"), attr of a copula
# ("is a footballer"), acomp ("has been tough"), oprd ("named him chairman").
_OBJECT_DEPS = frozenset({"dobj", "attr", "acomp", "oprd"})

# Words that head a verb token but are modifiers, not clauses: "proposed export curbs" (amod),
# "follow-up meetings" (compound). Auxiliaries belong to their verb's clause.
_NON_CLAUSE_DEPS = frozenset({"amod", "compound", "aux", "auxpass", "nmod", "det", "prep", "mark"})

# Verbs whose infinitival complement carries the event: "has yet to issue" (the event is
# negated), "is going to meet" (future), "is set to expire" (scheduled), "used to": the
# relation is the embedded verb, the matrix verb becomes a qualifier.
_LIGHT_CONTROL_LEMMAS = frozenset({"go", "have", "use", "be", "about", "set", "due", "likely"})

# Verbs that mean "meet with": the preposition "with" marks the other participant (comitative),
# so "met with C" is the symmetric relation "meet".
_COMITATIVE_VERBS = frozenset({"meet", "talk", "negotiate", "speak", "confer", "consult"})

# Confidence is a product of factors, each the reliability of one inference as measured on
# CaRB's dev split (the share of such extractions' tokens that the gold confirms). A subject
# written next to its verb is the most reliable; every inference (shared subject, relative
# clause antecedent, participle) costs a little. Prepositional and clausal objects are as
# reliable as direct ones once attached to the right verb.
_SUBJECT_CONFIDENCE = {
    "subject": 1.0,
    "shared": 0.92,
    "relative": 0.85,
    "control": 0.8,
    "participle": 0.7,
}
_OBJECT_CONFIDENCE = {
    "direct": 0.9,
    "copula": 0.85,
    "prep": 0.75,
    "agent": 0.8,
    "clause": 0.6,
    "time": 0.5,
    "noun": 0.7,
    "apposition": 0.6,
}

# Parse errors grow with sentence length: (minimum words, factor), longest first.
_SENTENCE_LENGTH_FACTORS = ((40, 0.82), (30, 0.88), (20, 0.93))

# What the subject's node is: names are the most reliable subjects, common noun phrases the
# least (they are often a fragment of a larger phrase the parser split).
_SUBJECT_KIND_FACTORS = {"entity": 1.0, "pronoun": 0.95, "clause": 0.9, "literal": 0.9}
_CONCEPT_SUBJECT_FACTOR = 0.95

# The labels and words the rules compare, as ids (see string_ids): they read every verb of the
# text and every child of every verb of a clause.
_VERB_POS_IDS = string_ids(("VERB", "AUX"))
_AUX_POS_ID = get_string_id("AUX")
_NOUN_POS_ID = get_string_id("NOUN")
_NON_CLAUSE_DEP_IDS = string_ids(_NON_CLAUSE_DEPS)
_AUX_CLAUSE_DEP_IDS = string_ids(("ROOT", "conj", "ccomp", "advcl", "relcl"))  # AUX as a verb
_SUBJECT_DEP_IDS = string_ids(_SUBJECT_DEPS)
_OBJECT_DEP_IDS = string_ids(_OBJECT_DEPS)
_COPULA_DEP_IDS = string_ids(("attr", "acomp"))
_MATRIX_OBJECT_DEP_IDS = string_ids(("dobj", "dative"))
_AUXILIARY_DEP_IDS = string_ids(("aux", "auxpass"))
_PASSIVE_DEP_IDS = string_ids(("auxpass", "nsubjpass"))
_PREP_DEP_IDS = string_ids(("prep", "agent"))
_RELATION_WORD_DEP_IDS = string_ids(("aux", "auxpass", "neg", "prt"))  # written with the verb
_RELATION_ADVERB_IDS = string_ids(("not", "never", "yet"))  # advmods written with the verb
_RELATIVE_PRONOUN_IDS = string_ids(RELATIVE_PRONOUNS)
_RELATIVE_SUBJECT_TAG_IDS = string_ids(("WDT", "WP", "IN", "DT"))
_RELATIVE_OBJECT_TAG_IDS = string_ids(("WDT", "WP"))
# A place phrase: a locative preposition and a named place (a country or city, a region, a
# building); "in the talks" or "at a press conference" are not where in the map sense.
_PLACE_PREPOSITION_IDS = string_ids(("in", "at"))
_PLACE_LABEL_IDS = string_ids(("GPE", "LOC", "FAC"))
_AGENT_ID = get_string_id("agent")
_APPOS_ID = get_string_id("appos")
_APPOS_IDS = frozenset({_APPOS_ID})
_ATTR_ID = get_string_id("attr")
_AUX_DEP_ID = get_string_id("aux")
_CCOMP_ID = get_string_id("ccomp")
_CONJ_ID = get_string_id("conj")
_MARK_ID = get_string_id("mark")
_POBJ_ID = get_string_id("pobj")
_PRT_ID = get_string_id("prt")
_XCOMP_ID = get_string_id("xcomp")
_ADVMOD_ID = get_string_id("advmod")
_TO_TAG_ID = get_string_id("TO")
_YET_ID = get_string_id("yet")

_TEXT = attrgetter("text")  # a token's text as written

# A subject or object longer than these many words usually swallowed a clause the parser
# misattached.
_LONG_SUBJECT = 8
_LONG_OBJECT = 15


@dataclass
class _Clause:
    matrix: Token  # the verb the subject belongs to
    verbs: tuple[Token, ...]  # matrix verb plus its control chain; the last gives the objects
    subjects: list[Argument]
    subject_rule: str


def sentence_triples(sent: Span, sentence: Sentence) -> Iterator[Triple]:
    """Every triple of one sentence, clause by clause, in the order of the verbs."""
    # Facts start from appositions and from verbs (clause heads): the other words are skipped.
    deps = doc_cache(sent.doc).dep
    # Every triple's confidence has the sentence's length factor: counted once per sentence.
    length_factor = _sentence_length_factor(sentence.text.count(" ") + 1)
    for token in tokens_where(sent, _VERB_POS_IDS, _APPOS_IDS):
        if deps[token.i] == _APPOS_ID:
            yield from _apposition_triples(token, sentence, length_factor)
        if not _is_clause_head(token):
            continue
        for clause in _clauses(token, sentence.index):
            yield from _clause_triples(clause, sentence, length_factor)


def _apposition_triples(appos: Token, sentence: Sentence, length_factor: float) -> Iterator[Triple]:
    """An apposition states what its head is: "the crisis - a key driver of hikes" gives
    crisis - be - key driver of hikes. (Titles of people are read as Roles instead; an
    apposition inside a compound is a parse error of a title, "Secretary Scott Bessent".)"""
    head = appos.head
    if (
        head.pos_ not in ("NOUN", "PROPN")
        or appos.pos_ not in ("NOUN", "PROPN")
        or head.dep_ == "compound"
        or appos.ent_type_ == "PERSON"
        or head.ent_type_ == "PERSON"
    ):
        return
    obj = make_argument(appos, sentence.index)
    if obj is None:
        return
    for subject in nominal_arguments(head, sentence.index):
        yield _triple(
            subject, "be", "", obj, sentence, Qualifiers(), 1.0, "apposition", "apposition", (),
            length_factor,
        )  # fmt: skip


def _is_clause_head(token: Token) -> bool:
    cache = doc_cache(token.doc)
    pos, dep = cache.pos[token.i], cache.dep[token.i]
    if pos not in _VERB_POS_IDS or dep in _NON_CLAUSE_DEP_IDS:
        return False
    if pos == _AUX_POS_ID and dep not in _AUX_CLAUSE_DEP_IDS:
        return False
    # An embedded verb of a control chain is read with its matrix verb.
    return _chain_parent(token) is None


def _chain_parent(token: Token) -> Token | None:
    """The matrix verb whose control chain ``token`` belongs to, if any."""
    # Read from the arrays, by index: every verb of the text is asked.
    cache = doc_cache(token.doc)
    heads, deps, pos = cache.heads, cache.dep, cache.pos
    i = token.i
    while deps[i] == _CONJ_ID and deps[heads[i]] == _XCOMP_ID:
        i = heads[i]
    matrix = cache.tokens[heads[i]]
    if deps[i] == _XCOMP_ID and pos[matrix.i] in _VERB_POS_IDS and _merges(matrix):
        return matrix
    return None


def _merges(matrix: Token) -> bool:
    # "threatened to impose tariffs": no object of its own, so the embedded verb's objects are
    # the matrix verb's. "asked him to leave" has one: "him" is the subject of "leave". (A loop,
    # not all(): a generator costs more than the few children.)
    for c in children(matrix):  # noqa: SIM110
        if c.dep in _MATRIX_OBJECT_DEP_IDS:
            return False
    return True


def _chains(matrix: Token) -> list[tuple[Token, ...]]:
    """The verb chains from ``matrix`` down its xcomps, one per coordinated embedded verb."""
    embedded = [c for c in children(matrix) if c.dep == _XCOMP_ID and c.pos in _VERB_POS_IDS]
    if not embedded or not _merges(matrix):
        return [(matrix,)]
    out: list[tuple[Token, ...]] = []
    for xcomp in embedded:
        for verb in conjuncts(xcomp):
            if verb.pos_ in ("VERB", "AUX"):
                out.extend((matrix, *rest) for rest in _chains(verb))
    return out


def _clauses(verb: Token, sentence: int) -> Iterator[_Clause]:
    heads, rule = _subject_heads(verb)
    subjects: list[Argument] = []
    for head in heads:
        if head.lower in _RELATIVE_PRONOUN_IDS and head.tag in _RELATIVE_SUBJECT_TAG_IDS:
            antecedent = _antecedent(verb)
            if antecedent is None:
                continue
            head, rule = antecedent, "relative"
        # "cases involving sanctions": the subject "cases" without its participle clause.
        subjects.extend(nominal_arguments(head, sentence, exclude=verb))
    if not subjects:
        return
    for chain in _chains(verb):
        yield _Clause(verb, chain, subjects, rule)


def _subject_heads(verb: Token) -> tuple[list[Token], str]:
    """The subject heads of ``verb`` and how they were found."""
    own = [c for c in children(verb) if c.dep in _SUBJECT_DEP_IDS]
    if own:
        return own, "subject"
    head = verb.head
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        # "reached a deal and paved the way": conjoined verbs share their subject.
        heads, rule = _subject_heads(head)
        return heads, "shared" if rule == "subject" else rule
    if verb.dep_ == "relcl" and not any(c.tag_ == "TO" for c in children(verb)):
        # A relative clause without a relative pronoun subject: "the man seen there". An
        # infinitival one ("a framework to discuss") has its antecedent as object: no subject.
        return [head], "relative"
    if verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBG"):
        # "the truce, signed in May": a participle describes the noun it modifies.
        return [head], "participle"
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and not _has_mark(verb):
        # "..., paving the way for": a free participle shares the main clause's subject.
        heads, _ = _subject_heads(head) if head.pos_ in ("VERB", "AUX") else ([], "")
        return heads, "participle"
    if verb.dep_ == "xcomp" and head.pos_ in ("VERB", "AUX"):
        # Object control: "asked him to leave" - the matrix object is the subject.
        objects = [c for c in children(head) if c.dep_ in ("dobj", "dative")]
        if objects:
            return objects[:1], "control"
        heads, _ = _subject_heads(head)
        return heads, "control"
    return [], ""


def _has_mark(verb: Token) -> bool:
    return any(c.dep_ == "mark" for c in children(verb))


def _antecedent(verb: Token) -> Token | None:
    """The noun a relative clause modifies ("conflict" for "the conflict, which has roiled")."""
    while verb.dep_ == "conj":
        verb = verb.head
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        return verb.head
    return None


def _is_passive(verb: Token) -> bool:
    for c in children(verb):  # a loop, not any(): a generator costs more than the few children
        if c.dep in _PASSIVE_DEP_IDS:
            return True
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


def _relation_parts(chain: Sequence[Token]) -> tuple[str, list[Token], str]:
    """(normalised relation, tokens of the relation as written, embedded chain)."""
    matrix, last = chain[0], chain[-1]
    written: list[Token] = []
    embedded_tokens: list[Token] = []
    for k, verb in enumerate(chain):
        for child in children(verb):
            dep = child.dep
            if dep in _RELATION_WORD_DEP_IDS or (
                dep == _ADVMOD_ID and child.lower in _RELATION_ADVERB_IDS
            ):
                written.append(child)
                if (k > 0 and dep == _AUX_DEP_ID and child.tag == _TO_TAG_ID) or (
                    k == 0 and child.lower == _YET_ID
                ):
                    embedded_tokens.append(child)
        written.append(verb)
        embedded_tokens.append(verb)
    head = matrix
    if len(chain) > 1 and matrix.lemma_ in _LIGHT_CONTROL_LEMMAS:
        # "has yet to issue", "is going to meet": the embedded verb is the relation.
        head = chain[1]
    # A passive keeps its voice: "be seen as" is not "see as".
    relation = "be " + head.lower_ if _is_passive(head) else head.lemma_.lower()
    particles = [c.lower_ for c in children(last) if c.dep == _PRT_ID]
    if particles:
        relation += " " + " ".join(particles)
    embedded = ""
    if len(chain) > 1:  # a single verb is no chain: its words are not kept
        embedded = " ".join(
            t.lemma_.lower() if t.pos in _VERB_POS_IDS else t.lower_
            for t in sorted(embedded_tokens, key=by_position)
        )
    return relation, written, embedded


def _qualifiers(clause: _Clause, embedded: str, sentence: int) -> Qualifiers:
    negated, modality, condition, time = q.chain_qualifiers(clause.verbs)
    if not modality:  # the first modal a head the clause is coordinated under has
        for verb in _coordination_heads(clause.matrix):
            modality = q.chain_qualifiers((verb,))[1]
            if modality:
                break
    attribution, attribution_mention = _attribution(clause.matrix, sentence)
    return Qualifiers(
        negated=negated,
        modality=modality,
        attribution=attribution,
        attribution_mention=attribution_mention,
        condition=condition,
        time=time,
        embedded=embedded,
    )


def _is_place_phrase(prep: Token, obj: Token) -> bool:
    """Whether a prepositional phrase says where the event happened: "in"/"at" and a named
    place ("in Berlin", "at the White House")."""
    return prep.lower in _PLACE_PREPOSITION_IDS and obj.ent_type in _PLACE_LABEL_IDS


def _coordination_heads(verb: Token) -> list[Token]:
    """The verbs ``verb`` is coordinated under ("could help avoid X and secure Y")."""
    out = []
    while verb.dep == _CONJ_ID and not any(c.dep in _AUXILIARY_DEP_IDS for c in children(verb)):
        verb = verb.head
        out.append(verb)
    return out


def _attribution(verb: Token, sentence: int) -> tuple[str, Mention | None]:
    """Who states the clause: the subject of the reporting verb whose complement it is."""
    while verb.dep == _CONJ_ID:
        verb = verb.head
    if verb.dep != _CCOMP_ID:
        return "", None
    reporter = verb.head
    if reporter.lemma_.lower() not in q.REPORTING_VERBS:
        return "", None
    heads, _ = _subject_heads(reporter)
    if not heads:
        return "", None
    argument = make_argument(heads[0], sentence)
    if argument is None:
        return "", None
    return argument.mention.text, argument.mention


def _written(tokens: Sequence[Token]) -> str:
    """The tokens' texts in document order, each token once, joined by spaces."""
    # Called for nearly every triple, mostly with a verb alone or a verb and its preposition:
    # plain loops and map() instead of comprehensions, each of which is a function call.
    if len(tokens) == 1:
        return tokens[0].text
    at = {}
    for t in tokens:
        at[t.i] = t
    return " ".join(map(_TEXT, map(at.__getitem__, sorted(at))))


def _clause_triples(clause: _Clause, sentence: Sentence, length_factor: float) -> Iterator[Triple]:
    last = clause.verbs[-1]
    object_verbs = clause.verbs if len(clause.verbs) > 1 else (last,)

    direct: list[tuple[str, Argument, Token | None]] = []  # (kind, argument, copula noun)
    preps: list[tuple[str, Argument, Token, str]] = []  # (kind, argument, preposition, phrase)
    clauses: list[tuple[Argument, list[Token]]] = []
    prep_phrases: list[Token] = []
    for verb in object_verbs:
        is_last = verb.i == last.i
        for child in children(verb):
            dep = child.dep
            if dep in _OBJECT_DEP_IDS and is_last:
                kind = "copula" if dep in _COPULA_DEP_IDS else "direct"
                noun = child if dep == _ATTR_ID and child.pos == _NOUN_POS_ID else None
                for arg in _object_arguments(child, sentence.index):
                    direct.append((kind, arg, noun))
                    noun = None  # only the first conjunct carries the relational noun
            elif dep in _PREP_DEP_IDS:
                prep_phrases.append(child)
            elif dep == _CCOMP_ID and is_last:
                heads = doc_cache(child.doc).heads  # by token index: the index of its head
                tokens = [t for t in subtree(child) if t.dep != _MARK_ID or heads[t.i] != child.i]
                tokens = strip_edges(tokens)
                if tokens:
                    marks = [t for t in children(child) if t.dep == _MARK_ID and t.i < child.i]
                    clauses.append((clause_argument(tokens, sentence.index), marks))
    extras_all: list[str] = []
    core_prep = False  # an object of a preposition that is not a time phrase
    for prep in prep_phrases:
        objects = [c for c in children(prep) if c.dep == _POBJ_ID]
        if not objects:
            continue
        phrase = subtree_text(prep)
        extras_all.append(phrase)
        if prep.i < clause.verbs[0].i:
            # A fronted phrase ("After a short absence, Keibler began ...") frames the whole
            # clause: it stays an extra argument, it is not the object of the verb.
            continue
        kind = "time" if q.is_time_phrase(prep) else "agent" if prep.dep == _AGENT_ID else "prep"
        if kind == "prep" and _is_place_phrase(prep, objects[0]):
            kind = "place"
        for obj in objects:
            for arg in _object_arguments(obj, sentence.index):
                preps.append((kind, arg, prep, phrase))
                core_prep = core_prep or kind not in ("time", "place")
    if not (direct or preps or clauses):
        return  # no object: the clause states no fact (its relation and qualifiers are unused)

    relation, written, embedded = _relation_parts(clause.verbs)
    qualifiers = _qualifiers(clause, embedded, sentence.index)
    has_core = bool(direct or clauses or core_prep)
    if has_core:
        # "Li Qiang met Olaf Scholz in Berlin": Berlin is where the meeting happened, a
        # qualifier of the one statement, not a second edge "Li Qiang - meet in - Berlin".
        for kind, obj, _, phrase in preps:
            if kind == "place":
                qualifiers = replace(qualifiers, place=phrase, place_mention=obj.mention)
                break
    subject_conf = _SUBJECT_CONFIDENCE.get(clause.subject_rule, 0.7)
    rule_prefix = clause.subject_rule
    relation_text = _written(written)
    extras = tuple(extras_all)
    # What the triples of a prepositional or clausal object share, worked out once for all the
    # subjects: (kind, argument, relation, relation as written, extra arguments).
    prep_triples: list[tuple[str, Argument, str, str, tuple[str, ...]]] = []
    last_written = max(map(by_position, written)) if preps else -1
    for kind, obj, prep, phrase in preps:
        if kind in ("time", "place") and has_core:
            continue  # a qualifier of the clause's other objects
        if kind == "place":
            kind = "prep"  # the place is the object itself: "Trump arrived in Seoul"
        preposition = prep.lower_
        if relation in _COMITATIVE_VERBS and preposition == "with":
            rel, kind = relation, "direct"
        else:
            rel = f"{relation} {preposition}"
        # The other prepositional phrases of the clause stay as further (n-ary) arguments.
        others = tuple(e for e in extras_all if e != phrase)
        if prep.i > last_written:  # as usual: the relation's words need no sorting again
            written_with_prep = f"{relation_text} {prep.text}"
        else:
            written_with_prep = _written([*written, prep])
        prep_triples.append((kind, obj, rel, written_with_prep, others))
    clause_triples = [(obj, _written([*written, *marks])) for obj, marks in clauses]
    for subject in clause.subjects:
        for kind, obj, noun in direct:
            rel = "be" if kind == "copula" and relation in ("be", "have") else relation
            yield _triple(
                subject, rel, relation_text, obj, sentence, qualifiers, subject_conf,
                kind, f"{rule_prefix}-{kind}", extras, length_factor,
            )  # fmt: skip
            if kind == "copula" and noun is not None:
                yield from _relational_noun_triples(
                    subject, rel, written, noun, sentence, qualifiers, subject_conf, rule_prefix,
                    length_factor,
                )  # fmt: skip
        for kind, obj, rel, rel_text, others in prep_triples:
            yield _triple(
                subject, rel, rel_text, obj, sentence, qualifiers, subject_conf,
                kind, f"{rule_prefix}-{kind}", others, length_factor,
            )  # fmt: skip
        for obj, rel_text in clause_triples:
            yield _triple(
                subject, relation, rel_text, obj, sentence, qualifiers,
                subject_conf, "clause", f"{rule_prefix}-clause", (), length_factor,
            )  # fmt: skip


def _relational_noun_triples(
    subject: Argument,
    relation: str,
    written: Sequence[Token],
    noun: Token,
    sentence: Sentence,
    qualifiers: Qualifiers,
    subject_conf: float,
    rule_prefix: str,
    length_factor: float,
) -> Iterator[Triple]:
    """A copula with a relational noun: "Paris is the capital of France" also gives
    Paris - be capital of - France, the noun and its preposition naming the relation (as CaRB's
    gold and OpenIE systems write it: "was a notable influence on")."""
    for prep in rights(noun):
        if prep.dep_ != "prep":
            continue
        noun_tokens = [t for t in argument_tokens(noun) if t.i < prep.i]
        if not noun_tokens or any(t.pos_ in ("VERB", "PUNCT") for t in noun_tokens):
            continue
        rel = f"{relation} {concept_key(noun)} {prep.lower_}"
        relation_text = _written([*written, *noun_tokens, prep])
        for obj in children(prep):
            if obj.dep_ != "pobj":
                continue
            for arg in _object_arguments(obj, sentence.index):
                yield _triple(
                    subject, rel, relation_text, arg, sentence, qualifiers,
                    subject_conf, "noun", f"{rule_prefix}-noun", (), length_factor,
                )  # fmt: skip
        break


def _object_arguments(head: Token, sentence: int) -> list[Argument]:
    if head.lower in _RELATIVE_PRONOUN_IDS and head.tag in _RELATIVE_OBJECT_TAG_IDS:
        antecedent = _antecedent(_verb_of(head))
        if antecedent is None:
            return []
        head = antecedent
    return nominal_arguments(head, sentence)


def _verb_of(token: Token) -> Token:
    # Token.head makes a new object on every call: a root is known by its index, not identity.
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def _triple(
    subject: Argument,
    relation: str,
    relation_text: str,
    obj: Argument,
    sentence: Sentence,
    qualifiers: Qualifiers,
    subject_conf: float,
    kind: str,
    rule: str,
    extras: tuple[str, ...],
    length_factor: float,
) -> Triple:
    """The triple; ``relation_text`` is the relation's words as written ("" for none),
    ``length_factor`` the sentence's (``_sentence_length_factor``)."""
    confidence = subject_conf * _OBJECT_CONFIDENCE.get(kind, 0.6)
    confidence *= length_factor
    confidence *= _SUBJECT_KIND_FACTORS.get(subject.mention.kind, _CONCEPT_SUBJECT_FACTOR)
    if subject.text.count(" ") + 1 > _LONG_SUBJECT:
        confidence *= 0.7
    if obj.text.count(" ") + 1 > _LONG_OBJECT:
        confidence *= 0.85
    return Triple(
        subject=subject,
        relation=relation,
        relation_text=relation_text or "is",
        object=obj,
        sentence=sentence,
        confidence=_rounded_confidence(confidence),
        qualifiers=qualifiers,
        extra_arguments=extras,
        rule=rule,
    )


@cache
def _rounded_confidence(confidence: float) -> float:
    """The confidence clamped to [0.01, 1] and rounded to 4 decimals. Memoised: round() to
    decimals is slow (it goes through the decimal digits), and the confidence is a product of
    the few factors above, so a build meets only a few hundred distinct values."""
    return round(min(1.0, max(0.01, confidence)), 4)


@cache
def _sentence_length_factor(words: int) -> float:
    """The confidence factor of a sentence of ``words`` words (memoised: a few dozen lengths)."""
    for minimum, factor in _SENTENCE_LENGTH_FACTORS:
        if words >= minimum:
            return factor
    return 1.0


def with_sentence(triple: Triple, sentence: Sentence) -> Triple:
    return replace(triple, sentence=sentence)


__all__ = ["sentence_triples", "argument_tokens"]
