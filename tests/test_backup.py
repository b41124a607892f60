"""Nothing lost: dump and restore round-trip by hash (also SQLite → PostgreSQL), and a killed
import leaves the database exactly as before."""

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest
from django.contrib.auth.models import User
from django.db import OperationalError, connection, transaction

from shisaku.cli import main
from shisaku.exchange import backup
from shisaku.plan import services
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


def _write_from_another_connection(operator, outcome):
    """Commit, in one transaction of a second connection, a user and a municipality."""
    try:
        connection.ensure_connection()
        if connection.vendor == "sqlite":  # wait for the dump's write lock 2 s, not 20 s
            connection.connection.execute("PRAGMA busy_timeout = 2000")
        with transaction.atomic():
            User.objects.create(username="written-during-the-dump")
            services.save_municipality(actor=operator, code="999989", name_ja="途中市")
        outcome["committed_at"] = time.monotonic()
    except OperationalError as error:  # SQLite: the dump holds the write lock
        # (the tests' SQLite database is in memory with a shared cache: refused at once)
        outcome["refused"] = str(error)
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_a_dump_is_one_snapshot_even_when_a_write_commits_between_two_tables(
    operator, monkeypatch, tmp_path
):
    """Between the dump's reading of auth.User and of plan.Municipality, a second connection
    commits a user and a municipality together. The dump holds neither: it is exactly the
    database as it was when it began (PostgreSQL: REPEATABLE READ; SQLite: the write waits or
    is refused while the dump's transaction holds the write lock)."""
    services.save_municipality(actor=operator, code="999997", name_ja="試験市")
    before = backup.content_hash(backup.content())
    outcome = {}
    read = backup._rows

    def rows_then_write(model):
        rows = read(model)
        if model._meta.label == "auth.User":
            writer = threading.Thread(
                target=_write_from_another_connection, args=(operator, outcome)
            )
            writer.start()
            writer.join(timeout=5)
            outcome["writer"] = writer
            outcome["done_between_tables"] = not writer.is_alive()
        return rows

    monkeypatch.setattr(backup, "_rows", rows_then_write)
    path = tmp_path / "during.json"
    assert backup.dump(path) == before
    dumped_at = time.monotonic()
    outcome["writer"].join()
    document = json.loads(path.read_text(encoding="utf-8"))
    assert backup.content_hash(document["models"]) == before
    codes = [row["fields"]["code"] for row in document["models"]["plan.municipality"]]
    assert codes == ["999997"]
    monkeypatch.undo()
    if connection.vendor == "postgresql":  # the write committed while the dump was reading
        assert outcome["done_between_tables"] and "committed_at" in outcome
        assert backup.content_hash(backup.content()) != before
    else:  # SQLite: it could not commit before the dump ended
        assert "refused" in outcome or outcome["committed_at"] > dumped_at


WAL_DUMP = """
import sqlite3, sys
from pathlib import Path
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
from shisaku.exchange import backup
call_command("migrate", verbosity=0)
read, refusals = backup._rows, []
def rows_then_write(model):
    rows = read(model)
    if model._meta.label == "auth.User":
        writer = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=0.5)
        try:
            writer.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            refusals.append(str(error))
        writer.close()
    return rows
backup._rows = rows_then_write
backup.dump(Path(sys.argv[1]))
print(refusals)
"""


def test_on_a_sqlite_file_the_dump_holds_the_write_lock_from_its_first_table_to_its_last(
    tmp_path,
):
    """The production SQLite (a file in WAL mode, BEGIN IMMEDIATE): a writer between two of
    the dump's tables waits its busy timeout and is refused, so nothing commits mid-dump."""
    done = subprocess.run(
        [sys.executable, "-c", WAL_DUMP, str(tmp_path / "wal.json")],
        env=sqlite_env(tmp_path / "home") | {"DJANGO_SETTINGS_MODULE": "shisaku.settings"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['database is locked']"
