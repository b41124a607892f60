"""The answers the indicator pages remember for the last objects asked about
(:mod:`shisaku.public.indicators.kept`): found by identity, bounded, safe between threads."""

from __future__ import annotations

import gc
import sys
import weakref
from threading import Thread

from shisaku.public.indicators.kept import Kept


class Thing:
    """An object compared by content, as the plan's views are (equal ones are still others)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Thing) and other.name == self.name

    def __hash__(self) -> int:
        return hash(self.name)


def test_an_answer_kept_is_found_for_the_same_objects_and_key():
    kept: Kept[str] = Kept(4)
    a, b = Thing("a"), Thing("b")
    assert kept.found("ja", a, b) is None
    assert kept.keep("answer", "ja", a, b) == "answer"
    assert kept.found("ja", a, b) == "answer"
    assert kept.found("ja", a) is None  # another second object
    assert kept.found("en", a, b) is None  # another key
    assert kept.found("ja", b, a) is None


def test_an_equal_but_other_object_is_not_taken_for_the_one_kept():
    kept: Kept[str] = Kept(4)
    kept.keep("of the first", None, Thing("a"))
    first = Thing("a")
    kept.keep("of this one", None, first)
    assert kept.found(None, Thing("a")) is None
    assert kept.found(None, first) == "of this one"


def test_the_key_is_compared_by_equality():
    kept: Kept[str] = Kept(4)
    a = Thing("a")
    kept.keep("answer", ("ja", "/"), a)
    assert kept.found(("ja", "/"), a) == "answer"


def test_keeping_again_replaces_the_answer_and_makes_it_the_newest():
    kept: Kept[str] = Kept(2)
    a, b, c = Thing("a"), Thing("b"), Thing("c")
    kept.keep("a1", None, a)
    kept.keep("b", None, b)
    kept.keep("a2", None, a)
    kept.keep("c", None, c)  # forgets b, the oldest now
    assert (kept.found(None, a), kept.found(None, b), kept.found(None, c)) == ("a2", None, "c")


def test_at_most_size_answers_are_kept_the_oldest_forgotten_first():
    kept: Kept[int] = Kept(3)
    things = [Thing(str(i)) for i in range(5)]
    for i, thing in enumerate(things):
        kept.keep(i, None, thing)
    assert [kept.found(None, t) for t in things] == [None, None, 2, 3, 4]


def test_the_objects_of_a_kept_answer_live_while_it_is_kept():
    """So that their ids cannot be given to new objects while the answer is remembered."""
    kept: Kept[str] = Kept(1)
    thing, other = Thing("a"), Thing("b")
    alive = weakref.ref(thing), weakref.ref(other)
    kept.keep("answer", None, thing, other)
    del thing, other
    gc.collect()
    assert alive[0]() is not None and alive[1]() is not None
    assert kept.found(None, alive[0](), alive[1]()) == "answer"
    kept.keep("next", None, Thing("c"))
    gc.collect()
    assert alive[0]() is None and alive[1]() is None


def test_threads_keeping_and_finding_at_once_never_fail_nor_get_anothers_answer():
    kept: Kept[int] = Kept(4)
    failures: list[BaseException] = []

    def work() -> None:
        try:
            for i in range(20_000):
                thing = Thing("same")  # equal to every other, never the same object
                assert kept.found(i % 3, thing) is None
                kept.keep(id(thing), i % 3, thing)
                assert kept.found(i % 3, thing) in (id(thing), None)
        except BaseException as failure:  # a thread's failure, reported below
            failures.append(failure)

    threads = [Thread(target=work) for _ in range(4)]
    switching = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns often: a race shows up at once
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(switching)
    assert failures == []
