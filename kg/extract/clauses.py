"""Clause-based extraction: one clause per verb, its subjects, its objects, its qualifiers.

A clause is a verb with everything that depends on it. Its subjects are found by the subject
rules, its objects by the object rules, and a few facts that are not clauses by the statement
rules (all listed in ``kg.extract.rules``, each with its reason and example). This module puts
them together: it finds the clauses (a control chain, "tried to storm", is one clause whose
relation is the chain, "try to storm", and whose objects are the embedded verb's), forms the
relation as written, reads the qualifiers, and makes one triple per subject and object (its
confidence: ``kg.extract.confidence``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from operator import attrgetter

from spacy.tokens import Span, Token

from kg.extract import qualifiers as q
from kg.extract import trace
from kg.extract.arguments import (
    RELATIVE_PRONOUNS,
    argument_tokens,
    clause_argument,
    concept_key,
    conjuncts,
    make_argument,
    nominal_arguments,
)
from kg.extract.confidence import SUBJECT_CONFIDENCE, make_triple, sentence_length_factor
from kg.extract.objects import ObjectTest
from kg.extract.rules import (
    COMITATIVE,
    OBJECT_RULES_BY_DEP,
    PREPOSITION_RULES,
    RELATIONAL_NOUN,
    STATEMENT_RULES_BY_DEP,
    SUBJECT_RULES,
    AnyRule,
    Rule,
    rule,
)
from kg.extract.subjects import RELATIVE, Subjects, antecedent
from kg.extract.tokens import (
    DEP,
    POS,
    TAG,
    VERB_POS_IDS,
    WORD,
    by_position,
    children,
    doc_cache,
    string_ids,
    strip_edges,
    subtree,
    subtree_text,
    tokens_where,
)
from kg.types import OPEN_QUESTION, Argument, Qualifiers, Sentence, Triple

# Words that head a verb token but are modifiers, not clauses: "proposed export curbs" (amod),
# "follow-up meetings" (compound). Auxiliaries belong to their verb's clause.
_NON_CLAUSE_DEP_IDS = DEP("amod", "compound", "aux", "auxpass", "nmod", "det", "prep", "mark")
_AUX_CLAUSE_DEP_IDS = DEP("ROOT", "conj", "ccomp", "advcl", "relcl")  # an AUX heading a clause

# Verbs whose infinitival complement carries the event: "has yet to issue" (the event is
# negated), "is going to meet" (future), "is set to expire" (scheduled), "used to": the
# relation is the embedded verb, the matrix verb becomes a qualifier.
_LIGHT_CONTROL_LEMMAS = frozenset(
    {"go", "have", "use", "be", "about", "set", "due", "likely", *q.IMPLICATIVE_VERBS}
)

# What is threatened is what the infinitive's event would do or harm: "threatened to impose
# tariffs" threatens tariffs, "threatened to fire him" threatens him. So "threaten" stays the
# relation, the infinitive kept in ``embedded``; any other control verb's relation is the whole
# chain ("tried to storm parliament": "try to storm").
_THREAT_LEMMAS = frozenset({"threaten"})

# The rules the assembly below treats apart: a copula's relation is "be" and its noun may name
# a relation; a clause is an argument of text; time and place beside another object are
# qualifiers; "met with" is "meet".
_COPULA, _CLAUSE, _TIME, _PLACE = rule("copula"), rule("clause"), rule("time"), rule("place")
_COMITATIVE, _NOUN = COMITATIVE, RELATIONAL_NOUN
_QUALIFIER_RULES = (_TIME, _PLACE)

_MATRIX_OBJECT_DEP_IDS = DEP("dobj", "dative")  # a matrix verb with these keeps its own objects
_AUXILIARY_DEP_IDS = DEP("aux", "auxpass")
_PASSIVE_DEP_IDS = DEP("auxpass", "nsubjpass")
_SUBJECT_DEP_IDS = DEP("nsubj", "csubj")
_ADJUNCT_DEP_IDS = DEP("advcl", "pcomp")  # a clause modifying a clause, or after a preposition
# A perfect's auxiliary, which says that a participle is active ("had arrived by helicopter",
# "has checked in", "he was hurt and he'd lost his hat"). A subject alone does not: a headline
# drops the passive's auxiliary ("26 pirates arrested").
_PERFECT_AUX_ID = DEP.aux
_PREPOSITION_DEP_IDS = DEP("prep", "agent")
_RELATION_WORD_DEP_IDS = DEP("aux", "auxpass", "neg", "prt")  # written with the verb
_RELATION_ADVERB_IDS = WORD("not", "never", "yet")  # advmods written with the verb
_RELATIVE_PRONOUN_IDS = string_ids(RELATIVE_PRONOUNS)
_RELATIVE_SUBJECT_TAG_IDS = TAG("WDT", "WP", "IN", "DT")
_RELATIVE_OBJECT_TAG_IDS = TAG("WDT", "WP")
_APPOS_IDS = DEP("appos")
_STATEMENT_DEP_IDS = frozenset(STATEMENT_RULES_BY_DEP)

_TEXT = attrgetter("text")  # a token's text as written


@dataclass
class _Clause:
    matrix: Token  # the verb the subject belongs to
    verbs: tuple[Token, ...]  # matrix verb plus its control chain; the last gives the objects
    subjects: list[Argument]
    subject_rule: str


def sentence_triples(sent: Span, sentence: Sentence) -> Iterator[Triple]:
    """Every triple of one sentence, clause by clause, in the order of the verbs."""
    # Facts start from verbs (clause heads) and from the tokens statement rules read
    # (appositions): the other words are skipped.
    deps = doc_cache(sent.doc).dep
    # Every triple's confidence has the sentence's length factor: counted once per sentence.
    length_factor = sentence_length_factor(sentence.text.count(" ") + 1)
    for token in tokens_where(sent, VERB_POS_IDS, _STATEMENT_DEP_IDS):
        statement_rules = STATEMENT_RULES_BY_DEP.get(deps[token.i])
        if statement_rules is not None:
            for statement in statement_rules:
                for subject, obj in statement.find(token, sentence.index):
                    yield make_triple(
                        subject, statement.relation, "", obj, sentence, Qualifiers(), 1.0,
                        statement.confidence, statement.name, (), length_factor,
                    )  # fmt: skip
        if not _is_clause_head(token):
            continue
        for clause in _clauses(token, sentence.index):
            yield from _clause_triples(clause, sentence, length_factor)


def _is_clause_head(token: Token) -> bool:
    cache = doc_cache(token.doc)
    pos, dep = cache.pos[token.i], cache.dep[token.i]
    if pos not in VERB_POS_IDS:
        return False
    if dep in _NON_CLAUSE_DEP_IDS or (pos == POS.AUX and dep not in _AUX_CLAUSE_DEP_IDS):
        if dep not in _AUXILIARY_DEP_IDS:  # an auxiliary is its verb's word, nothing to report
            trace.reject("modifier", token)
        return False
    # An embedded verb of a control chain is read with its matrix verb.
    if _chain_parent(token) is not None:
        trace.reject("chain", token)
        return False
    return True


def _chain_parent(token: Token) -> Token | None:
    """The matrix verb whose control chain ``token`` belongs to, if any."""
    # Read from the arrays, by index: every verb of the text is asked.
    cache = doc_cache(token.doc)
    heads, deps, pos = cache.heads, cache.dep, cache.pos
    conj, xcomp = DEP.conj, DEP.xcomp
    i = token.i
    while deps[i] == conj and deps[heads[i]] == xcomp:
        i = heads[i]
    matrix = cache.tokens[heads[i]]
    if deps[i] == xcomp and pos[matrix.i] in VERB_POS_IDS and _merges(matrix):
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
    xcomp = DEP.xcomp
    embedded = [c for c in children(matrix) if c.dep == xcomp and c.pos in VERB_POS_IDS]
    if not embedded or not _merges(matrix):
        return [(matrix,)]
    out: list[tuple[Token, ...]] = []
    for verb in embedded:
        for conjunct in conjuncts(verb):
            if conjunct.pos in VERB_POS_IDS:
                out.extend((matrix, *rest) for rest in _chains(conjunct))
    return out


def subject_heads(verb: Token) -> Subjects:
    """The subject heads of ``verb`` and the rule that found them: the first subject rule of
    ``kg.extract.rules`` that applies (([], "") when none does)."""
    for subject_rule in SUBJECT_RULES:
        found = subject_rule.find(verb, subject_heads)
        if found is not None:
            return found
    return [], ""


def _clauses(verb: Token, sentence: int) -> Iterator[_Clause]:
    heads, how = subject_heads(verb)
    subjects: list[Argument] = []
    for head in heads:
        if head.lower in _RELATIVE_PRONOUN_IDS and head.tag in _RELATIVE_SUBJECT_TAG_IDS:
            noun = antecedent(verb)
            if noun is None:
                trace.reject("relative-no-antecedent", head)
                continue
            head, how = noun, RELATIVE
        # "cases involving sanctions": the subject "cases" without its participle clause.
        found = nominal_arguments(head, sentence, exclude=verb)
        if not found:
            trace.reject("subject-no-node", head, of=verb)
        subjects.extend(found)
    if not subjects:
        if not heads:
            trace.reject("no-subject", verb)
        return
    for chain in _chains(verb):
        if trace.active():
            trace.found_clause(chain, [a.text for a in subjects], how)
        yield _Clause(verb, chain, subjects, how)


def _is_passive(verb: Token) -> bool:
    """Whether the verb is passive: it has a passive auxiliary or subject; or it is a
    participle without a perfect's auxiliary (_PERFECT_AUX_ID) that has an agent ("hit and
    killed by a motorist": the parser labels "by" so only in a passive), that modifies a noun
    ("a woman killed"), or that is coordinated with a passive verb, whose auxiliary it shares
    ("she was struck and killed", "was arrested and charged": she was killed, he was charged,
    not "she killed", "he charged")."""
    agent = perfect = direct_object = has_subject = False
    for c in children(verb):  # a loop, not any(): a generator costs more than the few children
        dep = c.dep
        if dep in _PASSIVE_DEP_IDS:
            return True
        has_subject = has_subject or dep in _SUBJECT_DEP_IDS
        agent = agent or dep == DEP.agent
        perfect = perfect or dep == _PERFECT_AUX_ID
        direct_object = direct_object or dep == DEP.dobj
    if verb.tag != TAG.VBN or perfect:
        return False
    if verb.dep in _ADJUNCT_DEP_IDS and not has_subject:
        # A bare participle adjunct is passive: "if convicted, he faces ..." (he would be
        # convicted), "Injured in the crash, she ..." (she was injured).
        return True
    if verb.dep == DEP.conj:
        # Its own direct object says it is a past tense the tagger read as a participle after
        # the one it is coordinated with ("was arrested and spent nine months in jail").
        return agent or (not direct_object and _is_passive(verb.head))
    return agent or verb.dep == DEP.acl


def _relation_parts(chain: Sequence[Token]) -> tuple[str, list[Token], str]:
    """(normalised relation, tokens of the relation as written, embedded chain)."""
    matrix = chain[0]
    written: list[Token] = []
    embedded_tokens: list[Token] = []
    advmod, aux, to, yet = DEP.advmod, DEP.aux, TAG.TO, WORD.yet
    for k, verb in enumerate(chain):
        for child in children(verb):
            dep = child.dep
            if dep in _RELATION_WORD_DEP_IDS or (
                dep == advmod and child.lower in _RELATION_ADVERB_IDS
            ):
                written.append(child)
                if (k > 0 and dep == aux and child.tag == to) or (k == 0 and child.lower == yet):
                    embedded_tokens.append(child)
        written.append(verb)
        embedded_tokens.append(verb)
    embedded = ""
    if len(chain) > 1:  # a single verb is no chain: its words are not kept
        embedded = " ".join(
            t.lemma_.lower() if t.pos in VERB_POS_IDS else t.lower_
            for t in sorted(embedded_tokens, key=by_position)
        )
    head = matrix
    if len(chain) > 1 and matrix.lemma_ in _LIGHT_CONTROL_LEMMAS:
        # "has yet to issue", "is going to meet": the embedded verb is the relation.
        head = chain[1]
    elif len(chain) > 1 and matrix.lemma_ not in _THREAT_LEMMAS and _infinitives(chain[1:]):
        # "tried to storm parliament" is not "try parliament", nor does it say that they
        # stormed it: the relation is the chain, "try to storm", each verb with its particle
        # ("turned out to be": "turn out to be") and the matrix verb with its voice ("is
        # expected to remain": "be expected to remain").
        words = [_verb_relation(matrix), *_particles(matrix)]
        for verb in chain[1:]:
            words.extend(c.lower_ for c in children(verb) if c.dep == aux and c.tag == to)
            words.extend([verb.lemma_.lower(), *_particles(verb)])
        return " ".join(words), written, embedded
    # The relation verb's own particle: "is going to shut down" is "shut down".
    return " ".join([_verb_relation(head), *_particles(head)]), written, embedded


def _verb_relation(verb: Token) -> str:
    # A passive keeps its voice: "be seen as" is not "see as".
    return "be " + verb.lower_ if _is_passive(verb) else verb.lemma_.lower()


def _particles(verb: Token) -> list[str]:
    return [c.lower_ for c in children(verb) if c.dep == DEP.prt]


def _infinitives(verbs: Sequence[Token]) -> bool:
    # "tried to storm", "helped avoid": base forms. A participle or gerund under a verb is
    # more often a misparse ("placed running back Reggie Bush") than a chain.
    return all(verb.tag == TAG.VB for verb in verbs)


def _qualifiers(clause: _Clause, embedded: str, sentence: int) -> Qualifiers:
    negated, modality, condition, time = q.chain_qualifiers(clause.verbs)
    if len(clause.verbs) > 1 and clause.verbs[0].lemma_ in q.NEGATIVE_IMPLICATIVE_VERBS:
        # "Reagins declined to provide the value": he did not provide it ("did not fail to
        # pay": he paid).
        negated = not negated
    if not modality:  # the first modal a head the clause is coordinated under has
        for verb in _coordination_heads(clause.matrix):
            modality = q.chain_qualifiers((verb,))[1]
            if modality:
                break
    complement = _complement_verb(clause.matrix)
    reporter = _reporter(complement, sentence) if complement is not None else None
    attribution, attribution_mention = (
        (reporter.mention.text, reporter.mention) if reporter is not None else ("", None)
    )
    if complement is not None:
        if reporter is not None and reporter.negative:
            # "No one said that the plant would close": nobody states it.
            modality, attribution, attribution_mention = OPEN_QUESTION, "", None
        elif _asks(complement):
            # "could not say whether anyone was inside": the clause is a question, which its
            # sentence leaves open; it states nothing, whoever asks it.
            modality = OPEN_QUESTION
        elif attribution and complement.head.lemma_ in q.DENYING_VERBS:
            # "Smith denied that he took the money": Smith says that he did not.
            negated = not negated
        elif attribution and q.chain_qualifiers((complement.head,))[0]:
            if complement.head.lemma_ in q.NEG_RAISING_VERBS:
                # "He did not think the charges would be filed": he thinks they would not.
                negated = not negated
            elif complement.head.lemma_ not in q.FACTIVE_VERBS:
                # "Police did not confirm that the man was arrested": nobody states it.
                modality = OPEN_QUESTION
    return Qualifiers(
        negated=negated,
        modality=modality,
        attribution=attribution,
        attribution_mention=attribution_mention,
        condition=condition,
        time=time,
        embedded=embedded,
    )


def _coordination_heads(verb: Token) -> list[Token]:
    """The verbs ``verb`` is coordinated under ("could help avoid X and secure Y")."""
    out = []
    while verb.dep == DEP.conj and not any(c.dep in _AUXILIARY_DEP_IDS for c in children(verb)):
        verb = verb.head
        out.append(verb)
    return out


def _complement_verb(verb: Token) -> Token | None:
    """The verb of the clausal complement (or clausal subject) that ``verb``'s clause is, or is
    coordinated in: "said that Li met Xi and agreed ..." gives "met" for "agreed"."""
    while verb.dep == DEP.conj:
        verb = verb.head
    return verb if verb.dep in _COMPLEMENT_DEP_IDS else None


def _asks(complement: Token) -> bool:
    """Whether a complement clause is an indirect question: "whether/if anyone was inside"."""
    return any(c.dep == DEP.mark and c.lower in _QUESTION_MARK_IDS for c in children(complement))


# Clauses that are an argument of a verb: a complement ("said that ...", "asked whether ..."),
# or a subject ("Whether he resigns is unclear").
_COMPLEMENT_DEP_IDS = DEP("ccomp", "csubj")
# Subordinators of an indirect question.
_QUESTION_MARK_IDS = WORD("whether", "if")


def _reporter(complement: Token, sentence: int) -> Argument | None:
    """Who states a complement clause (``_complement_verb``): the subject of the reporting verb
    whose complement it is."""
    if complement.dep != DEP.ccomp:
        return None  # a clausal subject: "Whether he resigns is unclear"
    reporter = complement.head
    if reporter.lemma_.lower() not in q.REPORTING_VERBS:
        return None
    heads, _ = subject_heads(reporter)
    if not heads:
        return None
    return make_argument(heads[0], sentence)


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
    """The triples of one clause: every subject with every object the object rules find."""
    last = clause.verbs[-1]
    object_verbs = clause.verbs if len(clause.verbs) > 1 else (last,)

    # (rule, argument, copula noun)
    nominal: list[tuple[Rule[ObjectTest], Argument, Token | None]] = []
    clauses: list[tuple[Argument, list[Token]]] = []  # (clausal object, its subordinators)
    prep_phrases: list[Token] = []
    attr, noun_pos, mark = DEP.attr, POS.NOUN, DEP.mark
    for verb in object_verbs:
        is_last = verb.i == last.i
        for child in children(verb):
            dep = child.dep
            if dep in _PREPOSITION_DEP_IDS:
                prep_phrases.append(child)  # read below: on every verb of the chain
                continue
            rules = OBJECT_RULES_BY_DEP.get(dep)
            if rules is None or not is_last:
                continue
            object_rule = rules[0]
            if object_rule is _CLAUSE:
                heads = doc_cache(child.doc).heads  # by token index: the index of its head
                tokens = [t for t in subtree(child) if t.dep != mark or heads[t.i] != child.i]
                tokens = strip_edges(tokens)
                if tokens:
                    marks = [t for t in children(child) if t.dep == mark and t.i < child.i]
                    clauses.append((clause_argument(tokens, sentence.index), marks))
                continue
            # A copula's noun may name a relation of its own ("the capital of France").
            noun = (
                child if object_rule is _COPULA and dep == attr and child.pos == noun_pos else None
            )
            for arg in _object_arguments(child, sentence.index):
                nominal.append((object_rule, arg, noun))
                noun = None  # only the first conjunct carries the relational noun
    extras_all: list[str] = []
    core_prep = False  # an object of a preposition that is not a time or a place
    preps: list[tuple[AnyRule, Argument, Token, str]] = []  # (rule, argument, preposition, phrase)
    pobj = DEP.pobj
    for prep in prep_phrases:
        objects = [c for c in children(prep) if c.dep == pobj]
        if not objects:
            trace.reject("preposition-no-object", prep)
            continue
        phrase = subtree_text(prep)
        extras_all.append(phrase)
        if prep.i < clause.verbs[0].i:
            # A fronted phrase ("After a short absence, Keibler began ...") frames the whole
            # clause: it stays an extra argument, it is not the object of the verb.
            trace.reject("fronted-phrase", prep, of=clause.verbs[0], whole=True)
            continue
        dep = prep.dep
        prep_rule: AnyRule = next(
            r for r in PREPOSITION_RULES if dep in r.find.deps and r.find(prep)
        )
        for head in objects:
            for arg in _object_arguments(head, sentence.index):
                preps.append((prep_rule, arg, prep, phrase))
                core_prep = core_prep or prep_rule not in _QUALIFIER_RULES
    if not (nominal or preps or clauses):
        trace.reject("no-object", clause.verbs)
        return  # no object: the clause states no fact (its relation and qualifiers are unused)

    relation, written, embedded = _relation_parts(clause.verbs)
    qualifiers = _qualifiers(clause, embedded, sentence.index)
    has_core = bool(nominal or clauses or core_prep)
    if has_core:
        # "Li Qiang met Olaf Scholz in Berlin": Berlin is where the meeting happened, a
        # qualifier of the one statement, not a second edge "Li Qiang - meet in - Berlin".
        for prep_rule, obj, _, phrase in preps:
            if prep_rule is _PLACE:
                qualifiers = replace(qualifiers, place=phrase, place_mention=obj.mention)
                break
    subject_rule = clause.subject_rule
    subject_conf = SUBJECT_CONFIDENCE.get(subject_rule, 0.7)
    relation_text = _written(written)
    extras = tuple(extras_all)
    # What the triples of a prepositional or clausal object share, worked out once for all the
    # subjects: (rule, argument, relation, relation as written, extra arguments).
    prep_triples: list[tuple[AnyRule, Argument, str, str, tuple[str, ...]]] = []
    last_written = max(map(by_position, written)) if preps else -1
    for prep_rule, obj, prep, phrase in preps:
        if prep_rule in _QUALIFIER_RULES and has_core:
            code = "time-qualifier" if prep_rule is _TIME else "place-qualifier"
            trace.reject(code, prep, of=clause.verbs[0], whole=True)
            continue  # a qualifier of the clause's other objects
        if _COMITATIVE.find(relation, prep):
            rel, prep_rule = relation, _COMITATIVE
        else:
            rel = f"{relation} {prep.lower_}"
        # The other prepositional phrases of the clause stay as further (n-ary) arguments.
        others = tuple(e for e in extras_all if e != phrase)
        if prep.i > last_written:  # as usual: the relation's words need no sorting again
            written_with_prep = f"{relation_text} {prep.text}"
        else:
            written_with_prep = _written([*written, prep])
        prep_triples.append((prep_rule, obj, rel, written_with_prep, others))
    clause_triples = [(obj, _written([*written, *marks])) for obj, marks in clauses]
    for subject in clause.subjects:
        for object_rule, obj, noun in nominal:
            rel = relation
            if object_rule is _COPULA and relation in ("be", "have"):
                rel = "be"
            yield make_triple(
                subject, rel, relation_text, obj, sentence, qualifiers, subject_conf,
                object_rule.confidence, f"{subject_rule}-{object_rule.name}", extras,
                length_factor,
            )  # fmt: skip
            if noun is not None:
                yield from _relational_noun_triples(
                    subject, rel, written, noun, sentence, qualifiers, subject_conf,
                    subject_rule, length_factor,
                )  # fmt: skip
        for prep_rule, obj, rel, rel_text, others in prep_triples:
            yield make_triple(
                subject, rel, rel_text, obj, sentence, qualifiers, subject_conf,
                prep_rule.confidence, f"{subject_rule}-{prep_rule.name}", others, length_factor,
            )  # fmt: skip
        for obj, rel_text in clause_triples:
            yield make_triple(
                subject, relation, rel_text, obj, sentence, qualifiers, subject_conf,
                _CLAUSE.confidence, f"{subject_rule}-{_CLAUSE.name}", (), length_factor,
            )  # fmt: skip


def _relational_noun_triples(
    subject: Argument,
    relation: str,
    written: Sequence[Token],
    noun: Token,
    sentence: Sentence,
    qualifiers: Qualifiers,
    subject_conf: float,
    subject_rule: str,
    length_factor: float,
) -> Iterator[Triple]:
    """The relational noun rule's triples (``objects.relational_noun``): "Paris is the capital
    of France" also gives Paris - be capital of - France."""
    found = _NOUN.find(noun)
    if found is None:
        return
    prep, noun_tokens = found
    rel = f"{relation} {concept_key(noun)} {prep.lower_}"
    relation_text = _written([*written, *noun_tokens, prep])
    pobj = DEP.pobj
    for obj in children(prep):
        if obj.dep != pobj:
            continue
        for arg in _object_arguments(obj, sentence.index):
            yield make_triple(
                subject, rel, relation_text, arg, sentence, qualifiers, subject_conf,
                _NOUN.confidence, f"{subject_rule}-{_NOUN.name}", (), length_factor,
            )  # fmt: skip


def _object_arguments(head: Token, sentence: int) -> list[Argument]:
    """The arguments an object's head gives (one per conjunct); a relative pronoun stands for
    the noun its clause modifies."""
    if head.lower in _RELATIVE_PRONOUN_IDS and head.tag in _RELATIVE_OBJECT_TAG_IDS:
        noun = antecedent(_verb_of(head))
        if noun is None:
            trace.reject("relative-no-antecedent", head)
            return []
        head = noun
    found = nominal_arguments(head, sentence)
    if not found:
        trace.reject("object-no-node", head)
    return found


def _verb_of(token: Token) -> Token:
    # Token.head makes a new object on every call: a root is known by its index, not identity.
    while token.pos not in VERB_POS_IDS and token.head.i != token.i:
        token = token.head
    return token


def with_sentence(triple: Triple, sentence: Sentence) -> Triple:
    return replace(triple, sentence=sentence)


__all__ = ["argument_tokens", "sentence_triples", "subject_heads"]
