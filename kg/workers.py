"""Worker processes for ``kg build --jobs`` and ``kg merge --jobs``: how many, and running a function over
items in them with the results in the order of the items.

Each worker is a process with a pipe of its own (forked where the platform allows, else spawned). The
parent hands the next item to a worker that has room and reads the results itself, in its own thread.
Unlike ``multiprocessing.Pool`` there are no helper threads: the pool's three (tasks, results, workers)
cost the parent about 0.8 ms of CPU per item, which on a batch of 1,000 articles on 2 cores was CPU
taken from the workers (``bench/run``). And a worker that dies is an error here, where the pool waits for
it forever.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import pickle
from collections.abc import Callable, Generator, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from kg.errors import WorkerDied

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

T = TypeVar("T")
R = TypeVar("R")


@functools.cache
def forks() -> bool:
    """Whether workers are forked (they inherit the parent's memory and open files) rather than spawned.

    ``multiprocessing`` (and its sockets, ~12 ms) is imported only when workers are asked for: this
    module is imported by every ``kg build`` and ``kg merge``, most of them with one job."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def default_jobs() -> int:
    """One job per CPU this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def job_count(jobs: int, items: int) -> int:
    """The workers for ``items`` items when ``jobs`` are asked for (0: one per CPU): at most one per item."""
    return min(jobs or default_jobs(), items)


def _portable(exc: Exception) -> Exception:
    """``exc``, if the parent can rebuild it from its pickle; else a RuntimeError saying what it was."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


def _serve(
    conn: Connection,
    function: Callable[[Any], Any],
    init: Callable[..., None] | None,
    args: tuple[Any, ...],
    number: int,
    parent_ends: list[Connection],
) -> None:
    """A worker: ``init(number, *args)`` once, then ``function`` on each item it is sent, until None.

    ``parent_ends`` are the parent's ends of the pipes, which a forked worker inherits: they are closed
    first, so that when the parent dies (killed), ``recv`` ends (EOFError) and so does the worker.
    """
    for end in parent_ends:
        end.close()
    failed: BaseException | None = None
    try:
        if init is not None:
            try:
                init(number, *args)
            except Exception as exc:  # given back as the result of every item: the parent raises it
                failed = exc
        while (task := conn.recv()) is not None:
            index, item = task
            try:
                if failed is not None:
                    raise failed
                reply = (index, True, function(item))
            except Exception as exc:
                reply = (index, False, _portable(exc))
            try:
                conn.send(reply)
            except (pickle.PicklingError, TypeError, AttributeError) as exc:  # nothing was sent yet
                conn.send((index, False, RuntimeError(f"cannot hand the result back: {exc}")))
    except (EOFError, OSError, KeyboardInterrupt):
        return  # the parent is gone or stopping: it reports why


class _Workers:
    """The worker processes of one :func:`in_order`, their pipes and what each holds."""

    def __init__(
        self,
        jobs: int,
        function: Callable[[Any], Any],
        init: Callable[..., None] | None,
        args: tuple[Any, ...],
    ) -> None:
        import multiprocessing

        context: Any = multiprocessing.get_context("fork" if forks() else "spawn")
        self.procs: list[BaseProcess] = []
        self.conns: list[Connection] = []
        if forks():
            gc.freeze()  # the workers' collections skip what they inherit (and copy fewer pages)
        try:
            for number in range(jobs):
                mine, theirs = context.Pipe()
                inherited = [*self.conns, mine] if forks() else []  # a spawned worker gets none of them
                proc = context.Process(
                    target=_serve, args=(theirs, function, init, args, number, inherited), daemon=True
                )
                try:
                    proc.start()
                finally:
                    theirs.close()
                self.procs.append(proc)
                self.conns.append(mine)
        except BaseException:
            self.stop(finished=False)
            raise
        finally:
            if forks():
                gc.unfreeze()
        self.held = dict.fromkeys(self.conns, 0)
        """Items handed to each worker and not answered yet."""

    def results(self) -> Iterator[tuple[int, bool, Any]]:
        """The answers ready now (waits for one): ``(index, ok, result or exception)``."""
        from multiprocessing.connection import Connection, wait

        holding = [conn for conn in self.conns if self.held[conn]]
        assert holding, "waiting for a result no worker holds"
        for conn in wait(holding):
            assert isinstance(conn, Connection)
            try:
                answer: tuple[int, bool, Any] = conn.recv()
            except (EOFError, OSError):
                proc = self.procs[self.conns.index(conn)]
                proc.join(timeout=5)
                raise WorkerDied(
                    f"a worker process ended without its result (exit code {proc.exitcode})"
                ) from None
            self.held[conn] -= 1
            yield answer

    def stop(self, *, finished: bool) -> None:
        """Let the workers end (``finished``: they hold nothing), else end them; wait for them."""
        for conn, proc in zip(self.conns, self.procs, strict=True):
            if not finished:
                proc.terminate()
            with contextlib.suppress(OSError):
                conn.send(None)
        for conn, proc in zip(self.conns, self.procs, strict=True):
            proc.join()
            conn.close()


def in_order(
    function: Callable[[T], R],
    items: Sequence[T],
    jobs: int,
    *,
    init: Callable[..., None] | None = None,
    init_args: tuple[Any, ...] = (),
    hand_out: Sequence[int] | None = None,
    ahead: int = 2,
    window: int | None = None,
) -> Generator[R, None, None]:
    """``function(item)`` for every item, computed by ``jobs`` worker processes; the results come in the
    order of ``items``, each as soon as it and those before it are done.

    ``init(worker_number, *init_args)`` runs once in each worker (numbers from 0). ``function`` and
    ``init`` must be module-level functions (spawned workers import them). ``hand_out`` is the order in
    which the items are handed out (indices; default: their own order). A worker holds at most ``ahead``
    items; ``window`` bounds the results kept for later (with the default order only): an item is handed
    out only when fewer than ``window`` items before it are still to be yielded.

    The first exception of ``function`` in the order of the items is raised here, after the results before
    it; a worker that dies raises :class:`WorkerDied`. The workers are stopped when the iterator ends, is
    closed or fails.
    """
    order = iter(range(len(items)) if hand_out is None else hand_out)
    assert window is None or hand_out is None, "a window needs the items handed out in order"
    limit = len(items) if window is None else window
    workers = _Workers(jobs, function, init, init_args)
    finished = False
    try:
        done: dict[int, tuple[bool, Any]] = {}
        next_index = 0  # the next result to yield
        waiting = next(order, None)  # the next item to hand out
        while next_index < len(items):
            for conn in workers.conns:
                while waiting is not None and workers.held[conn] < ahead and waiting < next_index + limit:
                    conn.send((waiting, items[waiting]))
                    workers.held[conn] += 1
                    waiting = next(order, None)
            for index, ok, value in workers.results():
                done[index] = (ok, value)
            while next_index in done:
                ok, value = done.pop(next_index)
                next_index += 1
                if not ok:
                    raise value
                yield value
        finished = True
    finally:
        workers.stop(finished=finished)
