"""No lost updates and no server errors when people write the same thing at the same moment.

The server runs as in production (gunicorn, 3 workers × 4 threads) on the database of this
test run: a new SQLite file, or a new PostgreSQL database when the suite runs on PostgreSQL
(see :mod:`tests.livesite`). Each round releases eight writers together, round after round:

- figures through the API: with ``If-Match`` exactly one becomes the next revision (201) and
  the others get 412, for a correction and for a first figure alike; without ``If-Match`` one
  writer creates the figure (201) and every other is told to send ``If-Match`` (428), whether
  its value differs or not;
- an evaluation sheet saved in the workspace: one save (302), the others 409;
- a text saved as a draft in the workspace: every save answered, one draft kept;
- and from the command line, four imports of the same new plan and four ``open-year``: one
  creates, the others find it done — never an IntegrityError.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.livesite import (
    PLAN,
    TOWN,
    Site,
    drop_database,
    environment,
    import_plan,
    log_position,
    parallel,
    prepare,
    run_shisaku,
    server_errors,
    serving,
)

WRITERS = 8
ROUNDS = 6
INDICATOR = f"/api/v1/municipalities/{TOWN}/plans/{PLAN}/indicators/K1"
STAFF = f"/en/staff/{TOWN}/{PLAN}"


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, Path]]:
    """A running site with 試験市's plan, indicator K1 and the planning user kikaku."""
    home = tmp_path_factory.mktemp("live")
    env, name = environment(home)
    try:
        token = prepare(env, home)
        with serving(env, home) as port:
            yield Site(env, port, token), home
    finally:
        drop_database(name)


def _post(site: Site, value: str, breakdown: str = "", seen: int | None = None) -> int:
    """Record an actual of K1 for 2025年度; return the status."""
    payload = {"kind": "actual", "period": "2025年度", "value": value, "breakdown": breakdown}
    headers = {} if seen is None else {"If-Match": f'"{seen}"'}
    return site.api("POST", INDICATOR + "/figures", payload, **headers).status


def _revisions(site: Site, breakdown: str) -> list[int]:
    """Return the revisions kept of K1's 2025 actual for a breakdown."""
    items = json.loads(site.request("GET", INDICATOR + "/observations?limit=500").text)["items"]
    return sorted(i["revision"] for i in items if i["breakdown"] == breakdown)


def _one_of(statuses: list[int], first: int, rest: int) -> None:
    """Assert one ``first`` status and ``rest`` for all the others."""
    assert sorted(statuses, key=lambda s: s != first) == [first] + [rest] * (len(statuses) - 1)


def test_simultaneous_corrections_give_one_success_and_conflicts(live):
    site, home = live
    start = log_position(home)
    for seen in range(1, ROUNDS + 1):
        statuses = parallel(WRITERS, lambda i, n=seen: _post(site, f"{100 + n}{i}件", seen=n))
        _one_of(statuses, 201, 412)
    assert _revisions(site, "") == list(range(1, ROUNDS + 2))
    assert server_errors(home, start) == []


def test_simultaneous_first_figures_give_one_success_and_conflicts(live):
    site, home = live
    start = log_position(home)
    for n in range(ROUNDS):
        statuses = parallel(WRITERS, lambda i, n=n: _post(site, f"{i}件", f"初回{n}", seen=0))
        _one_of(statuses, 201, 412)
        assert _revisions(site, f"初回{n}") == [1]
    assert server_errors(home, start) == []


def test_simultaneous_writes_without_if_match_create_once_and_overwrite_nothing(live):
    site, home = live
    start = log_position(home)
    for n in range(ROUNDS):
        statuses = parallel(WRITERS, lambda i, n=n: _post(site, f"{i + 1}件", f"無条件{n}"))
        _one_of(statuses, 201, 428)
        assert _revisions(site, f"無条件{n}") == [1]
    assert server_errors(home, start) == []


def test_the_same_value_sent_at_once_is_recorded_once(live):
    site, home = live
    start = log_position(home)
    for n in range(ROUNDS):
        statuses = parallel(WRITERS, lambda i, n=n: _post(site, "7件", f"同値{n}"))
        _one_of(statuses, 201, 428)
        assert _revisions(site, f"同値{n}") == [1]
    assert server_errors(home, start) == []


def _open_year(site: Site, year: int, writers: int = 4) -> list[tuple[int, int]]:
    """Run ``shisaku open-year`` several times at once; return each one's (new, existing)."""
    args = ["open-year", "--municipality", TOWN, "--plan", PLAN, "--year", str(year)]
    done = parallel(writers, lambda i: run_shisaku(site.env, *args))
    assert [d.returncode for d in done] == [0] * writers, [d.stderr for d in done]
    said = [re.search(r"新規 (\d+)件・既存 (\d+)件", d.stdout) for d in done]
    return sorted((int(m[1]), int(m[2])) for m in said if m)


def test_simultaneous_open_year_creates_each_sheet_once(live):
    site, _ = live
    for year in (2026,):
        counts = _open_year(site, year)
        measures = max(new for new, _ in counts)
        assert measures > 0
        assert counts == [(0, measures)] * 3 + [(measures, 0)], counts


def _save_sheet(site: Site, cookies: dict[str, str], version: int, text: str) -> int:
    """Save the department's form of the 2025 sheet of measure 1-1-1; return the status."""
    fields = {
        "csrfmiddlewaretoken": cookies["csrftoken"],
        "form": "sheet",
        "sheet-version": str(version),
        "sheet-target_ja": text,
    }
    return site.form(f"{STAFF}/evaluations/2025/1-1-1/save/", fields, cookies).status


def test_simultaneous_sheet_saves_give_one_success_and_conflicts(live):
    site, home = live
    start = log_position(home)
    _open_year(site, 2025, writers=1)
    cookies = site.session("kikaku")
    version = 1
    for n in range(ROUNDS):
        statuses = parallel(
            WRITERS, lambda i, n=n, v=version: _save_sheet(site, cookies, v, f"目標{n}-{i}")
        )
        _one_of(statuses, 302, 409)
        version += 1
    assert server_errors(home, start) == []


def _save_draft(site: Site, cookies: dict[str, str], text: str) -> int:
    """Save a draft of the Japanese title of measure 1-1-1; return the status."""
    fields = {
        "csrfmiddlewaretoken": cookies["csrftoken"],
        "section": "",
        "position": "0",
        "language": "ja",
        "text": text,
    }
    return site.form(f"{STAFF}/text/1-1-1/", fields, cookies).status


def test_simultaneous_draft_saves_keep_one_draft(live):
    site, home = live
    start = log_position(home)
    cookies = site.session("kikaku")
    for n in range(ROUNDS):
        statuses = parallel(WRITERS, lambda i, n=n: _save_draft(site, cookies, f"下書き{n}-{i}"))
        assert statuses == [302] * WRITERS
        page = site.request("GET", f"{STAFF}/drafts/", headers=_cookie(cookies)).text
        assert sum(f"下書き{n}-{i}" in page for i in range(WRITERS)) == 1
    assert server_errors(home, start) == []


def _cookie(cookies: dict[str, str]) -> dict[str, str]:
    """Return the Cookie header of a session."""
    return {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}


def test_simultaneous_imports_of_a_new_plan_create_it_once(live):
    site, _ = live
    for town, period in (("999989", PLAN), (TOWN, "2029-2033")):
        done = parallel(4, lambda i, t=town, p=period: import_plan(site.env, t, p))
        assert [d.returncode for d in done] == [0] * 4, [d.stderr for d in done]
        said = Counter("created" if "新規作成しました" in d.stdout else "unchanged" for d in done)
        assert said == {"created": 1, "unchanged": 3}, [d.stdout for d in done]
        assert all("変更はありません" in d.stdout for d in done if "新規作成" not in d.stdout)
