"""Media-framing analysis: readability, quotes and framing metrics for news articles.

The package reads a story folder of articles (``corpus/<story>/*.md``), builds one
:class:`analysis.text.Document` per article, and computes tidy metric tables that
notebooks chart and reports explain. Every number is an aggregation of spans of
the original text, so it can be traced back to the characters it counted.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
