"""Annotations: every span every analyzer counted, in one tidy table.

Each metric of the package is an aggregation of spans a reader can see. This
module lists them all, one row per span, so that any number can be traced back
to the characters that produced it, and recomputed from the export alone
(``tests/test_annotations.py`` does exactly that for every metric column).

Columns (:data:`ANNOTATION_COLUMNS`): ``article_id``, ``outlet``, ``start`` and
``end`` (offsets into the article body; ``text = body[start:end]``), ``layer``,
``label``, ``text``, ``detail`` (a JSON object, written as a JSON string in
CSV), ``package_version``, ``corpus_sha256``. Key: (article_id, layer, start,
end, label).

Layers (:data:`LAYERS`) and what ``label`` and ``detail`` hold:

paragraph
    label ``paragraph``; detail ``index``.
sentence
    label = tone (``positive``, ``negative``, ``neutral``); detail ``index``,
    ``n_words``, ``quoted_share`` (quoted words / words), ``compound`` (VADER),
    ``own`` and ``quoted``: that voice's readability counts in the sentence
    (``n_sentences`` is the sentence's weight in the voice, then ``n_words``,
    ``n_syllables``, ``n_polysyllable_words``, ``n_complex_words``,
    ``n_letters``, ``n_long_words``, ``n_difficult_words``), ``words`` (the
    sentence's words in order) and ``voices`` (one letter per word: ``o`` own
    voice, ``q`` quoted speech), so words by voice and MTLD can be recomputed;
    ``n_reported_words``: own-voice words inside reported-speech content;
    ``unscored_reason``: null, or why the article is not scored as English
    (``ArticleAnalysis.unscored_reason``), in which case its readability,
    tone, stance and frame scores are empty (its cue and marker spans are
    still listed).
quote
    label = kind (``full``, ``partial``, ``name``); detail ``quote_id``,
    ``speaker``, ``verb``, ``verb_class``, ``n_words``, ``closed``, ``paragraph``.
speaker
    Where a quote's speaker is written; label = canonical speaker; detail
    ``quote_ids``.
attribution_verb
    label = verb class; detail ``verb``, ``quote_ids``.
frame_cue
    label ``codebook:frame``; detail ``codebook``, ``frame``, ``cue``,
    ``voice``, ``sentence``.
hedge, booster, evaluative, scare_quote, quoted_name
    label = lexicon group (``hedges``, ``boosters``, ``positive``,
    ``negative``) or the layer; detail ``term``, ``voice``, ``sentence``.
actor
    label = canonical name; detail ``kind``, ``name``, ``voice``, ``source``,
    ``quoted`` (the actor speaks in this article), ``gender`` (people.yml only).
gender_reference
    label ``men`` or ``women``; detail ``source`` (``term`` or
    ``people.yml``), ``voice``, ``sentence``.
lead
    The first two sentences; detail ``n_sentences``, ``n_words``, ``numbers``,
    ``frames``, ``actors``, ``first_named``, ``first_person_named``,
    ``words_before_first_quote``, ``first_quote_word_share``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any, NamedTuple

import pandas as pd

from analysis import __version__
from analysis.core.errors import unknown_option
from analysis.core.records import to_plain
from analysis.framing.actors import StoryPeople, find_actor_mentions, find_gender_references
from analysis.framing.codebook import Codebook
from analysis.framing.frames import frame_cues
from analysis.framing.salience import article_salience
from analysis.framing.tone import tone_label
from analysis.pipeline import ArticleAnalysis
from analysis.speech.quotes import SPEECH_KINDS
from analysis.speech.voice import reported_word_mask
from analysis.text.readability import counts_from_words

__all__ = [
    "ANNOTATION_COLUMNS",
    "LAYERS",
    "Annotation",
    "annotations_table",
    "article_annotations",
    "parse_details",
]

LAYERS: tuple[str, ...] = (
    "paragraph", "sentence", "lead", "quote", "speaker", "attribution_verb", "frame_cue", "hedge",
    "booster", "evaluative", "scare_quote", "quoted_name", "actor", "gender_reference",
)
"""Annotation layers, in the order rows of one span start are listed."""

ANNOTATION_COLUMNS: tuple[str, ...] = (
    "article_id", "outlet", "start", "end", "layer", "label", "text", "detail",
    "package_version", "corpus_sha256",
)
"""Columns of :func:`annotations_table`."""


class Annotation(NamedTuple):
    """One span of one layer: offsets, label and a JSON-ready detail mapping."""

    start: int
    end: int
    layer: str
    label: str
    detail: dict[str, Any]


def article_annotations(
    analysis: ArticleAnalysis,
    codebooks: Sequence[Codebook] = (),
    people: StoryPeople | None = None,
) -> list[Annotation]:
    """Every span of one article that any analyzer counts.

    Parameters
    ----------
    analysis : ArticleAnalysis
        From :func:`analysis.pipeline.analyse_article`.
    codebooks : sequence of Codebook
        Frames to annotate.
    people : StoryPeople, optional
        The story's ``people.yml`` (actors, gender references).

    Returns
    -------
    list of Annotation
        Sorted by start, then layer order (:data:`LAYERS`), then end.
    """
    doc, quotes = analysis.document, analysis.quotes
    layout, word_keys = analysis.layout, analysis.word_keys
    tones = analysis.sentence_tones
    unscored = analysis.unscored_reason
    reported = reported_word_mask(doc, quotes, layout.quoted)
    out: list[Annotation] = []
    for i, p in enumerate(doc.paragraphs):
        out.append(Annotation(p.start, p.end, "paragraph", "paragraph", {"index": i}))
    for i, (span, (a, b)) in enumerate(zip(doc.sentences, doc.sentence_words)):
        n = b - a
        q = sum(layout.quoted[a:b])
        words = list(doc.word_texts[a:b])
        flags = layout.quoted[a:b]
        own = counts_from_words([w for w, m in zip(words, flags) if not m], (n - q) / n if n else 0.0)
        quoted = counts_from_words([w for w, m in zip(words, flags) if m], q / n if n else 0.0)
        out.append(Annotation(span.start, span.end, "sentence", tone_label(tones[i]), {
            "index": i, "n_words": n, "quoted_share": layout.sentence_quoted_share[i],
            "compound": tones[i], "own": asdict(own), "quoted": asdict(quoted),
            "words": words, "voices": "".join("q" if m else "o" for m in flags),
            "n_reported_words": sum(reported[a:b]), "unscored_reason": unscored,
        }))
    speakers: dict[tuple[int, int], tuple[str, list[int]]] = {}
    verbs: dict[tuple[int, int], tuple[str, str, list[int]]] = {}
    for qt in quotes:
        out.append(Annotation(qt.start, qt.end, "quote", qt.kind, {
            "quote_id": qt.quote_id, "speaker": qt.speaker, "verb": qt.verb, "verb_class": qt.verb_class,
            "n_words": qt.n_words, "closed": qt.closed, "paragraph": qt.paragraph,
        }))
        if qt.kind != "name" and qt.speaker_start >= 0:  # direct and reported speech
            key = (qt.speaker_start, qt.speaker_end)
            speakers.setdefault(key, (qt.speaker, []))[1].append(qt.quote_id)
        if qt.kind != "name" and qt.verb_start >= 0:
            key = (qt.verb_start, qt.verb_end)
            verbs.setdefault(key, (qt.verb_class, qt.verb, []))[2].append(qt.quote_id)
    for (s, e), (speaker, ids) in speakers.items():
        out.append(Annotation(s, e, "speaker", speaker, {"quote_ids": sorted(set(ids))}))
    for (s, e), (cls, verb, ids) in verbs.items():
        out.append(Annotation(s, e, "attribution_verb", cls, {"verb": verb, "quote_ids": sorted(set(ids))}))
    for book in codebooks:
        for c in frame_cues(doc, book, layout, word_keys=word_keys):
            m = c.match
            out.append(Annotation(m.start, m.end, "frame_cue", f"{c.codebook}:{c.frame}", {
                "codebook": c.codebook, "frame": c.frame, "cue": m.cue, "voice": m.voice, "sentence": m.sentence,
            }))
    for mk in analysis.stance:
        out.append(Annotation(mk.start, mk.end, mk.layer, mk.label,
                              {"term": mk.term, "voice": mk.voice, "sentence": mk.sentence}))
    actors = find_actor_mentions(doc, quotes, people, layout)
    speaking = {q.speaker for q in quotes if q.kind in SPEECH_KINDS}
    for ac in actors:
        gender = people.gender_of(ac.actor) if (people is not None and ac.kind == "person") else None
        out.append(Annotation(ac.start, ac.end, "actor", ac.actor, {
            "kind": ac.kind, "name": ac.name, "voice": ac.voice, "source": ac.source,
            "quoted": ac.actor in speaking, "gender": gender,
        }))
    for r in find_gender_references(doc, quotes, actors, people, layout, word_keys=word_keys):
        out.append(Annotation(r.start, r.end, "gender_reference", r.group,
                              {"source": r.source, "voice": r.voice, "sentence": r.sentence}))
    sal = article_salience(doc, quotes, codebooks, people, layout, actors, word_keys=word_keys)
    if sal.lead is not None:
        out.append(Annotation(sal.lead.start, sal.lead.end, "lead", "lead", {
            "n_sentences": sal.lead_n_sentences, "n_words": sal.lead_n_words,
            "numbers": [doc.text(n) for n in sal.lead_numbers],
            "frames": sorted({f"{c.codebook}:{c.frame}" for c in sal.lead_frames}),
            "actors": list(dict.fromkeys(a.actor for a in sal.lead_actors)),
            "first_named": sal.first_named.actor if sal.first_named else None,
            "first_person_named": sal.first_person.actor if sal.first_person else None,
            "words_before_first_quote": sal.words_before_first_quote,
            "first_quote_word_share": sal.first_quote_word_share,
        }))
    order = {layer: k for k, layer in enumerate(LAYERS)}
    out.sort(key=lambda x: (x.start, order.get(x.layer, len(order)), x.end, x.label))
    return out


def annotations_table(
    analyses: Iterable[ArticleAnalysis],
    codebooks: Sequence[Codebook] = (),
    people: StoryPeople | None = None,
    corpus_sha256: str = "",
    layers: Sequence[str] | None = None,
) -> pd.DataFrame:
    """All annotations of a story as one tidy table.

    Parameters
    ----------
    analyses : iterable of ArticleAnalysis
    codebooks : sequence of Codebook
    people : StoryPeople, optional
    corpus_sha256 : str
    layers : sequence of str, optional
        Keep only these layers (default: all).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`ANNOTATION_COLUMNS`; ``detail`` is a JSON string
        (``null`` where a value is undefined).

    Raises
    ------
    ValueError
        For an unknown layer, listing the valid ones.
    """
    if layers is not None:
        unknown = [x for x in layers if x not in LAYERS]
        if unknown:
            raise ValueError(unknown_option("layer", unknown[0], LAYERS))
    rows = []
    for a in analyses:
        body = a.document.body
        for ann in article_annotations(a, codebooks, people):
            if layers is not None and ann.layer not in layers:
                continue
            rows.append({
                "article_id": a.article.article_id, "outlet": a.article.outlet,
                "start": ann.start, "end": ann.end, "layer": ann.layer, "label": ann.label,
                "text": body[ann.start : ann.end],
                "detail": json.dumps(to_plain(ann.detail), ensure_ascii=False, sort_keys=True, allow_nan=False),
                "package_version": __version__, "corpus_sha256": corpus_sha256,
            })
    return pd.DataFrame(rows, columns=list(ANNOTATION_COLUMNS))


def parse_details(df: pd.DataFrame) -> list[dict[str, Any]]:
    """The ``detail`` column as Python dicts (from a table or a CSV read back)."""
    return [json.loads(d) if isinstance(d, str) else dict(d) for d in df["detail"]]
