"""The families of the recogniser's entity labels (spaCy's OntoNotes scheme) that kg treats
alike, defined once: extraction, coreference, resolution and the RDF mapping all ask "is this
a time?" or "is this a value?" of a label, and must give one answer."""

from __future__ import annotations

# Dates and times: values of statements (kg:time), never nodes of the graph, never names.
TIME_LABELS = frozenset({"DATE", "TIME"})

# Counts and ranks: a count or rank may head a phrase of its own and stand for what it counts
# or ranks ("one of the victims", "two were killed", "finished sixth"): a description of its
# document, never a name the corpus shares.
COUNT_LABELS = frozenset({"CARDINAL", "ORDINAL"})

# Amounts: "$3 million", "5 percent", "20 tons" are values wherever they stand.
AMOUNT_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY"})

# Quantities, not things: counts and amounts, which never become nodes of their own name (an
# argument of one is a literal, kg/extract/arguments.py).
VALUE_LABELS = COUNT_LABELS | AMOUNT_LABELS
