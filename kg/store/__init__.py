"""Stores: many article graphs together, and the queries over them.

From the bottom up: :mod:`~kg.store.graphfiles` (graph files: formats, named graphs, quads, syntax
errors), :mod:`~kg.store.merge` (article graphs into one dataset, a named graph each),
:mod:`~kg.store.marker` (the mark of a store kg keeps), :mod:`~kg.store.queries` (the
named queries, loading graph files, running and formatting queries), :mod:`~kg.store.views` (the named
queries' rows kept beside a persistent store), :mod:`~kg.store.embedded` (the embedded pyoxigraph store,
in memory or on disk), :mod:`~kg.store.remote` (SPARQL stores over HTTP: the HTTP layer and pushing
graphs) and :mod:`~kg.store.endpoint` (querying them). Each imports only the ones before it.

May import: the foundation (:mod:`kg.errors`, :mod:`kg.model`, :mod:`kg.workers`), the lexicons and
:mod:`kg.rdf`. Nothing of :mod:`kg.extract` or :mod:`kg.view`.
"""
