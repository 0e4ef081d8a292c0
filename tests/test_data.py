"""The packaged pattern files: every title and trigger pattern finds its examples and none of its
counter-examples, through the whole pipeline."""

from __future__ import annotations

import pytest

from kg.errors import DataFileError
from kg.lexicon.resources import load_resources, parse_labels, parse_titles, parse_triggers

RES = load_resources()
TITLE_EXAMPLES = [(t.id, ex) for t in RES.titles for ex in t.examples]
TITLE_COUNTER = [(t.id, ex) for t in RES.titles for ex in t.counter_examples]
TRIGGER_EXAMPLES = [(t.id, t.event, ex) for t in RES.triggers for ex in t.examples]
TRIGGER_COUNTER = [(t.id, t.event, ex) for t in RES.triggers for ex in t.counter_examples]


def test_data_every_pattern_has_examples_and_counter_examples():
    for entry in (*RES.titles, *RES.triggers):
        assert entry.examples, entry.id
        assert entry.counter_examples, entry.id


@pytest.mark.parametrize(("role", "example"), TITLE_EXAMPLES)
def test_data_title_finds_its_example(extract, role, example):
    text, expected = example.split(" => ")
    name, where = (s.strip() for s in expected.split("|"))
    officials = {(o.name, o.role, o.state or o.organization) for o in extract(text).officials}
    assert (name, role, where) in officials


@pytest.mark.parametrize(("role", "example"), TITLE_COUNTER)
def test_data_title_ignores_its_counter_example(extract, role, example):
    assert not [o for o in extract(example).officials if o.role == role]


@pytest.mark.parametrize(("rule", "event", "example"), TRIGGER_EXAMPLES)
def test_data_trigger_finds_its_example(extract, rule, event, example):
    events = extract(example).events
    assert any(e.type == event and e.trigger.rule == f"triggers.toml#{rule}" for e in events), events


@pytest.mark.parametrize(("rule", "event", "example"), TRIGGER_COUNTER)
def test_data_trigger_ignores_its_counter_example(extract, rule, event, example):
    events = extract(example).events
    assert not any(e.type == event and e.trigger.rule == f"triggers.toml#{rule}" for e in events), events


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[[title]]\nid = "x"\nen = "X"\nlabel = "X"\nforms = ["X"]\nscope = "planet"\n', "scope must be"),
        (
            '[[title]]\nid = "x"\nen = "X"\nlabel = "X"\nforms = ["X"]\nscope = "state"\ncolour = 1\n',
            "unknown keys",
        ),
        ('[[title]]\nid = "x"\nen = "X"\nforms = ["X"]\nscope = "state"\n', "missing keys"),
        ('[[title]]\nid = "x"\nen = "X"\nlabel = "X"\nforms = "X"\nscope = "state"\n', "list of non-empty"),
    ],
)
def test_data_bad_titles_file_names_file_and_entry(text, problem):
    with pytest.raises(DataFileError, match=problem) as info:
        parse_titles(text, "titles.toml")
    assert "titles.toml: title 'x'" in str(info.value)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[[trigger]]\nid = "x"\nevent = "Party"\npattern = "a"\n', "unknown event type"),
        ('[[trigger]]\nid = "x"\nevent = "Protest"\npattern = "a"\n', "needs a form"),
        ('[[trigger]]\nid = "x"\nevent = "Demand"\npattern = "(a"\n', "bad pattern"),
    ],
)
def test_data_bad_triggers_file_names_file_and_entry(text, problem):
    with pytest.raises(DataFileError, match=problem) as info:
        parse_triggers(text, "triggers.toml")
    assert "triggers.toml: trigger 'x'" in str(info.value)


def test_data_labels_cover_every_event_type():
    with pytest.raises(DataFileError, match="no label for"):
        parse_labels('[event]\nProtest = ["P", "P"]\n[form]\n[status]\n[phrase]\n')


def _treaty_examples():
    import tomllib

    from kg.lexicon.resources import _read

    data = tomllib.loads(_read("treaties.toml"))["examples"]
    return [("example", x) for x in data["items"]] + [("counter", x) for x in data["counter_items"]]


@pytest.mark.parametrize(("which", "example"), _treaty_examples())
def test_data_treaty_words_find_their_examples(resources, which, example):
    text = example.split(" => ")[0]
    found = list(resources.treaty_re.finditer(text))
    if which == "counter":
        assert not found
        return
    kind = example.split(" => ")[1].strip() if " => " in example else ""
    assert found
    from kg.extract.treaty_phrases import _kind

    got, _ = _kind(text, found[0].end(), len(text), resources.treaty_kinds)
    assert resources.treaty_kinds.get(got, "") == kind
