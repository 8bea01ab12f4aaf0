"""Command line: ``python -m analysis COMMAND CORPUS_DIR [options]``.

Every table command takes the story folder, ``--format csv|json`` (csv by
default), ``--out FILE`` (stdout by default) and ``--skip-invalid``. Loading is
strict by default: the first invalid file stops the run.

Exit status (docs/design.md, "exit codes"): 0 success; 1 internal failure; 2 bad
input, with one line on stderr naming the file and what is wrong, and no traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from analysis import __version__
from analysis.io.corpus import Story, load_story
from analysis.core.errors import InputError, unknown_option
from analysis.core.records import plain_records
from analysis.core.files import new_temporary
from analysis.metrics import BY_OPTIONS, metrics_table
from analysis.pipeline import analyse_story
from analysis.speech.quote_tables import quotes_frame, speakers_frame
from analysis.io.spreadsheet import neutralise_formulas

__all__ = ["build_parser", "format_table", "main", "write_table"]

FORMATS: tuple[str, ...] = ("csv", "json")
UNMARKED_HELP = ("count text reused from the common source without quotation marks as quoted speech, "
                 "not the outlet's own voice (by default it is own voice, so own-voice figures partly "
                 "measure the source)")
EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


def format_table(df: pd.DataFrame, fmt: str, *, neutralise: bool = True) -> str:
    """Render a table as CSV (NaN empty) or JSON (a list of records, NaN null).

    In CSV, a text cell that a spreadsheet would run as a formula (it starts with ``=``,
    ``+``, ``-``, ``@``, a tab or a carriage return) is written with a leading apostrophe
    unless ``neutralise`` is False (see :mod:`analysis.io.spreadsheet`); JSON is never changed.

    Raises
    ------
    ValueError
        For an unknown format, listing the valid ones.
    """
    if fmt == "csv":
        return (neutralise_formulas(df) if neutralise else df).to_csv(index=False, lineterminator="\n")
    if fmt == "json":
        return json.dumps(plain_records(df), ensure_ascii=False, indent=1) + "\n"
    raise ValueError(unknown_option("format", fmt, FORMATS))


def write_table(df: pd.DataFrame, fmt: str, out: str | None, *, neutralise: bool = True) -> None:
    """Write a table to ``out`` (atomically) or to stdout when ``out`` is None or '-'."""
    write_text(format_table(df, fmt, neutralise=neutralise), out)


def write_text(text: str, out: str | None) -> None:
    """Write text to ``out`` (atomically) or to stdout when ``out`` is None or '-'."""
    if out in (None, "-"):
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    path = Path(out)
    if not path.parent.exists():
        raise InputError(path.parent, "output folder does not exist; create it first")
    if path.is_dir():
        raise InputError(path, "is a folder; give a file name for --out, e.g. metrics.csv")
    try:
        fd, tmp = new_temporary(path.parent, path.name)  # the user's umask, not mkstemp's 0600
    except OSError as exc:
        raise InputError(path.parent, f"cannot write the output here: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise InputError(path, f"cannot write the output: {exc.strerror or exc}") from None
        raise


def _load(args: argparse.Namespace) -> Story:
    story = load_story(Path(args.corpus_dir), strict=not args.skip_invalid)
    for issue in story.issues:
        print(f"skipped {issue.one_line()}", file=sys.stderr)
    if not story.articles:
        raise InputError(Path(args.corpus_dir), "no valid articles to analyse (every file was skipped)")
    return story


def _cmd_metrics(args: argparse.Namespace) -> int:
    story = _load(args)
    write_table(metrics_table(story, by=args.by, unmarked_as_quoted=args.unmarked_as_quoted),
                args.format, args.out, neutralise=not args.keep_formulas)
    return EXIT_OK


def _cmd_quotes(args: argparse.Namespace) -> int:
    story = _load(args)
    write_table(quotes_frame(analyse_story(story), story.corpus_sha256), args.format, args.out,
                neutralise=not args.keep_formulas)
    return EXIT_OK


def _cmd_speakers(args: argparse.Namespace) -> int:
    story = _load(args)
    write_table(speakers_frame(analyse_story(story), story.corpus_sha256), args.format, args.out,
                neutralise=not args.keep_formulas)
    return EXIT_OK


def _cmd_frames(args: argparse.Namespace) -> int:
    from analysis.framing.codebook import load_codebooks
    from analysis.framing.frames import frames_table

    story = _load(args)
    codebooks = load_codebooks(story.root, story.meta, args.codebook or ())
    analyses = analyse_story(story, unmarked_as_quoted=args.unmarked_as_quoted)
    write_table(frames_table(analyses, codebooks, story.corpus_sha256, by=args.by), args.format, args.out,
                neutralise=not args.keep_formulas)
    return EXIT_OK


def _cmd_annotations(args: argparse.Namespace) -> int:
    from analysis.framing.actors import story_people
    from analysis.annotations import annotations_table
    from analysis.framing.codebook import load_codebooks

    story = _load(args)
    codebooks = load_codebooks(story.root, story.meta, args.codebook or ())
    df = annotations_table(analyse_story(story), codebooks, story_people(story.root), story.corpus_sha256)
    if args.format == "json":  # detail as a JSON object; in CSV it stays a JSON string
        df["detail"] = [json.loads(d) for d in df["detail"]]
    write_table(df, args.format, args.out, neutralise=not args.keep_formulas)
    return EXIT_OK


def _cmd_compare(args: argparse.Namespace) -> int:
    from analysis.compare.story import compare_story, comparison_payload, write_comparison_parquet

    if args.format == "parquet" and not args.out:
        print("error: --format parquet writes one file per table: give the folder with --out DIR",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    story = _load(args)
    comparison = compare_story(story, distinctive_by=args.by, voice=args.voice, min_count=args.min_count,
                               top=args.top, neighbours=args.neighbours,
                               keep_function_words=args.keep_function_words,
                               weak_min_count=args.weak_min_count)
    if args.format == "parquet":
        write_comparison_parquet(comparison, args.out)
    elif args.format == "json":
        payload = comparison_payload(comparison, detail=True if args.detail else None)
        write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", args.out)
    else:
        write_table(comparison.table(args.table), "csv", args.out, neutralise=not args.keep_formulas)
    return EXIT_OK


def _cmd_batch(args: argparse.Namespace) -> int:
    from concurrent.futures.process import BrokenProcessPool

    from analysis.scale.batch import MissingExtraError, run_batch
    from analysis.io.batch_io import ColumnMap

    columns = ColumnMap(args.id_column, args.outlet_column, args.text_column, tuple(args.column or ()))
    try:
        summary = run_batch(
            args.input, args.out, workers=args.workers, scheduler=args.scheduler, layers=args.layers,
            chunk_size=args.chunk_size, resume=args.resume, input_format=args.input_format, columns=columns,
            codebooks=args.codebook or (), progress=False if args.no_progress else None,
        )
    except MissingExtraError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except BrokenProcessPool:
        print(f"error: a worker process died; run the same command with --resume to continue from the "
              f"parts already written in {args.out}", file=sys.stderr)
        return EXIT_FAILURE
    except Exception as exc:
        if type(exc).__name__ != "KilledWorker":  # Dask gave up on a chunk that killed several workers
            raise
        print(f"error: Dask workers kept dying on one chunk ({exc}); run again with --resume",
              file=sys.stderr)
        return EXIT_FAILURE
    print(summary.line(), file=sys.stderr)
    if summary.n_errors:
        print(f"{summary.n_errors:,} records skipped: see {Path(args.out) / 'errors.csv'}", file=sys.stderr)
    if not summary.n_articles:
        raise InputError(Path(args.input), "no valid articles to analyse (every record was skipped; "
                         f"see {Path(args.out) / 'errors.csv'})")
    return EXIT_OK


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from analysis.evaluate.speech_eval import evaluate_gold, format_evaluation, project_system

    systems, notes = [project_system()], []
    if args.peers:
        from analysis.evaluate.speech_peers import PeerUnavailable, naive_system, textacy_system

        systems.append(naive_system())
        try:
            systems.append(textacy_system())
        except PeerUnavailable as exc:
            notes.append(f"textacy peer not run: {exc}")
    evaluation = evaluate_gold(args.gold_dir, systems, notes)
    if args.format == "text":  # the text report ends with the notes
        write_text(format_evaluation(evaluation), args.out)
    else:
        for note in notes:
            print(f"note: {note}", file=sys.stderr)
        write_table(evaluation.table, args.format, args.out)
    return EXIT_OK


def _cmd_evaluate_frames(args: argparse.Namespace) -> int:
    from analysis.framing.codebook import generic_codebook, load_codebook
    from analysis.evaluate.frame_eval import evaluate_frames, format_frame_evaluation

    codebook = load_codebook(args.codebook) if args.codebook else generic_codebook()
    evaluation = evaluate_frames(args.gold_dir, codebook)
    write_text(format_frame_evaluation(evaluation, args.format), args.out)
    return EXIT_OK


def _column_pair(text: str) -> tuple[str, str]:
    field, sep, column = text.partition("=")
    if not sep or not field.strip() or not column.strip():
        raise argparse.ArgumentTypeError(f"expected FIELD=COLUMN (e.g. published=date), not {text!r}")
    return field.strip(), column.strip()


def _layers(text: str) -> tuple[str, ...]:
    from analysis.scale.batch import parse_layers

    try:
        return parse_layers(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, not {text!r}")
    return value


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of 0 or more, not {text!r}")
    return value


def _add_batch_parser(sub: argparse._SubParsersAction, codebook_help: str) -> None:
    from analysis.scale.batch import DEFAULT_CHUNK_SIZE, DEFAULT_LAYERS, LAYERS

    p = sub.add_parser(
        "batch", help="analyse a large corpus in chunks into Parquet datasets (lenient; optional 'scale' extra)",
        description="Analyse every article of a story folder or a JSON Lines, CSV or Parquet file "
        "(columns article_id, outlet, text and any metadata) in chunks, on local processes or a Dask "
        "cluster, and write Parquet datasets of numbered parts: metrics (the columns of `metrics`), "
        "frames, articles, errors and, when asked, annotations. Records that cannot be used go to "
        "the errors table; the run goes on.",
    )
    p.add_argument("input", metavar="INPUT", help="story folder, or a .jsonl, .csv or .parquet file of articles")
    p.add_argument("--out", metavar="OUT_DIR", required=True, help="folder for the Parquet datasets")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--workers", type=_positive, default=1, metavar="N",
                       help="local processes analysing chunks (default: 1)")
    where.add_argument("--scheduler", metavar="ADDRESS", default=None,
                       help="run on a Dask cluster: the scheduler's address, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--layers", type=_layers, default=DEFAULT_LAYERS, metavar="LIST",
                   help=f"comma-separated, from {','.join(LAYERS)} (default: {','.join(DEFAULT_LAYERS)})")
    p.add_argument("--chunk-size", type=_positive, default=DEFAULT_CHUNK_SIZE, metavar="N",
                   help=f"articles per chunk and Parquet part (default: {DEFAULT_CHUNK_SIZE})")
    p.add_argument("--resume", action="store_true", help="continue a run in OUT_DIR, skipping parts already written")
    p.add_argument("--input-format", choices=("story", "jsonl", "csv", "parquet"), default=None,
                   help="format of INPUT (default: from its name)")
    p.add_argument("--id-column", default="article_id", metavar="NAME", help="column of article ids")
    p.add_argument("--outlet-column", default="outlet", metavar="NAME", help="column of outlet names")
    p.add_argument("--text-column", default="text", metavar="NAME", help="column of article texts")
    p.add_argument("--column", type=_column_pair, action="append", metavar="FIELD=NAME",
                   help="read another field from a column of another name, e.g. published=date (repeatable)")
    p.add_argument("--codebook", metavar="PATH", action="append", default=None, help=codebook_help)
    p.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")
    p.set_defaults(func=_cmd_batch)


def _cmd_report(args: argparse.Namespace) -> int:
    from analysis.present import report  # imported here: nbconvert is slow to import

    # --skip-invalid changes nothing: a report always skips invalid files and lists them
    return report.run_report(args.corpus_dir, args.out, lesson=args.lesson)


def _cmd_new_story(args: argparse.Namespace) -> int:
    from analysis.io.new_story import create_story

    for path in create_story(args.story_dir, args.files, args.outlet):
        print(path)
    return EXIT_OK


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not value > 0 or math.isinf(value):
        raise argparse.ArgumentTypeError(f"expected a number of seconds above 0, not {text!r}")
    return value


def _cmd_add(args: argparse.Namespace) -> int:
    from analysis.io.ingest import add_articles, describe  # imported here: only `add` reads web pages

    out, err = describe(add_articles(args.story_dir, args.sources, args.outlet, timeout=args.timeout))
    for line in err:
        print(line, file=sys.stderr)
    for line in out:
        print(line)
    return EXIT_OK


def _table_parser(
    sub: argparse._SubParsersAction, name: str, help_text: str, default_format: str = "csv"
) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help_text, description=help_text)
    p.add_argument("corpus_dir", metavar="CORPUS_DIR", help="story folder, e.g. corpus/askmoreofhim")
    p.add_argument("--format", choices=FORMATS, default=default_format,
                   help=f"output format (default: {default_format})")
    p.add_argument("--out", metavar="FILE", default=None, help="write to FILE instead of stdout")
    p.add_argument(
        "--skip-invalid", action="store_true",
        help="skip invalid files (listed on stderr) instead of stopping at the first one",
    )
    p.add_argument(
        "--keep-formulas", action="store_true",
        help="in CSV, write text cells that start with = + - @ as they are (by default they get a leading "
             "apostrophe so that a spreadsheet shows them as text instead of running them)",
    )
    return p


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``python -m analysis``."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Readability, quote and framing metrics for a folder of news articles.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    p = _table_parser(sub, "metrics", "one row per article (or outlet) with length and readability")
    p.add_argument("--by", choices=BY_OPTIONS, default="article",
                   help="row unit; outlet rows pool counts across articles (default: article)")
    p.add_argument("--unmarked-as-quoted", action="store_true", help=UNMARKED_HELP)
    p.set_defaults(func=_cmd_metrics)
    p = _table_parser(sub, "quotes", "one row per quoted span with speaker, verb and verb class")
    p.set_defaults(func=_cmd_quotes)
    p = _table_parser(sub, "speakers", "one row per article and speaker; people named but never quoted")
    p.set_defaults(func=_cmd_speakers)
    codebook_help = ("another codebook YAML file, after the generic and the story codebook "
                     "(repeatable; see analysis/data/codebooks/README.md)")
    p = _table_parser(sub, "frames", "one row per article, codebook frame and voice: cue counts and shares")
    p.add_argument("--by", choices=BY_OPTIONS, default="article",
                   help="row unit; outlet rows pool counts across articles (default: article)")
    p.add_argument("--codebook", metavar="PATH", action="append", default=None, help=codebook_help)
    p.add_argument("--unmarked-as-quoted", action="store_true", help=UNMARKED_HELP)
    p.set_defaults(func=_cmd_frames)
    p = _table_parser(sub, "annotations", "every span every analyzer counted (sentences, quotes, "
                      "speakers, verbs, frame cues, stance markers, actors...)")
    p.add_argument("--codebook", metavar="PATH", action="append", default=None, help=codebook_help)
    p.set_defaults(func=_cmd_annotations)
    from analysis.compare.story import COMPARE_TABLES

    p = _table_parser(sub, "compare", "shared passages of a common source, what each outlet kept, "
                      "distinctive terms and similarity (one JSON object)", default_format="json")
    p.set_defaults(func=_cmd_compare)
    for action in p._actions:
        if action.dest == "format":  # compare also writes every table as Parquet into a folder
            action.choices = (*FORMATS, "parquet")
            action.help = "json (default), csv (one --table) or parquet (every table into the folder --out DIR)"
    p.add_argument("--table", choices=COMPARE_TABLES, default="selection",
                   help="with --format csv: the table to write (default: selection)")
    p.add_argument("--detail", action="store_true",
                   help="JSON: every record (every occurrence of every passage, every article x passage) "
                        "even for a story of more than 45 articles, where the default is a summary")
    p.add_argument("--neighbours", type=int, default=None, metavar="K",
                   help="similarity: each article's K most similar articles instead of every pair "
                        "(default: every pair up to 45 articles, else 5)")
    p.add_argument("--by", choices=("article", "outlet"), default=None,
                   help="distinctive terms of each article or each outlet against the rest "
                        "(default: article up to 45 articles, else outlet)")
    p.add_argument("--voice", choices=("all", "own", "quoted"), default="all",
                   help="words compared for distinctive terms (default: all)")
    p.add_argument("--min-count", type=_non_negative, default=2, metavar="N",
                   help="minimum uses of a distinctive term (default: 2)")
    p.add_argument("--top", type=int, default=20, metavar="N",
                   help="distinctive terms kept per article or outlet (default: 20)")
    p.add_argument("--keep-function-words", action="store_true",
                   help="list function words ('a', 'our', 'from') among distinctive terms too "
                        "(default: counted but not listed)")
    p.add_argument("--weak-min-count", type=_non_negative, default=3, metavar="N",
                   help="when the evidence is weak (a group or the rest under 10,000 words), list only terms used "
                        "at least N times, or --min-count if larger; 0 turns this off (default: 3)")
    _add_batch_parser(sub, codebook_help)
    p = sub.add_parser(
        "evaluate", help="measure the quote and reported-speech extractor on a hand-annotated gold set",
        description="Run the extractor on a gold set's articles and print direct-quote precision, recall "
        "and F1 at 0.3 and 0.8 overlap, speaker and cue accuracy, reported-speech figures and person- and "
        "source-typing precision and recall, overall and per phenomenon, outlet, format and story type "
        "(protocol: README, Measured accuracy).",
    )
    p.add_argument("gold_dir", metavar="GOLD_DIR",
                   help="a gold half (articles/ and spans/) or a set with dev/ and test/, e.g. gold/speech/test")
    p.add_argument("--format", choices=("text", "json", "csv"), default="text",
                   help="text (default) or the tidy results table as JSON or CSV")
    p.add_argument("--out", metavar="FILE", default=None, help="write to FILE instead of stdout")
    p.add_argument("--peers", action="store_true",
                   help="also measure a naive mark-pairing baseline and, where installed, textacy")
    p.set_defaults(func=_cmd_evaluate)
    p = sub.add_parser(
        "evaluate-frames", help="measure a codebook's frame cues on a hand-coded frame gold set",
        description="Run the generic codebook's matcher on every coded article and print cue precision "
        "(a cue is correct when its sentence is coded with its frame) and sentence-level precision, recall "
        "and F1 per frame (protocol: analysis/evaluate/frame_eval.py, README).",
    )
    p.add_argument("gold_dir", metavar="GOLD_DIR",
                   help="a frame gold half (<article_id>.yml files) or a folder with dev/ and test/, e.g. gold/frames/dev")
    p.add_argument("--format", choices=("text", "json", "csv"), default="text",
                   help="text (default), JSON (per-frame table and every cue) or CSV (per-frame table)")
    p.add_argument("--codebook", metavar="PATH", default=None,
                   help="a codebook coded by the same frame ids (default: the generic codebook)")
    p.add_argument("--out", metavar="FILE", default=None, help="write to FILE instead of stdout")
    p.set_defaults(func=_cmd_evaluate_frames)
    p = sub.add_parser(
        "report", help="render the notebooks to offline HTML reports for a story (lenient)",
        description="Render every notebook for a story into offline HTML. Invalid files are "
        "skipped and listed; with no valid article the exit status is 2.",
    )
    p.add_argument("corpus_dir", metavar="CORPUS_DIR", nargs="?", default=None,
                   help="story folder (default: the starter story)")
    p.add_argument("--out", metavar="DIR", default=None, help="output folder (default: reports/)")
    p.add_argument("--skip-invalid", action="store_true",
                   help="accepted like every command's; a report always skips invalid files and lists them")
    p.add_argument("--lesson", action=argparse.BooleanOptionalAction, default=None,
                   help="also render the lesson's printable pack and workbook, blank and solved "
                   "(default: only for the starter story)")
    p.set_defaults(func=_cmd_report)
    p = sub.add_parser(
        "new-story", help="turn pasted article texts into a story folder",
        description="Write one article file with front matter to fill in per text file. "
        "Never overwrites a file.",
    )
    p.add_argument("story_dir", metavar="DIR", help="story folder to create or add to")
    p.add_argument("files", metavar="FILE.txt", nargs="+", help="plain-text article files")
    p.add_argument("--outlet", action="append", default=None,
                   help="outlet name for each file, in order (default: the file name)")
    p.set_defaults(func=_cmd_new_story)
    p = sub.add_parser(
        "add", help="add articles from saved web pages or web addresses to a story folder",
        description="Take the article out of each web page (a saved .html file or an http(s):// address, "
        "downloaded once with a timeout and a size limit) and write one article file with its title, author, "
        "date, address and a 'retrieved' time. Never overwrites a file; an article already in the folder "
        "is skipped as a duplicate; doubtful extractions are reported and noted. Only web addresses use "
        "the network.",
    )
    p.add_argument("story_dir", metavar="STORY_DIR", help="story folder to create or add to")
    p.add_argument("sources", metavar="SOURCE", nargs="+", help="a saved web page (.html) or an http(s):// address")
    p.add_argument("--outlet", action="append", default=None,
                   help="outlet name for each SOURCE, in order (default: the site name the page gives)")
    p.add_argument("--timeout", type=_seconds, default=None, metavar="SECONDS",
                   help="seconds the whole download of one page may take: connecting, headers and body (default: 30)")
    p.set_defaults(func=_cmd_add)
    return parser


class _StderrHandler(logging.StreamHandler):
    """A stream handler that always writes to the current ``sys.stderr``."""

    @property  # type: ignore[override]
    def stream(self):  # noqa: D102
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:  # noqa: D102
        pass


def _log_warnings_to_stderr() -> None:
    """Show the package's warnings (not third-party log noise) as 'warning: ...' lines."""
    log = logging.getLogger("analysis")
    if not any(isinstance(h, _StderrHandler) for h in log.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("warning: %(message)s"))
        log.addHandler(handler)
    log.setLevel(logging.WARNING)  # every run, whatever an earlier call in this process set


def _check_out(args: argparse.Namespace) -> None:
    """Refuse an ``--out`` that would write an article file into the story folder."""
    out, corpus_dir = getattr(args, "out", None), getattr(args, "corpus_dir", None)
    if out in (None, "-") or corpus_dir is None:
        return
    target = Path(out)
    if target.suffix.lower() == ".md" and target.resolve().parent == Path(corpus_dir).resolve():
        raise InputError(
            target, "--out would write a .md file into the story folder (the corpus is never "
            "written to); choose another folder or file name",
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    _log_warnings_to_stderr()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: usage errors exit 2, --help/--version exit 0
        return int(exc.code or 0)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        _check_out(args)
        return func(args)
    except InputError as err:
        print(f"error: {err.one_line()}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # the system refused (a full disk, no permission): one line, not a traceback
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{' '.join((exc.strerror or str(exc)).split())}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_FAILURE

