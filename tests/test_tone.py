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
    compound_score,
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


# ----------------------------------------------------------------------------
# VADER's rules on the document's own lower-case tokens equal VADER itself (issue 22)


def _corpus_texts() -> list[str]:
    """Every article body of the starter story, the test stories and the speech gold set, and the gold sentences."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    folders = [paths.DEFAULT_STORY, *sorted((root / "tests" / "fixtures" / "stories").iterdir()),
               root / "gold" / "speech" / "dev" / "articles", root / "gold" / "speech" / "test" / "articles"]
    texts = [a.body for folder in folders if folder.is_dir() for a in load_story(folder).articles]
    tone_gold = yaml.safe_load((root / "tests" / "fixtures" / "tone_gold.yml").read_text(encoding="utf-8"))
    texts += [s for s in _strings(tone_gold) if len(s) > 20]
    for path in sorted((root / "gold" / "frames").rglob("*.yml")):
        texts += [s for s in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))) if len(s) > 20]
    return texts


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


_TEXTS = _corpus_texts()
_SENTENCES = sorted({d.text(s) for d in map(make_document, _TEXTS) for s in d.sentences})


def test_the_corpora_are_large_enough_to_test_the_rules():
    assert len(_TEXTS) >= 150 and len(_SENTENCES) >= 1500
    # every rule VADER has is met somewhere in them
    lowered = " ".join(_SENTENCES).lower()
    for word in (" but ", " not ", " no ", " never ", " very ", " least ", "n't", "!", "?"):
        assert word in lowered, word


@pytest.mark.parametrize("neutral", [None, ()], ids=["news-neutral", "as-published"])
def test_sentence_compounds_equal_vader_on_every_corpus_sentence(neutral):
    analyzer = load_tone_analyzer(neutral_words=neutral)
    n_scored = 0
    for text in _TEXTS:
        doc = make_document(text)
        got = sentence_compounds(doc, analyzer, band=0.0)
        for span, score in zip(doc.sentences, got, strict=True):
            expected = analyzer.polarity_scores(doc.text(span))["compound"]
            assert score == expected, doc.text(span)
            n_scored += expected != 0.0
    assert n_scored >= 1000  # not just the sentences without a lexicon word


_RULE_WORDS = st.sampled_from([
    "not", "no", "never", "nor", "or", "isn't", "don't", "without", "doubt", "so", "this", "but", "BUT", "But",
    "very", "VERY", "kind", "of", "sort", "kinda", "least", "at", "the", "shit", "bomb", "bus", "stop", "yeah",
    "right", "just", "enough", "good", "GOOD", "Good", "bad", "BAD", "great", "abuse", "crisis", "killed",
    "!", "!!", "?", "??", "????", "...", ",", "'", '"', "(", ")", "-", ":)", ":(", "A", "I", "US",
    "\u0130stanbul", "\u212aind", "\u03a3\u039f\u03a3", "caf\u00e9", "\u2019good\u2019", "\u201cbad\u201d",
])


def _mutate(sentence: str, data) -> str:
    words = sentence.split()
    out = []
    for w in words:
        change = data.draw(st.sampled_from(["keep"] * 6 + ["upper", "lower", "title", "punct", "insert"]))
        if change == "upper":
            w = w.upper()
        elif change == "lower":
            w = w.lower()
        elif change == "title":
            w = w.title()
        elif change == "punct":
            w = w + data.draw(st.sampled_from(["!", "?", ",", "...", "'", '"', "!!", "?!"]))
        elif change == "insert":
            out.append(data.draw(_RULE_WORDS))
        out.append(w)
    return " ".join(out)


@settings(max_examples=300, deadline=None)
@given(st.data(), st.sampled_from([None, ()]))
def test_sentence_compounds_equal_vader_on_mutated_corpus_sentences(data, neutral):
    analyzer = load_tone_analyzer(neutral_words=neutral)
    picked = data.draw(st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=3))
    generated = data.draw(st.lists(_RULE_WORDS, max_size=12))
    text = " ".join(_mutate(s, data) for s in picked) + " " + " ".join(generated)
    doc = make_document(text)
    got = sentence_compounds(doc, analyzer, band=0.0)
    for span, score in zip(doc.sentences, got, strict=True):
        assert score == analyzer.polarity_scores(doc.text(span))["compound"], doc.text(span)
        assert compound_score(doc.text(span), analyzer) == score


def test_vader_rules_by_hand():
    """A few scores worked out from VADER's rules (valences from its lexicon file), not from the code."""
    raw = load_tone_analyzer(neutral_words=())
    good = raw.lexicon["good"]  # 1.9

    def norm(x):
        return round(x / math.sqrt(x * x + 15), 4)

    assert compound_score("The book was good.", raw) == norm(good)
    assert compound_score("The book was not good.", raw) == norm(good * -0.74)  # negation
    assert compound_score("The book was very good.", raw) == norm(good + 0.293)  # booster
    assert compound_score("It was good, but it was not good.", raw) == norm(good * 0.5 + good * -0.74 * 1.5)
    assert compound_score("The book was good!!", raw) == norm(good + 2 * 0.292)  # exclamation marks
    assert compound_score("The book was kind of good.", raw) == norm(good - 0.293)  # "kind of" dampens, scores 0
    assert compound_score("The book was GOOD.", raw) == norm(good + 0.733)  # capitals among lower case


def test_a_sentence_with_an_emoji_is_scored_by_vader_itself():
    analyzer = load_tone_analyzer()
    text = "What a day \U0001f600 it was"
    (score,) = sentence_compounds(make_document(text), band=0.0)
    assert score == analyzer.polarity_scores(text)["compound"] and score > 0


@pytest.mark.parametrize("body, same", [
    ("Plain TEXT, Caf\u00e9 and \u201cquotes\u201d.", True),
    ("\u0130stanbul grew.", False),  # lower case of dotted capital I is two characters
    ("\u039f\u0394\u039f\u03a3 road.", False),  # final sigma depends on the next character
])
def test_lower_body_is_the_body_lowered_character_for_character(body, same):
    doc = make_document(body)
    if same:
        assert doc.lower_body == body.lower() and len(doc.lower_body) == len(body)
    else:
        assert doc.lower_body is None
        assert sentence_compounds(doc, band=0.0) == tuple(
            load_tone_analyzer().polarity_scores(doc.text(s))["compound"] for s in doc.sentences)
