"""The ``kg`` command. Each command is a thin wrapper: parse arguments, call one public function,
print. A ``KgError`` is printed as one line on stderr with exit status 1 (2 for usage errors,
which Typer reports itself); anything else is a bug and keeps its traceback.

Exit statuses: 0 success; 1 an error (one line on stderr), inputs that could not be read (the
others are built), or a graph that does not conform (``kg validate``); 2 a usage error; 130
interrupted (Ctrl-C). ``-q`` prints only results, warnings and errors; ``-v`` adds each stage's
time and what was skipped.

Why one module of about 800 lines: it is the command line as a user sees it, one function per
command in the order ``kg --help`` lists them. Typer reads a command's options from its
signature, so each option's declaration and help text (a third of the lines) sits with its
command, and the few helpers every command shares (-q/-v, one-line errors, the input options)
are read beside them; the work itself is in the modules each command calls.
"""

from __future__ import annotations

import csv
import functools
import inspect
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer

from kg.errors import InputError, KgError

if TYPE_CHECKING:
    from typer import _click  # the click Typer vendors: what its methods are typed with

    from kg.documents import InputOptions
    from kg.facts import ReadOptions
    from kg.pipeline import BuildReport
    from kg.types import Document

R = TypeVar("R")

app = typer.Typer(
    name="kg",
    help="Offline knowledge-graph builder: English text in, an RDF graph out.",
    epilog="Exit status: 0 done; 1 an error, an input that could not be read or a graph that "
    "does not conform (kg validate); 2 a usage error; 130 interrupted. Each command has -h.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help, as click writes it: no boxes that cut option names off in a narrow terminal,
    # no markup that eats "[default: …]" from a help text.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


def _plain_arguments() -> None:
    """Typer 0.29 prints an argument's Python type beside it in --help (``GRAPH <path>``,
    ``PATH... <list[str]>``) and braces round a required one in the usage line (``{GRAPH}``).
    Every kg argument has a metavar that says what it is: shown alone, as click writes it."""
    from typer.core import TyperArgument

    display_type = TyperArgument.display_type_rich
    usage_name = TyperArgument._usage_display_name

    def display_type_rich(self: TyperArgument, ctx: _click.Context) -> str | None:
        return None if self.metavar else display_type(self, ctx)

    def _usage_display_name(self: TyperArgument) -> str:
        return self.metavar if self.metavar else usage_name(self)

    # Replacing two of Typer's methods is the point; mypy refuses any assignment to a method
    # (and the first is declared on Typer's private base of arguments and options).
    TyperArgument.display_type_rich = display_type_rich  # type: ignore[method-assign, assignment]
    TyperArgument._usage_display_name = _usage_display_name  # type: ignore[method-assign]


_plain_arguments()

# How much a command says besides its results: -1 quiet, 0 normal, 1 verbose.
_verbosity = 0


def _quiet() -> bool:
    return _verbosity < 0


def _verbose() -> bool:
    return _verbosity > 0


def _info(message: str) -> None:
    """Chatter on stderr (skipped files, stage timings): not when quiet."""
    if not _quiet():
        typer.echo(message, err=True)


def _hint(message: str) -> None:
    """A one-line hint on stderr (an older build folder to rebuild): not when quiet."""
    _info(f"kg: hint: {message}")


def _say(message: str) -> None:
    """What a command did, on stdout (a summary, "wrote FILE"): not when quiet."""
    if not _quiet():
        typer.echo(message)


QuietOpt = Annotated[
    bool, typer.Option("-q", "--quiet", help="Print only results, warnings and errors.")
]
VerboseOpt = Annotated[
    bool, typer.Option("-v", "--verbose", help="Also print each stage's time and what was skipped.")
]


def _set_verbosity(quiet: bool, verbose: bool) -> None:
    global _verbosity
    if quiet and verbose:
        _fail("give -q or -v, not both", 2)
    if quiet:
        _verbosity = -1
    elif verbose:
        _verbosity = 1


def _with_verbosity(command: Callable[..., R]) -> Callable[..., R]:
    """Give COMMAND the -q/-v options too, so that they work after the command's name
    (``kg build -q …``) as well as before it (``kg -q build …``)."""
    signature = inspect.signature(command, eval_str=True)
    added = [
        inspect.Parameter(
            "quiet", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=QuietOpt
        ),
        inspect.Parameter(
            "verbose", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=VerboseOpt
        ),
    ]

    @functools.wraps(command)
    def wrapper(*args: object, quiet: bool = False, verbose: bool = False, **kwargs: object) -> R:
        _set_verbosity(quiet, verbose)
        return command(*args, **kwargs)

    # What inspect.signature (and so Typer) reads; typeshed does not declare it on functions.
    wrapper.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[*signature.parameters.values(), *added]
    )
    wrapper.__annotations__ = {}
    return wrapper


def _command(short_help: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """``app.command`` with the -q/-v options and a one-line summary for ``kg --help``."""

    def register(function: Callable[..., None]) -> Callable[..., None]:
        return app.command(short_help=short_help)(_with_verbosity(function))

    return register


def _version_callback(value: bool) -> None:
    if value:
        import kg

        typer.echo(f"kg {kg.__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version_callback, is_eager=True, help="Print kg's version."
        ),
    ] = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    _set_verbosity(quiet, verbose)


GraphArg = Annotated[
    Path,
    typer.Argument(metavar="GRAPH", help="A Turtle/TriG/N-Triples/N-Quads file or a build folder."),
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model", metavar="NAME", envvar="KG_MODEL", help="spaCy pipeline (package name or path)."
    ),
]


# How to read the inputs (kg build, kg extract): the columns of a JSON Lines or CSV corpus and
# the format, when the extension and the content should not decide it.
TextFieldOpt = Annotated[
    str,
    typer.Option(
        "--text-field",
        metavar="COLUMN",
        help="JSON Lines/CSV column holding the text [default: text, else body, content, article].",
    ),
]
TitleFieldOpt = Annotated[
    str,
    typer.Option(
        "--title-field", metavar="COLUMN", help="Column of the title [default: title, headline]."
    ),
]
DateFieldOpt = Annotated[
    str,
    typer.Option(
        "--date-field",
        metavar="COLUMN",
        help="Column of the date [default: date, published, published_at, pubdate].",
    ),
]
UrlFieldOpt = Annotated[
    str,
    typer.Option("--url-field", metavar="COLUMN", help="Column of the URL [default: url, link]."),
]
IdFieldOpt = Annotated[
    str, typer.Option("--id-field", metavar="COLUMN", help="Column of the row's id [default: id].")
]
KeepFieldOpt = Annotated[
    list[str] | None,
    typer.Option("--keep-field", metavar="NAME", help="Keep this column as metadata (repeatable)."),
]
InputFormatOpt = Annotated[
    str,
    typer.Option(
        "--input-format",
        metavar="FORMAT",
        help="auto (by extension, else content), text, markdown, jsonl, json, csv, tsv, html "
        "or pdf.",
    ),
]


def _input_options(
    text_field: str,
    title_field: str,
    date_field: str,
    url_field: str,
    id_field: str,
    keep_fields: list[str] | None,
    input_format: str,
) -> InputOptions:
    from kg.documents import InputOptions

    try:
        return InputOptions(
            text_field=text_field,
            title_field=title_field,
            date_field=date_field,
            url_field=url_field,
            id_field=id_field,
            keep_fields=tuple(keep_fields or ()),
            format=input_format,
        )
    except ValueError as error:
        _fail(f"--input-format: {error}", 2)


def _report_skip(path: str, reason: str) -> None:
    _info(f"kg: skipped: {path} ({reason})")


def _report_warning(message: str) -> None:
    typer.echo(f"kg: warning: {message}", err=True)


def _fail(message: str, code: int = 1) -> NoReturn:
    typer.echo(f"kg: error: {message}", err=True)
    raise typer.Exit(code)


@_command("Build the graph of text files, corpora and pages into a folder.")
def build(
    paths: Annotated[
        list[str], typer.Argument(metavar="PATH...", help="Files, folders, or - for stdin.")
    ],
    out: Annotated[Path, typer.Option("-o", "--out", metavar="DIR", help="Output folder.")] = Path(
        "output"
    ),
    model: ModelOpt = None,
    max_bytes: Annotated[
        int,
        typer.Option(
            metavar="N", help="Largest input file (a JSON Lines/CSV corpus: row), in bytes."
        ),
    ] = 10_000_000,
    no_view: Annotated[bool, typer.Option("--no-view", help="Skip graph.html.")] = False,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Ignore an earlier build in OUT; start afresh.")
    ] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            metavar="N",
            min=1,
            help=(
                "Worker processes (1: the parse runs beside the build and pass two in two "
                "workers, given a spare core)."
            ),
        ),
    ] = 1,
    dask: Annotated[
        str | None,
        typer.Option(
            metavar="SCHEDULER", help="Parse on a Dask cluster: a scheduler address or local:N."
        ),
    ] = None,
    aliases: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="CSV (name,canonical[,same|different]) or Turtle file of aliases.",
        ),
    ] = None,
    text_field: TextFieldOpt = "",
    title_field: TitleFieldOpt = "",
    date_field: DateFieldOpt = "",
    url_field: UrlFieldOpt = "",
    id_field: IdFieldOpt = "",
    keep_field: KeepFieldOpt = None,
    input_format: InputFormatOpt = "auto",
) -> None:
    """Build the graph of PATHS into OUT: graph.ttl, graph.trig (one named graph per document)
    and graph.html. Into an earlier build, only new or changed documents are added.

    PATHS may be plain text, Markdown, HTML, PDF, or JSON Lines/CSV corpora of one document per
    row; a folder's other files are listed as skipped. On a terminal a progress bar shows the
    stage, the documents done of the total, the rate and the time left."""
    from kg.pipeline import build as run_build
    from kg.progress import BuildProgress, count_documents

    options = _input_options(
        text_field, title_field, date_field, url_field, id_field, keep_field, input_format
    )
    unchanged: list[str] = []

    def report_error(error: InputError) -> None:
        typer.echo(f"kg: error: {error}", err=True)
        progress.advance()

    try:
        with BuildProgress(enabled=not _quiet()) as progress:
            if progress.enabled:
                progress.set_total(count_documents(paths, input_format=options.format))

            def on_unchanged(document: Document) -> None:
                unchanged.append(document.source)
                progress.advance()

            report = run_build(
                paths,
                out,
                model=model,
                max_bytes=max_bytes,
                view=not no_view,
                rebuild=rebuild,
                aliases=aliases,
                jobs=jobs,
                dask=dask,
                on_error=report_error,
                on_document=lambda extraction: progress.advance(len(extraction.sentences)),
                input_options=options,
                on_skip=_report_skip,
                on_warning=_report_warning,
                on_stage=progress.stage,
                on_unchanged=on_unchanged,
            )
    except KgError as error:
        _fail(str(error))
    except KeyboardInterrupt:
        # The build writes nothing in OUT until its files are complete (then each is renamed
        # into place), and its scratch folder is removed on the way out.
        _fail(f"interrupted; {out} is as it was before this build", 130)
    if _verbose():
        _print_build_details(report, unchanged)
    if not _quiet():
        typer.echo(report.read_summary())
        typer.echo(f"built {out}: {report.summary()}")
        for path in report.outputs:
            typer.echo(f"  {path}")
    if report.failures:
        _fail(f"{len(report.failures)} input(s) could not be read (see above)")


def _print_build_details(report: BuildReport, unchanged: list[str]) -> None:
    """-v: each stage's time, and what the build did not build (unchanged, skipped)."""
    for stage, seconds in report.stages.items():
        typer.echo(f"kg: stage {stage}: {seconds:.2f} s", err=True)
    shown = 20
    if unchanged:
        typer.echo(
            f"kg: {len(unchanged)} document(s) already in the build, not read again:", err=True
        )
        for source in unchanged[:shown]:
            typer.echo(f"  {source}", err=True)
        if len(unchanged) > shown:
            typer.echo(f"  … {len(unchanged) - shown} more", err=True)
    if report.replaced:
        typer.echo(f"kg: {report.replaced} document(s) replaced by new text", err=True)
    if report.skipped:
        typer.echo(f"kg: {len(report.skipped)} file(s) skipped (listed above)", err=True)


@_command("Drop documents from a build.")
def remove(
    documents: Annotated[
        list[str], typer.Argument(metavar="DOC...", help="Source paths or sha256 prefixes.")
    ],
    out: Annotated[
        Path, typer.Option("-o", "--out", metavar="DIR", help="The build folder.")
    ] = Path("output"),
) -> None:
    """Drop DOCUMENTS (their named graphs) from the build in OUT and rewrite its files."""
    from kg.pipeline import remove as run_remove

    try:
        removed = run_remove(out, documents)
    except KgError as error:
        _fail(str(error))
    for source in removed:
        _say(f"removed {source}")


@_command("Print the facts (or mentions) of texts, without building a graph.")
def extract(
    paths: Annotated[
        list[str], typer.Argument(metavar="PATH...", help="Files, folders, or - for stdin.")
    ],
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="jsonl (default), tsv, carb or mentions; with --explain: text or json.",
        ),
    ] = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Say why: per sentence the parse, the clauses, each rule that fired and its "
            "fact, each candidate passed over and why, and what resolution did to each argument.",
        ),
    ] = False,
    one_sentence_per_line: Annotated[
        bool,
        typer.Option(
            "--one-sentence-per-line", help="Treat each input line as a document of one sentence."
        ),
    ] = False,
    model: ModelOpt = None,
    aliases: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="CSV (name,canonical[,same|different]) or Turtle file of aliases.",
        ),
    ] = None,
    text_field: TextFieldOpt = "",
    title_field: TitleFieldOpt = "",
    date_field: DateFieldOpt = "",
    url_field: UrlFieldOpt = "",
    id_field: IdFieldOpt = "",
    keep_field: KeepFieldOpt = None,
    input_format: InputFormatOpt = "auto",
) -> None:
    """Print the facts of PATHS, one record per fact (no graph is built); with --format
    mentions, every referring expression and the node it denotes instead.

    jsonl and tsv records have the fields: subject, relation, object, subject_type, object_type,
    confidence, negated, modality, attribution, condition, time, time_value, time_type, place,
    subject_text, relation_text, object_text, sentence, document, rule. subject/object are
    resolved entity names; rule names the extraction rules (docs/rules.md).

    With --explain, a report of why instead: text, or JSON with --format json.
    """
    from kg.documents import ReadLog
    from kg.facts import FACT_FIELDS, fact_records, iter_carb_lines, mention_records

    allowed = ("text", "json") if explain else ("jsonl", "tsv", "carb", "mentions")
    format = format or allowed[0]
    if format not in allowed:
        _fail(f"unknown --format {format!r} (allowed: {', '.join(allowed)})", 2)
    failures: list[InputError] = []
    reading: ReadOptions = {
        "input_options": _input_options(
            text_field, title_field, date_field, url_field, id_field, keep_field, input_format
        ),
        "read_log": ReadLog(on_skip=_report_skip, on_warning=_report_warning),
    }
    try:
        if explain:
            _explain(paths, format, model, aliases, one_sentence_per_line, failures, reading)
        elif format == "carb":
            for line in iter_carb_lines(
                paths,
                model=model,
                one_sentence_per_line=one_sentence_per_line,
                on_error=failures.append,
                **reading,
            ):
                sys.stdout.write(line + "\n")
        else:
            read_records = mention_records if format == "mentions" else fact_records
            records = read_records(
                paths,
                model=model,
                one_sentence_per_line=one_sentence_per_line,
                aliases=aliases,
                on_error=failures.append,
                **reading,
            )
            if format == "tsv":
                writer = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
                writer.writerow(FACT_FIELDS)
                for record in records:
                    writer.writerow([_tsv_cell(record[f]) for f in FACT_FIELDS])
            else:
                for record in records:
                    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    except KgError as error:
        _fail(str(error))
    for failure in failures:
        typer.echo(f"kg: error: {failure}", err=True)
    if failures:
        raise typer.Exit(1)


def _explain(
    paths: list[str],
    format: str,
    model: str | None,
    aliases: Path | None,
    one_sentence_per_line: bool,
    failures: list[InputError],
    reading: ReadOptions,
) -> None:
    """``kg extract --explain``: the report of kg.extract.explain, as text or JSON."""
    from kg.extract.explain import explain_documents, render
    from kg.facts import _documents  # the inputs exactly as kg extract's other formats read them

    documents = _documents(paths, one_sentence_per_line, failures.append, **reading)
    reports = explain_documents(documents, model=model, aliases=str(aliases) if aliases else None)
    for report in reports:
        if format == "json":
            sys.stdout.write(json.dumps(report, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(render(report))


def _tsv_cell(value: object) -> str:
    # Tabs and newlines inside a sentence would break the row; spaces keep it readable.
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


@_command("Run a read-only SPARQL query.")
def query(
    graph: GraphArg,
    query_text: Annotated[
        str | None, typer.Argument(metavar="[QUERY]", help="SPARQL, a .rq file, or - for stdin.")
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option("-f", "--file", metavar="FILE", help="Read the query from a file."),
    ] = None,
    format: Annotated[
        str,
        typer.Option("--format", metavar="FORMAT", help="table, csv, tsv, json, xml or turtle."),
    ] = "table",
    timeout: Annotated[
        float, typer.Option(metavar="SECONDS", help="Stop the query after this many seconds.")
    ] = 30.0,
    max_rows: Annotated[
        int, typer.Option(metavar="N", help="Return at most this many rows.")
    ] = 10_000,
) -> None:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) against GRAPH. Read-only."""
    from kg.query import format_result, run_query, xml_replacements
    from kg.store import open_store

    try:
        text = _query_text(query_text, file)
        store = open_store(graph, on_hint=_hint)
        result = run_query(store, text, timeout=timeout, max_rows=max_rows)
        sys.stdout.write(format_result(result, format))
    except KgError as error:
        _fail(str(error))
    replaced = xml_replacements(result) if format == "xml" else 0
    if replaced:
        typer.echo(
            f"kg: warning: {replaced} value(s) held characters XML 1.0 cannot carry (control "
            "characters); they are written as U+FFFD (--format json or turtle keeps them)",
            err=True,
        )
    if result.truncated:
        typer.echo(f"kg: warning: result truncated at {max_rows} (raise --max-rows)", err=True)


def _query_text(query_text: str | None, file: Path | None) -> str:
    if file is not None:
        try:
            return file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise KgError(f"{file}: cannot read the query ({error})") from None
    if query_text is None:
        raise KgError("give a QUERY, -f FILE, or - to read the query from stdin")
    if query_text == "-":
        return sys.stdin.read()
    if _QUERY_FILE.fullmatch(query_text):
        # "kg query BUILD queries/meetings.rq" is what people type for a saved query: a SPARQL
        # parse error at line 1, column 1 would not tell them to use -f.
        return _query_text(None, Path(query_text))
    return query_text


# A QUERY argument that is a file name, not SPARQL: one word ending in .rq or .sparql.
_QUERY_FILE = re.compile(r"\S+\.(rq|sparql)", re.IGNORECASE)


@_command("Write a graph in another format (RDF, GraphML, Neo4j CSV).")
def export(
    graph: GraphArg,
    format: Annotated[
        str,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="turtle, ntriples, trig, nquads, jsonld, graphml or csv.",
        ),
    ] = "turtle",
    out: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--out",
            metavar="PATH",
            help="Output file (folder for csv); stdout if absent.",
        ),
    ] = None,
) -> None:
    """Write GRAPH in another format."""
    from kg.export import export as run_export
    from kg.store import open_store

    try:
        store = open_store(graph, union_default_graph=False, on_hint=_hint)
        data = run_export(store, format, out)
    except KgError as error:
        _fail(str(error))
    if out is None and data is not None:
        sys.stdout.buffer.write(data)


@_command("Write a graph as one self-contained interactive HTML page.")
def view(
    graph: GraphArg,
    out: Annotated[
        Path | None, typer.Option("-o", "--out", metavar="FILE", help="HTML file to write.")
    ] = None,
    focus: Annotated[
        str | None, typer.Option(metavar="NAME", help="Show the neighbourhood of this entity.")
    ] = None,
    hops: Annotated[int, typer.Option(metavar="N", help="Neighbourhood size for --focus.")] = 2,
    top: Annotated[
        int | None, typer.Option(metavar="N", help="Show the N most connected entities.")
    ] = None,
    query_text: Annotated[
        str | None,
        typer.Option("--query", metavar="SPARQL", help="Show the graph a CONSTRUCT query returns."),
    ] = None,
    open_page: Annotated[
        bool, typer.Option("--open", help="Open the page in the default browser.")
    ] = False,
) -> None:
    """Write GRAPH as one self-contained interactive HTML page."""
    from kg.graphstore import has_store
    from kg.store import open_dataset, open_store
    from kg.view import write_view
    from kg.view.part import write_store_view

    target = out or (graph / "graph.html" if graph.is_dir() else graph.with_suffix(".html"))
    try:
        if has_store(graph) and focus is None and top is None and query_text is None:
            # The build's own view (its graph.html), drawn from the store a part at a time.
            write_store_view(open_store(graph), target)
        else:
            dataset = open_dataset(graph, on_hint=_hint)
            write_view(dataset, target, focus=focus, hops=hops, top=top, construct=query_text)
    except KgError as error:
        _fail(str(error))
    _say(f"wrote {target}")
    if open_page:
        import webbrowser

        webbrowser.open(target.resolve().as_uri())


@_command("Say what kg knows of one entity and why its names were merged.")
def explain(
    graph: GraphArg,
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="An entity's name or one of its aliases.")
    ],
) -> None:
    """Say what kg knows of one entity: type, aliases, roles, and why its names were merged."""
    from kg.explain import explain_entity
    from kg.store import open_store

    try:
        typer.echo(explain_entity(open_store(graph, on_hint=_hint), name))
    except KgError as error:
        _fail(str(error))


@_command("Count documents, sentences, entities by type, relations, statements.")
def stats(graph: GraphArg) -> None:
    """Count the documents, sentences, entities by type, relations and statements of GRAPH."""
    from kg.stats import graph_stats
    from kg.store import open_store

    try:
        counts = graph_stats(open_store(graph, on_hint=_hint), on_hint=_hint)
    except KgError as error:
        _fail(str(error))
    width = max(len(k) for k in counts)
    for key, value in counts.items():
        typer.echo(f"{key:<{width}}  {value}")


@_command("Send each document's graph to a SPARQL Graph Store endpoint.")
def push(
    graph: GraphArg,
    endpoint: Annotated[
        str, typer.Option(metavar="URL", help="SPARQL 1.1 Graph Store endpoint URL.")
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Send every graph, even those sent before.")
    ] = False,
    retries: Annotated[int, typer.Option(metavar="N", min=0, help="Retries per graph.")] = 5,
    user: Annotated[
        str | None, typer.Option(metavar="USER", help="User for Basic/Digest auth.")
    ] = None,
    password: Annotated[
        str | None,
        typer.Option(
            metavar="PASSWORD", envvar="KG_PUSH_PASSWORD", help="Password (or KG_PUSH_PASSWORD)."
        ),
    ] = None,
) -> None:
    """Send each document's named graph to a SPARQL server (PUT per graph: idempotent)."""
    from kg.push import push as run_push
    from kg.store import graph_file

    auth = (user, password or "") if user else None
    try:
        report = run_push(graph_file(graph), endpoint, retries=retries, force=force, auth=auth)
    except KgError as error:
        _fail(str(error))
    _say(report.summary())
    for message in report.errors:
        typer.echo(f"kg: error: {message}", err=True)
    if not report.ok:
        raise typer.Exit(1)


@_command("Serve a graph read-only: SPARQL 1.1 Protocol and the view.")
def serve(
    graph: GraphArg,
    host: Annotated[
        str,
        typer.Option(metavar="ADDRESS", help="Address to bind; keep 127.0.0.1 unless you mean it."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(metavar="PORT", help="Port to listen on.")] = 7878,
    timeout: Annotated[
        float, typer.Option(metavar="SECONDS", help="Per-query time limit in seconds.")
    ] = 30.0,
) -> None:
    """Serve GRAPH read-only: SPARQL 1.1 Protocol at /sparql, the graph view at /."""
    from kg.serve import serve as run_server

    try:
        run_server(graph, host=host, port=port, timeout=timeout)
    except KgError as error:
        _fail(str(error))


@_command("Check a graph against kg's SHACL shapes; one line per violation.")
def validate(graph: GraphArg) -> None:
    """Check GRAPH against ontology/shapes.ttl (SHACL, with ontology/kg.ttl for the classes).
    Prints one line per violation (the shape broken, the node, the property and why) and exits
    with status 1 when there is any; prints a one-line verdict and exits 0 when there is none."""
    from kg.store import load_dataset
    from kg.validate import violations

    try:
        found = violations(load_dataset(graph, union_default_graph=False))
    except KgError as error:
        _fail(str(error))
    for violation in found:
        typer.echo(violation.line())
    if found:
        _fail(f"{graph}: {len(found)} violation(s) of ontology/shapes.ttl")
    _say(f"{graph}: conforms to ontology/shapes.ttl")


def main() -> None:
    try:
        app()
    except OSError as error:
        # A full disk, a path too long, a folder without permission: the environment, not a bug,
        # so one line that names the file. Every command writes through a temporary file and a
        # rename, so what was there before is still whole.
        typer.echo(f"kg: error: {describe_os_error(error)}", err=True)
        sys.exit(1)


def describe_os_error(error: OSError) -> str:
    """ERROR as "path: reason" (both paths of a failed rename), without Python's "[Errno N]"."""
    reason = error.strerror or str(error)
    names = [str(n) for n in (error.filename, error.filename2) if n is not None]
    if len(names) == 2:
        return f"{names[0]} -> {names[1]}: {reason}"
    return f"{names[0]}: {reason}" if names else reason


if __name__ == "__main__":
    main()
