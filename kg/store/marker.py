"""The mark of a store kg keeps: the empty named graph ``STORE_MARKER`` says that kg keeps the store's
default graph as the de-duplicated union of its named graphs (:mod:`kg.store.embedded`).

Its own module, below both :mod:`kg.store.queries` (which asks :func:`keeps_union` to know whether a
query runs over the default graph) and :mod:`kg.store.embedded` (which sets the mark), so that neither
imports the other upward.
"""

from __future__ import annotations

import pyoxigraph as ox

STORE_MARKER = "https://w3id.org/diplograph/id/store#default-graph-is-the-union"
"""An empty named graph: kg keeps this store's default graph as the union of its named graphs."""
_MARKER = ox.NamedNode(STORE_MARKER)


def keeps_union(store: ox.Store) -> bool:
    """Whether kg keeps ``store``'s default graph as the union of its named graphs."""
    return store.contains_named_graph(_MARKER)
