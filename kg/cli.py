"""The ``kg`` command line: a thin layer over the library. Heavy imports happen inside commands."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from kg import __version__
from kg.errors import KgError

F = TypeVar("F", bound=Callable[..., Any])


def _today() -> dt.date:
    override = os.environ.get("KG_TODAY")
    if override:
        from kg.read import parse_date

        return parse_date(override, "KG_TODAY")
    return dt.date.today()


class _Group(click.Group):
    """Maps the project's errors to one line on stderr and their exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KgError as exc:
            click.echo(f"kg: error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("kg: interrupted", err=True)
            sys.exit(130)


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
def build(
    paths: tuple[Path, ...], out: Path, published: str | None, fmt: str, no_validate: bool, no_html: bool
) -> None:
    """Build the graph of each article (files or folders; default seeds/) into OUT/<stem>.<format>.

    \b
    Example:
        kg build seeds/ --out out/
    """
    from kg.build import build as build_all
    from kg.read import parse_date
    from kg.resources import load_resources

    date = parse_date(published, "--published") if published else None
    results = build_all(
        list(paths) or [Path("seeds")],
        out,
        load_resources(),
        today=_today(),
        fmt=fmt,
        published=date,
        validate=not no_validate,
        html=not no_html,
        progress=lambda b: click.echo(
            f"{b.source} -> {', '.join(map(str, b.outputs))} ({b.triples} triples)"
        ),
    )
    click.echo(f"built {len(results)} article(s) into {out}/", err=True)


@cli.command()
@_graphs
def validate(graphs: tuple[Path, ...]) -> None:
    """Validate graph files against the shapes: exit 0 conforms, 1 does not, 2 error.

    \b
    Example:
        kg validate out/000_0aaf1fdda57b71fa.ttl
    """
    from kg.queries import load_graphs
    from kg.validation import load_ontology, validate_graph

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
    from kg.queries import NAMED

    for name, description in NAMED.items():
        click.echo(f"{name:10}  {description}")


@cli.command()
@_graphs
@click.option("--name", "-n", help="A named query (see kg queries).")
@click.option("--file", "-f", "query_file", type=click.Path(path_type=Path), help="A SPARQL query file.")
@click.option("--query", "-q", "query_text", help="A SPARQL query string.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
def query(
    graphs: tuple[Path, ...], name: str | None, query_file: Path | None, query_text: str | None, fmt: str
) -> None:
    """Run a named query, a query file or a query string over graph files.

    \b
    Example:
        kg query out/000_0aaf1fdda57b71fa.ttl --name protests --format csv
    """
    from kg.errors import InputError, QueryError
    from kg.queries import format_rows, load_graphs, named_query, run_query

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
    columns, rows = run_query(load_graphs(list(graphs)), text)
    click.echo(format_rows(columns, rows, fmt), nl=False)


@cli.command()
@_graphs
@click.option(
    "--output", "-o", required=True, type=click.Path(path_type=Path), help="The HTML file to write."
)
@click.option("--title", help="Page title (default: the first graph's name).")
def view(graphs: tuple[Path, ...], output: Path, title: str | None) -> None:
    """Render graph files as one interactive HTML page that works offline.

    \b
    Example:
        kg view out/000_0aaf1fdda57b71fa.ttl -o view.html
    """
    from kg.export import write_atomic
    from kg.html import render_html
    from kg.queries import load_graphs

    html = render_html(load_graphs(list(graphs)), title=title or graphs[0].stem)
    write_atomic(output, html.encode("utf-8"))
    click.echo(f"wrote {output}", err=True)


@cli.command()
@_graphs
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf"]), required=True)
@click.option("--output", "-o", required=True, type=click.Path(path_type=Path))
def export(graphs: tuple[Path, ...], fmt: str, output: Path) -> None:
    """Export graph files as GraphML or GEXF for Gephi and other network tools.

    \b
    Example:
        kg export out/000_0aaf1fdda57b71fa.ttl --format gexf -o seed.gexf
    """
    from kg.export import write_atomic
    from kg.netexport import export_network
    from kg.queries import load_graphs

    write_atomic(output, export_network(load_graphs(list(graphs)), fmt))  # type: ignore[arg-type]
    click.echo(f"wrote {output}", err=True)
