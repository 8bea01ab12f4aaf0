"""Tests for analysis.evaluate.speech_eval and the ``evaluate`` command.

The metric functions are checked on hand-worked spans; the whole evaluation on
tests/fixtures/gold_mini (two invented articles, 5 direct and 3 reported gold
spans, 6 names) with systems whose output is fixed, so every expected figure is
worked out by hand below.
"""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.io.corpus import Article
from analysis.evaluate.speech_eval import (
    RESULT_COLUMNS,
    PredictedSpan,
    System,
    evaluate_gold,
    format_evaluation,
    load_gold,
    match_spans,
    overlap_share,
    prf,
    speaker_key,
)
from analysis.evaluate.speech_peers import naive_spans, naive_system

MINI = Path(__file__).resolve().parent / "fixtures" / "gold_mini"


# ----------------------------------------------------------------------------
# metric functions


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ((0, 3), (0, 10), 0.3),  # 3 of 10 gold characters: exactly the lower threshold
        ((0, 2), (0, 10), 0.2),
        ((5, 20), (0, 10), 0.5),  # shares 5..10
        ((0, 100), (10, 20), 1.0),  # a longer prediction covers the gold span
        ((10, 20), (0, 10), 0.0),  # touching, not overlapping
        ((0, 10), (5, 5), 0.0),  # empty gold span
    ],
)
def test_overlap_share(predicted, gold, expected):
    assert overlap_share(predicted, gold) == pytest.approx(expected)


def test_overlap_of_exactly_the_threshold_matches_and_just_below_does_not():
    assert match_spans([(0, 3)], [(0, 10)], 0.3) == [(0, 0)]
    assert match_spans([(0, 2)], [(0, 10)], 0.3) == []
    assert match_spans([(0, 8)], [(0, 10)], 0.8) == [(0, 0)]
    assert match_spans([(0, 7)], [(0, 10)], 0.8) == []


def test_matching_is_one_to_one():
    # one prediction covers two gold spans: only the first gold span gets it
    assert match_spans([(0, 20)], [(0, 10), (10, 20)], 0.3) == [(0, 0)]
    # two predictions for one gold span: the better one matches, the other stays a false positive
    assert match_spans([(0, 4), (0, 9)], [(0, 10)], 0.3) == [(0, 1)]
    # a tie goes to the earlier prediction
    assert match_spans([(0, 5), (5, 10)], [(0, 10)], 0.3) == [(0, 0)]
    # the second gold span takes the prediction the first one left
    assert match_spans([(0, 5), (5, 10)], [(0, 10), (5, 10)], 0.3) == [(0, 0), (1, 1)]


@pytest.mark.parametrize(("predicted", "gold"), [([], []), ([(0, 5)], []), ([], [(0, 5)])])
def test_matching_with_nothing_on_one_side(predicted, gold):
    assert match_spans(predicted, gold, 0.3) == []


@pytest.mark.parametrize("threshold", [0, -0.1, 1.5])
def test_matching_rejects_a_threshold_outside_0_1(threshold):
    with pytest.raises(ValueError, match="threshold"):
        match_spans([], [], threshold)


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ((3, 4, 6), (0.75, 0.5, 0.6)),  # F1 = 2*3 / (4 + 6)
        ((0, 0, 0), (math.nan, math.nan, math.nan)),  # empty gold and empty prediction
        ((0, 0, 4), (math.nan, 0.0, 0.0)),  # empty prediction
        ((0, 3, 0), (0.0, math.nan, 0.0)),  # empty gold
        ((2, 2, 2), (1.0, 1.0, 1.0)),
    ],
)
def test_prf(counts, expected):
    for got, want in zip(prf(*counts), expected):
        assert (math.isnan(got) and math.isnan(want)) or got == pytest.approx(want)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Jane Roe", "jane roe", True),
        ("The Ministry of Health", "Ministry  of Health", True),
        ("Time\u2019s Up", "Time's Up", True),
        ("Jane Roe; John Doe", "John Doe;Jane Roe", True),
        ("Jane Roe; John Doe", "Jane Roe", False),
        ("Roe", "Jane Roe", False),
        ("", "", True),
        ("", "Jane Roe", False),
        ("theatre group", "atre group", False),  # only a whole leading word "the" is dropped
    ],
)
def test_speaker_key(a, b, same):
    assert (speaker_key(a) == speaker_key(b)) is same


# ----------------------------------------------------------------------------
# the whole evaluation on the mini gold set


def _fixed_system(predictions: dict[str, list[tuple[str, ...]]]) -> System:
    """A system that returns, per article id, spans given by (text, kind, speaker[, cue])."""

    def extract(article: Article) -> list[PredictedSpan]:
        out = []
        for text, kind, speaker, *cue in predictions.get(article.article_id, []):
            start = article.body.index(text)
            out.append(PredictedSpan(start, start + len(text), kind, speaker, *cue))
        return out

    return System("fixed", extract)


def _row(table: pd.DataFrame, task: str, threshold: float = 0.3, breakdown: str = "overall",
         group: str = "all", system: str | None = None) -> pd.Series:
    t = table[(table["task"] == task) & (table["breakdown"] == breakdown) & (table["group"] == group)]
    if system is not None:
        t = t[t["system"] == system]
    if not math.isnan(threshold):
        t = t[t["threshold"] == threshold]
    assert len(t) == 1, t
    return t.iloc[0]


FIXED = _fixed_system({
    "mini-council": [
        ("We have no", "direct", "ana  ruiz"),  # 10 of the gold span's 22 characters: 0.45
        ("The council will vote", "direct", "The council"),  # no gold span here: a false positive
        ("library would close", "reported", "Ana Ruiz"),  # 19 of 34 characters: 0.56
    ],
    "mini-launch": [
        ("The weather looks good,", "direct", "NASA officials", "Said"),  # exact span, wrong speaker, cue right
    ],
})


def test_fixed_system_figures_worked_by_hand():
    table = evaluate_gold(MINI, [FIXED]).table
    assert list(table.columns) == list(RESULT_COLUMNS)
    # direct at 0.3: gold 5, predicted 3, matched 2 ("We have no" 0.45, "The weather" 1.0)
    # P = 2/3, R = 2/5, F1 = 2*2/(3+5) = 0.5; speakers: "ana  ruiz" = "Ana Ruiz", "NASA
    # officials" != "NASA": 1 of 2
    d3 = _row(table, "direct", 0.3)
    assert (d3.n_gold, d3.n_predicted, d3.n_matched, d3.n_speaker_correct) == (5, 3, 2, 1)
    assert (d3.precision, d3.recall, d3.f1, d3.speaker_accuracy) == pytest.approx((2 / 3, 0.4, 0.5, 0.5))
    # cues: "" for "We have no" (gold: said) is wrong, "Said" = "said" is right: 1 of 2
    assert (d3.n_cue_correct, d3.cue_accuracy) == (1, pytest.approx(0.5))
    # direct at 0.8: only "The weather looks good," (1.0) matches: P 1/3, R 1/5, F1 2/8; speaker 0/1
    d8 = _row(table, "direct", 0.8)
    assert d8.n_matched == 1
    assert (d8.precision, d8.recall, d8.f1, d8.speaker_accuracy) == pytest.approx((1 / 3, 0.2, 0.25, 0.0))
    # reported at 0.3: gold 3, predicted 1, matched 1: P 1, R 1/3, F1 2/4; speaker 1/1
    r = _row(table, "reported", 0.3)
    assert (r.n_gold, r.n_predicted, r.n_matched) == (3, 1, 1)
    assert (r.precision, r.recall, r.f1, r.speaker_accuracy) == pytest.approx((1.0, 1 / 3, 0.5, 1.0))
    assert r.cue_accuracy == 0.0  # no cue given; the gold cue is "said"
    # per phenomenon: said-name is on the two Ana Ruiz quotes; one matched (speaker right)
    tag = _row(table, "direct", 0.3, "phenomenon", "said-name")
    assert (tag.n_gold, tag.n_matched, tag.n_speaker_correct) == (2, 1, 1)
    assert tag.recall == pytest.approx(0.5)
    assert math.isnan(tag.precision) and pd.isna(tag.n_predicted)  # predictions carry no tag
    # per outlet: Mini Wire has 2 direct gold spans and 1 prediction, matched: P 1, R 1/2, F1 2/3
    wire = _row(table, "direct", 0.3, "outlet", "Mini Wire")
    assert (wire.precision, wire.recall, wire.f1) == pytest.approx((1.0, 0.5, 2 / 3))
    # Mini Gazette: gold 3, predicted 2 (one false positive), matched 1
    gazette = _row(table, "direct", 0.3, "format", "local")
    assert (gazette.n_gold, gazette.n_predicted, gazette.n_matched) == (3, 2, 1)
    # a system that does not type names has no person-typing row
    assert not (table["task"] == "person_typing").any()


def test_naive_baseline_on_the_mini_gold_worked_by_hand():
    # The baseline pairs the marks: its 5 spans are exactly the 5 direct gold spans
    # (P = R = F1 = 1 at 0.3 and 0.8). Speakers, nearest capitalised run in the sentence:
    # "Mayor Ana Ruiz" (title kept: wrong), "" for "Nothing at all." (its sentence has no
    # name outside the quote: wrong), "" for "a necessary step" ("The" skipped: wrong),
    # "NASA" (right), "Lee" for Jo Lee (wrong): 1 of 5. No reported speech: R = 0, F1 = 0.
    table = evaluate_gold(MINI, [naive_system()]).table
    for threshold in (0.3, 0.8):
        d = _row(table, "direct", threshold)
        assert (d.n_gold, d.n_predicted, d.n_matched, d.n_speaker_correct) == (5, 5, 5, 1)
        assert (d.precision, d.recall, d.f1, d.speaker_accuracy) == pytest.approx((1, 1, 1, 0.2))
    r = _row(table, "reported")
    assert (r.n_gold, r.n_predicted, r.n_matched, r.recall, r.f1) == (3, 0, 0, 0.0, 0.0)
    assert math.isnan(r.precision)
    org = _row(table, "direct", 0.3, "phenomenon", "organisation")  # the council (wrong), NASA (right)
    assert (org.n_gold, org.n_matched, org.n_speaker_correct) == (2, 2, 1)


def test_naive_speakers():
    speakers = [s.speaker for a in load_gold(MINI)[0].articles for s in naive_spans(a.article)]
    assert speakers == ["Mayor Ana Ruiz", "", "", "NASA", "Lee"]


def test_person_typing_on_the_mini_gold():
    # gold persons: Ana Ruiz, Jo Lee. Predicted persons: those two ("Mayor" and "director"
    # stand before them) and "Harbor Lights" (two capitalised words, no cue: the default):
    # P = 2/3, R = 2/2. NASA (acronym), Main St (St), Space Launch System (System) are not.
    ev = evaluate_gold(MINI)
    row = _row(ev.table, "person_typing", math.nan, system="project")
    assert (row.n_gold, row.n_predicted, row.n_matched) == (2, 3, 2)
    assert (row.precision, row.recall) == pytest.approx((2 / 3, 1.0))
    names = ev.names[ev.names["list"] == "names"]
    typed = dict(zip(names["text"], names["predicted_type"]))
    assert typed == {"Ana Ruiz": "person", "Harbor Lights": "person", "Main St": "place",
                     "NASA": "organisation", "Space Launch System": "other", "Jo Lee": "person"}


def test_source_typing_on_the_mini_gold():
    # distinct named gold speakers: Ana Ruiz (person), the council (organisation), NASA
    # (organisation), Jo Lee (person). The speakers table types "the council" as unnamed (no
    # capital: no name), the others as the gold does: person P = 2/2, R = 2/2.
    ev = evaluate_gold(MINI)
    row = _row(ev.table, "source_typing", math.nan, system="project")
    assert (row.n_gold, row.n_predicted, row.n_matched) == (2, 2, 2)
    speakers = ev.names[ev.names["list"] == "speakers"]
    assert dict(zip(speakers["text"], speakers["predicted_type"])) == {
        "Ana Ruiz": "person", "the council": "unnamed", "NASA": "organisation", "Jo Lee": "person"}


def test_text_report_names_every_section():
    ev = evaluate_gold(MINI, [FIXED])
    text = format_evaluation(ev)
    assert "gold_mini: 2 articles, 2 outlets, 5 direct and 3 reported gold spans, 6 names" in text
    for part in ("direct @0.3", "direct @0.8", "reported @0.3", "per phenomenon", "per outlet",
                 "per format", "per story type", "direct: said-name"):
        assert part in text


def test_both_halves_are_reported_separately(tmp_path):
    shutil.copytree(MINI, tmp_path / "dev")
    shutil.copytree(MINI, tmp_path / "test")
    (tmp_path / "test" / "articles" / "mini-launch.md").unlink()
    (tmp_path / "test" / "spans" / "mini-launch.yml").unlink()
    ev = evaluate_gold(tmp_path, [FIXED])
    assert ev.halves["half"].tolist() == ["dev", "test"]
    assert _row(ev.table[ev.table["half"] == "dev"], "direct").n_gold == 5
    assert _row(ev.table[ev.table["half"] == "test"], "direct").n_gold == 3  # mini-council only


# ----------------------------------------------------------------------------
# the command


def test_command_prints_text_and_json(capsys):
    assert main(["evaluate", str(MINI)]) == 0
    out = capsys.readouterr().out
    assert "-- system: project --" in out and "person typing" in out
    assert main(["evaluate", str(MINI), "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert set(records[0]) == set(RESULT_COLUMNS)
    direct = [r for r in records if r["task"] == "direct" and r["breakdown"] == "overall"]
    assert sorted(r["threshold"] for r in direct) == [0.3, 0.8]
    assert all(r["n_gold"] == 5 for r in direct)


def test_command_with_peers_runs_the_naive_baseline(capsys):
    assert main(["evaluate", str(MINI), "--format", "csv", "--peers"]) == 0
    captured = capsys.readouterr()
    systems = set(pd.read_csv(__import__("io").StringIO(captured.out))["system"])
    assert {"project", "naive"} <= systems
    if "textacy" not in systems:  # not installed here: said once, plainly
        assert "textacy peer not run" in captured.err


def _broken(tmp_path: Path, how: str) -> Path:
    root = tmp_path / "gold"
    shutil.copytree(MINI, root)
    spans = root / "spans" / "mini-launch.yml"
    if how == "missing-span-file":
        spans.unlink()
    elif how == "text-not-in-body":
        spans.write_text(spans.read_text(encoding="utf-8").replace("We are go,", "We are going,"),
                         encoding="utf-8")
    elif how == "bad-kind":
        spans.write_text(spans.read_text(encoding="utf-8").replace("kind: direct", "kind: quoted", 1),
                         encoding="utf-8")
    elif how == "not-yaml":
        spans.write_text("spans: [unclosed", encoding="utf-8")
    elif how == "no-halves":
        shutil.rmtree(root / "articles")
        shutil.rmtree(root / "spans")
        (root / "notes.txt").write_text("nothing here", encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("how", "message"),
    [
        ("missing-span-file", "mini-launch.yml: missing"),
        ("text-not-in-body", "mini-launch.yml: span 3: text 'We are going,'"),
        ("bad-kind", "mini-launch.yml: span 1: kind 'quoted' is not one of direct, reported"),
        ("not-yaml", "mini-launch.yml: cannot read the span file"),
        ("no-halves", "not a gold set: expected articles/ and spans/, or the halves dev/ and test/"),
    ],
)
def test_a_broken_gold_folder_exits_2_with_one_line(tmp_path, capsys, how, message):
    assert main(["evaluate", str(_broken(tmp_path, how))]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ")
    assert message in err


def test_a_missing_folder_exits_2(tmp_path, capsys):
    assert main(["evaluate", str(tmp_path / "nowhere")]) == 2
    assert "not a gold set: no such folder" in capsys.readouterr().err


def test_textacy_peer_is_optional():
    from analysis.evaluate.speech_peers import PeerUnavailable, textacy_system

    try:
        system = textacy_system()
    except PeerUnavailable as exc:  # the usual case: textacy is no project dependency
        assert "README" in str(exc)
        return
    # where textacy and the small English pipeline are installed: spans without their marks
    half = load_gold(MINI)[0]
    spans = [s for a in half.articles for s in system.extract(a.article)]
    bodies = {a.article.article_id: a.article.body for a in half.articles}
    texts = {b[s.start:s.end] for s in spans for b in bodies.values() if 0 <= s.start < s.end <= len(b)}
    assert all(not t.startswith(('"', "\u201c")) for t in texts)


def test_the_order_of_a_span_file_does_not_change_the_figures(tmp_path):
    import yaml

    root = tmp_path / "gold"
    shutil.copytree(MINI, root)
    for path in (root / "spans").glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["spans"] = data["spans"][::-1]
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    before = evaluate_gold(MINI, [FIXED]).table.drop(columns="half")
    after = evaluate_gold(root, [FIXED]).table.drop(columns="half")
    pd.testing.assert_frame_equal(before, after)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('"We won," said Jane Roe.', [("We won,", "Jane Roe")]),
        ("\u201cWe won,\u201d Jane Roe said.", [("We won,", "Jane Roe")]),
        ('He said: "One" and "two".', [("One", ""), ("two", "")]),  # "He" is skipped
        ('"Unpaired opening mark.', []),  # one mark: no pair
        ('"A" "B" "C', [("A", "C"), ("B", "C")]),  # the last mark stays unpaired: C is outside
        ('"Open.\n\n"Next," said Ann Lee.', [("Next,", "Ann Lee")]),  # pairs never cross a paragraph
        ('Ann Lee left. "Yes," said Bo Chan.', [("Yes,", "Bo Chan")]),  # nearest name in the sentence
        ('Ann Lee left. "Yes."', [("Yes.", "")]),  # a name in another sentence is not taken
        ("", []),
    ],
)
def test_naive_baseline_cases(body, expected):
    article = Article("x", "X", Path("x.md"), body)
    assert [(body[s.start:s.end], s.speaker) for s in naive_spans(article)] == expected
