"""The annotations export: every span, and every metric column recomputed from it alone."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from analysis.core import paths
from analysis.framing.actors import story_people
from analysis.annotations import ANNOTATION_COLUMNS, LAYERS, annotations_table, article_annotations, parse_details
from analysis.cli import main
from analysis.framing.codebook import load_codebooks
from analysis.io.corpus import Article, load_story
from analysis.framing.frames import frame_cues_frame, frames_table
from analysis.metrics import VOICE_PREFIXES, analyse_article, analyse_story, metrics_table
from analysis.speech.quote_tables import quotes_frame
from analysis.text.readability import READABILITY_COLUMNS, ReadabilityCounts, readability_scores
from analysis.framing.stance import STANCE_COLUMNS, stance_markers_frame
from analysis.framing.tone import TONE_COLUMNS

LIBRARY = paths.PROJECT_ROOT / "tests" / "fixtures" / "stories" / "library-closure"
STORIES = [paths.DEFAULT_STORY, LIBRARY]
IDS = ["askmoreofhim", "library-closure"]
MIXED = "mixed-languages"  # built in a temporary folder by _story_dir
MIXED_ARTICLES = {
    "french.md": "---\noutlet: A\nlanguage: fr\n---\nLe conseil a voté le budget lundi. « C'est une "
                 "question de justice pour les familles », a dit la maire.\n",
    "gibberish.md": "---\noutlet: B\n---\nGlorpish budget vantrel flimbered quastly borndle. Snarvish "
                    "trelpers blimbed zorquet family, frandle mewtish plorked costly dispute vreeble gantry "
                    "osk. Trimble quonset brazzle fenwick dorp, malvish tronders gleeked budget sprockle.\n",
    "english.md": "---\noutlet: A\n---\nThe council cut the budget. \"It is a question of justice for "
                  "families,\" the mayor said. Parents fear a long dispute.\n",
}


def _story_dir(name: Path | str, tmp_path: Path) -> Path:
    """A stored story, or the mixed-language story written under ``tmp_path``."""
    if name != MIXED:
        return Path(name)
    root = tmp_path / "mixed"
    root.mkdir()
    for file, text in MIXED_ARTICLES.items():
        (root / file).write_text(text, encoding="utf-8")
    return root


def _export(story_dir: Path, tmp_path: Path, fmt: str = "csv") -> pd.DataFrame:
    out = tmp_path / f"annotations.{fmt}"
    assert main(["annotations", str(story_dir), "--format", fmt, "--out", str(out)]) == 0
    if fmt == "json":
        return pd.DataFrame(json.loads(out.read_text(encoding="utf-8")))
    return pd.read_csv(out, dtype={"label": str, "text": str, "detail": str, "article_id": str},
                       keep_default_na=False)


def _nan_equal(a: float, b: float) -> bool:
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None or (isinstance(b, float) and math.isnan(b))
    return b == pytest.approx(a, rel=1e-9, abs=1e-12)


# ----------------------------------------------------------------------------
# recomputation, from the export only


def _recompute_metrics(ann: pd.DataFrame) -> dict[str, dict[str, float]]:
    """The metric columns of each article, from its annotation rows alone."""
    out: dict[str, dict[str, float]] = {}
    for article_id, rows in ann.groupby("article_id", sort=False):
        details = parse_details(rows)
        by_layer: dict[str, list[tuple[pd.Series, dict]]] = {}
        for (_, row), d in zip(rows.iterrows(), details):
            by_layer.setdefault(row["layer"], []).append((row, d))
        sentences = [d for _, d in sorted(by_layer.get("sentence", []), key=lambda x: x[1]["index"])]
        r: dict[str, float] = {"n_paragraphs": len(by_layer.get("paragraph", [])), "n_sentences": len(sentences)}
        n_words = sum(d["n_words"] for d in sentences)
        r["n_words"] = n_words
        speech = [d for row, d in by_layer.get("quote", []) if row["label"] in ("full", "partial")]
        r["n_quotes"] = len(speech)
        r["n_quote_groups"] = len({d["quote_id"] for d in speech})
        counts = {v: sum((ReadabilityCounts(**d[v]) for d in sentences), ReadabilityCounts()) for v in ("own", "quoted")}
        n_quoted = counts["quoted"].n_words
        r["n_quoted_words"] = n_quoted
        r["quote_density"] = n_quoted / n_words if n_words else math.nan
        r["quotes_per_100_words"] = 100 * len(speech) / n_words if n_words else math.nan
        r["own_voice_share"] = (n_words - n_quoted) / n_words if n_words else math.nan
        r["own_voice_n_words"] = n_words - n_quoted
        r["own_voice_n_sentences"] = counts["own"].n_sentences
        r["quoted_n_sentences"] = counts["quoted"].n_sentences
        reported = [d for row, d in by_layer.get("quote", []) if row["label"] in ("indirect", "mixed")]
        r["n_reported"] = len(reported)
        r["n_reported_words"] = sum(d["n_reported_words"] for d in sentences)
        r["reported_word_share"] = r["n_reported_words"] / n_words if n_words else math.nan
        r["reported_n_sentences"] = sum(d["n_reported_words"] / d["n_words"] for d in sentences if d["n_words"])
        n_speech = len(reported) + r["n_quote_groups"]
        r["reported_speech_share"] = len(reported) / n_speech if n_speech else math.nan
        total = ReadabilityCounts(**{
            k: v for k, v in vars(counts["own"] + counts["quoted"]).items() if k != "n_sentences"
        }, n_sentences=float(len(sentences)))
        words = {
            "all": [w for d in sentences for w in d["words"]],
            "own": [w for d in sentences for w, v in zip(d["words"], d["voices"]) if v == "o"],
            "quoted": [w for d in sentences for w, v in zip(d["words"], d["voices"]) if v == "q"],
        }
        voice_counts = {"all": total, "own": counts["own"], "quoted": counts["quoted"]}
        for voice, prefix in VOICE_PREFIXES.items():
            for key, value in readability_scores(voice_counts[voice], words[voice], warn=False).items():
                r[prefix + key] = value
        # tone: sentence compounds weighted by voice share
        for voice, prefix in VOICE_PREFIXES.items():
            pairs = []
            for d in sentences:
                w = {"all": 1.0, "own": 1 - d["quoted_share"], "quoted": d["quoted_share"]}[voice]
                pairs.append((d["compound"], w))
            total_w = sum(w for _, w in pairs)
            if total_w == 0:
                for k in ("tone_mean", "tone_sd", "tone_positive_share", "tone_negative_share"):
                    r[prefix + k] = math.nan
                continue
            mean = sum(c * w for c, w in pairs) / total_w
            r[prefix + "tone_mean"] = mean
            r[prefix + "tone_sd"] = math.sqrt(sum(w * (c - mean) ** 2 for c, w in pairs) / total_w)
            r[prefix + "tone_positive_share"] = sum(w for c, w in pairs if c >= 0.05) / total_w
            r[prefix + "tone_negative_share"] = sum(w for c, w in pairs if c <= -0.05) / total_w
        # stance: marker rows by voice, per 1,000 words of the voice
        voice_words = {"all": n_words, "own": n_words - n_quoted, "quoted": n_quoted}
        for layer, stem in [("hedge", "hedges"), ("booster", "boosters"), ("evaluative", "evaluative"),
                            ("scare_quote", "scare_quotes")]:
            for voice, prefix in VOICE_PREFIXES.items():
                n = sum(1 for _, d in by_layer.get(layer, []) if voice == "all" or d["voice"] == voice)
                r[f"{prefix}n_{stem}"] = n
                r[f"{prefix}{stem}_per_1k_words"] = 1000 * n / voice_words[voice] if voice_words[voice] else math.nan
        if sentences and sentences[0]["unscored_reason"]:  # not English: English-only scores are empty
            for prefix in VOICE_PREFIXES.values():
                for key in READABILITY_COLUMNS + TONE_COLUMNS + STANCE_COLUMNS:
                    r[prefix + key] = math.nan
        out[str(article_id)] = r
    return out


@pytest.mark.parametrize("story_dir", STORIES + [MIXED], ids=IDS + [MIXED])
def test_every_metric_column_is_recomputed_from_the_annotations_export(story_dir, tmp_path):
    story_dir = _story_dir(story_dir, tmp_path)
    ann = _export(story_dir, tmp_path)
    story = load_story(story_dir)
    metrics = metrics_table(story).set_index("article_id")
    recomputed = _recompute_metrics(ann)
    skip = {"outlet", "n_articles", "package_version", "corpus_sha256"}
    columns = [c for c in metrics.columns if c not in skip]
    assert set(columns) <= set(next(iter(recomputed.values())))  # every column is covered
    for article_id, row in metrics.iterrows():
        for column in columns:
            assert _nan_equal(row[column], recomputed[article_id][column]), (article_id, column)


@pytest.mark.parametrize("story_dir", STORIES + [MIXED], ids=IDS + [MIXED])
def test_frame_scores_are_recomputed_from_the_annotations_export(story_dir, tmp_path):
    story_dir = _story_dir(story_dir, tmp_path)
    ann = _export(story_dir, tmp_path)
    story = load_story(story_dir)
    codebooks = load_codebooks(story.root, story.meta)
    table = frames_table(analyse_story(story), codebooks)
    details = parse_details(ann)
    sentences: dict[tuple[str, int], float] = {}
    n_words: dict[tuple[str, str], int] = {}
    n_sent: dict[tuple[str, str], float] = {}
    cues: dict[tuple[str, str, str], list[dict]] = {}
    unscored: set[str] = set()
    reported_share: dict[tuple[str, int], float] = {}
    reported_spans: dict[str, list[tuple[int, int]]] = {}
    for (_, row), d in zip(ann.iterrows(), details):
        aid = row["article_id"]
        if row["layer"] == "sentence":
            if d["unscored_reason"]:
                unscored.add(aid)
            sentences[(aid, d["index"])] = d["quoted_share"]
            for v in ("own", "quoted"):
                n_words[(aid, v)] = n_words.get((aid, v), 0) + d[v]["n_words"]
                n_sent[(aid, v)] = n_sent.get((aid, v), 0.0) + d[v]["n_sentences"]
            n_words[(aid, "all")] = n_words.get((aid, "all"), 0) + d["n_words"]
            n_sent[(aid, "all")] = n_sent.get((aid, "all"), 0.0) + 1
            share = d["n_reported_words"] / d["n_words"] if d["n_words"] else 0.0
            reported_share[(aid, d["index"])] = share
            n_words[(aid, "reported")] = n_words.get((aid, "reported"), 0) + d["n_reported_words"]
            n_sent[(aid, "reported")] = n_sent.get((aid, "reported"), 0.0) + share
        elif row["layer"] == "frame_cue":
            cues.setdefault((aid, d["codebook"], d["frame"]), []).append(dict(d, start=row["start"]))
        elif row["layer"] == "quote" and row["label"] in ("indirect", "mixed"):
            reported_spans.setdefault(aid, []).append((row["start"], row["end"]))

    def in_voice(aid: str, d: dict, voice: str) -> bool:
        if voice == "reported":  # an own-voice cue inside reported-speech content
            return d["voice"] == "own" and any(s <= d["start"] < e for s, e in reported_spans.get(aid, []))
        return voice == "all" or d["voice"] == voice

    for row in table.itertuples():
        aid, voice = row.article_id, row.voice
        if aid in unscored:  # not English: no frame scores, although its cues are listed
            assert row.n_cues == 0 and math.isnan(row.cues_per_1k_words) and math.isnan(row.sentence_share)
            continue
        mine = [d for d in cues.get((aid, row.codebook, row.frame), []) if in_voice(aid, d, voice)]
        carried = {d["sentence"] for d in mine}
        if voice == "reported":
            share_num = sum(reported_share[(aid, i)] for i in carried)
        else:
            weight = {"all": lambda s: 1.0, "own": lambda s: 1 - s, "quoted": lambda s: s}[voice]
            share_num = sum(weight(sentences[(aid, i)]) for i in carried)
        assert row.n_cues == len(mine)
        words, sents = n_words[(aid, voice)], n_sent[(aid, voice)]
        assert _nan_equal(row.cues_per_1k_words, 1000 * len(mine) / words if words else math.nan)
        assert _nan_equal(row.sentence_share, share_num / sents if sents else math.nan)


# ----------------------------------------------------------------------------
# completeness and format


@pytest.mark.parametrize("story_dir", STORIES, ids=IDS)
def test_every_quote_cue_and_marker_is_a_span_with_its_text(story_dir):
    story = load_story(story_dir)
    analyses = analyse_story(story)
    codebooks = load_codebooks(story.root, story.meta)
    ann = annotations_table(analyses, codebooks, story_people(story.root), story.corpus_sha256)
    assert list(ann.columns) == list(ANNOTATION_COLUMNS)
    assert set(ann["layer"]) <= set(LAYERS)
    bodies = {a.article.article_id: a.article.body for a in analyses}
    for row in ann.itertuples():
        assert bodies[row.article_id][row.start : row.end] == row.text
    spans = lambda df, layer: set(zip(df["article_id"], df["start"], df["end"])) if layer is None else set(  # noqa: E731
        zip(df.loc[df["layer"] == layer, "article_id"], df.loc[df["layer"] == layer, "start"],
            df.loc[df["layer"] == layer, "end"]))
    quotes = quotes_frame(analyses)
    assert set(zip(quotes["article_id"], quotes["start"], quotes["end"])) == spans(ann, "quote")
    cues = frame_cues_frame(analyses, codebooks)
    assert len(cues) == (ann["layer"] == "frame_cue").sum()
    markers = stance_markers_frame(analyses)
    for layer in ("hedge", "booster", "evaluative", "scare_quote"):
        mine = markers[markers["layer"] == layer]
        assert set(zip(mine["article_id"], mine["start"], mine["end"])) == spans(ann, layer)
    # speakers and verbs sit where the quotes say they are written
    for a in analyses:
        for q in a.quotes:
            if q.speaker_start >= 0:
                row = ann[(ann["layer"] == "speaker") & (ann["article_id"] == a.article.article_id)
                          & (ann["start"] == q.speaker_start)]
                assert list(row["label"]) == [q.speaker]


def test_json_export_has_detail_objects_and_null_for_undefined(tmp_path):
    ann = _export(LIBRARY, tmp_path, "json")
    assert isinstance(ann["detail"].iloc[0], dict)
    lead = ann[ann["layer"] == "lead"]
    assert len(lead) == 3
    # outlet rows are absent here; an article without quotes would carry null (see below)
    article = Article("x", "X", Path("x.md"), "No quote at all.")
    (lead_row,) = [a for a in article_annotations(analyse_article(article)) if a.layer == "lead"]
    table = annotations_table([analyse_article(article)], layers=["lead"])
    detail = json.loads(table["detail"].iloc[0])
    assert math.isnan(lead_row.detail["first_quote_word_share"])
    assert detail["first_quote_word_share"] is None and detail["words_before_first_quote"] is None


def test_empty_article_and_layer_filter():
    assert article_annotations(analyse_article(Article("e", "E", Path("e.md"), ""))) == []
    # a paragraph without words is still a paragraph (it counts in n_paragraphs), nothing else
    a = analyse_article(Article("e", "E", Path("e.md"), "…"))
    assert [(x.layer, x.start, x.end) for x in article_annotations(a)] == [("paragraph", 0, 1)]
    table = annotations_table([analyse_article(Article("x", "X", Path("x.md"), "It may rain."))], layers=["hedge"])
    assert list(table["text"]) == ["may"]
    with pytest.raises(ValueError, match="valid layers: paragraph, sentence"):
        annotations_table([], layers=["words"])


def test_sentence_detail_carries_counts_words_by_voice_and_tone():
    a = analyse_article(Article("x", "X", Path("x.md"), '"We must act," she said.'))
    (sentence,) = [x for x in article_annotations(a) if x.layer == "sentence"]
    d = sentence.detail
    assert d["words"] == ["We", "must", "act", "she", "said"] and d["voices"] == "qqqoo"
    assert d["quoted_share"] == pytest.approx(3 / 5)
    assert d["own"]["n_words"] == 2 and d["quoted"]["n_words"] == 3
    assert d["own"]["n_sentences"] == pytest.approx(2 / 5)
    assert d["quoted"]["n_syllables"] == 3  # we, must, act
    assert -1 <= d["compound"] <= 1 and sentence.label in ("positive", "negative", "neutral")


def test_annotations_command_bad_input_exits_2(tmp_path, capsys):
    assert main(["annotations", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err
    assert "no such folder" in err and len(err.strip().splitlines()) == 1
    bad = tmp_path / "bad.yml"
    bad.write_text("- not a mapping\n", encoding="utf-8")
    assert main(["annotations", str(LIBRARY), "--codebook", str(bad)]) == 2
    assert "bad.yml" in capsys.readouterr().err


def test_annotations_command_extra_codebook_adds_cues(tmp_path, capsys):
    book = tmp_path / "mine.yml"
    book.write_text("codebook: mine\nframes:\n  - {id: books, label: B, definition: D., cues: [book], "
                    "example: E.}\n", encoding="utf-8")
    assert main(["annotations", str(LIBRARY), "--codebook", str(book), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    mine = [r for r in rows if r["layer"] == "frame_cue" and r["label"] == "mine:books"]
    assert [r["text"] for r in mine] == ["books"]  # "lends about 40,000 books"
