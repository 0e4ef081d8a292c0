"""kg.workers.in_order: worker processes whose results come in the order of the items, errors in that
order too, a dead worker an error (not a hang), and no process left behind."""

from __future__ import annotations

import multiprocessing
import os
import threading

import pytest

from kg.errors import DataFileError, KgError, WorkerDied
from kg.workers import in_order

_NUMBER: int | None = None


def _remember(number: int, offset: int) -> None:
    global _NUMBER
    _NUMBER = number + offset


def _square(x: int) -> tuple[int, int, int | None]:
    return x, x * x, _NUMBER


def _fail_on_odd(x: int) -> int:
    if x % 2:
        raise KgError(f"odd: {x}")
    return x


class _Unpicklable(Exception):
    def __init__(self, a: str, b: str) -> None:
        super().__init__(f"{a} and {b}")


def _raise_unpicklable(x: int) -> int:
    raise _Unpicklable("one", "two")


def _bad_data_file(x: int) -> int:
    raise DataFileError("style.toml", f"entry {x}", "not a table")


def _die_on_three(x: int) -> int:
    if x == 3:
        os._exit(7)
    return x


def _bad_init(number: int) -> None:
    raise KgError("no resources")


def _pid(x: int) -> int:
    return os.getpid()


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_results_come_in_the_order_of_the_items(jobs: int) -> None:
    items = list(range(50))
    got = list(in_order(_square, items, jobs, init=_remember, init_args=(100,)))
    assert [(x, sq) for x, sq, _ in got] == [(x, x * x) for x in items]
    assert {number for _, _, number in got} <= {100 + n for n in range(jobs)}  # init ran, with its number


def test_items_handed_out_in_another_order_still_come_back_in_theirs() -> None:
    items = list(range(30))
    backwards = list(reversed(range(30)))
    assert [x for x, _, _ in in_order(_square, items, 2, hand_out=backwards)] == items
    assert [x for x, _, _ in in_order(_square, items, 2, window=3, ahead=1)] == items


def test_both_workers_take_items() -> None:
    pids = set(in_order(_pid, list(range(40)), 2))
    assert len(pids) == 2 and os.getpid() not in pids


def test_the_first_error_in_order_is_raised_after_the_results_before_it() -> None:
    got: list[int] = []
    with pytest.raises(KgError, match=r"^odd: 1$"):
        for x in in_order(_fail_on_odd, [0, 1, 2, 3], 2):
            got.append(x)
    assert got == [0]
    assert multiprocessing.active_children() == []


def test_an_error_that_cannot_travel_is_named() -> None:
    with pytest.raises(RuntimeError, match="_Unpicklable: one and two"):
        list(in_order(_raise_unpicklable, [1], 1))


def test_every_kg_error_travels_whole() -> None:
    """A DataFileError (three parts, not one message) comes back as itself, its parts kept."""
    with pytest.raises(DataFileError) as raised:
        list(in_order(_bad_data_file, [4], 1))
    assert str(raised.value) == "style.toml: entry 4: not a table"
    assert (raised.value.file, raised.value.entry, raised.value.problem) == (
        "style.toml",
        "entry 4",
        "not a table",
    )


def test_a_dead_worker_is_an_error_not_a_hang() -> None:
    finished = threading.Event()
    errors: list[BaseException] = []

    def consume() -> None:
        try:
            list(in_order(_die_on_three, list(range(8)), 2))
        except BaseException as exc:
            errors.append(exc)
        finished.set()

    threading.Thread(target=consume, daemon=True).start()
    assert finished.wait(30), "in_order hung on a dead worker"
    assert len(errors) == 1 and isinstance(errors[0], WorkerDied)
    assert "exit code 7" in str(errors[0])
    assert multiprocessing.active_children() == []


def test_a_failing_init_is_raised() -> None:
    with pytest.raises(KgError, match="no resources"):
        list(in_order(_square, [1, 2], 2, init=_bad_init))


def test_stopping_early_leaves_no_process() -> None:
    results = in_order(_square, list(range(100)), 2)
    assert next(results)[0] == 0
    results.close()
    assert multiprocessing.active_children() == []
