"""Nothing lost: dump and restore round-trip by hash (also SQLite → PostgreSQL), and a killed
import leaves the database exactly as before."""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from shisaku.cli import main
from shisaku.exchange import backup
from shisaku.plan.models import Plan

SHISAKU = str(Path(sys.executable).parent / "shisaku")
ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
FIXTURE = Path(__file__).parent / "fixtures" / "plandocs" / "variant_fullwidth.txt"


def run(env, *args):
    done = subprocess.run([SHISAKU, *args], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def sqlite_env(home):
    return {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "SHISAKU_HOME": str(home)
    }


def postgres_env(home, name):
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return sqlite_env(home) | {"DATABASE_URL": ADMIN.rsplit("/", 1)[0] + "/" + name}


def digest_of(output):
    """Return the 64-hex content hash a dump or restore printed."""
    return re.search(r"[0-9a-f]{64}", output)[0]


def test_a_dump_restored_into_a_new_database_has_the_same_content(db, capsys, tmp_path):
    main(["demo"])
    before = backup.content_hash(backup.content())
    path = tmp_path / "all.json.gz"
    assert backup.dump(path) == before
    with pytest.raises(backup.BackupError, match="空ではありません"):
        backup.restore(path)


def test_a_damaged_dump_is_refused_naming_the_problem(db, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(
        '{"format": "shisaku.dump/1", "content_sha256": "0", "models": {}}', encoding="utf-8"
    )
    with pytest.raises(backup.BackupError, match="ハッシュが一致しません"):
        backup.restore(path)
    assert not Plan.objects.exists()


def test_sqlite_to_postgresql_and_back_gives_identical_content(tmp_path):
    source = sqlite_env(tmp_path / "a")
    run(source, "demo")
    first = digest_of(run(source, "dump", "-o", str(tmp_path / "a.json.gz")))
    target = postgres_env(tmp_path / "b", "shisaku_test_restore")
    assert digest_of(run(target, "restore", str(tmp_path / "a.json.gz"))) == first
    again = digest_of(run(target, "dump", "-o", str(tmp_path / "b.json")))
    back = sqlite_env(tmp_path / "c")
    assert digest_of(run(back, "restore", str(tmp_path / "b.json"))) == first
    assert again == first


def _big_indicator_files(folder, indicators=1500, years=10, areas=6):
    """Write fictional definitions and figures for 試験市 (999997): enough for a long import."""
    head = "municipality_code,plan,indicator_code,name,direction\n"
    rows = "".join(f"999997,2024-2028,B{i},試験指標{i},increase\n" for i in range(indicators))
    (folder / "defs.csv").write_text(head + rows, encoding="utf-8")
    head = "municipality_code,plan,indicator_code,kind,period,value,note,source,breakdown\n"
    rows = "".join(
        f"999997,2024-2028,B{i},actual,{2015 + y}年度,{i + y + a},,,地区{a}\n"
        for i in range(indicators)
        for y in range(years)
        for a in range(areas)
    )
    (folder / "figs.csv").write_text(head + rows, encoding="utf-8")


def test_a_killed_import_leaves_the_database_exactly_as_before(tmp_path):
    env = sqlite_env(tmp_path / "home")
    run(
        env,
        "import-plan",
        str(FIXTURE),
        "--municipality",
        "999997",
        "--name",
        "試験市",
        "--title",
        "試験計画",
        "--period",
        "2024-2028",
    )
    before = digest_of(run(env, "dump", "-o", str(tmp_path / "before.json")))
    _big_indicator_files(tmp_path)
    wal = tmp_path / "home" / "shisaku.sqlite3-wal"
    start = wal.stat().st_size if wal.exists() else 0
    job = subprocess.Popen(
        [SHISAKU, "import-indicators", str(tmp_path / "defs.csv"), str(tmp_path / "figs.csv")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while job.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > start + 2_000_000:  # well into its transaction
            break
        time.sleep(0.05)
    assert job.poll() is None, (
        "the import finished before it could be killed: make the files larger"
    )
    job.send_signal(signal.SIGKILL)
    job.wait()
    after = digest_of(run(env, "dump", "-o", str(tmp_path / "after.json")))
    assert after == before
