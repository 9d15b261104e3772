"""Arguments: the full span of a subject or object and the graph node (Mention) it maps to.

An argument is read from its syntactic head: the span is the head's subtree without the parts
that are facts of their own (coordinated conjuncts, relative clauses, appositions), and the
mention is the named entity the head belongs to, else the pronoun, else the common noun phrase
keyed by its lemmatised head with its compounds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from kg.coref import lexicon
from kg.coref.names import NUMERAL_NICKNAME
from kg.extract.tokens import (
    EDGE_POS_IDS,
    children,
    doc_cache,
    doc_tokens,
    opens_sentence,
    span_text_at,
    string_ids,
)
from kg.kinds import ObjectKind
from kg.labels import COUNT_LABELS, TIME_LABELS, VALUE_LABELS
from kg.types import Argument, Mention

# Children of an argument's head that are not part of the argument: a conjunct is a second
# argument ("A and B"), a relative clause or an apposition states a fact of its own ("the
# conflict, which roiled markets"; "Bessent, the Treasury Secretary"), an adverbial clause or a
# parataxis belongs to the sentence, not to the noun phrase.
_DETACHED_DEPS = frozenset(
    {"conj", "cc", "preconj", "relcl", "appos", "advcl", "parataxis", "punct", "dep"}
)

# Clauses inside an argument, at any depth, state facts of their own: "an escalation of the
# conflict, which has roiled markets" ends at "conflict". (Conjuncts and appositions below the
# head are kept: they may be part of a name, "London, Midland and Scottish Railway".)
_DEEP_DETACHED_DEPS = frozenset({"relcl", "advcl", "parataxis"})

# The same labels as ids (Token.dep), as argument_tokens compares them.
_DETACHED_DEP_IDS = string_ids(_DETACHED_DEPS)
_DEEP_DETACHED_DEP_IDS = string_ids(_DEEP_DETACHED_DEPS)

# Punctuation never starts or ends an argument (quotes, commas and dashes around a phrase).
_EDGE_PUNCT = frozenset({"PUNCT", "SPACE"})

# Personal pronouns stand for an entity mentioned elsewhere: they are kept as "pronoun" mentions
# for the coreference resolver, which maps them to their antecedent or drops the fact.
PERSONAL_PRONOUNS = frozenset(
    {
        "i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them",
        "myself", "ourselves", "yourself", "himself", "herself", "itself", "themselves",
    }
)  # fmt: skip

# Relative and demonstrative pronouns carry no referent of their own: a relative pronoun is
# replaced by the noun its clause modifies, and a bare demonstrative ("This marked ...") points
# at a whole previous statement, which is not a node of the graph. Both are dropped as arguments.
UNRESOLVABLE_PRONOUNS = frozenset(
    {
        "this", "that", "these", "those", "which", "who", "whom", "whose", "what", "whatever",
        "whichever", "whoever", "there", "here",
    }
)  # fmt: skip

RELATIVE_PRONOUNS = frozenset({"which", "who", "whom", "that", "whose"})


# Words of a title or honorific: they describe a person's office, they are not part of the name
# ("President Donald Trump" is the person "Donald Trump" with the title "President").
TITLE_WORDS = frozenset(
    {
        "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "sir", "dame",
        "president", "vice", "premier", "prime", "minister", "secretary", "chancellor",
        "senator", "sen.", "rep.", "representative", "governor", "gov.", "mayor", "king",
        "queen", "prince", "princess", "pope", "general", "gen.", "chairman", "chairwoman",
        "ceo", "chief", "judge", "justice", "ambassador", "director", "commissioner",
        "spokesman", "spokeswoman", "spokesperson", "negotiator", "envoy", "lord", "lady",
    }
)  # fmt: skip

# Words a common noun phrase's text does not start with: "the tariffs" is the concept "tariffs".
_LEADING_NON_CONCEPT = frozenset({"DET", *_EDGE_PUNCT})

# Token.ent_iob values (``ent_iob_`` "I" and "B"): the integer is cheaper to read than the string.
_IOB_INSIDE = 1
_IOB_BEGIN = 3

# Determiners and possessive markers at the start of a name are not part of it
# ("the United States" is the name "United States").
_LEADING_DETERMINERS = frozenset({"the", "a", "an"})


# Negative quantifiers. A phrase with one denies that anything it describes takes part in the
# fact: "No one was killed" says that it is not the case that anyone was killed, so the fact is
# "anyone - be killed", denied (Argument.negative). The pronouns among them, each with the word
# its denied fact reads with ("nobody saw" is "anyone saw", denied); "no one" reads as "nobody".
NEGATIVE_PRONOUNS = {
    "nobody": "anyone",
    "no-one": "anyone",
    "noone": "anyone",
    "nothing": "anything",
    "none": "any",
    "neither": "either",
}
# Determiners that make a noun phrase a negative quantifier: "no weapons", "neither team".
NEGATIVE_DETERMINERS = frozenset({"no", "neither"})
# Words after a negative quantifier that make it a comparison, which asserts: "nothing less
# than the future of Europe is at stake", "it was nothing more than a rumour", "nothing but
# praise", "nothing short of a miracle", "none other than the president".
_COMPARISON_WORDS = frozenset({"less", "more", "but", "short", "other"})

# The words and labels above as ids. The rules below read them for every argument: an id is
# cheaper to read than its string (Token.lower_, .tag_ look the string up on every read), and a
# part of speech is read from the Doc's cached array (Token.pos is slow to read, too).
_LEADING_NON_CONCEPT_IDS = string_ids(_LEADING_NON_CONCEPT)
_LEADING_DETERMINER_IDS = string_ids(_LEADING_DETERMINERS)
_TITLE_WORD_IDS = string_ids(TITLE_WORDS)
_PERSONAL_PRONOUN_IDS = string_ids(PERSONAL_PRONOUNS)
_UNRESOLVABLE_PRONOUN_IDS = string_ids(UNRESOLVABLE_PRONOUNS)
_LITERAL_LABEL_IDS = string_ids(VALUE_LABELS)
_LITERAL_POS_IDS = string_ids({"ADJ", "NUM", "ADV"})  # literal heads: "tough", "three"
_DETERMINER_TAG_IDS = string_ids({"DT", "WDT", "WP"})  # a determiner or wh-word standing alone
_POSSESSIVE_TAG_ID = get_string_id("POS")  # the tag of "'s"
_PRON_ID = get_string_id("PRON")
_PROPN_ID = get_string_id("PROPN")
_NOUN_ID = get_string_id("NOUN")
_EXPL_ID = get_string_id("expl")
_COMPOUND_ID = get_string_id("compound")
_CONJ_ID = get_string_id("conj")
_DET_ID = get_string_id("det")
_PRECONJ_ID = get_string_id("preconj")
_PREP_ID = get_string_id("prep")
_POBJ_ID = get_string_id("pobj")
_OF_ID = get_string_id("of")
_ONE_ID = get_string_id("one")
_NEITHER_ID = get_string_id("neither")
_NEGATIVE_PRONOUN_IDS = string_ids(NEGATIVE_PRONOUNS)
_NEGATIVE_DETERMINER_IDS = string_ids(NEGATIVE_DETERMINERS)
_NEGATIVE_PRONOUN_POS_IDS = string_ids({"PRON", "NOUN"})  # "nobody" is tagged either way
_COMPARISON_WORD_IDS = string_ids(_COMPARISON_WORDS)


def argument_tokens(head: Token, exclude: Token | None = None) -> list[Token]:
    """The tokens of the argument headed by ``head``: its subtree minus detached children (and
    minus the subtree of ``exclude``, the clause the argument was inherited from)."""
    # The walk is over token indices: the tokens are looked up once, for the span it keeps.
    cache = doc_cache(head.doc)
    kids, deps = cache.child_indices, cache.dep
    root = head.i
    skip = exclude.i if exclude is not None else -1
    positions = [root]
    stack = [c for c in kids[root] if deps[c] not in _DETACHED_DEP_IDS and c != skip]
    if not stack:
        return cache.tokens[root : root + 1]  # the head alone ("it", "Bessent"): often so
    while stack:
        i = stack.pop()
        positions.append(i)
        for child in kids[i]:
            if deps[child] not in _DEEP_DETACHED_DEP_IDS:
                stack.append(child)
    positions.sort()
    # A span must be contiguous: keep the run around the head.
    lo = hi = positions.index(root)
    while lo > 0 and positions[lo - 1] == positions[lo] - 1:
        lo -= 1
    while hi < len(positions) - 1 and positions[hi + 1] == positions[hi] + 1:
        hi += 1
    # The span is doc[start:end]; what _trim does, read from the part-of-speech array.
    start, end, pos = positions[lo], positions[hi] + 1, cache.pos
    while start < end - 1 and pos[start] in EDGE_POS_IDS:
        start += 1
    while end > start + 1 and pos[end - 1] in EDGE_POS_IDS:
        end -= 1
    return cache.tokens[start:end]


def _trim(tokens: list[Token]) -> list[Token]:
    start, end = 0, len(tokens)
    while start < end - 1 and tokens[start].pos in EDGE_POS_IDS:
        start += 1
    while end > start + 1 and tokens[end - 1].pos in EDGE_POS_IDS:
        end -= 1
    return tokens[start:end]


def split_coordinated_names(tokens: list[Token], head: Token) -> list[list[Token]]:
    """Split an argument that holds several names of one type joined by "and"/"or".

    A parser sometimes attaches "A and B" inside a compound ("US Treasury Secretary Scott Bessent
    and Trade Representative Jamieson Greer" with "Greer" as the head and "Bessent" buried in
    the modifier). When the span holds two or more entities with the head's label, separated by
    a coordinating conjunction and no preposition, each entity with its title is an argument.
    Otherwise the one piece is ``tokens`` itself (not a copy: nobody modifies it).
    """
    label_id = head.ent_type  # 0: no entity
    if not label_id or label_id in _LITERAL_LABEL_IDS:
        return [tokens]
    # A split needs two names with the label, i.e. two entity starts (IOB "B"): most spans have one.
    if sum(1 for t in tokens if t.ent_iob == _IOB_BEGIN and t.ent_type == label_id) < 2:
        return [tokens]
    pieces: list[list[Token]] = [[]]
    for tok in tokens:
        pos = tok.pos_
        if pos == "ADP":
            return [tokens]
        if pos == "CCONJ" or (tok.text == "," and not tok.ent_type_):
            pieces.append([])
        else:
            pieces[-1].append(tok)
    pieces = [_trim(p) for p in pieces if p]
    label = head.ent_type_
    named = [p for p in pieces if any(t.ent_type_ == label and t.ent_iob_ == "B" for t in p)]
    if len(named) < 2 or len(named) != len(pieces):
        return [tokens]
    return pieces


def entity_bounds(token: Token) -> tuple[int, int] | None:
    """The start and end (token indices) of the named entity that contains ``token``, if any."""
    if not token.ent_type:  # 0: no entity
        return None
    tokens = doc_tokens(token.doc)
    start = token.i
    while start > 0 and tokens[start].ent_iob == _IOB_INSIDE:
        start -= 1
    end = token.i + 1
    while end < len(tokens) and tokens[end].ent_iob == _IOB_INSIDE:
        end += 1
    return start, end


def name_tokens(tokens: list[Token], label: str) -> list[Token]:
    """The name of the entity made of ``tokens`` labelled ``label``, without a leading
    determiner or title ("the United States", "President Trump") or a trailing possessive
    marker."""
    if _verb_opens_the_name(tokens) or (label == "PERSON" and _modifier_opens_the_name(tokens)):
        tokens = tokens[1:]
    tokens = tokens[office_words(tokens) :]
    while len(tokens) > 1 and (
        tokens[0].lower in _LEADING_DETERMINER_IDS
        or (label == "PERSON" and tokens[0].lower in _TITLE_WORD_IDS)
        or (label == "PERSON" and len(tokens) > 2 and is_role_word(tokens[0]))
    ):
        tokens = tokens[1:]
    # A game's score written after a team's name ("beat Evansville 91-73"), which the recogniser
    # takes into the name: two numbers joined by a dash are no part of a name (a product's
    # number is one: "Windows 7", "Boeing 747").
    score = _trailing_score(tokens)
    if score:
        tokens = tokens[:-score]
    while len(tokens) > 1 and (
        tokens[-1].tag == _POSSESSIVE_TAG_ID
        or tokens[-1].pos in EDGE_POS_IDS
        # "Internet Explorer browsers": a common noun after a name is what it is, not its name
        # (a team's nickname made of a number is a name's word: "Philadelphia 76ers")
        or (
            tokens[-1].is_lower
            and tokens[-1].pos == _NOUN_ID
            and label not in TIME_LABELS
            and not NUMERAL_NICKNAME.fullmatch(tokens[-1].text)
        )
    ):
        tokens = tokens[:-1]
    return tokens


def office_words(tokens: list[Token]) -> int:
    """How many of a name's first ``tokens`` end an office's "of" phrase before a person's name:
    the recogniser reads "Secretary of the Interior Dirk Kempthorne" with the office's last
    words in the name ("the Interior Dirk Kempthorne"). After a title word and "of", the words
    up to a known given name are the office's ("the Interior"), when the name ends in a surname,
    no common English word; the person's name opens at the given name. 0 when the name follows
    no such title, or holds no such given name ("Secretary of Homeland Security" alone), or
    ends in a common word ("coach of the San Diego Chargers": a team)."""
    if len(tokens) < 3:
        return 0
    doc = tokens[0].doc
    of = tokens[0].i - 1
    if of > 0 and doc[of].lower_ == "the":  # "Secretary of the" + "Interior Dirk Kempthorne"
        of -= 1
    if of < 1 or doc[of].lower_ != "of" or not _is_title(doc[of - 1]):
        return 0
    if lexicon.common_word(tokens[-1].text):
        return 0
    for k in range(1, len(tokens) - 1):
        word = tokens[k]
        if not word.is_title:
            return 0
        if lexicon.given_name(word.text) and tokens[k + 1].is_title:
            return k
    return 0


def _is_title(token: Token) -> bool:
    """A word of a person's office or role ("Secretary", "Minister", "Chief")."""
    return token.lower in _TITLE_WORD_IDS or is_role_word(token)


def _verb_opens_the_name(tokens: list[Token]) -> bool:
    """Whether the first of ``tokens`` is a verb that opens the sentence, capitalised there, and
    that the recogniser read into the name after it ("Having Jackman host certainly fits",
    "Enter Beus, then a dairy farmer", "Following Gigante's conviction", "Choosing DeGeneres
    signals"). A sentence's first word is capitalised whatever it is, so its capital is no
    evidence: the verb is no part of the name when the document names the rest elsewhere
    (its last word in another name: "Hugh Jackman") and never writes the verb with its capital
    inside a sentence ("Catching Fire" there is a title; "Cutting Edge Labs" a company). A
    known given name is a name first ("Will Smith", "Grant Hill")."""
    if len(tokens) < 2:
        return False
    first = tokens[0]
    if not first.is_title or not lexicon.verb_form(first.text) or lexicon.given_name(first.text):
        return False
    # The name's last capitalised word: a surname, not the possessive marker after it.
    last = next(t for t in reversed(tokens) if t.text[:1].isupper())
    if last is first or not opens_sentence(first):
        return False
    named_elsewhere = False
    for token in doc_tokens(first.doc):
        if first.i <= token.i <= last.i:
            continue
        if token.orth == first.orth and not opens_sentence(token):
            return False  # capitalised where no sentence opens: a name's own word
        named_elsewhere = named_elsewhere or (bool(token.ent_type) and token.orth == last.orth)
    return named_elsewhere


def _modifier_opens_the_name(tokens: list[Token]) -> bool:
    """Whether the first of a person's name's ``tokens`` is an adverb or an adjective opening the
    sentence or the title line, capitalised there, that the recogniser read into the name after
    it ("Naturally Scott Boras will try", "Unemployed John Jenkin, 23, was arrested"). A
    sentence's first word is capitalised whatever it is, so its capital is no evidence: a word
    WordNet reads as an adverb or an adjective only (``lexicon.modifier_only``: not "Young",
    "Frank", which are nouns too), that is no known given name ("Rich", "Earnest"), and that
    the document never writes capitalised inside a sentence, is no part of the name, when the
    rest reads as a name; the name starts after it. A surname that is an adjective ("Sharp",
    "Strong") stands last in a name, not first, so it is not cut."""
    if len(tokens) < 2:
        return False
    first = tokens[0]
    if (
        not first.is_title
        or not opens_sentence(first)
        or not tokens[1].is_title
        or lexicon.given_name(first.text)
        or not lexicon.modifier_only(first.text)
    ):
        return False
    # The rest must read as a name of its own: opening with a known given name ("John
    # Jenkin") or its last word named elsewhere in the document; a word alone before a
    # surname may be a given name the birth records miss ("Bright Addae").
    last = next(t for t in reversed(tokens) if t.text[:1].isupper())
    rest_named = lexicon.given_name(tokens[1].text)
    for token in doc_tokens(first.doc):
        if token.orth == first.orth and token.i != first.i and not opens_sentence(token):
            return False  # capitalised where no sentence opens: a name's own word
        if not first.i <= token.i <= last.i and token.ent_type and token.orth == last.orth:
            rest_named = True
    return rest_named


_SCORE = re.compile(r"(\d{1,3})[-\u2013\u2014](\d{1,3})")
_DASHES = frozenset({"-", "\u2013", "\u2014"})


def _is_score(first: str, second: str) -> bool:
    """Whether two numbers joined by a dash read as a game's score: news writes the winner's
    first ("91-73", "51-50"), at most three digits each. A range opens with the smaller
    number ("1939-1945"), and a model's series number is a round hundred ("Boeing
    747-400")."""
    return (
        len(first) <= 3
        and len(second) <= 3
        and int(first) >= int(second)
        and not (len(second) == 3 and second.endswith("00"))
    )


def _trailing_score(tokens: list[Token]) -> int:
    """How many of ``tokens`` at the end are a score (see ``_is_score``) written after a name:
    one token ("91-73") or three ("91", "-", "73"), spaced from a capitalised word; else 0."""
    texts = [t.text for t in tokens]
    joined = _SCORE.fullmatch(texts[-1]) if len(texts) >= 2 else None
    if joined is not None and _is_score(*joined.groups()):
        score = 1
    elif (
        len(texts) >= 4
        and texts[-1].isdigit()
        and texts[-2] in _DASHES
        and texts[-3].isdigit()
        and _is_score(texts[-3], texts[-1])
    ):
        score = 3
    else:
        return 0
    name = tokens[-score - 1]
    spaced = tokens[-score].idx > name.idx + len(name.text)
    return score if spaced and name.text[:1].isupper() else 0


def is_role_word(token: Token) -> bool:
    """A word naming what a person is ("Comedian Ellen DeGeneres", "actress Lindsay Lohan"),
    not one of the person's names (a known first name is a name: "Guy Ritchie")."""
    return lexicon.role_word(token.text)


def entity_mention(ent: Span, sentence: int) -> Mention:
    return _entity_mention(ent.doc, ent.start, ent.end, ent.label_, sentence, ent.root.idx)


def _entity_mention(
    doc: Doc, start: int, end: int, label: str, sentence: int, head: int
) -> Mention:
    """The mention of the entity ``doc[start:end]`` labelled ``label``, whose head word starts at
    character ``head``."""
    tokens = name_tokens(doc_tokens(doc)[start:end], label)
    text, first, last = span_text_at(tokens)
    kind = ObjectKind.LITERAL if label in VALUE_LABELS else ObjectKind.ENTITY
    return Mention(text, first, last, sentence, kind, label=label, head=head)


def entity_mentions(entities: Iterable[tuple[Span, int]]) -> Iterator[Mention]:
    """Every named-entity mention of the Doc, names stripped of determiners and titles, from its
    entities with the index of their sentence."""
    for ent, sentence in entities:
        if ent.label_ in VALUE_LABELS:
            continue
        yield entity_mention(ent, sentence)


def concept_key(head: Token) -> str:
    """A common noun keyed by its lemma with its compounds: "trade deals" -> "trade deal"."""
    # One pass over the children (lefts() would make a list first); part of speech from the
    # cached array (Token.pos is slow to read). Most heads have no compound.
    head_i = head.i
    pos = doc_cache(head.doc).pos
    parts = []
    for c in children(head):
        if c.i >= head_i:
            break  # children come in document order: the rest are right of the head
        if c.dep == _COMPOUND_ID and pos[c.i] == _NOUN_ID and c.is_alpha:
            parts.append(c.lemma_.lower())
    if not parts:
        return head.lemma_.lower()
    parts.append(head.lemma_.lower())
    return " ".join(parts)


def mention_for(
    head: Token, tokens: Sequence[Token], sentence: int, written: tuple[str, int, int]
) -> Mention | None:
    """The node an argument maps to, or None when it maps to nothing (a bare demonstrative,
    a relative pronoun without antecedent, an expletive). ``written`` is the argument's text
    and offsets (``span_text_at(tokens)``): a literal or a concept is that text or its end."""
    doc = head.doc
    cache = doc_cache(doc)
    pos_of = cache.pos  # by token index
    head_i = head.i
    lower = head.lower  # ids, as the _*_IDS sets hold them
    pos = pos_of[head_i]
    if head.dep == _EXPL_ID:
        return None
    if pos == _PRON_ID or (head.tag in _DETERMINER_TAG_IDS and len(tokens) == 1):
        if lower in _UNRESOLVABLE_PRONOUN_IDS:
            return None
        if lower in _PERSONAL_PRONOUN_IDS:
            text, start, end = span_text_at([head])
            return Mention(text, start, end, sentence, ObjectKind.PRONOUN, head=head.idx)
    if len(tokens) == 1 and lower in _UNRESOLVABLE_PRONOUN_IDS:
        return None
    bounds = entity_bounds(head)
    label = head.ent_type_ if bounds is not None else ""
    if bounds is not None and written_as_a_figure(doc_tokens(doc)[slice(*bounds)], label):
        label = "CARDINAL"  # "288" typed a building, ".500" a product: a number all the same
    if bounds is not None and label in COUNT_LABELS:
        # A count or a rank heading its phrase is a description of what it counts or ranks, of
        # its own document (labelled, so that resolution knows it for one): never a name,
        # which every document writing the same number would share.
        return _concept(head, tokens, sentence, written, label)
    if bounds is not None and (label in VALUE_LABELS or label in TIME_LABELS):
        # An amount is a value and a date a time, as where the recogniser's name is the
        # argument itself (entity_mention).
        return _entity_mention(doc, *bounds, label, sentence, head.idx)
    if bounds is not None and not _written_in_lower_case(doc_tokens(doc)[slice(*bounds)]):
        # The entity as doc[start:end] gives it: without a label (so a title stays in its name).
        return _entity_mention(doc, *bounds, "", sentence, head.idx)
    if pos == _PROPN_ID:
        # A name the NER missed ("Bessent told reporters"): still a named thing, unlabelled, so
        # the resolver can merge it with "Scott Bessent".
        heads = cache.heads  # by token index: the index of its head
        name = [
            t
            for t in tokens
            if pos_of[t.i] == _PROPN_ID and (t.i == head_i or heads[t.i] == head_i)
        ]
        name = [t for t in name if t.i >= head_i - 3] or [head]
        if not _written_in_lower_case(name):
            text, start, end = span_text_at(name)
            return Mention(text, start, end, sentence, ObjectKind.ENTITY, head=head.idx)
    # A recogniser's name or a proper noun written in lower case is a description (below).
    if pos in _LITERAL_POS_IDS:
        text, start, end = written
        return Mention(text, start, end, sentence, ObjectKind.LITERAL, head=head.idx)
    return _concept(head, tokens, sentence, written)


# The recogniser's labels of things whose names may be figures alone: an event ("9/11"), a
# work ("1984", "24"), a law.
_FIGURE_NAME_LABELS = frozenset({"EVENT", "WORK_OF_ART", "LAW"})


def written_as_a_figure(words: Iterable[Token], label: str) -> bool:
    """Whether a recogniser's name is written in figures alone, with no letter ("288" of "288
    candidates" typed a building, ".500" a product, "10-1" a product): a number the recogniser
    mistyped, no name of a body, a place or a person. An event's or a work's name may be figures
    ("9/11", "1984")."""
    return (
        label not in _FIGURE_NAME_LABELS
        and label not in VALUE_LABELS
        and label not in TIME_LABELS
        and any(c.isdigit() for t in words for c in t.text)
        and not any(c.isalpha() for t in words for c in t.text)
    )


def _written_in_lower_case(words: Iterable[Token]) -> bool:
    """Whether words read as a name (the recogniser's, or proper nouns to the tagger) are
    written without a capital letter or a figure ("entered rehab", "the mag", "nudity" tagged
    a place): common nouns, which a name is not ("eBay", "76ers" are names)."""
    return not any(c.isupper() or c.isdigit() for t in words for c in t.text)


def _concept(
    head: Token,
    tokens: Sequence[Token],
    sentence: int,
    written: tuple[str, int, int],
    label: str = "",
) -> Mention:
    """The concept (a description) of the phrase ``tokens`` headed by ``head``: its text
    without a leading determiner or punctuation, keyed by its head (``concept_key``). A count
    or a rank heading its phrase ("one of the victims", "the sixth") keeps the recogniser's
    ``label`` (``COUNT_LABELS``), so that resolution knows it for one."""
    text, start, end = written
    pos_of = doc_cache(head.doc).pos
    first, last = 0, len(tokens) - 1
    while first < last and pos_of[tokens[first].i] in _LEADING_NON_CONCEPT_IDS:
        first += 1
    if first:
        body_start = tokens[first].idx
        text, start = text[body_start - start :], body_start
    return Mention(
        text,
        start,
        end,
        sentence,
        ObjectKind.CONCEPT,
        label=label,
        key=concept_key(head),
        head=head.idx,
    )


def make_argument(
    head: Token, sentence: int, tokens: Sequence[Token] | None = None, *, denied: bool = False
) -> Argument | None:
    """The argument headed by ``head`` (span: ``tokens`` or the head's argument tokens).
    ``denied``: a conjunct of a phrase that "neither ... nor" denies as a whole."""
    if tokens is None:
        tokens = argument_tokens(head)
    written = span_text_at(tokens)
    if denied or is_negative_phrase(head):
        mention = _quantified_mention(head, tokens, sentence, written)
        if mention is None:
            return None
        return Argument(*written, mention, negative=True)
    mention = mention_for(head, tokens, sentence, written)
    if mention is None:
        return None
    return Argument(*written, mention)


def is_negative_phrase(head: Token) -> bool:
    """Whether the noun phrase headed by ``head`` is a negative quantifier: a negative pronoun
    ("nobody", "nothing", "none of the passengers") or a noun with a negative determiner ("no
    one", "no weapons", "neither team"). It refers to nothing: it denies its fact."""
    head_i = head.i
    if head.lower in _NEGATIVE_PRONOUN_IDS:
        negative = doc_cache(head.doc).pos[head_i] in _NEGATIVE_PRONOUN_POS_IDS
    else:
        negative = False
        for child in children(head):
            if child.i > head_i:
                break  # a determiner comes before its noun
            if child.dep == _DET_ID and child.lower in _NEGATIVE_DETERMINER_IDS:
                negative = True
                break
    if not negative:
        return False
    return not any(c.i > head_i and c.lower in _COMPARISON_WORD_IDS for c in children(head))


def _quantified_mention(
    head: Token, tokens: Sequence[Token], sentence: int, written: tuple[str, int, int]
) -> Mention | None:
    """The node a negative quantifier's denied fact is about: the set of a partitive ("none of
    the passengers": the passengers), the phrase without its determiner ("no weapons":
    weapons), or for a negative pronoun its positive reading ("nobody": anyone), a node of the
    document of its own."""
    for child in children(head):
        if child.dep == _PREP_ID and child.lower == _OF_ID:
            for noun in children(child):
                if noun.dep == _POBJ_ID:
                    noun_tokens = argument_tokens(noun)
                    return mention_for(noun, noun_tokens, sentence, span_text_at(noun_tokens))
    stand_in = NEGATIVE_PRONOUNS.get(head.lower_)
    if stand_in is None and head.lower == _ONE_ID:
        stand_in = NEGATIVE_PRONOUNS["nobody"]  # "no one"
    if stand_in is None:
        return mention_for(head, tokens, sentence, written)
    _, start, end = written
    return Mention(stand_in, start, end, sentence, ObjectKind.CONCEPT, key=stand_in, head=head.idx)


def _denied_by_neither(head: Token) -> bool:
    """Whether ``head`` starts a "neither ... nor" coordination ("Neither Trump nor Xi
    attended"), which denies the fact of every conjunct."""
    return any(c.dep == _PRECONJ_ID and c.lower == _NEITHER_ID for c in children(head))


def clause_argument(tokens: Sequence[Token], sentence: int) -> Argument:
    """A clausal complement as an argument: kept as text, it is no node of the graph."""
    text, start, end = span_text_at(tokens)
    return Argument(text, start, end, Mention(text, start, end, sentence, ObjectKind.CLAUSE))


def nominal_arguments(head: Token, sentence: int, exclude: Token | None = None) -> list[Argument]:
    """One argument per conjunct ("A and B" gives A and B), names split as described above."""
    out: list[Argument] = []
    denied = _denied_by_neither(head)
    for conjunct in conjuncts(head):
        tokens = argument_tokens(conjunct, exclude)
        pieces = split_coordinated_names(tokens, conjunct)
        for piece in pieces:
            piece_root = conjunct
            if len(pieces) > 1:
                # The name in each piece is its node; the title before it stays in the span.
                piece_root = [t for t in piece if t.ent_type_ == conjunct.ent_type_][-1]
            arg = make_argument(piece_root, sentence, piece, denied=denied)
            if arg is not None:
                out.append(arg)
    return out


def conjuncts(head: Token) -> list[Token]:
    """``head`` and the words coordinated with it ("A, B and C")."""
    out = [head]
    stack = [c for c in children(head) if c.dep == _CONJ_ID]
    if not stack:
        return out  # most heads: no conjunct
    while stack:
        tok = stack.pop(0)
        out.append(tok)
        stack.extend(c for c in children(tok) if c.dep == _CONJ_ID)
    return out
