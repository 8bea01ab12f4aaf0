"""Tests for analysis.compare.story and the compare command."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import __version__
from analysis.cli import main
from analysis.compare.story import (
    COMPARE_TABLES,
    OWN_VOICE_CAVEAT,
    article_labels,
    compare_story,
    comparison_payload,
    reuse_effect,
    reuse_quotes,
    selection_summary,
    selection_title,
    side_by_side_html,
    similarity_title,
)
from analysis.io.corpus import load_story
from analysis.core.errors import InputError

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "corpus" / "askmoreofhim"
FIXTURES = Path(__file__).parent / "fixtures" / "compare"


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def seeds():
    return compare_story(load_story(SEEDS))


def test_comparison_tables(seeds):
    for name in COMPARE_TABLES:
        assert isinstance(seeds.table(name), pd.DataFrame)
    with pytest.raises(ValueError, match="valid tables: passages, selection"):
        seeds.table("nope")
    assert seeds.corpus_sha256 == load_story(SEEDS).corpus_sha256
    assert seeds.distinctive.attrs["warning"].startswith("weak evidence")


def test_payload_is_one_json_object_with_the_documented_keys(seeds):
    payload = comparison_payload(seeds)
    text = json.dumps(payload, allow_nan=False)  # no NaN: undefined numbers are null
    back = json.loads(text)
    assert back["package_version"] == __version__ and back["corpus_sha256"] == seeds.corpus_sha256
    for key in ("shared_passages", "selection", "distinctive_terms", "similarity"):
        assert isinstance(back[key], list) and back[key]
    passage = back["shared_passages"][0]
    assert {"id", "text", "n_words", "single_source", "articles"} <= set(passage)
    assert {"article_id", "start", "end", "quoted"} <= set(passage["articles"][0])
    assert {"passage_id", "article_id", "status"} <= set(back["selection"][0])
    assert {"article_id", "term", "z_score", "count"} <= set(back["distinctive_terms"][0])
    assert set(back["similarity"][0]) == {"article_a", "article_b", "method", "value"}
    assert back["distinctive_terms_warning"].startswith("weak evidence")


def test_payload_offsets_point_at_the_passage_text(seeds):
    payload = comparison_payload(seeds)
    bodies = {a.article_id: a.document.body for a in seeds.alignment.articles}
    men = [p for p in payload["shared_passages"] if "Men are imperfect. We are imperfect." in p["text"]]
    assert len(men) == 1 and {a["article_id"] for a in men[0]["articles"]} == {"outlet-a", "outlet-b", "outlet-c"}
    c = [a for a in men[0]["articles"] if a["article_id"] == "outlet-c"][0]
    assert bodies["outlet-c"][c["start"] : c["end"]].startswith("Some may question people's motives")
    assert c["quoted"] is False


def test_selection_summary(seeds):
    text = selection_summary(seeds.selection, article_labels(seeds.alignment))
    assert text.startswith("Outlet A carries ") and "Outlet C carries" in text and "unmarked" in text
    assert selection_summary(seeds.selection.iloc[0:0]) == "No passage of a common source was found."


def test_titles_are_computed_from_the_data(seeds):
    # outlet C carries 8 of the 9 letter passages (all but outlet A's single quote), A only 3
    assert selection_title(seeds) == "9 passages of the letter: Outlet C carries 8, Outlet A only 3"
    title = similarity_title(seeds, "shared_passages")
    assert title.startswith("Most alike by shared passages: Outlet B and Outlet C (")
    assert similarity_title(seeds, "tfidf_cosine").startswith("Most alike by TF-IDF cosine:")
    empty = compare_story(load_story(FIXTURES / "empty"))
    assert selection_title(empty).startswith("No passage")
    assert similarity_title(empty, "shared_passages").startswith("No pair")
    with_source = compare_story(load_story(FIXTURES / "source"))
    assert selection_title(with_source) == "5 passages of River Trust's document: every outlet carries 2 of them"


def test_titles_name_every_tie(seeds):
    # Make Outlet B carry as many letter passages as Outlet C (8 of 9, counted in the test
    # above) and give two pairs the same similarity: both titles must name every tied entry.
    from dataclasses import replace as dc_replace

    labels = {a.article_id: a.outlet for a in seeds.alignment.articles}
    by_outlet = {v: k for k, v in labels.items()}
    sel = seeds.selection.copy()
    b_rows = sel["article_id"] == by_outlet["Outlet B"]
    sel.loc[b_rows, "status"] = "quoted"
    b_rows_idx = sel.index[b_rows]
    sel.loc[b_rows_idx[-1], "status"] = "omitted"  # 8 of the 9 carried, as Outlet C
    tied = dc_replace(seeds, selection=sel)
    assert selection_title(tied) == "9 passages of the letter: Outlet B and Outlet C carry 8, Outlet A only 3"
    sim = seeds.similarity.copy()
    rows = sim[sim["method"] == "shared_passages"].index
    sim.loc[rows, "value"] = 0.5
    title = similarity_title(dc_replace(seeds, similarity=sim), "shared_passages")
    assert title.startswith("Most alike by shared passages, tied at 0.50 on a 0-1 scale: ")
    assert title.count(" and ") == len(rows)


def test_reuse_effect(seeds):
    effect = reuse_effect(seeds).set_index("article_id")
    assert (effect["own_voice_n_words_reuse_quoted"] <= effect["own_voice_n_words"]).all()
    # outlet C's unmarked paragraph ("Some may question ... accountability", 74 words, counted by hand)
    # and its opening "A group of Hollywood men" (5 words, shared with B) leave its own voice
    c = effect.loc["outlet-c"]
    assert c["own_voice_n_words"] - c["own_voice_n_words_reuse_quoted"] == 74 + 5
    assert effect["reuse_share_of_own_voice"].idxmax() == "outlet-c"
    with_source = reuse_effect(compare_story(load_story(FIXTURES / "source")))
    assert "statement" not in set(with_source["article_id"])


def test_reuse_quotes_feed_the_distinctive_terms(seeds):
    from analysis.compare.distinctive import group_terms
    from analysis.metrics import analyse_story

    extra = reuse_quotes(seeds)
    assert set(extra) == {"outlet-a", "outlet-b", "outlet-c"}
    c = seeds.alignment.article("outlet-c").document.body
    assert any(q.start == c.index("Some may question people's") for q in extra["outlet-c"])
    analyses = analyse_story(load_story(SEEDS))
    before = group_terms(analyses, voice="own")["Outlet C"]
    after = group_terms(analyses, voice="own", extra_quotes=extra)["Outlet C"]
    # "imperfect" (twice) is only in the copied paragraph; of the two "accountability", one is
    # C's own ("to demand more accountability from men in the industry")
    assert (before["imperfect"], after["imperfect"]) == (2, 0)
    assert (before["accountability"], after["accountability"]) == (2, 1)


def test_side_by_side_html(seeds):
    page = side_by_side_html(seeds)
    assert page.count("<tr>") == 1 + (seeds.passages["in_source"]).sum()
    assert 'class="unmarked"' in page and 'class="quoted"' in page and "left out" in page
    assert "Outlet A" in page and "Source passage</th>" in page
    only_c = side_by_side_html(seeds, articles=["outlet-c"])
    assert "Outlet A</th>" not in only_c
    with pytest.raises(ValueError, match="unknown article_id"):
        side_by_side_html(seeds, articles=["nobody"])


def test_side_by_side_escapes_corpus_text(tmp_path):
    quote = '"The river <b>has flooded</b> the lower town four times in ten years & more," the statement said.'
    (tmp_path / "a.md").write_text(f"---\noutlet: <i>A</i>\n---\n{quote}\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(f"---\noutlet: B & Co\n---\n{quote}\n", encoding="utf-8")
    page = side_by_side_html(compare_story(load_story(tmp_path)))
    assert "<b>" not in page and "</b>" not in page and "<i>" not in page
    assert "river &lt;b&gt;has flooded&lt;/b&gt; the" in page and "B &amp; Co" in page


def test_one_article_is_a_clear_error():
    with pytest.raises(InputError, match="comparing outlets needs at least two articles"):
        compare_story(load_story(FIXTURES / "one"))


def test_caveat_names_own_voice():
    assert "own voice" in OWN_VOICE_CAVEAT and "source" in OWN_VOICE_CAVEAT


# ---------------------------------------------------------------- command line

def test_cli_json_seeds(capsys):
    code, out, err = _run(capsys, "compare", str(SEEDS))
    assert code == 0
    payload = json.loads(out)
    assert isinstance(payload, dict)
    assert payload["corpus_sha256"] == load_story(SEEDS).corpus_sha256
    assert "weak evidence" in err  # the plain warning, on stderr
    unmarked = [r for r in payload["unmarked_reuse"] if r["article_id"] == "outlet-c"]
    body = load_story(SEEDS).articles[2].body
    start = body.index("Some may question people's motives")
    assert any(r["start"] == start and r["end"] == body.index(", it continued") for r in unmarked)


@pytest.mark.parametrize(("folder", "n_articles", "n_pairs"), [("two", 2, 1), ("ten", 10, 45)])
def test_cli_two_and_ten_outlets(capsys, folder, n_articles, n_pairs):
    code, out, _ = _run(capsys, "compare", str(FIXTURES / folder), "--format", "json")
    assert code == 0
    payload = json.loads(out)
    assert {r["article_id"] for r in payload["selection"]} == {f.stem for f in (FIXTURES / folder).glob("*.md")}
    assert len({r["article_id"] for r in payload["selection"]}) == n_articles
    assert len(payload["similarity"]) == 2 * n_pairs
    assert any(p["single_source"] for p in payload["shared_passages"])
    statuses = {r["status"] for r in payload["selection"]}
    assert {"quoted", "unmarked", "omitted"} <= statuses


def test_cli_one_article_exit_2_one_line(capsys):
    code, out, err = _run(capsys, "compare", str(FIXTURES / "one"))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: ") and "at least two articles" in err
    assert "Traceback" not in err


def test_cli_empty_articles(capsys):
    code, out, _ = _run(capsys, "compare", str(FIXTURES / "empty"))
    assert code == 0
    payload = json.loads(out)
    assert payload["shared_passages"] == [] and payload["selection"] == []
    assert len(payload["similarity"]) == 2


@pytest.mark.parametrize("table", COMPARE_TABLES)
def test_cli_csv_tables(capsys, table):
    code, out, _ = _run(capsys, "compare", str(FIXTURES / "two"), "--format", "csv", "--table", table)
    assert code == 0
    df = pd.read_csv(io.StringIO(out))
    assert len(df.columns) >= 4


def test_cli_out_file_and_options(capsys, tmp_path):
    target = tmp_path / "compare.json"
    code, out, _ = _run(capsys, "compare", str(SEEDS), "--out", str(target), "--by", "outlet",
                        "--voice", "own", "--top", "3", "--min-count", "1")
    assert code == 0 and out == ""
    payload = json.loads(target.read_text(encoding="utf-8"))
    terms = pd.DataFrame(payload["distinctive_terms"])
    assert "outlet" in terms.columns and terms.groupby("outlet").size().max() <= 3


def test_cli_skip_invalid(capsys, tmp_path):
    for name in ("o01.md", "o07.md"):
        (tmp_path / name).write_bytes((FIXTURES / "ten" / name).read_bytes())
    (tmp_path / "broken.md").write_bytes(b"no front matter\n")
    code, _, err = _run(capsys, "compare", str(tmp_path))
    assert code == 2 and "broken.md" in err
    code, out, err = _run(capsys, "compare", str(tmp_path), "--skip-invalid")
    assert code == 0 and "skipped" in err and json.loads(out)["shared_passages"]


@pytest.mark.slow
def test_python_dash_m_compare(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "compare", str(FIXTURES / "one")],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert result.returncode == 2 and result.stderr.count("\n") == 1


@pytest.mark.slow
@pytest.mark.parametrize("folder", ["one", "ten", "source"])
def test_comparison_notebook_runs_on_other_stories(tmp_path, folder):
    from analysis.core import paths
    from analysis.present import report

    notebook = paths.NOTEBOOKS_DIR / "40-comparison.ipynb"
    written = report.render_reports((FIXTURES / folder).resolve(), tmp_path, [notebook])
    page = (tmp_path / "40-comparison.html").read_text(encoding="utf-8")
    assert tmp_path / "40-comparison.html" in written and "Traceback" not in page
    if folder == "one":
        assert "nothing to compare" in page
    elif folder == "ten":
        # ten articles are more than a side-by-side view can show: the page says so and
        # shows the per-outlet selection chart instead
        assert "The source and the outlets" in page and "Source passage</th>" not in page
        assert "Selection at a glance" in page
    else:
        assert "Source passage</th>" in page


def _distinctive_terms(capsys, *options: str) -> pd.DataFrame:
    code, out, _ = _run(capsys, "compare", str(SEEDS), *options)
    assert code == 0
    return pd.DataFrame(json.loads(out)["distinctive_terms"])


def test_cli_distinctive_term_options(capsys):
    # Outlet A writes "a" (a function word) and "anyway" (twice, counted with grep); the
    # starter story's groups are far under 10,000 words, so the evidence is weak.
    default = _distinctive_terms(capsys)
    assert "a" not in set(default["term"]) and "anyway" not in set(default["term"])
    kept = _distinctive_terms(capsys, "--keep-function-words")
    assert "a" in set(kept.loc[kept["outlet"] == "Outlet A", "term"])
    # the weak-evidence minimum (3) hides a term used twice until it is switched off
    loose = _distinctive_terms(capsys, "--weak-min-count", "0", "--min-count", "1")
    anyway = loose[loose["term"] == "anyway"]
    assert list(anyway["outlet"]) == ["Outlet A"] and list(anyway["count"]) == [2]


@pytest.mark.parametrize("option", ["--min-count", "--weak-min-count"])
def test_cli_refuses_a_negative_minimum_with_exit_2(capsys, option):
    code, out, err = _run(capsys, "compare", str(SEEDS), option, "-1")
    assert code == 2 and out == ""
    assert f"argument {option}: expected a whole number of 0 or more, not '-1'" in err
    assert "Traceback" not in err
