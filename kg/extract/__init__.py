"""Extraction: an article's text to a :class:`kg.model.Extraction` (frozen records, no RDF).

The stages, composed in :mod:`kg.extract.pipeline`, each module importing only those before it:

- :mod:`~kg.extract.body` (the article body) and :mod:`~kg.extract.sentences`;
- mentions: :mod:`~kg.extract.surfaces` (the lexicon at one position), :mod:`~kg.extract.titles` (titles
  of office and the names after them), :mod:`~kg.extract.mentions` (states, places, organizations,
  pronouns, datelines; all of an article's mentions);
- entities: :mod:`~kg.extract.people` (one official per person), :mod:`~kg.extract.entities` (what the
  officials serve, organizations, places, the agents in text order);
- :mod:`~kg.extract.dates` and :mod:`~kg.extract.clauses` (subjects and objects of a clause);
- treaties: :mod:`~kg.extract.treaty_phrases` (one treaty phrase read), :mod:`~kg.extract.treaties` (the
  phrases grouped into treaties);
- events: :mod:`~kg.extract.frames` (a trigger's frame), :mod:`~kg.extract.protests` and
  :mod:`~kg.extract.acts` (the readers of each event type), :mod:`~kg.extract.modality` (whether an act
  is done or only planned, conditional, requested, threatened or denied), :mod:`~kg.extract.events` (the
  triggers of each sentence, and the article's events assembled).

May import: the foundation (:mod:`kg.errors`, :mod:`kg.model`, :mod:`kg.workers`) and the lexicons
(:mod:`kg.lexicon`). Nothing of :mod:`kg.rdf`, :mod:`kg.store` or :mod:`kg.view`: an extraction knows no
triples.
"""
