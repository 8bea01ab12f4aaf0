"""A preset copy of an analysis keeps what it had already computed and presets do not change."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from analysis.io.corpus import Article
from analysis.pipeline import PRESET_FREE, ArticleAnalysis, analyse_article

TEXT = (
    "The council approved the budget on Monday.\n\n"
    "\u201cIt is a good day,\u201d said Mayor Ana Ruiz. Critics said the plan was a failure."
)


def _analysis() -> ArticleAnalysis:
    return analyse_article(Article("a1", "Outlet", Path("a1.md"), TEXT, {"outlet": "Outlet"}))


def test_the_preset_free_values_are_the_cached_ones_that_presets_do_not_touch():
    for name in PRESET_FREE:
        assert isinstance(vars(ArticleAnalysis)[name], cached_property), name
    assert not {"sentence_tones", "stance"} & set(PRESET_FREE)


def test_a_preset_copy_reuses_the_computed_layout_word_keys_and_language_check():
    a = _analysis()
    layout, keys, reason = a.layout, a.word_keys, a.unscored_reason
    b = a.with_presets(tones=(0.0,) * a.document.n_sentences, stance=())
    assert b.layout is layout and b.word_keys is keys and b.unscored_reason == reason
    assert b.sentence_tones == (0.0, 0.0, 0.0) and b.stance == ()
    # what the copy kept is what it would have computed itself
    fresh = _analysis()
    assert b.layout == fresh.layout and b.unscored_reason == fresh.unscored_reason is None


def test_a_preset_copy_of_a_fresh_analysis_computes_on_first_use():
    a = _analysis()
    b = a.with_presets(stance=())
    assert not set(PRESET_FREE) & set(vars(b))
    assert b.layout == a.layout
    # tones were not preset: the copy scores the sentences (the quote's sentence is positive)
    assert len(b.sentence_tones) == 3 and b.sentence_tones[1] > 0
