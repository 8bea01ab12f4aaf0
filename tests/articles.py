"""Articles made from a text, for tests that need no file on disk."""

from __future__ import annotations

from pathlib import Path

from analysis.io.corpus import Article


def text_article(body: str, article_id: str = "a", outlet: str = "X") -> Article:
    """An :class:`Article` holding ``body``, with a path named after its id (never read)."""
    return Article(article_id=article_id, outlet=outlet, path=Path(f"{article_id}.md"), body=body)


def segmented_story(texts: list[str], outlets: list[str]) -> list[object]:
    """Segmented articles ``a00``, ``a01``... made from ``texts``, for the comparison's tests.

    Each text is one article of the outlet at the same position, segmented and with its
    quotes found, as :func:`analysis.compare.story.segment_story` gives them.
    """
    from analysis.compare.story import Segmented
    from analysis.speech.quotes import extract_quotes
    from analysis.text.document import make_document

    out = []
    for n, (text, outlet) in enumerate(zip(texts, outlets)):
        aid = f"a{n:02d}"
        doc = make_document(text, aid)
        art = Article(article_id=aid, outlet=outlet, path=None, body=text, meta={"outlet": outlet})
        out.append(Segmented(art, doc, tuple(extract_quotes(doc))))
    return out
