"""docs/data-dictionary.md documents every column of every table the package writes."""

from __future__ import annotations

import re

import pytest

from analysis.core import paths
from analysis.framing.actors import ACTOR_COLUMNS, GENDER_COLUMNS
from analysis.annotations import ANNOTATION_COLUMNS
from analysis.io.batch_io import ARTICLE_BATCH_COLUMNS, ERROR_COLUMNS
from analysis.io.corpus import ARTICLE_COLUMNS
from analysis.compare.distinctive import DISTINCTIVE_COLUMNS
from analysis.framing.frames import FRAME_COLUMNS
from analysis.metrics import metric_columns
from analysis.compare.passages import SELECTION_COLUMNS, SHARE_COLUMNS, UNMARKED_COLUMNS
from analysis.speech.quote_tables import QUOTE_COLUMNS, SPEAKER_COLUMNS
from analysis.framing.salience import SALIENCE_COLUMNS
from analysis.compare.similarity import SIMILARITY_COLUMNS

DICTIONARY = (paths.PROJECT_ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
PROVENANCE = {"package_version", "corpus_sha256"}  # stated once for every table at the top


def _sections() -> dict[str, str]:
    parts = re.split(r"^## ", DICTIONARY, flags=re.M)[1:]
    return {p.split("\n", 1)[0]: p.split("\n", 1)[1] for p in parts}


def _section(title_start: str) -> str:
    found = [body for title, body in _sections().items() if title.startswith(title_start)]
    assert len(found) == 1, f"one section titled {title_start!r}..., found {len(found)}"
    return found[0]


def _names(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text))


def _table_columns(text: str) -> set[str]:
    """Names in the first cell of every row of the section's first markdown table."""
    names: set[str] = set()
    started = False
    for line in text.splitlines():
        if not line.startswith("|"):
            if started:
                break
            continue
        started = True
        if set(line) <= set("|- "):
            continue
        first = line.split("|")[1].strip()
        if first in ("column", "field"):
            continue
        names |= {n.strip().strip("`") for n in re.split(r",| / | or ", re.sub(r"\(.*?\)", "", first))}
    return names - {""}


SECTIONS = [
    ("Articles (", ARTICLE_COLUMNS),
    ("`metrics`", tuple(c for c in metric_columns() if not c.startswith(("own_voice_", "quoted_")))
     + ("own_voice_share", "own_voice_n_words", "own_voice_n_sentences", "quoted_n_sentences")),
    ("`quotes`", QUOTE_COLUMNS),
    ("`speakers`", SPEAKER_COLUMNS),
    ("`frames`", FRAME_COLUMNS),
    ("`annotations`", ANNOTATION_COLUMNS),
    ("Python-only tables", SALIENCE_COLUMNS + ACTOR_COLUMNS + GENDER_COLUMNS),
    ("`compare`: `selection`", SELECTION_COLUMNS),
    ("`compare`: `unmarked_reuse`", UNMARKED_COLUMNS),
    ("`compare`: `article_shares`", SHARE_COLUMNS),
    ("`compare`: `distinctive_terms`", DISTINCTIVE_COLUMNS),
    ("`compare`: `similarity`", SIMILARITY_COLUMNS),
    ("`batch`: `articles`", ARTICLE_BATCH_COLUMNS),
    ("`batch`: `errors`", ERROR_COLUMNS),
]


@pytest.mark.parametrize("title, columns", SECTIONS, ids=[s[0].strip("`:( ") for s in SECTIONS])
def test_every_column_of_the_table_is_documented(title, columns):
    missing = [c for c in columns if c not in PROVENANCE and c not in _names(_section(title))]
    assert not missing, f"{title}: undocumented columns {missing}"


@pytest.mark.parametrize("title, columns", [
    ("`frames`", FRAME_COLUMNS),
    ("`annotations`", ANNOTATION_COLUMNS),
    ("`batch`: `articles`", ARTICLE_BATCH_COLUMNS),
    ("`batch`: `errors`", ERROR_COLUMNS),
    ("`compare`: `unmarked_reuse`", UNMARKED_COLUMNS),
    ("`compare`: `article_shares`", SHARE_COLUMNS),
    ("`compare`: `similarity`", SIMILARITY_COLUMNS),
], ids=lambda v: v if isinstance(v, str) else "")
def test_tables_document_no_column_the_code_does_not_write(title, columns):
    assert _table_columns(_section(title)) == set(columns)
