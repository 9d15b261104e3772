"""Subject rules: who a clause is about, written or inherited.

English writes a clause's subject next to its verb, or leaves it out where the grammar says
who it is: a conjoined verb shares its subject, a relative clause is about the noun it modifies,
a participle describes a noun or shares its clause's subject, an infinitive's subject is the
controller's. Each rule below is one such construction; ``kg.extract.rules`` lists them in the
order they are tried (the first that applies decides).

A rule takes the verb and ``subjects_of`` (the subjects of another verb, found by the same
rules, for those that inherit them) and returns the subject heads with the name of the rule
that found them, or None when its construction is not the verb's.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from kg.coref import lexicon
from kg.extract.qualifiers import SPEECH_VERBS
from kg.extract.tokens import (
    DEP,
    ENT,
    POS,
    TAG,
    WORD,
    children,
    children_with,
    has_child,
    is_verb,
)

__all__ = [
    "ADJUNCT",
    "CONTROL",
    "OWN",
    "PARTICIPLE",
    "RELATIVE",
    "SHARED",
    "Subjects",
    "SubjectsOf",
    "adjunct_subject",
    "antecedent",
    "control_subject",
    "own_subject",
    "participle_subject",
    "relative_subject",
    "shared_subject",
]

# The rules' names, as Triple.rule starts with them ("shared-direct").
OWN = "subject"
SHARED = "shared"
RELATIVE = "relative"
PARTICIPLE = "participle"
CONTROL = "control"
ADJUNCT = "adjunct"

Subjects = tuple[list[Token], str]  # (subject heads, the rule that found them)
SubjectsOf = Callable[[Token], Subjects]

# Dependencies naming a clause's subject: nominal and clausal, active and passive.
SUBJECT_DEPS = DEP("nsubj", "nsubjpass", "csubj", "csubjpass")

# The objects of a verb that control its infinitive: "asked him to leave".
_CONTROLLER_DEPS = DEP("dobj", "dative")

# Nouns a relative clause can modify.
_ANTECEDENT_POS = POS("NOUN", "PROPN", "PRON", "NUM")


def own_subject(verb: Token, subjects_of: SubjectsOf) -> Subjects | None:
    """The subject written as the verb's dependent, nominal or clausal, active or passive: the
    most reliable reading of who the clause is about.

    Example: The company reached a deal."""
    own = children_with(verb, SUBJECT_DEPS)
    return (own, OWN) if own else None


def shared_subject(verb: Token, subjects_of: SubjectsOf) -> Subjects | None:
    """Conjoined verbs share their subject: in "X reached a deal and paved the way" the second
    verb's subject is the first one's. A subject the first verb itself inherited keeps the rule
    that found it.

    Example: The company reached a deal and paved the way for new investment."""
    head = verb.head
    if verb.dep != DEP.conj or not is_verb(head):
        return None
    heads, rule = subjects_of(head)
    return heads, SHARED if rule == OWN else rule


def relative_subject(verb: Token, subjects_of: SubjectsOf) -> Subjects | None:
    """A relative clause is about the noun it modifies: "the man seen there" (no relative
    pronoun) and, through the relative pronoun, "the storm, which has flooded several towns".
    An infinitival relative clause ("a framework to discuss") has its noun as object instead.

    Example: The storm, which has flooded several towns, moved north."""
    if verb.dep != DEP.relcl or any(c.tag == TAG.TO for c in children(verb)):
        return None
    return [verb.head], RELATIVE


def participle_subject(verb: Token, subjects_of: SubjectsOf) -> Subjects | None:
    """A participle describes the noun it modifies ("the truce, signed in May"); a participle
    clause set off after its clause, with no subordinator, shares that clause's subject
    ("..., paving the way for"). A participle of saying is said by someone who can speak
    ("The mayor said the bridge will stay closed, adding that ...": the mayor adds).

    Example: The truce, signed in May, held."""
    dep, tag = verb.dep, verb.tag
    if dep == DEP.acl and tag in _PARTICIPLE_TAGS:
        heads = [verb.head]
    elif dep == DEP.advcl and tag == TAG.VBG and not has_child(verb, _MARK):
        head = verb.head
        heads = subjects_of(head)[0] if is_verb(head) else []
    else:
        return None
    # Only someone speaks: in "the sheriff said the area will stay closed, adding that ..."
    # the parser hangs "adding" on "stay", but the area adds nothing; the speaker is the
    # subject above that can speak ("the sheriff"). (A past participle's noun is what is said,
    # not who says it: "the rules announced by the minister".)
    speaks = tag == TAG.VBG and verb.lemma_ in SPEECH_VERBS
    if speaks and heads and not any(_may_speak(h) for h in heads):
        heads = _speaker_above(verb, subjects_of) or heads
    return heads, PARTICIPLE


def _may_speak(noun: Token) -> bool:
    """Whether ``noun`` can be the one who says something: a name, a personal pronoun, a
    person or a body ("the police", "the company"), or a text that speaks for its author ("a
    statement saying", "a report saying")."""
    if noun.pos in _SPEAKER_POS:
        return True
    lemma = noun.lemma_.lower()
    return (
        lexicon.noun_class(lemma) in _SPEAKER_CLASSES
        or lexicon.may_be_person(lemma)
        or lemma in _SPEAKING_TEXTS
    )


def _speaker_above(verb: Token, subjects_of: SubjectsOf) -> list[Token] | None:
    """The subjects of the nearest verb above the clause ``verb`` hangs on, when they can all
    speak. Only the nearest: a speaker further up is as likely another clause's."""
    node = verb.head
    if is_verb(node):  # the clause whose subject could not speak: start above it
        node = node.head
    while not is_verb(node) and node.head.i != node.i:
        node = node.head
    if not is_verb(node) or node.i == verb.head.i:
        return None
    heads = subjects_of(node)[0]
    return heads if heads and all(_may_speak(h) for h in heads) else None


def control_subject(verb: Token, subjects_of: SubjectsOf) -> Subjects | None:
    """An infinitive's subject is its controller: the matrix verb's object when it has one
    ("asked him to leave": him leaves), else the matrix verb's subject.

    Example: The board asked him to sign the contract."""
    head = verb.head
    if verb.dep != DEP.xcomp or not is_verb(head):
        return None
    controllers = children_with(head, _CONTROLLER_DEPS)
    if controllers:
        return controllers[:1], CONTROL
    return subjects_of(head)[0], CONTROL


def adjunct_subject(verb: Token, subjects_of: SubjectsOf) -> Subjects | None:
    """A non-finite clause that modifies another clause and writes no subject is about the
    main clause's subject (subject control of an adjunct): after a subordinator ("was injured
    while crossing the street": she crosses; "if convicted": he is convicted), as a perfect
    participle ("Having won the title, the team ..."), as an infinitive of purpose ("came to
    arrest him"), or as a gerund after a preposition ("died after being shot by a gunman": he
    was shot, the gunman shot him). A preposition that completes a verb with an object ("of",
    "for", "with", "from", "into", "against") makes that object the one the gerund is about
    ("accused Jones of stealing the car": Jones steals; "was charged with killing his wife":
    he kills, the passive's subject being the active's object).

    Example: The rebels seized the town before attacking the base."""
    dep = verb.dep
    if dep == DEP.advcl:
        if not _non_finite_adjunct(verb):
            return None
        above = verb.head
        if verb.tag == TAG.VB and has_child(above, _PASSIVE_DEPS):
            # A purpose is its doer's, whom a passive leaves unsaid: in "the sites should be
            # added to the zone to minimise disruption" the sites minimise nothing.
            return None
    elif dep == DEP.pcomp and verb.tag in _GERUND_TAGS:
        preposition = verb.head
        if preposition.pos != POS.ADP or preposition.dep != DEP.prep:
            return None
        above = preposition.head
        if is_verb(above) and preposition.lower in _COMPLEMENT_PREPOSITIONS:
            objects = children_with(above, _CONTROLLER_DEPS)
            # "for" and "with" complete a verb only with someone as its object ("arrested the
            # man for stealing", "charged him with killing"); after a thing they tell why or
            # how the subject did it ("won an Emmy for hosting the show").
            if objects and (preposition.lower not in _AFTER_SOMEONE or _may_act(objects[0])):
                return objects[:1], ADJUNCT
    else:
        return None
    # "is dead after being shot", "is responsible for causing": the predicate adjective's
    # clause is the one whose subject is meant.
    if above.pos == POS.ADJ and above.dep in _PREDICATE_DEPS:
        above = above.head
    if not is_verb(above):
        return None  # under a noun ("his role in planning the attack"): no clause to control it
    heads = subjects_of(above)[0]
    return (heads, ADJUNCT) if heads else None


def _may_act(noun: Token) -> bool:
    """Whether ``noun`` can do something on purpose: a personal pronoun, the name of a person,
    body or people, a noun of a person or body ("the man", "the company"); not a thing's name
    ("won an Emmy for")."""
    if noun.pos == POS.PRON or noun.ent_type in _ACTOR_ENTITIES:
        return True
    if noun.pos == POS.PROPN:
        return False
    lemma = noun.lemma_.lower()
    return lexicon.noun_class(lemma) in _SPEAKER_CLASSES or lexicon.may_be_person(lemma)


def _non_finite_adjunct(verb: Token) -> bool:
    """Whether an adverbial clause is non-finite: a gerund or participle ("while crossing",
    "if convicted", "having won"), or an infinitive with its "to" ("to arrest him"); not
    after "as" or "than", whose clause is about what the main clause says ("as expected")."""
    if verb.tag == TAG.VB:
        return any(c.tag == TAG.TO for c in children(verb))
    if verb.tag not in _PARTICIPLE_TAGS:
        return False
    return not any(c.dep in _MARK and c.lower in _PROPOSITIONAL_MARKS for c in children(verb))


def antecedent(verb: Token) -> Token | None:
    """The noun a relative clause modifies ("conflict" for "the conflict, which has roiled"),
    read from the first verb of a coordination of relative clauses."""
    while verb.dep == DEP.conj:
        verb = verb.head
    if verb.dep == DEP.relcl and verb.head.pos in _ANTECEDENT_POS:
        return verb.head
    return None


_MARK = DEP("mark")
_GERUND_TAGS = TAG("VBG", "VBN")  # "after chasing him", "after being shot" (the participle heads)
# Prepositions that complete a verb ("accused him of", "charged him with", "arrested him for",
# "kept him from", "talked him into", "warned him against"): with the verb's object, the gerund
# is about that object. The prepositions of time, means and manner ("after", "before", "by",
# "without", "while") make an adjunct, about the subject whatever objects the verb has
# ("arrested the man after chasing him": the police chase).
_COMPLEMENT_PREPOSITIONS = WORD("of", "for", "with", "from", "into", "against")
_AFTER_SOMEONE = WORD("for", "with")
_ACTOR_ENTITIES = ENT("PERSON", "ORG", "NORP", "GPE")
_PASSIVE_DEPS = DEP("auxpass", "nsubjpass")
_PREDICATE_DEPS = DEP("acomp", "attr", "oprd")
_PROPOSITIONAL_MARKS = WORD("as", "than", "like")
_PARTICIPLE_TAGS = TAG("VBN", "VBG")
_SPEAKER_POS = POS("PROPN", "PRON")
_SPEAKER_CLASSES = frozenset({"person", "organization"})
# Texts said to speak for whoever wrote them: "a statement saying", "the letter says".
_SPEAKING_TEXTS = frozenset(
    {
        "statement", "report", "release", "memo", "letter", "message", "note", "notice",
        "advisory", "reply", "email", "post", "tweet", "sign", "document", "filing", "ruling",
        "study", "survey", "poll", "article", "story", "editorial", "bulletin", "press",
        "announcement", "communique", "declaration", "complaint", "lawsuit", "suit",
    }
)  # fmt: skip
