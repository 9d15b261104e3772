"""The ``kg`` command. Each command is a thin wrapper: parse arguments, call one public function,
print. A ``KgError`` is printed as one line on stderr with exit status 1 (2 for usage errors,
which Typer reports itself); anything else is a bug and keeps its traceback."""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from kg.errors import InputError, KgError

app = typer.Typer(
    name="kg",
    help="Offline knowledge-graph builder: English text in, an RDF graph out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

GraphArg = Annotated[
    Path, typer.Argument(help="A Turtle/TriG/N-Triples/N-Quads file or a build folder.")
]
ModelOpt = Annotated[
    str | None,
    typer.Option("--model", envvar="KG_MODEL", help="spaCy pipeline (package name or path)."),
]


# How to read the inputs (kg build, kg extract): the columns of a JSON Lines or CSV corpus and
# the format, when the extension and the content should not decide it.
TextFieldOpt = Annotated[
    str,
    typer.Option(
        "--text-field",
        help="JSON Lines/CSV column holding the text [default: text, else body, content, article].",
    ),
]
TitleFieldOpt = Annotated[
    str, typer.Option("--title-field", help="Column of the title [default: title, headline].")
]
DateFieldOpt = Annotated[
    str,
    typer.Option(
        "--date-field",
        help="Column of the date [default: date, published, published_at, pubdate].",
    ),
]
UrlFieldOpt = Annotated[
    str, typer.Option("--url-field", help="Column of the URL [default: url, link].")
]
IdFieldOpt = Annotated[
    str, typer.Option("--id-field", help="Column of the row's id [default: id].")
]
KeepFieldOpt = Annotated[
    list[str] | None,
    typer.Option("--keep-field", metavar="NAME", help="Keep this column as metadata (repeatable)."),
]
InputFormatOpt = Annotated[
    str,
    typer.Option(
        "--input-format",
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
):
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
    typer.echo(f"kg: skipped: {path} ({reason})", err=True)


def _report_warning(message: str) -> None:
    typer.echo(f"kg: warning: {message}", err=True)


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"kg: error: {message}", err=True)
    raise typer.Exit(code)


def _progress(total_hint: str):
    """A progress bar on stderr when it is a terminal, nothing otherwise (logs stay clean)."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    return Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} " + total_hint),
        TextColumn("{task.fields[rates]}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )


@app.command()
def build(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Output folder.")] = Path("output"),
    model: ModelOpt = None,
    max_bytes: Annotated[
        int, typer.Option(help="Largest input file (a JSON Lines/CSV corpus: row), in bytes.")
    ] = 10_000_000,
    no_view: Annotated[bool, typer.Option("--no-view", help="Skip graph.html.")] = False,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Ignore an earlier build in OUT; start afresh.")
    ] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes.")] = 1,
    dask: Annotated[
        str | None,
        typer.Option(help="Parse on a Dask cluster: a scheduler address or local:N."),
    ] = None,
    aliases: Annotated[
        Path | None,
        typer.Option(help="CSV (name,canonical[,same|different]) or Turtle file of aliases."),
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
    row; a folder's other files are listed as skipped."""
    from kg.pipeline import build as run_build

    options = _input_options(
        text_field, title_field, date_field, url_field, id_field, keep_field, input_format
    )

    def report_error(error: InputError) -> None:
        typer.echo(f"kg: error: {error}", err=True)

    try:
        with _progress("documents") as progress:
            task = progress.add_task("extracting", total=None, rates="")
            started, documents, sentences = time.perf_counter(), 0, 0

            def advance(extraction) -> None:
                nonlocal documents, sentences
                documents += 1
                sentences += len(extraction.sentences)
                seconds = time.perf_counter() - started
                rates = f"({documents / seconds:.1f}/s), {sentences} sentences"
                progress.update(task, advance=1, rates=f"{rates} ({sentences / seconds:.0f}/s)")

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
                on_document=advance,
                input_options=options,
                on_skip=_report_skip,
                on_warning=_report_warning,
            )
    except KgError as error:
        _fail(str(error))
    except KeyboardInterrupt:
        # The build writes nothing in OUT until its files are complete (then each is renamed
        # into place), and its scratch folder is removed on the way out.
        _fail(f"interrupted; {out} is as it was before this build", 130)
    typer.echo(report.read_summary())
    typer.echo(f"built {out}: {report.summary()}")
    for path in report.outputs:
        typer.echo(f"  {path}")
    if report.failures:
        _fail(f"{len(report.failures)} input(s) could not be read (see above)")


@app.command()
def remove(
    documents: Annotated[list[str], typer.Argument(help="Source paths or sha256 prefixes.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="The build folder.")] = Path("output"),
) -> None:
    """Drop DOCUMENTS (their named graphs) from the build in OUT and rewrite its files."""
    from kg.pipeline import remove as run_remove

    try:
        removed = run_remove(out, documents)
    except KgError as error:
        _fail(str(error))
    for source in removed:
        typer.echo(f"removed {source}")


EXTRACT_FIELDS = (
    "subject",
    "relation",
    "object",
    "subject_type",
    "object_type",
    "confidence",
    "negated",
    "modality",
    "attribution",
    "condition",
    "time",
    "time_value",
    "time_type",
    "place",
    "subject_text",
    "relation_text",
    "object_text",
    "sentence",
    "document",
    "rule",
)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
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
        bool, typer.Option(help="Treat each input line as a document of one sentence.")
    ] = False,
    model: ModelOpt = None,
    aliases: Annotated[
        Path | None,
        typer.Option(help="CSV (name,canonical[,same|different]) or Turtle file of aliases."),
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
    from kg.facts import fact_records, iter_carb_lines, mention_records

    allowed = ("text", "json") if explain else ("jsonl", "tsv", "carb", "mentions")
    format = format or allowed[0]
    if format not in allowed:
        _fail(f"unknown --format {format!r} (allowed: {', '.join(allowed)})", 2)
    failures: list[InputError] = []
    reading = {
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
                writer.writerow(EXTRACT_FIELDS)
                for record in records:
                    writer.writerow([_tsv_cell(record[f]) for f in EXTRACT_FIELDS])
            else:
                for record in records:
                    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    except KgError as error:
        _fail(str(error))
    for error in failures:
        typer.echo(f"kg: error: {error}", err=True)
    if failures:
        raise typer.Exit(1)


def _explain(
    paths: list[str],
    format: str,
    model: str | None,
    aliases: Path | None,
    one_sentence_per_line: bool,
    failures: list[InputError],
    reading: dict,
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


@app.command()
def query(
    graph: GraphArg,
    query_text: Annotated[
        str | None, typer.Argument(metavar="QUERY", help="SPARQL, or - for stdin.")
    ] = None,
    file: Annotated[
        Path | None, typer.Option("-f", "--file", help="Read the query from a file.")
    ] = None,
    format: Annotated[
        str, typer.Option("--format", help="table, csv, tsv, json, xml or turtle.")
    ] = "table",
    timeout: Annotated[float, typer.Option(help="Stop the query after this many seconds.")] = 30.0,
    max_rows: Annotated[int, typer.Option(help="Return at most this many rows.")] = 10_000,
) -> None:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) against GRAPH. Read-only."""
    from kg.query import format_result, run_query, xml_replacements
    from kg.store import load_dataset

    try:
        text = _query_text(query_text, file)
        dataset = load_dataset(graph)
        result = run_query(dataset, text, timeout=timeout, max_rows=max_rows)
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
    return query_text


@app.command()
def export(
    graph: GraphArg,
    format: Annotated[
        str,
        typer.Option("--format", help="turtle, ntriples, trig, nquads, jsonld, graphml or csv."),
    ] = "turtle",
    out: Annotated[
        Path | None,
        typer.Option("-o", "--out", help="Output file (folder for csv); stdout if absent."),
    ] = None,
) -> None:
    """Write GRAPH in another format."""
    from kg.export import export as run_export
    from kg.store import load_dataset

    try:
        dataset = load_dataset(graph, union_default_graph=False)
        data = run_export(dataset, format, out)
    except KgError as error:
        _fail(str(error))
    if out is None and data is not None:
        sys.stdout.buffer.write(data)


@app.command()
def view(
    graph: GraphArg,
    out: Annotated[Path | None, typer.Option("-o", "--out", help="HTML file to write.")] = None,
    focus: Annotated[
        str | None, typer.Option(help="Show the neighbourhood of this entity.")
    ] = None,
    hops: Annotated[int, typer.Option(help="Neighbourhood size for --focus.")] = 2,
    top: Annotated[int | None, typer.Option(help="Show the N most connected entities.")] = None,
    query_text: Annotated[
        str | None, typer.Option("--query", help="Show the graph a CONSTRUCT query returns.")
    ] = None,
    open_page: Annotated[
        bool, typer.Option("--open", help="Open the page in the default browser.")
    ] = False,
) -> None:
    """Write GRAPH as one self-contained interactive HTML page."""
    from kg.store import load_dataset
    from kg.view import write_view

    target = out or (graph / "graph.html" if graph.is_dir() else graph.with_suffix(".html"))
    try:
        dataset = load_dataset(graph)
        write_view(dataset, target, focus=focus, hops=hops, top=top, construct=query_text)
    except KgError as error:
        _fail(str(error))
    typer.echo(f"wrote {target}")
    if open_page:
        import webbrowser

        webbrowser.open(target.resolve().as_uri())


@app.command()
def explain(
    graph: GraphArg,
    name: Annotated[str, typer.Argument(help="An entity's name or one of its aliases.")],
) -> None:
    """Say what kg knows of one entity: type, aliases, roles, and why its names were merged."""
    from kg.explain import explain_entity
    from kg.store import load_dataset

    try:
        typer.echo(explain_entity(load_dataset(graph), name))
    except KgError as error:
        _fail(str(error))


@app.command()
def stats(graph: GraphArg) -> None:
    """Count the documents, sentences, entities by type, relations and statements of GRAPH."""
    from kg.stats import graph_stats
    from kg.store import load_dataset

    try:
        counts = graph_stats(load_dataset(graph))
    except KgError as error:
        _fail(str(error))
    width = max(len(k) for k in counts)
    for key, value in counts.items():
        typer.echo(f"{key:<{width}}  {value}")


@app.command()
def push(
    graph: GraphArg,
    endpoint: Annotated[str, typer.Option(help="SPARQL 1.1 Graph Store endpoint URL.")],
    force: Annotated[bool, typer.Option(help="Send every graph, even those sent before.")] = False,
    retries: Annotated[int, typer.Option(min=0, help="Retries per graph.")] = 5,
    user: Annotated[str | None, typer.Option(help="User for Basic/Digest auth.")] = None,
    password: Annotated[
        str | None, typer.Option(envvar="KG_PUSH_PASSWORD", help="Password (or KG_PUSH_PASSWORD).")
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
    typer.echo(report.summary())
    for message in report.errors:
        typer.echo(f"kg: error: {message}", err=True)
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def serve(
    graph: GraphArg,
    host: Annotated[
        str, typer.Option(help="Address to bind; keep 127.0.0.1 unless you mean it.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 7878,
    timeout: Annotated[float, typer.Option(help="Per-query time limit in seconds.")] = 30.0,
) -> None:
    """Serve GRAPH read-only: SPARQL 1.1 Protocol at /sparql, the graph view at /."""
    from kg.serve import serve as run_server

    try:
        run_server(graph, host=host, port=port, timeout=timeout)
    except KgError as error:
        _fail(str(error))


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
