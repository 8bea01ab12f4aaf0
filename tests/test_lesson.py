"""Tests for analysis.present.lesson."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis.io.corpus import Article, load_story
from analysis.present.lesson import BYLINE_PLACEHOLDER, blind_reading_html, check_answer, hide_bylines

STORY = Path(__file__).resolve().parents[1] / "corpus" / "askmoreofhim"


def test_empty_body():
    assert hide_bylines("") == ""


def test_outlet_b_byline_and_handle_are_hidden_and_nothing_else():
    body = {a.article_id: a.body for a in load_story(STORY).articles}["outlet-b"]
    hidden = hide_bylines(body)
    assert "Nussbaum" not in hidden and "@dznussbaum" not in hidden
    assert hidden.endswith(BYLINE_PLACEHOLDER)
    assert hidden.replace(BYLINE_PLACEHOLDER, "Follow Daniel Nussbaum on Twitter: @dznussbaum") == body


def test_other_seeds_are_unchanged():
    for article in load_story(STORY).articles:
        if article.article_id != "outlet-b":
            assert hide_bylines(article.body) == article.body


@pytest.mark.parametrize(
    ("body", "hidden"),
    [
        ("Text.\n\nBy Jane Roe\n\nMore text.", True),
        ("Text.\n\nEmail tips to @desk.", True),
        ("Text.\n\nJane Roe and Ann Lee contributed reporting.", True),
        ("Text.\n\nAdditional reporting by Tom Hay in Leeds.", True),
        ("Text.\n\nOur Leeds desk contributed to this report.", True),
        ("Text.\n\nReporting by Ann Lee; Editing by Tom Hay", True),
        # the same words inside ordinary, longer reporting are article text
        ("Residents contributed reporting of potholes to the council's new website, which collected "
         "more than four hundred complaints in the first month after its launch last spring.", False),
        ("By the end of the week, the council had voted on the plan to rebuild the bridge, "
         "which had stood for a century before it was closed to traffic.", False),
    ],
)
def test_byline_rules(body, hidden):
    assert (BYLINE_PLACEHOLDER in hide_bylines(body)) is hidden


def test_blind_reading_html_escapes_everything():
    article = Article("x", "<b>Outlet</b>", Path("x.md"), "<script>alert(1)</script> text", {})
    out = blind_reading_html([article])
    assert "<script>" not in out and "<b>Outlet" not in out
    assert "&lt;script&gt;" in out and "&lt;b&gt;Outlet" in out


@pytest.mark.parametrize(
    ("answer", "expected", "tolerance", "start"),
    [
        (None, "Outlet C", None, "Hint:"),
        ("outlet c ", "Outlet C", None, "Right:"),
        ("Outlet A", "Outlet C", None, "Not quite:"),
        (0.55, 0.5605, 0.02, "Right:"),
        (0.4, 0.5605, 0.02, "Not quite:"),
    ],
)
def test_check_answer(answer, expected, tolerance, start):
    assert check_answer(answer, expected, "look at the table", tolerance).startswith(start)


def test_tool_sentence_codes_pick_the_frame_with_most_cues(tmp_path):
    from analysis.framing.codebook import load_codebook
    from analysis.present.lesson import NO_FRAME, tool_sentence_codes
    from analysis.text.document import make_document

    book = tmp_path / "book.yml"
    book.write_text(
        "codebook: test\nframes:\n"
        "  - {id: money, label: Money, definition: About money., cues: [budget, cost], example: x}\n"
        "  - {id: people, label: People, definition: About people., cues: [family, budget], example: x}\n",
        encoding="utf-8",
    )
    doc = make_document("The budget and the cost rose. A family moved. The budget grew. Rain fell.")
    codes = tool_sentence_codes(doc, load_codebook(book), [0, 1, 2, 3])
    # 0: money 2 cues vs people 1; 1: people; 2: tie (budget in both) -> first listed; 3: none
    assert codes == ["money", "people", "money", NO_FRAME]


def test_extend_codebook_adds_cues_to_a_copy(tmp_path):
    from analysis.framing.codebook import load_codebook
    from analysis.core.errors import InputError
    from analysis.present.lesson import extend_codebook

    original = Path(__file__).resolve().parents[1] / "corpus" / "askmoreofhim" / "codebook.yml"
    before = original.read_bytes()
    copy = extend_codebook(original, {"skepticism": ["late in the movement"]}, tmp_path)
    assert original.read_bytes() == before
    frames = {f.id: f for f in load_codebook(copy).frames}
    assert "late in the movement" in frames["skepticism"].cues
    with pytest.raises(InputError, match="no frame 'nope'; frames: men_responsibility"):
        extend_codebook(original, {"nope": ["x"]}, tmp_path)


# --- own stories, blinding, exercises (issue 19) ------------------------------------------

SECOND = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "stories" / "library-closure"


@pytest.mark.parametrize(
    ("outlets", "expected"),
    [
        ([], {}),
        (["Outlet B", "Outlet A", "Outlet B"], {"Outlet A": "Outlet A", "Outlet B": "Outlet B"}),
        (["the Times", "BBC News", "Al Jazeera"],
         {"Al Jazeera": "Outlet A", "BBC News": "Outlet B", "the Times": "Outlet C"}),
    ],
)
def test_outlet_letters(outlets, expected):
    from analysis.present.lesson import outlet_letters

    assert outlet_letters(outlets) == expected


def test_outlet_letters_past_z():
    from analysis.present.lesson import outlet_letters

    labels = outlet_letters([f"o{i:02d}" for i in range(28)])
    assert labels["o25"] == "Outlet Z" and labels["o26"] == "Outlet AA" and labels["o27"] == "Outlet AB"


def test_identifying_names_of_the_starter_story():
    from analysis.present.lesson import identifying_names

    names = {a.article_id: identifying_names(a) for a in load_story(STORY).articles}
    assert names == {"outlet-a": [], "outlet-b": ["Daniel Nussbaum", "@dznussbaum", "Nussbaum"], "outlet-c": []}


def test_identifying_names_from_metadata():
    from analysis.present.lesson import identifying_names

    article = Article("x", "Lantern Radio News", Path("x.md"), "Text.\n\nBy Jo Bloggs",
                      {"author": "Ann Lee", "url": "https://www.lantern.example/a"})
    assert set(identifying_names(article)) == {
        "Lantern Radio News", "Lantern Radio", "Ann Lee", "Jo Bloggs", "Bloggs", "lantern.example", "lantern"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("She told Lantern Radio on Monday.", "She told [name hidden] on Monday."),
        ("LANTERN RADIO NEWS said", "[name hidden] said"),
        ("Lantern Radios are loud.", "Lantern Radios are loud."),  # whole words only
        ("mail @dznussbaum now", "mail [name hidden] now"),
    ],
)
def test_blind_text(text, expected):
    from analysis.present.lesson import blind_text

    assert blind_text(text, ["Lantern Radio News", "Lantern Radio", "@dznussbaum"]) == expected


def test_blind_table_relabels_and_hides_without_changing_the_input():
    import pandas as pd

    from analysis.present.lesson import NAME_PLACEHOLDER, blind_table

    table = pd.DataFrame({"outlet": ["BBC", "ITV"], "speaker": ["Daniel Nussbaum", "a mayor"], "n": [1, 2]})
    out = blind_table(table, ["Daniel Nussbaum"], {"BBC": "Outlet A", "ITV": "Outlet B"})
    assert out["outlet"].tolist() == ["Outlet A", "Outlet B"]
    assert out["speaker"].tolist() == [NAME_PLACEHOLDER, "a mayor"] and out["n"].tolist() == [1, 2]
    assert table["speaker"].tolist() == ["Daniel Nussbaum", "a mayor"]


def test_blind_articles_of_a_story_with_real_outlet_names():
    from analysis.present.lesson import blind_articles

    blinded = blind_articles(load_story(SECOND).articles)
    assert [label for label, _ in blinded] == ["Outlet A", "Outlet B", "Outlet C"]
    text = " ".join(body for _, body in blinded)
    for name in ("Eastfield Daily", "Lantern Radio", "Millbrook Courier"):
        assert name not in text
    assert "Millbrook" in text  # the town keeps its name


@pytest.mark.parametrize(
    ("answer", "kind", "expected"),
    [
        ("c", "outlet", "Outlet C"),
        (" outlet   C ", "outlet", "Outlet C"),
        ("Outlet A", "outlet", "Outlet A"),
        (2, "count", 2),
        ("2", "count", 2),
        (" 2.0 ", "count", 2),
        (2.0, "count", 2),
    ],
)
def test_normalise_answer(answer, kind, expected):
    from analysis.present.lesson import normalise_answer

    assert normalise_answer(answer, kind, ["Outlet A", "Outlet B", "Outlet C"]) == expected


@pytest.mark.parametrize(
    ("answer", "kind", "message"),
    [
        ("Outlet D", "outlet", "not an outlet here; type one of: Outlet A, Outlet B, Outlet C"),
        ("", "outlet", "not an outlet here"),
        ("two", "count", "not a count"),
        (2.5, "count", "not a count"),
        (-1, "count", "not a count"),
        (True, "count", "not a count"),
        ("x", "colour", "unknown answer kind 'colour'; kinds: outlet, count"),
    ],
)
def test_normalise_answer_rejects(answer, kind, message):
    from analysis.present.lesson import normalise_answer

    with pytest.raises(ValueError, match=re.escape(message)):
        normalise_answer(answer, kind, ["Outlet A", "Outlet B", "Outlet C"])


KEY = {"outlets": ["Outlet A", "Outlet B", "Outlet C"], "2.1": "Outlet C", "2.2": "Outlet B", "2.3": 2, "2.4": 1}


@pytest.mark.parametrize(
    ("exercise", "answer", "start"),
    [
        ("2.1", None, "Hint:"),
        ("2.1", "c", "Right: Outlet C."),
        ("2.1", "Outlet B", "Not quite:"),
        ("2.1", "Outlet Q", "Cannot read your answer:"),
        ("2.3", "2", "Right: 2."),
        ("2.3", 2, "Right: 2."),
        ("2.3", 3, "Not quite:"),
        ("2.4", "one", "Cannot read your answer:"),
    ],
)
def test_check_exercise(exercise, answer, start):
    from analysis.present.lesson import check_exercise

    assert check_exercise(exercise, answer, KEY).startswith(start)


def test_check_exercise_never_gives_the_answer_away():
    from analysis.present.lesson import check_exercise

    assert "Outlet C" not in check_exercise("2.1", "Outlet A", KEY)
    assert "2" not in check_exercise("2.4", 5, KEY).replace("2.4", "")
    with pytest.raises(ValueError, match="no exercise '9.9'"):
        check_exercise("9.9", 1, KEY)


def test_check_answer_reads_a_number_typed_as_text():
    assert check_answer("2", 2, "count them").startswith("Right:")
    assert check_answer("two", 2, "count them").startswith("Cannot read")


def test_answer_key_from_tables():
    import pandas as pd

    from analysis.present.lesson import answer_key

    by_outlet = pd.DataFrame({"quote_density": [0.1, 0.5, 0.4], "flesch_reading_ease": [60.0, 50.0, 40.0]},
                             index=pd.Index(["Outlet A", "Outlet B", "Outlet C"], name="outlet"))
    speech = pd.DataFrame({"verb_class": ["evaluative", "neutral", "evaluative", None]})
    speakers = pd.DataFrame({"speaker": ["Ann", "Ann", "Bo", "the letter", "Cy"],
                             "speaker_type": ["person", "person", "person", "document", "person"],
                             "quoted": [True, True, True, True, False]})
    assert answer_key(by_outlet, speech, speakers) == {
        "outlets": ["Outlet A", "Outlet B", "Outlet C"], "2.1": "Outlet B", "2.2": "Outlet C", "2.3": 2, "2.4": 2}


VALID = ["men_responsibility", "survivor_support"]


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        (["men_responsibility", "none"], ["men_responsibility", "none"]),
        ([" Men Responsibility", "SURVIVOR-SUPPORT"], ["men_responsibility", "survivor_support"]),
    ],
)
def test_validate_codes(codes, expected):
    from analysis.present.lesson import validate_codes

    assert validate_codes(codes, VALID, 2) == expected


@pytest.mark.parametrize(
    ("codes", "message"),
    [
        (["men_responsibilty", "none"], "my_codes, sentence 1: 'men_responsibilty' is not a frame code. "
                                        "Did you mean 'men_responsibility'?"),
        (["none"], "my_codes has 1 codes; give exactly 2"),
        ("men_responsibility", "my_codes must be a list of 2 codes"),
        (["none", "xyz"], "sentence 2: 'xyz' is not a frame code. Valid codes: men_responsibility, "
                          "survivor_support, none"),
    ],
)
def test_validate_codes_names_the_problem(codes, message):
    from analysis.present.lesson import validate_codes

    with pytest.raises(ValueError, match=re.escape(message)):
        validate_codes(codes, VALID, 2)


def test_tied_frames(tmp_path):
    from analysis.framing.codebook import load_codebook
    from analysis.present.lesson import tied_frames
    from analysis.text.document import make_document

    book = tmp_path / "book.yml"
    book.write_text(
        "codebook: test\nframes:\n"
        "  - {id: money, label: Money, definition: About money., cues: [budget, cost], example: x}\n"
        "  - {id: people, label: People, definition: About people., cues: [family], example: x}\n",
        encoding="utf-8",
    )
    doc = make_document("The budget and the cost rose. A family and a budget. Rain fell.")
    assert tied_frames(doc, load_codebook(book), [0, 1, 2]) == [[], ["money", "people"], []]


def test_solved_notebook_fills_exercises_and_answers_without_changing_the_blank():
    import nbformat

    from analysis.present.lesson import SOLUTION_CODE, SOLVED_TAG, solved_notebook

    path = Path(__file__).resolve().parents[1] / "notebooks" / "lesson" / "workbook.ipynb"
    blank = nbformat.read(path, as_version=4)
    before = nbformat.writes(blank)
    solved = solved_notebook(blank, {"my_codes": ["none"]})
    assert nbformat.writes(blank) == before
    inserted = [c for c in solved.cells if SOLVED_TAG in c.metadata.get("tags", [])]
    assert len(inserted) == 1 and "my_codes = ['none']" in inserted[0].source
    exercises = [c for c in solved.cells if "exercise" in c.metadata.get("tags", [])]
    assert [c.source.split("\n", 1)[1] for c in exercises] == [SOLUTION_CODE[c.metadata["exercise"]]
                                                                 for c in exercises]
    with pytest.raises(ValueError, match="no cell tagged 'parameters'"):
        solved_notebook(nbformat.v4.new_notebook(), {})


def test_guide_solutions_needs_a_yaml_block(tmp_path):
    from analysis.core.errors import InputError
    from analysis.present.lesson import guide_solutions

    guide = tmp_path / "guide.md"
    guide.write_text("# Guide\n\nno answers\n", encoding="utf-8")
    with pytest.raises(InputError, match="no ```yaml block"):
        guide_solutions(guide)
    guide.write_text("```yaml\n- a\n```\n", encoding="utf-8")
    with pytest.raises(InputError, match="must map parameter names"):
        guide_solutions(guide)


# --- the printable pack ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def packs():
    from analysis.present.printable import lesson_pack_html

    return {"starter": lesson_pack_html(None), "second": lesson_pack_html(SECOND)}


def test_pack_hides_every_outlet_name_and_byline(packs):
    assert "Nussbaum" not in packs["starter"] and "dznussbaum" not in packs["starter"].casefold()
    for name in ("Eastfield Daily", "Lantern Radio", "Millbrook Courier", "Eastfield Daily".upper()):
        assert name.casefold() not in packs["second"].casefold()


def test_pack_has_every_part_and_prints_each_on_its_own_page(packs):
    for pack in packs.values():
        for part in ('id="articles"', 'id="predictions"', 'id="data"', 'id="coding"', 'id="discussion"',
                     'id="glossary"'):
            assert part in pack
        assert "@media print" in pack and "break-after: page" in pack
        assert "http://" not in pack and "https://" not in pack and "<script" not in pack
    assert packs["starter"].count('<section class="article"') == 3
    assert "Outlet A" in packs["starter"] and "Outlet C" in packs["starter"]


def test_pack_coding_grid_has_the_lead_sentences(packs):
    grid = packs["starter"].split('id="coding"', 1)[1].split("</section>", 1)[0]
    assert grid.count("<td class=\"blank\"></td><td class=\"blank\"></td><td class=\"blank\"></td>") == 6
    assert "94 percent of women in Hollywood" in grid and "<code>power_structures</code>" in grid


def test_pack_glossary_comes_from_the_guide(packs):
    from analysis.present.printable import GUIDE, glossary_rows

    rows = glossary_rows(GUIDE)
    assert [r[0] for r in rows][:2] == ["own voice", "quote density"]
    assert all(len(r) == 4 for r in rows)
    assert "Krippendorff&#x27;s alpha" in packs["starter"] or "Krippendorff's alpha" in packs["starter"]


def test_glossary_rows_names_a_guide_without_one(tmp_path):
    from analysis.core.errors import InputError
    from analysis.present.printable import glossary_rows

    guide = tmp_path / "guide.md"
    guide.write_text("# Guide\n", encoding="utf-8")
    with pytest.raises(InputError, match="no '## Glossary' section"):
        glossary_rows(guide)


def test_slides_are_blind_offline_and_one_per_step():
    from analysis.present.printable import lesson_slides_html

    slides = lesson_slides_html(SECOND)
    assert slides.count('<section class="slide"') == 8
    for name in ("Eastfield Daily", "Lantern Radio", "Millbrook Courier"):
        assert name not in slides
    assert "Outlet A" in slides and "<script" not in slides and "https://" not in slides
    assert "@media print" in slides and "scroll-snap-type" in slides
    starter = lesson_slides_html(None)
    assert "Nussbaum" not in starter and "<code>power_structures</code>" in starter
    chart = starter.split("<h2>Reading a chart</h2>", 1)[1].split("</section>", 1)[0]
    assert "Outlet C has the highest share of words inside quotation marks (0.561)" in chart
    assert chart.count("<rect ") == 3 and ">0</text>" in chart  # one bar per outlet, the axis from 0


# --- alpha on paper ---------------------------------------------------------------------------

def test_alpha_from_tally_matches_the_guides_worked_example():
    from analysis.present.lesson import alpha_from_tally

    # the guide's model pair: 6 sentences, 2 disagreements; men_responsibility 3+2, survivor_support
    # 2+3, scale_of_abuse 1, power_structures 1: 1 - 11 * 4 / (144 - 52) = 1 - 44/92
    assert alpha_from_tally(6, 2, [5, 5, 1, 1]) == pytest.approx(1 - 44 / 92)
    assert alpha_from_tally(6, 0, [6, 6]) == 1.0
    assert alpha_from_tally(3, 0, [6]) != alpha_from_tally(3, 0, [6])  # NaN: one code only


@pytest.mark.parametrize("seed", range(20))
def test_alpha_from_tally_equals_the_coincidence_matrix_alpha(seed):
    import random
    from collections import Counter

    from analysis.evaluate.agreement import krippendorff_alpha
    from analysis.present.lesson import alpha_from_tally

    rng = random.Random(seed)
    n_units = rng.randint(2, 12)
    codes = "abcd"[: rng.randint(2, 4)]
    pairs = [(rng.choice(codes), rng.choice(codes)) for _ in range(n_units)]
    counts = Counter(code for pair in pairs for code in pair)
    d = sum(a != b for a, b in pairs)
    expected = krippendorff_alpha([list(p) for p in pairs])
    got = alpha_from_tally(n_units, d, list(counts.values()))
    assert (got != got and expected != expected) or got == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(("n_units", "d", "counts"), [(6, 2, [5, 5]), (6, 7, [6, 6]), (0, 0, [])])
def test_alpha_from_tally_rejects_impossible_counts(n_units, d, counts):
    from analysis.present.lesson import alpha_from_tally

    with pytest.raises(ValueError, match="units coded twice"):
        alpha_from_tally(n_units, d, counts)


def test_pack_chart_starts_at_zero_and_draws_each_outlet_to_scale(packs):
    data = packs["starter"].split('id="data"', 1)[1].split("</section>", 1)[0]
    chart = data.split("<figure>", 1)[1].split("</figure>", 1)[0]
    # the answer key's quote densities (teachers-guide.md): C 0.561, B 0.557, A lowest
    assert "Outlet C has the highest share of words inside quotation marks (0.561)" in chart
    bars = re.findall(r'<text x="0" y="\d+">(Outlet \w)</text><rect x="80" y="\d+" width="([\d.]+)"'
                      r'.*?<text x="[\d.]+" y="\d+">([\d.]+)</text>', chart)
    assert [b[0] for b in bars] == ["Outlet A", "Outlet B", "Outlet C"]
    ratios = [float(width) / float(value) for _label, width, value in bars]
    assert max(ratios) / min(ratios) < 1.005  # every bar drawn from 0 on one scale (values print rounded)
    assert '<text x="80" y="160">0</text>' in chart and ">0.6</text>" in chart  # axis 0 to 0.6
    assert "Reading the chart" in data


def test_pack_coding_sheet_lets_a_class_compute_alpha_on_paper(packs):
    coding = packs["starter"].split('id="coding"', 1)[1].split("</section>", 1)[0]
    assert "<var>n</var> = 12" in coding  # six lead sentences, two codes each
    assert "1 − 11 × 2 × ____ ÷ (144 − ____)" in coding
    assert coding.count('<tr><td><code>') == 2 * 8  # seven story frames and none, in both tables


def test_lead_indices_skip_bylines_and_credit_lines():
    from analysis.present.lesson import lead_indices
    from analysis.text.document import make_document

    doc = make_document("By Ruth Okonkwo-Bell, Education Reporter\n\nThe library will close. Staff object.\n\n"
                        "Jane Roe contributed reporting.")
    assert [doc.text(doc.sentences[i]) for i in lead_indices(doc, 2)] == ["The library will close.",
                                                                          "Staff object."]
    plain = make_document("One. Two. Three.")
    assert lead_indices(plain, 2) == [0, 1] and lead_indices(plain, 5) == [0, 1, 2]
    assert lead_indices(make_document("By Jane Roe"), 2) == []
