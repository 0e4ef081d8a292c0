"""RDF: a :class:`kg.model.Extraction` to triples, and what is done with triples without a store.

:mod:`~kg.rdf.graph` is the one writer of triples (IRIs minted by :mod:`~kg.rdf.iri`, terms from the
generated :mod:`~kg.rdf.vocab`); :mod:`~kg.rdf.export` writes the serializations (and files atomically);
:mod:`~kg.rdf.validation` checks a graph against the ontology's shapes (:mod:`~kg.rdf.shacl` compiles
them, :mod:`~kg.rdf.terms` keeps one object per term).

May import: the foundation (:mod:`kg.errors`, :mod:`kg.model`, :mod:`kg.workers`) and the lexicons
(:mod:`kg.lexicon`, for labels). It reads extraction's records only through :mod:`kg.model`: nothing of
:mod:`kg.extract`, :mod:`kg.store` or :mod:`kg.view`.
"""
