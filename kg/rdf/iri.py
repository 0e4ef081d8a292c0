"""The one function that mints IRIs for resources, and checks them.

rdflib accepts a newline or a relative IRI in a ``URIRef`` silently; ``pyoxigraph.NamedNode`` does not.
Every resource IRI is built here from path segments, each percent-encoded, under the ``dgr:`` base, and
checked by pyoxigraph before it is used.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import quote

import pyoxigraph
from rdflib import URIRef

BASE = "https://w3id.org/diplograph/id/"
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f]")


def check_iri(iri: str) -> URIRef:
    """Return ``iri`` as a URIRef if it is an absolute IRI, else raise ``ValueError``.

    >>> check_iri("https://w3id.org/diplograph/id/state/KR")
    rdflib.term.URIRef('https://w3id.org/diplograph/id/state/KR')
    >>> check_iri("relative/path")
    Traceback (most recent call last):
    ...
    ValueError: not an absolute IRI: 'relative/path'
    """
    try:
        pyoxigraph.NamedNode(iri)
    except ValueError:
        raise ValueError(f"not an absolute IRI: {iri!r}") from None
    if _SPACE_OR_CONTROL.search(iri) or ":" not in iri:
        raise ValueError(f"not an absolute IRI: {iri!r}")
    return URIRef(iri)


@functools.lru_cache(maxsize=8192)
def mint(*segments: str, fragment: str | None = None) -> URIRef:
    """Mint the IRI of a resource from its path segments (each percent-encoded).

    >>> mint("person", "retno lp-marsudi")
    rdflib.term.URIRef('https://w3id.org/diplograph/id/person/retno%20lp-marsudi')
    >>> mint("article", "x", fragment="char=0,5")
    rdflib.term.URIRef('https://w3id.org/diplograph/id/article/x#char=0,5')
    """
    if not segments or any(not s for s in segments):
        raise ValueError(f"empty IRI segment in {segments!r}")
    path = "/".join(quote(s, safe="-._~") for s in segments)
    tail = f"#{quote(fragment, safe='=,-._~')}" if fragment is not None else ""
    return check_iri(BASE + path + tail)
