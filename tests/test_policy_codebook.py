"""The packaged policy codebook (Policy Frames Codebook, Boydstun et al. 2014) loads and runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.framing.codebook import PACKAGED_CODEBOOKS, load_codebook, packaged_codebook
from analysis.framing.frames import frame_cues
from analysis.io.corpus import parse_article
from analysis.text.document import make_document

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "tests" / "fixtures" / "stories" / "library-closure" / "eastfield-daily.md"

# The 15 dimensions of the Policy Frames Codebook; "Other" has no cue words and is left out.
DIMENSIONS = [
    "economic", "capacity_resources", "morality", "fairness_equality", "legality",
    "policy_prescription", "crime_punishment", "security_defense", "health_safety",
    "quality_of_life", "cultural_identity", "public_opinion", "political", "external_regulation",
]


def test_policy_codebook_loads_by_name_and_by_path():
    assert "policy" in PACKAGED_CODEBOOKS
    book = packaged_codebook("policy")
    assert book.name == "policy"
    assert [f.id for f in book.frames] == DIMENSIONS
    assert "Boydstun" in book.source and "2014" in book.source
    assert all(f.definition and f.cues and f.example for f in book.frames)
    # a name where a path is expected, as for --codebook
    assert [f.id for f in load_codebook("policy").frames] == DIMENSIONS
    file_book = load_codebook(ROOT / "analysis" / "data" / "codebooks" / "policy.yml")
    assert [f.id for f in file_book.frames] == DIMENSIONS


def test_unknown_packaged_codebook():
    with pytest.raises(ValueError, match="generic, policy"):
        packaged_codebook("nope")


def test_policy_codebook_on_one_article():
    """The fictional Eastfield Daily report of a library closure, read sentence by sentence.

    Sentence 0 "councillors approved cuts worth $1.2 million": economic (a sum of money) and
    political (councillors deciding). Sentence 1 "a deficit of $4 million": economic twice.
    Sentence 3 "cut services that people rely on every day": quality of life (daily routines).
    Sentence 11 "its 'modernisation' plan": a policy proposed. The union members' "vote on
    industrial action" (sentence 5) is a ballot, not politics, and does not count.
    """
    article = parse_article(ARTICLE.read_bytes(), ARTICLE)
    doc = make_document(article.body)
    found = {(c.frame, c.match.text, c.match.sentence) for c in frame_cues(doc, packaged_codebook("policy"))}
    assert found == {
        ("economic", "million", 0),
        ("political", "councillors", 0),
        ("economic", "deficit", 1),
        ("economic", "million", 1),
        ("quality_of_life", "rely on", 3),
        ("policy_prescription", "plan", 11),
    }
