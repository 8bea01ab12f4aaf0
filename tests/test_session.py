"""The notebooks' set-up: open_story reads a story once and analyses it on first use."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.core import paths
from analysis.core.errors import InputError
from analysis.framing.codebook import load_codebooks
from analysis.io.corpus import load_story
from analysis.pipeline import analyse_story
from analysis.present.session import find_story, open_story

SECOND_STORY = Path(__file__).parent / "fixtures" / "stories" / "library-closure"


def test_open_story_without_a_folder_reads_the_starter_story():
    session = open_story(None)
    assert session.story_dir == paths.DEFAULT_STORY
    assert [a.article_id for a in session.story.articles] == [
        a.article_id for a in load_story(paths.DEFAULT_STORY, strict=False).articles]
    assert open_story("").story_dir == paths.DEFAULT_STORY


def test_open_story_resolves_a_relative_folder_from_the_current_folder(monkeypatch):
    monkeypatch.chdir(SECOND_STORY.parent)
    session = open_story(SECOND_STORY.name)
    assert session.story_dir == SECOND_STORY.resolve()
    assert session.story.corpus_sha256 == load_story(SECOND_STORY, strict=False).corpus_sha256


def test_a_relative_folder_is_found_from_the_project_root_from_any_folder(tmp_path, monkeypatch):
    # a notebook under Jupyter runs in its own folder (notebooks/lesson/), where the teacher's
    # "corpus/askmoreofhim" or "tests/fixtures/..." does not exist; the project root has it
    monkeypatch.chdir(paths.PROJECT_ROOT / "notebooks" / "lesson")
    starter = paths.PROJECT_ROOT / "corpus" / "askmoreofhim"
    assert not Path("corpus/askmoreofhim").exists()
    assert find_story("corpus/askmoreofhim") == starter.resolve()
    assert find_story(" corpus/askmoreofhim ") == starter.resolve()
    relative = SECOND_STORY.relative_to(paths.PROJECT_ROOT)
    assert open_story(str(relative)).story_dir == SECOND_STORY.resolve()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus" / "askmoreofhim").mkdir(parents=True)
    assert find_story("corpus/askmoreofhim") == (tmp_path / "corpus" / "askmoreofhim").resolve()  # working folder first
    assert find_story(None) == find_story("  ") == paths.DEFAULT_STORY


def test_a_relative_folder_in_neither_place_names_both(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match=r"no such folder; looked in .*corpus/nope and .*corpus/nope"):
        open_story("corpus/nope")


def test_analyses_and_codebooks_are_those_of_the_pipeline_computed_once():
    session = open_story(SECOND_STORY)
    analyses = session.analyses
    assert analyses is session.analyses  # kept, not recomputed
    expected = analyse_story(load_story(SECOND_STORY, strict=False))
    assert [a.article.article_id for a in analyses] == [a.article.article_id for a in expected]
    assert [len(a.document.sentences) for a in analyses] == [len(a.document.sentences) for a in expected]
    story = session.story
    assert [b.name for b in session.codebooks] == [b.name for b in load_codebooks(story.root, story.meta)]
    assert session.codebooks[0].name == "generic"
    assert session.story_codebooks == session.codebooks[1:]


def test_the_starter_story_has_its_own_codebook():
    assert [b.name for b in open_story(None).story_codebooks] != []


def test_a_missing_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such folder"):
        open_story(tmp_path / "missing")
