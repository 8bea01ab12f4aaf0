"""Tests for analysis.speech.name_types: person, organisation, place, publication or other."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from analysis.core.errors import InputError
from analysis.speech.name_types import (
    NAME_TYPES,
    NameContext,
    load_name_types,
    name_contexts,
    source_key,
    type_by_context,
    type_by_form,
    type_name,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # the examples
        ("Time's Up", "organisation"),
        ("Time\u2019s Up", "organisation"),
        ("NASA", "organisation"),
        ("Main St", "place"),
        ("Space Launch System", "other"),
        ("Artemis I", "other"),
        ("The Hollywood Reporter", "publication"),
        # head words, head before "of", opening words
        ("Kennedy Space Center", "organisation"),
        ("Millbrook Town Council", "organisation"),
        ("Acme Inc", "organisation"),
        ("Labour Party", "organisation"),
        ("University of Oxford", "organisation"),
        ("Gulf of Mexico", "place"),
        ("Orange County", "place"),
        ("Mount Everest", "place"),
        ("Hurricane Ian", "other"),
        ("Clean Air Act", "other"),
        ("The New York Times", "publication"),
        ("the Washington Post's", "publication"),  # possessive and article dropped
        ("Sky News", "publication"),
        # known names
        ("BBC", "publication"),
        ("Wikinews", "publication"),
        ("Ukraine", "place"),
        ("U.S.", "place"),
        ("Apollo 11", "other"),  # a listed programme with a number
        ("FBI", "organisation"),  # acronym
        # an acronym inside a longer name; a name in capitals; the head before a connector
        ("DLA Aviation", "organisation"),
        ("BBC Breakfast", "publication"),
        ("Robert Buckland MP", None),  # a post-nominal is no acronym
        ("FORT KNOX", "place"),
        ("Joint Council for the Welfare of Immigrants", "organisation"),
        ("Scottish Fire and Rescue Service", "organisation"),  # "and" is no preposition: the head is last
        ("Introduction to Policing", "other"),  # a connector inside, no head word
        ("99 Ways to Find Your Park", "other"),
        ("The Green Papers", "organisation"),
        ("Independence Day", "other"),
        ("HMS Mersey", "other"),
        # nothing in the form
        ("Robert Buckland", None),
        ("Ruiz", None),
        ("Leo Park", None),  # "Park" is a surname as often as a place: not a place word
        ("", None),
        ("I", None),  # one capital is not an acronym
    ],
)
def test_type_by_form(name, expected):
    assert type_by_form(name) == expected


def _ctx(before: str, after: str = "") -> NameContext:
    return NameContext(before, after)


@pytest.mark.parametrize(
    ("contexts", "expected"),
    [
        ([_ctx("said Mr. ")], "person"),
        ([_ctx("spokeswoman Lieutenant ")], "person"),
        ([_ctx("", ", who leads the group")], "person"),
        ([_ctx("funding from the ")], "organisation"),
        ([_ctx("", " officials said")], "organisation"),
        ([_ctx("a school in ")], "place"),
        ([_ctx("", "-based charity")], "place"),
        ([_ctx("a school in ", "'s north")], None),  # "in Smith's view": possessive, no vote
        ([_ctx("full confidence in ")], "place"),  # a one-word name (n_words defaults to 1)
        ([_ctx("the "), _ctx("Sen. ")], "person"),  # a tie goes to person
        ([_ctx("the "), _ctx("in ")], None),  # a tie between two others decides nothing
        ([_ctx("the "), _ctx("the "), _ctx("in ")], "organisation"),
        ([], None),
        ([_ctx("Then ", " said")], None),
    ],
)
def test_type_by_context(contexts, expected):
    assert type_by_context(contexts) == expected


def test_in_before_a_longer_name_is_no_place():
    contexts = [_ctx("full confidence in ")]
    assert type_by_context(contexts, n_words=2) is None
    assert type_name("Crispin Blunt", contexts) == "person"


def test_type_name_order_form_then_context_then_prior_then_default():
    # the form wins over a person cue in the context
    assert type_name("NASA", [_ctx("Mr. ")]) == "organisation"
    # context over prior
    assert type_name("Promundo", [_ctx("funding from the ")], prior="person") == "organisation"
    # prior when nothing else decides
    assert type_name("Promundo", prior="organisation") == "organisation"
    # default: two capitalised words are a person, one is other
    assert type_name("Robert Buckland") == "person"
    assert type_name("Promundo") == "other"
    assert type_name("") == "other"
    assert set(NAME_TYPES) == {"person", "organisation", "place", "publication", "other"}


def test_type_name_rejects_an_unknown_prior():
    with pytest.raises(ValueError, match="unknown prior 'company'; valid: person, organisation"):
        type_name("Acme", prior="company")


def test_name_contexts_are_whole_word_occurrences():
    body = "Mayor Ana Ruiz spoke. Ruizton is near. Later Ruiz, who chairs it, left."
    ctx = name_contexts(body, "Ruiz")
    assert [c.before[-6:] for c in ctx] == ["r Ana ", "Later "]
    assert ctx[1].after.startswith(", who")
    assert name_contexts(body, "") == []
    assert type_name("Ruiz", ctx) == "person"  # ", who" after the second occurrence


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [
        ("NASA officials", "NASA"),
        ("the NASA team", "NASA"),
        ("NASA", "NASA"),
        ("Home Office spokesperson", "Home Office"),
        ("BBC sources", "BBC"),
        ("Scottish Fire and Rescue Service spokesperson", "Scottish Fire and Rescue Service"),
        ("police spokesman", "police spokesman"),  # no name: an unnamed source, kept
        ("Jane Roe officials", "Jane Roe officials"),  # not an organisation by its form: kept
        ("officials", "officials"),
        ("", ""),
    ],
)
def test_source_key(speaker, expected):
    assert source_key(speaker) == expected


def test_lists_can_be_swapped_and_a_broken_folder_is_named(tmp_path):
    packaged = Path(str(resources.files("analysis").joinpath("data/name_types")))
    folder = tmp_path / "types"
    shutil.copytree(packaged, folder)
    with (folder / "organisations.txt").open("a", encoding="utf-8") as fh:
        fh.write("Promundo\n")
    lists = load_name_types(folder)
    assert type_name("Promundo", lists=lists) == "organisation"
    assert type_name("Promundo") == "other"  # the packaged lists are unchanged
    (folder / "person_cues.txt").write_text("before: Mr\nbeside Ms\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"person_cues.txt:2: expected 'before: WORD'"):
        load_name_types(folder)
    (folder / "places.txt").unlink()
    with pytest.raises(InputError, match="places.txt: cannot read name-type list"):
        load_name_types(folder)


def test_every_packaged_list_says_where_its_idea_came_from():
    packaged = Path(str(resources.files("analysis").joinpath("data/name_types")))
    for path in sorted(packaged.glob("*.txt")):
        head = path.read_text(encoding="utf-8").split("\n", 8)[:8]
        assert any(line.startswith("#") and ("Idea" in line or "Compiled" in line) for line in head), path.name


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Mayor Ana Ruiz spoke. Ruizton is near. Later Ruiz, who chairs it, left.", "Ruiz"),
        ("Ann Lee and Ann Leeds met Ann Lee again; Ann Lee_x is not her.", "Ann Lee"),
        ("NASA officials said NASA would wait. NASA's rocket stands.", "NASA"),
        ("Time\u2019s Up said Time\u2019s Up would act.", "Time\u2019s Up"),
        ("no name here", "Jo Lee"),
        ("", "Jo Lee"),
        ("Jo Lee", ""),
    ],
)
def test_name_index_finds_the_same_contexts_as_a_scan(body, name):
    from analysis.speech.name_types import NameIndex

    assert NameIndex(body).contexts(name) == name_contexts(body, name)
