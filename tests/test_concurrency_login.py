"""The sign-in lockout holds when the attempts arrive all at once, on several server processes.

The server runs as in production (gunicorn, 3 workers × 4 threads, the production password
hasher) on this run's database (see :mod:`tests.livesite`). Five failed attempts lock a name
for 15 minutes; released together, a hundred wrong passwords get five password checks and
ninety-five refusals, and the right password sent just after them is refused too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from shisaku.accounts.services import LOCK_AFTER
from tests.livesite import (
    PASSWORD,
    PLAN,
    TOWN,
    Site,
    add_user,
    drop_database,
    environment,
    import_plan,
    parallel,
    server_errors,
    serving,
)

LOCKED = "Sign-in is temporarily restricted"
WRONG = "The user name or password is not correct"


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, Path]]:
    """A running site with the users hayashi, mori and kawa of 試験市 (fictional)."""
    home = tmp_path_factory.mktemp("live")
    env, name = environment(home)
    try:
        done = import_plan(env, TOWN, PLAN)  # creates 試験市
        assert done.returncode == 0, done.stderr
        for user in ("hayashi", "mori", "kawa"):
            add_user(env, user, "viewer")
        with serving(env, home) as port:
            yield Site(env, port), home
    finally:
        drop_database(name)


def _outcome(site: Site, username: str, password: str, csrf: str) -> str:
    """Try to sign in; return "in", "locked" or "wrong"."""
    answer = site.login(username, password, csrf)
    if answer.status == 302:
        return "in"
    assert answer.status == 200, answer.status
    if LOCKED in answer.text:
        return "locked"
    assert WRONG in answer.text, answer.text[:500]
    return "wrong"


def test_a_hundred_wrong_passwords_at_once_get_five_checks_and_lock_the_name(live):
    site, home = live
    csrf = site.csrf()
    outcomes = parallel(100, lambda i: _outcome(site, "hayashi", f"wrong password {i:04}", csrf))
    assert Counter(outcomes) == {"wrong": LOCK_AFTER, "locked": 100 - LOCK_AFTER}
    assert _outcome(site, "hayashi", PASSWORD, csrf) == "locked"
    assert server_errors(home) == []


def test_the_right_password_just_after_many_wrong_ones_is_refused(live):
    site, _ = live
    csrf = site.csrf()
    tries = [f"wrong password {i:04}" for i in range(39)] + [PASSWORD]
    outcomes = parallel(40, lambda i: _outcome(site, "mori", tries[i], csrf), stagger=0.3)
    assert outcomes[-1] == "locked"
    assert Counter(outcomes[:-1]) == {"wrong": LOCK_AFTER, "locked": 39 - LOCK_AFTER}


def test_a_name_nobody_has_is_locked_the_same_way(live):
    site, _ = live
    csrf = site.csrf()
    outcomes = parallel(20, lambda i: _outcome(site, "nobody", f"wrong password {i:04}", csrf))
    assert Counter(outcomes) == {"wrong": LOCK_AFTER, "locked": 20 - LOCK_AFTER}


def test_a_success_within_the_limit_signs_in_and_forgets_the_failures(live):
    site, _ = live
    csrf = site.csrf()
    for i in range(LOCK_AFTER - 1):
        assert _outcome(site, "kawa", f"wrong password {i:04}", csrf) == "wrong"
    assert _outcome(site, "kawa", PASSWORD, csrf) == "in"
    for i in range(LOCK_AFTER - 1):
        assert _outcome(site, "kawa", f"wrong password {i:04}", csrf) == "wrong"


def test_a_form_without_a_password_does_not_clear_the_count(live):
    site, _ = live
    csrf = site.csrf()
    for i in range(LOCK_AFTER - 1):
        assert _outcome(site, "ghost", f"wrong password {i:04}", csrf) == "wrong"
    assert site.login("ghost", "", csrf).status == 200  # the field's error; nothing is tried
    assert _outcome(site, "ghost", "wrong password 9999", csrf) == "wrong"
    assert _outcome(site, "ghost", "wrong password 9998", csrf) == "locked"
