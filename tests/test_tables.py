"""Writing the tables: spreadsheet-safe CSV, exact Parquet, and an atomic swap of the whole set."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from analysis.pipeline import processes
from analysis.pipeline import tables as tables_module
from analysis.pipeline.tables import OutputError, spreadsheet_safe, write_tables

HOSTILE = ['=HYPERLINK("http://x","y")', "+cmd", "-2+3", "@SUM(A1)", "\tlead", "\rlead", "plain", "a=b"]


def test_formula_cells_are_quoted_in_csv_and_exact_in_parquet(tmp_path):
    frame = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(HOSTILE))], "outlet": HOSTILE, "n": range(8)})
    write_tables({"documents": frame}, tmp_path / "out")
    csv = pd.read_csv(tmp_path / "out" / "documents.csv", keep_default_na=False)
    assert list(csv["outlet"][:6]) == ["'" + v.replace("\r", "\n") for v in HOSTILE[:6]]
    assert list(csv["outlet"][6:]) == ["plain", "a=b"]
    assert list(pd.read_parquet(tmp_path / "out" / "documents.parquet")["outlet"]) == HOSTILE


def test_carriage_returns_cannot_break_a_csv_row_and_keep_offsets(tmp_path):
    text = "line one\rline two\r\nthree"
    write_tables({"sentences": pd.DataFrame({"doc_id": ["d"], "text": [text]})}, tmp_path / "out")
    back = pd.read_csv(tmp_path / "out" / "sentences.csv")
    assert len(back) == 1 and len(back.loc[0, "text"]) == len(text)


def test_lists_become_json_and_numbers_stay_numbers():
    frame = pd.DataFrame({"spans": [[{"start": 1, "end": 2}]], "n": [-3]})
    safe = spreadsheet_safe(frame)
    assert safe.loc[0, "spans"] == '[{"end": 2, "start": 1}]' and safe.loc[0, "n"] == -3


def _tables(n: int) -> dict[str, pd.DataFrame]:
    return {name: pd.DataFrame({"doc_id": [f"{name}{i}" for i in range(n)]}) for name in ("documents", "sentences")}


def test_a_failure_while_writing_leaves_the_previous_set_whole(tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_tables(_tables(2), out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    calls = {"n": 0}
    real = pd.DataFrame.to_parquet

    def fail_on_second(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_parquet", fail_on_second)
    with pytest.raises(OSError, match="No space left"):
        write_tables(_tables(5), out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no temporary folder left


def test_tables_written_by_forked_workers_are_the_same_bytes_and_a_failure_still_leaves_the_old_set(
    tmp_path, monkeypatch
):
    tables = {f"table_{k}": frame for k, frame in enumerate([_tables(3)["sentences"]] * 4)}
    write_tables(tables, tmp_path / "here")
    with processes.jobs(2):
        assert processes.workers_for(len(tables), min_per_job=2) == (2 if processes.start_method() == "fork" else 1)
        write_tables(tables, tmp_path / "forked")
        here = {p.name: p.read_bytes() for p in (tmp_path / "here").iterdir()}
        assert {p.name: p.read_bytes() for p in (tmp_path / "forked").iterdir()} == here
        monkeypatch.setattr(pd.DataFrame, "to_csv", lambda *a, **k: (_ for _ in ()).throw(OSError(28, "disk full")))
        with pytest.raises(OSError, match="disk full"):  # raised in a worker, seen here
            write_tables(tables, tmp_path / "here")
    assert {p.name: p.read_bytes() for p in (tmp_path / "here").iterdir()} == here
    assert sorted(p.name for p in tmp_path.iterdir()) == ["forked", "here"]


def test_swap_restores_the_previous_folder_when_the_rename_fails(tmp_path, monkeypatch):
    out, staging, previous = tmp_path / "out", tmp_path / "staging", tmp_path / "old"
    out.mkdir()
    (out / "documents.csv").write_text("old", "utf-8")
    staging.mkdir()
    real_rename = os.rename

    def refuse_staging(src, dst, *args, **kwargs):
        if str(src) == str(staging):
            raise OSError(28, "No space left on device")
        return real_rename(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "rename", refuse_staging)
    with pytest.raises(OSError):
        tables_module._swap(staging, out, previous)
    assert (out / "documents.csv").read_text("utf-8") == "old" and not previous.exists()


def test_stale_temporary_folders_of_dead_writers_are_removed(tmp_path):
    out = tmp_path / "out"
    dead = tmp_path / ".out.tmp-999999999-abcdef01"
    dead.mkdir()
    mine = tmp_path / f".out.tmp-{os.getpid()}-abcdef02"
    mine.mkdir()
    write_tables(_tables(1), out)
    assert not dead.exists() and mine.exists()


def test_output_that_is_a_file_or_holds_other_files_is_refused(tmp_path):
    a_file = tmp_path / "file.txt"
    a_file.write_text("x", "utf-8")
    with pytest.raises(OutputError, match="file.txt: exists and is not a folder"):
        write_tables(_tables(1), a_file)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "thesis.docx").write_text("precious", "utf-8")
    with pytest.raises(OutputError, match="thesis.docx"):
        write_tables(_tables(1), busy)
    assert (busy / "thesis.docx").read_text("utf-8") == "precious"


def _folder_corpus(folder, n_docs: int, marker: str):
    folder.mkdir()
    article = (
        "Officials said the shipments had arrived, according to a ministry statement.\n\n"
        "The ministry reportedly received about 300 containers, a source said.\n\n"
    ) * 40
    rows = ["file,outlet"]
    for i in range(n_docs):
        (folder / f"d{i:03d}.txt").write_text(f"{marker} {i}\n\n{article}", encoding="utf-8")
        rows.append(f"d{i:03d}.txt,Outlet {i % 3}")
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def _doc_ids(path) -> set[str]:
    return set(pd.read_csv(path, usecols=["doc_id"])["doc_id"])


@pytest.mark.parametrize("delay", [0.5, 1.5, 3.0])
def test_kill_9_during_analyze_leaves_the_old_set_or_nothing_never_a_mix(tmp_path, delay):
    import signal
    import subprocess
    import sys
    import time

    old_corpus, new_corpus, out = tmp_path / "old", tmp_path / "new", tmp_path / "out"
    _folder_corpus(old_corpus, 3, "Old")
    _folder_corpus(new_corpus, 60, "New")
    command = [sys.executable, "-m", "analysis", "analyze", "--mode", "fast", "--out", str(out)]
    subprocess.run([*command, "--corpus", str(old_corpus)], check=True, capture_output=True)
    old = {p.name: p.read_bytes() for p in out.iterdir()}
    run = subprocess.Popen([*command, "--corpus", str(new_corpus)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(delay)
    run.send_signal(signal.SIGKILL)
    run.wait()
    if not out.exists():
        return  # killed between the two renames: nothing, not a mix
    now = {p.name: p.read_bytes() for p in out.iterdir()}
    if now != old:  # then the new set is whole: every table covers the same documents
        documents = _doc_ids(out / "documents.csv")
        assert len(documents) == 60
        for table in ("sentences", "cues", "attributions"):
            assert _doc_ids(out / f"{table}.csv") <= documents
        assert _doc_ids(out / "sentences.csv") == documents
