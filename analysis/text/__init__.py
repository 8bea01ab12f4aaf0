"""Text layer: the article document (body, words, sentences, paragraphs), syllables and readability.

Layer map and import rules: docs/design.md, "Architecture".

The names of :mod:`analysis.text.document` are available here too, so that
``from analysis import text`` keeps the public names it had as one module.
"""

from analysis.text import document
from analysis.text.document import *  # noqa: F403 (the public names listed in document.__all__)

__all__ = list(document.__all__)
