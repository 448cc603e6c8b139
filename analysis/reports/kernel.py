"""Executing a notebook: the kernel it runs in, and which cell failed when it does not finish.

Reports never depend on a kernel someone installed by hand: ``write_kernel_spec`` writes a
``python3`` spec that runs this very interpreter, found first through JUPYTER_PATH, and
``LocalKernelManager`` talks to it over Unix sockets. ``execute`` runs one job with papermill and
turns any failure into a ReportFailed that names the notebook and the cell.

Notebooks run in a worker thread (``run_interruptibly``), so that Ctrl-C reaches the main thread
at once: it kills every running kernel (``stop_kernels``), removes their files and re-raises.
Run in the main thread, nbclient would take SIGINT for itself, stop only the current kernel and
let the run carry on with the next notebook.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import nbformat
from jupyter_client.manager import AsyncKernelManager

from analysis.reports.jobs import Job, ReportFailed
from analysis.reports.scratch import socket_folder

KERNEL_NAME = "python3"
STOP_WAIT = 10  # seconds for a notebook's thread to notice that its kernel was stopped
INJECTED_TAG = "injected-parameters"
ERROR_TAG = "papermill-error-cell-tag"


class LocalKernelManager(AsyncKernelManager):
    """A kernel reached over Unix sockets in a private, short-lived folder.

    ipykernel (7.3 and later) warns on every start when its sockets are TCP without encryption;
    the report's kernels always run on this machine, so IPC is both quieter and closer. The folder
    is short (Unix socket paths are limited to about 100 bytes), holds the connection file too, and
    is removed with the kernel.
    """

    running: set[LocalKernelManager] = set()  # started by this process and not yet cleaned up

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._socket_dir = str(socket_folder())
        self.transport = "ipc"
        self.ip = os.path.join(self._socket_dir, "kernel")
        self.connection_file = os.path.join(self._socket_dir, "kernel.json")

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw):
        # Notebook output travels over the kernel's sockets, not its stdout/stderr, which carry only
        # the kernel's own log ("KeyboardInterrupt caught in kernel" when jupyter_client interrupts
        # it before shutdown): noise in cron mail. A kernel that dies is still reported, by cell.
        kw.setdefault("stdout", subprocess.DEVNULL)
        kw.setdefault("stderr", subprocess.DEVNULL)
        LocalKernelManager.running.add(self)
        return await super()._async_launch_kernel(kernel_cmd, **kw)

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart)
        if not restart:
            shutil.rmtree(self._socket_dir, ignore_errors=True)
            LocalKernelManager.running.discard(self)

    cleanup_resources = _async_cleanup_resources

    def stop_now(self) -> None:
        """Kill the kernel and what it started, and remove its files, without the event loop
        (after Ctrl-C there is no time for a polite shutdown)."""
        process = getattr(self.provisioner, "process", None)
        if process is not None and process.poll() is None:
            group = getattr(self.provisioner, "pgid", None)
            with contextlib.suppress(OSError):  # the kernel has its own session: its group is its own
                if group and group != os.getpgrp():
                    os.killpg(group, signal.SIGKILL)
                else:
                    process.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(STOP_WAIT)
        self.cleanup_connection_file()
        self.cleanup_ipc_files()
        shutil.rmtree(self._socket_dir, ignore_errors=True)
        LocalKernelManager.running.discard(self)


def stop_kernels() -> None:
    """Stop every kernel this process started that is still running."""
    for manager in list(LocalKernelManager.running):
        manager.stop_now()


def _close_event_loop() -> None:
    """Close the event loop nbclient made for this worker thread (one per thread), if any."""
    with contextlib.suppress(RuntimeError):
        loop = asyncio.get_event_loop_policy().get_event_loop()
        if not loop.is_running():
            loop.close()


def run_interruptibly(call, *args, **kwargs):
    """``call(*args, **kwargs)`` in a worker thread (see the module docstring). On Ctrl-C the
    kernels are stopped, the worker is given STOP_WAIT seconds to finish, and KeyboardInterrupt
    is raised again."""
    outcome: dict = {}

    def work() -> None:
        try:
            outcome["value"] = call(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
            outcome["error"] = exc
        finally:
            _close_event_loop()

    worker = threading.Thread(target=work, name="notebook", daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.2)
    except KeyboardInterrupt:
        stop_kernels()
        worker.join(STOP_WAIT)
        raise
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@contextlib.contextmanager
def environment(**values: str):
    """Set environment variables (inherited by the kernels) for the duration of the block."""
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def kernel_environment(kernels: Path, **values: str):
    """The environment reports run in: our kernel spec first, hash seed and plot backend fixed."""
    jupyter_path = os.pathsep.join([str(kernels), *filter(None, [os.environ.get("JUPYTER_PATH")])])
    return environment(JUPYTER_PATH=jupyter_path, PYTHONHASHSEED="0", MPLBACKEND="Agg", **values)


def write_kernel_spec(folder: Path) -> Path:
    """A ``python3`` kernel spec in ``folder/kernels`` that runs this very interpreter."""
    spec_dir = folder / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True, exist_ok=True)
    # Quiet kernel logs (a warning about unencrypted local TCP, interrupts at shutdown): noise in
    # cron mail; errors in cells are reported from the executed notebook instead.
    spec = {
        "argv": [
            sys.executable,
            "-m",
            "ipykernel_launcher",
            "-f",
            "{connection_file}",
            "--IPKernelApp.log_level=CRITICAL",
        ],
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "metadata": {"supported_encryption": ["curve"]},
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")
    return folder


def cell_tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def failed_cell(path: Path) -> tuple[int | None, str, str]:
    """(index among the notebook's own cells, cell id, first source line) of the failing cell."""
    if not path.is_file():
        return None, "", ""
    nb = nbformat.read(path, as_version=4)
    own = [c for c in nb.cells if not cell_tags(c) & {INJECTED_TAG, ERROR_TAG}]
    for index, cell in enumerate(own):
        meta = cell.get("metadata", {}).get("papermill", {})
        errored = any(o.get("output_type") == "error" for o in cell.get("outputs", []))
        if errored or meta.get("exception") or meta.get("status") in ("running", "failed"):
            return _described(index, cell)
    # A kernel that dies leaves no error mark: the culprit is the last cell that started.
    started = [
        (i, c)
        for i, c in enumerate(own)
        if c.cell_type == "code" and c.get("metadata", {}).get("papermill", {}).get("start_time")
    ]
    return _described(*started[-1]) if started else (None, "", "")


def _described(index: int, cell) -> tuple[int, str, str]:
    first = next((line for line in cell.source.splitlines() if line.strip()), "")
    return index + 1, cell.get("id", ""), first.strip()


def execute(job: Job, output: Path, cwd: Path, timeout: int) -> None:
    """Run the job's notebook with papermill into ``output``, the kernel started in ``cwd``."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        run_interruptibly(
            papermill.execute_notebook,
            str(job.spec.notebook),
            str(output),
            parameters=job.parameters,
            kernel_name=KERNEL_NAME,
            progress_bar=False,
            log_output=False,
            # the kernel's folder, given to nbclient: papermill's own cwd= changes this whole
            # process's folder, which notebooks rendered side by side would race on
            resources={"metadata": {"path": str(cwd)}},
            execution_timeout=timeout,
            start_timeout=120,
            request_save_on_cell_execute=True,
            kernel_manager_class=LocalKernelManager,
        )
    except Exception as exc:  # noqa: BLE001 - any failure of a notebook is reported the same way
        number, cell_id, first_line = failed_cell(output)
        if isinstance(exc, PapermillExecutionError):
            what = f"{exc.ename}: {exc.evalue}"
        else:
            what = f"{type(exc).__name__}: {exc}".strip()
        where = f"cell {number} (id {cell_id!r}: {first_line!r})" if number else "before any cell ran"
        raise ReportFailed(f"{job.spec.notebook.name} [{job.title}] failed in {where}: {what}", kept=output) from None


def execute_in_place(nb, name: str, cwd: Path, timeout: int) -> None:
    """Execute the notebook object ``nb`` with its own default parameters, the kernel started in
    ``cwd`` (for refreshing the stored outputs of the project's notebooks)."""
    from nbclient import NotebookClient

    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=KERNEL_NAME,
        kernel_manager_class=LocalKernelManager,
        resources={"metadata": {"path": str(cwd)}},
    )
    try:
        run_interruptibly(client.execute)
    except Exception as exc:  # noqa: BLE001 - any failure of a notebook is reported the same way
        raise ReportFailed(f"{name}: {type(exc).__name__}: {str(exc).strip()[-2000:]}") from None
