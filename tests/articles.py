"""Articles made from a text, for tests that need no file on disk."""

from __future__ import annotations

from pathlib import Path

from analysis.io.corpus import Article


def text_article(body: str, article_id: str = "a", outlet: str = "X") -> Article:
    """An :class:`Article` holding ``body``, with a path named after its id (never read)."""
    return Article(article_id=article_id, outlet=outlet, path=Path(f"{article_id}.md"), body=body)
