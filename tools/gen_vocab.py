"""Generate ``kg/rdf/vocab.py`` from ``kg/ontology/kg.ttl``.

In the style of rdflib's ``rdflib/tools/defined_namespace_creator.py``: every term of the ``dg:``
namespace that has an ``rdf:type`` in the ontology becomes an annotated ``URIRef`` attribute of
``class DG(DefinedNamespace)`` (``_fail = True``), sorted by name and commented with its English
``rdfs:comment``. The module also exports the other namespaces of the project (DESIGN.md) and the
CAMEO code of every event class. The output depends only on the ontology: no dates, stable order.

Usage::

    python tools/gen_vocab.py            # rewrite kg/rdf/vocab.py
    python tools/gen_vocab.py --check    # exit 1 if kg/rdf/vocab.py is stale
    python tools/gen_vocab.py --stdout   # print instead of writing
"""

from __future__ import annotations

import argparse
import keyword
import sys
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "kg" / "ontology" / "kg.ttl"
OUTPUT = ROOT / "kg" / "rdf" / "vocab.py"

DG_NS = "https://w3id.org/diplograph/ontology#"
ONTOLOGY_IRI = URIRef("https://w3id.org/diplograph/ontology")

# Plain rdflib Namespace constants exported next to DG: (constant, IRI, what). Order is the output order.
NAMESPACES: tuple[tuple[str, str, str], ...] = (
    ("DGR", "https://w3id.org/diplograph/id/", "resources minted by the builder (kg.rdf.iri)"),
    ("DGSH", "https://w3id.org/diplograph/shapes#", "SHACL shapes"),
    ("NIF", "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#", "NIF 2.0 core: text spans"),
    ("GAF", "http://groundedannotationframework.org/gaf#", "GAF: gaf:denotedBy entity/event -> mention"),
    ("WD", "http://www.wikidata.org/entity/", "Wikidata items"),
    ("WDT", "http://www.wikidata.org/prop/direct/", "Wikidata direct properties"),
    ("SEM", "http://semanticweb.cs.vu.nl/2009/11/sem/", "Simple Event Model"),
    ("ORG", "http://www.w3.org/ns/org#", "W3C ORG"),
    ("SCHEMA", "https://schema.org/", "schema.org"),
    ("TIME", "http://www.w3.org/2006/time#", "OWL-Time"),
    ("DBO", "http://dbpedia.org/ontology/", "DBpedia ontology"),
)
# Namespaces reused from rdflib (already DefinedNamespaces there).
RDFLIB_REEXPORTS: tuple[str, ...] = ("DCTERMS", "OWL", "PROV", "RDF", "RDFS", "XSD")
# prefix -> IRI, as in the DESIGN.md table (plus rdf, rdfs, owl, xsd).
PREFIXES: tuple[tuple[str, str], ...] = (
    ("dg", DG_NS),
    ("dgr", "https://w3id.org/diplograph/id/"),
    ("dgsh", "https://w3id.org/diplograph/shapes#"),
    ("nif", "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"),
    ("gaf", "http://groundedannotationframework.org/gaf#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("wd", "http://www.wikidata.org/entity/"),
    ("wdt", "http://www.wikidata.org/prop/direct/"),
    ("org", "http://www.w3.org/ns/org#"),
    ("sem", "http://semanticweb.cs.vu.nl/2009/11/sem/"),
    ("schema", "https://schema.org/"),
    ("time", "http://www.w3.org/2006/time#"),
    ("dbo", "http://dbpedia.org/ontology/"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _english(graph: Graph, subject: URIRef, predicate: URIRef) -> str:
    for value in sorted(graph.objects(subject, predicate), key=str):
        if isinstance(value, Literal) and value.language == "en":
            return _one_line(str(value))
    return ""


def terms(graph: Graph) -> list[tuple[str, str]]:
    """(local name, English comment) of every typed dg: term, sorted by name."""
    found: dict[str, str] = {}
    for subject in set(graph.subjects(RDF.type, None)):
        if isinstance(subject, URIRef) and str(subject).startswith(DG_NS) and str(subject) != DG_NS:
            found[str(subject)[len(DG_NS) :]] = _english(graph, subject, RDFS.comment)
    return sorted(found.items())


def cameo_codes(graph: Graph) -> list[tuple[str, str]]:
    """(local name, CAMEO code) of every dg: class with a dg:cameoCode, sorted by name."""
    codes = []
    for subject, code in graph.subject_objects(URIRef(DG_NS + "cameoCode")):
        if isinstance(subject, URIRef) and str(subject).startswith(DG_NS):
            codes.append((str(subject)[len(DG_NS) :], str(code)))
    return sorted(codes)


def render(ontology: Path = ONTOLOGY) -> str:
    """The text of kg/rdf/vocab.py for the ontology at ``ontology``."""
    graph = Graph().parse(ontology, format="turtle")
    version = graph.value(ONTOLOGY_IRI, OWL.versionIRI)
    title = _english(graph, ONTOLOGY_IRI, DCTERMS.title) or "diplograph ontology"
    description = _english(graph, ONTOLOGY_IRI, DCTERMS.description)
    try:
        source = ontology.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        source = ontology.name

    names = [name for name, _, _ in NAMESPACES]
    exported = sorted(["CAMEO", "DG", "PREFIXES", *names, *RDFLIB_REEXPORTS])
    out: list[str] = []
    out.append('"""The diplograph vocabulary as Python constants.')
    out.append("")
    out.append(f"Generated by tools/gen_vocab.py from {source}: do not edit by hand.")
    out.append(f"Ontology <{ONTOLOGY_IRI}>, version <{version}>.")
    out.append("Regenerate with ``python tools/gen_vocab.py`` after changing the ontology.")
    out.append('"""')
    out.append("")
    out.append("# ruff: noqa: E501, N815")
    out.append("")
    out.append("from typing import Final")
    out.append("")
    out.append("from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, XSD, DefinedNamespace, Namespace")
    out.append("from rdflib.term import URIRef")
    out.append("")
    out.append("__all__ = [")
    out.extend(f'    "{name}",' for name in exported)
    out.append("]")
    out.append("")
    for name, iri, what in NAMESPACES:
        out.append(f'{name}: Final = Namespace("{iri}")  # {what}')
    out.append("")
    out.append("PREFIXES: Final[dict[str, str]] = {")
    out.extend(f'    "{prefix}": "{iri}",' for prefix, iri in PREFIXES)
    out.append("}")
    out.append('"""Prefix -> namespace IRI, as in docs/DESIGN.md."""')
    out.append("")
    out.append("")
    out.append("class DG(DefinedNamespace):")
    out.append('    """')
    out.append(f"    {title}")
    if description:
        out.append("")
        out.append(f"    {description}")
    out.append("")
    out.append(f"    Generated from: {source}")
    out.append('    """')
    out.append("")
    out.append(f'    _NS = Namespace("{DG_NS}")')
    out.append("    _fail = True")
    out.append("")
    extras: list[tuple[str, str]] = []
    for name, comment in terms(graph):
        if name.isidentifier() and not keyword.iskeyword(name):
            out.append(f"    {name}: URIRef  # {comment}".rstrip())
        else:
            extras.append((name, comment))
    if extras:
        out.append("")
        out.append("    # Valid non-python identifiers")
        out.append("    _extras = [")
        out.extend(f'        "{name}",  # {comment}'.rstrip() for name, comment in extras)
        out.append("    ]")
    out.append("")
    out.append("")
    out.append("CAMEO: Final[dict[URIRef, str]] = {")
    out.extend(f'    DG.{name}: "{code}",' for name, code in cameo_codes(graph))
    out.append("}")
    out.append('"""Event class -> CAMEO code (dg:cameoCode)."""')
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--ontology", type=Path, default=ONTOLOGY, help="ontology Turtle file")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="Python file to write")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="exit 1 if the output file is stale")
    mode.add_argument("--stdout", action="store_true", help="print the module instead of writing it")
    args = parser.parse_args(argv)

    text = render(args.ontology)
    if args.stdout:
        sys.stdout.write(text)
        return 0
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is stale: run python tools/gen_vocab.py", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
