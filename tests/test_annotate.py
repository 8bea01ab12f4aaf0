"""The annotated article view: escaped, self-contained, with highlighted layers and a legend."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from analysis.core import paths
from analysis.present.annotate import DEFAULT_LAYERS, RENDER_LAYERS, AnnotatedHTML, render_article
from analysis.framing.codebook import load_codebooks
from analysis.io.corpus import Article, load_story, parse_article
from analysis.metrics import analyse_article, analyse_story

ALLOWED_TAGS = {"div", "p", "span", "strong", "ul", "li"}
ALLOWED_ATTRIBUTES = {"style", "title"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self.text.append(data)


def _parse(markup: str) -> _Collector:
    c = _Collector()
    c.feed(markup)
    c.close()
    return c


HOSTILE_BODY = (
    'Officials said <script>alert(1)</script> was found. '
    '"It may be <img src=x onerror=alert(1)> clearly," said Ann "Lee" Roe.\n\n'
    "A second paragraph with a javascript:alert(1) link text & an <a href=x>anchor</a>.\n"
)
HOSTILE_FILE = (
    "---\n"
    'outlet: "<script>alert(1)</script>"\n'
    'title: "<img src=x onerror=alert(1)>"\n'
    'author: "\\" onmouseover=\\"alert(1)"\n'
    "url: javascript:alert(1)\n"
    "---\n" + HOSTILE_BODY
)


def test_script_and_onerror_in_body_and_front_matter_render_inert():
    article = parse_article(HOSTILE_FILE.encode("utf-8"), Path("evil.md"))
    markup = render_article(analyse_article(article), layers=list(RENDER_LAYERS))
    parsed = _parse(markup)
    # no element or attribute came from the article: only the renderer's own
    assert set(parsed.tags) <= ALLOWED_TAGS, set(parsed.tags)
    assert {name for name, _ in parsed.attributes} <= ALLOWED_ATTRIBUTES
    assert not any(name.startswith("on") for name, _ in parsed.attributes)
    lowered = markup.lower()
    assert "<script" not in lowered and "<img" not in lowered and "<a " not in lowered
    # the payloads are shown as text, character for character
    text = "".join(parsed.text)
    assert "<script>alert(1)</script>" in text  # outlet and body
    assert "<img src=x onerror=alert(1)>" in text  # title and body
    assert '" onmouseover="alert(1)' in text  # author, as text
    assert "javascript:alert(1)" in text  # url as text, not a link
    # the payloads were not split into extra attributes: every attribute is style or title,
    # and no style value holds anything from the article
    for name, value in parsed.attributes:
        if name == "style":
            assert "alert" not in (value or "") and "<" not in (value or "")


def test_every_body_character_is_shown_in_order():
    story = load_story(paths.DEFAULT_STORY)
    for a in analyse_story(story):
        markup = render_article(a, layers=list(RENDER_LAYERS), codebooks=load_codebooks(story.root, story.meta))
        shown = "".join(_parse(markup.split("<strong>Legend</strong>")[0]).text)
        for p in a.document.paragraphs:
            assert a.document.text(p) in shown


def test_layers_legend_and_no_external_resources():
    story = load_story(paths.DEFAULT_STORY)
    analyses = analyse_story(story)
    books = load_codebooks(story.root, story.meta)
    markup = render_article(analyses[0], codebooks=books)
    assert isinstance(markup, AnnotatedHTML) and markup._repr_html_() == str(markup)
    for needle in ("<link", "<script", "@import", "url(", "http://", "https://", "<img", "<iframe"):
        assert needle not in markup.lower()
    legend = markup.split("<strong>Legend</strong>")[1]
    # one line per family, each style once: speech, frames, stance
    assert [part.split("</strong>")[0] for part in legend.split("<strong>")[1:]] == ["Speech:", "Frames:", "Stance:"]
    assert legend.count("quoted speech (tinted") == 1 and "the letter" not in legend  # not one tint per speaker
    assert "neutral verb (dashed box)" in legend and "evaluative verb (solid box)" in legend
    assert "hedge (wavy underline)" in legend and "booster (bold)" in legend
    # the frames found are named in words, not told apart by colour
    assert "frame cue (underlined" in legend and "cues found:" in legend and "(generic)" in legend
    styles = {part.split('"')[0] for part in legend.split('style="')[1:] if "padding: 0 3px" in part}
    assert 4 <= len(styles) <= 7  # few styles (there were 13 on this article)
    # no outlet colour marks a span
    from analysis.present.plots import OUTLET_PALETTE
    assert not any(colour.lower() in markup.lower() for colour in OUTLET_PALETTE)
    # the spans' titles say what they are
    assert 'title="quote (full) by John Krasinski, said"' in markup
    assert 'title="booster: clearly (own voice)"' in markup


def test_only_chosen_layers_are_highlighted():
    a = analyse_article(Article("x", "X", Path("x.md"), '"It may rain," she said. Costs clearly rose.'))
    only_hedges = render_article(a, layers=["hedge"])
    body = only_hedges.split("<p", 1)[1].split("<strong>Legend")[0]
    assert "underline wavy" in body and "font-weight: bold" not in body
    assert "background-color" not in only_hedges
    nothing = render_article(a, layers=[])
    assert "<span" not in nothing and "Legend" not in nothing
    assert DEFAULT_LAYERS == ("quote", "attribution_verb", "frame_cue", "hedge", "booster")


def test_unknown_layer_lists_valid_layers():
    a = analyse_article(Article("x", "X", Path("x.md"), "Text."))
    with pytest.raises(ValueError, match="valid layers: quote, speaker"):
        render_article(a, layers=["sentence"])


def test_empty_body_renders_a_frame_without_paragraphs():
    markup = render_article(analyse_article(Article("e", "E", Path("e.md"), "")))
    assert "<p" not in markup and "e</div>" in markup
