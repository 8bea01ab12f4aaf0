"""Salience: what an article puts first.

News is written in order of importance, so position is emphasis (the inverted
pyramid; Pöttker 2003). For each article:

lead
    The first two sentences (:data:`LEAD_SENTENCES`): the frames whose cues
    appear in them, the actors named in them, and whether they hold a number
    (a word with a digit, or a number word such as "twenty" or "million").
who is named first
    The first named actor (person or organisation) of the article, and the
    first person.
first quote
    How far into the article the first direct quote (kind ``full`` or
    ``partial``) begins: ``first_quote_word_share = words before it / words``.
    Lower = sources speak earlier; NaN when nobody is quoted.

References
----------
Pöttker, H. (2003). News and its communicative quality: the inverted pyramid,
when and why did it appear? *Journalism Studies* 4(4), 501-511.
Entman, R. M. (1993). Framing: toward clarification of a fractured paradigm.
*Journal of Communication* 43(4), 51-58.

Deviations
----------
"Lead" is fixed at two sentences for every article, whatever its paragraphing;
a one-sentence opening paragraph therefore shares the lead with the next.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from analysis import __version__
from analysis.framing.actors import ActorMention, StoryPeople, find_actor_mentions
from analysis.framing.analysed import AnalysedArticle
from analysis.framing.codebook import Codebook
from analysis.framing.frames import FrameCue, frame_cues
from analysis.framing.keys import WordKeys
from analysis.speech.quotes import SPEECH_KINDS, Quote
from analysis.speech.voice import VoiceLayout, voice_layout
from analysis.text.document import Document, Span

__all__ = [
    "LEAD_SENTENCES",
    "NUMBER_WORDS",
    "SALIENCE_COLUMNS",
    "Salience",
    "article_salience",
    "salience_table",
]

LEAD_SENTENCES = 2
"""Sentences that make up the lead."""

NUMBER_WORDS: frozenset[str] = frozenset(
    """
    zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
    eighty ninety hundred hundreds thousand thousands million millions billion billions
    trillion dozen dozens half quarter percent
    """.split()
)
"""Number words that make a lead "hold a number" (lower case), besides words with digits."""

SALIENCE_COLUMNS: tuple[str, ...] = (
    "article_id", "outlet", "lead_n_sentences", "lead_n_words", "lead_frames", "lead_actors",
    "lead_has_number", "lead_numbers", "first_named", "first_named_kind", "first_person_named",
    "first_quote_speaker", "words_before_first_quote", "first_quote_word_share",
    "package_version", "corpus_sha256",
)
"""Columns of :func:`salience_table`. Key: article_id. List columns are "; "-joined."""


@dataclass(frozen=True)
class Salience:
    """What one article puts first.

    Attributes
    ----------
    lead : Span or None
        From the start of the first sentence to the end of the lead's last.
    lead_n_sentences, lead_n_words : int
    lead_frames : tuple of FrameCue
        Frame cues inside the lead.
    lead_actors : tuple of ActorMention
    lead_numbers : tuple of Span
        Number words and words with digits in the lead.
    first_named : ActorMention or None
    first_person : ActorMention or None
    first_quote : Quote or None
    words_before_first_quote : int or None
    first_quote_word_share : float
    """

    lead: Span | None
    lead_n_sentences: int
    lead_n_words: int
    lead_frames: tuple[FrameCue, ...]
    lead_actors: tuple[ActorMention, ...]
    lead_numbers: tuple[Span, ...]
    first_named: ActorMention | None
    first_person: ActorMention | None
    first_quote: Quote | None
    words_before_first_quote: int | None
    first_quote_word_share: float


def _is_number(word: str) -> bool:
    return any(c.isdigit() for c in word) or word.lower() in NUMBER_WORDS


def article_salience(
    doc: Document,
    quotes: Sequence[Quote],
    codebooks: Sequence[Codebook] = (),
    people: StoryPeople | None = None,
    layout: VoiceLayout | None = None,
    actors: Sequence[ActorMention] | None = None,
    word_keys: WordKeys | None = None,
) -> Salience:
    """Lead contents, first name and first-quote position of one article.

    Parameters
    ----------
    doc : Document
    quotes : sequence of Quote
    codebooks : sequence of Codebook
        Frames to look for in the lead.
    people : StoryPeople, optional
    layout : VoiceLayout, optional
    actors : sequence of ActorMention, optional
        Already found actor mentions (:func:`analysis.framing.actors.find_actor_mentions`).
    word_keys : WordKeys, optional
        The document's word keys by match mode, shared with other analyzers;
        computed here when omitted.

    Returns
    -------
    Salience
    """
    layout = layout or voice_layout(doc, quotes)
    word_keys = word_keys if word_keys is not None else WordKeys(doc)
    if actors is None:
        actors = find_actor_mentions(doc, quotes, people, layout)
    n_lead = min(LEAD_SENTENCES, doc.n_sentences)
    if n_lead:
        lead = Span(doc.sentences[0].start, doc.sentences[n_lead - 1].end)
        first_word, end_word = doc.sentence_words[0][0], doc.sentence_words[n_lead - 1][1]
    else:
        lead, first_word, end_word = None, 0, 0
    cues: list[FrameCue] = []
    for book in codebooks:
        cues += [c for c in frame_cues(doc, book, layout, word_keys=word_keys) if c.match.sentence < n_lead]
    in_lead = [a for a in actors if lead is not None and lead.start <= a.start < lead.end]
    numbers = tuple(
        doc.words[i] for i in range(first_word, end_word) if _is_number(doc.word_texts[i])
    )
    speech = sorted((q for q in quotes if q.kind in SPEECH_KINDS), key=lambda q: q.start)
    first_quote = speech[0] if speech else None
    before: int | None = None
    share = float("nan")
    if first_quote is not None:
        before = sum(1 for s, _ in doc.word_bounds if s < first_quote.start)
        share = before / doc.n_words if doc.n_words else float("nan")
    return Salience(
        lead=lead,
        lead_n_sentences=n_lead,
        lead_n_words=end_word - first_word,
        lead_frames=tuple(cues),
        lead_actors=tuple(in_lead),
        lead_numbers=numbers,
        first_named=actors[0] if actors else None,
        first_person=next((a for a in actors if a.kind == "person"), None),
        first_quote=first_quote,
        words_before_first_quote=before,
        first_quote_word_share=share,
    )


def _unique(items: Iterable[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def salience_table(
    analyses: Iterable[AnalysedArticle],
    codebooks: Sequence[Codebook] = (),
    people: StoryPeople | None = None,
    corpus_sha256: str = "",
) -> pd.DataFrame:
    """One row per article: what its lead holds, who is named first, where the first quote sits.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SALIENCE_COLUMNS`. ``lead_frames`` lists
        ``codebook:frame`` ids in codebook order, ``lead_actors`` canonical
        names, ``lead_numbers`` the number words as written ("; "-joined, empty
        when none); ``words_before_first_quote`` is empty and
        ``first_quote_word_share`` NaN when the article quotes nobody.
    """
    rows = []
    for a in analyses:
        s = article_salience(a.document, a.quotes, codebooks, people, a.layout, word_keys=a.word_keys)
        order = {(b.name, f.id): k for k, (b, f) in enumerate((b, f) for b in codebooks for f in b.frames)}
        frames = sorted({(c.codebook, c.frame) for c in s.lead_frames}, key=lambda k: order.get(k, 0))
        rows.append({
            "article_id": a.article.article_id, "outlet": a.article.outlet,
            "lead_n_sentences": s.lead_n_sentences, "lead_n_words": s.lead_n_words,
            "lead_frames": "; ".join(f"{b}:{f}" for b, f in frames),
            "lead_actors": "; ".join(_unique(x.actor for x in s.lead_actors)),
            "lead_has_number": bool(s.lead_numbers),
            "lead_numbers": "; ".join(a.document.text(n) for n in s.lead_numbers),
            "first_named": s.first_named.actor if s.first_named else None,
            "first_named_kind": s.first_named.kind if s.first_named else None,
            "first_person_named": s.first_person.actor if s.first_person else None,
            "first_quote_speaker": s.first_quote.speaker if s.first_quote else None,
            "words_before_first_quote": s.words_before_first_quote,
            "first_quote_word_share": s.first_quote_word_share,
            "package_version": __version__, "corpus_sha256": corpus_sha256,
        })
    df = pd.DataFrame(rows, columns=list(SALIENCE_COLUMNS))
    return df.astype({"words_before_first_quote": "Int64", "first_quote_word_share": "float64"})
