"""The plan views shared by server processes (shisaku/evaluation/shared_views.py).

Each step runs in a fresh Python process (tests/plan_views_process.py) on one SQLite database
and one shared cache folder, as two gunicorn workers would: what a process built is counted,
never timed.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import zlib

import pytest
from django.core.cache.backends.filebased import FileBasedCache

from shisaku.evaluation import shared_views
from shisaku.indicators.queries import IndicatorView
from tests.conftest import ROOT
from tests.test_plan_views_kept import ONE, OTHER


def _run(home, *args: str) -> dict:
    """Run one step in a fresh process; return what it printed (JSON) or {}."""
    env = os.environ | {"SHISAKU_HOME": str(home), "DATABASE_URL": "", "DATABASE_REPLICA_URLS": ""}
    env |= {"SHISAKU_PLAN_SHARED_CACHE": "file", "DJANGO_SETTINGS_MODULE": "shisaku.settings"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.plan_views_process", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(done.stdout) if done.stdout.strip() else {}


def test_a_second_process_builds_nothing_and_a_write_rebuilds_only_its_city(tmp_path):
    _run(tmp_path, "setup")
    first = _run(tmp_path, "read", ONE, OTHER)
    second = _run(tmp_path, "read", ONE, OTHER)
    assert first["counts"]["shared"] == 0
    assert first["counts"]["built"] == first["counts"]["stored"] > 0
    assert (second["counts"]["built"], second["counts"]["stored"]) == (0, 0)
    assert 0 < second["counts"]["shared"] <= first["counts"]["built"]
    assert second["pages"] == first["pages"]

    _run(tmp_path, "write", ONE)
    other = _run(tmp_path, "read", OTHER)  # the other city: still shared, nothing built
    assert other["counts"]["built"] == 0
    assert other["pages"] == {u: d for u, d in first["pages"].items() if f"/{OTHER}/" in u}
    one = _run(tmp_path, "read", ONE)  # the city written: built again, once
    changed = [u for u, d in one["pages"].items() if d != first["pages"][u]]
    assert one["counts"]["built"] > 0 and one["counts"]["shared"] == 0
    assert f"/ja/{ONE}/2024-2028/indicators/K1/" in changed
    again = _run(tmp_path, "read", ONE)
    assert again["counts"]["built"] == 0 and again["pages"] == one["pages"]


@pytest.fixture
def folder(tmp_path) -> FileBasedCache:
    """A file cache in a folder of its own, as the default ``plans`` cache is."""
    return FileBasedCache(str(tmp_path / "plan-views"), {"TIMEOUT": 60})


def test_an_entry_round_trips_our_data_classes(folder):
    view = {"kinds": [1, 2.5, "三", None], "type": IndicatorView}
    assert shared_views.store(folder, "plan:a", view)
    assert shared_views.fetch(folder, "plan:a") == (True, view)


def test_a_corrupt_tampered_or_foreign_entry_is_left_aside(folder, tmp_path):
    shared_views.store(folder, "plan:a", [1, 2])
    entry = folder.get("plan:a")
    folder.set("plan:b", entry[:-3] + b"xyz")  # tampered: the signature no longer verifies
    folder.set("plan:c", b"short")
    folder.set("plan:d", {"not": "bytes"})
    for name in ("plan:b", "plan:c", "plan:d", "plan:missing"):
        assert shared_views.fetch(folder, name) == (False, None), name
    for path in (tmp_path / "plan-views").iterdir():  # the cache's own files broken
        path.write_bytes(b"\x00garbage")
    assert shared_views.fetch(folder, "plan:a") == (False, None)


def test_an_entry_naming_a_function_is_refused_even_when_signed(folder):
    packed = zlib.compress(pickle.dumps(os.system))
    folder.set("plan:f", shared_views._signature(packed) + packed)
    assert shared_views.fetch(folder, "plan:f") == (False, None)
    with pytest.raises(ValueError, match="not a class a plan view holds"):
        shared_views.loads(shared_views._signature(packed) + packed)


def test_an_answer_too_large_stays_in_its_process(folder, monkeypatch):
    monkeypatch.setattr(shared_views, "MAX_ENTRY_BYTES", 1000)
    assert not shared_views.store(folder, "plan:big", os.urandom(2000))
    assert shared_views.store(folder, "plan:small", b"x" * 2000)  # compresses under the bound
    assert shared_views.fetch(folder, "plan:big") == (False, None)
