"""The lesson's printable pack and projector slides: HTML a class without Python can work from.

Articles with outlets relabelled and bylines, reporters' names and outlet names hidden
(:mod:`analysis.present.lesson`), a prediction sheet, the data sheet and exercises of Part 2, a
coding grid for Part 3, the discussion questions and the glossary of the teacher's guide.
A print stylesheet starts each part on a new page. Nothing is loaded from the internet.

References
----------
Krippendorff, K. (2004). *Content Analysis: An Introduction to Its Methodology* (2nd ed.),
ch. 11 (agreement between coders), for the coding grid.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from analysis.framing import codebook as codebook_module
from analysis.present import lesson
from analysis.present.session import find_story, open_story
from analysis import metrics
from analysis.core import paths
from analysis.speech import quote_tables
from analysis.core.errors import InputError, quiet_warnings

__all__ = ["GUIDE", "LEARNING_GOALS", "LESSON_PAGES", "WORKBOOK", "glossary_rows", "lead_sentences",
           "lesson_pack_html", "lesson_report_files", "lesson_slides_html"]

GUIDE: Path = paths.NOTEBOOKS_DIR / "lesson" / "teachers-guide.md"
"""The teacher's guide, whose Glossary table the pack prints."""

N_LEAD_SENTENCES = 2
"""Sentences per article in the coding grid (the lead), as in the workbook's Part 3."""

DISCUSSION = (
    "Which of your predictions did the numbers confirm? Which surprised you, and why?",
    "An outlet can copy words from its source without quotation marks. Is that copied text the "
    "outlet's own voice?",
    "Look at who is quoted and who is only mentioned. Whose voices are missing? Is any woman quoted?",
    "Where did you and your partner disagree most? What would you add to the frame definitions so "
    "you agree more?",
    "What does none of these numbers tell you about whether an article is fair or accurate?",
)

_STYLE = """
body { font-family: Georgia, serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #111; }
h1, h2, h3 { font-family: system-ui, sans-serif; }
section.page { margin-bottom: 3rem; }
section.article { border: 1px solid #999; padding: 0.5em 1em; margin: 0.5em 0; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; font-size: 0.95rem; }
th, td { border: 1px solid #777; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
td.blank { width: 9rem; }
.line { border-bottom: 1px solid #777; height: 2rem; }
.note { color: #444; font-style: italic; }
.formula { font-family: system-ui, sans-serif; font-size: 1.05rem; }
svg.chart text { font: 13px system-ui, sans-serif; }
svg.chart rect { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
figure { margin: 1rem 0; } figcaption { font-family: system-ui, sans-serif; font-weight: bold; }
@page { margin: 1.8cm; }
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; }
  section.page { page-break-after: always; break-after: page; margin: 0; }
  section.article { page-break-inside: avoid; break-inside: avoid; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
}
"""


def glossary_rows(guide: str | Path = GUIDE) -> list[tuple[str, ...]]:
    """The rows of the guide's ``## Glossary`` table (term, what it measures, direction, limits).

    Parameters
    ----------
    guide : str or Path
        The teacher's guide (Markdown).

    Returns
    -------
    list of tuple of str

    Raises
    ------
    InputError
        When the guide has no Glossary section with a table.
    """
    text = Path(guide).read_text(encoding="utf-8")
    if "\n## Glossary" not in text:
        raise InputError(guide, "no '## Glossary' section")
    section = text.split("\n## Glossary", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    cells = [tuple(c.strip() for c in row.strip("|").split("|")) for row in rows]
    body = [c for c in cells[1:] if not all(set(x) <= set("-: ") for x in c)]
    if not body:
        raise InputError(guide, "the Glossary section has no table rows")
    return body


def lead_sentences(analyses, labels: dict[str, str], names: Sequence[str],
                   n: int = N_LEAD_SENTENCES) -> list[tuple[str, str]]:
    """The first ``n`` sentences of each article as (label, blinded sentence), sorted by label.

    Byline and credit paragraphs are skipped (:func:`analysis.present.lesson.lead_indices`).

    Parameters
    ----------
    analyses : sequence of ArticleAnalysis
    labels : dict
        Outlet -> neutral label (:func:`analysis.present.lesson.outlet_letters`).
    names : sequence of str
        Names to hide (:func:`analysis.present.lesson.story_names`).
    n : int

    Returns
    -------
    list of (str, str)
    """
    out = []
    for a in sorted(analyses, key=lambda a: labels.get(a.article.outlet, a.article.outlet)):
        if a.article.meta.get("role", "article") == "source":
            continue
        doc = a.document
        out += [(labels[a.article.outlet], lesson.blind_text(doc.text(doc.sentences[i]), names))
                for i in lesson.lead_indices(doc, n)]
    return out


def _table(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_cell(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f"<table><tr>{head}</tr>{rows}</table>"


def _bar_chart_svg(values: pd.Series, measure: str, width: int = 480, bar: int = 28) -> str:
    """A horizontal bar chart as inline SVG (prints, needs no script or image file).

    The axis starts at 0 and ends at the largest value rounded up to a tenth; the title names the highest and lowest entries as the
    workbook's chart does (:func:`analysis.present.display.extremes`), and each
    bar carries its value.

    Parameters
    ----------
    values : Series
        Values indexed by outlet label.
    measure : str
        What the values are, for the title.
    width, bar : int
        Width of the drawing and height of one bar, in pixels.

    Returns
    -------
    str
        An ``<svg>`` element with a ``<title>``.
    """
    from analysis.present.display import extremes

    values = values.dropna()
    title = extremes(values, measure=measure, fmt=".3f")
    top = max(0.1, math.ceil(float(values.max()) * 10) / 10) if len(values) else 1.0
    label_w = max(80, width // 7)  # room for "Outlet A" at the drawing's type size
    plot_w = width - label_w - max(60, width // 10)  # and for the value after the longest bar
    text_gap = max(16, bar // 2)  # from the axis line down to its labels
    height = bar * len(values) * 3 // 2 + 24 + text_gap
    parts = [f'<svg class="chart" width="{width}" height="{height}" '
             f'role="img" aria-label="{html.escape(title)}"><title>{html.escape(title)}</title>']
    for i, (label, value) in enumerate(values.items()):
        y = 10 + i * bar * 3 // 2
        w = plot_w * float(value) / top
        parts.append(f'<text x="0" y="{y + bar * 2 // 3}">{html.escape(str(label))}</text>'
                     f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar}" fill="#4a6fa5"/>'
                     f'<text x="{label_w + w + 4:.1f}" y="{y + bar * 2 // 3}">{value:.3f}</text>')
    axis_y = height - text_gap - 6
    parts.append(f'<line x1="{label_w}" y1="{axis_y}" x2="{label_w + plot_w}" y2="{axis_y}" stroke="#000"/>'
                 f'<text x="{label_w}" y="{axis_y + text_gap}">0</text>'
                 f'<text x="{label_w + plot_w - 20}" y="{axis_y + text_gap}">{top:.1f}</text></svg>')
    return f'<figure><figcaption>{html.escape(title)}</figcaption>{"".join(parts)}</figure>'


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 1 else f"{value:.2f}"
    return "" if value is None else str(value)


def _markdown_inline(text: str) -> str:
    """Escape a glossary cell and turn its `code` spans into <code>."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text))


@quiet_warnings()
def lesson_pack_html(corpus_dir: str | Path | None = None, guide: str | Path = GUIDE) -> str:
    """The printable pack for a story, as one self-contained HTML page.

    Parameters
    ----------
    corpus_dir : str, Path or None
        The story folder (:func:`analysis.present.session.find_story`); None = the starter story.
    guide : str or Path
        The teacher's guide, for the glossary.

    Returns
    -------
    str
        An HTML document with a print stylesheet. Outlets appear only as neutral
        letters; bylines, reporters' names, handles and outlet names are hidden.
    """
    session = open_story(corpus_dir)
    story, analyses, books = session.story, session.analyses, session.story_codebooks
    articles = [a for a in story.articles if a.meta.get("role", "article") != "source"]
    labels = lesson.outlet_letters([a.outlet for a in articles])
    names = lesson.story_names(articles)
    by_outlet = lesson.blind_table(metrics.metrics_table(story, by="outlet", analyses=analyses), names, labels)
    quotes = quote_tables.quotes_frame(analyses)
    speech = lesson.speech_table(quotes, names, labels)
    speakers = lesson.blind_table(quote_tables.speakers_frame(analyses), names, labels)
    speakers = speakers[speakers["speaker"] != lesson.NAME_PLACEHOLDER]
    book = books[0] if books else codebook_module.generic_codebook()
    letters = ", ".join(sorted(set(labels.values())))
    title = str(story.meta.get("title") or story.root.name)

    sheets = [
        _intro_sheet(title, letters, len(articles)),
        _articles_sheet(articles),
        _prediction_sheet(letters),
        _data_sheet(by_outlet, speech, speakers),
        _coding_sheet(book, lead_sentences(analyses, labels, names), own_codebook=bool(books)),
        _discussion_sheet(),
        _glossary_sheet(glossary_rows(guide)),
    ]
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Lesson pack: {html.escape(title)}</title>
<style>{_STYLE}</style>
</head>
<body>
<main>
{"".join(sheets)}
</main>
</body>
</html>
"""


def _intro_sheet(title: str, letters: str, n_articles: int) -> str:
    return f"""<section class="page" id="start">
<h1>One event, several stories</h1>
<p><strong>{html.escape(title)}</strong></p>
<p>You will read {n_articles} articles about the same event, written by different outlets ({html.escape(letters)}).
Who wrote which is hidden: outlet names are replaced by letters and bylines by
<code>{html.escape(lesson.BYLINE_PLACEHOLDER)}</code> or <code>{html.escape(lesson.NAME_PLACEHOLDER)}</code>.</p>
<ol>
<li><strong>Part 1 · Blind reading.</strong> Read the articles. Circle every quotation. Underline what the
outlet says in its own voice (everything outside quotation marks: reporting, summary, background and,
sometimes, opinion); put a star next to opinion. Then fill in the prediction sheet.</li>
<li><strong>Part 2 · Check with numbers.</strong> Only after your predictions: turn to the data sheet and
answer the exercises.</li>
<li><strong>Part 3 · Code it yourself.</strong> Code the lead sentences on the coding grid, alone, then
compare with a partner.</li>
<li><strong>Discussion.</strong> The questions at the end.</li>
</ol>
<nav><a href="#articles">Articles</a> · <a href="#predictions">Predictions</a> · <a href="#data">Data sheet</a>
· <a href="#coding">Coding grid</a> · <a href="#discussion">Discussion</a> · <a href="#glossary">Glossary</a></nav>
</section>
"""


def _articles_sheet(articles) -> str:
    return f"""<section class="page" id="articles">
<h2>Part 1 · Blind reading</h2>
{lesson.blind_html(articles)}
</section>
"""


def _prediction_sheet(letters: str) -> str:
    questions = [
        "Which outlet writes most in its own voice (outside quotation marks)?",
        "Which outlet quotes the most?",
        "Which outlet is hardest to read?",
    ]
    rows = "".join(
        f"<tr><td>{html.escape(q)}</td><td class=\"blank\"></td><td class=\"blank\"></td></tr>" for q in questions
    )
    return f"""<section class="page" id="predictions">
<h2>Prediction sheet</h2>
<p>Name: ______________________ &nbsp; Outlets: {html.escape(letters)}</p>
<table><tr><th>question</th><th>my prediction</th><th>the sentence that made me think so</th></tr>{rows}</table>
<p class="note">There are no wrong predictions. Do not turn the page until you have written all three.</p>
</section>
"""


def _data_sheet(by_outlet: pd.DataFrame, speech: pd.DataFrame, speakers: pd.DataFrame) -> str:
    columns = ["outlet", "n_words", "own_voice_share", "quote_density", "n_quotes",
               "flesch_kincaid_grade", "flesch_reading_ease"]
    exercises = "".join(
        f"<li><strong>{html.escape(number)}</strong> {html.escape(question)}<div class=\"line\"></div></li>"
        for number, (_kind, question, _hint) in lesson.EXERCISES.items()
    )
    return f"""<section class="page" id="data">
<h2>Part 2 · Check with numbers</h2>
<p>One row per outlet. <code>own_voice_share</code>: share of the outlet's words outside quotation marks;
<code>quote_density</code>: share inside them. Higher <code>flesch_kincaid_grade</code> = harder to read; higher
<code>flesch_reading_ease</code> = easier.</p>
{_table(by_outlet[columns])}
{_bar_chart_svg(by_outlet.set_index("outlet")["quote_density"], "share of words inside quotation marks")}
<p><strong>Reading the chart.</strong> Read the title first (it states the finding), then the axis:
it starts at 0, so the lengths compare fairly. Which bars are nearly the same length? Would you write a
headline saying one of those outlets "quotes more" than the other?</p>
<ol class="exercises">{exercises}</ol>
<h3>Every quote and its attribution verb</h3>
{_table(speech[["outlet", "speaker", "verb", "verb_class", "text"]])}
<h3>Who speaks and who is only mentioned</h3>
{_table(speakers[["outlet", "speaker", "speaker_type", "quoted", "role"]])}
</section>
"""


def _coding_sheet(book, units: list[tuple[str, str]], own_codebook: bool) -> str:
    frames = "".join(
        f"<tr><td><code>{html.escape(f.id)}</code></td><td>{html.escape(f.label)}</td>"
        f"<td>{html.escape(f.definition)}</td></tr>"
        for f in book.frames
    ) + f"<tr><td><code>{lesson.NO_FRAME}</code></td><td>none of these</td><td></td></tr>"
    grid = "".join(
        f"<tr><td>{i}</td><td>{html.escape(label)}</td><td>{html.escape(sentence)}</td>"
        "<td class=\"blank\"></td><td class=\"blank\"></td><td class=\"blank\"></td></tr>"
        for i, (label, sentence) in enumerate(units, start=1)
    )
    generic = "" if own_codebook else (
        '<p class="note">This story has no codebook of its own, so the frames are the generic ones.</p>')
    return f"""<section class="page" id="coding">
<h2>Part 3 · Code it yourself</h2>
<p>A frame is a way of presenting the story. For each sentence, write the code of the frame it uses
most, or <code>{lesson.NO_FRAME}</code>. Code alone first; then a partner codes the same sentences
without talking to you. Tick "same" where your codes match.</p>
{generic}
<table><tr><th>code</th><th>frame</th><th>the sentence...</th></tr>{frames}</table>
<table><tr><th>#</th><th>outlet</th><th>sentence</th><th>my code</th><th>partner's code</th><th>same?</th></tr>{grid}</table>
<p>We agree on ____ of {len(units)} sentences.</p>
{_alpha_by_hand(book, len(units))}
</section>
"""


def _alpha_by_hand(book, n_units: int) -> str:
    """The tally box and formula for Krippendorff's alpha of two coders, for a class without computers."""
    codes = [f.id for f in book.frames] + [lesson.NO_FRAME]
    rows = "".join(f"<tr><td><code>{html.escape(c)}</code></td><td class=\"blank\"></td>"
                   f"<td class=\"blank\"></td></tr>" for c in codes)
    n = 2 * n_units
    return f"""<h3>Agreement beyond chance, on paper (Krippendorff's alpha)</h3>
<p>For each code, count how many times <em>either</em> of you wrote it (<var>n<sub>c</sub></var>; the
counts add up to <var>n</var> = {n}, two codes per sentence), then square each count.
<var>d</var> is the number of sentences where your codes differ.</p>
<table><tr><th>code</th><th>times written (<var>n<sub>c</sub></var>)</th><th><var>n<sub>c</sub></var>²</th></tr>{rows}
<tr><td><strong>total</strong></td><td>{n}</td><td class="blank"></td></tr></table>
<p class="formula">alpha = 1 − (<var>n</var> − 1) × 2<var>d</var> ÷ (<var>n</var>² − sum of <var>n<sub>c</sub></var>²)
= 1 − {n - 1} × 2 × ____ ÷ ({n * n} − ____) = ______</p>
<p class="note">1 = you agree on every sentence; 0 = no more than chance; below 0 = you disagree more than
chance would. With {n_units} sentences one changed code moves alpha a lot: talk about the sentences you
split on, not the number.</p>
"""


def _discussion_sheet() -> str:
    items = "".join(f"<li>{html.escape(q)}<div class=\"line\"></div><div class=\"line\"></div></li>" for q in DISCUSSION)
    return f"""<section class="page" id="discussion">
<h2>Discussion</h2>
<ol>{items}</ol>
</section>
"""


def _glossary_sheet(rows: list[tuple[str, ...]]) -> str:
    body = "".join("<tr>" + "".join(f"<td>{_markdown_inline(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"""<section class="page" id="glossary">
<h2>Glossary</h2>
<table><tr><th>term</th><th>what it measures</th><th>direction</th><th>limits</th></tr>{body}</table>
</section>
"""



LEARNING_GOALS = (
    "tell an outlet's own voice (its words outside quotation marks) from the speech it quotes, and say "
    "why that matters",
    "explain what a readability score measures and what it does not",
    "notice how an attribution verb (\"said\", \"admits\") colours a quote",
    "code sentences for frames by hand and measure how far two readers agree",
    "ask whose voices a story carries and whose it leaves out, and read a chart by its title and axis "
    "before its bars",
)
"""The lesson's goals, as the workbook and the guide state them."""

_SLIDE_STYLE = """
html { scroll-snap-type: y mandatory; }
body { font-family: system-ui, sans-serif; margin: 0; color: #111; background: #fff; }
section.slide { min-height: 100vh; box-sizing: border-box; padding: 5vh 6vw; scroll-snap-align: start;
                font-size: 1.7rem; line-height: 1.4; border-bottom: 2px solid #ccc; }
section.slide h1 { font-size: 3rem; } section.slide h2 { font-size: 2.3rem; margin-top: 0; }
table { border-collapse: collapse; font-size: 1.4rem; }
th, td { border: 1px solid #777; padding: 0.3rem 0.7rem; text-align: left; }
.note { color: #444; font-size: 1.2rem; }
svg.chart text { font: 22px system-ui, sans-serif; }
figure { margin: 0.5rem 0; } figcaption { font-weight: bold; }
@page { size: landscape; margin: 1cm; }
@media print { section.slide { min-height: auto; page-break-after: always; break-after: page;
                               border: 0; font-size: 18pt; } }
"""


@quiet_warnings()
def lesson_slides_html(corpus_dir: str | Path | None = None, guide: str | Path = GUIDE) -> str:
    """A projector view of the lesson: one full-screen slide per step, no script.

    Scroll (or press Page Down) to go to the next slide; printing gives one landscape
    page per slide. Outlets appear only as neutral letters, as in the pack.

    Parameters
    ----------
    corpus_dir : str, Path or None
        The story; None = the starter story.
    guide : str or Path
        The teacher's guide, for the glossary slide.

    Returns
    -------
    str
        A self-contained HTML document.
    """
    session = open_story(corpus_dir)
    story, analyses, books = session.story, session.analyses, session.story_codebooks
    articles = [a for a in story.articles if a.meta.get("role", "article") != "source"]
    labels = lesson.outlet_letters([a.outlet for a in articles])
    names = lesson.story_names(articles)
    by_outlet = lesson.blind_table(metrics.metrics_table(story, by="outlet", analyses=analyses), names, labels)
    book = books[0] if books else codebook_module.generic_codebook()
    title = str(story.meta.get("title") or story.root.name)
    columns = ["outlet", "own_voice_share", "quote_density", "flesch_kincaid_grade", "flesch_reading_ease"]
    frames = "".join(f"<tr><td><code>{html.escape(f.id)}</code></td><td>{html.escape(f.label)}</td></tr>"
                     for f in book.frames)
    goals = "".join(f"<li>{html.escape(g)}</li>" for g in LEARNING_GOALS)
    discussion = "".join(f"<li>{html.escape(q)}</li>" for q in DISCUSSION)
    glossary = "".join(f"<tr><td>{_markdown_inline(r[0])}</td><td>{_markdown_inline(r[2])}</td></tr>"
                       for r in glossary_rows(guide))
    slides = [
        f"<h1>One event, several stories</h1><p>{html.escape(title)}</p>"
        "<p>Does it matter how a newspaper reports an event it could just describe, or a letter it could just print?</p>",
        f"<h2>By the end of the lesson you can</h2><ol>{goals}</ol>",
        "<h2>Part 1 · Blind reading</h2><ul><li>Circle every quotation.</li><li>Underline the outlet's own "
        "voice: everything outside quotation marks (reporting, summary, background, and sometimes opinion).</li>"
        "<li>Star the opinions.</li></ul><p>Predict: which outlet writes <strong>most in its own voice</strong>? "
        "Which <strong>quotes the most</strong>? Which is <strong>hardest to read</strong>?</p>",
        "<h2>Part 2 · Check with numbers</h2><p class='note'>Show only after every prediction is written.</p>"
        + _table(by_outlet[columns])
        + "<p>Higher grade = harder; higher Reading Ease = easier. Two formulas can name two different "
        "“hardest” outlets.</p>",
        "<h2>Reading a chart</h2>"
        + _bar_chart_svg(by_outlet.set_index("outlet")["quote_density"], "share of words inside quotation marks",
                         width=900, bar=44)
        + "<p>Title first, then the axis (it starts at 0). Which bars are nearly the same length? Would you "
        "write the headline “one of them quotes more”?</p>",
        f"<h2>Part 3 · Code it yourself</h2><table>{frames}<tr><td><code>{lesson.NO_FRAME}</code></td>"
        "<td>none of these</td></tr></table><p>Alone first, then compare with a partner. Alpha: 1 = agree on "
        "everything, 0 = no better than chance. On a few sentences one code moves it a lot.</p>",
        f"<h2>Discussion</h2><ol>{discussion}</ol>",
        f"<h2>Words to know</h2><table>{glossary}</table>",
    ]
    body = "".join(f'<section class="slide" id="slide-{i}">{s}</section>\n' for i, s in enumerate(slides, start=1))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Slides: {html.escape(title)}</title>
<style>{_SLIDE_STYLE}</style>
</head>
<body>
<main>
{body}</main>
</body>
</html>
"""


WORKBOOK: Path = paths.NOTEBOOKS_DIR / "lesson" / "workbook.ipynb"
"""The student workbook."""

LESSON_PAGES: dict[str, str] = {
    "lesson-pack.html": "printable pack for students: articles with outlets and bylines hidden, "
                        "prediction sheet, data sheet, coding grid, discussion, glossary",
    "lesson-slides.html": "projector view: one full-screen slide per step (print: one landscape page each)",
    "lesson-workbook.html": "the workbook as students see it, run, with hints",
    "lesson-workbook-solved.html": "the teacher's copy: every exercise solved and checked (do not hand out)",
}
"""Report file -> what it holds, in the order the index lists them."""


def lesson_report_files(corpus_dir: str | Path | None = None, guide: str | Path = GUIDE) -> dict[str, str]:
    """The lesson's pages for a report folder: the printable pack and the workbook, blank and solved.

    The solved copy runs the model code of every exercise
    (:func:`analysis.present.lesson.solved_notebook`); on the starter story it also takes the
    guide's model predictions and codes, on any other story those stay empty (the guide's
    codes fit only the starter story's six lead sentences).

    Parameters
    ----------
    corpus_dir : str, Path or None
        The story; None = the starter story. A relative path is found as
        :func:`analysis.present.session.find_story` finds it.
    guide : str or Path
        The teacher's guide (glossary and model answers).

    Returns
    -------
    dict
        File name (:data:`LESSON_PAGES`) -> HTML.

    Raises
    ------
    NotebookError
        When a workbook cell fails.
    """
    import nbformat

    from analysis.present import report

    story = find_story(corpus_dir)
    corpus = None if corpus_dir is None else story
    blank = nbformat.read(WORKBOOK, as_version=4)
    solutions = lesson.guide_solutions(guide) if story == paths.DEFAULT_STORY else {}
    pages = {"lesson-pack.html": lesson_pack_html(corpus, guide),
             "lesson-slides.html": lesson_slides_html(corpus, guide)}
    for name, nb, title in (("lesson-workbook.html", blank, "Lesson workbook"),
                            ("lesson-workbook-solved.html", lesson.solved_notebook(blank, solutions),
                             "Lesson workbook: teacher's copy")):
        # the workbook is given the folder as the caller gave it (the teaching copy shows it);
        # it finds it as find_story did above
        executed = report.execute_notebook(nb, WORKBOOK, corpus_dir)
        executed.metadata["title"] = title
        pages[name] = report._export(executed, include_code=True)
    return pages
