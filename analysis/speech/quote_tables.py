"""Tidy tables of quotes and speakers for a story.

:func:`quotes_frame` has one row per quoted span; :func:`speakers_frame` one
row per article and speaker, plus the people an article names but never
quotes. Both are built from :class:`analysis.pipeline.ArticleAnalysis` objects,
so the numbers are the same ones the metrics table aggregates.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis import __version__
from analysis.speech.name_types import NameIndex, source_key, type_by_form, type_name
from analysis.speech.people import NameCues, find_name_mentions, load_name_cues
from analysis.speech.quotes import REPORTED_KINDS, SPEECH_KINDS

__all__ = ["DIRECT_KINDS", "REPORTED_KINDS", "QUOTE_COLUMNS", "ROLES", "SPEAKER_COLUMNS", "quotes_frame",
           "speakers_frame", "type_speakers"]

DIRECT_KINDS: frozenset[str] = SPEECH_KINDS
"""Quote kinds that are direct speech (in quotation marks): :data:`analysis.speech.quotes.SPEECH_KINDS`."""
ROLES: tuple[str, ...] = ("quoted", "paraphrased", "quoted and paraphrased", "mentioned only")
"""Values of the speakers table's ``role`` column."""

QUOTE_COLUMNS: tuple[str, ...] = (
    "article_id", "outlet", "quote_id", "start", "end", "text", "n_words", "kind",
    "speaker", "verb", "verb_class", "paragraph", "closed", "package_version", "corpus_sha256",
)
"""Columns of :func:`quotes_frame`. Key: (article_id, start)."""

SPEAKER_COLUMNS: tuple[str, ...] = (
    "article_id", "outlet", "speaker", "speaker_type", "role", "quoted", "n_quotes", "n_quote_spans",
    "n_words", "quoted_word_share", "n_reported", "verbs", "verb_classes", "package_version",
    "corpus_sha256",
)
"""Columns of :func:`speakers_frame`. Key: (article_id, speaker)."""


def quotes_frame(analyses: Sequence, corpus_sha256: str = "") -> pd.DataFrame:
    """One row per quoted span, in article and reading order.

    Parameters
    ----------
    analyses : sequence of ArticleAnalysis
    corpus_sha256 : str
        Fingerprint of the corpus, carried into every row.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`QUOTE_COLUMNS`. ``start``/``end`` are offsets into the
        article body, quotation marks excluded; ``text`` is ``body[start:end]``.
    """
    rows = []
    for a in analyses:
        for q in a.quotes:
            rows.append({
                "article_id": a.article.article_id, "outlet": a.article.outlet,
                "quote_id": q.quote_id, "start": q.start, "end": q.end, "text": q.text,
                "n_words": q.n_words, "kind": q.kind, "speaker": q.speaker, "verb": q.verb,
                "verb_class": q.verb_class, "paragraph": q.paragraph, "closed": q.closed,
                "package_version": __version__, "corpus_sha256": corpus_sha256,
            })
    return pd.DataFrame(rows, columns=list(QUOTE_COLUMNS))


def _mention_kinds(mentions: Sequence) -> dict[str, str]:
    """Name (as written and canonical) -> the name finder's kind, as a name type."""
    kinds: dict[str, str] = {}
    for m in mentions:
        kind = "other" if m.kind == "event" else m.kind
        kinds.setdefault(m.canonical, kind)
        kinds.setdefault(m.name, kind)
    return kinds


def _speaker_type(speaker: str, index: NameIndex, kinds: dict[str, str], cues: NameCues) -> str:
    """Type a speaker: a name by :func:`analysis.speech.name_types.type_name`, else document/unnamed/unknown."""
    if not speaker:
        return "unknown"
    words = speaker.split()
    last = words[-1].lower()
    if last in cues.document_nouns or (last.endswith("s") and last[:-1] in cues.document_nouns):
        return "document"  # "the letter", "Federal Election Commission filing", "the posts"
    if not any(c.isupper() for c in speaker) or (len(words) > 1 and words[-1][:1].islower()):
        return "unnamed"  # "officials", "police spokesman", "Begum's father": no name of its own
    if ";" not in speaker and words[-1].strip(".,") in cues.titles and type_by_form(speaker) is None:
        return "unnamed"  # "Prime Minister", "the Home Secretary": a role ("Hollywood Reporter" is a paper)
    parts = [p.strip() for p in speaker.split(";") if p.strip()]
    types = {
        type_name(p, index.contexts(p), prior=kinds.get(p)) for p in parts
    }
    return types.pop() if len(types) == 1 else "other"


def type_speakers(document, speakers: Sequence[str]) -> list[str]:
    """The ``speaker_type`` the speakers table gives each speaker phrase of an article.

    Parameters
    ----------
    document : Document
        The article (:func:`analysis.text.document.make_document`).
    speakers : sequence of str
        Speaker phrases as quote rows give them.

    Returns
    -------
    list of str
        One type per speaker (see :func:`speakers_frame`), after folding "NASA
        officials" into "NASA".
    """
    kinds = _mention_kinds(find_name_mentions(document))
    index = NameIndex(document.body)
    cues = load_name_cues()
    return [_speaker_type(source_key(s) if s else "", index, kinds, cues) for s in speakers]


def _role(n_direct: int, n_reported: int) -> str:
    if n_direct and n_reported:
        return "quoted and paraphrased"
    if n_direct:
        return "quoted"
    return "paraphrased" if n_reported else "mentioned only"


def speakers_frame(analyses: Sequence, corpus_sha256: str = "") -> pd.DataFrame:
    """Who speaks in each article, quoted or paraphrased, and how much; and who is only named.

    Parameters
    ----------
    analyses : sequence of ArticleAnalysis
    corpus_sha256 : str

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SPEAKER_COLUMNS`, one row per article and source. A
        speaker phrase naming an organisation's officials or spokesperson
        ("NASA officials") is folded into the organisation
        (:func:`analysis.speech.name_types.source_key`), so "NASA" and "NASA officials"
        are one row. ``n_quotes`` counts direct quote ids (a quote split by its
        attribution counts once), ``n_quote_spans`` the direct spans,
        ``n_words`` the directly quoted words, ``quoted_word_share`` the
        speaker's share of the article's directly quoted words (NaN when the
        article quotes nobody directly), ``n_reported`` the reported-speech spans
        (kinds ``indirect`` and ``mixed``), ``verbs`` the attribution verbs and
        cues in order of first use ("; "-joined). ``role`` is ``quoted``
        (direct quotes only), ``paraphrased`` (reported speech only),
        ``quoted and paraphrased`` or ``mentioned only``; ``quoted`` is True
        when the speaker has a direct quote. ``speaker_type`` is ``person``,
        ``organisation``, ``place``, ``publication`` or ``other``
        (:func:`analysis.speech.name_types.type_name`, with the kind
        :func:`analysis.speech.people.find_name_mentions` gives the name as the prior), ``document``
        (a phrase ending in a document noun: "the letter"), ``unnamed`` (a phrase with no
        name of its own: "officials", "Begum's father") or ``unknown`` (no speaker found). People named in the article who never
        speak have role ``mentioned only`` and zero counts.
    """
    cues = load_name_cues()
    rows = []
    for a in analyses:
        index = NameIndex(a.document.body)
        direct = [q for q in a.quotes if q.kind in DIRECT_KINDS]
        total = sum(q.n_words for q in direct)
        names = [q for q in a.quotes if q.kind == "name"]
        mentions = find_name_mentions(a.document, exclude=[(q.start, q.end) for q in names])
        kinds = _mention_kinds(mentions)
        by_speaker: dict[str, list] = {}  # speakers in order of first speech
        for q in sorted((q for q in a.quotes if q.kind in DIRECT_KINDS | REPORTED_KINDS), key=lambda q: q.start):
            by_speaker.setdefault(source_key(q.speaker) if q.speaker else "", []).append(q)
        for speaker, mine in by_speaker.items():
            verbs: list[str] = []
            classes: list[str] = []
            for q in mine:
                if q.verb and q.verb not in verbs:
                    verbs.append(q.verb)
                    classes.append(q.verb_class)
            quoted = [q for q in mine if q.kind in DIRECT_KINDS]
            n_reported = len(mine) - len(quoted)
            n_words = sum(q.n_words for q in quoted)
            rows.append({
                "article_id": a.article.article_id, "outlet": a.article.outlet,
                "speaker": speaker,
                "speaker_type": _speaker_type(speaker, index, kinds, cues),
                "role": _role(len(quoted), n_reported), "quoted": bool(quoted),
                "n_quotes": len({q.quote_id for q in quoted}), "n_quote_spans": len(quoted),
                "n_words": n_words, "quoted_word_share": n_words / total if total else float("nan"),
                "n_reported": n_reported,
                "verbs": "; ".join(verbs), "verb_classes": "; ".join(classes),
                "package_version": __version__, "corpus_sha256": corpus_sha256,
            })
        seen: set[str] = set(by_speaker)
        for m in mentions:
            if m.kind == "person" and m.canonical not in seen:
                seen.add(m.canonical)
                rows.append({
                    "article_id": a.article.article_id, "outlet": a.article.outlet,
                    "speaker": m.canonical,
                    "speaker_type": _speaker_type(m.canonical, index, kinds, cues),
                    "role": "mentioned only", "quoted": False,
                    "n_quotes": 0, "n_quote_spans": 0, "n_words": 0,
                    "quoted_word_share": 0.0 if total else float("nan"), "n_reported": 0,
                    "verbs": "", "verb_classes": "",
                    "package_version": __version__, "corpus_sha256": corpus_sha256,
                })
    return pd.DataFrame(rows, columns=list(SPEAKER_COLUMNS))
