"""The report table style (analysis.present.display) and tie-aware titles."""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd
import pytest

from analysis.present import display
from analysis.core import paths

DICTIONARY = (paths.PROJECT_ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")


def _cells(table: display.HTMLTable, tag: str = "td") -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(rf"<{tag}\b[^>]*>.*?</{tag}>", table.html)]


# --- the label table ----------------------------------------------------------------------------


def test_every_labelled_column_is_a_column_of_the_data_dictionary():
    names = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", DICTIONARY))
    missing = sorted(set(display.load_labels()) - names)
    assert missing == []


def test_every_metric_column_has_a_human_label():
    from analysis.metrics import metric_columns

    for column in metric_columns():
        if column in ("package_version", "corpus_sha256"):
            continue
        label = display.label_for(column)
        assert "_" not in label.header, column


@pytest.mark.parametrize(
    ("column", "header", "fmt"),
    [
        ("n_words", "Words", "count"),
        ("quote_density", "Quoted share of words (%)", "percent"),
        ("own_voice_tone_mean", "Mean tone, own voice (-1 to +1)", "decimal2"),
        ("quoted_flesch_kincaid_grade", "Flesch-Kincaid grade, quoted speech (US grade)", "decimal1"),
        ("some_new_column", "Some new column", "text"),
        ("", "", "text"),
    ],
)
def test_label_for(column, header, fmt):
    label = display.label_for(column)
    assert (label.header, label.format) == (header, fmt)


def test_a_bad_label_file_is_named_with_its_line(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text("column,label,unit,format\nn_words,Words,,counts\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"labels\.csv, line 2: format 'counts'"):
        display.load_labels(path)


# --- cell formats ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "fmt", "text"),
    [
        (0.564, "percent", "56%"),
        (1234, "count", "1,234"),
        (12.5, "count", "12.5"),
        (3.14159, "decimal2", "3.14"),
        (1234.56, "decimal1", "1,234.6"),
        (None, "count", "n/a"),
        (np.nan, "percent", "n/a"),
        (pd.NA, "text", "n/a"),
        ("None", "text", "n/a"),
        ("", "text", "n/a"),
        (-1, "offset", "n/a"),
        (-1, "count", "-1"),
        (0, "offset", "0"),
        (True, "bool", "yes"),
        (False, "text", "no"),
        (["a", "b"], "text", "a; b"),
        ("plain words", "text", "plain words"),
    ],
)
def test_format_value(value, fmt, text):
    assert display.format_value(value, fmt) == text


# --- tables ---------------------------------------------------------------------------------------


def test_a_filtered_frame_shows_no_row_numbers_and_human_headers():
    df = pd.DataFrame({"outlet": ["A", "B", "C"], "n_words": [100, 2000, None],
                       "quote_density": [0.5, 0.25, np.nan]}).iloc[[0, 2]]
    out = display.table(df)
    assert _cells(out, "th") == ["Outlet", "Words", "Quoted share of words (%)"]
    assert _cells(out) == ["A", "100", "50%", "C", "n/a", "n/a"]


def test_a_named_index_becomes_the_first_column_without_an_empty_header_row():
    df = pd.DataFrame({"n_words": [10, 20]}, index=pd.Index(["A", "B"], name="outlet"))
    out = display.table(df)
    assert out.html.count("<tr>") == 3  # one header row, two body rows
    assert _cells(out, "th") == ["Outlet", "Words"]


def test_text_is_left_and_numbers_right_and_each_cell_names_its_column():
    out = display.table(pd.DataFrame({"text": ["a long sentence"], "n_words": [3]}))
    assert '<td class="text" data-label="Text">a long sentence</td>' in out.html
    assert '<td class="num" data-label="Words">3</td>' in out.html


def test_text_is_escaped():
    out = display.table(pd.DataFrame({"title": ["<script>x</script> & co"]}))
    assert "<script>" not in out.html
    assert "&lt;script&gt;x&lt;/script&gt; &amp; co" in out.html


def test_an_offset_of_minus_one_reads_n_a():
    out = display.table(pd.DataFrame({"actor": ["the letter"], "first_mention": [-1]}))
    assert _cells(out) == ["the letter", "n/a"]


def test_a_wide_table_is_split_and_every_part_repeats_the_key():
    df = pd.DataFrame({"outlet": ["A"], **{f"c{i}": [i] for i in range(10)}})
    out = display.table(df, max_columns=4)
    assert out.html.count("<table") == 3
    headers = _cells(out, "th")
    assert headers.count("Outlet") == 3
    assert [h for h in headers if h != "Outlet"] == [f"C{i}" for i in range(10)]


def test_multiindex_columns_are_joined_into_one_header_row():
    df = pd.DataFrame({("own", "A"): [0.5], ("own", "B"): [0.25]}, index=pd.Index(["conflict"], name="frame"))
    df.columns = pd.MultiIndex.from_tuples(df.columns, names=["voice", "outlet"])
    out = display.table(df, formats={"('own', 'A')": "percent"})
    assert out.html.count("<tr>") == 2
    assert _cells(out, "th") == ["Frame", "Own, A", "Own, B"]


def test_an_empty_frame_says_so():
    assert "No rows" in display.table(pd.DataFrame({"n_words": []})).html
    assert "nothing here" in display.table(pd.DataFrame({"n_words": []}), empty="nothing here").html


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="format 'money'"):
        display.table(pd.DataFrame({"x": [1]}), formats={"x": "money"})


# --- titles ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "kwargs", "sentence"),
    [
        ({"A": 20.0, "B": 56.0, "C": 56.0}, {},
         "B and C have the highest share (56.0); A the lowest (20.0)"),
        ({"A": 0.2, "B": 0.556, "C": 0.562}, {"scale": 100, "fmt": ".0f", "suffix": "%"},
         "B and C have the highest share (56%); A the lowest (20%)"),
        ({"A": 3.0, "B": 0.0, "C": 0.0, "D": 0.0}, {},
         "A has the highest share (3.0); the other 3 the lowest (0.0)"),
        ({"A": 3.0, "B": 1.0, "C": 0.0}, {},
         "A has the highest share (3.0); C the lowest (0.0)"),
        ({"A": 2.0, "B": 2.0}, {}, "All 2 outlets have the same share (2.0)"),
        ({"A": 2.0, "B": np.nan}, {}, "Only A has a defined share (2.0)"),
        ({}, {}, "No outlet has a defined share"),
    ],
)
def test_extremes_names_every_tied_outlet(values, kwargs, sentence):
    assert display.extremes(pd.Series(values, dtype=float), measure="share", **kwargs) == sentence


@pytest.mark.parametrize(
    ("names", "text"),
    [([], ""), (["A"], "A"), (["A", "B"], "A and B"), (["A", "B", "C"], "A, B and C")],
)
def test_join_names(names, text):
    assert display.join_names(names) == text


@pytest.mark.parametrize(("n", "text"), [(0, "0 articles"), (1, "1 article"), (5, "5 articles")])
def test_count_words(n, text):
    assert display.count_words(n, "article") == text


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("<script>alert('x')</script>", "&lt;script&gt;alert\\('x'\\)&lt;/script&gt;"),
        ("*Daily* [a](b)", "\\*Daily\\* \\[a\\]\\(b\\)"),
        ("The Riverton Ledger", "The Riverton Ledger"),
        ("", ""),
    ],
)
def test_md_escapes_html_and_markdown(text, safe):
    assert display.md(text) == safe
