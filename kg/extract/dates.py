"""Dates in Indonesian news text, and the year when the text leaves it out.

``find_dates`` returns the date expressions of a sentence as raw parts; ``resolve_date`` turns one into a
:class:`kg.model.DateValue`, using the publication date when there is one and otherwise the years the text
itself gives ("28 tahun setelah ... 1996", a full date elsewhere) and the weekday ("Jumat, 21 Juni" is the
latest year, not after today, in which 21 June falls on a Friday). A date that cannot be resolved with
certainty is given to the precision the text supports, or not at all — never a wrong full date.

``find_relative_dates`` finds dates given by the date before them ("pada hari yang sama", "keesokan
harinya", "dua hari kemudian", "pada bulan yang sama"); ``resolve_relative`` resolves one against the
last date the text gave before it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kg.model import DateValue

MONTHS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "pebruari": 2,
    "maret": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "agustus": 8,
    "agu": 8,
    "agt": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "desember": 12,
    "des": 12,
}
WEEKDAYS = {
    "senin": 0,
    "selasa": 1,
    "rabu": 2,
    "kamis": 3,
    "jumat": 4,
    "jum'at": 4,
    "sabtu": 5,
    "minggu": 6,
    "ahad": 6,
}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)).replace("'", "['’]?") + r")"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_PATTERNS = (
    # "Jumat, 21 Juni 2024", "21 Juni", "Jumat (21/6)" forms, most specific first.
    re.compile(rf"\b(?:{_WEEKDAY}\s*,?\s*)?(?P<day>[0-3]?\d)\s+{_MONTH}(?:\s+{_YEAR})?\b", re.IGNORECASE),
    re.compile(
        rf"\b{_WEEKDAY}\s*\(\s*(?P<day>[0-3]?\d)\s*/\s*(?P<mon>[01]?\d)(?:\s*/\s*(?P<yy>\d{{2,4}}))?\s*\)",
        re.IGNORECASE,
    ),
    re.compile(rf"\b{_MONTH}\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b(?:pada|tahun|sejak|hingga|sampai|pada\s+tahun)\s+{_YEAR}\b", re.IGNORECASE),
    # "pada Agustus", "awal September": a month the publication date gives the year of
    re.compile(
        rf"\b(?:pada|sejak|hingga|sampai|awal|akhir|pertengahan)\s+(?:bulan\s+)?(?=(?-i:[A-Z])){_MONTH}\b(?!\s*\d)",
        re.IGNORECASE,
    ),
    re.compile(rf"\b(?:pada\s+(?:hari\s+)?)?{_WEEKDAY}\b(?P<ago>\s+lalu|\s+kemarin)?", re.IGNORECASE),
    # the day of writing: "hari ini", "pagi tadi", "tadi malam"; "kemarin" the day before it (after the
    # weekday pattern, which takes "Senin kemarin")
    re.compile(
        r"(?<![\w-])(?:(?P<today>(?:pada\s+)?hari\s+ini|(?:pagi|siang|sore|malam)\s+(?:tadi|ini)"
        r"|tadi\s+(?:pagi|siang|sore|malam))"
        r"|(?<!pekan\s)(?<!minggu\s)(?<!bulan\s)(?<!tahun\s)(?<!hari\s)(?P<yesterday>kemarin)(?!\s+lusa))(?![\w-])",
        re.IGNORECASE,
    ),
    # the year of writing and the years before it: "tahun ini", "tahun lalu", "setahun lalu", "dua tahun silam"
    re.compile(
        r"(?<![\w-])(?:(?P<thisyear>tahun\s+ini)"
        r"|(?:(?P<years>\d{1,2}|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh)\s+|(?P<a>se)"
        r"|(?<!puluhan\s)(?<!belasan\s)(?<!ratusan\s)(?<!beberapa\s)(?<!sekian\s)(?<!banyak\s)(?<![\d.,]\s))"
        r"tahun\s+(?:lalu|silam))(?![\w-])",  # not "puluhan tahun lalu", "beberapa tahun lalu", "100 tahun lalu"
        re.IGNORECASE,
    ),
)
_YEARS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
          "sembilan": 9, "sepuluh": 10}  # fmt: skip
_WITH_DIGITS = 4
"""The first four patterns need a digit (a day, a month number or a year): no use trying them on a
sentence without one."""
_DIGIT = re.compile(r"\d")
_ANCHOR = re.compile(
    r"\b(?P<n>\d{1,3})\s+tahun\s+(?:setelah|sejak|sesudah)\b[^.]*?\b(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A date expression as written: whichever of its parts the text gives."""

    start: int
    end: int
    day: int | None
    month: int | None
    year: int | None
    weekday: int | None
    ago: bool = False
    back: int | None = None
    """Days before the day of writing, for "hari ini" (0) and "kemarin" (1)."""
    years_back: int | None = None
    """Years before the year of writing, for "tahun ini" (0), "tahun lalu" (1), "dua tahun silam" (2)."""


def _expr(match: re.Match[str], offset: int) -> DateExpr | None:
    parts = match.groupdict()
    if parts.get("today") or parts.get("yesterday"):
        back = 0 if parts.get("today") else 1
        return DateExpr(offset + match.start(), offset + match.end(), None, None, None, None, back=back)
    if "thisyear" in parts:  # "tahun ini", "(se|dua )tahun lalu"
        written = (parts["years"] or "satu").lower()
        years = 0 if parts["thisyear"] else _YEARS.get(written) or int(written)
        return DateExpr(
            offset + match.start(), offset + match.end(), None, None, None, None, years_back=years
        )
    month = MONTHS[parts["month"].lower()] if parts.get("month") else None
    if parts.get("mon"):
        month = int(parts["mon"])
    year = int(parts["year"]) if parts.get("year") else None
    if parts.get("yy"):
        year = int(parts["yy"]) + (2000 if len(parts["yy"]) == 2 else 0)
    day = int(parts["day"]) if parts.get("day") else None
    weekday_word = (parts.get("weekday") or "").lower().replace("’", "'")
    weekday = WEEKDAYS.get(weekday_word)
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= 31:
        return None
    is_weekday_only = day is None and month is None and year is None
    if is_weekday_only and weekday is None:
        return None
    if is_weekday_only and not match.group(0)[0].isupper() and not match.group(0).lower().startswith("pada"):
        return None
    return DateExpr(
        offset + match.start(), offset + match.end(), day, month, year, weekday, bool(parts.get("ago"))
    )


def find_dates(text: str, start: int = 0, end: int | None = None) -> tuple[DateExpr, ...]:
    """Return the date expressions in ``text[start:end]``, offsets into ``text``, in order.

    >>> [(d.day, d.month, d.weekday) for d in find_dates("di Seoul, Jumat, 21 Juni.")]
    [(21, 6, 4)]
    >>> [(d.day, d.month) for d in find_dates("Rabu (19/6).")]
    [(19, 6)]
    """
    segment = text[start:end]
    found: list[DateExpr] = []
    taken: list[tuple[int, int]] = []
    digits = _DIGIT.search(segment) is not None
    for i, pattern in enumerate(_PATTERNS):
        if i < _WITH_DIGITS and not digits:  # two sentences in three have no digit
            continue
        for match in pattern.finditer(segment):
            expr = _expr(match, start)
            if expr is None or any(expr.start < e and s < expr.end for s, e in taken):
                continue
            found.append(expr)
            taken.append((expr.start, expr.end))
    return tuple(sorted(found, key=lambda d: d.start))


_COUNTS = {"se": 1, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7}
_RELATIVE = re.compile(
    r"(?<![\w-])(?:"
    r"(?:pada\s+)?(?P<same>hari|malam|pagi|siang|sore|bulan|tahun)\s+yang\s+sama(?!\s+dengan)"
    r"|pada\s+hari\s+itu|hari\s+itu\s+juga"
    r"|(?P<next>keesokan\s+harinya)"
    r"|(?P<n>\d{1,2}|satu|dua|tiga|empat|lima|enam|tujuh|se)\s*(?P<unit>hari|pekan|minggu)\s+kemudian"
    r")(?![\w-])",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class RelativeDate:
    """A date given by the one before it: the same ``unit`` (day, month, year), or ``days`` after it."""

    start: int
    end: int
    unit: str
    days: int = 0
    anchor: tuple[str, ...] = ()
    """Stems of the words naming another event whose day this is ("hari yang sama dengan eksekusi")."""


_ANCHORED = re.compile(
    r"(?<![\w-])(?:(?:pada\s+)?(?:hari|malam|pagi|siang|sore)\s+yang\s+sama\s+dengan"
    r"|(?P<lag>(?:hanya\s+)?beberapa\s+jam|sesaat|tak\s+lama|tidak\s+lama|(?P<next>sehari|satu\s+hari))"
    r"\s+(?:setelah|sesudah|seusai|usai))"
    r"\s+(?P<anchor>[\w-]+(?:\s+[\w-]+){0,3})",
    re.IGNORECASE,
)
_ANCHOR_STOP = frozenset(
    {"di", "ke", "dari", "yang", "itu", "tersebut", "ini", "para", "dan", "oleh", "pada", "dengan", "untuk"}
)
_PREFIX = re.compile(r"^(?:peng|peny|pen|pem|pe|meng|meny|men|mem|me|di|ber|ter)(?=\w{4})")
_SUFFIX = re.compile(r"(?<=\w{4})(?:kan|an|i|nya)$")


def stem(word: str) -> str:
    """A crude Indonesian stem, enough to meet a noun and its verb: "pengumuman" and "mengumumkan" give
    "umum"; a capitalized name stays as written.

    >>> [stem(w) for w in ("pengumuman", "mengumumkan", "dieksekusi", "eksekusi", "Peskov")]
    ['umum', 'umum', 'eksekus', 'eksekus', 'Peskov']
    """
    if word[:1].isupper():
        return word
    return _SUFFIX.sub("", _PREFIX.sub("", word.lower()))


def _anchor_stems(phrase: str) -> tuple[str, ...]:
    words = []
    for word in re.findall(r"[\w-]+", phrase.split(",")[0]):
        if word.lower() not in _ANCHOR_STOP:  # "upacara di Kairo": the event and its place
            words.append(stem(word))
    return tuple(words)


def find_relative_dates(text: str, start: int = 0, end: int | None = None) -> tuple[RelativeDate, ...]:
    """The relative date expressions in ``text[start:end]``, offsets into ``text``, in order.

    >>> [(r.unit, r.days) for r in find_relative_dates("Pada hari yang sama, dan dua hari kemudian.")]
    [('day', 0), ('day', 2)]
    >>> find_relative_dates("Sehari-hari ia bekerja; bulan lalu ia pergi.")
    ()
    >>> [(r.unit, r.days) for r in find_relative_dates("Pada malam yang sama, Iran mengecam.")]
    [('day', 0)]
    >>> [r.anchor for r in find_relative_dates("Pada hari yang sama dengan pengumuman Peskov, Kyiv mengecam.")]
    [('umum', 'Peskov')]
    """
    found = []
    for m in _ANCHORED.finditer(text, start, len(text) if end is None else end):
        anchor = _anchor_stems(m.group("anchor"))
        if anchor:
            found.append(RelativeDate(m.start(), m.end(), "day", 1 if m.group("next") else 0, anchor))
    for m in _RELATIVE.finditer(text, start, len(text) if end is None else end):
        if m.group("same"):
            unit = {"bulan": "month", "tahun": "year"}.get(m.group("same").lower(), "day")
            found.append(RelativeDate(m.start(), m.end(), unit))
        elif m.group("next"):
            found.append(RelativeDate(m.start(), m.end(), "day", 1))
        elif m.group("n"):
            word = m.group("n").lower()
            n = int(word) if word.isdigit() else _COUNTS[word]
            per = 1 if m.group("unit").lower() == "hari" else 7
            found.append(RelativeDate(m.start(), m.end(), "day", n * per))
        else:
            found.append(RelativeDate(m.start(), m.end(), "day"))
    return tuple(sorted(found, key=lambda r: r.start))


def resolve_relative(rel: RelativeDate, previous: DateValue | None) -> DateValue | None:
    """The date ``rel`` names, from the last date before it; never more precise than that date.

    >>> resolve_relative(RelativeDate(0, 0, "day", 2), DateValue("2013-11-18"))
    DateValue(iso='2013-11-20')
    >>> resolve_relative(RelativeDate(0, 0, "day"), DateValue("2016-01"))
    DateValue(iso='2016-01')
    >>> resolve_relative(RelativeDate(0, 0, "day", 1), DateValue("2016-01")) is None
    True
    """
    if previous is None:
        return None
    if rel.days:
        if previous.precision != "day":
            return None
        return DateValue((dt.date.fromisoformat(previous.iso) + dt.timedelta(days=rel.days)).isoformat())
    width = {"day": 10, "month": 7, "year": 4}[rel.unit]
    return DateValue(previous.iso[:width])


def anchor_years(text: str) -> tuple[int, ...]:
    """Years the text itself establishes as "now": "28 tahun setelah ... 1996" gives 2024.

    >>> anchor_years("28 tahun setelah perjanjian itu dibatalkan pada 1996.")
    (2024,)
    """
    years = {int(m.group("year")) + int(m.group("n")) for m in _ANCHOR.finditer(text)}
    return tuple(sorted(years))


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year_for(
    expr: DateExpr, published: dt.date | None, anchors: tuple[int, ...], today: dt.date
) -> int | None:
    assert expr.month is not None and expr.day is not None
    if published is not None:
        candidate = _valid(published.year, expr.month, expr.day)
        if candidate is not None and candidate > published + dt.timedelta(days=31):
            return published.year - 1
        return published.year
    fits = [
        y
        for y in range(today.year, today.year - 60, -1)
        if (d := _valid(y, expr.month, expr.day)) is not None
        and d <= today
        and (expr.weekday is None or d.weekday() == expr.weekday)
    ]
    for year in sorted(anchors, reverse=True):
        if year in fits:
            return year
    if expr.weekday is not None and fits:
        return fits[0]
    return None


def resolve_date(
    expr: DateExpr, published: dt.date | None, anchors: tuple[int, ...], today: dt.date
) -> DateValue | None:
    """Turn a date expression into a date value, or ``None`` when its year cannot be known.

    >>> e = find_dates("Jumat, 21 Juni")[0]
    >>> resolve_date(e, None, (), dt.date(2026, 11, 27))
    DateValue(iso='2024-06-21')
    >>> resolve_date(find_dates("21 Juni")[0], None, (), dt.date(2026, 11, 27)) is None
    True
    >>> resolve_date(find_dates("pada Agustus")[0], dt.date(2020, 9, 16), (), dt.date(2026, 11, 27))
    DateValue(iso='2020-08')
    >>> resolve_date(find_dates("pada Desember")[0], dt.date(2020, 9, 16), (), dt.date(2026, 11, 27))
    DateValue(iso='2019-12')
    """
    if expr.back is not None:  # "hari ini", "kemarin": the day of writing, when known
        return DateValue((published - dt.timedelta(days=expr.back)).isoformat()) if published else None
    if expr.years_back is not None:  # "tahun lalu": the year before the year of writing, when known
        return DateValue(f"{published.year - expr.years_back:04d}") if published else None
    if expr.day is not None and expr.month is not None:
        year = expr.year if expr.year is not None else _year_for(expr, published, anchors, today)
        if year is None or _valid(year, expr.month, expr.day) is None:
            return DateValue(f"{expr.year:04d}-{expr.month:02d}") if expr.year is not None else None
        return DateValue(f"{year:04d}-{expr.month:02d}-{expr.day:02d}")
    if expr.month is not None and expr.year is not None:
        return DateValue(f"{expr.year:04d}-{expr.month:02d}")
    if expr.month is not None and expr.day is None and published is not None:  # "pada Agustus"
        year = published.year if expr.month <= published.month else published.year - 1
        return DateValue(f"{year:04d}-{expr.month:02d}")
    if expr.year is not None:
        return DateValue(f"{expr.year:04d}")
    if expr.weekday is not None and published is not None:
        back = (published.weekday() - expr.weekday) % 7
        if back == 0 and expr.ago:
            back = 7
        return DateValue((published - dt.timedelta(days=back)).isoformat())
    return None


def nearest_weekday(expr: DateExpr, day: dt.date) -> DateValue:
    """A weekday written alone ("Senin"), in an article that gives no day of writing: the day of that
    weekday nearest to ``day``, the latest day the text dates in full (a news text dates the days of its
    own week by their weekday; the latest date it gives may be a day or two before or after the day it
    reports). "Senin lalu" is the one before.

    >>> nearest_weekday(find_dates("Senin")[0], dt.date(2019, 4, 27))  # a Saturday: the Monday after
    DateValue(iso='2019-04-29')
    >>> nearest_weekday(find_dates("Kamis")[0], dt.date(2013, 11, 23))  # a Saturday: the Thursday before
    DateValue(iso='2013-11-21')
    >>> nearest_weekday(find_dates("Senin lalu")[0], dt.date(2019, 4, 27))
    DateValue(iso='2019-04-22')
    """
    assert expr.weekday is not None
    ahead = (expr.weekday - day.weekday()) % 7
    shift = -((day.weekday() - expr.weekday) % 7 or 7) if expr.ago else (ahead if ahead <= 3 else ahead - 7)
    return DateValue((day + dt.timedelta(days=shift)).isoformat())


_URL_DAY = re.compile(
    r"/(?P<year>(?:19|20)\d\d)(?:/(?P<m1>[01]\d)/(?P<d1>[0-3]\d)|(?P<m2>[01]\d)(?P<d2>[0-3]\d))(?=[/_.-]|$)"
)


def url_day(url: str | None, today: dt.date) -> dt.date | None:
    """The day a news address gives ("/2018/03/13/", "/read/20131124/"), for an article whose sidecar
    has no publication date: news sites put the day of publication in the path. ``None`` when the path
    has no valid day, or one after ``today``.

    >>> url_day("https://example.org/read/20131124/19/188396/judul", dt.date(2026, 1, 1))
    datetime.date(2013, 11, 24)
    >>> url_day("https://example.org/amp/2018/03/13/337/1871972/judul", dt.date(2026, 1, 1))
    datetime.date(2018, 3, 13)
    >>> url_day("https://example.org/2018/12/judul/", dt.date(2026, 1, 1)) is None  # a month only
    True
    >>> url_day("https://example.org/berita/20131340/x", dt.date(2026, 1, 1)) is None
    True
    """
    for m in _URL_DAY.finditer(url or ""):
        month, day = m.group("m1") or m.group("m2"), m.group("d1") or m.group("d2")
        found = _valid(int(m.group("year")), int(month), int(day))
        if found is not None and found <= today:
            return found
    return None
