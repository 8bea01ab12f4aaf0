"""The lesson: the guide's answer key and numbers match what the package computes now (so the key
cannot go stale), its plan matches the workbook, and the workbook runs blank and solved on the
starter story, on a second story and on a story without a codebook given by a relative path."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from analysis.evaluate import agreement
from analysis.present import lesson
from analysis import metrics
from analysis.speech import quote_tables
from analysis.framing.codebook import load_codebooks
from analysis.io.corpus import load_story
from analysis.present.report import execute_notebook

ROOT = Path(__file__).resolve().parents[1]
LESSON = ROOT / "notebooks" / "lesson"
WORKBOOK = LESSON / "workbook.ipynb"
GUIDE = LESSON / "teachers-guide.md"
STORY = ROOT / "corpus" / "askmoreofhim"
SECOND_STORY = ROOT / "tests" / "fixtures" / "stories" / "library-closure"


def _guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _section(title: str) -> str:
    return _guide().split(f"\n## {title}", 1)[1].split("\n## ", 1)[0]


def _answer_key() -> dict[str, str]:
    return dict(re.findall(r"^\| `(\w+)` \| ([^|]+?) \|", _section("Answers"), flags=re.MULTILINE))


def _tables(story):
    analyses = metrics.analyse_story(story)
    by_outlet = metrics.metrics_table(story, by="outlet", analyses=analyses).set_index("outlet")
    quotes = quote_tables.quotes_frame(analyses)
    speech = quotes[quotes["kind"].isin(quote_tables.DIRECT_KINDS)].drop_duplicates(["article_id", "quote_id"])
    speakers = quote_tables.speakers_frame(analyses)
    return analyses, by_outlet, speech, speakers


def _lead(analyses) -> list[int]:
    return list(range(min(2, len(analyses[0].document.sentences))))


def _tool(story, analyses):
    (book,) = load_codebooks(story.root, story.meta, include_generic=False)
    codes, ties = [], []
    for a in analyses:
        chosen = list(range(min(2, len(a.document.sentences))))
        codes += lesson.tool_sentence_codes(a.document, book, chosen)
        ties += lesson.tied_frames(a.document, book, chosen)
    return book, codes, ties


def _current_answers() -> dict[str, str]:
    """Every key of the guide, recomputed here independently of the workbook's cells."""
    story = load_story(STORY)
    analyses, by_outlet, speech, speakers = _tables(story)
    evaluative = speech[speech["verb_class"] == "evaluative"]
    quoted_people = speakers.loc[speakers["quoted"] & (speakers["speaker_type"] == "person"), "speaker"]
    _book, codes, ties = _tool(story, analyses)
    unmarked = metrics.metrics_table(story, by="outlet", unmarked_as_quoted=True).set_index("outlet")
    return {
        "most_own_voice": by_outlet["own_voice_share"].idxmax(),
        "most_quotes": by_outlet["quote_density"].idxmax(),
        "highest_grade": by_outlet["flesch_kincaid_grade"].idxmax(),
        "lowest_reading_ease": by_outlet["flesch_reading_ease"].idxmin(),
        "evaluative_quotes": str(len(evaluative)),
        "evaluative_verbs": ", ".join(sorted(evaluative["verb"])),
        "people_quoted": str(quoted_people.nunique()),
        "people_quoted_names": ", ".join(sorted(quoted_people.unique())),
        "lead_sentences": str(sum(min(2, len(a.document.sentences)) for a in analyses)),
        "tool_codes": ", ".join(codes),
        "tied_sentences": "; ".join(f"{i}: {' = '.join(t)}" for i, t in enumerate(ties, start=1) if t),
        "own_voice_c_unmarked": f"{unmarked.loc['Outlet C', 'own_voice_share']:.3f}",
    }


def test_answer_key_matches_current_output():
    key = _answer_key()
    current = _current_answers()
    assert set(key) == set(current)
    assert key == current


def test_evaluative_quotes_are_all_outlet_a_as_the_guide_says():
    _analyses, _by, speech, _sp = _tables(load_story(STORY))
    assert set(speech.loc[speech["verb_class"] == "evaluative", "outlet"]) == {"Outlet A"}


def test_numbers_quoted_in_the_guide_match_current_output():
    story = load_story(STORY)
    analyses, by_outlet, _speech, _speakers = _tables(story)
    text = _guide()
    assert f"({by_outlet.loc['Outlet A', 'own_voice_share']:.3f})" in text
    assert f"({by_outlet.loc['Outlet C', 'quote_density']:.3f})" in text
    assert f"({by_outlet.loc['Outlet B', 'quote_density']:.3f})" in text
    assert f"({by_outlet.loc['Outlet A', 'flesch_kincaid_grade']:.2f})" in text
    assert f"({by_outlet.loc['Outlet B', 'flesch_reading_ease']:.2f})" in text
    assert f"falls from {by_outlet.loc['Outlet C', 'own_voice_share']:.3f} to" in text
    top_two = by_outlet["quote_density"].sort_values(ascending=False)
    assert list(top_two.index[:2]) == ["Outlet C", "Outlet B"]
    assert f"Bars of {top_two.iloc[0]:.3f} and {top_two.iloc[1]:.3f}" in text
    assert '"Outlet C quotes more than Outlet B"' in text
    solutions = lesson.guide_solutions(GUIDE)
    mine, partner = solutions["my_codes"], solutions["partner_codes"]
    alpha = agreement.krippendorff_alpha(list(zip(mine, partner)))
    assert f"alpha = {alpha:.2f}" in text
    book, codes, _ties = _tool(story, analyses)
    assert f"alpha = {agreement.krippendorff_alpha(list(zip(mine, codes))):.2f}" in text
    # the largest move of alpha when one of the partner's codes changes
    valid = [f.id for f in book.frames] + [lesson.NO_FRAME]
    moves = [abs(agreement.krippendorff_alpha(list(zip(mine, partner[:i] + [v] + partner[i + 1:]))) - alpha)
             for i in range(len(partner)) for v in valid if v != partner[i]]
    assert f"by as much as {max(moves):.2f}" in text
    assert "agree on four of the six sentences" in text and sum(m == p for m, p in zip(mine, partner)) == 4
    assert "agree on five sentences" in text and sum(m == c for m, c in zip(mine, codes)) == 5


def test_guide_solutions_are_valid_codes():
    story = load_story(STORY)
    (book,) = load_codebooks(story.root, story.meta, include_generic=False)
    solutions = lesson.guide_solutions(GUIDE)
    valid = [f.id for f in book.frames]
    for name in ("my_codes", "partner_codes"):
        assert lesson.validate_codes(solutions[name], valid, 6, name) == solutions[name]
    assert set(solutions["extra_cues"]) <= set(valid)


def _plan() -> list[tuple[int, str]]:
    rows = re.findall(r"^\| (\d+) \| ([^|]+?) \|", _section("Plan (50 minutes)"), flags=re.MULTILINE)
    return [(int(m), part) for m, part in rows]


def _workbook_headings() -> dict[str, str]:
    nb = nbformat.read(WORKBOOK, as_version=4)
    found = {}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for name, timing in re.findall(r"^## (.+?) \((.+?)\)$", cell.source, flags=re.MULTILINE):
                found[name] = timing
    return found


def test_plan_adds_up_to_50_minutes_with_set_up():
    plan = _plan()
    assert sum(m for m, _ in plan) == 50
    assert plan[0] == (5, "Set-up")


def test_plan_uses_the_workbooks_headings_and_timings():
    plan = dict((part, m) for m, part in _plan())
    headings = _workbook_headings()
    assert set(headings) <= set(plan), set(headings) - set(plan)
    for name, timing in headings.items():
        if timing.startswith("optional"):
            assert plan[name] == 0  # cut from the one-lesson plan, marked as such
        else:
            assert timing == f"{plan[name]} minutes"


def test_guide_has_every_section_a_teacher_asked_for():
    text = _guide()
    for title in ("Three ways to run it", "Learning goals", "Plan (50 minutes)", "Two-lesson version",
                  "Answers", "Model answers for the discussion", "Common misreadings", "Differentiation",
                  "Extensions", "Grading rubric", "Glossary", "Write your own codebook (one page)",
                  "Using your own story"):
        assert f"\n## {title}\n" in text, title
    assert "40-comparison" in text and "--unmarked-as-quoted" in text


def test_no_exercise_cell_holds_its_answer():
    nb = nbformat.read(WORKBOOK, as_version=4)
    exercises = [c for c in nb.cells if "exercise" in c.metadata.get("tags", [])]
    assert sorted(c.metadata["exercise"] for c in exercises) == sorted(lesson.EXERCISES)
    for cell in exercises:
        assert cell.source.strip() == "# your code here"
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit without outputs"
    code = [line.split("#", 1)[0] for c in nb.cells if c.cell_type == "code" for line in c.source.splitlines()]
    assert not [line for line in code if re.search(r"Outlet [A-Z]\b", line)]  # no hard-coded outlet


# --- running the workbook (nbclient, as `make report` does) -----------------------------

def _run(nb, corpus_dir: Path | None) -> str:
    executed = execute_notebook(nb, WORKBOOK, corpus_dir)
    texts = []
    for cell in executed.cells:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", output
            texts.append(output.get("text", "") + output.get("data", {}).get("text/plain", ""))
    return "".join(texts)


def _blank() -> nbformat.NotebookNode:
    return nbformat.read(WORKBOOK, as_version=4)


@pytest.mark.slow
def test_workbook_runs_blank_and_prints_only_hints():
    printed = _run(_blank(), None)
    assert printed.count("Hint:") == 4 + 2  # four exercises, the codes of Part 3, the cues of Part 4
    assert "Right:" not in printed and "Not quite" not in printed
    assert "Nussbaum" not in printed and "dznussbaum" not in printed
    assert "1. [Outlet A] " in printed and "2. [Outlet A] " in printed


@pytest.mark.slow
def test_workbook_runs_with_the_guides_solutions():
    solutions = lesson.guide_solutions(GUIDE)
    printed = _run(lesson.solved_notebook(_blank(), solutions), None)
    assert printed.count("Right:") == 4 and "Not quite" not in printed and "Hint:" not in printed
    alpha = agreement.krippendorff_alpha(list(zip(solutions["my_codes"], solutions["partner_codes"])))
    assert f"You and your partner agree on 4 of 6 sentences; Krippendorff's alpha = {alpha:.2f}" in printed
    assert "You and the tool agree on 5 of 6 sentences" in printed
    assert "Sentence 2: a tie between power_structures and scale_of_abuse" in printed
    change = printed.split("Change in the share of sentences carrying each frame", 1)[1]
    power = next(line for line in change.splitlines() if line.startswith("power_structures"))
    assert any(float(v) > 0 for v in power.split()[1:])


@pytest.mark.slow
def test_workbook_runs_blank_and_solved_on_a_second_story():
    printed = _run(_blank(), SECOND_STORY)
    for name in ("Eastfield Daily", "Lantern Radio", "Millbrook Courier"):
        assert name not in printed
    assert printed.count("Hint:") == 6
    story = load_story(SECOND_STORY)
    (book,) = load_codebooks(story.root, story.meta, include_generic=False)
    n_units = sum(min(2, len(a.document.sentences)) for a in metrics.analyse_story(story))
    codes = [book.frames[0].id] * n_units
    solutions = {"prediction_most_own_voice": "a", "my_codes": codes, "partner_codes": codes,
                 "extra_cues": {book.frames[0].id: ["library"]}}
    printed = _run(lesson.solved_notebook(_blank(), solutions), SECOND_STORY)
    assert printed.count("Right:") == 4 and "Not quite" not in printed
    assert f"You and your partner agree on {n_units} of {n_units} sentences" in printed
    assert "Change in the share of sentences carrying each frame" in printed


def _with_corpus_dir(nb, corpus_dir: str) -> nbformat.NotebookNode:
    source = nb.cells[3].source.replace("corpus_dir = None", f"corpus_dir = {corpus_dir!r}")
    assert source != nb.cells[3].source
    nb.cells[3].source = source
    return nb


@pytest.mark.slow
def test_story_given_from_the_project_root_while_the_notebook_runs_in_its_folder(monkeypatch):
    # as under Jupyter: the kernel's working folder is notebooks/lesson/, and the teacher types the
    # story folder as the guide says, relative to the project folder
    relative = SECOND_STORY.relative_to(ROOT).as_posix()
    monkeypatch.chdir(LESSON)
    assert not Path(relative).exists()
    printed = _run(_with_corpus_dir(_blank(), relative), None)
    assert "articles from 3 outlets loaded" in printed
    for name in ("Eastfield Daily", "Lantern Radio", "Millbrook Courier"):
        assert name not in printed
    assert "This story has no codebook of its own" not in printed  # it found the story's codebook


@pytest.mark.slow
def test_own_story_by_relative_path_without_a_codebook(tmp_path, monkeypatch):
    # a path relative to the project folder, as the guide tells teachers, while the kernel runs in
    # notebooks/lesson/ (where the same relative path does not exist)
    folder = tmp_path / "mystory"
    folder.mkdir()
    for article in sorted(STORY.glob("outlet-*.md")):
        shutil.copy(article, folder / article.name)
    relative = os.path.relpath(folder, ROOT)
    assert not (LESSON / relative).is_dir()
    monkeypatch.chdir(LESSON)
    printed = _run(_with_corpus_dir(_blank(), relative), None)
    assert "3 articles from 3 outlets loaded" in printed
    assert "This story has no codebook of its own" in printed
    assert "Part 4 needs a codebook of the story's own" in printed


# --- the lesson in the report folder --------------------------------------------------------

def test_index_links_the_lesson_pages():
    from analysis.present import report
    from analysis.present.printable import LESSON_PAGES

    page = report.index_html([], "s", list(LESSON_PAGES))
    for name in LESSON_PAGES:
        assert f'<a href="{name}">' in page
    assert "<h2>The lesson</h2>" in page
    assert "The lesson" not in report.index_html([], "s")


@pytest.mark.slow
def test_report_with_the_lesson_on_a_second_story(tmp_path):
    from analysis.present import report

    out = tmp_path / "reports"
    report.render_reports(SECOND_STORY, out, [ROOT / "notebooks" / "00-start-here.ipynb"], lesson=True)
    index = (out / "index.html").read_text(encoding="utf-8")
    for name in ("lesson-pack.html", "lesson-slides.html", "lesson-workbook.html", "lesson-workbook-solved.html"):
        assert f'href="{name}"' in index and (out / name).is_file()
    pack = (out / "lesson-pack.html").read_text(encoding="utf-8")
    blank = (out / "lesson-workbook.html").read_text(encoding="utf-8")
    solved = (out / "lesson-workbook-solved.html").read_text(encoding="utf-8")
    for page in (pack, blank, solved):
        for name in ("Eastfield Daily", "Lantern Radio", "Millbrook Courier"):
            assert name not in page
    assert "Hint: keep the rows of speech" in blank and "Right:" not in blank
    assert solved.count("Right:") == 4 and "Not quite" not in solved
    assert "# model answer" in solved and "# model answer" not in blank


@pytest.mark.parametrize(
    ("corpus", "explicit_notebooks", "lesson_flag", "expected"),
    [
        (None, False, None, True),  # make report: the starter story, every notebook
        (STORY, False, None, True),  # `python -m analysis report` names the starter story
        (SECOND_STORY, False, None, False),
        (SECOND_STORY, False, True, True),  # --lesson
        (None, True, None, False),
        (None, False, False, False),  # --no-lesson
    ],
)
def test_which_reports_carry_the_lesson(tmp_path, monkeypatch, corpus, explicit_notebooks, lesson_flag, expected):
    from analysis.present import printable
    from analysis.present import report

    monkeypatch.setattr(report, "render_notebook", lambda source, corpus_dir: report.RenderedNotebook(
        Path(source), "T", "<p>r</p>", "<p>t</p>"))
    monkeypatch.setattr(printable, "lesson_report_files", lambda corpus_dir: {
        name: "<p>lesson</p>" for name in printable.LESSON_PAGES})
    notebooks = [ROOT / "notebooks" / "00-start-here.ipynb"] if explicit_notebooks else None
    report.render_reports(corpus, tmp_path / "out", notebooks, lesson=lesson_flag)
    assert (tmp_path / "out" / "lesson-pack.html").exists() is expected
    assert ('href="lesson-pack.html"' in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")) is expected


# --- every page of the lesson is blind ------------------------------------------------------

# Names that would tell a student who published an article: the starter story's only byline (Outlet
# B's last line, "Follow Daniel Nussbaum on Twitter: @dznussbaum"), and for a copy of the second
# story with credit lines added below, its outlets, reporters, handles and web address.
STARTER_BYLINE = ("Nussbaum", "dznussbaum", "Follow Daniel")
CREDITED = ("Eastfield Daily", "Lantern Radio", "Millbrook Courier", "Castellano", "Tranter",
            "pcastellano", "Okonkwo", "Idris", "eastfielddaily", "Follow Priya")


def _story_with_credit_lines(folder: Path) -> Path:
    shutil.copytree(SECOND_STORY, folder)
    daily = folder / "eastfield-daily.md"
    daily.write_text(daily.read_text(encoding="utf-8").rstrip() + (
        "\n\nPriya Castellano and Owen Tranter contributed reporting.\n\n"
        "Follow Priya Castellano on Twitter: @pcastellano_ed\n"), encoding="utf-8")
    courier = folder / "millbrook-courier.md"
    head, body = courier.read_text(encoding="utf-8").split("\n---\n", 1)
    courier.write_text(head + "\nauthor: Ruth Okonkwo-Bell\nurl: https://www.eastfielddaily.example/library"
                       + "\n---\nBy Ruth Okonkwo-Bell, Education Reporter\n\n" + body, encoding="utf-8")
    radio = folder / "lantern-radio.md"
    radio.write_text(radio.read_text(encoding="utf-8").rstrip() + "\n\nAdditional reporting by Sam Idris.\n",
                     encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def lesson_pages(tmp_path_factory):
    from analysis.present.printable import lesson_report_files

    credited = _story_with_credit_lines(tmp_path_factory.mktemp("credited") / "story")
    return {"starter": lesson_report_files(None), "credited": lesson_report_files(credited)}


@pytest.mark.slow
def test_no_lesson_page_names_an_outlet_or_a_reporter(lesson_pages):
    from analysis.present.printable import LESSON_PAGES

    for story, forbidden in (("starter", STARTER_BYLINE), ("credited", CREDITED)):
        pages = lesson_pages[story]
        assert sorted(pages) == sorted(LESSON_PAGES)  # the pack, the slides, both workbooks
        for name, page in pages.items():
            leaks = [word for word in forbidden if word.casefold() in page.casefold()]
            assert leaks == [], f"{story} {name} names {leaks}"
            assert "Outlet A" in page, f"{story} {name}"
    # the credited copy did reach the pages, with its credit lines hidden
    pack = lesson_pages["credited"]["lesson-pack.html"]
    assert pack.count(lesson.BYLINE_PLACEHOLDER) >= 3 and "Grace Odum" in pack
    # a byline at the top of an article is not one of the lead sentences to code
    for name in ("lesson-pack.html", "lesson-workbook.html"):
        assert "Education Reporter" not in lesson_pages["credited"][name], name


# --- the guide, read as a teacher would -------------------------------------------------------

def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_guide_works_the_model_alpha_on_paper_as_the_pack_asks():
    from collections import Counter

    solutions = lesson.guide_solutions(GUIDE)
    mine, partner = solutions["my_codes"], solutions["partner_codes"]
    counts = Counter(mine + partner)
    d = sum(m != p for m, p in zip(mine, partner))
    n = 2 * len(mine)
    squares = sum(c * c for c in counts.values())
    alpha = lesson.alpha_from_tally(len(mine), d, list(counts.values()))
    assert alpha == pytest.approx(agreement.krippendorff_alpha(list(zip(mine, partner))))
    text = _flat(_section("Answers"))
    assert f"writes n = {n} codes, disagrees on d = {d} sentences" in text
    for code, times in counts.items():
        assert f"{code} {times}" in text or f"{code} {times} times" in text, code
    assert (f"(squares {' + '.join(str(c * c) for c in sorted(counts.values(), reverse=True))} = {squares})"
            in text)
    assert (f"alpha = 1 − {n - 1} × 2 × {d} ÷ ({n * n} − {squares}) = 1 − {(n - 1) * 2 * d}/{n * n - squares}"
            f" = {alpha:.2f}") in text


def test_two_lesson_version_adds_up_to_two_times_50_minutes():
    text = _flat(_section("Two-lesson version"))
    lessons = re.findall(r"Lesson \d \(50 minutes\): (.+?)(?=Lesson \d \(|$)", text)
    assert len(lessons) == 2
    for plan in lessons:
        assert sum(int(m) for m in re.findall(r" (\d+)(?:,| \(|\.|$)", " " + plan.strip())) == 50, plan
    assert "Part 4 · Change the codebook 10" in text
    assert _workbook_headings()["Part 4 · Change the codebook"] == "optional; 10 minutes in the second lesson"


def test_guide_says_when_the_unblinded_reports_may_be_handed_out():
    text = _flat(_guide())
    assert "Hand out the analysis reports only after the blind reading." in text
    for report in ("00-start-here.html", "20-quotes.html", "30-framing.html"):
        assert report in text


def test_learning_goals_are_the_same_five_in_the_guide_the_workbook_and_the_slides():
    from analysis.present.printable import LEARNING_GOALS

    guide_goals = re.findall(r"\((\d)\) ", _section("Learning goals"))
    workbook = nbformat.read(WORKBOOK, as_version=4).cells[0].source
    workbook_goals = re.findall(r"^(\d)\. ", workbook, flags=re.MULTILINE)
    assert guide_goals == workbook_goals == [str(i) for i in range(1, len(LEARNING_GOALS) + 1)]
    assert len(LEARNING_GOALS) == 5
    assert "whose voices" in _section("Learning goals") and "whose voices" in workbook


def test_glossary_gives_direction_and_limits_for_every_term():
    from analysis.present.printable import glossary_rows

    rows = glossary_rows(GUIDE)
    assert all(direction.strip() and limits.strip() for _term, _what, direction, limits in rows), rows
    terms = {row[0] for row in rows}
    for term in ("own voice", "quote density", "Krippendorff's alpha", "tie", "cue word",
                 "copied without quotation marks", "selection and omission"):
        assert term in terms, term


def test_the_one_person_quoted_is_quoted_by_outlet_a_only_as_the_model_answer_says():
    _analyses, _by_outlet, _speech, speakers = _tables(load_story(STORY))
    quoted = speakers[speakers["quoted"] & (speakers["speaker_type"] == "person")]
    assert sorted(zip(quoted["outlet"], quoted["speaker"])) == [("Outlet A", "John Krasinski")]
    assert "a man (John Krasinski, in Outlet A only)" in _flat(_guide())
