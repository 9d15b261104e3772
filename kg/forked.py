"""Pools of worker processes forked from the build: they start with what the build holds in
memory (the model, the finished resolution index), never outlive it, and never hold its lock."""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from kg.buildfolder import forget_inherited_locks
from kg.errors import KgError

# What a worker's task returns.
T = TypeVar("T")

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def forked_pool(
    workers: int, initializer: Callable[..., None] | None = None, initargs: tuple[object, ...] = ()
) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes forked from this one: they start with everything the
    build has in memory (the model, the finished resolution index), shared until written, and
    nothing is pickled to them but each task's arguments (``initargs`` are passed by memory
    too). They only compute and write their own files; they touch none of the parent's threads'
    state (the progress bar)."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(os.getpid(), initializer, initargs),
    )


def _start_worker(
    parent: int, initializer: Callable[..., None] | None, initargs: tuple[object, ...]
) -> None:
    """First thing in a forked worker: it must never outlive the build or hold its lock.

    A worker blocked on its task queue would otherwise live on after the build is killed
    (SIGKILL, SIGTERM), and since it inherited the lock's descriptor at fork, the kernel kept
    the folder locked for as long as it lived: every later build was refused. So the worker
    closes its copy of the descriptor (the lock stays the parent's: a flock is released only
    when its last descriptor closes) and asks the kernel to kill it when the parent dies.
    """
    forget_inherited_locks()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request above was made
        os._exit(1)
    if initializer is not None:
        initializer(*initargs)


def worker_results(futures: list[Future[T]]) -> list[T]:
    """The results of ``futures`` in order; a worker's failure becomes one line for the user."""
    try:
        return [future.result() for future in futures]
    except BrokenProcessPool:
        raise KgError(_WORKER_STOPPED) from None
    except Exception as error:
        raise KgError(f"a build worker failed: {type(error).__name__}: {error}") from None


def worker_result(future: Future[T]) -> T:
    """The result of ``future``; a worker that died (killed, out of memory) becomes one line
    for the user. An exception the task raised is raised as it is, as it would be in-process."""
    try:
        return future.result()
    except BrokenProcessPool:
        raise KgError(_WORKER_STOPPED) from None


# A worker that died (killed, out of memory) left no result, and the build writes nothing.
_WORKER_STOPPED = "a build worker stopped; nothing was written"
