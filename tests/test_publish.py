"""Publishing runs for scheduled use: readable by other users, old runs pruned on request."""

from __future__ import annotations

import os
import stat

import pytest

from analysis.cli import build_parser
from analysis.reports.publish import prune_runs
from analysis.reports.scratch import scratch_folder, socket_folder


def test_run_folders_follow_the_umask_and_socket_folders_stay_private(tmp_path):
    old = os.umask(0o022)
    try:
        run = scratch_folder(tmp_path, "run")
        sockets = socket_folder()
    finally:
        os.umask(old)
    try:
        assert stat.S_IMODE(run.stat().st_mode) == 0o755  # a web server running as another user reads it
        assert stat.S_IMODE(sockets.stat().st_mode) == 0o700
    finally:
        sockets.rmdir()


def test_prune_keeps_the_current_run_and_the_most_recent_others(tmp_path):
    runs = tmp_path / "runs"
    for n, name in enumerate(["run-a", "run-b", "run-c", "run-d"]):
        (runs / name).mkdir(parents=True)
        os.utime(runs / name, ns=(n * 10**9, n * 10**9))
    removed = prune_runs(tmp_path, "run-a", keep=2)  # run-a is current though oldest
    assert sorted(removed) == ["run-b", "run-c"]
    assert sorted(p.name for p in runs.iterdir()) == ["run-a", "run-d"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]


@pytest.mark.parametrize("value", ["0", "-1", "x"])
def test_keep_must_be_a_positive_whole_number(value, capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["report", "--keep", value])
    assert "--keep" in capsys.readouterr().err
