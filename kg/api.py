"""kg as a library: ``kg.build``, ``kg.open`` and the ``KnowledgeGraph`` they return.

Everything here runs the same code as the ``kg`` command: ``kg.build`` reads, parses, extracts,
resolves and maps to RDF as ``kg build`` does, ``KnowledgeGraph.query`` is ``kg query``'s
guarded path, ``explain`` and ``export`` are ``kg explain`` and ``kg export``. Problems are
``kg.errors`` exceptions with the one-line messages the command prints.

Why one module of about 700 lines: it is the public API, ``build``, ``read_inputs``, ``open``
and ``KnowledgeGraph``, and its docstrings (a third of its lines) are the API reference pdoc
renders and the examples the tests run; kept together, the reference reads as one page. What
is not the surface lives apart: Python values read as documents (``kg.apiinputs``), the tables
behind the DataFrames (``kg.frames``).
"""

from __future__ import annotations

import html
import os
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Union, cast

# The constants also stay kg.api's names (``as``: re-exported).
from kg.apiinputs import DATAFRAME_SOURCE as DATAFRAME_SOURCE
from kg.apiinputs import METADATA_KEYS as METADATA_KEYS
from kg.apiinputs import TEXT_SOURCE as TEXT_SOURCE
from kg.apiinputs import CountedLog, as_list, dataframe_documents, is_dataframe, text_document
from kg.errors import InputError, KgError, MissingDependency
from kg.frames import DOCUMENT_COLUMNS as DOCUMENT_COLUMNS
from kg.frames import ENTITY_COLUMNS as ENTITY_COLUMNS
from kg.frames import FACT_COLUMNS as FACT_COLUMNS
from kg.frames import document_rows, entity_rows, fact_rows, select

if TYPE_CHECKING:
    import networkx
    import pandas
    import rdflib

    from kg.inputs import InputOptions, ReadLog
    from kg.pipeline import BuildReport
    from kg.types import Document

__all__ = ["Input", "KnowledgeGraph", "Text", "build", "open"]

Input = Union[str, "os.PathLike[str]", "tuple[str, Mapping[str, Any]]", "pandas.DataFrame"]
"""One input of ``kg.build``: a text (``str``), a ``(text, metadata)`` pair, a path
(``pathlib.Path``: a file, folder or corpus, read as ``kg build`` reads it) or a pandas
DataFrame of one document per row. A ``str`` is always text, never a path."""

PANDAS_HINT = "pip install 'kg[pandas]'"


class Text(str):
    """A ``str`` that a notebook or the REPL shows as the text it is (line breaks and all),
    not as a quoted literal: what ``KnowledgeGraph.explain`` returns."""

    __slots__ = ()

    def __repr__(self) -> str:
        return str(self)


def build(
    inputs: Input | Iterable[Input],
    out: str | os.PathLike[str] | None = None,
    *,
    model: str | None = None,
    aliases: str | os.PathLike[str] | None = None,
    jobs: int = 1,
    dask: str | None = None,
    max_bytes: int | None = None,
    view: bool = True,
    rebuild: bool = False,
    text_field: str = "",
    title_field: str = "",
    date_field: str = "",
    url_field: str = "",
    id_field: str = "",
    keep_fields: Iterable[str] = (),
    input_format: str = "auto",
    errors: Literal["raise", "warn"] = "raise",
) -> KnowledgeGraph:
    """Build the knowledge graph of ``inputs``, by the pipeline ``kg build`` runs.

    ``inputs`` is one input or an iterable of them, in any mix:

    - a ``str``: the text of one document (a ``str`` is never taken for a path);
    - a ``(text, metadata)`` pair, ``metadata`` a dict with any of ``title``, ``date`` (ISO
      8601 or anything python-dateutil reads; relative times are anchored on it), ``url``,
      ``id`` (names the document: ``text#<id>``) and ``extra`` (a dict of further fields,
      kept in the graph as ``field:<name>``);
    - a ``pathlib.Path`` (or any ``os.PathLike``): a file, folder or corpus, read exactly as
      ``kg build PATH`` reads it;
    - a pandas DataFrame of one document per row: the text column and the optional title,
      date, url and id columns are found as ``kg build`` finds a CSV corpus's columns (``text``,
      else ``body``, ``content``, ``article``; ``title``, ``headline``; ``date``,
      ``published``, …), or named by ``text_field``, ``title_field``, ``date_field``,
      ``url_field`` and ``id_field``; ``keep_fields`` names further columns to keep. A date
      column may hold strings or datetimes (a datetime at midnight without a time zone is that
      day).

    Texts and rows are named ``text:<n>`` and ``dataframe:<n>`` (``n`` counted from 1), or
    ``text#<id>`` and ``dataframe#<id>`` when they have an id; a file keeps its path. The same
    text with the same date given twice is one document.

    Without ``out`` the graph is built in memory (nothing is written to disk, not even a
    temporary file). With ``out``, it is built into that folder as ``kg build -o OUT`` builds
    it (graph.trig, graph.ttl, graph.html; only new or changed documents are added to an
    earlier build unless ``rebuild``) and the result is read back from there.

    ``errors="raise"`` (the default) stops at the first input that cannot be read, raising its
    ``kg.errors.InputError`` (nothing is written); ``errors="warn"`` warns of each
    (``warnings.warn``) and builds the others, as the command does. The other options are the
    command's: ``model`` (``--model``), ``aliases`` (``--aliases``), ``jobs`` (``-j``),
    ``dask`` (``--dask``), ``max_bytes``, ``view`` (write graph.html; with ``out`` only),
    ``rebuild``, ``input_format`` (``--input-format``). Warnings of the read stage (a date that
    cannot be read) are Python warnings; ``graph.report`` has them, with the skipped files and
    the stage timings. Called in a daemonic process (a worker of a ``multiprocessing.Pool``),
    which may start no process, ``jobs`` > 1 builds with one job and warns so.

    >>> import kg
    >>> graph = kg.build([
    ...     "Scott Bessent met He Lifeng in Kuala Lumpur. He praised the talks.",
    ...     ("Li Qiang will meet Olaf Scholz on Thursday.", {"date": "2025-10-26", "id": "a2"}),
    ... ])
    >>> graph
    <KnowledgeGraph in memory: 2 documents, 3 sentences, 3 facts>
    >>> graph.report.documents, graph.report.facts
    (2, 3)
    """
    from kg.inputs import DEFAULT_MAX_BYTES, InputOptions, ReadLog

    if errors not in ("raise", "warn"):
        raise KgError(f"errors must be 'raise' or 'warn', got {errors!r}")
    if isinstance(keep_fields, str):
        keep_fields = (keep_fields,)
    try:
        options = InputOptions(
            text_field=text_field,
            title_field=title_field,
            date_field=date_field,
            url_field=url_field,
            id_field=id_field,
            keep_fields=tuple(keep_fields),
            format=input_format,
        )
    except ValueError as error:
        raise KgError(f"input_format: {error}") from None
    max_bytes = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    log = ReadLog(on_warning=_warn)
    failures: list[InputError] = []

    def on_error(error: InputError) -> None:
        failures.append(error)
        if errors == "raise":
            raise error
        _warn(str(error))

    documents = read_inputs(inputs, options=options, max_bytes=max_bytes, log=log)
    if out is None:
        graph = _build_in_memory(
            documents, log, on_error, model=model, aliases=aliases, jobs=jobs, dask=dask
        )
        assert graph.report is not None  # an in-memory build always has its report
        graph.report.failures = failures
        return graph
    from kg.pipeline import build as run_build

    report = run_build(
        [],
        out,
        model=model,
        max_bytes=max_bytes,
        view=view,
        rebuild=rebuild,
        aliases=aliases,
        jobs=jobs,
        dask=dask,
        on_error=on_error,
        documents=documents,
        read_log=log,
    )
    graph = open(out)
    graph.report = report
    return graph


def _warn(message: str) -> None:
    warnings.warn(message, stacklevel=4)


def read_inputs(
    inputs: Input | Iterable[Input],
    *,
    options: InputOptions | None = None,
    max_bytes: int | None = None,
    log: ReadLog | None = None,
) -> Iterator[Document | InputError]:
    """The documents of ``inputs`` (see ``build``) in order, or the ``InputError`` that says why
    an input cannot be one; the same text with the same date is yielded once.

    >>> [d.source for d in read_inputs(["One text.", ("Another.", {"id": "b"}), "One text."])]
    ['text:1', 'text#b']
    """
    from kg.inputs import DEFAULT_MAX_BYTES, InputOptions, ReadLog, document_id, read_documents
    from kg.inputs.tables import RowReader
    from kg.types import Document

    options = options or InputOptions()
    max_bytes = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    log = log if log is not None else ReadLog()
    texts = RowReader(TEXT_SOURCE, InputOptions(), max_bytes, log.warn, document_id)
    seen: set[str] = set()
    count = 0

    def new(item: Document | InputError) -> Iterator[Document | InputError]:
        if isinstance(item, Document):
            if item.id in seen:
                return
            seen.add(item.id)
            log.documents += 1
        yield item

    for item in as_list(inputs):
        if isinstance(item, (str, tuple)):
            count += 1
            yield from new(text_document(texts, count, item))
        elif isinstance(item, os.PathLike):
            for document in read_documents(
                [os.fspath(item)],
                max_bytes=max_bytes,
                options=options,
                log=cast(ReadLog, CountedLog(log)),
            ):
                yield from new(document)
        elif is_dataframe(item):
            for document in dataframe_documents(item, options, max_bytes, log):
                yield from new(document)
        else:
            raise KgError(
                f"cannot build from {type(item).__name__}: give texts (str), (text, metadata) "
                "pairs, paths (pathlib.Path) or a pandas DataFrame"
            )


def _build_in_memory(
    documents: Iterable[Document | InputError],
    log: ReadLog,
    on_error: Callable[[InputError], None],
    *,
    model: str | None,
    aliases: str | os.PathLike[str] | None,
    jobs: int,
    dask: str | None,
) -> KnowledgeGraph:
    """``kg build``'s two passes (kg/pipeline.py) with the document graphs kept in an in-memory
    store instead of a spool on disk."""
    import pyoxigraph as ox

    from kg.pipeline import BuildReport, extract_documents
    from kg.rdf import document_graph, document_iri
    from kg.resolve import CorpusIndex, load_alias_rules
    from kg.store import new_dataset, oxigraph_store
    from kg.types import Document

    started = time.perf_counter()
    report = BuildReport()
    rules = load_alias_rules(os.fspath(aliases)) if aliases else None

    def readable() -> Iterator[Document]:
        for item in documents:
            if isinstance(item, Document):
                yield item
            else:
                on_error(item)

    index = CorpusIndex((), rules)
    held = []
    clock = time.perf_counter()
    for extraction in extract_documents(readable(), model=model, jobs=jobs, dask=dask):
        held.append((extraction, index.add(extraction)))
        report.documents += 1
        report.sentences += len(extraction.sentences)
    report.stages["read+parse+extract"] = time.perf_counter() - clock
    report.files_read, report.documents_read = log.files, log.documents
    report.skipped, report.warnings = log.skipped, log.warnings
    if not held:
        raise KgError("no document could be read; nothing was built")
    clock = time.perf_counter()
    index.finish()
    dataset = new_dataset()
    store = oxigraph_store(dataset)
    own_nodes = 0
    for extraction, clusters in held:
        resolved = index.resolve_document(extraction, clusters)
        report.facts += len(resolved.facts)
        own_nodes += len(resolved.local_entities)
        text, lines = document_graph(resolved, index.entities)
        graph = ox.NamedNode(document_iri(extraction.document.id))
        store.load(text, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
        report.triples += lines
    report.entities = len(index.entities) + own_nodes
    report.stages["resolve+rdf"] = time.perf_counter() - clock
    report.seconds = time.perf_counter() - started
    return KnowledgeGraph(dataset, report=report)


def open(path: str | os.PathLike[str]) -> KnowledgeGraph:  # noqa: A001 - kg.open, as in the issue
    """Open a build folder (or a Turtle, TriG, N-Triples or N-Quads file) as a KnowledgeGraph,
    in memory. A file that is not RDF, or a folder without a build, is a ``kg.errors.KgError``
    with the message ``kg query`` prints.

    >>> import kg, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> _ = kg.build(["Scott Bessent met He Lifeng in Kuala Lumpur."], folder)
    >>> kg.open(folder)  # doctest: +ELLIPSIS
    <KnowledgeGraph .../graph.trig: 1 document, 1 sentence, 1 fact>
    >>> kg.open(folder + "/nothing.ttl")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kg.errors.KgError: .../nothing.ttl: no such file or folder
    """
    from kg.store import graph_file, load_dataset

    file = graph_file(Path(path))
    return KnowledgeGraph(load_dataset(file, union_default_graph=False), path=file)


class KnowledgeGraph:
    """A kg graph in memory: one named graph per document, on an Oxigraph store.

    Made by ``kg.build`` or ``kg.open``. ``path`` is the file it was read from (None for a
    graph built in memory); ``report`` what the build did (a ``kg.pipeline.BuildReport``:
    counts, failures, skipped files, stage timings), None for an opened graph.
    """

    def __init__(
        self,
        dataset: rdflib.Dataset,
        *,
        path: Path | None = None,
        report: BuildReport | None = None,
    ) -> None:
        self._dataset = dataset
        self._queryable: rdflib.Dataset | None = None
        self.path = path
        self.report = report

    # --- what it holds ---------------------------------------------------------------------

    def _store(self) -> Any:
        from kg.store import oxigraph_store

        return oxigraph_store(self._dataset)

    def _query_dataset(self) -> rdflib.Dataset:
        """The graph as ``kg query`` loads it: the union of the document graphs materialised as
        the default graph (each triple once). Made on first use."""
        if self._queryable is None:
            from kg.store import materialise_union, new_dataset, oxigraph_store

            dataset = new_dataset()
            store = oxigraph_store(dataset)
            store.extend(self._store())
            materialise_union(store)
            self._queryable = dataset
        return self._queryable

    def stats(self) -> dict[str, int]:
        """What ``kg stats`` prints: documents, sentences, statements, relations, entities by
        type, triples.

        >>> import kg
        >>> kg.build(["Scott Bessent met He Lifeng in Kuala Lumpur."]).stats()["entities: Person"]
        2
        """
        from kg.stats import graph_stats

        return graph_stats(self._query_dataset())

    def __len__(self) -> int:
        """The number of quads in the document graphs."""
        return len(self._store())

    def __repr__(self) -> str:
        counts = self.stats()
        where = "in memory" if self.path is None else str(self.path)

        def n(count: int, noun: str) -> str:
            return f"{count} {noun}{'s' * (count != 1)}"

        return (
            f"<KnowledgeGraph {where}: {n(counts['documents'], 'document')}, "
            f"{n(counts['sentences'], 'sentence')}, {n(counts['statements'], 'fact')}>"
        )

    # --- SPARQL ----------------------------------------------------------------------------

    def query(
        self, sparql: str, *, timeout: float = 30.0, max_rows: int = 10_000
    ) -> list[dict[str, Any]] | bool | rdflib.Graph:
        """Run a read-only SPARQL query by ``kg query``'s guarded path: checked first (no
        update, SERVICE, LOAD or FROM), run on Oxigraph in a child process stopped after
        ``timeout`` seconds, at most ``max_rows`` rows (a ``UserWarning`` says when the answer
        was cut). kg's prefixes (``kg:``, ``ent:``, ``rel:``, ``rdfs:``, ``dcterms:`` …) are
        bound. Refusals and syntax errors are ``kg.errors.QueryError``.

        SELECT gives one dict per row, every variable a key: IRIs as ``str``, literals as
        Python values (``str``, ``int``, ``float``, ``bool``, ``datetime.date``…), unbound as
        None (``pandas.DataFrame(rows)`` makes a table of them). ASK gives a ``bool``,
        CONSTRUCT and DESCRIBE an ``rdflib.Graph``.

        >>> import kg
        >>> graph = kg.build(["Scott Bessent met He Lifeng in Kuala Lumpur."])
        >>> graph.query('''
        ...     SELECT ?who ?whom WHERE {
        ...       ?a rel:meet ?b . ?a rdfs:label ?who . ?b rdfs:label ?whom }''')
        [{'who': 'Scott Bessent', 'whom': 'He Lifeng'}]
        >>> graph.query("ASK { ?person a kg:Person }")
        True
        >>> graph.query("DELETE WHERE { ?s ?p ?o }")
        Traceback (most recent call last):
        kg.query.guard.QueryRefused: updates are not allowed (DELETE WHERE): the graph is read-only
        """
        from kg.query import GRAPH_KINDS, QueryKind, run_query

        result = run_query(self._query_dataset(), sparql, timeout=timeout, max_rows=max_rows)
        if result.truncated:
            warnings.warn(f"result truncated at {max_rows} (raise max_rows)", stacklevel=2)
        if result.kind == QueryKind.ASK:
            return bool(result.boolean)
        if result.kind in GRAPH_KINDS:
            return result.graph()
        return [
            {name: _python(value) for name, value in zip(result.variables, row, strict=True)}
            for row in result.rows
        ]

    # --- other shapes ----------------------------------------------------------------------

    def to_rdflib(self) -> rdflib.Dataset:
        """A new rdflib ``Dataset`` (on Oxigraph) holding a copy of the graph: one named graph
        per document, whose union is the default graph of its queries. Changing it does not
        change this KnowledgeGraph.

        >>> import kg
        >>> dataset = kg.build(["Scott Bessent met He Lifeng."]).to_rdflib()
        >>> len(list(dataset.graphs())) - 1  # the document's graph, and the default graph
        1
        """
        from kg.store import new_dataset, oxigraph_store

        dataset = new_dataset()
        oxigraph_store(dataset).extend(self._store())
        return dataset

    # The return type is unparameterised: pdoc evaluates annotations at run time, where
    # networkx's class is not generic (its stubs make it so only for the type checker).
    def to_networkx(self) -> networkx.MultiDiGraph:  # type: ignore[type-arg]
        """The entity graph as a networkx ``MultiDiGraph``, as ``kg export --format graphml``
        writes it: a node per entity (its IRI; attributes ``label``, ``type``, ``aliases``,
        ``roles``), an edge per statement between two entities (key: the statement's IRI;
        attributes ``relation``, ``relation_iri``, ``confidence``, ``negated``, ``modality``,
        ``sentence``) and one per direct ``rel:`` edge that no statement describes.

        >>> import kg
        >>> network = kg.build(["Scott Bessent met He Lifeng in Kuala Lumpur."]).to_networkx()
        >>> sorted(network.nodes[n]["label"] for n in network)
        ['He Lifeng', 'Kuala Lumpur', 'Scott Bessent']
        >>> [(network.nodes[a]["label"], d["relation"], network.nodes[b]["label"])
        ...  for a, b, d in network.edges(data=True)]
        [('Scott Bessent', 'meet', 'He Lifeng')]
        """
        import networkx as nx

        from kg.export import edge_attributes, entity_graph

        nodes, edges = entity_graph(self._store())
        graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        for node in nodes:
            graph.add_node(
                node.iri,
                label=node.label,
                type="; ".join(node.types),
                aliases=list(node.aliases),
                roles=list(node.roles),
            )
        for edge in edges:
            graph.add_edge(edge.source, edge.target, key=edge.key, **edge_attributes(edge))
        return graph

    def facts(self) -> pandas.DataFrame:
        """Every statement of the graph as a row of a pandas DataFrame (needs the ``pandas``
        extra: ``pip install 'kg[pandas]'``).

        The columns are those of ``kg extract``'s records (``subject``, ``relation``,
        ``object``, ``subject_type``, ``object_type``, ``confidence``, ``negated``,
        ``modality``, ``attribution``, ``condition``, ``time``, ``time_value``, ``time_type``,
        ``place``, ``subject_text``, ``relation_text``, ``object_text``, ``sentence``,
        ``document``), then ``statement``, ``subject_iri`` and ``object_iri``. ``document`` is
        the document's source (``text:1``, ``dataframe#a2``, a file's path); ``object_type`` and
        ``object_iri`` are ``""`` when the object is a value (a clause or a literal), not a
        node. Absent qualifiers are ``""`` and ``False``, as in the records; the graph states
        a time's ``time_type`` only with its ``time_value``, so a time that cannot be dated (no
        document date to anchor "on Thursday") has ``""`` for both here. Rows are sorted by
        document (its source), then sentence.

        >>> import kg
        >>> facts = kg.build(["Scott Bessent met He Lifeng in Kuala Lumpur."]).facts()
        >>> facts[["subject", "relation", "object", "confidence"]]
                 subject relation     object  confidence
        0  Scott Bessent     meet  He Lifeng         0.9
        """
        pd = _pandas()
        rows = fact_rows(self._query_dataset())
        frame = pd.DataFrame(rows, columns=list(FACT_COLUMNS))
        return frame.astype({"confidence": "float64", "negated": "bool"})

    def entities(self) -> pandas.DataFrame:
        """Every entity of the graph as a row of a pandas DataFrame (the ``pandas`` extra):
        ``iri``, ``label``, ``type``, ``aliases`` and ``roles`` (each a ``"; "``-separated
        string, as in GraphML), and how many ``documents``, ``sentences`` and ``facts`` (as
        subject or object) it is in. Sorted by IRI; the same nodes as ``to_networkx``.

        >>> import kg
        >>> entities = kg.build(["Scott Bessent met He Lifeng. Bessent smiled."]).entities()
        >>> entities[["label", "type", "aliases", "sentences", "facts"]]
                   label    type  aliases  sentences  facts
        0      He Lifeng  Person                   1      1
        1  Scott Bessent  Person  Bessent          2      1
        """
        pd = _pandas()
        rows = entity_rows(self._query_dataset())
        frame = pd.DataFrame(rows, columns=list(ENTITY_COLUMNS))
        return frame.astype({"documents": "int64", "sentences": "int64", "facts": "int64"})

    def documents(self) -> pandas.DataFrame:
        """Every document as a row of a pandas DataFrame (the ``pandas`` extra): ``document``
        (its source), ``iri``, ``sha256``, ``title``, ``date`` (ISO 8601), ``url``, then one
        column per kept field. Sorted by source; ``""`` where a document has no value.

        >>> import kg
        >>> graph = kg.build([("Li Qiang met Olaf Scholz.",
        ...                    {"id": "a1", "date": "26 October 2025", "extra": {"desk": "Asia"}})])
        >>> graph.documents()[["document", "date", "desk"]]
          document        date  desk
        0  text#a1  2025-10-26  Asia
        """
        pd = _pandas()
        rows, fields = document_rows(self._query_dataset())
        return pd.DataFrame(rows, columns=[*DOCUMENT_COLUMNS, *fields])

    def explain(self, name: str) -> Text:
        """What ``kg explain`` prints for the entity called ``name`` (a label or an alias, any
        case): type, aliases, roles, why its names were merged and its chain of mentions. An
        unknown name is a ``kg.errors.KgError`` that suggests close names.

        >>> import kg
        >>> graph = kg.build(["Scott Bessent met He Lifeng. Bessent smiled."])
        >>> print(graph.explain("bessent"))  # doctest: +ELLIPSIS
        Scott Bessent  <https://w3id.org/kg/entity/Scott_Bessent>
          type:     Person
          aliases:  Bessent
        ...
        >>> graph.explain("Besent")
        Traceback (most recent call last):
        kg.errors.KgError: no entity is called 'Besent'; did you mean 'Bessent', ...?
        """
        from kg.explain import explain_entity

        return Text(explain_entity(self._query_dataset(), name))

    # --- files -----------------------------------------------------------------------------

    def export(self, path: str | os.PathLike[str], format: str | None = None) -> Path:
        """Write the graph to ``path`` as ``kg export --format FORMAT -o PATH`` does (atomically)
        and return the path. ``format`` is one of turtle, ntriples, trig, nquads, jsonld,
        graphml, csv (a folder receiving Neo4j's nodes.csv and relationships.csv); without it,
        the format is the file's suffix (.ttl, .nt, .trig, .nq, .jsonld, .graphml).

        >>> import kg, tempfile, networkx
        >>> graph = kg.build(["Scott Bessent met He Lifeng in Kuala Lumpur."])
        >>> file = graph.export(tempfile.mkdtemp() + "/graph.graphml")
        >>> networkx.read_graphml(file).number_of_nodes()
        3
        """
        from kg.export import export as run_export

        target = Path(path)
        if format is None:
            format = _SUFFIX_FORMATS.get(target.suffix.lower())
            if format is None:
                allowed = ", ".join(sorted(_SUFFIX_FORMATS))
                raise KgError(
                    f"{target}: cannot tell the format from the suffix {target.suffix!r} "
                    f"(give format=, or use one of {allowed})"
                )
        run_export(self._dataset, format, target)
        return target

    def save(self, path: str | os.PathLike[str], *, view: bool = True) -> Path:
        """Write the graph as a build folder at ``path`` (graph.trig, graph.ttl and, with
        ``view``, graph.html), the same bytes ``kg build`` writes for the same documents; the
        folder then works with every ``kg`` command and with ``kg.open``. Each file is
        replaced atomically, under the folder's build lock.

        >>> import kg, tempfile
        >>> folder = kg.build(["Scott Bessent met He Lifeng."]).save(tempfile.mkdtemp())
        >>> sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
        ['graph.html', 'graph.trig', 'graph.ttl', 'store', 'store.current']
        """
        import tempfile

        import pyoxigraph as ox

        from kg.canonical import graph_lines
        from kg.graphspool import GraphSpool, graph_key
        from kg.pipeline import SCRATCH_PREFIX, build_lock, write_outputs

        out = Path(path)
        with (
            build_lock(out),
            tempfile.TemporaryDirectory(dir=out, prefix=SCRATCH_PREFIX) as folder,
        ):
            spool = GraphSpool(Path(folder))
            graph_file = spool.new_file()
            for graph, lines in graph_lines(self._store()):
                # kg names every document graph by its IRI: no graph here is a blank node.
                assert not isinstance(graph, ox.BlankNode)
                graph_file.write(graph_key(graph), lines)
            spool.adopt(graph_file)
            write_outputs(spool, out, view=view)
        return out

    # --- notebooks -------------------------------------------------------------------------

    def to_html(self) -> str:
        """The interactive view as one self-contained HTML page, as ``kg view`` writes it (no
        request to any other host). A graph of more than 2,000 entities shows the 2,000 in the
        most edges, as a build's graph.html does."""
        from kg.pipeline import BUILD_VIEW_MAX_NODES
        from kg.store import oxigraph_store
        from kg.view import read_claims, render_html, view_model

        dataset = self._query_dataset()
        entities = sum(1 for _ in select(dataset, "SELECT DISTINCT ?e WHERE { ?e rdfs:label ?l }"))
        top = BUILD_VIEW_MAX_NODES if entities > BUILD_VIEW_MAX_NODES else None
        heading = "Knowledge graph" + (f" \u2014 top {top} by degree" if top else "")
        view = view_model(dataset, top=top)
        # What each speaker said, as the build's graph.html shows it on the speaker.
        claims = read_claims(oxigraph_store(dataset), view.nodes)
        return render_html(view, heading=heading, claims=claims)

    def _repr_html_(self) -> str:
        """The view inline in Jupyter: the page of ``to_html`` in a sandboxed iframe (scripts
        run, but apart from the notebook's page), offline like the file."""
        page = html.escape(self.to_html(), quote=True)
        return (
            '<iframe sandbox="allow-scripts" style="width:100%;height:600px;border:1px solid '
            f'#ddd" title="kg graph view" srcdoc="{page}"></iframe>'
        )


_SUFFIX_FORMATS = {
    ".ttl": "turtle",
    ".nt": "ntriples",
    ".trig": "trig",
    ".nq": "nquads",
    ".jsonld": "jsonld",
    ".graphml": "graphml",
}


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise MissingDependency(
            f"pandas is not installed; DataFrames need kg's pandas extra: {PANDAS_HINT}"
        ) from None
    return pandas


def _python(term: Any) -> Any:
    """An rdflib term as a Python value: an IRI or blank node as str, a literal as its value."""
    from rdflib import Literal

    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return str(term)
