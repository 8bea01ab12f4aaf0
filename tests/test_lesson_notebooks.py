"""The lesson: the workbook runs blank and with the teacher's solutions, and the guide's
answer key matches what the package computes now (so the key cannot go stale)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from analysis import agreement, metrics, quote_tables
from analysis.corpus import load_story

ROOT = Path(__file__).resolve().parents[1]
LESSON = ROOT / "notebooks" / "lesson"
GUIDE = LESSON / "teachers-guide.md"
STORY = ROOT / "corpus" / "askmoreofhim"


def _answer_key() -> dict[str, str]:
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split("## Answers", 1)[1].split("\n## ", 1)[0]
    return dict(re.findall(r"^\| `(\w+)` \| ([^|]+?) \|", section, flags=re.MULTILINE))


def _solutions() -> dict:
    text = GUIDE.read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", text, flags=re.DOTALL)
    assert block, "the guide must hold the workbook solutions as a yaml block"
    return yaml.safe_load(block.group(1))


def _current_answers() -> dict[str, str]:
    story = load_story(STORY)
    analyses = metrics.analyse_story(story)
    by_outlet = metrics.metrics_table(story, by="outlet", analyses=analyses).set_index("outlet")
    quotes = quote_tables.quotes_frame(analyses)
    speech = quotes[quotes["kind"] != "name"].drop_duplicates(["article_id", "quote_id"])
    speakers = quote_tables.speakers_frame(analyses)
    return {
        "most_editorial": by_outlet["own_voice_share"].idxmax(),
        "most_quotes": by_outlet["quote_density"].idxmax(),
        "highest_grade": by_outlet["flesch_kincaid_grade"].idxmax(),
        "lowest_reading_ease": by_outlet["flesch_reading_ease"].idxmin(),
        "evaluative_quotes_outlet_a": str(int(((speech["outlet"] == "Outlet A")
                                               & (speech["verb_class"] == "evaluative")).sum())),
        "people_quoted": str(speakers.loc[speakers["quoted"] & (speakers["speaker_type"] == "person"),
                                          "speaker"].nunique()),
        "lead_sentences": str(sum(min(2, len(a.document.sentences)) for a in analyses)),
        "tool_codes": ", ".join(_tool_codes(story, analyses)),
    }


def _tool_codes(story, analyses) -> list[str]:
    from analysis.codebook import load_codebooks
    from analysis.lesson import tool_sentence_codes

    (book,) = load_codebooks(story.root, story.meta, include_generic=False)
    codes: list[str] = []
    for a in analyses:
        codes += tool_sentence_codes(a.document, book, list(range(min(2, len(a.document.sentences)))))
    return codes


def test_answer_key_matches_current_output():
    key = _answer_key()
    assert set(key) == set(_current_answers())
    assert key == _current_answers()


def test_numbers_quoted_in_the_key_match_current_output():
    story = load_story(STORY)
    by_outlet = metrics.metrics_table(story, by="outlet").set_index("outlet")
    text = GUIDE.read_text(encoding="utf-8")
    assert f"({by_outlet.loc['Outlet A', 'own_voice_share']:.3f})" in text
    assert f"({by_outlet.loc['Outlet C', 'quote_density']:.3f})" in text
    assert f"({by_outlet.loc['Outlet B', 'quote_density']:.3f})" in text
    assert f"({by_outlet.loc['Outlet A', 'flesch_kincaid_grade']:.2f})" in text
    assert f"({by_outlet.loc['Outlet B', 'flesch_reading_ease']:.2f})" in text
    solutions = _solutions()
    alpha = agreement.krippendorff_alpha(list(zip(solutions["my_codes"], solutions["partner_codes"])))
    assert f"alpha = {alpha:.2f}" in text
    analyses = metrics.analyse_story(story)
    tool = agreement.krippendorff_alpha(list(zip(solutions["my_codes"], _tool_codes(story, analyses))))
    assert f"alpha = {tool:.2f}" in text


def _run(tmp_path: Path, parameters: dict) -> str:
    papermill = pytest.importorskip("papermill")
    out = tmp_path / "workbook-out.ipynb"
    nb = papermill.execute_notebook(
        str(LESSON / "workbook.ipynb"), str(out), parameters=parameters,
        kernel_name="python3", cwd=str(LESSON), progress_bar=False, log_output=False,
    )
    texts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", output
            texts.append(output.get("text", "") + output.get("data", {}).get("text/plain", ""))
    return "".join(texts)


@pytest.mark.slow
def test_workbook_runs_blank_and_prints_hints(tmp_path):
    printed = _run(tmp_path, {})
    assert printed.count("Hint:") == 6
    assert "Right:" not in printed and "Not quite" not in printed


@pytest.mark.slow
def test_workbook_runs_with_the_guides_solutions(tmp_path):
    solutions = _solutions()
    printed = _run(tmp_path, solutions)
    assert printed.count("Right:") == 4 and "Not quite" not in printed and "Hint:" not in printed
    alpha = agreement.krippendorff_alpha(list(zip(solutions["my_codes"], solutions["partner_codes"])))
    assert f"You and your partner agree on 4 of 6 sentences; Krippendorff's alpha = {alpha:.2f}" in printed
    assert "You and the tool agree on 5 of 6 sentences" in printed
    assert "Change in the share of sentences carrying each frame" in printed
    change = printed.split("Change in the share of sentences carrying each frame", 1)[1]
    power = next(line for line in change.splitlines() if line.startswith("power_structures"))
    assert any(float(v) > 0 for v in power.split()[1:])
