"""Benchmark: ``compare`` on one generated story of 100, 1,000 and 10,000 articles.

Run ``python benchmarks/bench_compare.py`` (``make bench``; ``--sizes 100 1000`` for a
shorter run). The story is what the comparison is for: 50 outlets carrying
perturbed copies of the three starter articles (``corpus/askmoreofhim``) plus
generated local-news filler (:func:`analysis.scale.synthetic.generate_wire_article`).

Each size runs in its own process, which

1. compares the starter story once (the baseline, timed in the same process, so
   that a ratio says how much more work the big story is on this machine);
2. loads the generated story, compares it (:func:`analysis.compare.story.compare_story`)
   and writes the summary JSON the ``compare`` command writes;
3. reports CPU seconds (user + system of the process), wall seconds, peak
   resident memory of the process, the JSON's size, and CPU time / baseline CPU time.

The growth exponent between two sizes is log(CPU2 / CPU1) / log(n2 / n1): 1 is linear.
Timings vary with the machine; tests never assert on them.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = (100, 1000, 10000)
STARTER = ROOT / "corpus" / "askmoreofhim"


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def run_one(n: int, folder: Path) -> dict[str, float]:
    """Compare the starter story, then the generated story in ``folder``; return the measures."""
    from analysis.compare.story import compare_story, comparison_payload
    from analysis.io.corpus import load_story

    c0 = _cpu()
    compare_story(load_story(STARTER))
    baseline = _cpu() - c0
    c1, w1 = _cpu(), time.perf_counter()
    comparison = compare_story(load_story(folder))
    text = json.dumps(comparison_payload(comparison), ensure_ascii=False, indent=1)
    cpu, wall = _cpu() - c1, time.perf_counter() - w1
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    n_words = sum(a.document.n_words for a in comparison.alignment.articles)
    return {"articles": n, "words": n_words, "cpu_s": cpu, "wall_s": wall, "peak_mib": peak,
            "json_mb": len(text.encode("utf-8")) / 1e6, "baseline_cpu_s": baseline,
            "ratio": cpu / baseline if baseline else float("nan")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: one size in this process
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one is not None:
        print(json.dumps(run_one(args.one, args.folder)))
        return 0
    from analysis.io.corpus import load_story
    from analysis.scale.synthetic import write_wire_story

    sources = [a.body for a in load_story(STARTER).articles]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            folder = write_wire_story(Path(tmp) / f"wire{n}", n, sources)
            out = subprocess.run([sys.executable, __file__, "--one", str(n), "--folder", str(folder)],
                                 check=True, capture_output=True, text=True)
            rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
            r = rows[-1]
            print(f"{n:>7,} articles {r['words']:>10,} words  CPU {r['cpu_s']:7.1f} s  wall {r['wall_s']:7.1f} s  "
                  f"peak {r['peak_mib']:7.0f} MiB  JSON {r['json_mb']:6.2f} MB  "
                  f"{r['ratio']:6.1f}x the starter story ({r['baseline_cpu_s']:.2f} CPU-s)", flush=True)
    print("\n| articles | words | CPU s | wall s | peak MiB | JSON MB | x starter story |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['articles']:,} | {r['words']:,} | {r['cpu_s']:.1f} | {r['wall_s']:.1f} | {r['peak_mib']:.0f} "
              f"| {r['json_mb']:.2f} | {r['ratio']:.0f} |")
    for a, b in zip(rows, rows[1:]):
        exp = math.log(b["cpu_s"] / a["cpu_s"]) / math.log(b["articles"] / a["articles"])
        print(f"growth exponent {a['articles']:,} -> {b['articles']:,} articles: {exp:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
