"""Media-framing analysis: readability, quotes and framing metrics for news articles.

The package reads a story folder of articles (``corpus/<story>/*.md``), builds one
:class:`analysis.text.Document` per article, and computes tidy metric tables that
notebooks chart and reports explain. Every number is an aggregation of spans of
the original text, so it can be traced back to the characters it counted.

The code is arranged in layers, each a subpackage whose modules import only from
the layers below it (docs/design.md, "Architecture"): ``core``, ``text``, ``io``,
``speech``, ``framing``, ``compare``, the per-article pipeline (``pipeline``,
``metrics``, ``annotations``), ``evaluate``, ``present``, ``scale`` and the
command line on top.

The public API is this package's namespace: ``from analysis import corpus, metrics,
plots`` gives the modules by their short names wherever they live (the table
below), imported on first use so that ``import analysis`` stays cheap.
"""

from __future__ import annotations

import importlib
from types import ModuleType

__version__ = "0.1.0"

#: The public modules by short name, and where each lives.
PUBLIC_MODULES: dict[str, str] = {
    "actors": "analysis.framing.actors",
    "agreement": "analysis.evaluate.agreement",
    "annotate": "analysis.present.annotate",
    "annotations": "analysis.annotations",
    "batch": "analysis.scale.batch",
    "batch_io": "analysis.io.batch_io",
    "codebook": "analysis.framing.codebook",
    "corpus": "analysis.io.corpus",
    "display": "analysis.present.display",
    "distinctive": "analysis.compare.distinctive",
    "errors": "analysis.core.errors",
    "fetch": "analysis.io.fetch",
    "files": "analysis.core.files",
    "frame_eval": "analysis.evaluate.frame_eval",
    "guide": "analysis.present.guide",
    "ingest": "analysis.io.ingest",
    "interactive": "analysis.present.interactive",
    "kwic": "analysis.compare.kwic",
    "lesson": "analysis.present.lesson",
    "metrics": "analysis.metrics",
    "name_types": "analysis.speech.name_types",
    "new_story": "analysis.io.new_story",
    "passages": "analysis.compare.passages",
    "paths": "analysis.core.paths",
    "people": "analysis.speech.people",
    "plots": "analysis.present.plots",
    "printable": "analysis.present.printable",
    "quote_tables": "analysis.speech.quote_tables",
    "quotes": "analysis.speech.quotes",
    "readability": "analysis.text.readability",
    "report": "analysis.present.report",
    "reported": "analysis.speech.reported",
    "salience": "analysis.framing.salience",
    "session": "analysis.present.session",
    "shingles": "analysis.compare.shingles",
    "similarity": "analysis.compare.similarity",
    "speech_eval": "analysis.evaluate.speech_eval",
    "speech_peers": "analysis.evaluate.speech_peers",
    "spreadsheet": "analysis.io.spreadsheet",
    "stance": "analysis.framing.stance",
    "syllables": "analysis.text.syllables",
    "synthetic": "analysis.scale.synthetic",
    "tone": "analysis.framing.tone",
    "trends": "analysis.scale.trends",
    "voice": "analysis.speech.voice",
    "webpage": "analysis.io.webpage",
}

__all__ = ["__version__", "compare", "framing", "text", *sorted(PUBLIC_MODULES)]


def __getattr__(name: str) -> ModuleType:
    """Import a public module on first use (PEP 562): ``analysis.corpus`` and the like."""
    try:
        target = PUBLIC_MODULES[name]
    except KeyError:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}") from None
    module = importlib.import_module(target)
    globals()[name] = module
    return module


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
