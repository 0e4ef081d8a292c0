"""The pipeline: article text in, :class:`kg.model.Extraction` out. Composes the stages; no I/O.

body -> sentences -> mentions -> entities -> dates -> treaties -> events.
"""

from __future__ import annotations

import datetime as dt
import re

from kg.extract.body import find_body
from kg.extract.dates import (
    DateExpr,
    RelativeDate,
    anchor_years,
    find_dates,
    find_relative_dates,
    nearest_weekday,
    resolve_date,
    resolve_relative,
    stem,
    url_day,
)
from kg.extract.entities import resolve_entities
from kg.extract.events import extract_events, topics
from kg.extract.mentions import find_mentions
from kg.extract.sentences import split_sentences
from kg.extract.treaties import LEDE, find_treaties
from kg.lexicon.resources import Resources
from kg.model import Article, DatedSentence, DateValue, Extraction, Sentence


class _Anchors:
    """ "Pada hari yang sama dengan eksekusi", "beberapa jam setelah upacara di Kairo": the day of the
    nearest earlier sentence that names the event (a word of the same stem, or the same name) and
    happens on a known day.

    The sentences are read once each, the first time a later sentence asks (an index from each stem to
    the last sentence on a known day that has it), instead of reading every earlier sentence again for
    each such date: quadratic in a long article (issue #18)."""

    def __init__(self, text: str, sentences: tuple[Sentence, ...], in_force: list[DateValue | None]) -> None:
        self.text, self.sentences, self.in_force = text, sentences, in_force
        self.read = 0  # the sentences before this one are in ``last``
        self.last: dict[str, int] = {}  # stem -> the last sentence read that has it and a known day

    def day(self, rel: RelativeDate, index: int) -> DateValue | None:
        """The day of ``rel``, in sentence ``index``, from the sentences before it."""
        for s in self.sentences[self.read : index]:
            if self.in_force[s.index] is not None:
                for w in re.findall(r"[\w-]+", self.text[s.start : s.end]):
                    self.last[stem(w)] = s.index
        self.read = max(self.read, index)
        found = [self.last[w] for w in set(rel.anchor) if w in self.last]
        if not found:
            return None
        day = self.in_force[max(found)]
        assert day is not None
        return resolve_relative(RelativeDate(rel.start, rel.end, "day", rel.days), day)


def _latest_day(exprs: list[DateExpr], anchors: tuple[int, ...], today: dt.date) -> dt.date | None:
    """For an article without a publication date: the latest day its text dates in full ("Selasa, 15
    September 2020", or "Selasa (8/5)" whose weekday fixes the year), the best guess of when it was
    written. Dates without a year ("17 Juli", "pada Agustus") take their year from it."""
    days = []
    for expr in exprs:
        if expr.day is None or (expr.year is None and expr.weekday is None):
            continue
        value = resolve_date(expr, None, anchors, today)
        if value is not None and value.precision == "day":
            days.append(dt.date.fromisoformat(value.iso))
    return max(days) if days else None


def _dated(article: Article, sentences: tuple[Sentence, ...], today: dt.date) -> dict[int, DatedSentence]:
    """Each sentence's dates, resolved. A relative date ("pada hari yang sama", "dua hari kemudian")
    counts from the date before it in its sentence, else from the first date of the last sentence that
    gave a current one: the main clause's date comes first ("memanggil Dubes China pada Senin untuk
    memprotes serangan ... pada hari Minggu"), and background years ("perjanjian 1960") are not what
    "the same day" means in the news of today. Current: within a year before the publication date (or
    the text's first date)."""
    body = " ".join(article.text[s.start : s.end] for s in sentences)
    anchors = anchor_years(body)
    exprs = [find_dates(article.text, s.start, s.end) for s in sentences]
    published = article.published or url_day(article.url, today)
    now = published or _latest_day([e for found in exprs for e in found], anchors, today)
    dated: dict[int, DatedSentence] = {}
    main = published.year if published is not None else None
    last: DateValue | None = None
    in_force: list[DateValue | None] = []  # the day each sentence happens on, when known
    anchors_of = _Anchors(article.text, sentences, in_force)
    for s, dates in zip(sentences, exprs, strict=True):
        values: list[tuple[int, int, DateValue]] = []
        found: list[DateExpr | RelativeDate] = [
            *dates,
            *find_relative_dates(article.text, s.start, s.end),
        ]
        for expr in sorted(found, key=lambda e: e.start):
            if isinstance(expr, RelativeDate) and expr.anchor:
                value = anchors_of.day(expr, s.index)
            elif isinstance(expr, RelativeDate):
                value = resolve_relative(expr, values[-1][2] if values else last)
            elif published is None and expr.day is None and expr.weekday is not None and now is not None:
                value = nearest_weekday(expr, now)  # "Senin": the week of the latest day the text dates
            elif published is None and expr.year is None and expr.weekday is None:
                value = resolve_date(expr, now, anchors, today)  # "17 Juli", "pada Agustus": the text's year
            else:
                value = resolve_date(expr, published, anchors, today)
            if value is not None:
                values.append((expr.start, expr.end, value))
        if main is None and values:
            main = int(values[0][2].iso[:4])
        current = [v for _, _, v in values if main is not None and main - 1 <= int(v.iso[:4]) <= main]
        if current:
            last = current[0]
        days = [v for _, _, v in values if v.precision == "day"]
        in_force.append(days[0] if days else last if last is not None and last.precision == "day" else None)
        dated[s.index] = DatedSentence(tuple(values))
    return dated


def _news_day(
    article: Article, sentences: tuple[Sentence, ...], dated: dict[int, DatedSentence], today: dt.date
) -> DateValue | None:
    """The day an article reports: the first full date of its lede ("... pada Selasa kemarin"), else its
    publication day (the sidecar's, else its address's)."""
    for s in sentences[:LEDE]:
        day = next((v for _, _, v in dated[s.index].dates if v.precision == "day"), None)
        if day is not None:
            return day
    published = article.published or url_day(article.url, today)
    return DateValue(published.isoformat()) if published is not None else None


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
        _news_day(article, sentences, dated, today),
    )
    events, unasserted = extract_events(
        text, sentences, entities, treaties, dated, resources.triggers, resources.modality
    )
    return Extraction(
        article=article,
        sentences=sentences,
        states=entities.states,
        officials=entities.officials,
        organizations=entities.organizations,
        places=entities.places,
        treaties=treaties,
        topics=topics((*events, *unasserted)),
        events=events,
        unasserted=unasserted,
    )
