"""The pipeline: article text in, :class:`kg.model.Extraction` out. Composes the stages; no I/O.

body -> sentences -> mentions -> entities -> dates -> treaties -> events.
"""

from __future__ import annotations

import datetime as dt

from kg.body import find_body
from kg.dates import anchor_years, find_dates, resolve_date
from kg.entities import resolve_entities
from kg.events import extract_events, topics
from kg.mentions import find_mentions
from kg.model import Article, Extraction, Sentence
from kg.resources import Resources
from kg.sentences import split_sentences
from kg.treaties import DatedSentence, find_treaties


def _dated(article: Article, sentences: tuple[Sentence, ...], today: dt.date) -> dict[int, DatedSentence]:
    body = " ".join(article.text[s.start : s.end] for s in sentences)
    anchors = anchor_years(body)
    dated: dict[int, DatedSentence] = {}
    for s in sentences:
        values = []
        for expr in find_dates(article.text, s.start, s.end):
            value = resolve_date(expr, article.published, anchors, today)
            if value is not None:
                values.append((expr.start, expr.end, value))
        dated[s.index] = DatedSentence(tuple(values))
    return dated


def process(article: Article, resources: Resources, today: dt.date) -> Extraction:
    """Run every stage over one article.

    ``today`` bounds the year inferred for a date written without one.
    """
    text = article.text
    sentences = split_sentences(text, find_body(text), resources.abbreviations)
    mentions = find_mentions(text, sentences, resources)
    entities = resolve_entities(text, sentences, mentions, resources)
    dated = _dated(article, sentences, today)
    treaties = find_treaties(
        text,
        sentences,
        entities,
        dated,
        resources.treaty_re,
        resources.treaty_nouns,
        resources.treaty_kinds,
        resources.treaty_anaphors,
    )
    events = extract_events(text, sentences, entities, treaties, dated, resources.triggers)
    return Extraction(
        article=article,
        sentences=sentences,
        states=entities.states,
        officials=entities.officials,
        organizations=entities.organizations,
        places=entities.places,
        treaties=treaties,
        topics=topics(events),
        events=events,
    )
