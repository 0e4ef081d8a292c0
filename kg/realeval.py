"""Scoring against the hand-made YAML gold of real articles (``../shared/corpus-real``): ``rNN.txt`` with
its sidecar ``rNN.json`` and its gold ``rNN.yaml``.

The scoring is that of the corpus's own ``score.py`` (the scorer of the hidden evaluation), run in this
process: each article is built as ``kg build`` builds it (the same triples, validated, written as
Turtle), the Turtle is loaded as ``kg query`` loads it, and the named queries ``states``, ``officials``,
``treaties`` and ``protests`` give the rows that are compared with the gold. Only that public contract
is read (and, for the treaties' status, which no named query has a column for, the graph's
``dg:status``). So the four micro-averaged P/R/F1 are score.py's; ``tests/test_real_corpus.py`` checks
that they are.

Matching, per article (as score.py):
- states: the set of ISO codes; an optional gold state found counts neither way;
- officials: one predicted row per distinct name (its words as a set, after folding old spellings:
  oe→u, dj→j, tj→c, sj→sy, nj→ny); a row matches a gold official with the same words, or sharing two
  words, or sharing the one word of a one-word name; required gold items are matched first;
- treaties: by the set of ISO parties and the same year where both have a date; a gold treaty without
  state parties by the words (of 4 letters or more) of its name in the row's label;
- protests: the set of (protester, target) pairs of the rows against the gold's.
A predicted item that matches an optional gold item (a ``# uncertain`` comment) counts neither way.

Detail beyond score.py, on the matched items: the officials' state (as score.py) and role (the gold
role's words and the post's, compared loosely: one set holds the other, the words that make another
post — vice, deputy, former, state, ... — the same in both); the treaties' date (the same text) and
status; the protests' date (as score.py) and form; every miss and false hit per article.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import InputError
from kg.evaluation import select
from kg.lexicon.resources import Resources

if TYPE_CHECKING:
    from rdflib import Graph

CONTRACT = ("states", "officials", "treaties", "protests")
SIDECAR_KEPT = ("published", "url", "language", "source", "title")  # what score.py hands to kg build
OLD_SPELLING = (("oe", "u"), ("dj", "j"), ("tj", "c"), ("sj", "sy"), ("nj", "ny"))
_UNCERTAIN = re.compile(r"^(\s*- \{.*)\}(\s*#\s*uncertain.*)$")
Row = dict[str, str]
Gold = dict[str, Any]


# ------------------------------------------------------------------------------------------ gold


def load_gold(path: Path) -> Gold:
    """A gold file; a one-line flow item whose trailing comment says ``uncertain`` gets
    ``optional: true`` (score.py's rule, line by line)."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read gold file: {exc}") from None
    lines = []
    for line in text.splitlines():
        m = _UNCERTAIN.match(line)
        lines.append(m.group(1) + ", optional: true}" if m else line)
    try:
        gold = yaml.safe_load("\n".join(lines))
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: cannot read gold file: {' '.join(str(exc).split())}") from None
    if gold is None:
        return {}
    if not isinstance(gold, dict):
        raise InputError(f"{path}: gold file must be a mapping of categories")
    for category in CONTRACT:
        items = gold.get(category) or []
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise InputError(f"{path}: {category}: must be a list of mappings")
    return gold


# ------------------------------------------------------------------------------------ the contract


@dataclass(slots=True)
class Built:
    """One article's rows of the named queries (or why its build failed)."""

    rows: dict[str, list[Row]] = field(default_factory=dict)
    status: dict[str, list[str]] = field(default_factory=dict)  # treaty IRI -> dg:status local names
    error: str | None = None


_STATUS_QUERY = """PREFIX dg: <https://w3id.org/diplograph/ontology#>
SELECT ?treaty ?status WHERE { ?treaty a dg:Treaty ; dg:status ?status }"""


def contract_rows(source: Path, resources: Resources, today: dt.date, shapes: tuple[Graph, Graph]) -> Built:
    """Build ``source`` as score.py has ``kg build`` build it (the text and the sidecar's kept keys,
    copied to a folder of their own; validated), load the Turtle as ``kg query`` does and run the
    named queries. A build that fails gives ``error`` and no rows."""
    from kg.build import article_triples, check_graph
    from kg.errors import KgError
    from kg.rdf.export import serialize
    from kg.rdf.iri import mint
    from kg.store.embedded import load_files, open_store
    from kg.store.queries import iter_store_query, named_query

    with tempfile.TemporaryDirectory(prefix="kg-eval-") as work:
        folder = Path(work)
        article = folder / f"{source.stem}.txt"
        shutil.copyfile(source, article)
        for sidecar in (source.with_suffix(".json"), source.with_suffix(".meta.json")):  # the last wins
            if not sidecar.is_file():
                continue
            try:
                meta = json.loads(sidecar.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise InputError(f"{sidecar}: cannot read the sidecar: {exc}") from None
            if not isinstance(meta, dict):
                raise InputError(f"{sidecar}: sidecar must be a JSON object")
            kept = {k: meta[k] for k in SIDECAR_KEPT if meta.get(k)}
            article.with_suffix(".json").write_text(json.dumps(kept), encoding="utf-8")
        try:
            triples = article_triples(article, resources, today)
            check_graph(triples, str(article), shapes)
        except KgError as exc:  # kg build's own error: exit 1 or 2
            return Built(error=f"build failed: {' '.join(str(exc).split())[:400]}")
        except Exception as exc:  # an internal error (kg build's exit 3) fails the build for score.py too
            return Built(error=f"build failed: internal error: {type(exc).__name__}: {exc}"[:400])
        ttl = folder / f"{source.stem}.ttl"
        ttl.write_bytes(serialize(triples, "ttl", mint("graph", source.stem)))
        store = open_store(None)
        load_files(store, [ttl], atomic=False)
        built = Built()
        for name in CONTRACT:
            columns, rows = iter_store_query(store, named_query(name))
            built.rows[name] = [dict(zip(columns, row, strict=True)) for row in rows]
        for treaty, status in iter_store_query(store, _STATUS_QUERY)[1]:
            built.status.setdefault(treaty, []).append(status.rsplit("#", 1)[-1])
        return built


# ------------------------------------------------------------------------------ score.py's matching


def norm_tokens(name: str | None) -> list[str]:
    """The words of a name: ASCII, lower case, old spellings folded."""
    s = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    for old, new in OLD_SPELLING:
        s = s.replace(old, new)
    return [t for t in re.split(r"[^a-z0-9]+", s) if t]


def same_person(a: str, b: str) -> bool:
    """Same words, or two shared words, or the one word of a one-word name shared."""
    wa, wb = set(norm_tokens(a)), set(norm_tokens(b))
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    inter = wa & wb
    need = min(2, len(wa), len(wb))
    return len(inter) >= need and (len(inter) >= 2 or len(wa) == 1 or len(wb) == 1)


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, Any]:
    """Precision, recall and F1 rounded to 3 places, with the counts."""
    p = tp / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "tp": tp, "pred": n_pred, "gold": n_gold}


def split_multi(cell: str | None) -> list[str]:
    """The values of a multi-valued cell."""
    return [x.strip() for x in re.split(r"\s*;\s*", cell or "") if x.strip()]


def greedy_match(
    gold: list[Gold], pred: list[Row], ok: Callable[[Gold, Row], bool]
) -> tuple[int, list[tuple[Gold, Row]], int, int]:
    """Required gold items first, then optional ones, each to the first free row it matches: the true
    positives, the pairs, the predictions counted (those matching an optional item are not) and the
    required gold items."""
    used: set[int] = set()
    tp, absorbed = 0, 0
    pairs: list[tuple[Gold, Row]] = []
    for g in sorted(gold, key=lambda g: bool(g.get("optional"))):
        for pi, p in enumerate(pred):
            if pi not in used and ok(g, p):
                used.add(pi)
                pairs.append((g, p))
                if g.get("optional"):
                    absorbed += 1
                else:
                    tp += 1
                break
    n_req = sum(1 for g in gold if not g.get("optional"))
    return tp, pairs, len(pred) - absorbed, n_req


def _required(items: list[Gold]) -> int:
    return sum(1 for g in items if not g.get("optional"))


def _items(gold: Gold, category: str) -> list[Gold]:
    return list(gold.get(category) or [])


def _pair_key(g: Gold) -> tuple[str, str]:
    return ((g.get("protester") or "").upper(), (g.get("against_state") or "").upper())


def _row_pair(p: Row) -> tuple[str, str]:
    return ((p.get("protester") or "").strip().upper(), (p.get("target") or "").strip().upper())


# -------------------------------------------------------------------------------- the detail's rules

_STOP = frozenset({"of", "the", "for", "to", "and", "a", "an", "on", "in", "at", "affairs"})
_DISTINCT = frozenset(
    {"vice", "deputy", "former", "acting", "state", "coordinating", "special", "senior", "junior", "elect"}
)
_SAME_WORD = {"spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesperson": "spokesperson"}


def _role_words(text: str) -> set[str]:
    return {_SAME_WORD.get(w, w) for w in norm_tokens(text) if w not in _STOP}


def same_role(gold: str, post: str) -> bool:
    """The gold role and one post agree loosely: one's words hold the other's (without "of", "the",
    "affairs" ...), and the words that make another post (vice, deputy, former, state, ...) agree."""
    g = _role_words(gold)
    for one in split_multi(post):
        p = _role_words(one)
        if g and p and (g <= p or p <= g) and g & _DISTINCT == p & _DISTINCT:
            return True
    return False


_FORMS = {
    "protest note": "note",
    "diplomatic note": "note",
    "recall of ambassador": "recall",
    "condemnation": "statement",
    "complaint": "statement",
}
_FORM_WORDS = ("note", "summons", "recall", "expulsion", "statement", "demand")


def protest_form(label: str) -> str:
    """The gold's form word for a form label of the protests query (or its local name)."""
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", label.removeprefix("Form")).strip().lower()
    if text in _FORMS:
        return _FORMS[text]
    return next((w for w in _FORM_WORDS if w in text.split()), text)


_STATUSES = {"annulled": "cancelled", "withdrawn": "cancelled", "force": "in-force"}


def treaty_status(local_name: str) -> str:
    """The gold's status word for a ``dg:Status...`` local name (``StatusInForce`` -> ``in-force``)."""
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local_name.removeprefix("Status")).lower().split()
    text = "-".join(words)
    return _STATUSES.get(text, text)


# ---------------------------------------------------------------------------------------- scoring


def _failed(gold: Gold, error: str) -> dict[str, Any]:
    """A failed build misses every required gold item."""
    res: dict[str, Any] = {"error": error}
    for cat in ("states", "officials", "treaties"):
        res[cat] = prf(0, 0, _required(_items(gold, cat))) | {"error": "build failed"}
    pairs = {_pair_key(g) for g in _items(gold, "protests") if not g.get("optional")}
    res["protests"] = prf(0, 0, len(pairs)) | {"error": "build failed"}
    return res


def _score_states(gold: Gold, rows: list[Row]) -> dict[str, Any]:
    pred = {(x.get("iso") or "").strip().upper() for x in rows} - {""}
    items = _items(gold, "states")
    g = {s["iso"].upper() for s in items if not s.get("optional")}
    opt = {s["iso"].upper() for s in items if s.get("optional")}
    counted = pred - (opt - g)
    return prf(len(counted & g), len(counted), len(g)) | {
        "missing": sorted(g - pred),
        "extra": sorted(counted - g),
    }


def _score_officials(gold: Gold, rows: list[Row]) -> dict[str, Any]:
    items = _items(gold, "officials")
    names: list[Row] = []  # one row per distinct name
    for x in rows:
        if x.get("name") and not any(
            set(norm_tokens(x["name"])) == set(norm_tokens(n["name"])) for n in names
        ):
            names.append(x)
    tp, pairs, n_pred, n_gold = greedy_match(items, names, lambda g, p: same_person(g["name"], p["name"]))
    state_ok = sum(
        1 for g, p in pairs if (p.get("state") or "").strip().upper() == (g.get("state") or "").upper()
    )
    roles = [(g, p) for g, p in pairs if g.get("role")]
    role_ok = sum(1 for g, p in roles if same_role(str(g["role"]), p.get("post") or ""))
    wrong = [
        f"{g['name']}: state gold {g.get('state')!r}, found {p.get('state')!r}"
        for g, p in pairs
        if (p.get("state") or "").strip().upper() != (g.get("state") or "").upper()
    ] + [
        f"{g['name']}: role gold {g['role']!r}, found {p.get('post')!r}"
        for g, p in roles
        if not same_role(str(g["role"]), p.get("post") or "")
    ]
    return prf(tp, n_pred, n_gold) | {
        "state_ok": state_ok,
        "matched": len(pairs),
        "role_ok": role_ok,
        "roled": len(roles),
        "missing": [g["name"] for g in items if not g.get("optional") and not any(g is a for a, _ in pairs)],
        "extra": [p["name"] for p in names if not any(p is b for _, b in pairs)],
        "wrong": wrong,
    }


def _treaty_ok(g: Gold, p: Row) -> bool:
    gp = {x.upper() for x in g.get("parties") or [] if re.fullmatch(r"[A-Za-z]{2}", x)}
    pp = {x.upper() for x in split_multi(p.get("parties")) if re.fullmatch(r"[A-Za-z]{2}", x)}
    if not gp:
        gw = {t for t in norm_tokens(g.get("name")) if len(t) >= 4}
        return not pp and bool(gw & set(norm_tokens(p.get("label"))))
    if gp != pp:
        return False
    gd, pd = str(g.get("date") or ""), (p.get("date") or "").strip()
    return not gd or not pd or pd.startswith(gd[:4])


def _treaty_row(p: Row) -> str:
    return f"{p.get('label') or p.get('treaty')} [{p.get('parties') or ''}] {p.get('date') or ''}".strip()


def _score_treaties(gold: Gold, rows: list[Row], status: dict[str, list[str]]) -> dict[str, Any]:
    items = _items(gold, "treaties")
    tp, pairs, n_pred, n_gold = greedy_match(items, rows, _treaty_ok)
    dated = [(g, p) for g, p in pairs if g.get("date")]
    statused = [(g, p) for g, p in pairs if g.get("status")]

    def status_of(p: Row) -> list[str]:
        return sorted(treaty_status(s) for s in status.get(p.get("treaty") or "", []))

    wrong = [
        f"{g.get('name')}: date gold {str(g['date'])!r}, found {p.get('date')!r}"
        for g, p in dated
        if (p.get("date") or "").strip() != str(g["date"])
    ] + [
        f"{g.get('name')}: status gold {g['status']!r}, found {status_of(p)!r}"
        for g, p in statused
        if status_of(p) != [g["status"]]
    ]
    return prf(tp, n_pred, n_gold) | {
        "date_ok": sum(1 for g, p in dated if (p.get("date") or "").strip() == str(g["date"])),
        "dated": len(dated),
        "status_ok": sum(1 for g, p in statused if status_of(p) == [g["status"]]),
        "statused": len(statused),
        "missing": [
            str(g.get("name")) for g in items if not g.get("optional") and not any(g is a for a, _ in pairs)
        ],
        "extra": [_treaty_row(p) for p in rows if not any(p is b for _, b in pairs)],
        "wrong": wrong,
    }


def _score_protests(gold: Gold, rows: list[Row]) -> dict[str, Any]:
    items = _items(gold, "protests")
    req = {_pair_key(g) for g in items if not g.get("optional")}
    opt = {_pair_key(g) for g in items if g.get("optional")} - req
    pred = {_row_pair(p) for p in rows} - opt
    found = [g for g in items if not g.get("optional") and _pair_key(g) in pred]
    dated = [g for g in found if g.get("date")]
    formed = [g for g in found if g.get("form")]

    def of_pair(g: Gold) -> list[Row]:
        return [p for p in rows if _row_pair(p) == _pair_key(g)]

    def date_ok(g: Gold) -> bool:
        return any((p.get("date") or "").strip() == str(g["date"]) for p in of_pair(g))

    def form_ok(g: Gold) -> bool:
        return any(g["form"] in {protest_form(f) for f in split_multi(p.get("form"))} for p in of_pair(g))

    def pair(g: Gold) -> str:
        return "->".join(_pair_key(g))

    wrong = [
        f"{pair(g)} {g.get('form')}: date gold {str(g['date'])!r}, found {[p.get('date') for p in of_pair(g)]!r}"
        for g in dated
        if not date_ok(g)
    ] + [
        f"{pair(g)} {g.get('date')}: form gold {g['form']!r}, found {[p.get('form') for p in of_pair(g)]!r}"
        for g in formed
        if not form_ok(g)
    ]
    return prf(len(pred & req), len(pred), len(req)) | {
        "missing": sorted(map(list, req - pred)),
        "extra": sorted(map(list, pred - req)),
        "date_ok": sum(1 for g in dated if date_ok(g)),
        "dated": len(dated),
        "form_ok": sum(1 for g in formed if form_ok(g)),
        "formed": len(formed),
        "wrong": wrong,
    }


def score_built(gid: str, gold: Gold, built: Built) -> dict[str, Any]:
    """One article's result, as score.py's ``score_one`` gives it, with the detail added."""
    if built.error is not None:
        return {"id": gid} | _failed(gold, built.error)
    return {
        "id": gid,
        "states": _score_states(gold, built.rows["states"]),
        "officials": _score_officials(gold, built.rows["officials"]),
        "treaties": _score_treaties(gold, built.rows["treaties"], built.status),
        "protests": _score_protests(gold, built.rows["protests"]),
    }


_SHARES = {
    "officials.state": ("officials", "state_ok", "matched"),
    "officials.role": ("officials", "role_ok", "roled"),
    "treaties.date": ("treaties", "date_ok", "dated"),
    "treaties.status": ("treaties", "status_ok", "statused"),
    "protests.date": ("protests", "date_ok", "dated"),
    "protests.form": ("protests", "form_ok", "formed"),
}


def micro(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Micro-averaged totals over the articles (score.py's), and the shares of the detail."""
    tot: dict[str, Any] = {}
    for cat in CONTRACT:
        tp = sum(r.get(cat, {}).get("tp", 0) for r in results)
        pr = sum(r.get(cat, {}).get("pred", 0) for r in results)
        go = sum(r.get(cat, {}).get("gold", 0) for r in results)
        errs = sum(1 for r in results if "error" in r or "error" in r.get(cat, {}))
        tot[cat] = prf(tp, pr, go) | {"errors": errs}
    ok = sum(r.get("officials", {}).get("state_ok", 0) for r in results)
    m = sum(r.get("officials", {}).get("matched", 0) for r in results)
    tot["officials"]["state_acc"] = round(ok / m, 3) if m else 0.0
    ok = sum(r.get("protests", {}).get("date_ok", 0) for r in results)
    m = sum(r.get("protests", {}).get("dated", 0) for r in results)
    tot["protests"]["date_acc"] = round(ok / m, 3) if m else 0.0
    shares: dict[str, dict[str, Any]] = {}
    for measure, (cat, right, of) in _SHARES.items():
        r_ = sum(r.get(cat, {}).get(right, 0) for r in results)
        n = sum(r.get(cat, {}).get(of, 0) for r in results)
        shares[measure] = {"right": r_, "of": n, "share": round(r_ / n, 3) if n else None}
    tot["accuracy"] = shares
    return tot


# ------------------------------------------------------------------------------------- the corpus


def gold_files(corpus: Path) -> list[Path]:
    """The YAML gold files of a real corpus, sorted."""
    return sorted(p for p in corpus.glob("*.yaml") if p.is_file())


def is_real_corpus(corpus: Path) -> bool:
    """Whether ``corpus`` is a folder of YAML gold files (and no ``*.gold.toml``)."""
    return corpus.is_dir() and bool(gold_files(corpus)) and not any(corpus.glob("*.gold.toml"))


def evaluate_real(
    corpus: Path, resources: Resources, today: dt.date, only: Sequence[str] = ()
) -> dict[str, Any]:
    """Score every article of a real corpus that has a YAML gold file (or those ``only`` names):
    ``{"articles": [...], "micro": {...}}`` as score.py's ``--json`` writes it, with the detail."""
    golds = {p.stem: p for p in gold_files(corpus)}
    if not golds:
        raise InputError(f"{corpus}: no gold files (*.yaml)")
    from kg.rdf.validation import load_ontology

    shapes = load_ontology()
    results = []
    for stem in select(sorted(golds), only, corpus):
        source = corpus / f"{stem}.txt"
        if not source.is_file():
            raise InputError(f"{golds[stem]}: no article {source.name} beside it")
        gold = load_gold(golds[stem])
        results.append(score_built(stem, gold, contract_rows(source, resources, today, shapes)))
    return {"articles": results, "micro": micro(results)}


def report_real(result: dict[str, Any], *, details: bool = True) -> str:
    """The scores as Markdown tables: per category (micro-averaged), the shares on matched items, then
    per article its F1s and, with ``details``, its misses, false hits and wrong values."""
    tot = result["micro"]
    lines = [
        f"Articles: {len(result['articles'])}",
        "",
        "| category | precision | recall | F1 | TP | predicted | gold | failed builds |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for cat in CONTRACT:
        t = tot[cat]
        lines.append(
            f"| {cat} | {t['p']:.3f} | {t['r']:.3f} | {t['f1']:.3f} | {t['tp']} | {t['pred']} | {t['gold']} "
            f"| {t['errors']} |"
        )
    lines += ["", "| accuracy on matched items | right | of | share |", "|---|---|---|---|"]
    for measure, s in tot["accuracy"].items():
        share = "—" if s["share"] is None else f"{s['share']:.3f}"
        lines.append(f"| {measure} | {s['right']} | {s['of']} | {share} |")
    lines += ["", "| article | states | officials | treaties | protests |", "|---|---|---|---|---|"]
    for r in result["articles"]:
        lines.append(f"| {r['id']} | " + " | ".join(f"{r[c]['f1']:.3f}" for c in CONTRACT) + " |")
    if details:
        for r in result["articles"]:
            lines += ["", f"## {r['id']}"]
            if "error" in r:
                lines.append(f"- {r['error']}")
                continue
            for cat in CONTRACT:
                c = r[cat]
                for kind, label in (("missing", "miss"), ("extra", "false hit"), ("wrong", "wrong")):
                    lines += [f"- {cat} {label}: {_show(x)}" for x in c.get(kind, [])]
    return "\n".join(lines) + "\n"


def _show(item: object) -> str:
    return "->".join(item) if isinstance(item, list) else str(item)
