"""An article as HTML, with the spans behind its numbers highlighted, and a legend.

:func:`render_article` shows one article's body paragraph by paragraph and marks
the spans of the chosen annotation layers (:mod:`analysis.annotations`): quotes
tinted by speaker, attribution verbs boxed by verb class, frame cues underlined
in their frame's colour, hedges with a wavy underline, boosters in bold, and so
on. Each layer uses its own visual channel (background, border, underline, font
weight...), so overlapping spans stay visible and the view does not rely on
colour alone; colours come from Okabe & Ito's colour-blind-safe palette
(:data:`analysis.present.plots.OUTLET_PALETTE`). Hovering a marked span shows what it
is (``title`` attribute).

Safety: every piece of article text and metadata is passed through
:func:`html.escape` (quotes included) before it is written, so a body or a
front-matter field holding ``<script>`` or ``onerror=`` is shown as text and
never runs. The output uses inline styles only and loads nothing: no scripts,
no style sheets, no fonts, no images, no links.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

from analysis.framing.actors import StoryPeople
from analysis.annotations import Annotation, article_annotations
from analysis.core.errors import unknown_option
from analysis.framing.codebook import Codebook
from analysis.present.plots import OUTLET_PALETTE

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
    "quote": "quoted speech (tinted by speaker)",
    "speaker": "speaker as written",
    "attribution_verb": "attribution verb (boxed: dashed = neutral, solid = evaluative)",
    "frame_cue": "frame cue (underlined in the frame's colour)",
    "hedge": "hedge (wavy underline)",
    "booster": "booster (bold)",
    "evaluative": "evaluative word (italic)",
    "scare_quote": "scare quote (double underline)",
    "actor": "named person or organisation (small capitals)",
    "gender_reference": "reference to men or women (line above)",
}
"""What each highlighted layer looks like, for the legend."""

_INK = "#222222"
_VERB_COLOURS = {"neutral": "#555555", "evaluative": "#D55E00", "none": "#999999"}


def _tint(colour: str, amount: float = 0.25) -> str:
    """``colour`` mixed with white: ``amount`` of the colour (light backgrounds keep text readable)."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(255 - (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02X}" for c in mix)


class AnnotatedHTML(str):
    """An HTML string that notebooks display as HTML (``_repr_html_``)."""

    def _repr_html_(self) -> str:
        return str(self)


def _colour_map(keys: Iterable[str]) -> dict[str, str]:
    names = list(dict.fromkeys(keys))
    return {k: OUTLET_PALETTE[i % len(OUTLET_PALETTE)] for i, k in enumerate(names)}


_LINE_STYLES = ("solid", "dashed", "dotted")


def _frame_lines(keys: Iterable[str]) -> dict[str, str]:
    """A border for each frame: palette colour, then a new line style once colours repeat."""
    names = list(dict.fromkeys(keys))
    size = len(OUTLET_PALETTE)
    return {
        k: f"3px {_LINE_STYLES[(i // size) % len(_LINE_STYLES)]} {OUTLET_PALETTE[i % size]}"
        for i, k in enumerate(names)
    }


def _style(layer: str, ann: Annotation, colours: dict[str, dict[str, str]]) -> dict[str, str]:
    """CSS declarations for one span; each layer owns different properties."""
    if layer == "quote":
        speaker = ann.detail.get("speaker") or "(unknown)"
        if ann.label == "name":
            return {}
        return {"background-color": _tint(colours["speaker"].get(speaker, "#999999"))}
    if layer == "speaker":
        return {"outline": f"2px solid {colours['speaker'].get(ann.label, '#999999')}"}
    if layer == "attribution_verb":
        style = "solid" if ann.label == "evaluative" else "dashed"
        return {"border": f"1px {style} {_VERB_COLOURS.get(ann.label, '#555555')}", "padding": "0 1px"}
    if layer == "frame_cue":
        return {"border-bottom": colours["frame"].get(ann.label, "3px solid #999999")}
    if layer == "hedge":
        return {"text-decoration": "underline wavy #0072B2"}
    if layer == "booster":
        return {"font-weight": "bold"}
    if layer == "evaluative":
        return {"font-style": "italic"}
    if layer == "scare_quote":
        return {"text-decoration": "underline double #D55E00"}
    if layer == "actor":
        return {"font-variant": "small-caps"}
    if layer == "gender_reference":
        return {"text-decoration": "overline #CC79A7"}
    return {}


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


def _render_paragraph(body: str, start: int, end: int, spans: Sequence[Annotation], colours) -> str:
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
        style = _merge([_style(a.layer, a, colours) for a in active])
        title = html.escape("; ".join(dict.fromkeys(_describe(a) for a in active)), quote=True)
        parts.append(f'<span style="{html.escape(style, quote=True)}" title="{title}">{text}</span>')
    return "".join(parts)


def _swatch(style: str, text: str) -> str:
    return (f'<span style="{html.escape(style, quote=True)}; padding: 0 3px">'
            f"{html.escape(text, quote=True)}</span>")


def _legend(layers: Sequence[str], anns: Sequence[Annotation], colours) -> str:
    items: list[str] = []
    present = {a.layer for a in anns}
    for layer in layers:
        if layer == "quote":
            for speaker, colour in colours["speaker"].items():
                items.append(_swatch(f"background-color: {_tint(colour)}", f"quoted: {speaker}"))
        elif layer == "frame_cue":
            for frame, line in colours["frame"].items():
                items.append(_swatch(f"border-bottom: {line}", frame))
        elif layer == "attribution_verb":
            for cls in sorted({a.label for a in anns if a.layer == layer}):
                dummy = Annotation(0, 0, layer, cls, {})
                items.append(_swatch(_merge([_style(layer, dummy, colours)]), f"verb: {cls}"))
        elif layer == "speaker":
            for speaker, colour in colours["speaker"].items():
                items.append(_swatch(f"outline: 2px solid {colour}", f"speaker: {speaker}"))
        else:
            dummy = Annotation(0, 0, layer, "", {})
            label = LAYER_NAMES.get(layer, layer) + ("" if layer in present else " (none in this article)")
            items.append(_swatch(_merge([_style(layer, dummy, colours)]), label))
    if not items:
        return ""
    cells = "".join(f'<li style="margin: 2px 12px 2px 0; display: inline-block">{i}</li>' for i in items)
    return (
        '<div style="font-size: 0.85em; border-top: 1px solid #ccc; margin-top: 8px; padding-top: 4px">'
        '<strong>Legend</strong>'
        f'<ul style="list-style: none; padding: 0; margin: 4px 0">{cells}</ul></div>'
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
    frame_order = {f"{b.name}:{f.id}": (k, "") for k, (b, f) in enumerate((b, f) for b in codebooks for f in b.frames)}
    colours = {
        "speaker": _colour_map(
            (a.detail.get("speaker") or "(unknown)") if a.layer == "quote" else a.label
            for a in anns if (a.layer == "quote" and a.label != "name") or a.layer == "speaker"
        ),
        "frame": _frame_lines(sorted(
            {a.label for a in anns if a.layer == "frame_cue" and "frame_cue" in chosen},
            key=lambda label: frame_order.get(label, (len(frame_order), label)),
        )),
    }
    article = analysis.article
    body = analysis.document.body
    meta = dict(article.meta or {})
    title = meta.get("title")
    heading = html.escape(str(title) if title not in (None, "") else article.article_id, quote=True)
    paragraphs = "".join(
        f'<p style="margin: 0 0 0.8em 0; white-space: pre-wrap">'
        f"{_render_paragraph(body, p.start, p.end, shown, colours)}</p>"
        for p in analysis.document.paragraphs
    )
    return AnnotatedHTML(
        f'<div style="font-family: Georgia, serif; line-height: 1.6; color: {_INK}; max-width: 46em; '
        'border: 1px solid #ddd; padding: 12px 16px; margin: 8px 0">'
        f'<div style="font-weight: bold; font-size: 1.1em">{heading}</div>'
        f'<div style="font-size: 0.8em; color: #555; margin-bottom: 8px">{_meta_line(meta, article.outlet, article.article_id)}</div>'
        f"{paragraphs}{_legend(chosen, anns, colours)}</div>"
    )
