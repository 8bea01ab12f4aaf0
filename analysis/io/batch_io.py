"""Input and output of the ``batch`` command: records in, Parquet parts out.

Input (:func:`open_input`) is a story folder, a JSON Lines file, a CSV file or
a Parquet file of articles. Records are read one at a time and grouped into
chunks of a fixed size, so chunk ``k`` always holds records ``k * size`` to
``(k + 1) * size - 1`` of the input whatever runs it: the part numbers of the
output depend only on the input and the chunk size, which is what makes
``--resume`` and the comparison of a Dask run with a local run possible.

A record becomes an :class:`analysis.io.corpus.Article` in :func:`parse_record`
(run by the workers). A record that cannot be used raises :class:`RecordError`
with the reason; the batch writes it to the errors table and goes on.

Output: one folder per dataset (``metrics``, ``frames``, ``annotations``,
``articles``, ``errors``) holding ``part-NNNNNN.parquet`` files, one per chunk,
each written under a hidden temporary name and renamed when complete
(:func:`commit_part`); ``metrics`` is renamed last, so a part whose metrics
file exists is complete. ``batch.json`` (the manifest) says what produced the
folder.

Every function that needs pyarrow imports it when called, so ``import
analysis`` works without the optional ``scale`` extra.
"""

from __future__ import annotations

import csv
import datetime as _dt
import hashlib
import io
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from analysis import __version__
from analysis.io.corpus import (
    KNOWN_FIELDS, MAX_FILE_BYTES, Article, is_article_name, normalise_meta, parse_article, parse_story_meta,
    read_article_bytes, read_story_file,
)
from analysis.core.errors import InputError, unknown_option
from analysis.core.files import atomic_file, write_atomically, write_temporary
from analysis.core.records import is_missing
from analysis.io.spreadsheet import neutralise_formulas

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "DATASETS",
    "ERROR_COLUMNS",
    "INPUT_FORMATS",
    "MANIFEST_NAME",
    "BatchInput",
    "OutputError",
    "ColumnMap",
    "Record",
    "RecordError",
    "article_files",
    "commit_part",
    "completed_parts",
    "detect_format",
    "encode_table",
    "file_sha256",
    "open_input",
    "parse_record",
    "part_path",
    "read_dataset",
    "read_manifest",
    "remove_temporary_files",
    "story_sha256",
    "table_from_frame",
    "write_manifest",
]

INPUT_FORMATS: tuple[str, ...] = ("story", "jsonl", "csv", "parquet")
"""Input formats; ``detect_format`` picks one from the path."""

SUFFIXES: dict[str, str] = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet",
}

DATASETS: tuple[str, ...] = ("errors", "articles", "frames", "annotations", "metrics")
"""Output datasets in the order a part's files are renamed into place (metrics last)."""

MANIFEST_NAME = "batch.json"
"""File in the output folder describing the run (input, settings, status, totals)."""

ERRORS_CSV = "errors.csv"
"""The errors table as one CSV file, written at the end of a run."""

PART_DIGITS = 6

ERROR_COLUMNS: tuple[str, ...] = (
    "part", "record", "line", "source", "article_id", "reason", "package_version", "corpus_sha256",
)
"""Columns of the errors table. Key: ``record``.

``record`` is the 1-based position of the record in the input (the n-th
article file of a story folder in name order, the n-th line of a JSON Lines
file, the n-th data row of a CSV or Parquet file); ``line`` is the line where
the problem is, when known (in the JSON Lines or CSV file, or in the article
file's front matter); ``source`` is the input file or the article file.
"""

ARTICLE_BATCH_COLUMNS: tuple[str, ...] = (
    "article_id", "outlet", "title", "author", "published", "url", "language", "role",
    "source_file", "notes", "path", "n_chars", "sha256", "record", "extra",
    "package_version", "corpus_sha256",
)
"""Columns of the ``articles`` dataset: :data:`analysis.io.corpus.ARTICLE_COLUMNS`,
then ``record`` (as in the errors table), ``extra`` (a JSON object of the
other metadata fields, or empty) and provenance. Key: ``article_id``."""


class RecordError(ValueError):
    """A record that cannot be analysed; ``reason`` says why.

    Parameters
    ----------
    reason : str
    line : int, optional
        Line of the problem, when known.
    article_id : str, optional
        The record's article id, when known.
    """

    def __init__(self, reason: str, line: int | None = None, article_id: str | None = None) -> None:
        self.reason = " ".join(reason.split())
        self.line = line
        self.article_id = article_id
        super().__init__(self.reason)


@dataclass(frozen=True)
class ColumnMap:
    """Which input column holds which article field.

    Attributes
    ----------
    article_id, outlet, text : str
        Input column names of the three required fields.
    other : tuple of (field, column)
        More renames, e.g. ``("published", "date")``.
    """

    article_id: str = "article_id"
    outlet: str = "outlet"
    text: str = "text"
    other: tuple[tuple[str, str], ...] = ()

    def field_of(self) -> dict[str, str]:
        """Input column -> article field, for every mapped column."""
        out = {column: name for name, column in self.other}
        out.update({self.article_id: "article_id", self.outlet: "outlet", self.text: "text"})
        return out

    def as_dict(self) -> dict[str, str]:
        """Article field -> input column (for the manifest)."""
        out = {"article_id": self.article_id, "outlet": self.outlet, "text": self.text}
        out.update(dict(self.other))
        return out


Record = tuple[int, "int | None", Any]
"""(position, line, payload): the 1-based position of the record in the input,
the line it starts on (JSON Lines, CSV) or None, and what the worker parses:
an article file's name (story), the line's bytes (JSON Lines) or a mapping of
column -> value (CSV, Parquet)."""


# ------------------------------------------------------------------ input


def detect_format(path: str | Path, input_format: str | None = None) -> str:
    """The input format of ``path``: a folder is a story, files go by suffix.

    Raises
    ------
    InputError
        When the path does not exist or the suffix is not known.
    ValueError
        For an unknown ``input_format``, listing the valid ones.
    """
    p = Path(path)
    if input_format is not None:
        if input_format not in INPUT_FORMATS:
            raise ValueError(unknown_option("input format", input_format, INPUT_FORMATS))
        if not p.exists():
            raise InputError(p, "no such file or folder")
        return input_format
    if not p.exists():
        raise InputError(p, "no such file or folder; give a story folder or a .jsonl, .csv or .parquet file")
    if p.is_dir():
        return "story"
    kind = SUFFIXES.get(p.suffix.lower())
    if kind is None:
        raise InputError(
            p, "unknown input type: give a story folder or a file ending in "
            f"{', '.join(sorted(SUFFIXES))} (or name the format with --input-format)",
        )
    return kind


def article_files(root: Path) -> list[str]:
    """Names of the article files of a story folder, sorted (the loader's rule).

    Entries named ``*.md`` other than README.md and hidden files, as
    :func:`analysis.io.corpus.load_story` lists them: whatever their type, so a
    folder, a named pipe or a broken link becomes an error row, not a silent
    gap. Names only, so a folder of a million files costs about 100 bytes per file.
    """
    names = []
    with os.scandir(root) as it:
        for entry in it:
            if is_article_name(entry.name):
                names.append(entry.name)  # whatever its type: a pipe or a broken link becomes an error row
    names.sort()
    return names


def _read_capped(path: Path) -> bytes:
    return read_article_bytes(path, path.parent)[0]


def story_sha256(root: Path, names: Sequence[str]) -> str:
    """The story fingerprint :func:`analysis.io.corpus.corpus_sha256` gives, read file by file.

    Same value as ``load_story(root).corpus_sha256`` (every article file read
    and ``story.yml``, in path order) without holding the files in memory.
    """
    rels = list(names)
    if os.path.lexists(root / "story.yml"):
        rels.append("story.yml")
    h = hashlib.sha256()
    for rel in sorted(rels):
        try:
            data = _read_capped(root / rel)
        except (OSError, InputError):  # not read by the loader either
            continue
        h.update(rel.encode("utf-8") + b"\0")
        h.update(hashlib.sha256(data).digest())
    return h.hexdigest()


def file_sha256(path: Path) -> tuple[str, int]:
    """sha256 of a file's bytes and its number of lines, read in 1 MiB blocks."""
    h = hashlib.sha256()
    lines = 0
    last = b"\n"
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            h.update(block)
            lines += block.count(b"\n")
            last = block[-1:]
    return h.hexdigest(), lines + (last != b"\n")


@dataclass
class BatchInput:
    """An opened input: its format, fingerprint and a record reader.

    Attributes
    ----------
    kind : str
        One of :data:`INPUT_FORMATS`.
    path : Path
        As given (story folder or file).
    corpus_sha256 : str
        The story fingerprint (story folder) or the sha256 of the file.
    total : int or None
        Number of records when known cheaply (for the progress bar's ETA).
    columns : ColumnMap
    story_meta : dict
        ``story.yml`` of a story folder (empty otherwise).
    names : list of str
        Article file names of a story folder (empty otherwise).
    """

    kind: str
    path: Path
    corpus_sha256: str
    total: int | None
    columns: ColumnMap = field(default_factory=ColumnMap)
    story_meta: dict[str, Any] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)

    def records(self) -> Iterator[Record]:
        """Every record of the input, in order, read lazily."""
        if self.kind == "story":
            for i, name in enumerate(self.names, start=1):
                yield (i, None, name)
        elif self.kind == "jsonl":
            yield from _jsonl_records(self.path)
        elif self.kind == "csv":
            yield from _csv_records(self.path)
        else:
            yield from _parquet_records(self.path)

    def chunks(self, size: int) -> Iterator[list[Record]]:
        """Records in lists of ``size`` (the last one shorter)."""
        if size < 1:
            raise ValueError(f"chunk size must be at least 1, not {size}")
        chunk: list[Record] = []
        for record in self.records():
            chunk.append(record)
            if len(chunk) == size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk


def open_input(path: str | Path, input_format: str | None = None, columns: ColumnMap | None = None) -> BatchInput:
    """Open an input for a batch run: check it, fingerprint it, count its records.

    Parameters
    ----------
    path : str or Path
        Story folder, JSON Lines, CSV or Parquet file.
    input_format : str, optional
        Overrides the format detected from the path.
    columns : ColumnMap, optional
        Input column names (default: ``article_id``, ``outlet``, ``text``).

    Returns
    -------
    BatchInput

    Raises
    ------
    InputError
        The path does not exist or cannot be read as that format; a story
        folder holds no article file; a CSV or Parquet file lacks a required
        column (the message lists the columns it has).
    """
    p = Path(path)
    kind = detect_format(p, input_format)
    columns = columns or ColumnMap()
    if kind == "story":
        if not p.is_dir():
            raise InputError(p, "is a file, not a story folder")
        names = article_files(p)
        if not names:
            raise InputError(p, "no article files (*.md) in this folder")
        meta: dict[str, Any] = {}
        story_file = read_story_file(p)
        if story_file is not None:
            meta = parse_story_meta(story_file, p / "story.yml")
        return BatchInput(kind, p, story_sha256(p, names), len(names), columns, meta, names)
    if p.is_dir():
        raise InputError(p, f"is a folder; a {kind} input is one file")
    try:
        digest, n_lines = file_sha256(p)
    except OSError as exc:
        raise InputError(p, f"cannot be read: {exc.strerror}") from None
    total: int | None = None
    if kind == "jsonl":
        total = n_lines  # an upper bound: blank lines are not records
    elif kind == "csv":
        _check_columns(p, _csv_header(p), columns)
    else:
        pf = _parquet_file(p)
        _check_columns(p, pf.schema_arrow.names, columns)
        total = pf.metadata.num_rows
    return BatchInput(kind, p, digest, total, columns)


def _check_columns(path: Path, header: Sequence[str], columns: ColumnMap) -> None:
    required = {"article_id": columns.article_id, "outlet": columns.outlet, "text": columns.text}
    missing = [f"{col!r}" + ("" if col == name else f" (for {name})") for name, col in required.items()
               if col not in header]
    if missing:
        option = {"article_id": "--id-column", "outlet": "--outlet-column", "text": "--text-column"}
        raise InputError(
            path, f"no column {', '.join(missing)}; its columns are: {', '.join(map(str, header)) or '(none)'}; "
            f"name the right ones with {', '.join(option.values())}",
        )


def _jsonl_records(path: Path) -> Iterator[Record]:
    with path.open("rb") as fh:
        for line_no, raw in enumerate(fh, start=1):
            if line_no == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            raw = raw.rstrip(b"\r\n")
            if not raw.strip():
                continue
            yield (line_no, line_no, raw)


def _open_csv(path: Path) -> io.TextIOWrapper:
    # undecodable bytes survive as lone surrogates, so one bad byte costs one
    # record (reported by parse_record), not the whole file
    return path.open("r", encoding="utf-8-sig", errors="surrogateescape", newline="")


def _csv_header(path: Path) -> list[str]:
    csv.field_size_limit(max(csv.field_size_limit(), 2 * MAX_FILE_BYTES))
    with _open_csv(path) as fh:
        try:
            header = next(csv.reader(fh), [])
        except csv.Error as exc:
            raise InputError(path, f"the CSV header cannot be read: {exc}", line=1) from None
    if len(set(header)) != len(header):
        dup = next(h for h in header if header.count(h) > 1)
        raise InputError(path, f"the CSV header names column {dup!r} twice", line=1)
    return header


def _csv_records(path: Path) -> Iterator[Record]:
    csv.field_size_limit(max(csv.field_size_limit(), 2 * MAX_FILE_BYTES))
    with _open_csv(path) as fh:
        reader = csv.reader(fh)
        header = next(reader, [])
        row_no = 0
        start = reader.line_num + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                row_no += 1
                yield (row_no, start, RecordError(f"malformed CSV: {exc}", line=start))
                start = reader.line_num + 1
                continue
            line = start
            start = reader.line_num + 1
            if not row:
                continue  # a blank line
            row_no += 1
            if len(row) != len(header):
                yield (row_no, line, RecordError(
                    f"malformed CSV: the row has {len(row)} fields, the header {len(header)}", line=line))
                continue
            yield (row_no, line, dict(zip(header, row)))


def _parquet_file(path: Path):
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(path)
    except Exception as exc:  # noqa: BLE001 - pyarrow raises several types for a damaged file
        raise InputError(path, f"cannot be read as Parquet: {' '.join(str(exc).split())[:160]}") from None


def _parquet_records(path: Path) -> Iterator[Record]:
    pf = _parquet_file(path)
    row_no = 0
    for batch in pf.iter_batches(batch_size=1024):
        for row in batch.to_pylist():
            row_no += 1
            yield (row_no, None, row)


# ------------------------------------------------------------------ records -> articles


def _absent(value: Any) -> bool:
    """A missing value (:func:`analysis.core.records.is_missing`) or an empty string."""
    return is_missing(value) or value == ""


_SURROGATE_ESCAPE_RE = re.compile("[\udc80-\udcff]")


def _undecodable(value: str) -> int | None:
    """The byte a CSV field could not decode (kept as a lone surrogate), or None."""
    m = _SURROGATE_ESCAPE_RE.search(value)
    return ord(m.group()) - 0xDC00 if m else None


def article_from_mapping(fields: Mapping[str, Any], columns: ColumnMap, source: Path) -> Article:
    """Build an Article from one record's fields (JSON object, CSV row, Parquet row).

    Raises
    ------
    RecordError
        No usable id, outlet or text; text that is empty, too long, holds a NUL
        character or bytes that are not UTF-8; metadata the loader would reject.
    """
    mapped = columns.field_of()
    targets = set(mapped.values())
    meta: dict[str, Any] = {}
    for key, value in fields.items():
        if key in mapped:
            name = mapped[key]
        elif key in targets:
            continue  # shadowed by a mapped column (e.g. 'text' when --text-column names 'body')
        else:
            name = key
        if isinstance(value, str):
            bad = _undecodable(value)
            if bad is not None:
                raise RecordError(f"not UTF-8: byte 0x{bad:02x} in column {key!r}; convert the file to UTF-8, "
                                  "e.g. iconv -f WINDOWS-1252 -t UTF-8")
        if name == "text" or not _absent(value):
            meta[name] = value
    raw_id = meta.get("article_id")
    article_id = None if raw_id is None or isinstance(raw_id, bool) else str(raw_id).strip()
    if isinstance(raw_id, float) or isinstance(raw_id, bool) or (raw_id is not None and not isinstance(raw_id, (str, int))):
        raise RecordError(f"the article id (column {columns.article_id!r}) must be text or a whole number, "
                          f"not {raw_id!r}")
    if not article_id:
        raise RecordError(f"no article id (column {columns.article_id!r})")
    text = meta.pop("text", None)
    if text is None:
        raise RecordError(f"no article text (column {columns.text!r})", article_id=article_id)
    if not isinstance(text, str):
        raise RecordError(f"the article text (column {columns.text!r}) must be a string, not {type(text).__name__}",
                          article_id=article_id)
    if len(text) > MAX_FILE_BYTES // 4 and len(text.encode("utf-8")) > MAX_FILE_BYTES:
        raise RecordError(f"the article text is over the {MAX_FILE_BYTES:,}-byte limit for one article",
                          article_id=article_id)
    nul = text.find("\x00")
    if nul >= 0:
        raise RecordError(f"the article text contains a NUL character at character {nul}", article_id=article_id)
    if text.strip() == "":
        raise RecordError("the article text is empty", article_id=article_id)
    if _absent(meta.get("outlet")):
        raise RecordError(f"no outlet (column {columns.outlet!r})", article_id=article_id)
    try:
        meta = normalise_meta(meta, source)
    except InputError as err:
        raise RecordError(err.message, article_id=article_id) from None
    return Article(
        article_id=article_id,
        outlet=meta["outlet"],
        path=source,
        body=text,
        meta=meta,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def parse_record(kind: str, record: Record, source: Path, columns: ColumnMap) -> Article:
    """Turn one input record into an Article (the loader's rules, record by record).

    Parameters
    ----------
    kind : str
        Input format (:data:`INPUT_FORMATS`).
    record : Record
    source : Path
        The story folder or the input file.
    columns : ColumnMap

    Raises
    ------
    RecordError
        With the reason, as the loader words it for a file.
    """
    _, line, payload = record
    if isinstance(payload, RecordError):
        raise payload
    if kind == "story":
        path = source / payload
        try:
            data, size = read_article_bytes(path, source)
        except InputError as err:
            raise RecordError(err.message) from None
        if size > MAX_FILE_BYTES:
            raise RecordError(f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit for one "
                              "article; split it into one file per article")
        try:
            return parse_article(data, path, source)
        except InputError as err:
            raise RecordError(err.message, line=err.line) from None
    if kind == "jsonl":
        try:
            text = payload.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise RecordError(f"not UTF-8: byte 0x{payload[exc.start]:02x} at column {exc.start + 1}; convert the "
                              "file, e.g. iconv -f WINDOWS-1252 -t UTF-8", line=line) from None
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            raise RecordError(f"not valid JSON: {exc.msg} at column {exc.colno}", line=line) from None
        except RecursionError:
            raise RecordError("not valid JSON: nested too deeply", line=line) from None
        if not isinstance(obj, dict):
            raise RecordError(f"a JSON Lines record must be an object {{...}}, not {type(obj).__name__}", line=line)
        payload = obj
    try:
        return article_from_mapping(payload, columns, source)
    except RecordError as err:
        err.line = err.line if err.line is not None else line
        raise


# ------------------------------------------------------------------ tables and parts


def arrow_type(dtype: Any) -> pa.DataType:
    """Arrow type for a pandas column dtype: int64, float64, bool, else string."""
    import pyarrow as pa

    if pd.api.types.is_bool_dtype(dtype):
        return pa.bool_()
    if pd.api.types.is_integer_dtype(dtype):
        return pa.int64()
    if pd.api.types.is_float_dtype(dtype):
        return pa.float64()
    return pa.string()


def schema_from_frame(df: pd.DataFrame) -> pa.Schema:
    """An Arrow schema with one field per column of ``df`` (see :func:`arrow_type`)."""
    import pyarrow as pa

    return pa.schema([(name, arrow_type(dtype)) for name, dtype in df.dtypes.items()])


def table_from_frame(df: pd.DataFrame, schema: pa.Schema) -> pa.Table:
    """``df`` as an Arrow table of exactly ``schema`` (no pandas metadata).

    Integer columns that hold NaN (an unscored article) become nullable
    integers; values of string columns that are not strings are written with
    ``str``.
    """
    import pyarrow as pa

    columns = []
    for f in schema:
        values = df[f.name] if f.name in df.columns else pd.Series([None] * len(df), dtype=object)
        if pa.types.is_string(f.type):
            if pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty"):
                # strings and missing values only: converted by Arrow directly
                columns.append(pa.array(values, type=f.type, from_pandas=True))
            else:  # other values are written with str
                values = [None if is_missing(v) else (v if isinstance(v, str) else str(v)) for v in values]
                columns.append(pa.array(values, type=f.type))
        else:
            columns.append(pa.array(values.to_numpy(dtype=object) if values.dtype == object else values,
                                    type=f.type, from_pandas=True))
    return pa.Table.from_arrays(columns, schema=schema)


def encode_table(table: pa.Table) -> bytes:
    """A table as the bytes of one Parquet file (zstd-compressed)."""
    import pyarrow.parquet as pq

    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd")
    return buf.getvalue()


def decode_table(data: bytes) -> pa.Table:
    """Read back :func:`encode_table`'s bytes."""
    import pyarrow.parquet as pq

    return pq.read_table(io.BytesIO(data))


class OutputError(InputError):
    """The batch output folder could not be written (disk full, no permission).

    One line naming the folder, what was being written and the system's reason,
    and how to go on: the parts already written are kept, ``--resume`` continues.
    The command line reports it like bad input (exit status 2).
    """

    def __init__(self, out_dir: Path, what: str, exc: OSError) -> None:
        self.errno = exc.errno
        reason = " ".join((exc.strerror or str(exc)).split())
        super().__init__(
            out_dir, f"cannot write {what}: {reason}; the parts already written are kept: free some space "
            "(or fix the folder's permissions), then run the same command with --resume",
        )


def part_path(out_dir: Path, dataset: str, index: int) -> Path:
    """``OUT/<dataset>/part-NNNNNN.parquet``."""
    return Path(out_dir) / dataset / f"part-{index:0{PART_DIGITS}d}.parquet"


def commit_part(out_dir: Path, index: int, files: Mapping[str, bytes]) -> None:
    """Write one part of every dataset: each under a temporary name, then renamed.

    Files are renamed in :data:`DATASETS` order, ``metrics`` last: a part whose
    metrics file exists is complete. A crash leaves at worst hidden temporary
    files (ignored by Parquet readers, removed by the next run) or a part
    without its metrics file (recomputed whole by ``--resume``).
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for dataset in DATASETS:
            if dataset not in files:
                continue
            final = part_path(out_dir, dataset, index)
            final.parent.mkdir(exist_ok=True)
            staged.append((write_temporary(final.parent, final.name, files[dataset]), final))
        for tmp, final in staged:
            os.replace(tmp, final)
    except OSError as exc:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise OutputError(out_dir, f"part {index}", exc) from None


def completed_parts(out_dir: Path) -> set[int]:
    """Indices of the parts whose metrics file exists."""
    folder = Path(out_dir) / "metrics"
    if not folder.is_dir():
        return set()
    out = set()
    for p in folder.glob("part-*.parquet"):
        try:
            out.add(int(p.stem.split("-", 1)[1]))
        except ValueError:
            continue
    return out


def remove_temporary_files(out_dir: Path) -> int:
    """Delete temporary part files a crashed run left behind; return how many."""
    n = 0
    for dataset in DATASETS:
        folder = Path(out_dir) / dataset
        if folder.is_dir():
            for p in folder.glob(".part-*.tmp"):
                p.unlink(missing_ok=True)
                n += 1
    return n


def dataset_parts(out_dir: Path, dataset: str) -> list[Path]:
    """The part files of one dataset, in part order."""
    folder = Path(out_dir) / dataset
    return sorted(folder.glob("part-*.parquet")) if folder.is_dir() else []


def read_dataset(out_dir: str | Path, dataset: str = "metrics", columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Read one dataset of a batch output folder into a DataFrame, parts in order.

    Parameters
    ----------
    out_dir : str or Path
        The folder given to ``batch --out``.
    dataset : str, default "metrics"
        One of :data:`DATASETS`.
    columns : sequence of str, optional
        Read only these columns.

    Returns
    -------
    pandas.DataFrame
        Rows in input order. Integer columns with empty values come back as
        floats (pandas' rule for missing integers).

    Raises
    ------
    ValueError
        For an unknown dataset, listing the valid ones.
    InputError
        When the folder holds no part of that dataset.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    if dataset not in DATASETS:
        raise ValueError(unknown_option("dataset", dataset, DATASETS))
    parts = dataset_parts(Path(out_dir), dataset)
    if not parts:
        raise InputError(Path(out_dir) / dataset, "holds no part files; run `python -m analysis batch` first")
    tables = [pq.read_table(p, columns=list(columns) if columns else None) for p in parts]
    return pa.concat_tables(tables).to_pandas()


def errors_table(rows: Iterable[Mapping[str, Any]]) -> pa.Table:
    """The errors of one part as an Arrow table (:data:`ERROR_COLUMNS`), by record."""
    import pyarrow as pa

    schema = pa.schema([
        ("part", pa.int64()), ("record", pa.int64()), ("line", pa.int64()), ("source", pa.string()),
        ("article_id", pa.string()), ("reason", pa.string()), ("package_version", pa.string()),
        ("corpus_sha256", pa.string()),
    ])
    ordered = sorted(rows, key=lambda r: r["record"])
    return pa.Table.from_pylist([{c: r.get(c) for c in ERROR_COLUMNS} for r in ordered], schema=schema)


def articles_table(articles: Sequence[tuple[Article, int]], corpus_sha256: str) -> pa.Table:
    """The ``articles`` dataset rows (:data:`ARTICLE_BATCH_COLUMNS`) of one part."""
    import pyarrow as pa

    rows = []
    for a, record in articles:
        m = a.meta
        extra = {k: v for k, v in m.items() if k not in KNOWN_FIELDS}
        rows.append({
            "article_id": a.article_id, "outlet": a.outlet, "title": m.get("title"),
            "author": m.get("author") or m.get("byline"), "published": m.get("published"), "url": m.get("url"),
            "language": a.language, "role": a.role, "source_file": m.get("source_file"), "notes": m.get("notes"),
            "path": a.path.as_posix(), "n_chars": len(a.body), "sha256": a.sha256, "record": record,
            "extra": json.dumps(extra, ensure_ascii=False, sort_keys=True, default=str) if extra else None,
            "package_version": __version__, "corpus_sha256": corpus_sha256,
        })
    ints = {"n_chars", "record"}
    schema = pa.schema([(c, pa.int64() if c in ints else pa.string()) for c in ARTICLE_BATCH_COLUMNS])
    for row in rows:
        for c in ARTICLE_BATCH_COLUMNS:
            v = row[c]
            if c not in ints and v is not None and not isinstance(v, str):
                row[c] = v.isoformat() if isinstance(v, (_dt.date, _dt.datetime)) else str(v)
    return pa.Table.from_pylist(rows, schema=schema)


# ------------------------------------------------------------------ manifest


def read_manifest(out_dir: Path) -> dict[str, Any] | None:
    """The manifest of an output folder, or None when there is none."""
    path = Path(out_dir) / MANIFEST_NAME
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise InputError(path, "the batch manifest is damaged; start again in a new folder") from None


def write_manifest(out_dir: Path, manifest: Mapping[str, Any]) -> None:
    """Write the manifest atomically (temporary file, then rename).

    Raises
    ------
    OutputError
        When the system refuses (disk full, no permission); the previous manifest is kept.
    """
    path = Path(out_dir) / MANIFEST_NAME
    try:
        write_atomically(path, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    except OSError as exc:
        raise OutputError(out_dir, MANIFEST_NAME, exc) from None


def write_errors_csv(out_dir: Path) -> Path:
    """Concatenate the errors dataset into ``errors.csv``, part by part (atomically).

    Text cells a spreadsheet would run as formulas get a leading apostrophe
    (:func:`analysis.io.spreadsheet.neutralise_formulas`).
    """
    import pyarrow.parquet as pq

    path = Path(out_dir) / ERRORS_CSV
    try:
        with atomic_file(path) as fh:
            fh.write(",".join(ERROR_COLUMNS) + "\n")
            for part in dataset_parts(Path(out_dir), "errors"):
                df = pq.read_table(part).to_pandas()
                if len(df):
                    neutralise_formulas(df).to_csv(fh, header=False, index=False, lineterminator="\n")
    except OSError as exc:
        raise OutputError(out_dir, ERRORS_CSV, exc) from None
    return path

