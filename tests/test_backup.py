"""Nothing lost: dump and restore round-trip by hash (also SQLite → PostgreSQL), and a killed
import leaves the database exactly as before."""

import gzip
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
from django.contrib.auth.models import User
from django.db import OperationalError, connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shisaku.cli import main
from shisaku.exchange import backup, backup_file
from shisaku.indicators.models import Figure, Indicator
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


def test_every_model_of_every_shisaku_app_is_backed_up():
    from django.apps import apps

    kept = {m._meta.label_lower for m in backup.models()}
    every = {
        m._meta.label_lower
        for config in apps.get_app_configs()
        if config.name.startswith("shisaku.")
        for m in config.get_models()
    }
    assert every <= kept and "auth.user" in kept
    assert {"voice.opinion", "voice.opinioncontact", "plan.measuregoal"} <= kept
    assert "accounts.department" in kept


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
from shisaku.exchange import backup, backup_file
from shisaku.indicators.models import Figure, Indicator
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


# --- every value comes back exactly (issue 13, item 1) ---------------------------------------

INSTANTS = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(2999, 12, 31), timezones=st.just(UTC)
)


def _dump_empty_restore(path):
    """Dump, empty the database, restore; return the hashes before and after."""
    before = backup.dump(path)
    User.objects.all().delete()
    return before, backup.restore(path)


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(INSTANTS, min_size=1, max_size=4), st.integers(0, 999_999))
def test_any_time_stamp_comes_back_to_the_microsecond(db, tmp_path, instants, micro):
    """Time stamps of 0–999,999 µs (1–999 µs once lost their digits): dump → restore, equal."""
    instants = [*instants, datetime(2026, 5, 1, 9, 30, 7, micro, tzinfo=UTC)]
    with transaction.atomic():
        for number, instant in enumerate(instants):
            User.objects.create(username=f"u{number}", date_joined=instant, last_login=instant)
        before, after = _dump_empty_restore(tmp_path / "micro.json")
        assert before == after
        joined = sorted(User.objects.values_list("date_joined", flat=True))
        assert joined == sorted(instants)
        transaction.set_rollback(True)


def test_decimals_json_and_dates_are_written_in_one_exact_spelling():
    """Each kind of value has one canonical, lossless text."""
    plain = backup_file.plain
    assert plain(datetime(2026, 5, 1, 9, 30, 7, 1, tzinfo=UTC)) == "2026-05-01T09:30:07.000001Z"
    assert plain(datetime(2026, 5, 1, 9, 30, 7, tzinfo=UTC)) == "2026-05-01T09:30:07.000000Z"
    assert plain(Decimal("1E+3")) == "1000" and plain(Decimal("0.000001")) == "0.000001"
    assert plain(date(2026, 5, 1)) == "2026-05-01"


def test_a_dump_that_would_not_read_back_exactly_is_refused_and_not_written(
    db, operator, monkeypatch, tmp_path
):
    """The dump re-reads what it wrote: a lossy spelling fails loudly, leaving no file."""
    User.objects.create(username="x", date_joined=datetime(2026, 5, 1, 9, 30, 7, 123456, UTC))
    lossy = backup_file.plain

    def milliseconds(value):
        text = lossy(value)
        return text[:23] + "Z" if isinstance(value, datetime) else text

    monkeypatch.setattr(backup_file, "plain", milliseconds)
    path = tmp_path / "lossy.json"
    with pytest.raises(backup.BackupError, match=r"読み直す.*auth\.user.*date_joined"):
        backup.dump(path)
    assert not path.exists() and not list(tmp_path.iterdir())


def _many_figures(count):
    """Add ``count`` figures to one indicator of a small plan, in bulk, with varied values."""
    indicator = Indicator.objects.first()
    figures = [
        Figure(
            indicator=indicator,
            kind="actual",
            period=f"FY{2000 + n % 900}",
            period_start=2000 + n % 900,
            period_end=2000 + n % 900,
            breakdown=f"地区{n // 900}",
            raw=f"{n}.5人",
            value_kind="number",
            value=Decimal(n) / 1_000_000,
            components=[{"label": "内訳", "value": n / 7}],
            entered_by="test",
        )
        for n in range(count)
    ]
    Figure.objects.bulk_create(figures, batch_size=2000)


def _empty_everything():
    """Delete every row the dump holds, children first (audit entries too: a new database)."""
    with connection.cursor() as cursor:
        for model in reversed(backup.models()):
            cursor.execute(f"DELETE FROM {model._meta.db_table}")


def test_a_dump_of_over_100000_rows_restores_with_the_same_hash(small_plan, tmp_path):
    """A real-sized instance: 100,000 figures (decimals, JSON, time stamps) round-trip."""
    plan = Plan.objects.get()
    Indicator.objects.create(plan=plan, code="B1", name_ja="試験指標", direction="increase")
    _many_figures(100_000)
    path = tmp_path / "big.json.gz"
    started = time.monotonic()
    before = backup.dump(path)
    dumped = time.monotonic() - started
    _empty_everything()
    assert backup.restore(path) == before
    assert Figure.objects.count() == 100_000
    ratio = len(gzip.decompress(path.read_bytes())) / path.stat().st_size
    restored = time.monotonic() - started - dumped
    print(f"dump {dumped:.1f} s, restore {restored:.1f} s, gzip 1:{ratio:.0f}")


# --- a damaged or foreign file is refused with a message, not a traceback (item 11) ---------


def test_a_truncated_gzip_dump_is_refused_saying_it_was_cut(db, tmp_path):
    whole = tmp_path / "whole.json.gz"
    backup.dump(whole)
    cut = tmp_path / "cut.json.gz"
    cut.write_bytes(whole.read_bytes()[:-40])
    with pytest.raises(
        backup.BackupError, match=r"cut\.json\.gz: gzip ファイルが途中で切れています"
    ):
        backup.restore(cut)


def test_a_dump_without_models_is_refused_saying_what_is_missing(db, tmp_path):
    path = tmp_path / "nomodels.json"
    path.write_text('{"format": "shisaku.dump/1", "content_sha256": "0"}', encoding="utf-8")
    with pytest.raises(backup.BackupError, match="models（記録の一覧）がありません"):
        backup.restore(path)
    assert not Plan.objects.exists()
