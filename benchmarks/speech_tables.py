"""Print the README's "Measured accuracy" tables from the speech gold set.

Usage: ``python benchmarks/speech_tables.py [GOLD_DIR]`` (default ``gold/speech/test``).
Runs the project's extractor, the naive baseline and, where it is installed, textacy
(:mod:`analysis.evaluate.speech_peers`), exactly as ``python -m analysis evaluate GOLD_DIR --peers``
does, and prints Markdown: the overall table per system and the per-phenomenon, per-format
and per-outlet tables of the project. Nothing is written to disk.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.evaluate.speech_eval import evaluate_gold, project_system  # noqa: E402
from analysis.evaluate.speech_peers import PeerUnavailable, naive_system, textacy_system  # noqa: E402


def _f(value: object) -> str:
    return "–" if pd.isna(value) else f"{value:.2f}"


def _n(value: object) -> str:
    return "–" if pd.isna(value) else str(int(value))


def overall(table: pd.DataFrame) -> list[str]:
    """One row per system: direct P/R/F1 at 0.3 and 0.8, speaker and cue accuracy, reported figures."""
    out = ["| system | direct P / R / F1 at 0.3 | direct F1 at 0.8 | speaker accuracy (matched at 0.3) "
           "| cue accuracy | reported P / R / F1 at 0.3 | reported speaker accuracy | person typing P / R "
           "| source typing P / R |",
           "|---|---|---|---|---|---|---|---|---|"]
    for system in dict.fromkeys(table["system"]):
        s = table[(table["system"] == system) & (table["breakdown"] == "overall")].set_index(["task", "threshold"],
                                                                                           drop=False)
        d3, d8 = s.loc[("direct", 0.3)], s.loc[("direct", 0.8)]
        r = s.loc[("reported", 0.3)]
        typing = [s[s["task"] == task] for task in ("person_typing", "source_typing")]
        pt, st = (f"{_f(t.iloc[0].precision)} / {_f(t.iloc[0].recall)}" if len(t) else "–" for t in typing)
        out.append(
            f"| {system} | {_f(d3.precision)} / {_f(d3.recall)} / {_f(d3.f1)} ({_n(d3.n_matched)} of "
            f"{_n(d3.n_gold)}) | {_f(d8.f1)} | {_f(d3.speaker_accuracy)} ({_n(d3.n_speaker_correct)} of "
            f"{_n(d3.n_matched)}) | {_f(d3.cue_accuracy)} | {_f(r.precision)} / {_f(r.recall)} / {_f(r.f1)} "
            f"({_n(r.n_matched)} of {_n(r.n_gold)}) | {_f(r.speaker_accuracy)} | {pt} | {st} |"
        )
    return out


def breakdown(table: pd.DataFrame, name: str, system: str = "project") -> list[str]:
    """Recall and speaker accuracy (and F1 where defined) per group, direct and reported side by side."""
    part = table[(table["system"] == system) & (table["breakdown"] == name)]
    out = [f"| {name.replace('_', ' ')} | direct: gold, recall, speaker accuracy | reported: gold, recall, "
           "speaker accuracy |", "|---|---|---|"]
    for group in sorted(set(part["group"])):
        cells = []
        for task in ("direct", "reported"):
            row = part[(part["group"] == group) & (part["task"] == task)]
            if row.empty:
                cells.append("–")
                continue
            r = row.iloc[0]
            cells.append(f"{_n(r.n_gold)}, {_f(r.recall)}, {_f(r.speaker_accuracy)}")
        out.append(f"| {group} | {cells[0]} | {cells[1]} |")
    return out


def main(argv: list[str]) -> int:
    gold = argv[0] if argv else str(ROOT / "gold" / "speech" / "test")
    systems, notes = [project_system(), naive_system()], []
    try:
        systems.append(textacy_system())
    except PeerUnavailable as exc:
        notes.append(str(exc))
    ev = evaluate_gold(gold, systems, notes)
    for h in ev.halves.itertuples():
        print(f"{h.half}: {h.n_articles} articles, {h.n_outlets} outlets, {h.n_direct} direct and "
              f"{h.n_reported} reported spans, {h.n_names} names\n")
        t = ev.table[ev.table["half"] == h.half]
        print("\n".join(overall(t)), end="\n\n")
        for name in ("phenomenon", "format", "story_type", "outlet"):
            print("\n".join(breakdown(t, name)), end="\n\n")
    for note in ev.notes:
        print(f"note: {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
