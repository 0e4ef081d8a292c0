"""The ``kg`` command line: a thin layer over the library. Heavy imports happen inside commands."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import logging
import os
import sys
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click

from kg import __version__
from kg.errors import INTERNAL_EXIT, KgError, ValidationFailed

F = TypeVar("F", bound=Callable[..., Any])


def _today() -> dt.date:
    override = os.environ.get("KG_TODAY")
    if override:
        from kg.read import parse_date

        return parse_date(override, "KG_TODAY")
    return dt.date.today()


class _Warnings(logging.Handler):
    """Prints the warnings of the ``kg`` logger as one line each on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"kg: warning: {_printable(record.getMessage())}", err=True)


_ESCAPES = {**{c: f"\\x{c:02x}" for c in [*range(32), 127]}, 9: "\\t", 10: "\\n", 13: "\\r"}


def _printable(text: str) -> str:
    """``text`` on one line: control characters written as escapes (``\\n``, ``\\x00``)."""
    return text.translate(_ESCAPES)


def _oserror(exc: OSError) -> str:
    why = exc.strerror or " ".join(str(exc).split()) or type(exc).__name__
    return f"{exc.filename}: {why}" if exc.filename else why


class _Group(click.Group):
    """Maps errors to one line on stderr and an exit code; warnings of the ``kg`` logger to stderr.

    The project's errors (KgError) exit with their code, an OSError with 2, anything else is an internal
    error (exit 3) shown as one line, with the traceback only when KG_DEBUG is set.
    """

    def invoke(self, ctx: click.Context) -> Any:
        handler = _Warnings(logging.WARNING)
        logger = logging.getLogger("kg")
        logger.addHandler(handler)
        try:
            return super().invoke(ctx)
        except KgError as exc:  # one line: a control character (a newline in a file name) is escaped
            message = str(exc) if isinstance(exc, ValidationFailed) else _printable(str(exc))
            click.echo(f"kg: error: {message}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("kg: interrupted", err=True)
            sys.exit(130)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:  # kg query ... | head: the reader is gone, nothing more to say
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except OSError as exc:
            click.echo(f"kg: error: {_printable(_oserror(exc))}", err=True)
            sys.exit(2)
        except Exception as exc:
            if os.environ.get("KG_DEBUG", "") not in {"", "0"}:
                traceback.print_exc()
            else:
                message = _printable(" ".join(str(exc).split())[:300])
                click.echo(
                    f"kg: internal error: {type(exc).__name__}: {message} (run with KG_DEBUG=1 for the traceback)",
                    err=True,
                )
            sys.exit(INTERNAL_EXIT)
        finally:
            logger.removeHandler(handler)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """diplograph: Indonesian diplomatic news articles to a linked, validated RDF knowledge graph."""


_graphs = click.argument("graphs", nargs=-1, required=True, type=click.Path(path_type=Path))


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--out", "-o", default="out", show_default=True, type=click.Path(path_type=Path), help="Output folder."
)
@click.option("--published", help="Publication date (YYYY-MM-DD) for every article; overrides sidecars.")
@click.option(
    "--format", "fmt", type=click.Choice(["ttl", "trig", "nt", "jsonld"]), default="ttl", show_default=True
)
@click.option("--no-validate", is_flag=True, help="Write graphs even if they do not conform to the shapes.")
@click.option("--no-html", is_flag=True, help="Do not write the HTML graph view.")
@click.option(
    "--jobs", "-j", default=1, show_default=True, type=click.IntRange(min=0),
    help="Worker processes (0: one per CPU). The outputs are the same for any number.",
)  # fmt: skip
def build(
    paths: tuple[Path, ...], out: Path, published: str | None, fmt: str, no_validate: bool, no_html: bool,
    jobs: int,
) -> None:  # fmt: skip
    """Build the graph of each article (files or folders; default seeds/) into OUT/<stem>.<format>.

    A progress bar is drawn on stderr when it is a terminal.

    \b
    Example:
        kg build seeds/ --out out/
        kg build corpus/ --out out/ --jobs 2 --no-html
    """
    from kg.build import Built, ProgressBar
    from kg.build import build as build_all
    from kg.lexicon.resources import load_resources
    from kg.read import find_articles, parse_date

    date = parse_date(published, "--published") if published is not None else None
    articles = find_articles(list(paths) or [Path("seeds")])
    bar = ProgressBar(len(articles))

    def progress(b: Built) -> None:
        bar.clear()
        click.echo(f"{b.source} -> {', '.join(map(str, b.outputs))} ({b.triples} triples)")
        bar.update()

    try:
        results = build_all(
            articles, out, load_resources(), today=_today(), fmt=fmt, published=date,
            validate=not no_validate, html=not no_html, progress=progress, jobs=jobs,
        )  # fmt: skip
    finally:
        bar.close()
    click.echo(f"built {len(results)} article(s) into {out}/", err=True)


@cli.command()
@_graphs
def validate(graphs: tuple[Path, ...]) -> None:
    """Validate graph files against the shapes: exit 0 conforms, 1 does not, 2 error.

    \b
    Example:
        kg validate out/000_0aaf1fdda57b71fa.ttl
    """
    from kg.rdf.validation import load_ontology, validate_graph
    from kg.store.queries import load_graphs

    shapes = load_ontology()
    failed = False
    for path in graphs:
        report = validate_graph(load_graphs([path]), *shapes)
        click.echo(f"{path}: {'conforms' if report.conforms else 'does not conform'}")
        for violation in report.violations:
            click.echo(f"  {violation}")
        failed |= not report.conforms
    sys.exit(1 if failed else 0)


@cli.command()
def queries() -> None:
    """List the named queries.

    \b
    Example:
        kg queries
    """
    from kg.store.queries import NAMED

    for name, description in NAMED.items():
        click.echo(f"{name:10}  {description}")


_timeout = click.option(
    "--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
    help="Seconds to wait for the store.",
)  # fmt: skip
_insecure = click.option(
    "--allow-insecure", is_flag=True,
    help="Send credentials over plain http to a host that is not loopback.",
)  # fmt: skip


@cli.command()
@click.argument("graphs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--name", "-n", help="A named query (see kg queries).")
@click.option("--file", "-f", "query_file", type=click.Path(path_type=Path), help="A SPARQL query file.")
@click.option("--query", "-q", "query_text", help="A SPARQL query string.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
@click.option(
    "--store", "store_dir", metavar="DIR", type=click.Path(file_okay=False, path_type=Path),
    help="A persistent pyoxigraph store: GRAPHS are loaded into it first (each replacing its named "
    "graph), then the query runs over everything in it, without re-parsing.",
)  # fmt: skip
@click.option(
    "--endpoint", metavar="URL",
    help="Run the query at a SPARQL 1.1 Protocol endpoint instead (see docs/STORES.md); no GRAPHS.",
)  # fmt: skip
@click.option(
    "--union", is_flag=True,
    help="With --endpoint: run the query over the union of the store's named graphs, for a store whose "
    "default graph is not their union (see docs/STORES.md).",
)  # fmt: skip
@click.option(
    "--limit", type=click.IntRange(min=0), default=None,
    help="Print at most N rows (default: all). csv and json are printed row by row as they come.",
)  # fmt: skip
@_timeout
@_insecure
def query(graphs: tuple[Path, ...], name: str | None, query_file: Path | None, query_text: str | None,
          fmt: str, store_dir: Path | None, endpoint: str | None, union: bool, limit: int | None,
          timeout: float, allow_insecure: bool) -> None:  # fmt: skip
    """Run a named query, a query file or a query string over graph files, a store or an endpoint.

    Each graph file is its own named graph; the query sees their union, so an entity met in several
    articles is one row. Credentials for --endpoint come from KG_STORE_USER / KG_STORE_PASSWORD or
    ~/.netrc, never from the command line.

    \b
    Example:
        kg query out/000_0aaf1fdda57b71fa.ttl --name protests --format csv
        kg query out/*.ttl --store .kgstore --name states
        kg query --endpoint http://localhost:7878/query --name treaties
    """
    from kg.errors import InputError, QueryError
    from kg.store.queries import named_query, stream_rows

    given = [x for x in (name, query_file, query_text) if x is not None]
    if len(given) != 1:
        raise QueryError("give exactly one of --name, --file or --query")
    if name is not None:
        text = named_query(name)
    elif query_file is not None:
        try:
            text = query_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{query_file}: cannot read: {exc}") from None
    else:
        text = str(query_text)
    rows: Iterable[list[str]]
    if endpoint is not None:
        from kg.store.endpoint import iter_endpoint

        if graphs or store_dir is not None:
            raise QueryError("--endpoint takes no graph files and no --store (upload with kg push)")
        columns, rows = iter_endpoint(
            endpoint, text, timeout=timeout, allow_insecure=allow_insecure, union=union,
            explain=name is not None,  # a named query with no rows: say why, if the store's set-up is why
        )  # fmt: skip
    else:
        if union:
            raise QueryError("--union is for --endpoint (local queries always read the union)")
        from kg.store.embedded import iter_query_files

        columns, rows = iter_query_files(list(graphs), text, store_dir)
    chunks: list[str] = []
    for chunk in stream_rows(columns, itertools.islice(rows, limit), fmt):  # row by row (csv, json)
        chunks.append(chunk)
        if len(chunks) >= 256:
            click.echo("".join(chunks), nl=False)
            chunks.clear()
    click.echo("".join(chunks), nl=False)


@cli.command()
@_graphs
@click.option(
    "--output", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write: .trig or .nq (named graphs kept) or .ttl (the union only: named graphs lost).",
)  # fmt: skip
@click.option(
    "--jobs", "-j", default=1, show_default=True, type=click.IntRange(min=0),
    help="Worker processes that read the files (0: one per CPU). The output is the same for any number.",
)  # fmt: skip
def merge(graphs: tuple[Path, ...], output: Path, jobs: int) -> None:
    """Merge article graphs into one dataset, each article its own named graph.

    Each Turtle / N-Triples file becomes the named graph <https://w3id.org/diplograph/id/graph/STEM>;
    a TriG / N-Quads file keeps its named graphs, so a merged file can be merged again. A graph met
    again in a later file replaces the earlier one (re-merging a rebuilt article updates it); facts
    from different articles are never overwritten, even when they conflict. A .ttl output holds only
    the union of the triples: the named graphs are lost. The output is sorted: the same inputs give
    the same bytes.

    \b
    Example:
        kg merge out/*.ttl -o merged.trig
        kg merge out/*.ttl background.nt -o merged.nq --jobs 2
    """
    from kg.store.merge import merge as merge_graphs

    report = merge_graphs(list(graphs), output, jobs)
    for graph, path in report.replaced:
        click.echo(f"<{graph}> replaced by {path}", err=True)
    click.echo(f"wrote {output} ({report.graphs} graph(s), {report.triples} triples)", err=True)


@cli.command()
@_graphs
@click.option(
    "--store", "url", required=True, metavar="URL",
    help="Graph Store Protocol endpoint, e.g. http://localhost:7878/store (see docs/STORES.md).",
)  # fmt: skip
@_timeout
@_insecure
def push(graphs: tuple[Path, ...], url: str, timeout: float, allow_insecure: bool) -> None:
    """Upload article graphs to a SPARQL store: HTTP PUT of each to URL?graph=<its graph IRI>.

    PUT replaces the graph, so pushing again never duplicates. Credentials come from KG_STORE_USER /
    KG_STORE_PASSWORD or ~/.netrc, never from the command line; they are not sent over plain http to
    a host that is not loopback unless --allow-insecure is given.

    \b
    Example:
        kg push out/*.ttl --store http://localhost:7878/store
    """
    from kg.store.remote import push as push_graphs
    from kg.store.remote import redact

    uploads = push_graphs(
        list(graphs), url, timeout=timeout, allow_insecure=allow_insecure,
        progress=lambda u: click.echo(f"{u.path} -> <{u.graph}> ({u.triples} triples)"),
    )  # fmt: skip
    click.echo(f"pushed {len(uploads)} graph(s) to {redact(url)}", err=True)


@cli.command()
@_graphs
@click.option(
    "--output", "-o", required=True, type=click.Path(path_type=Path), help="The HTML file to write."
)
@click.option("--title", help="Page title (default: the first graph's name).")
@click.option(
    "--states",
    is_flag=True,
    help="Only the state view (states and the acts between them), read one file at a time: for many articles.",
)
def view(graphs: tuple[Path, ...], output: Path, title: str | None, states: bool) -> None:
    """Render graph files as one interactive HTML page that works offline.

    The page shows the graph of the articles; its "States" button shows the states and the acts
    between them. With --states the page holds the state view alone.

    \b
    Example:
        kg view out/000_0aaf1fdda57b71fa.ttl -o view.html
        kg view out/*.ttl --states -o states.html
    """
    from kg.rdf.export import write_atomic
    from kg.store.queries import load_triples
    from kg.view.html import render_html, render_states_html
    from kg.view.states import load_state_network

    name = title or graphs[0].stem
    if states:
        html = render_states_html(load_state_network(list(graphs)), title=name)
    else:
        html = render_html(load_triples(list(graphs)), title=name)
    write_atomic(output, html.encode("utf-8"))
    click.echo(f"wrote {output}", err=True)


@cli.command()
@_graphs
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf"]), required=True)
@click.option("--output", "-o", required=True, type=click.Path(path_type=Path))
@click.option(
    "--states",
    is_flag=True,
    help="The state-level network: one node per state, one edge per related pair with its acts counted.",
)
def export(graphs: tuple[Path, ...], fmt: str, output: Path, states: bool) -> None:
    """Export graph files as GraphML or GEXF for Gephi and other network tools.

    \b
    Example:
        kg export out/000_0aaf1fdda57b71fa.ttl --format gexf -o seed.gexf
        kg export out/*.ttl --format graphml --states -o states.graphml
    """
    from kg.rdf.export import write_atomic
    from kg.store.queries import load_graphs
    from kg.view.netexport import export_network, export_state_network
    from kg.view.states import load_state_network

    if states:
        data = export_state_network(load_state_network(list(graphs)), fmt)  # type: ignore[arg-type]
    else:
        data = export_network(load_graphs(list(graphs)), fmt)  # type: ignore[arg-type]
    write_atomic(output, data)
    click.echo(f"wrote {output}", err=True)


@cli.command(name="eval", context_settings={"allow_extra_args": True})
@click.argument("corpus", default="tests/corpus", type=click.Path(path_type=Path))
@click.option("--summary", is_flag=True, help="Only the tables, without every miss and false hit.")
@click.option(
    "--only", multiple=True, metavar="ID",
    help="Score only these articles: stems or globs (r01, 'r0*'); the words after the corpus that follow "
    "--only are more of them (--only r01 r02 r03).",
)  # fmt: skip
@click.option(
    "--json", "json_out", metavar="OUT", type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the scores (per article for a real corpus, and totals) as JSON to OUT.",
)  # fmt: skip
@click.pass_context
def eval_(
    ctx: click.Context, corpus: Path, summary: bool, only: tuple[str, ...], json_out: Path | None
) -> None:
    """Score the extractor against the gold files of a corpus (precision, recall, F1 per category).

    A corpus of *.txt with *.gold.toml (tests/corpus) is scored by kg.evaluation; one of *.txt with
    *.yaml (the real corpus, ../shared/corpus-real) exactly as its score.py scores it, through the
    graph kg build writes and the named queries, in this process. Lists every miss and false hit, and
    every matched item whose date, status, state or role is wrong.

    \b
    Example:
        kg eval tests/corpus
        kg eval ../shared/corpus-real --only r01 r02 r03 --json scores.json
    """
    import json

    from kg.errors import InputError
    from kg.evaluation import evaluate, report, score_json
    from kg.lexicon.resources import load_resources
    from kg.rdf.export import write_atomic
    from kg.realeval import evaluate_real, is_real_corpus, report_real

    if ctx.args and not only:
        raise InputError(f"unexpected argument {ctx.args[0]!r}: article ids go after --only")
    ids = (*only, *ctx.args)
    if is_real_corpus(corpus):
        result = evaluate_real(corpus, load_resources(), _today(), ids)
        text, data = report_real(result, details=not summary), result
    else:
        score = evaluate(corpus, load_resources(), _today(), ids)
        text, data = report(score, details=not summary), score_json(score)
    if json_out is not None:
        write_atomic(json_out, (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
    click.echo(text, nl=False)
