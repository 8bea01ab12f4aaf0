"""An article as HTML, with the spans behind its numbers highlighted, and a legend.

:func:`render_article` shows one article's body paragraph by paragraph and marks
the spans of the chosen annotation layers (:mod:`analysis.annotations`).

The styles come in three families, one visual channel each, so that a reader
tells them apart at a glance and overlapping spans stay visible (Ware 2013,
ch. 5: few, separable channels): **speech** is marked by the background and a
box (quoted speech in one light tint, attribution verbs boxed, dashed for a
neutral verb and solid for an evaluative one), **frames** by an underline
(one style for every frame; which frame it is shows on hover and in the
legend's list of frames found), **stance** by the letters themselves (hedges
with a wavy underline, boosters in bold, evaluative words in italic). The
optional layers (speaker names, actors, gendered references, scare quotes)
reuse those channels. No style uses an outlet colour
(:data:`analysis.present.plots.OUTLET_PALETTE`): the colours are the tints of
the selection chart and greys. Hovering a marked span shows what it is
(``title`` attribute); the legend lists each family on its own line.

References
----------
Ware, C. (2013). *Information Visualization: Perception for Design*, 3rd ed.
    Morgan Kaufmann, ch. 5 (separable visual channels).

Safety: every piece of article text and metadata is passed through
:func:`html.escape` (quotes included) before it is written, so a body or a
front-matter field holding ``<script>`` or ``onerror=`` is shown as text and
never runs. The output uses inline styles only and loads nothing: no scripts,
no style sheets, no fonts, no images, no links.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from analysis.framing.actors import StoryPeople
from analysis.annotations import Annotation, article_annotations
from analysis.core.errors import unknown_option
from analysis.framing.codebook import Codebook
from analysis.compare.passages import STATUS_TINTS

__all__ = [
    "DEFAULT_LAYERS",
    "RENDER_LAYERS",
    "AnnotatedHTML",
    "render_article",
]

RENDER_LAYERS: tuple[str, ...] = (
    "quote", "speaker", "attribution_verb", "frame_cue", "hedge", "booster", "evaluative",
    "scare_quote", "actor", "gender_reference",
)
"""Layers that can be highlighted (paragraphs and sentences structure the view instead)."""

DEFAULT_LAYERS: tuple[str, ...] = ("quote", "attribution_verb", "frame_cue", "hedge", "booster")
"""Layers shown when none are chosen: quotes by speaker, verbs, frame cues, hedges, boosters."""

LAYER_NAMES: dict[str, str] = {
    "quote": "quoted speech",
    "speaker": "speaker as written",
    "attribution_verb": "attribution verb",
    "frame_cue": "frame cue",
    "hedge": "hedge",
    "booster": "booster",
    "evaluative": "evaluative word",
    "scare_quote": "scare quote",
    "actor": "named person or organisation",
    "gender_reference": "reference to men or women",
}
"""What each highlighted layer is, for the legend."""

#: The families of the legend, in order: each layer belongs to one.
FAMILIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Speech", ("quote", "speaker", "attribution_verb")),
    ("Frames", ("frame_cue",)),
    ("Stance", ("hedge", "booster", "evaluative", "scare_quote")),
    ("People", ("actor", "gender_reference")),
)

_INK = "#1F1F1F"
_QUOTE_TINT = STATUS_TINTS["quoted"]
_STYLES: dict[str, dict[str, str]] = {
    "quote": {"background-color": _QUOTE_TINT},
    "speaker": {"outline": f"1px solid {_INK}"},
    "verb:neutral": {"border": f"1px dashed {_INK}", "padding": "0 1px"},
    "verb:evaluative": {"border": f"2px solid {_INK}", "padding": "0 1px"},
    "verb:none": {"border": "1px dotted #4F4F4F", "padding": "0 1px"},
    "frame_cue": {"border-bottom": f"2px solid {_INK}"},
    "hedge": {"text-decoration": f"underline wavy {_INK}"},
    "booster": {"font-weight": "bold"},
    "evaluative": {"font-style": "italic"},
    "scare_quote": {"text-decoration": f"underline double {_INK}"},
    "actor": {"font-variant": "small-caps"},
    "gender_reference": {"text-decoration": f"overline {_INK}"},
}
"""CSS of each style: few of them, told apart by channel, not by hue."""

_LEGEND_TEXT = {
    "quote": "quoted speech (tinted; hover for the speaker)",
    "speaker": "speaker's name (outlined)",
    "verb:neutral": "neutral verb (dashed box)",
    "verb:evaluative": "evaluative verb (solid box)",
    "verb:none": "no verb (dotted box)",
    "frame_cue": "frame cue (underlined; hover for the frame)",
    "hedge": "hedge (wavy underline)",
    "booster": "booster (bold)",
    "evaluative": "evaluative word (italic)",
    "scare_quote": "scare quote (double underline)",
    "actor": "named person or organisation (small capitals)",
    "gender_reference": "reference to men or women (line above)",
}


class AnnotatedHTML(str):
    """An HTML string that notebooks display as HTML (``_repr_html_``)."""

    def _repr_html_(self) -> str:
        return str(self)


def _style_key(layer: str, ann: Annotation) -> str | None:
    """Which style of :data:`_STYLES` a span takes (None: not marked)."""
    if layer == "quote":
        return None if ann.label == "name" else "quote"
    if layer == "attribution_verb":
        return f"verb:{ann.label}" if f"verb:{ann.label}" in _STYLES else "verb:neutral"
    return layer if layer in _STYLES else None


def _style(layer: str, ann: Annotation) -> dict[str, str]:
    """CSS declarations for one span; each family owns different properties."""
    key = _style_key(layer, ann)
    return dict(_STYLES[key]) if key else {}


def _describe(ann: Annotation) -> str:
    d = ann.detail
    if ann.layer == "quote":
        if ann.label == "name":
            return "quoted name or scare quote"
        verb = f", {d.get('verb')}" if d.get("verb") else ""
        return f"quote ({ann.label}) by {d.get('speaker') or 'unknown speaker'}{verb}"
    if ann.layer == "frame_cue":
        return f"frame {ann.label} (cue: {d.get('cue')}, {d.get('voice')} voice)"
    if ann.layer in ("hedge", "booster", "evaluative"):
        return f"{ann.layer}: {d.get('term')} ({d.get('voice')} voice)"
    if ann.layer == "attribution_verb":
        return f"attribution verb '{d.get('verb')}' ({ann.label})"
    if ann.layer == "actor":
        said = "quoted" if d.get("quoted") else "only mentioned"
        return f"{d.get('kind')}: {ann.label} ({said})"
    if ann.layer == "gender_reference":
        return f"reference to {ann.label} ({d.get('source')})"
    return f"{ann.layer}: {ann.label}"


def _merge(styles: Sequence[dict[str, str]]) -> str:
    merged: dict[str, str] = {}
    for s in styles:
        for k, v in s.items():
            if k == "text-decoration" and k in merged:
                continue  # the first text-decoration wins; the title still lists both
            merged[k] = v
    return "; ".join(f"{k}: {v}" for k, v in merged.items())


def _render_paragraph(body: str, start: int, end: int, spans: Sequence[Annotation]) -> str:
    cuts = {start, end}
    inside = [a for a in spans if a.start < end and start < a.end]
    for a in inside:
        cuts.add(max(a.start, start))
        cuts.add(min(a.end, end))
    points = sorted(cuts)
    parts: list[str] = []
    for s, e in zip(points, points[1:]):
        text = html.escape(body[s:e], quote=True)
        active = [a for a in inside if a.start <= s and e <= a.end]
        if not active:
            parts.append(text)
            continue
        style = _merge([_style(a.layer, a) for a in active])
        title = html.escape("; ".join(dict.fromkeys(_describe(a) for a in active)), quote=True)
        parts.append(f'<span style="{html.escape(style, quote=True)}" title="{title}">{text}</span>')
    return "".join(parts)


def _swatch(style: str, text: str) -> str:
    return (f'<span style="{html.escape(style, quote=True)}; padding: 0 3px">'
            f"{html.escape(text, quote=True)}</span>")


def _legend(layers: Sequence[str], anns: Sequence[Annotation], frame_names: dict[str, str]) -> str:
    """The legend: one line per family of styles, each style once, and the frames found."""
    present = {a.layer for a in anns}
    lines: list[str] = []
    for family, members in FAMILIES:
        items: list[str] = []
        for layer in (m for m in members if m in layers):
            if layer == "attribution_verb":
                classes = sorted({a.label for a in anns if a.layer == layer}) or ["neutral", "evaluative"]
                keys = [f"verb:{c}" for c in ("neutral", "evaluative", "none") if c in classes]
            else:
                keys = [layer]
            for key in keys:
                label = _LEGEND_TEXT[key] + ("" if layer in present else " (none in this article)")
                items.append(_swatch(_merge([_STYLES[key]]), label))
        if "frame_cue" in members and "frame_cue" in layers:
            counts: dict[str, int] = {}
            for a in anns:
                if a.layer == "frame_cue":
                    counts[a.label] = counts.get(a.label, 0) + 1
            if counts:
                found = "; ".join(f"{frame_names.get(k, k)} {n}" for k, n in counts.items())
                items.append(f"<span>cues found: {html.escape(found, quote=True)}</span>")
        if items:
            cells = "".join(f'<li style="margin: 2px 14px 2px 0; display: inline-block">{i}</li>' for i in items)
            lines.append(f'<li style="margin: 2px 0"><strong>{family}:</strong> '
                         f'<ul style="list-style: none; padding: 0; margin: 0; display: inline">{cells}</ul></li>')
    if not lines:
        return ""
    return (
        '<div style="font-size: 0.9em; border-top: 1px solid #8C8C8C; margin-top: 8px; padding-top: 4px">'
        '<strong>Legend</strong>'
        f'<ul style="list-style: none; padding: 0; margin: 4px 0">{"".join(lines)}</ul></div>'
    )


def _meta_line(meta: dict[str, Any], outlet: str, article_id: str) -> str:
    fields = [("outlet", outlet), ("article", article_id)]
    for key in ("author", "byline", "published", "url"):
        value = meta.get(key)
        if value not in (None, ""):
            fields.append((key, str(value)))
    return " · ".join(f"{html.escape(k, quote=True)}: {html.escape(v, quote=True)}" for k, v in fields)


def render_article(
    analysis,
    layers: Sequence[str] | None = None,
    codebooks: Sequence[Codebook] = (),
    people: StoryPeople | None = None,
    annotations: Sequence[Annotation] | None = None,
) -> AnnotatedHTML:
    """Render one article as self-contained, escaped HTML with highlighted layers.

    Parameters
    ----------
    analysis : ArticleAnalysis
        From :func:`analysis.pipeline.analyse_article`.
    layers : sequence of str, optional
        Layers to highlight (:data:`RENDER_LAYERS`); default :data:`DEFAULT_LAYERS`.
    codebooks : sequence of Codebook
        Frames whose cues can be shown (``frame_cue`` layer).
    people : StoryPeople, optional
    annotations : sequence of Annotation, optional
        Already computed annotations of this article.

    Returns
    -------
    AnnotatedHTML
        A ``<div>`` (a ``str``; notebooks display it as HTML).

    Raises
    ------
    ValueError
        For an unknown layer, listing the valid ones.
    """
    chosen = list(DEFAULT_LAYERS if layers is None else layers)
    unknown = [x for x in chosen if x not in RENDER_LAYERS]
    if unknown:
        raise ValueError(unknown_option("layer", unknown[0], RENDER_LAYERS))
    anns = list(annotations) if annotations is not None else article_annotations(analysis, codebooks, people)
    shown = [a for a in anns if a.layer in chosen and a.end > a.start]
    if "quote" in chosen:
        shown = [a for a in shown if not (a.layer == "quote" and a.label == "name")]
    frame_names = {f"{b.name}:{f.id}": f"{f.label} ({b.name})" for b in codebooks for f in b.frames}
    article = analysis.article
    body = analysis.document.body
    meta = dict(article.meta or {})
    title = meta.get("title")
    heading = html.escape(str(title) if title not in (None, "") else article.article_id, quote=True)
    paragraphs = "".join(
        f'<p style="margin: 0 0 0.8em 0; white-space: pre-wrap">'
        f"{_render_paragraph(body, p.start, p.end, shown)}</p>"
        for p in analysis.document.paragraphs
    )
    return AnnotatedHTML(
        f'<div style="font-family: Georgia, serif; line-height: 1.6; color: {_INK}; max-width: 46em; '
        'border: 1px solid #ddd; padding: 12px 16px; margin: 8px 0">'
        f'<div style="font-weight: bold; font-size: 1.1em">{heading}</div>'
        f'<div style="font-size: 0.85em; color: #4F4F4F; margin-bottom: 8px">{_meta_line(meta, article.outlet, article.article_id)}</div>'
        f"{paragraphs}{_legend(chosen, anns, frame_names)}</div>"
    )
