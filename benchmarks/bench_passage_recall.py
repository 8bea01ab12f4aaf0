"""Benchmark: recall of shared passages in a thousand synthetic articles with planted reuse.

Run ``python benchmarks/bench_passage_recall.py``. It

1. builds synthetic articles (300-600 words of filler, fixed seed) from a
   made-up vocabulary of 6,000 words drawn with Zipf-Mandelbrot frequencies
   (the commonest word about 6% of all words), so that common words repeat
   as they do in news text and chance overlaps can happen;
2. plants passages: each of 200 passages (15-60 words, one to four sentences)
   goes into 2 to 8 random articles, inside quotation marks with an
   attribution (``"...," the statement said.``) or without any (unmarked
   reuse), and in about a third of the copies one word is changed;
3. times the analysis every comparison needs first (segmentation, quotes,
   voices: ``analysis.metrics.analyse_article``) and then
   ``analysis.compare.passages.find_passages`` (shingle index, seeds grown into
   passages, source order) on its own;
4. reports how many of the n(n-1)/2 article pairs had seeds to grow (the
   others were never compared), and recall: a planted copy is found when at least 90% of its words lie
   inside passages shared with another article; a planted passage is found
   when at least two of its copies are. It also reports how many shared words
   lie outside planted text (chance overlaps of filler).

Timings vary with the machine; tests never assert on them.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from bisect import bisect_right
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.io.corpus import Article  # noqa: E402
from analysis.metrics import analyse_article  # noqa: E402
from analysis.compare.passages import find_passages  # noqa: E402

SEED = 20240311
N_ARTICLES = 1000
N_PASSAGES = 200
N_OUTLETS = 50
VOCABULARY = 6000
FOUND_SHARE = 0.9

ONSETS = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "br", "st", "pl", "tr"]
NUCLEI = ["a", "e", "i", "o", "u", "ai", "ou", "ea"]
CODAS = ["", "n", "r", "s", "t", "l", "nd", "st"]


def make_vocabulary(rng: random.Random, size: int) -> list[str]:
    """Distinct pronounceable pseudo-words, shortest first (frequent words are short)."""
    words: set[str] = set()
    while len(words) < size:
        n = rng.choice((1, 1, 2, 2, 2, 3, 3, 4))
        words.add("".join(rng.choice(ONSETS) + rng.choice(NUCLEI) + rng.choice(CODAS) for _ in range(n)))
    return sorted(words, key=lambda w: (len(w), w))


def make_sampler(rng: random.Random, vocabulary: list[str]):
    # Zipf-Mandelbrot frequencies, 1 / (rank + 2.7): the commonest word makes about 6% of
    # the words, as "the" does in English news text
    weights = [1.0 / (rank + 2.7) for rank in range(len(vocabulary))]
    cumulative = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)

    def words(n: int) -> list[str]:
        return [vocabulary[min(bisect_right(cumulative, rng.random() * total), len(vocabulary) - 1)] for _ in range(n)]

    return words


def sentence(words: list[str]) -> str:
    return " ".join([words[0].capitalize(), *words[1:]]) + "."


def build_corpus(seed: int, n_articles: int, n_passages: int):
    """Articles (id, outlet, body) and the planted copies (passage, article, start, end)."""
    rng = random.Random(seed)
    vocab = make_vocabulary(rng, VOCABULARY)
    draw = make_sampler(rng, vocab)
    passages = []
    for _ in range(n_passages):
        sentences = []
        remaining = rng.randint(15, 60)
        while remaining > 0:
            n = min(remaining, rng.randint(6, 18))
            sentences.append(draw(n))
            remaining -= n
        passages.append(sentences)
    plan: dict[int, list[int]] = {a: [] for a in range(n_articles)}
    for p in range(n_passages):
        for a in rng.sample(range(n_articles), rng.randint(2, 8)):
            plan[a].append(p)
    articles, planted = [], []
    for a in range(n_articles):
        paragraphs = []
        for _ in range(rng.randint(4, 8)):
            paragraphs.append(("filler", " ".join(sentence(draw(rng.randint(8, 20))) for _ in range(rng.randint(2, 4)))))
        for p in plan[a]:
            sentences = [list(s) for s in passages[p]]
            if rng.random() < 1 / 3:  # change one word
                s = rng.randrange(len(sentences))
                sentences[s][rng.randrange(len(sentences[s]))] = rng.choice(vocab)
            text = " ".join(sentence(s) for s in sentences)
            paragraphs.insert(rng.randint(1, len(paragraphs)), ("planted", p, text, rng.random() < 0.6))
        body, pos = [], 0
        for para in paragraphs:
            if para[0] == "filler":
                chunk = para[1]
            else:
                _, p, text, quoted = para
                if quoted:
                    chunk = f"\u201c{text[:-1]},\u201d the statement said."
                    planted.append((p, a, pos + 1, pos + len(text)))
                else:
                    chunk = text
                    planted.append((p, a, pos, pos + len(text)))
            body.append(chunk)
            pos += len(chunk) + 2
        articles.append((f"a{a:04d}", f"Outlet {a % N_OUTLETS:02d}", "\n\n".join(body)))
    return articles, planted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=N_ARTICLES)
    parser.add_argument("--passages", type=int, default=N_PASSAGES)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    articles, planted = build_corpus(args.seed, args.articles, args.passages)
    t1 = time.perf_counter()
    analyses = [
        analyse_article(Article(article_id=aid, outlet=outlet, path=Path(f"{aid}.md"), body=body,
                                meta={"outlet": outlet, "role": "article"}))
        for aid, outlet, body in articles
    ]
    t2 = time.perf_counter()
    alignment = find_passages(analyses)
    t3 = time.perf_counter()

    n_words = sum(a.document.n_words for a in analyses)
    covered: dict[str, list[tuple[int, int]]] = {}
    for p in alignment.passages:
        if p.origin != "shared":
            continue
        for o in p.occurrences:
            covered.setdefault(o.article_id, []).extend((s, e) for s, e, _ in o.segments)
    by_id = {a.article.article_id: a for a in analyses}

    def words_in(article_id: str, start: int, end: int) -> tuple[int, int]:
        doc = by_id[article_id].document
        ranges = covered.get(article_id, [])
        total = hit = 0
        for s, e in doc.word_bounds:
            if s >= start and e <= end:
                total += 1
                hit += any(rs <= s and e <= re_ for rs, re_ in ranges)
        return hit, total

    found_copies = 0
    copies_found_per_passage: dict[int, int] = {}
    planted_words = 0
    for p, a, start, end in planted:
        hit, total = words_in(f"a{a:04d}", start, end)
        planted_words += total
        if total and hit >= FOUND_SHARE * total:
            found_copies += 1
            copies_found_per_passage[p] = copies_found_per_passage.get(p, 0) + 1
    found_passages = sum(1 for n in copies_found_per_passage.values() if n >= 2)
    shared_words = 0
    outside = 0
    planted_by_article: dict[str, list[tuple[int, int]]] = {}
    for _, a, start, end in planted:
        planted_by_article.setdefault(f"a{a:04d}", []).append((start, end))
    for aid, ranges in covered.items():
        doc = by_id[aid].document
        for s, e in doc.word_bounds:
            if any(rs <= s and e <= re_ for rs, re_ in ranges):
                shared_words += 1
                outside += not any(ps <= s and e <= pe for ps, pe in planted_by_article.get(aid, []))

    print(f"corpus: {len(articles):,} articles, {n_words:,} words, {args.passages} planted passages "
          f"in {len(planted):,} copies (seed {args.seed}); built in {t1 - t0:.1f} s")
    print(f"analysis (segmentation, quotes, voices): {t2 - t1:.1f} s")
    print(f"find_passages: {t3 - t2:.1f} s ({n_words / max(t3 - t2, 1e-9):,.0f} words/s); "
          f"{len(alignment.passages):,} passages, {sum(p.in_source for p in alignment.passages):,} in the source")
    n = len(articles)
    print(f"index: {alignment.stats['n_shingles']:,} distinct shingles, {alignment.stats['n_shared_shingles']:,} "
          f"shared; seeds grown for {alignment.stats['n_pairs']:,} article pairs of {n * (n - 1) // 2:,} possible")
    print(f"recall of planted copies: {found_copies / len(planted):.3f} ({found_copies:,} of {len(planted):,})")
    print(f"recall of planted passages (2+ copies found): {found_passages / args.passages:.3f} "
          f"({found_passages} of {args.passages})")
    print(f"shared words outside planted text: {outside:,} of {shared_words:,} "
          f"({outside / max(shared_words, 1):.2%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
