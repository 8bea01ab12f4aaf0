"""Sentence-level VADER tone, by voice; never a whole-article score; offline."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.core import paths
from analysis.io.corpus import load_story
from analysis.core.errors import InputError
from analysis.metrics import analyse_article, analyse_story, metric_columns, metrics_table
from analysis.text.document import make_document
from analysis.framing.tone import (
    TONE_COLUMNS,
    load_tone_analyzer,
    sentence_compounds,
    sentence_tone_frame,
    tone_columns,
    tone_label,
    tone_scores,
)
from articles import text_article




# ----------------------------------------------------------------------------
# the aggregation, computed by hand


SCORES = [
    # compounds, weights, mean, sd, positive share, negative share
    ([], [], math.nan, math.nan, math.nan, math.nan),
    ([0.5], [0.0], math.nan, math.nan, math.nan, math.nan),
    ([0.3], [1.0], 0.3, 0.0, 1.0, 0.0),
    ([0.5, -0.5, 0.0], [1, 1, 1], 0.0, math.sqrt(0.5 / 3), 1 / 3, 1 / 3),
    # weighted: mean = (1*0.5 + 0*-0.5 + 0.5*0) / 1.5 = 1/3; var = (1*(0.5-1/3)^2 + 0.5*(0-1/3)^2) / 1.5
    ([0.5, -0.5, 0.0], [1, 0, 0.5], 1 / 3, math.sqrt(((0.5 - 1 / 3) ** 2 + 0.5 * (1 / 3) ** 2) / 1.5), 2 / 3, 0.0),
    # the thresholds: 0.05 is positive, -0.05 negative, 0.0499 neutral
    ([0.05, -0.05, 0.0499], [1, 1, 1], 0.0499 / 3, None, 1 / 3, 1 / 3),
]


@pytest.mark.parametrize("compounds, weights, mean, sd, pos, neg", SCORES)
def test_tone_scores(compounds, weights, mean, sd, pos, neg):
    got = tone_scores(compounds, weights)
    assert list(got) == list(TONE_COLUMNS)
    for key, expected in [("tone_mean", mean), ("tone_sd", sd), ("tone_positive_share", pos),
                          ("tone_negative_share", neg)]:
        if expected is None:
            continue
        if math.isnan(expected):
            assert math.isnan(got[key]), key
        else:
            assert got[key] == pytest.approx(expected), key


def test_tone_scores_rejects_mismatched_lengths():
    with pytest.raises(ValueError, match="same length"):
        tone_scores([0.1, 0.2], [1.0])


@pytest.mark.parametrize("compound, label", [(0.05, "positive"), (0.0499, "neutral"), (0.0, "neutral"),
                                             (-0.0499, "neutral"), (-0.05, "negative"), (0.9, "positive")])
def test_tone_label_thresholds(compound, label):
    assert tone_label(compound) == label


# ----------------------------------------------------------------------------
# VADER on sentences


def test_empty_text_has_no_sentence_scores():
    assert sentence_compounds(make_document("")) == ()


@pytest.mark.parametrize("sentence, sign", [
    ("This is a wonderful, happy day.", 1),
    ("This is a terrible, awful mess.", -1),
    ("The meeting is at noon.", 0),  # no lexicon word: exactly 0
])
def test_vader_sign_of_plain_sentences(sentence, sign):
    (score,) = sentence_compounds(make_document(sentence))
    assert -1 <= score <= 1
    if sign == 0:
        assert score == 0.0
    else:
        assert score * sign > 0.05


def test_one_score_per_sentence_and_per_voice_weights_by_hand():
    # sentence 0: 2 own words; sentence 1: "Terrible awful failure" quoted + "she said" own
    body = 'Great news. "Terrible, awful failure," she said.'
    a = analyse_article(text_article(body))
    c0, c1 = sentence_compounds(a.document)
    assert c0 > 0.05 and c1 < -0.05
    cols = tone_columns([a])
    assert cols["tone_mean"] == pytest.approx((c0 + c1) / 2)
    assert cols["own_voice_tone_mean"] == pytest.approx((c0 + 0.4 * c1) / 1.4)  # 2 of 5 words own
    assert cols["quoted_tone_mean"] == pytest.approx(c1)
    assert cols["own_voice_tone_positive_share"] == pytest.approx(1 / 1.4)
    assert cols["quoted_tone_negative_share"] == pytest.approx(1.0)
    assert cols["quoted_tone_sd"] == pytest.approx(0.0)


def test_no_quotes_gives_nan_quoted_tone():
    cols = tone_columns([analyse_article(text_article("A calm day. Nothing happened."))])
    assert all(math.isnan(cols["quoted_" + c]) for c in TONE_COLUMNS)
    assert cols["tone_mean"] == pytest.approx(cols["own_voice_tone_mean"])


def test_outlet_tone_pools_sentences_not_article_means():
    a = analyse_article(text_article("Wonderful news.", "a"))  # one positive sentence
    b = analyse_article(text_article("Awful. Awful. Awful.", "b"))  # three negative sentences
    (ca,) = a.sentence_tones
    cb = b.sentence_tones
    pooled = tone_columns([a, b])
    assert pooled["tone_mean"] == pytest.approx((ca + sum(cb)) / 4)
    assert pooled["tone_negative_share"] == pytest.approx(3 / 4)


def test_tone_columns_join_metrics_without_a_whole_article_score():
    columns = metric_columns()
    for prefix in ("", "own_voice_", "quoted_"):
        for c in TONE_COLUMNS:
            assert prefix + c in columns
    assert not [c for c in columns if "compound" in c]
    story = load_story(paths.DEFAULT_STORY)
    analyses = analyse_story(story)
    df = metrics_table(story, analyses=analyses)
    for a, row in zip(analyses, df.itertuples()):
        assert row.tone_mean == pytest.approx(sum(a.sentence_tones) / len(a.sentence_tones))
    by_outlet = metrics_table(story, by="outlet", analyses=analyses)
    assert by_outlet["tone_mean"].notna().all()


def test_sentence_tone_frame_is_the_evidence():
    story = load_story(paths.DEFAULT_STORY)
    analyses = analyse_story(story)
    df = sentence_tone_frame(analyses)
    assert len(df) == sum(a.document.n_sentences for a in analyses)
    assert df["compound"].between(-1, 1).all()
    assert set(df["tone"]) <= {"positive", "negative", "neutral"}


# ----------------------------------------------------------------------------
# the lexicon: shipped by the package, swappable, no network


def test_custom_lexicon_file_and_missing_file(tmp_path):
    lex = tmp_path / "lex.txt"
    lex.write_text("zorb\t3.0\t0.5\t[3, 3, 3]\n", encoding="utf-8")
    analyzer = load_tone_analyzer(lex)
    (score,) = sentence_compounds(make_document("What a zorb."), analyzer)
    assert score > 0.05
    (default,) = sentence_compounds(make_document("What a zorb."))
    assert default == 0.0
    with pytest.raises(InputError, match="tone lexicon not found"):
        load_tone_analyzer(tmp_path / "missing.txt")


def test_vader_loads_and_scores_with_the_network_blocked():
    code = (
        "import socket\n"
        "def blocked(*a, **k):\n    raise OSError('network blocked')\n"
        "socket.socket = blocked\nsocket.create_connection = blocked\n"
        "from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer\n"
        "import sys\n"
        "s = SentimentIntensityAnalyzer().polarity_scores('A good day.')['compound']\n"
        "print(s > 0, 'requests' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600, check=True)
    assert out.stdout.split() == ["True", "False"]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_valid_tone(text):
    a = analyse_article(text_article(text))
    assert len(a.sentence_tones) == a.document.n_sentences
    assert all(-1 <= c <= 1 for c in a.sentence_tones)
    for key, value in tone_columns([a]).items():
        assert math.isnan(value) or (-1 <= value <= 1 if "mean" in key else 0 <= value <= 1), key


# ----------------------------------------------------------------------------
# the shortcut for sentences without a lexicon token equals VADER itself

_TOKENS = st.sampled_from([
    "the", "report", "good", "GOOD", "not", "no", "never", "very", "kind", "of", "but", "least", "at",
    "abuse", "sort", "without", "doubt", ":)", ":-(", "lol", "sux", "!!!", "?", ",", ".", "'", '"',
    "\U0001f600", "\U0001f494", "x\U0001f600", "(good)", "bad!", "n't", "cannot", "kinda",
    "\u0130\u0130,", "\u212aind", "Goo\u0301d", "...good...", "'no'", "\u00a0", "\u2003good",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_TOKENS, max_size=14), st.sampled_from([" ", "  ", "\n"]))
def test_compound_score_equals_vader_on_any_sentence(tokens, sep):
    from analysis.framing.tone import compound_score

    analyzer = load_tone_analyzer()
    text = sep.join(tokens)
    assert compound_score(text, analyzer) == analyzer.polarity_scores(text)["compound"]


def test_compound_score_equals_vader_on_every_seed_sentence_and_skips_some():
    from analysis.framing.tone import compound_score

    analyzer = load_tone_analyzer()
    zero = 0
    for article in load_story(paths.DEFAULT_STORY).articles:
        doc = make_document(article.body)
        for span in doc.sentences:
            text = doc.text(span)
            assert compound_score(text, analyzer) == analyzer.polarity_scores(text)["compound"], text
            zero += analyzer.polarity_scores(text)["compound"] == 0.0
    assert zero >= 1  # the shortcut is exercised: some seed sentences have no lexicon word


# ----------------------------------------------------------------------------
# neutral factual sentences score 0; agreement with hand labels (issue 20)

NEUTRAL_FACTS = [
    "The next launch opportunity isn't until Friday.",  # VADER +0.42 ("opportunity")
    "The Justice Secretary met officials from the United States.",  # names, not judgements
    "MPs agreed that the guidance should become part of the bill.",
    "The meeting took place in Warsaw on Tuesday.",
    "It was carefully considered.",  # one mild word: inside the neutral band
]


@pytest.mark.parametrize("sentence", NEUTRAL_FACTS)
def test_neutral_factual_sentences_score_zero(sentence):
    from analysis.framing.tone import sentence_tone

    assert sentence_tone(sentence) == 0.0
    (score,) = sentence_compounds(make_document(sentence))
    assert score == 0.0


def test_the_issue_sentence_scored_positive_by_vader_as_published():
    from analysis.framing.tone import sentence_tone

    raw = load_tone_analyzer(neutral_words=())
    assert sentence_tone("The next launch opportunity isn't until Friday", raw, band=0.0) == pytest.approx(0.4215, abs=1e-4)


@pytest.mark.parametrize("sentence, sign", [
    ("It's fantastic to see that half a million children benefitted.", 1),
    ("Such an outcome would be a catastrophe.", -1),
    ("A man and a woman have been killed in a road accident.", -1),
    ("I am ashamed of the House.", -1),
])
def test_evaluative_sentences_keep_their_score(sentence, sign):
    from analysis.framing.tone import NEUTRAL_BAND, sentence_tone

    assert sentence_tone(sentence) * sign >= NEUTRAL_BAND


def test_the_band_and_neutral_words_can_be_switched_off():
    from analysis.framing.tone import news_neutral_words, sentence_tone

    assert {"opportunity", "united", "justice"} <= news_neutral_words()
    raw = load_tone_analyzer(neutral_words=())
    assert raw.lexicon["opportunity"] > 0 and "opportunity" not in load_tone_analyzer().lexicon
    assert sentence_tone("It was carefully considered.", raw, band=0.0) > 0


def _tone_gold(half: str) -> list[tuple[str, str]]:
    data = yaml.safe_load((paths.PROJECT_ROOT / "tests" / "fixtures" / "tone_gold.yml").read_text(encoding="utf-8"))
    return [(s["text"], s["tone"]) for s in data["sentences"] if s["half"] == half]


def _accuracy(half: str, analyzer=None, band=None) -> float:
    from analysis.framing.tone import NEUTRAL_BAND, sentence_tone

    band = NEUTRAL_BAND if band is None else band
    pairs = _tone_gold(half)
    return sum(tone_label(sentence_tone(t, analyzer, band)) == g for t, g in pairs) / len(pairs)


def test_tone_gold_is_labelled_and_split():
    dev, test = _tone_gold("dev"), _tone_gold("test")
    assert (len(dev), len(test)) == (98, 62)
    assert {g for _, g in dev + test} == {"positive", "negative", "neutral"}


def test_agreement_with_hand_labels_on_the_held_out_half():
    # measured: VADER as published 0.516 (32/62), the project's rule 0.629 (39/62); the
    # floors sit under the measured values, and the rule must beat VADER as published
    raw = load_tone_analyzer(neutral_words=())
    published = _accuracy("test", raw, 0.0)
    ours = _accuracy("test")
    assert published == pytest.approx(32 / 62)
    assert ours >= 0.6 and ours > published


def test_tone_gold_sentences_come_from_the_speech_gold_articles():
    from analysis.io.corpus import parse_article

    data = yaml.safe_load((paths.PROJECT_ROOT / "tests" / "fixtures" / "tone_gold.yml").read_text(encoding="utf-8"))
    for s in data["sentences"]:
        path = paths.PROJECT_ROOT / "gold" / "speech" / s["half"] / "articles" / f"{s['article']}.md"
        body = parse_article(path.read_bytes(), path).body
        assert s["text"] in body, s["text"][:60]
