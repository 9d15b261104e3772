"""Parse facts the construct sieves read: copulas and who speaks a quotation.

They are worked out once per document from the parse (kg.extract's token cache), so the sieves
compare mentions only.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from kg.extract.qualifiers import SPEECH_VERBS
from kg.extract.tokens import (
    CLOSING_MARKS,
    OPENING_MARKS,
    QUOTATION_MARKS,
    STRAIGHT_MARKS,
    children,
    string_ids,
)

# Quotation marks: opening, closing, and the straight ones that do both (kg.extract.tokens).
_OPENING = OPENING_MARKS
_CLOSING = CLOSING_MARKS
_STRAIGHT = STRAIGHT_MARKS


# The verbs that may say a quotation, as the ids Token.lemma holds (every word outside a
# quotation is compared): the verbs of saying, and those of saying aloud ("cried out 'Mommy,
# I've been hit'", "screamed 'Somebody help me'").
_SPEECH_VERB_IDS = string_ids(SPEECH_VERBS)
_QUOTING_VERB_IDS = string_ids(SPEECH_VERBS | {"cry", "scream", "shout", "yell", "exclaim"})

# Verbs that say their subject is what their complement names.
_COPULAS = frozenset({"be", "become"})
_COPULA_IDS = string_ids(_COPULAS)  # as Token.lemma holds them: every token is compared

# "as", as Token.lower holds it: every token is compared (role_predicates).
_AS_ID = next(iter(string_ids(("as",))))


def copular_subjects(tokens: Sequence[Token]) -> dict[int, int]:
    """Each affirmative copula's token index -> its subject's: "Kirkpatrick is a retiree" (not
    "is not", not "is one of the ...": a member of a group is not the group). "Become" is one
    too, its subject the controlling verb's when it has none of its own: "McDermott scored 23
    points to become the school's all-time scoring leader"; so is "to be" with an indefinite
    predicate completing a verb with no object ("was revealed to be a Muslim")."""
    copulas: dict[int, int] = {}
    for token in tokens:
        if token.lemma not in _COPULA_IDS:
            continue
        kids = children(token)
        if any(c.dep_ == "neg" for c in kids):
            continue
        subjects = [c.i for c in kids if c.dep_ == "nsubj"]
        if not subjects and token.lemma_ == "become" and token.dep_ in ("xcomp", "advcl"):
            subjects = [c.i for c in children(token.head) if c.dep_ == "nsubj"]
        elif (
            not subjects
            and token.dep_ == "xcomp"
            and not _has_object(token.head)
            and any(_indefinite(c) for c in kids if c.dep_ == "attr")
        ):
            # "Hiller has been revealed to be a Muslim", "he seems to be a loner": an
            # infinitive "to be" with no subject of its own says its predicate of the subject
            # of the verb it completes (raising and subject control). Not after an object,
            # which is who the infinitive is said of ("asked him to be the host"); only a
            # predicate that describes (indefinite), as what such a verb reports may be only
            # rumoured ("was rumored to be Deep Throat" says no one is who).
            subjects = [c.i for c in children(token.head) if c.dep_ in ("nsubj", "nsubjpass")]
        attrs = [c for c in kids if c.dep_ == "attr" and c.lower_ != "one"]
        if len(subjects) == 1 and attrs:
            copulas[token.i] = subjects[0]
    return copulas


def _has_object(verb: Token) -> bool:
    return any(c.dep_ in ("dobj", "dative") for c in children(verb))


# Verbs that give someone a role "as" something: "named Hugh Jackman as the host".
_ROLE_VERB_DEPS = frozenset({"dobj", "nsubjpass"})

# Verbs that say who someone is by a name after "as": "police identified the victim as LuAnn
# Johnson", "the man was named as John Smith". After another verb a name after "as" is a part
# played, not who one is ("a film starring Gretchen Mol as Page").
_IDENTIFYING_VERBS = frozenset({"identify", "name"})

# Relative pronouns, by their tag: "who", "whom", "which", "that" opening a clause.
_RELATIVE_TAGS = frozenset({"WP", "WDT"})


def role_predicates(tokens: Sequence[Token]) -> dict[int, int]:
    """The head of an "as" phrase -> the head of who or what it describes: "Oscar organizers
    unveiled Hugh Jackman as the host", "Jackman was announced as the host" (the verb's object,
    or its passive subject; failing both, its subject: see _serving); not under negation. A
    name after "as" is kept only after a verb of identifying, whose object may stand outside
    its clause too (see _identified)."""
    roles: dict[int, int] = {}
    for token in tokens:
        if token.lower != _AS_ID or token.dep_ != "prep":
            continue
        verb = token.head
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        if any(c.dep_ == "neg" for c in children(verb)):
            continue  # "McCain has not been named as a suspect", as a copula under negation
        objects = [c.i for c in children(token) if c.dep_ == "pobj"]
        identifying = verb.lemma_ in _IDENTIFYING_VERBS
        if len(objects) != 1 or (tokens[objects[0]].pos_ == "PROPN" and not identifying):
            continue
        described = _identified(verb) if identifying else _described(verb)
        if described is None and not identifying:
            described = _serving(verb, tokens[objects[0]])
        if described is not None:
            roles[objects[0]] = described
    return roles


def _described(verb: Token) -> int | None:
    """The one object, or passive subject, of a verb: what an "as" phrase on it describes."""
    described = [c.i for c in children(verb) if c.dep_ in _ROLE_VERB_DEPS]
    return described[0] if len(described) == 1 else None


def _serving(verb: Token, role: Token) -> int | None:
    """Who serves in a role a verb with no object gives its subject by "as": "Felt served as
    the shadowy source", "Cheeks will take over as new coach", "she worked as a secretary"
    (the role sieve keeps the roles of people only: not "came as a surprise"). Not a participle
    with no auxiliary, which modifies a noun or opens a headline ("two of them disguised as
    women", "Goth son held as mum and sister found dead"), nor roles coordinated, nor a verb
    that regards someone "as" what they are ("thought of my mum as a second mum")."""
    if verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in children(verb)):
        return None
    if any(c.dep_ == "conj" for c in children(role)):
        return None
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in children(verb)):
        return None
    subjects = [c.i for c in children(verb) if c.dep_ == "nsubj"]
    return subjects[0] if len(subjects) == 1 else None


def _identified(verb: Token) -> int | None:
    """Who a verb of identifying identifies: its object or passive subject; in a relative
    clause whose pronoun that is, the noun the clause modifies ("the driver, who police
    identified as Vishwanand Subryan"); for a past participle modifying a noun, that noun
    ("the woman, identified by police as Madeline Kafoury")."""
    described = _described(verb)
    if described is None and verb.tag_ == "VBN":
        if verb.dep_ == "advcl":
            return _object_just_before(verb)
        return verb.head.i if verb.dep_ == "acl" else None
    if (
        described is not None
        and verb.dep_ == "relcl"
        and verb.doc[described].tag_ in _RELATIVE_TAGS
    ):
        return verb.head.i
    return described


def _object_just_before(participle: Token) -> int | None:
    """The object of the verb a participle of identifying hangs from, when the participle
    follows that object after a comma: the parser hangs "identified" of "apprehended the
    suspect, identified as Vishwanand Subryan" on "apprehended", but a participle set right
    after an object, with no subject of its own, says who that object is (the verb's subject,
    "they", is not the one named)."""
    objects = [c for c in children(participle.head) if c.dep_ == "dobj"]
    if len(objects) != 1 or participle.i < 2:
        return None
    before = participle.doc[participle.i - 1]
    if before.text != "," or objects[0].right_edge.i != participle.i - 2:
        return None
    return objects[0].i


def _closed_on_next_line(tokens: Sequence[Token], start: int) -> bool:
    """Whether the line from ``start`` closes a quotation with a closing mark before it opens
    one or ends."""
    for token in tokens[start:]:
        text = token.text
        if "\n" in text or text in _OPENING or text in _STRAIGHT:
            return False
        if text in _CLOSING:
            return True
    return False


def quote_speakers(
    tokens: Sequence[Token], sentences: Sequence[tuple[object, Span]]
) -> dict[int, int]:
    """Each token inside a quotation -> the head of who speaks it: the subject of the verb of
    saying (or of saying aloud: "shouted") outside the quotation that the quotation hangs from,
    else of the sentence's first verb of saying ("'We are thrilled,' Zadan said"), else of the
    sentence after it or before it. Tokens with no speaker are left out."""
    inside = [False] * len(tokens)
    quoted = False
    # A quotation between straight single marks ("'We're actively looking for him,' he
    # said"), read apart from the double marks it may stand within.
    single = False
    # A quotation set into a reported clause ("Lopez told police that 'he did not mean to
    # shoot the ladies'", "Smith said that 'we'll monitor the situation'"): its words are
    # woven into the reporter's sentence, so its first person is the speaker but a "he" in it
    # may be the speaker too, as the reporter calls them.
    woven = False
    narrated = [False] * len(tokens)
    for token in tokens:
        text = token.text
        if "\n" in text:
            # A quotation does not run on past its paragraph unclosed, unless the line after
            # closes it (a text written a sentence a line: "``Reid has checked in. / We ask
            # for privacy,'' her rep said.").
            quoted = quoted and _closed_on_next_line(tokens, token.i + 1)
            single = False
        elif text == "'":
            # The straight single mark is also an apostrophe ("the Bulldogs' deficit"): it
            # opens a quotation set off before it and written onto the word after it, and
            # closes one open when written onto the word before it.
            if single:
                single = not _written_onto_word_before(tokens, token)
            elif _opens_single_quotation(tokens, token):
                woven = woven if quoted else _after_that(tokens, token)
                single = True
        elif text in _OPENING or (text in _STRAIGHT and not quoted):
            woven = woven if single else _after_that(tokens, token)
            quoted = True
        elif text in _CLOSING or text in _STRAIGHT:
            quoted = False
        else:
            inside[token.i] = quoted or single
            narrated[token.i] = woven and "1" not in token.morph.get("Person", [])
    if not any(inside):
        return {}
    # A sentence's tokens from ``tokens`` (the document's, as the cache holds them): iterating
    # the Span makes a new Token for every word.
    speaker: dict[int, int] = {}
    # A quoted word under a verb of saying of its sentence -> that verb's subject, whichever
    # verb of saying comes first: "a spokesman said the witness told detectives she couldn't
    # see 'from the angle I was at'" is the witness's, not the spokesman's.
    governed: dict[int, int] = {}
    aloud: dict[int, int] = {}  # a sentence -> who says the quotation in it aloud
    for record, sent in sentences:
        sayers: dict[int, int] = {}  # a verb of saying outside the quotation -> its subject
        for token in tokens[sent.start : sent.end]:
            if not inside[token.i] and token.lemma in _QUOTING_VERB_IDS:
                subjects = [c.i for c in children(token) if c.dep_ == "nsubj"]
                if subjects:
                    sayers[token.i] = subjects[0]
        # The sentence's speaker is the subject of its first verb of saying; a verb of saying
        # aloud says only the quotation under it ("heard co-workers yelling, said Larson").
        first = next((v for v in sayers if tokens[v].lemma in _SPEECH_VERB_IDS), None)
        if first is not None:
            speaker[record.index] = sayers[first]  # type: ignore[attr-defined]
        # Not a verb of saying in a relative clause or one opened by "where" or "when", which
        # describes a noun or a time of the sentence ("White told The Post after a hearing
        # where Lohan's lawyer said she was ... — 'I hear she's on her way'"): the parser may
        # hang a quotation after it from it.
        framing = {
            verb: who
            for verb, who in sayers.items()
            if tokens[verb].dep_ != "relcl"
            and not any(c.tag_ == "WRB" for c in children(tokens[verb]))
        }
        if framing:
            for i in range(sent.start, sent.end):
                if inside[i]:
                    verb = _governing(tokens[i], framing)
                    if verb is not None:
                        governed[i] = framing[verb]
                        # The quotation goes on in the next sentence ("she exclaimed, 'Mommy,
                        # I got hit. Somebody hit me'"), said aloud by the same speaker.
                        aloud.setdefault(record.index, framing[verb])  # type: ignore[attr-defined]
    # A quoted sentence with no verb of saying of its own goes on the quotation before it
    # when the sentence before is quoted too ("'She captured a generation,' said her agent.
    # 'She is the embodiment of beauty.'"); else it is said by the sentence after or before.
    quoted_sentences = {
        record.index  # type: ignore[attr-defined]
        for record, sent in sentences
        if any(inside[sent.start : sent.end])
    }
    speakers: dict[int, int] = {}
    for record, sent in sentences:
        index = record.index  # type: ignore[attr-defined]
        who: int | None
        if index in speaker:
            who = speaker[index]
        elif index - 1 in quoted_sentences and (index - 1 in speaker or index - 1 in aloud):
            who = speaker.get(index - 1, aloud.get(index - 1))
        else:
            who = speaker.get(index + 1, speaker.get(index - 1))
        for i in range(sent.start, sent.end):
            said_by = governed.get(i, who) if inside[i] and not narrated[i] else None
            if said_by is not None:
                speakers[i] = said_by
    return speakers


def _after_that(tokens: Sequence[Token], mark: Token) -> bool:
    """Whether a quotation mark opens the words of a reported clause, after its "that"."""
    return mark.i > 0 and tokens[mark.i - 1].lower_ == "that"


def _written_onto_word_before(tokens: Sequence[Token], mark: Token) -> bool:
    """Whether nothing separates ``mark`` from the token before it ("vehicle,'")."""
    return mark.i > 0 and not tokens[mark.i - 1].whitespace_


def _opens_single_quotation(tokens: Sequence[Token], mark: Token) -> bool:
    """Whether a straight single mark opens a quotation: set off from what comes before it
    (by a space, a line break or another quotation mark, or first in the text) and written onto
    the word it opens ("'We're", "'There's")."""
    if mark.whitespace_ or mark.i + 1 >= len(tokens) or not tokens[mark.i + 1].is_alpha:
        return False
    if mark.i == 0:
        return True
    before = tokens[mark.i - 1]
    return bool(before.whitespace_) or "\n" in before.text or before.text in QUOTATION_MARKS


def _governing(token: Token, verbs: dict[int, int]) -> int | None:
    """The nearest of ``verbs`` (token indices) above ``token`` in its parse, or None."""
    while token.head.i != token.i:
        token = token.head
        if token.i in verbs:
            return token.i
    return None


# Verbs of naming: they give what they are said of a name ("a company called Klondike
# Creamery", "Gigante was nicknamed 'The Oddfather'", "an editor dubbed him 'Deep Throat'"),
# the name their object complement (oprd), or after "as" ("a gang known as 8 Block"). "Know"
# names only through "as" ("known as"); "call" and "name" also summon and appoint ("police
# were called to the scene", "was named coach", "called Page as a witness"), which a name as
# complement tells apart (naming_complements keeps names only, and no complement after "as"
# on them but "known as"'s). Verbs that characterise rather than name ("described as",
# "regarded as") are left out: what they give is a property.
_NAMING_VERBS = frozenset(
    {"call", "name", "dub", "nickname", "codename", "christen", "title", "entitle", "label"}
)
# The verbs whose "as" phrase gives a name: "known as", "also called as", "dubbed as".
_NAMING_AS_VERBS = frozenset({"know", "dub", "nickname", "label"})
# The dependency labels the parser gives a naming verb's name: an object predicate ("named
# Yvonne Hiller"), or, misread, an attribute, an open complement or a second object.
_NAME_DEPS = frozenset({"oprd", "attr", "xcomp"})


def naming_complements(tokens: Sequence[Token]) -> dict[int, tuple[int, str]]:
    """The head of a name a verb of naming gives -> the head of what it names, and the verb's
    lemma (hyphens dropped): the noun its
    participle modifies ("a woman named Unique Armstead"), its passive subject ("the boat is
    named the Salahaddin"), its object ("the editor dubbed him Deep Throat"), or, in a relative
    clause, the noun the clause modifies ("the patch, which Microsoft dubbed MS08-078", "the
    man they called Deep Throat"). Not under negation ("teams not named the Yankees"), nor a
    subject coordinated ("his wife and his mistress were named Olympia": each is, neither is
    the other), nor a participle on a role after "as" (see _named_by), nor on a possessed noun
    ("the man their editor dubbed X": the parser hangs the clause on "editor", who is named
    already). Whether the complement is a
    name or a role ("named coach") the sieve decides from its mention."""
    named: dict[int, tuple[int, str]] = {}
    for token in tokens:
        if token.pos_ != "VERB" or any(c.dep_ == "neg" for c in children(token)):
            continue
        lemma = token.lemma_.lower().replace("-", "")
        kids = children(token)
        if lemma in _NAMING_VERBS:
            names = [c for c in kids if c.dep_ in _NAME_DEPS]
            if (
                len(names) == 1
                and not _indefinite(names[0])
                and not any(c.dep_ == "prep" and c.lower_ == "as" for c in kids)
            ):
                target = _named_by(token)
                if target is not None:
                    named[names[0].i] = (target, lemma)
        if lemma in _NAMING_AS_VERBS:
            for prep in kids:
                if prep.dep_ != "prep" or prep.lower != _AS_ID:
                    continue
                objects = [c for c in children(prep) if c.dep_ == "pobj"]
                target = _named_by(token)
                if len(objects) == 1 and target is not None and not _indefinite(objects[0]):
                    named[objects[0].i] = (target, lemma)
    return named


def _named_by(verb: Token) -> int | None:
    """What a verb of naming names (see naming_complements), or None. A relative pronoun is
    named itself ("the patch, which Microsoft dubbed MS08-078", "Felt, who was known as Deep
    Throat"): the relative pronoun sieve joins it to its noun, as it reads the clause."""
    kids = children(verb)
    objects = [c for c in kids if c.dep_ in ("dobj", "nsubjpass")]
    subjects = [c for c in kids if c.dep_ == "nsubj"]
    if len(objects) > 1:
        return None
    if objects:
        target = objects[0]
        return None if any(c.dep_ == "conj" for c in children(target)) else target.i
    relative = [c for c in subjects if c.tag_ in _RELATIVE_TAGS]
    if relative and verb.tag_ == "VBN":
        return relative[0].i  # "who, better known as Deep Throat, ..." (the auxiliary dropped)
    if verb.dep_ == "relcl" and subjects and not _relative_under_preposition(verb):
        # "the man they called Deep Throat": the clause's gap is its object; not "a hearing
        # in which the man dubbed the Oddfather admitted ...", where the relative word stands
        # in a prepositional phrase and the clause's object is its own.
        return verb.head.i
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and not subjects:
        if any(c.dep_ == "poss" for c in children(verb.head)):
            return None
        if verb.head.dep_ == "pobj" and verb.head.head.lower == _AS_ID:
            # "Felt served as the source known as Deep Throat": a role, and the name given it
            # is the role's (a persona), which the role sieve leaves apart from its holder.
            return None
        return verb.head.i  # "a company called Klondike Creamery"
    return None


def _indefinite(complement: Token) -> bool:
    """Whether a complement has an indefinite article: it gives a kind, not a name ("known as
    a Fix It", "called him a traitor", "better known as a prize fighter")."""
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in children(complement))


def _relative_under_preposition(verb: Token) -> bool:
    """Whether a relative clause's relative word is the object of a preposition of its verb
    ("in which")."""
    return any(
        c.dep_ == "prep" and any(g.tag_ in _RELATIVE_TAGS for g in children(c))
        for c in children(verb)
    )
