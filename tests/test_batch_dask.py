"""The batch on a dask.distributed cluster: two worker processes on loopback.

The cluster runs the same analysis functions as a local run (``process_chunk``
on each chunk); the output must be identical to the single-process run, also
when a worker process is killed in the middle of the run.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("pyarrow")
distributed = pytest.importorskip("distributed")

from analysis.scale import batch  # noqa: E402
from analysis.scale import synthetic
from analysis.io import batch_io as bio  # noqa: E402
from analysis.cli import main  # noqa: E402

N_ARTICLES = 48
DATASETS = ("metrics", "frames", "articles", "errors")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    # the workers' scratch space under pytest's temporary folder, not dask-scratch-space in /tmp
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
        local_directory=str(tmp_path_factory.mktemp("dask-scratch")),
    ) as local:
        with distributed.Client(local) as client:
            yield local, client


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> tuple[Path, Path]:
    """A JSON Lines file with one malformed record, and its single-process batch output."""
    folder = tmp_path_factory.mktemp("dask")
    path = synthetic.write_jsonl(folder / "articles.jsonl", N_ARTICLES)
    with path.open("a", encoding="utf-8") as fh:
        fh.write('{"article_id": "broken", "outlet": "X"}\n')
    out = folder / "single"
    batch.run_batch(path, out, chunk_size=4, progress=False)
    return path, out


def _assert_same_output(a: Path, b: Path) -> None:
    for name in DATASETS:
        pd.testing.assert_frame_equal(bio.read_dataset(a, name), bio.read_dataset(b, name), check_exact=True)
    assert [p.name for p in bio.dataset_parts(a, "metrics")] == [p.name for p in bio.dataset_parts(b, "metrics")]


def test_local_cluster_output_is_identical_to_the_single_process_run(cluster, inputs, tmp_path, capsys):
    local, _ = cluster
    path, single = inputs
    code = main(["batch", str(path), "--out", str(tmp_path / "out"), "--chunk-size", "4",
                 "--scheduler", local.scheduler_address])
    err = capsys.readouterr().err
    assert code == 0, err
    assert f"Dask at {local.scheduler_address} (2 threads)" in err
    _assert_same_output(tmp_path / "out", single)
    assert len(bio.read_dataset(tmp_path / "out", "errors")) == 1


def test_a_worker_killed_mid_run_is_replaced_and_no_article_counts_twice(cluster, inputs, tmp_path):
    _, client = cluster
    path, single = inputs
    killed: dict[str, object] = {}

    def kill_a_busy_worker(index: int, done: int) -> None:
        if killed:
            return
        busy = {addr: keys for addr, keys in client.processing().items() if keys}
        assert busy, "no chunk in flight when part 0 was written"
        addr, keys = next(iter(busy.items()))
        pid = client.run(os.getpid, workers=[addr])[addr]
        os.kill(pid, signal.SIGKILL)
        killed.update(address=addr, pid=pid, keys=list(keys))

    summary = batch.run_batch(path, tmp_path / "out", chunk_size=4, scheduler=client, progress=False,
                              on_part=kill_a_busy_worker)
    assert killed["keys"], "the killed worker held no chunk"
    assert summary.n_articles == N_ARTICLES and summary.n_errors == 1
    metrics = bio.read_dataset(tmp_path / "out")
    assert metrics["article_id"].is_unique
    _assert_same_output(tmp_path / "out", single)
    # The nanny restarts the killed worker; on a busy machine a new worker process can take minutes
    # to import its libraries, so the bound only stops a run that would otherwise hang.
    client.wait_for_workers(2, timeout=900)
    assert killed["pid"] not in client.run(os.getpid).values()


def test_an_unreachable_scheduler_is_bad_input_and_leaves_no_output(inputs, tmp_path, monkeypatch, capsys):
    class Refusing(distributed.Client):
        def __init__(self, address, **kwargs):
            raise OSError(f"Timed out trying to connect to {address}")

    monkeypatch.setattr(distributed, "Client", Refusing)
    code = main(["batch", str(inputs[0]), "--out", str(tmp_path / "out"), "--scheduler", "tcp://10.255.0.1:8786"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip() == ("error: --scheduler: cannot reach a Dask scheduler at tcp://10.255.0.1:8786 "
                           "(Timed out trying to connect to tcp://10.255.0.1:8786)")
    assert not (tmp_path / "out").exists()
