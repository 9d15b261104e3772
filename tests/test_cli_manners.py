"""The command's manners (issue #18): --version, -h, clean --help, -q and -v, the progress bar,
kg validate and the exit codes, through the installed `kg` script."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
from importlib.metadata import version

import pyoxigraph as ox
import pytest
from conftest import KG_SCRIPT, ROOT, run_kg

from kg.progress import count_documents

COMMANDS = (
    "build",
    "remove",
    "extract",
    "query",
    "export",
    "view",
    "explain",
    "stats",
    "push",
    "serve",
    "validate",
)


def test_version():
    result = run_kg("--version")
    assert result.returncode == 0
    assert result.stdout == f"kg {version('kg')}\n"


@pytest.mark.parametrize("command", ("", *COMMANDS))
def test_help_is_clean_and_h_is_help(command):
    import click
    import typer.main

    from kg.cli import app

    args = [command] if command else []
    long, short = run_kg(*args, "--help"), run_kg(*args, "-h")
    assert long.returncode == short.returncode == 0
    assert long.stdout == short.stdout
    text = long.stdout
    # No Python types (<bool>, <str>, <path>, <list[str]>), no braces round arguments.
    assert not re.search(r"<[a-z\[\]| ]+>", text), text
    assert "{" not in text, text
    # Every option is named in full, with its short form.
    group = typer.main.get_command(app)
    params = (group.commands[command] if command else group).params
    for param in params:
        if isinstance(param, click.Option):
            for name in param.opts + param.secondary_opts:
                assert re.search(rf"(^|[ ,]){re.escape(name)}([ ,]|$)", text, re.M), name
    if not command:
        listed = re.findall(r"^  (\w+) +(.+)$", text.split("Commands:")[1].split("\n\n")[0], re.M)
        assert [name for name, _ in listed] == list(COMMANDS)
        assert not any(summary.endswith("...") for _, summary in listed), listed
        assert "Exit status: 0 done; 1 an error" in " ".join(text.split())


def test_usage_errors_exit_2_and_errors_exit_1(tmp_path):
    assert run_kg("build", "--no-such-option", "x").returncode == 2
    assert run_kg("-q", "-v", "stats", str(tmp_path)).returncode == 2
    missing = run_kg("stats", str(tmp_path / "nothing"))
    assert missing.returncode == 1
    assert missing.stderr == f"kg: error: {tmp_path / 'nothing'}: no such file or folder\n"


def test_quiet_build_prints_nothing_and_verbose_prints_stages(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Scott Bessent met He Lifeng in Kuala Lumpur.\n")
    (corpus / "photo.png").write_bytes(b"\x89PNG")
    out = tmp_path / "out"
    quiet = run_kg("build", "-q", str(corpus), "-o", str(out))
    assert quiet.returncode == 0, quiet.stderr
    assert (quiet.stdout, quiet.stderr) == ("", "")
    assert (out / "graph.trig").is_file()
    quiet_first = run_kg("-q", "build", str(corpus), "-o", str(out))  # before the command
    assert (quiet_first.returncode, quiet_first.stdout, quiet_first.stderr) == (0, "", "")

    (corpus / "b.txt").write_text("Li Qiang met Olaf Scholz.\n")
    verbose = run_kg("build", "-v", str(corpus), "-o", str(out))
    assert verbose.returncode == 0, verbose.stderr
    lines = verbose.stderr.splitlines()
    stages = [line.split(":")[1].strip() for line in lines if line.startswith("kg: stage ")]
    assert stages == ["stage read+parse+extract", "stage resolve+rdf", "stage write"]
    assert f"kg: skipped: {corpus / 'photo.png'} (not a supported input: .png)" in lines
    assert "kg: 1 document(s) already in the build, not read again:" in lines
    assert f"  {corpus / 'a.txt'}" in lines
    assert "built " in verbose.stdout


def test_quiet_keeps_errors_and_the_exit_status(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9")
    good = tmp_path / "good.txt"
    good.write_text("Scott Bessent met He Lifeng.\n")
    result = run_kg("build", "-q", str(bad), str(good), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[0].startswith(f"kg: error: {bad}: not UTF-8 text")
    assert result.stderr.splitlines()[-1] == "kg: error: 1 input(s) could not be read (see above)"


def test_progress_bar_shows_stage_total_rate_and_eta(tmp_path):
    corpus = tmp_path / "news.jsonl"
    rows = [
        {"id": f"r{n}", "text": f"Scott Bessent met He Lifeng in city number {n}."}
        for n in range(3)
    ]
    corpus.write_text("\n".join(json.dumps(row) for row in rows) + "\n\n")
    leader, follower = pty.openpty()
    environment = {**os.environ, "COLUMNS": "160", "TERM": "xterm"}
    process = subprocess.Popen(
        [KG_SCRIPT, "build", str(corpus), "-o", str(tmp_path / "out")],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=follower,
        env=environment,
    )
    os.close(follower)
    screen = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 120)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the process closed its end
            break
        if not chunk:
            break
        screen += chunk
    assert process.wait(timeout=120) == 0
    text = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", screen.decode("utf-8", "replace"))
    assert "reading, parsing, extracting" in text
    assert re.search(r"0/3 documents", text), text  # the total is known before extraction
    assert re.search(r"3/3 documents", text), text
    assert "eta" in text
    assert re.search(r"[0-9.]+/s, [0-9]+ sentences/s", text), text
    assert "writing graph.trig" in text or "resolving names" in text


def test_count_documents_counts_without_parsing(tmp_path):
    (tmp_path / "a.txt").write_text("One.")
    (tmp_path / "b.md").write_text("# Two\n\nText.")
    (tmp_path / "rows.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n{"text": "z"}\n')
    (tmp_path / "rows.csv").write_text('text,title\n"a\nmulti-line",t\nb,u\n')
    (tmp_path / "items.json").write_text('[{"text": "p"}, {"text": "q"}]')
    (tmp_path / "skip.png").write_bytes(b"\x89PNG")
    assert count_documents([str(tmp_path)]) == 1 + 1 + 3 + 2 + 2
    assert count_documents(["-"]) is None
    assert count_documents([str(tmp_path / "absent.txt")]) == 0


def test_validate_a_conforming_build(seed_build):
    result = run_kg("validate", str(seed_build))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == f"{seed_build}: conforms to ontology/shapes.ttl\n"
    assert run_kg("validate", "-q", str(seed_build)).stdout == ""


def test_validate_prints_one_line_per_violation_and_exits_1(seed_build, tmp_path):
    store = ox.Store()
    store.load(path=str(seed_build / "graph.trig"), format=ox.RdfFormat.TRIG)
    kg = "https://w3id.org/kg/ontology#"
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    confidence = ox.NamedNode(kg + "confidence")
    broken_entities = ["Scott_Bessent", "He_Lifeng"]
    for name in broken_entities:
        node = ox.NamedNode(f"https://w3id.org/kg/entity/{name}")
        for quad in list(store.quads_for_pattern(node, label, None)):
            store.remove(quad)
    statement = next(store.quads_for_pattern(None, confidence, None))
    store.remove(statement)
    store.add(
        ox.Quad(
            statement.subject,
            confidence,
            ox.Literal("1.5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#double")),
            statement.graph_name,
        )
    )
    broken = tmp_path / "broken.nq"
    store.dump(output=str(broken), format=ox.RdfFormat.N_QUADS)

    result = run_kg("validate", str(broken))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3, result.stdout
    assert sum("EntityLabelShape" in line for line in lines) == 2
    assert sum("StatementConfidenceShape" in line and "1.5" in line for line in lines) == 1
    assert all(line.startswith("Violation kgsh:") for line in lines), lines
    assert result.stderr == f"kg: error: {broken}: 3 violation(s) of ontology/shapes.ttl\n"


def test_exit_codes_are_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## CLI reference")[1]
    for code in ("0", "1", "2", "130"):
        assert re.search(rf"\|\s*`{code}`\s*\|", section), code
    for flag in ("--version", "-q", "-v", "-h", "kg validate"):
        assert flag in section, flag


def test_the_readme_lists_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## CLI reference")[1]
    for command in COMMANDS:
        assert f"`kg {command}" in section, command
