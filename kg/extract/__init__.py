"""Extraction: an article's text to a :class:`kg.model.Extraction` (frozen records, no RDF).

The stages, composed in :mod:`kg.extract.pipeline`: :mod:`~kg.extract.body` (the article body),
:mod:`~kg.extract.sentences`, :mod:`~kg.extract.mentions` (states, organizations, titles, quotes),
:mod:`~kg.extract.entities` (officials and what they serve), :mod:`~kg.extract.dates`,
:mod:`~kg.extract.clauses`, :mod:`~kg.extract.treaties` and :mod:`~kg.extract.events`.

May import: the foundation (:mod:`kg.errors`, :mod:`kg.model`, :mod:`kg.workers`) and the lexicons
(:mod:`kg.lexicon`). Nothing of :mod:`kg.rdf`, :mod:`kg.store` or :mod:`kg.view`: an extraction knows no
triples.
"""
