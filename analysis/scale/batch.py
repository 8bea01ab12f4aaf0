"""Corpus-scale runs: the per-article analysis over millions of articles.

``python -m analysis batch INPUT --out OUT_DIR`` (or :func:`run_batch`) reads
a story folder, a JSON Lines, CSV or Parquet file of articles in chunks,
analyses every article with the same functions the ``metrics``, ``frames``
and ``annotations`` commands use, and writes one Parquet part per chunk:

``OUT_DIR/metrics/part-NNNNNN.parquet``
    One row per article, the columns of ``metrics`` (same values).
``OUT_DIR/frames/``
    One row per article, codebook frame and voice, the columns of ``frames``.
``OUT_DIR/annotations/``
    Every span, the columns of ``annotations`` (only with the ``annotations`` layer).
``OUT_DIR/articles/``
    The metadata of every analysed article (:data:`analysis.io.batch_io.ARTICLE_BATCH_COLUMNS`).
``OUT_DIR/errors/`` and ``OUT_DIR/errors.csv``
    Every record that was skipped, with the reason (:data:`analysis.io.batch_io.ERROR_COLUMNS`).
``OUT_DIR/batch.json``
    What produced the folder: input, fingerprint, settings, status and totals.

The run is lenient: a record that cannot be used (malformed JSON, no text, a
duplicate id...) goes to the errors table and the run goes on; so does an
article on which an analyzer fails. Chunks are analysed by one process, by
``workers`` local processes or by the workers of a Dask cluster
(``scheduler``); the results are written in input order by this process, so
the output is the same whichever runs it. A part is written under a temporary
name and renamed; ``resume=True`` skips the parts already written. Memory
stays flat: a bounded number of chunks is in flight at any time; only the set
of article ids seen (for the duplicate check) grows, by about 100 bytes per
article.

Per-article analysis is independent per article, so batch does not offer what
needs the whole corpus (``--unmarked-as-quoted``, outlet rows, comparisons):
compute those from the output tables or with the story commands.

Dask, pyarrow and tqdm come with the optional extra ``pip install .[scale]``;
they are imported only when a batch runs.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import __version__
from analysis.io import batch_io as bio
from analysis.io.corpus import Article, Story
from analysis.core.errors import InputError, quiet_warnings
from analysis.metrics import QUOTE_COLUMNS, VOICE_PREFIXES, metrics_table
from analysis.pipeline import ArticleAnalysis, analyse_article
from analysis.text.readability import READABILITY_COLUMNS
from analysis.framing.stance import STANCE_COLUMNS
from analysis.framing.tone import TONE_COLUMNS

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "DEFAULT_LAYERS",
    "LAYERS",
    "BatchConfig",
    "MissingExtraError",
    "BatchSummary",
    "ChunkResult",
    "ChunkTask",
    "layer_columns",
    "parse_layers",
    "process_chunk",
    "run_batch",
]

LAYERS: tuple[str, ...] = ("readability", "quotes", "tone", "stance", "frames", "annotations")
"""Analysis layers a batch can compute (``--layers``)."""

DEFAULT_LAYERS: tuple[str, ...] = ("readability", "quotes", "tone", "stance", "frames")
"""Layers computed by default: everything but the (large) annotations table."""

DEFAULT_CHUNK_SIZE = 250
"""Articles per chunk, and so per Parquet part."""

def parse_layers(text: str | Sequence[str]) -> tuple[str, ...]:
    """Layers from ``"readability,quotes"`` or a sequence, in :data:`LAYERS` order.

    Raises
    ------
    ValueError
        For an unknown or missing layer, listing the valid ones.
    """
    items = [x.strip() for x in (text.split(",") if isinstance(text, str) else text) if x.strip()]
    unknown = [x for x in items if x not in LAYERS]
    if unknown or not items:
        what = f"unknown layer {unknown[0]!r}" if unknown else "no layer given"
        raise ValueError(f"{what}; valid layers: {', '.join(LAYERS)}")
    return tuple(x for x in LAYERS if x in items)


def layer_columns(layer: str) -> list[str]:
    """The ``metrics`` columns a layer fills (empty for ``frames`` and ``annotations``).

    Raises
    ------
    ValueError
        For an unknown layer, listing the valid ones.
    """
    voiced = {"readability": READABILITY_COLUMNS, "tone": TONE_COLUMNS, "stance": STANCE_COLUMNS}
    if layer in voiced:
        return [prefix + c for prefix in VOICE_PREFIXES.values() for c in voiced[layer]]
    if layer == "quotes":
        return list(QUOTE_COLUMNS)
    if layer in ("frames", "annotations"):
        return []
    raise ValueError(f"unknown layer {layer!r}; valid layers: {', '.join(LAYERS)}")


# ------------------------------------------------------------------ the work of one chunk


@dataclass(frozen=True)
class BatchConfig:
    """What every chunk of one run needs (sent with each task; picklable).

    Attributes
    ----------
    kind : str
        Input format.
    source : Path
        Story folder or input file.
    columns : ColumnMap
    layers : tuple of str
    corpus_sha256 : str
        Written into every row.
    codebooks : tuple of Codebook
        For the frames and annotations layers.
    people : StoryPeople or None
        The story's people.yml, for annotations.
    """

    kind: str
    source: Path
    columns: bio.ColumnMap
    layers: tuple[str, ...]
    corpus_sha256: str
    codebooks: tuple = ()
    people: Any = None


@dataclass(frozen=True)
class ChunkTask:
    """One chunk of records to analyse; ``index`` is its part number."""

    index: int
    records: tuple
    config: BatchConfig


@dataclass
class ChunkResult:
    """What a worker sends back for one chunk.

    Attributes
    ----------
    index : int
        Part number.
    n_records : int
    articles : list of (str, int, int or None, str, str)
        For each analysed article, in order: case-folded id, record, line,
        source and article id (for the duplicate check across chunks).
    n_words : int
    files : dict
        Dataset name -> Parquet bytes (metrics, articles, frames, annotations).
    errors : list of dict
        Skipped records (:data:`analysis.io.batch_io.ERROR_COLUMNS`, without provenance).
    """

    index: int
    n_records: int
    articles: list[tuple[str, int, int | None, str, str]]
    n_words: int
    files: dict[str, bytes]
    errors: list[dict[str, Any]] = field(default_factory=list)


_PROBE_TEXT = (
    "The council approved the bridge budget on Monday after a long debate about its cost.\n\n"
    "\u201cWe may have to wait, but it is clearly the right decision,\u201d said Mayor Ana Ruiz. "
    "Critics called the plan a failure and said the families who live nearby were never asked.\n"
)


@lru_cache(maxsize=1)
def _probe_schemas() -> dict[str, Any]:
    """Arrow schemas of the metrics, frames and annotations tables, from one probe article.

    The types are those the story commands produce (counts int64, scores
    float64, the rest strings), so every part has the same schema even when a
    chunk happens to hold only empty values in a column.
    """
    from analysis.annotations import annotations_table
    from analysis.framing.codebook import generic_codebook
    from analysis.framing.frames import frames_table

    books = [generic_codebook()]
    article = Article("probe", "Probe", Path("probe.md"), _PROBE_TEXT, {"outlet": "Probe"})
    a = analyse_article(article)
    with quiet_warnings():
        m = metrics_table(Story(Path("."), (), corpus_sha256=""), "article", [a])
    return {
        "metrics": bio.schema_from_frame(m),
        "frames": bio.schema_from_frame(frames_table([a], books)),
        "annotations": bio.schema_from_frame(annotations_table([a], books)),
    }


def _prepare(a: ArticleAnalysis, layers: Sequence[str]) -> ArticleAnalysis:
    """The analysis with the lazy parts the layers need computed (so a failure shows here).

    A layer left out is not computed: the returned analysis has it preset to
    "nothing found" (:meth:`ArticleAnalysis.with_presets`), and its columns
    are emptied afterwards.
    """
    full = "annotations" in layers  # the annotations table shows every layer's spans
    tone = "tone" in layers or full
    stance = "stance" in layers or full
    if not (tone and stance):
        a = a.with_presets(
            tones=None if tone else (0.0,) * a.document.n_sentences,
            stance=None if stance else (),
        )
    a.layout  # noqa: B018 - voice layout, used by every layer
    a.unscored_reason  # noqa: B018
    if tone:
        a.sentence_tones  # noqa: B018
    if stance:
        a.stance  # noqa: B018
    return a


def _per_article(build: Callable[[list], pd.DataFrame], analyses: list) -> tuple[pd.DataFrame, dict[str, str]]:
    """``build(analyses)``; if it raises, build article by article and report the failures."""
    try:
        return build(analyses), {}
    except Exception:  # noqa: BLE001 - find the article at fault, keep the others
        frames, failed = [], {}
        for a in analyses:
            try:
                frames.append(build([a]))
            except Exception as exc:  # noqa: BLE001
                failed[a.article.article_id] = _failure(exc)
        ok = [f for f in frames if len(f)]
        return (pd.concat(ok, ignore_index=True) if ok else build([])), failed


def _failure(exc: BaseException) -> str:
    return f"analysis failed ({type(exc).__name__}: {' '.join(str(exc).split())[:200]}); please report it"


def process_chunk(task: ChunkTask) -> ChunkResult:
    """Parse and analyse one chunk of records; return its tables as Parquet bytes.

    Runs in a worker (this process, a local worker process or a Dask worker);
    pure: the same task always gives the same result, so a task can be run
    again after its worker died. Records that cannot be parsed, repeated ids
    within the chunk and articles an analyzer fails on become error rows.
    """
    cfg = task.config
    errors: list[dict[str, Any]] = []
    kept: list[tuple[Article, int, int | None]] = []
    seen: set[str] = set()
    with quiet_warnings():
        for record in task.records:
            position, line = record[0], record[1]
            source = (cfg.source / record[2]).as_posix() if cfg.kind == "story" else cfg.source.as_posix()
            try:
                article = bio.parse_record(cfg.kind, record, cfg.source, cfg.columns)
            except bio.RecordError as err:
                errors.append(_error(task.index, position, err.line, source, err.article_id, err.reason))
                continue
            key = article.article_id.casefold()
            if key in seen:
                errors.append(_error(task.index, position, line, source, article.article_id,
                                     _duplicate(article.article_id)))
                continue
            seen.add(key)
            kept.append((article, position, line))
        analyses, placed = [], {}
        for article, position, line in kept:
            try:
                a = _prepare(analyse_article(article), cfg.layers)
            except Exception as exc:  # noqa: BLE001 - one bad article never stops a run
                errors.append(_error(task.index, position, line, _source(cfg, article), article.article_id,
                                     _failure(exc)))
                continue
            analyses.append(a)
            placed[article.article_id] = (position, line)
        files, failed = _tables(analyses, cfg)
    for aid, reason in failed.items():
        position, line = placed[aid]
        errors.append(_error(task.index, position, line, _source(cfg, next(
            a.article for a in analyses if a.article.article_id == aid)), aid, reason))
    good = [a for a in analyses if a.article.article_id not in failed]
    articles = [
        (a.article.article_id.casefold(), placed[a.article.article_id][0], placed[a.article.article_id][1],
         _source(cfg, a.article), a.article.article_id)
        for a in good
    ]
    files["articles"] = bio.encode_table(bio.articles_table(
        [(a.article, placed[a.article.article_id][0]) for a in good], cfg.corpus_sha256))
    return ChunkResult(task.index, len(task.records), articles, sum(a.document.n_words for a in good), files, errors)


def _source(cfg: BatchConfig, article: Article) -> str:
    return article.path.as_posix() if cfg.kind == "story" else cfg.source.as_posix()


def _duplicate(article_id: str) -> str:
    return (f"duplicate article id {article_id!r}: an earlier record has it (ids are compared "
            "ignoring case); only the first is analysed")


def _error(part: int, record: int, line: int | None, source: str, article_id: str | None, reason: str) -> dict:
    return {"part": part, "record": record, "line": line, "source": source, "article_id": article_id,
            "reason": reason}


def _tables(analyses: list, cfg: BatchConfig) -> tuple[dict[str, bytes], dict[str, str]]:
    """The metrics (and frames, annotations) tables of a chunk, as Parquet bytes."""
    schemas = _probe_schemas()
    story = Story(cfg.source, (), corpus_sha256=cfg.corpus_sha256)
    empty = [c for layer in LAYERS if layer not in cfg.layers for c in layer_columns(layer)]

    def metrics(items: list) -> pd.DataFrame:
        df = metrics_table(story, "article", items)
        for c in empty:
            df[c] = float("nan")
        return df

    builders: dict[str, Callable[[list], pd.DataFrame]] = {"metrics": metrics}
    if "frames" in cfg.layers:
        from analysis.framing.frames import frames_table

        builders["frames"] = lambda items: frames_table(items, cfg.codebooks, cfg.corpus_sha256, by="article")
    if "annotations" in cfg.layers:
        from analysis.annotations import annotations_table

        builders["annotations"] = lambda items: annotations_table(items, cfg.codebooks, cfg.people, cfg.corpus_sha256)
    frames: dict[str, pd.DataFrame] = {}
    failed: dict[str, str] = {}
    for name, build in builders.items():
        frames[name], bad = _per_article(build, [a for a in analyses if a.article.article_id not in failed])
        failed.update(bad)
    if failed:  # an article that failed in one table leaves every table
        for name, df in frames.items():
            frames[name] = df[~df["article_id"].isin(list(failed))].reset_index(drop=True)
    files = {name: bio.encode_table(bio.table_from_frame(df, schemas[name])) for name, df in frames.items()}
    return files, failed


# ------------------------------------------------------------------ running chunks


class _Done:
    """A finished result with the interface of a future."""

    def __init__(self, value: Any) -> None:
        self._value = value

    def result(self) -> Any:
        return self._value


def _ordered(
    submit: Callable[[ChunkTask], Any],
    tasks: Iterable[ChunkTask],
    window: int,
    check: Callable[[], None] | None = None,
) -> Iterator[ChunkResult]:
    """Submit tasks keeping at most ``window`` in flight; yield results in task order.

    With ``check``, waiting for a result is done in steps of half a second,
    calling ``check()`` between them (it raises when a worker died), so a dead
    worker ends the run even if the pool itself never reports it.
    """
    def result(future: Any) -> ChunkResult:
        if check is None:
            return future.result()
        while True:
            try:
                return future.result(timeout=0.5)
            except TimeoutError:
                check()

    pending: deque = deque()
    for task in tasks:
        pending.append(submit(task))
        while len(pending) >= window:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


def _warm_up() -> None:
    """Load what every article needs (pronouncing dictionary, VADER, lexicons, codebook, schemas).

    Analysing the probe article (:func:`_probe_schemas`) loads them all into
    this process's caches; a worker that starts warm analyses its first chunk
    as fast as its last.
    """
    _probe_schemas()


def _start_method() -> str:
    """How worker processes start: ``fork`` or ``spawn``.

    ``fork`` (workers inherit the imported package and its loaded data) on
    Linux when this process runs a single thread; ``spawn`` elsewhere, and
    when other threads run here (a notebook kernel's, a test runner's): a
    forked child could inherit a lock one of them holds.
    """
    import multiprocessing
    import threading

    if (sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1):
        return "fork"
    return "spawn"


class _LocalPool:
    """``workers`` local processes that start warm.

    On Linux the dictionaries and lexicons are loaded once in this process
    (:func:`_warm_up`) and the workers are forked from it at once, before any
    other thread is started here (the progress bar's, the pool's own), so
    they start with the package imported and its data loaded (shared with
    this process until written to). Elsewhere they are spawned and load the
    data in their initializer, before their first chunk.

    A worker that dies (killed, out of memory) stops the run with
    BrokenProcessPool, reported by the pool or found by :meth:`check`; the
    other workers are then killed rather than waited for, so nothing hangs,
    and ``--resume`` continues from the parts already written.
    """

    def __init__(self, workers: int) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        method = _start_method()
        if method == "fork":
            _warm_up()
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method),
                                        initializer=_warm_up)
        if method == "fork":
            # a fork-context pool starts all its workers at the first submit: do it now, while
            # this process runs no other thread
            self.pool.submit(int).result()

    def submit(self, task: ChunkTask) -> Any:
        return self.pool.submit(process_chunk, task)

    def _processes(self) -> list:
        return list((getattr(self.pool, "_processes", None) or {}).values())

    def check(self) -> None:
        from concurrent.futures.process import BrokenProcessPool

        for p in self._processes():
            if p.exitcode is not None:
                raise BrokenProcessPool(f"worker process {p.pid} ended (exit code {p.exitcode})")

    def close(self, failed: bool) -> None:
        if not failed:
            self.pool.shutdown(wait=True)
            return
        processes = self._processes()
        self.pool.shutdown(wait=False, cancel_futures=True)
        for p in processes:
            if p.exitcode is None:
                p.kill()
        for p in processes:
            p.join(timeout=10)


@contextlib.contextmanager
def _executor(workers: int, scheduler: Any) -> Iterator[tuple[Callable[[ChunkTask], Any], int, str, Any]]:
    """(submit, window, description, check) for this process, a process pool or a Dask cluster."""
    if scheduler is not None:
        try:
            from distributed import Client
        except ImportError:
            raise _missing_extra("dask.distributed") from None
        own = not isinstance(scheduler, Client)
        try:
            client = Client(scheduler, timeout="10s") if own else scheduler
        except (OSError, TimeoutError) as exc:
            raise InputError(Path("--scheduler"), f"cannot reach a Dask scheduler at {scheduler} ({exc})") from None
        run = uuid.uuid4().hex[:8]
        try:
            threads = max(1, sum(client.nthreads().values()))

            def submit(task: ChunkTask):
                # the records travel inside the task, so a task whose worker died
                # can be run again elsewhere (scattered data would die with it)
                return client.submit(process_chunk, task, key=f"analysis-batch-{run}-{task.index:06d}",
                                     pure=False, retries=2)

            # a worker that dies is Dask's to handle: its tasks run again elsewhere
            yield submit, 2 * threads, f"Dask at {client.scheduler.address} ({threads} threads)", None
        finally:
            if own:
                client.close()
        return
    if workers <= 1:
        yield (lambda task: _Done(process_chunk(task))), 1, "1 process", None
        return
    pool = _LocalPool(workers)
    try:
        # four chunks per worker in flight: a slow chunk at the head of the (ordered) queue
        # does not leave the other workers without work while its result is awaited
        yield pool.submit, 4 * workers, f"{workers} processes", pool.check
    except BaseException:
        pool.close(failed=True)
        raise
    pool.close(failed=False)


class MissingExtraError(RuntimeError):
    """A package of the optional ``scale`` extra is not installed."""


def _missing_extra(what: str) -> MissingExtraError:
    return MissingExtraError(f"batch needs {what}, from the optional 'scale' extra: pip install -e '.[scale]'")


# ------------------------------------------------------------------ the run


@dataclass(frozen=True)
class BatchSummary:
    """What a run wrote (totals over the whole output folder, resumed parts included).

    Attributes
    ----------
    out_dir : Path
    n_records, n_articles, n_errors, n_words, n_parts : int
    n_parts_skipped : int
        Parts already present (``resume``) and not computed again.
    seconds : float
        Wall time of this run.
    corpus_sha256 : str
    executor : str
        Who analysed the chunks.
    """

    out_dir: Path
    n_records: int
    n_articles: int
    n_errors: int
    n_words: int
    n_parts: int
    n_parts_skipped: int
    seconds: float
    corpus_sha256: str
    executor: str

    def line(self) -> str:
        """A one-line summary for the terminal."""
        skipped = f", {self.n_parts_skipped} parts already present" if self.n_parts_skipped else ""
        parts = "part" if self.n_parts == 1 else "parts"
        return (f"{self.n_articles:,} articles ({self.n_words:,} words) in {self.n_parts} {parts}, "
                f"{self.n_errors:,} records skipped{skipped}, {self.seconds:.1f} s with {self.executor}: "
                f"{self.out_dir}")


def _check_out_dir(out: Path, source: Path, resume: bool, identity: Mapping[str, Any]) -> bool:
    """Create or check the output folder; return True when a run is being resumed."""
    if out.exists() and not out.is_dir():
        raise InputError(out, "is a file; --out names the folder the Parquet datasets go into")
    src = source.resolve()
    if source.is_dir() and (out.resolve() == src or src in out.resolve().parents):
        raise InputError(out, "is inside the story folder (the corpus is never written to); choose another folder")
    if not out.exists():
        if not out.parent.exists():
            raise InputError(out.parent, "output folder's parent does not exist; create it first")
        out.mkdir()
        return False
    manifest = bio.read_manifest(out)
    if manifest is None:
        if any(out.iterdir()):
            raise InputError(out, "is not empty and holds no batch output; choose a new or empty folder")
        return False
    if not resume:
        raise InputError(out, "already holds a batch output; add --resume to continue it, or choose a new folder")
    for key, value in identity.items():
        if manifest.get(key) != value:
            raise InputError(
                out, f"holds a batch of another run ({key} was {manifest.get(key)!r}, now {value!r}); "
                "--resume continues only the same input with the same settings",
            )
    return True


def _seen_ids(out: Path, parts: Iterable[int]) -> set[str]:
    import pyarrow.parquet as pq

    seen: set[str] = set()
    for i in sorted(parts):
        table = pq.read_table(bio.part_path(out, "metrics", i), columns=["article_id"])
        seen.update(x.casefold() for x in table.column("article_id").to_pylist())
    return seen


def _drop_duplicates(result: ChunkResult, seen: set[str]) -> dict[str, bytes]:
    """Remove articles whose id an earlier part holds; they become error rows."""
    dups = {key for key, *_ in result.articles if key in seen}
    if not dups:
        return result.files
    import pyarrow as pa
    import pyarrow.compute as pc

    for key, record, line, source, aid in result.articles:
        if key in dups:
            result.errors.append(_error(result.index, record, line, source, aid, _duplicate(aid)))
    result.articles = [a for a in result.articles if a[0] not in dups]
    result.n_words = -1  # unknown now; totals are read back from the written parts
    files = {}
    for name, data in result.files.items():
        table = bio.decode_table(data)
        keep = pa.array([x.casefold() not in dups for x in table.column("article_id").to_pylist()], pa.bool_())
        files[name] = bio.encode_table(pc.filter(table, keep) if len(table) else table)
    return files


def _totals(out: Path) -> dict[str, int]:
    import pyarrow.parquet as pq

    n_articles = n_words = n_errors = 0
    parts = bio.dataset_parts(out, "metrics")
    for p in parts:
        col = pq.read_table(p, columns=["n_words"]).column("n_words")
        n_articles += len(col)
        n_words += int(sum(v for v in col.to_pylist() if v is not None))
    for p in bio.dataset_parts(out, "errors"):
        n_errors += pq.ParquetFile(p).metadata.num_rows
    return {"n_articles": n_articles, "n_words": n_words, "n_errors": n_errors, "n_parts": len(parts)}


def _progress_bar(total: int | None, show: bool | None):
    try:
        from tqdm import tqdm
    except ImportError:
        raise _missing_extra("tqdm") from None
    # show=None: only on a terminal (tqdm's own test of the stream); a terminal that
    # reports no size (a bare pseudo-terminal) gets 80 x 24, not a hidden bar
    size = shutil.get_terminal_size((80, 24))
    return tqdm(total=total, unit=" articles", file=sys.stderr, disable=None if show is None else not show,
                ncols=size.columns, nrows=size.lines, smoothing=0.05, mininterval=0.5)


def run_batch(
    source: str | Path,
    out_dir: str | Path,
    *,
    workers: int = 1,
    scheduler: Any = None,
    layers: str | Sequence[str] = DEFAULT_LAYERS,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    resume: bool = False,
    input_format: str | None = None,
    columns: bio.ColumnMap | None = None,
    codebooks: Sequence[str | Path] = (),
    progress: bool | None = None,
    on_part: Callable[[int, int], None] | None = None,
) -> BatchSummary:
    """Analyse every article of ``source`` and write Parquet datasets to ``out_dir``.

    Parameters
    ----------
    source : str or Path
        Story folder, or JSON Lines / CSV / Parquet file with columns
        ``article_id``, ``outlet``, ``text`` and any metadata.
    out_dir : str or Path
        Output folder: new, empty, or (``resume``) one this function wrote.
    workers : int, default 1
        Local processes analysing chunks (1: this process).
    scheduler : str or distributed.Client, optional
        Address of a Dask scheduler (``tcp://host:8786``) or a client; the
        chunks then run on its workers and ``workers`` is not used.
    layers : str or sequence of str, default :data:`DEFAULT_LAYERS`
        Which of :data:`LAYERS` to compute. Metrics columns of a layer left
        out stay empty (null), so the table keeps the ``metrics`` columns.
    chunk_size : int, default 250
        Records per chunk and per part. Part numbers depend on it, so a resumed
        run must use the same value.
    resume : bool, default False
        Continue a run in ``out_dir``: parts already written are skipped.
    input_format : str, optional
        ``story``, ``jsonl``, ``csv`` or ``parquet`` (default: from the path).
    columns : ColumnMap, optional
        Input column names of article_id, outlet, text and other fields.
    codebooks : sequence of path
        Codebooks after the generic one (and, for a story folder, the story's).
    progress : bool, optional
        Show a progress bar on stderr; default: only when stderr is a terminal.
    on_part : callable, optional
        Called as ``on_part(part_index, n_records_done)`` after each part is written.

    Returns
    -------
    BatchSummary

    Raises
    ------
    InputError
        Unusable input or output folder (the message names it).
    ValueError
        Unknown layer, format or a chunk size below 1.
    """
    from analysis.framing.actors import story_people
    from analysis.framing.codebook import load_codebooks

    started = time.perf_counter()
    layer_set = parse_layers(layers)
    if chunk_size < 1:
        raise ValueError(f"chunk size must be at least 1, not {chunk_size}")
    for module in ("pyarrow", "tqdm"):
        try:
            __import__(module)
        except ImportError:
            raise _missing_extra(module) from None
    src = Path(source)
    out = Path(out_dir)
    inp = bio.open_input(src, input_format, columns)
    story_root = src if inp.kind == "story" else None
    books = tuple(load_codebooks(story_root, inp.story_meta, codebooks))
    people = story_people(src) if inp.kind == "story" and "annotations" in layer_set else None
    identity = {
        "package_version": __version__, "input_format": inp.kind, "corpus_sha256": inp.corpus_sha256,
        "chunk_size": chunk_size, "layers": list(layer_set), "columns": inp.columns.as_dict(),
        "codebooks": [b.name for b in books],
    }
    # connect first: an unreachable scheduler leaves no output folder behind
    with _executor(workers, scheduler) as (submit, window, executor, check):
        resuming = _check_out_dir(out, src, resume, identity)
        bio.remove_temporary_files(out)
        done = bio.completed_parts(out) if resuming else set()
        bio.write_manifest(out, {**identity, "input": str(src.resolve()), "status": "running"})
        config = BatchConfig(inp.kind, src, inp.columns, layer_set, inp.corpus_sha256, books, people)
        seen = _seen_ids(out, done) if done else set()
        skipped = {"records": 0, "parts": 0}

        def tasks() -> Iterator[ChunkTask]:
            for index, records in enumerate(inp.chunks(chunk_size)):
                if index in done:
                    skipped["records"] += len(records)
                    skipped["parts"] += 1
                    continue
                yield ChunkTask(index, tuple(records), config)

        n_records = words = 0
        with contextlib.closing(_progress_bar(inp.total, progress)) as bar:
            for result in _ordered(submit, tasks(), window, check):
                files = _drop_duplicates(result, seen)
                seen.update(key for key, *_ in result.articles)
                errors = [{**e, "package_version": __version__, "corpus_sha256": inp.corpus_sha256}
                          for e in result.errors]
                files["errors"] = bio.encode_table(bio.errors_table(errors))
                bio.commit_part(out, result.index, files)
                n_records += result.n_records + skipped["records"]
                bar.update(result.n_records + skipped["records"])
                skipped["records"] = 0
                words += max(result.n_words, 0)
                bar.set_postfix_str(f"{words / max(time.perf_counter() - started, 1e-9):,.0f} words/s",
                                    refresh=False)
                if on_part is not None:
                    on_part(result.index, n_records)
    n_records += skipped["records"]
    bio.write_errors_csv(out)
    totals = _totals(out)
    seconds = time.perf_counter() - started
    bio.write_manifest(out, {
        **identity, "input": str(src.resolve()), "status": "complete", "n_records": n_records, **totals,
        "executor": executor, "seconds": round(seconds, 3),
    })
    return BatchSummary(out, n_records, totals["n_articles"], totals["n_errors"], totals["n_words"],
                        totals["n_parts"], skipped["parts"], seconds, inp.corpus_sha256, executor)
