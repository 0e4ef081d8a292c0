"""Tests of the packaged lexicons (kg/data/*.toml) and of their strict parsers."""

from __future__ import annotations

import csv
import importlib.util
import io
import sys
from importlib.resources import files
from pathlib import Path
from types import ModuleType

import pytest

from kg.errors import DataFileError
from kg.lexicon.gazetteer import (
    Gazetteer,
    OrgEntry,
    StateEntry,
    check_disjoint,
    load_gazetteer,
    parse_organizations,
    parse_people,
    parse_states,
)

DATA = files("kg") / "data"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def _forms(entry: StateEntry) -> set[str]:
    return {*entry.names, *entry.abbreviations, *entry.capitals, *entry.demonyms}


def _state_forms(gaz: Gazetteer) -> dict[str, str]:
    """Casefolded surface form -> iso2, over all states."""
    return {form.casefold(): entry.iso2 for entry in gaz.states for form in _forms(entry)}


# --------------------------------------------------------------------------- packaged files


def test_packaged_files_load(gaz: Gazetteer) -> None:
    assert gaz.states and gaz.organizations and gaz.people
    assert load_gazetteer(people=False).people == ()


def test_all_iso_rows_present(gaz: Gazetteer) -> None:
    rows = list(csv.DictReader(io.StringIO((DATA / "countries.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 249
    for row in rows:
        entry = gaz.state(row["iso2"])
        assert (entry.iso3, entry.wikidata) == (row["iso3"], row["wikidata"])


def test_kinds(gaz: Gazetteer) -> None:
    current = [entry for entry in gaz.states if entry.ended is None]
    # 193 UN members + Vatican + Palestine + Taiwan + Kosovo
    assert sum(entry.kind == "state" for entry in current) == 197
    assert sum(entry.kind == "territory" for entry in current) == 53
    for iso2 in ("VA", "PS", "TW", "XK"):
        assert gaz.state(iso2).kind == "state"
    for iso2 in ("HK", "PR", "GL", "GU", "AW", "MO"):
        assert gaz.state(iso2).kind == "territory"
    assert gaz.state("XK").wikidata == "Q1246"


@pytest.mark.parametrize(
    ("iso2", "qid"),
    [
        ("KR", "Q884"),
        ("KP", "Q423"),
        ("RU", "Q159"),
        ("UA", "Q212"),
        ("VN", "Q881"),
        ("ID", "Q252"),
        ("US", "Q30"),
        ("CN", "Q148"),
        ("AU", "Q408"),
        ("BR", "Q155"),
        ("PS", "Q219060"),
        ("SB", "Q685"),
    ],
)
def test_reference_qids(gaz: Gazetteer, iso2: str, qid: str) -> None:
    assert gaz.state(iso2).wikidata == qid


@pytest.mark.parametrize(
    ("iso2", "name"),
    [
        ("KR", "Korea Selatan"),
        ("KP", "Korea Utara"),
        ("RU", "Rusia"),
        ("UA", "Ukraina"),
        ("VN", "Vietnam"),
        ("CN", "Tiongkok"),
        ("US", "Amerika Serikat"),
    ],
)
def test_indonesian_names(gaz: Gazetteer, iso2: str, name: str) -> None:
    entry = gaz.state(iso2)
    assert entry.id == name
    assert name in entry.names


@pytest.mark.parametrize(
    ("iso2", "name"),
    [
        ("CN", "China"),
        ("CN", "Republik Rakyat Tiongkok"),
        ("GB", "Inggris"),
        ("GB", "Britania Raya"),
        ("GB", "Inggris Raya"),
        ("US", "Amerika"),
        ("KR", "Republik Korea"),
        ("KP", "Republik Demokratik Rakyat Korea"),
        ("NL", "Belanda"),
        ("DE", "Jerman"),
        ("JP", "Jepang"),
        ("PS", "Palestina"),
        ("PS", "Wilayah Palestina"),
        ("CI", "Pantai Gading"),
    ],
)
def test_common_variants(gaz: Gazetteer, iso2: str, name: str) -> None:
    assert name in gaz.state(iso2).names


@pytest.mark.parametrize(
    ("iso2", "abbreviation"),
    [("KR", "Korsel"), ("KP", "Korut"), ("US", "AS"), ("ID", "RI"), ("CN", "RRT"), ("AE", "UEA")],
)
def test_abbreviations(gaz: Gazetteer, iso2: str, abbreviation: str) -> None:
    assert abbreviation in gaz.state(iso2).abbreviations


@pytest.mark.parametrize(
    ("iso2", "capital"),
    [
        ("RU", "Moskow"),
        ("RU", "Moscow"),
        ("KP", "Pyongyang"),
        ("KR", "Seoul"),
        ("UA", "Kiev"),
        ("UA", "Kyiv"),
    ],
)
def test_capitals(gaz: Gazetteer, iso2: str, capital: str) -> None:
    assert capital in gaz.state(iso2).capitals


@pytest.mark.parametrize(
    "form",
    ["Somaliland", "Hamas", "PBB", "Uni Eropa", "Korea", "AU", "Papua", "ASEAN", "Lima", "cuba", "Jersey"],
)
def test_not_state_surface_forms(gaz: Gazetteer, form: str) -> None:
    assert form.casefold() not in _state_forms(gaz)


def test_surface_forms_are_unique(gaz: Gazetteer) -> None:
    owner: dict[str, str] = {}
    for entry in gaz.states:
        for form in _forms(entry):
            assert owner.setdefault(form.casefold(), entry.iso2) == entry.iso2, form


def test_historical_states(gaz: Gazetteer) -> None:
    soviet = gaz.state("SU")
    assert (soviet.id, soviet.wikidata, soviet.ended, soviet.kind) == (
        "Uni Soviet",
        "Q15180",
        "1991-12-26",
        "state",
    )
    assert "Uni Soviet" in soviet.names
    assert gaz.state("DD").ended == "1990-10-03"
    assert gaz.state("CS").wikidata == "Q33946"
    assert gaz.state("YU").wikidata == "Q83286"
    assert gaz.state("KR").ended is None


def test_hong_kong_is_territory(gaz: Gazetteer) -> None:
    assert gaz.state("HK").kind == "territory"
    assert "Hong Kong" in gaz.state("HK").names


def test_organizations(gaz: Gazetteer) -> None:
    un = gaz.organization("un")
    assert (un.wikidata, un.id, un.type) == (
        "Q1065",
        "Perserikatan Bangsa-Bangsa",
        "InternationalOrganization",
    )
    assert "PBB" in un.abbreviations
    unsc = gaz.organization("un-security-council")
    assert (unsc.wikidata, unsc.part_of) == ("Q37470", "un")
    assert "DK PBB" in unsc.abbreviations
    assert gaz.organization("african-union").abbreviations == ("AU",)
    assert gaz.organization("eu").wikidata == "Q458"
    assert gaz.organization("asean").wikidata == "Q7768"
    assert gaz.organization("nato").wikidata == "Q7184"
    assert gaz.organization("antara").type == "NewsAgency"
    assert "Antara" not in gaz.organization("antara").abbreviations  # "antara" means "between"
    for key in ("un-general-assembly", "g20", "opec", "who", "iaea", "icj", "icc", "oic", "brics"):
        gaz.organization(key)
    for key in ("reuters", "afp", "ap", "yonhap", "xinhua", "kcna", "tass", "kyodo", "bernama"):
        assert gaz.organization(key).type == "NewsAgency"


def test_people(gaz: Gazetteer) -> None:
    assert len(gaz.people) <= 15
    assert gaz.person("vladimir-putin").wikidata == "Q7747"
    assert gaz.person("kim-jong-un").wikidata == "Q56226"


def test_lookup_misses_raise_key_error(gaz: Gazetteer) -> None:
    with pytest.raises(KeyError):
        gaz.state("ZZ")
    with pytest.raises(KeyError):
        gaz.organization("hamas")
    with pytest.raises(KeyError):
        gaz.person("nobody")


# --------------------------------------------------------------------------- regeneration


def _load_tool() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "tools" / "gen_states.py"
    spec = importlib.util.spec_from_file_location("gen_states_under_test", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def test_regeneration_is_byte_identical() -> None:
    pytest.importorskip("babel")
    tool = _load_tool()
    out = io.StringIO()
    assert tool.main(["--stdout"], stdout=out) == 0
    assert out.getvalue() == (DATA / "states.toml").read_text(encoding="utf-8")


def test_generator_rejects_a_conflicting_curation() -> None:
    babel = pytest.importorskip("babel")
    tool = _load_tool()
    countries = (DATA / "countries.csv").read_text(encoding="utf-8")
    curated = (DATA / "states_curated.toml").read_text(encoding="utf-8")
    assert "\n[AT]\n" in curated
    curated = curated.replace("\n[AT]\n", '\n[AT]\nnames = ["Korsel"]\n', 1)
    names = dict(babel.Locale("id").territories)
    with pytest.raises(tool.GenerationError, match="'Korsel' maps to both"):
        tool.build(countries, curated, names)


# --------------------------------------------------------------------------- malformed input

RU = """
[[state]]
iso2 = "RU"
iso3 = "RUS"
wikidata = "Q159"
en = "Russia"
id = "Rusia"
kind = "state"
names = ["Rusia"]
"""


def _state(**fields: str) -> str:
    lines = {
        "iso2": '"UA"',
        "iso3": '"UKR"',
        "wikidata": '"Q212"',
        "en": '"Ukraine"',
        "id": '"Ukraina"',
        "kind": '"state"',
        "names": '["Ukraina"]',
    }
    lines.update(fields)
    body = "".join(f"{key} = {value}\n" for key, value in lines.items() if value != "<omit>")
    return RU + "\n[[state]]\n" + body


BAD_STATES = [
    pytest.param("[[state]\niso2 = 'RU'", "(document)", "not valid TOML", id="syntax"),
    pytest.param(RU + "\n[extra]\n", "(document)", "unknown top-level key", id="top-level-key"),
    pytest.param(_state(capital='["Kyiv"]'), "#2 (UA)", "unknown key 'capital'", id="unknown-key"),
    pytest.param(_state(iso3="<omit>"), "#2 (UA)", "missing key 'iso3'", id="missing-key"),
    pytest.param(_state(names='"Ukraina"'), "#2 (UA)", "must be a list of strings", id="names-not-list"),
    pytest.param(_state(names="[1]"), "#2 (UA)", "must be a list of strings", id="names-int-item"),
    pytest.param(_state(names="[]"), "#2 (UA)", "'names' is empty", id="names-empty"),
    pytest.param(_state(names='["Ukraina", ""]'), "#2 (UA)", "empty string", id="empty-form"),
    pytest.param(_state(names='[" Ukraina"]'), "#2 (UA)", "whitespace", id="padded-form"),
    pytest.param(_state(names='["Ukraina", "Ukraina"]'), "#2 (UA)", "twice", id="repeated-form"),
    pytest.param(_state(en="42"), "#2 (UA)", "'en' must be a string", id="en-int"),
    pytest.param(_state(iso2='"ua"'), "#2 (ua)", "does not match", id="iso2-lowercase"),
    pytest.param(_state(iso2='"RU"'), "#2 (RU)", "duplicate iso2 'RU'", id="duplicate-iso2"),
    pytest.param(_state(wikidata='"Q159"'), "#2 (UA)", "duplicate wikidata", id="duplicate-qid"),
    pytest.param(_state(wikidata='"q212"'), "#2 (UA)", "does not match", id="qid-lowercase"),
    pytest.param(_state(wikidata='"Q0212"'), "#2 (UA)", "does not match", id="qid-leading-zero"),
    pytest.param(_state(wikidata='"212"'), "#2 (UA)", "does not match", id="qid-no-q"),
    pytest.param(_state(kind='"country"'), "#2 (UA)", "'kind'", id="bad-kind"),
    pytest.param(_state(ended='"1991-13-01"'), "#2 (UA)", "not a valid date", id="bad-date"),
    pytest.param(_state(ended="1991-12-26"), "#2 (UA)", "must be a string", id="toml-date"),
    pytest.param(_state(names='["Ukraina", "rusia"]'), "#2 (UA)", "already belongs to RU", id="name-clash"),
    pytest.param(_state(abbreviations='["Rusia"]'), "#2 (UA)", "already belongs to RU", id="abbr-clash"),
    pytest.param(_state(capitals='["RUSIA"]'), "#2 (UA)", "already belongs to RU", id="capital-clash"),
    pytest.param("state = [1]", "[[state]] #1", "expected a table", id="not-a-table"),
]


@pytest.mark.parametrize(("text", "entry", "problem"), BAD_STATES)
def test_bad_states(text: str, entry: str, problem: str) -> None:
    with pytest.raises(DataFileError) as info:
        parse_states(text, "bad-states.toml")
    err = info.value
    assert err.file == "bad-states.toml"
    assert entry in err.entry
    assert problem in err.problem
    assert str(err).startswith(f"bad-states.toml: {err.entry}: ")


UN = """
[[organization]]
key = "un"
type = "InternationalOrganization"
en = "United Nations"
id = "Perserikatan Bangsa-Bangsa"
abbreviations = ["PBB"]
wikidata = "Q1065"
"""


def _org(extra: str) -> str:
    return (
        UN
        + '\n[[organization]]\nkey = "unsc"\nen = "UN Security Council"\nid = "Dewan Keamanan PBB"\n'
        + extra
    )


BAD_ORGS = [
    pytest.param(_org('type = "IGO"\nnames = ["DK"]'), "#2 (unsc)", "'type'", id="bad-type"),
    pytest.param(
        _org('type = "Organization"\nnames = ["DK"]\nhq = "x"'), "#2 (unsc)", "unknown key", id="unknown"
    ),
    pytest.param(_org('names = ["DK"]'), "#2 (unsc)", "missing key 'type'", id="missing-type"),
    pytest.param(_org('type = "Organization"'), "#2 (unsc)", "at least one", id="no-forms"),
    pytest.param(
        _org('type = "Organization"\nabbreviations = ["pbb"]'), "#2 (unsc)", "already belongs", id="clash"
    ),
    pytest.param(
        _org('type = "Organization"\nnames = ["DK"]\nwikidata = "Q-1"'), "#2 (unsc)", "match", id="qid"
    ),
    pytest.param(
        _org('type = "Organization"\nnames = ["DK"]\npart_of = "pbb"'), "#2 (unsc)", "part_of", id="parent"
    ),
    pytest.param(
        _org('type = "Organization"\nnames = ["DK"]\npart_of = "unsc"'), "#2 (unsc)", "itself", id="self"
    ),
    pytest.param(UN + UN.replace('["PBB"]', '["UN"]'), "#2 (un)", "duplicate key 'un'", id="duplicate-key"),
    pytest.param(
        _org('type = "Organization"\nnames = ["DK"]\nwikidata = "Q1065"'), "#2", "duplicate wiki", id="qid2"
    ),
    pytest.param(UN.replace('key = "un"', 'key = "U N"'), "#1 (U N)", "does not match", id="bad-slug"),
]


@pytest.mark.parametrize(("text", "entry", "problem"), BAD_ORGS)
def test_bad_organizations(text: str, entry: str, problem: str) -> None:
    with pytest.raises(DataFileError) as info:
        parse_organizations(text, "bad-orgs.toml")
    assert info.value.file == "bad-orgs.toml"
    assert entry in info.value.entry
    assert problem in info.value.problem
    assert "bad-orgs.toml" in str(info.value)


PUTIN = '[[person]]\nkey = "vladimir-putin"\nname = "Vladimir Putin"\nwikidata = "Q7747"\n'

BAD_PEOPLE = [
    pytest.param(PUTIN + PUTIN, "#2 (vladimir-putin)", "duplicate key", id="duplicate-key"),
    pytest.param(PUTIN.replace("Q7747", "7747"), "#1", "does not match", id="qid"),
    pytest.param(
        PUTIN + '[[person]]\nkey = "putin"\nname = "vladimir putin"\n', "#2 (putin)", "already", id="clash"
    ),
    pytest.param(PUTIN.replace("wikidata", "qid"), "#1", "unknown key 'qid'", id="unknown-key"),
    pytest.param(PUTIN + 'aliases = "Putin"\n', "#1", "list of strings", id="aliases-type"),
    pytest.param('[[person]]\nkey = "x"\n', "#1 (x)", "missing key 'name'", id="missing-name"),
]


@pytest.mark.parametrize(("text", "entry", "problem"), BAD_PEOPLE)
def test_bad_people(text: str, entry: str, problem: str) -> None:
    with pytest.raises(DataFileError) as info:
        parse_people(text, "bad-people.toml")
    assert info.value.file == "bad-people.toml"
    assert entry in info.value.entry
    assert problem in info.value.problem


def test_empty_people_file_is_fine() -> None:
    assert parse_people("# nothing here\n", "people.toml") == ()


def test_org_form_that_is_a_state_form_is_rejected(gaz: Gazetteer) -> None:
    bad = OrgEntry("korsel", "Organization", "x", "x", ("Korsel",), (), None, None)
    with pytest.raises(DataFileError) as info:
        check_disjoint(gaz.states, (*gaz.organizations, bad), "orgs.toml")
    assert info.value.file == "orgs.toml"
    assert "korsel" in info.value.entry
    assert "state KR" in info.value.problem
