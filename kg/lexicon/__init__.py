"""The lexicons: the packaged data files of ``kg/data`` (states, organizations, people, titles of office,
trigger words, the markers of an act's modality, treaty words, labels), loaded, checked and compiled once into a
:class:`kg.lexicon.resources.Resources` (:func:`kg.lexicon.resources.load_resources`).

A floor of its own because two layers read it: extraction (:mod:`kg.extract`) matches text with it, and
the writer (:mod:`kg.rdf.graph`) takes the English and Indonesian labels and Wikidata links from it.

May import: the foundation only (:mod:`kg.errors`, :mod:`kg.model`, :mod:`kg.workers`).
"""
