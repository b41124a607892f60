"""A server process's full garbage collections, run after a response is sent, not inside one.

CPython collects its oldest generation of objects when ten collections of the middle one have
run since the last full collection and the objects moved into the oldest since then number a
quarter of those there.  A server process that keeps a 300-indicator plan view
(:mod:`shisaku.evaluation.plan_store`) tracks some 250,000 objects, and a full collection of
them takes 100–150 ms on an idle machine: the request that happened to start one waited for it.
Rebuilding a plan view after a write moves many objects through the generations, so the first
request after a write was the one that paid, one time in five (200–250 ms instead of 60–100 ms,
``benchmarks/http_load.py``).

:func:`install` (called by :mod:`shisaku.wsgi`, so only in server processes: a publishing run or
a command collects as CPython does) takes the full collections out of the requests: the oldest
generation's threshold is set out of reach, and after each response has been sent (Django's
``request_finished``, sent when the WSGI server closes the response, after its last byte)
:meth:`Collector.after_response` checks, every :data:`EVERY` collections of the middle
generation, whether the process holds a quarter more memory blocks than after the last full
collection (``sys.getallocatedblocks``: the small blocks every Python object lives in), and
collects then. Blocks still held are those of objects alive or in cycles not yet freed (an
object freed by its reference count gives its blocks back), so a full collection runs when there
may be cycles to free, no more often than CPython would start one. The young generations are
collected as before, inside requests (they are small).

The oldest generation is not measured by counting its objects (``gc.get_objects``): the list
that returns holds a reference to every tracked object, among them a tuple another thread is
still filling (``tuple(generator)``), and CPython then refuses to finish that tuple
(``SystemError: bad argument to internal function``, seen as a 500 under concurrent writes).
"""

from __future__ import annotations

import gc
import sys
import threading
from typing import Any

from django.core.signals import request_finished

EVERY = 10  # collections of the middle generation between two checks (CPython's threshold)
GROWTH = 4  # a full collection once the blocks held grew by 1/GROWTH
OUT_OF_REACH = 2**31 - 1  # the oldest generation's threshold: CPython never reaches it


class Collector:
    """Runs the full collections of one process between its requests."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.checked = 0  # the oldest generation's count at the last check
        self.size = sys.getallocatedblocks()  # the blocks held after the last full collection

    def after_response(self, **kwargs: Any) -> None:
        """Collect the oldest generation if the blocks held grew by a quarter (checked every
        EVERY)."""
        if 0 <= gc.get_count()[2] - self.checked < EVERY or not self.lock.acquire(blocking=False):
            return
        try:
            self.checked = gc.get_count()[2]
            if sys.getallocatedblocks() > self.size + self.size // GROWTH:
                gc.collect()
                self.checked, self.size = 0, sys.getallocatedblocks()
        finally:
            self.lock.release()


COLLECTOR: list[Collector] = []  # the process's collector, once installed


def install() -> None:
    """Move this process's full collections to after its responses (once per process)."""
    if COLLECTOR:
        return
    gc.collect()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, OUT_OF_REACH)
    COLLECTOR.append(Collector())
    request_finished.connect(COLLECTOR[0].after_response, dispatch_uid="shisaku.collection")
