"""Benchmark: the batch command on a generated corpus, at 1 and 2 worker processes.

Run ``python benchmarks/bench_batch.py`` (``make bench``). It

1. writes a JSON Lines corpus of generated articles (default 20,000;
   :mod:`analysis.scale.synthetic`, fixed seed: every article is generated from its
   own random stream, and the benchmark checks that no two texts are equal);
2. runs ``python -m analysis batch`` on it once per worker count (default 1
   and 2), each in a fresh process with the default layers (readability,
   quotes, tone, stance, frames), and reports articles/s and words/s (words
   by the project's word rule, from the ``n_words`` column) over the batch's
   own wall time (start-up of the interpreter excluded), the speedup of each
   worker count over 1, and peak memory: resident set size of the main
   process, of the largest worker and of all of them together, sampled every
   0.1 s;
3. checks that every run wrote the same metrics, and that the rows of a
   random sample of articles (``--verify``, default 200) equal what
   ``python -m analysis metrics`` prints for a story folder of those articles
   (every column but ``corpus_sha256``, which fingerprints a different input);
4. times each step of the per-article analysis in this process, in CPU seconds
   (segmentation, quotes and reported speech, voices, tone, stance, metrics
   rows, frames, tables and Parquet), on a sample of the generated articles and
   on the real news of the speech gold set (gold/speech, 80 articles), and
   reports words per CPU-second for each step, so that a slower analyzer shows
   up by name. ``--repeat N`` times each step N times and keeps its least CPU
   time: on a busy machine the least is the closest to the step's own cost
   (the repeats after the first run with the word caches warm, as a long run
   does).

The goal is 150,000 words per CPU-second for the full per-article analysis.
Timings vary with the machine; tests never assert on them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.scale import synthetic  # noqa: E402

N_ARTICLES = 20_000
GOAL_WORDS_PER_CORE = 150_000


def write_corpus(path: Path, n: int, seed: int) -> tuple[float, int]:
    """Write the corpus; return seconds taken and the number of distinct texts."""
    start = time.perf_counter()
    digests: set[bytes] = set()
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for record in synthetic.generate_articles(n, seed):
            digests.add(hashlib.blake2b(record["text"].encode("utf-8"), digest_size=16).digest())
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return time.perf_counter() - start, len(digests)


def _tree_rss(proc) -> tuple[int, int, int]:
    """(main, largest child, total) resident set size in bytes of a process and its children."""
    import psutil

    try:
        main = proc.memory_info().rss
        children = []
        for child in proc.children(recursive=True):
            try:
                children.append(child.memory_info().rss)
            except psutil.Error:
                continue
    except psutil.Error:
        return 0, 0, 0
    return main, max(children, default=0), main + sum(children)


def run_batch(source: Path, out: Path, workers: int, chunk_size: int | None) -> dict[str, float]:
    """Run the batch command in a fresh process; return its manifest plus peak memory."""
    import resource

    import psutil

    argv = [sys.executable, "-m", "analysis", "batch", str(source), "--out", str(out),
            "--workers", str(workers), "--no-progress"]
    if chunk_size:
        argv += ["--chunk-size", str(chunk_size)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    watched = psutil.Process(proc.pid)
    peak = [0, 0, 0]
    while proc.poll() is None:
        sample = _tree_rss(watched)
        peak = [max(a, b) for a, b in zip(peak, sample)]
        time.sleep(0.1)
    err = proc.stderr.read()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the batch and its workers, once waited for
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(f"batch with {workers} workers failed ({proc.returncode}): {err.strip()}")
    manifest = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    return {**manifest, "wall": wall, "cpu": cpu, "load_before": load, "load_after": os.getloadavg()[0],
            "peak_main": peak[0], "peak_worker": peak[1], "peak_total": peak[2]}


def profile_steps(articles: list, label: Path, repeat: int = 1) -> tuple[list[tuple[str, float]], int]:
    """CPU seconds per step of the per-article analysis of ``articles``, in this process.

    The steps are those of a batch run with the default layers, in its order, each timed
    with ``time.process_time`` (CPU time of this process): segmentation, quotes and
    reported speech, voices, the language check, tone, stance, the metrics rows, frames
    and the Parquet encoding. With ``repeat`` above 1 the whole analysis runs that many
    times and each step keeps its least CPU time. Returns the (step, CPU seconds) pairs
    and the words analysed.
    """
    from analysis.framing.codebook import generic_codebook
    from analysis.framing.frames import frames_table
    from analysis.framing.stance import find_stance_markers
    from analysis.framing.tone import sentence_compounds
    from analysis.io import batch_io
    from analysis.io.corpus import Story
    from analysis.metrics import ArticleAnalysis, metrics_table
    from analysis.scale.batch import _probe_schemas
    from analysis.speech.quotes import extract_quotes
    from analysis.speech.voice import split_voices
    from analysis.text.document import make_document

    logging.getLogger("analysis").setLevel(logging.ERROR)
    books = [generic_codebook()]
    schemas = _probe_schemas()
    steps: dict[str, float] = {}

    def timed(name: str, fn, *args, **kwargs):
        t0 = time.process_time()
        value = fn(*args, **kwargs)
        steps[name] = steps.get(name, 0.0) + time.process_time() - t0
        return value

    def analyse(chosen) -> list[ArticleAnalysis]:
        analyses = []
        for article in chosen:
            doc = timed("segmentation (make_document)", make_document, article.body, article.article_id)
            quotes = timed("quotes and reported speech", extract_quotes, doc, reported=True)
            a = ArticleAnalysis(article, doc, quotes, timed("voices (split_voices, layout)", split_voices, doc, quotes))
            timed("voices (split_voices, layout)", lambda: a.layout)
            timed("language check (unscored_reason)", lambda: a.unscored_reason)
            tones = timed("tone (VADER, sentence by sentence)", sentence_compounds, doc)
            stance = timed("stance markers", find_stance_markers, doc, quotes, a.layout, word_keys=a.word_keys)
            analyses.append(a.with_presets(tones=tones, stance=stance))
        m = timed("metrics rows (readability scores, MTLD)", metrics_table, Story(label, ()), "article", analyses)
        f = timed("frames (cue matching)", frames_table, analyses, books)
        timed("tables to Parquet", lambda: [batch_io.encode_table(batch_io.table_from_frame(m, schemas["metrics"])),
                                            batch_io.encode_table(batch_io.table_from_frame(f, schemas["frames"]))])
        return analyses

    analyse(articles[:1])  # loads lexicons, dictionaries and VADER; not counted
    least: dict[str, float] = {}
    for _ in range(max(1, repeat)):
        steps.clear()
        analyses = analyse(articles)
        least = {name: min(seconds, least.get(name, seconds)) for name, seconds in steps.items()}
    return list(least.items()), sum(a.document.n_words for a in analyses)


def generated_articles(path: Path, n: int) -> list:
    """The first ``n`` records of the generated JSON Lines corpus, as articles."""
    from analysis.io.corpus import Article

    with path.open(encoding="utf-8") as fh:
        records = [json.loads(line) for _, line in zip(range(n), fh)]
    return [Article(r["article_id"], r["outlet"], path, r["text"], {"outlet": r["outlet"]}) for r in records]


def real_news_articles() -> list:
    """The articles of the speech gold set (both halves): real news of many outlets and styles."""
    from analysis.io.corpus import load_story

    root = Path(__file__).resolve().parent.parent / "gold" / "speech"
    return [a for half in ("dev", "test") for a in load_story(root / half / "articles").articles]


def print_profile(title: str, steps: list[tuple[str, float]], words: int) -> None:
    """One line per step: CPU seconds, share, and words per CPU-second of that step alone."""
    total = sum(s for _, s in steps)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n{title}: {words:,} words, one process, {words / total:,.0f} words per CPU-second in all "
          f"(load average {load})")
    for name, seconds in sorted(steps, key=lambda x: -x[1]):
        print(f"  {name:45s} {seconds:6.2f} CPU s  {seconds / total:5.1%}  "
              f"{words / seconds if seconds else float('inf'):>12,.0f} words per CPU-second alone")


def verify_sample(work: Path, out: Path, n_articles: int, sample: int, seed: int) -> tuple[int, int]:
    """Rows of ``sample`` random articles of the batch output against the metrics command.

    Returns (articles compared, articles whose rows differ).
    """
    import random

    import pandas as pd

    from analysis.io.batch_io import read_dataset

    rng = random.Random(seed)
    indices = sorted(rng.sample(range(n_articles), min(sample, n_articles)))
    folder = synthetic.write_story(work / "sample-story", 0, seed, indices=indices)
    result = subprocess.run([sys.executable, "-m", "analysis", "metrics", str(folder), "--format", "json"],
                            capture_output=True, text=True, check=True)
    expected = pd.DataFrame(json.loads(result.stdout)).drop(columns="corpus_sha256").set_index("article_id")
    batch = read_dataset(out).drop(columns="corpus_sha256").set_index("article_id").loc[expected.index]
    batch = batch.astype(object).where(batch.notna(), None)
    expected = expected.astype(object).where(expected.notna(), None)
    differ = sum(not batch.loc[i].equals(expected.loc[i]) for i in expected.index)
    return len(expected), differ


def _mib(n: float) -> str:
    return f"{n / 2**20:,.0f} MiB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=N_ARTICLES, help=f"articles (default {N_ARTICLES:,})")
    parser.add_argument("--seed", type=int, default=synthetic.SEED)
    parser.add_argument("--workers", default="1,2", help="worker counts to run, comma-separated (default 1,2)")
    parser.add_argument("--chunk-size", type=int, default=None, help="articles per chunk (default: batch's)")
    parser.add_argument("--profile", type=int, default=500, metavar="N",
                        help="articles timed step by step (default 500; 0 skips)")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="time each step N times and keep the least CPU time (default 1)")
    parser.add_argument("--verify", type=int, default=200, metavar="N",
                        help="articles whose rows are checked against the metrics command (default 200; 0 skips)")
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR",
                        help="work in DIR and keep the corpus and outputs (default: a temporary folder)")
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    counts = [int(x) for x in args.workers.split(",")]
    try:
        import psutil  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError as exc:
        raise SystemExit(f"the batch benchmark needs the 'scale' extra: pip install -e '.[scale]' ({exc})") from None

    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        source = work / "articles.jsonl"
        gen_s, distinct = write_corpus(source, args.articles, args.seed)
        size = source.stat().st_size
        print(f"corpus: {args.articles:,} generated articles ({distinct:,} distinct texts), {size / 2**20:,.1f} MiB "
              f"of JSON Lines, written in {gen_s:.1f} s (seed {args.seed}); {os.cpu_count()} CPU cores")
        if distinct != args.articles:
            print("FAILED: generated texts repeat")
            return 1
        runs = {}
        for n in counts:
            out = work / f"out-{n}-workers"
            if out.exists():
                raise SystemExit(f"{out} exists; remove it or use another --keep folder")
            runs[n] = run_batch(source, out, n, args.chunk_size)
        base = runs.get(1) or runs[counts[0]]
        words = base["n_words"]
        print(f"words: {words:,} ({words / base['n_articles']:.0f} per article); layers: {', '.join(base['layers'])}; "
              f"chunk size {base['chunk_size']}")
        print(f"{'workers':>7s} {'seconds':>8s} {'articles/s':>11s} {'words/s':>10s} {'speedup':>8s} "
              f"{'CPU s':>7s} {'words/CPU-s':>12s} {'load':>10s} {'peak main':>10s} {'peak worker':>12s} "
              f"{'peak total':>11s}")
        for n, r in runs.items():
            speed = base["seconds"] / r["seconds"]
            print(f"{n:7d} {r['seconds']:8.1f} {r['n_articles'] / r['seconds']:11.1f} {r['n_words'] / r['seconds']:10,.0f} "
                  f"{speed:7.2f}x {r['cpu']:7.1f} {r['n_words'] / r['cpu']:12,.0f} "
                  f"{r['load_before']:4.1f}-{r['load_after']:<4.1f} {_mib(r['peak_main']):>10s} "
                  f"{_mib(r['peak_worker']):>12s} {_mib(r['peak_total']):>11s}")
        print("seconds: the batch's own wall time (batch.json); CPU s: user + system time of the batch and its "
              "workers;\nload: 1-minute load average before and after (other work on the machine slows the "
              "wall times);\npeak: resident set size sampled every 0.1 s (1 worker runs in the main process)")
        import pandas as pd

        from analysis.io.batch_io import read_dataset

        first = read_dataset(work / f"out-{counts[0]}-workers")
        same = all(first.equals(read_dataset(work / f"out-{n}-workers")) for n in counts[1:])
        print("outputs identical across worker counts: " + ("yes" if same else "NO"))
        del first, pd
        verified_ok = True
        if args.verify:
            compared, differ = verify_sample(work, work / f"out-{counts[0]}-workers", args.articles, args.verify,
                                             args.seed)
            verified_ok = differ == 0
            print(f"rows equal to `python -m analysis metrics` for a random sample of {compared} articles: "
                  + ("yes" if verified_ok else f"NO ({differ} differ)"))
        per_core = base["n_words"] / base["cpu"]
        print(f"full per-article analysis: {per_core:,.0f} words per CPU-second, i.e. per core "
              f"({per_core / GOAL_WORDS_PER_CORE:.0%} of the {GOAL_WORDS_PER_CORE:,} goal)")
        if args.profile:
            n = min(args.profile, args.articles)
            runs_note = f", least of {args.repeat} runs" if args.repeat > 1 else ""
            steps, words = profile_steps(generated_articles(source, n), source, args.repeat)
            print_profile(f"where the time goes, generated corpus (first {n:,} articles{runs_note})", steps, words)
            real = real_news_articles()
            steps, words = profile_steps(real, Path("gold/speech"), args.repeat)
            print_profile(f"where the time goes, real news (the speech gold set's {len(real)} articles{runs_note})",
                          steps, words)
        if 2 in runs and 1 in runs:
            print(f"batch speedup 1 -> 2 workers: {runs[1]['seconds'] / runs[2]['seconds']:.2f}x")
        return 0 if same and verified_ok else 1


if __name__ == "__main__":
    sys.exit(main())
