"""The batch benchmark's step profile: every step of the analysis is timed, the least of the repeats is kept."""

from __future__ import annotations

import importlib.util
import itertools
from pathlib import Path

import pytest

from analysis.io.corpus import Article
from analysis.scale import synthetic
from analysis.text.document import make_document

ROOT = Path(__file__).resolve().parents[1]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_batch", ROOT / "benchmarks" / "bench_batch.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _SlowingDownClock:
    """A CPU clock whose every tick is shorter than the one before: later runs take less time."""

    def __init__(self) -> None:
        self.now = 0.0
        self.ticks = 0

    def __call__(self) -> float:
        self.ticks += 1
        self.now += 1.0 / self.ticks
        return self.now


def test_the_profile_times_every_step_and_keeps_the_least_of_the_repeats(monkeypatch):
    pytest.importorskip("pyarrow")
    bench = _bench()
    records = list(itertools.islice(synthetic.generate_articles(3, synthetic.SEED), 3))
    articles = [Article(r["article_id"], r["outlet"], Path("x.jsonl"), r["text"], {"outlet": r["outlet"]})
                for r in records]
    monkeypatch.setattr(bench.time, "process_time", _SlowingDownClock())
    once, words = bench.profile_steps(articles, Path("x"))
    monkeypatch.setattr(bench.time, "process_time", _SlowingDownClock())
    thrice, words_again = bench.profile_steps(articles, Path("x"), repeat=3)
    assert words == words_again == sum(make_document(r["text"]).n_words for r in records)
    assert [name for name, _ in once] == [name for name, _ in thrice] == [
        "segmentation (make_document)", "quotes and reported speech", "voices (split_voices, layout)",
        "language check (unscored_reason)", "tone (VADER, sentence by sentence)", "stance markers",
        "metrics rows (readability scores, MTLD)", "frames (cue matching)", "tables to Parquet",
    ]
    # each step keeps its time of the third run, timed with shorter ticks than the first
    assert all(t3 < t1 for (_, t1), (_, t3) in zip(once, thrice))
