"""The message for an unknown option value (analysis.core.errors.unknown_option).

These messages reach the command line, so each is checked whole: the texts below
are the ones every call site wrote by hand before the helper existed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis.compare.distinctive import group_terms
from analysis.compare.similarity import outlet_similarity, similarity_frame
from analysis.core.errors import InputError, unknown_option
from analysis.evaluate.agreement import krippendorff_alpha
from analysis.evaluate.frame_eval import format_frame_evaluation
from analysis.io import batch_io
from analysis.io.corpus import normalise_meta
from analysis.metrics import metrics_table


@pytest.mark.parametrize(("args", "kwargs", "expected"), [
    (("format", "xml", ["csv", "json"]), {}, "unknown format 'xml'; valid formats: csv, json"),
    (("input format", "xls", ("story", "csv")), {}, "unknown input format 'xls'; valid formats: story, csv"),
    (("match mode", "regex", ("stem", "exact")), {}, "unknown match mode 'regex'; valid modes: stem, exact"),
    (("by=", "day", ("article", "outlet")), {"plural": "options"}, "unknown by='day'; valid options: article, outlet"),
    (("by", "day", ("outlet", "article")), {"plural": "options"}, "unknown by 'day'; valid options: outlet, article"),
    (("article_id", "z", ["a", "b"]), {"plural": ""}, "unknown article_id 'z'; valid: a, b"),
    (("frame", "x", ["a", "none"]), {"plural": "codes"}, "unknown frame 'x'; valid codes: a, none"),
    (("method", "m", ["a"]), {"plural": "methods in the table"}, "unknown method 'm'; valid methods in the table: a"),
    (("level", 3, ["nominal"]), {}, "unknown level 3; valid levels: nominal"),
    (("role", "it's", iter(["article", "source"])), {}, "unknown role \"it's\"; valid roles: article, source"),
    (("layer", "x", []), {}, "unknown layer 'x'; valid layers: "),
])
def test_the_message_is_exactly_the_one_written_before(args, kwargs, expected):
    assert unknown_option(*args, **kwargs) == expected


def _raises_exactly(message: str):
    return pytest.raises(ValueError, match="^" + re.escape(message) + "$")


def test_call_sites_give_their_messages_unchanged(tmp_path):
    with _raises_exactly("unknown level 'nominals'; valid levels: nominal, ordinal, interval, ratio"):
        krippendorff_alpha([["a", "b"]], level="nominals")
    with _raises_exactly("unknown format 'html'; valid formats: text, json, csv"):
        format_frame_evaluation(None, "html")  # type: ignore[arg-type]
    with _raises_exactly("unknown input format 'xlsx'; valid formats: story, jsonl, csv, parquet"):
        batch_io.detect_format(tmp_path, "xlsx")
    with _raises_exactly("unknown dataset 'quotes'; valid datasets: errors, articles, frames, annotations, metrics"):
        batch_io.read_dataset(tmp_path, "quotes")
    with _raises_exactly("unknown by='day'; valid options: article, outlet"):
        metrics_table(None, by="day")  # type: ignore[arg-type]
    with _raises_exactly("unknown by 'paragraph'; valid options: outlet, article"):
        group_terms([], by="paragraph")
    with _raises_exactly("unknown voice 'mine'; valid options: all, own, quoted"):
        group_terms([], voice="mine")
    with _raises_exactly("unknown method 'jaccard'; valid options: shared_passages, tfidf_cosine"):
        similarity_frame(None, methods=["jaccard"])  # type: ignore[arg-type]
    with _raises_exactly("unknown method 'jaccard'; valid options: shared_passages, tfidf_cosine"):
        outlet_similarity(None, methods=["jaccard"])  # type: ignore[arg-type]


def test_the_role_error_names_the_file_and_the_valid_roles():
    with pytest.raises(InputError) as info:
        normalise_meta({"outlet": "X", "role": "press"}, Path("a.md"))
    assert info.value.message == "unknown role 'press'; valid roles: article, source"
