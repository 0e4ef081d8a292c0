"""Views for people and tools: the interactive HTML page (:mod:`~kg.view.html`, with its assets in
``kg/view/templates``) and the GraphML / GEXF network exports (:mod:`~kg.view.netexport`). Both take
triples (an rdflib ``Graph`` or a set of triples), however they were read.

May import: the foundation (:mod:`kg.errors`, :mod:`kg.model`, :mod:`kg.workers`), the lexicons,
:mod:`kg.rdf` and :mod:`kg.store`. Nothing of :mod:`kg.extract`.
"""
