"""Full garbage collections run after a response is sent, not in requests (collection.py)."""

from __future__ import annotations

import gc
import sys
import threading
import time
import weakref

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections

from shisaku import collection
from shisaku.collection import EVERY, OUT_OF_REACH, Collector


class Cycle:
    """An object that refers to itself: only a garbage collection frees it."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def thresholds():
    """CPython's thresholds and the installed collector, given back after the test."""
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)
    for found in collection.COLLECTOR:
        request_finished.disconnect(found.after_response, dispatch_uid="shisaku.collection")
    collection.COLLECTOR.clear()
    gc.collect()


def _old_garbage(blocks: int) -> list[bool]:
    """Put unreachable cycles holding ``blocks`` more memory blocks in the oldest generation;
    return a list filled when they are freed."""
    freed: list[bool] = []
    gc.disable()  # no collection while they are made: the test counts the collections
    try:
        start, cycles = sys.getallocatedblocks(), []
        while sys.getallocatedblocks() - start < blocks:
            cycles.append(Cycle())
        weakref.finalize(cycles[-1], freed.append, True)
    finally:
        gc.enable()
    gc.collect(1)  # the young and middle generations: the cycles move to the oldest
    del cycles
    return freed


def _middle_collections(count: int) -> None:
    """Run ``count`` collections of the young and middle generations (as allocations would)."""
    for _ in range(count):
        gc.collect(1)


def test_installed_cpython_never_starts_a_full_collection_and_a_response_may(thresholds):
    collection.install()
    collection.install()  # once per process
    assert gc.get_threshold()[2] == OUT_OF_REACH
    assert len(collection.COLLECTOR) == 1
    freed = _old_garbage(sys.getallocatedblocks() // 3)  # a third more blocks
    _middle_collections(EVERY)
    assert freed == []  # no full collection was started by CPython
    # What a WSGI server's closing of a response sends; without Django's own receiver, which
    # would touch this test's database connection (as Django's test client leaves it out).
    request_finished.disconnect(close_old_connections)
    try:
        request_finished.send(sender=None)
    finally:
        request_finished.connect(close_old_connections)
    assert freed == [True]


def test_a_full_collection_waits_for_a_quarter_more_blocks_and_ten_middle_collections(
    thresholds,
):
    gc.set_threshold(gc.get_threshold()[0], gc.get_threshold()[1], OUT_OF_REACH)
    gc.collect()
    collector = Collector()
    few = _old_garbage(collector.size // 8)  # an eighth more blocks: not yet
    _middle_collections(EVERY)
    collector.after_response()
    assert few == []
    more = _old_garbage(collector.size // 4)  # now a quarter more, but checked only...
    _middle_collections(EVERY - 2)
    collector.after_response()
    assert more == []
    _middle_collections(2)  # ...after ten more middle collections
    collector.after_response()
    assert (few, more) == ([True], [True])
    assert collector.checked == 0  # counted afresh from this full collection


def test_measuring_never_exposes_a_tuple_another_thread_is_filling(thresholds):
    # gc.get_objects() would hold a reference to a tuple that tuple(generator) is still
    # filling in another thread, and CPython would refuse to finish it (SystemError: seen as
    # a 500 in the concurrent writes of test_concurrency).
    gc.set_threshold(gc.get_threshold()[0], gc.get_threshold()[1], OUT_OF_REACH)
    collector, errors, end = Collector(), [], time.monotonic() + 1.5

    def fill() -> None:
        while time.monotonic() < end:
            try:
                tuple([i] for i in range(5000))
            except SystemError as error:
                errors.append(error)

    threads = [threading.Thread(target=fill) for _ in range(3)]
    for thread in threads:
        thread.start()
    while time.monotonic() < end:
        collector.checked = gc.get_count()[2] - EVERY  # measure at every call
        collector.after_response()
    for thread in threads:
        thread.join()
    assert errors == []
