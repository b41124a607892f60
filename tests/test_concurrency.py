"""No lost updates: two people correct the same figure at the same moment through the API.

The server runs as in production (gunicorn, 2 workers × 4 threads) on the database of this
test run: a new SQLite file, or a new PostgreSQL database when the suite runs on PostgreSQL.
Each round, two requests that both saw revision n are released together; exactly one
becomes revision n+1 and the other gets 409 — never a silent overwrite.
"""

import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg

BIN = Path(sys.executable).parent
FIXTURE = Path(__file__).parent / "fixtures" / "plandocs" / "variant_fullwidth.txt"
URL = "/api/v1/municipalities/999997/plans/2024-2028/indicators/K1/figures"
PASSWORD = "correct horse battery staple 42"
ROUNDS = 8


def _env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {
        "SHISAKU_HOME": str(tmp_path),
        "SHISAKU_DEBUG": "0",
        "SHISAKU_HTTPS": "0",
        "SHISAKU_SECRET_KEY": secrets.token_urlsafe(40),
        "SHISAKU_ALLOWED_HOSTS": "127.0.0.1",
    }
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        admin = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS shisaku_test_concurrency")
            conn.execute("CREATE DATABASE shisaku_test_concurrency")
        env["DATABASE_URL"] = admin.rsplit("/", 1)[0] + "/shisaku_test_concurrency"
    return env


def _shisaku(env, *args, stdin=""):
    done = subprocess.run(
        [str(BIN / "shisaku"), *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _prepare(env, tmp_path):
    """Create 試験市 (fictional) with indicator K1 and its actual 100件, a user and a token."""
    _shisaku(
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
    (tmp_path / "d.csv").write_text(
        "municipality_code,plan,indicator_code,name,direction\n999997,2024-2028,K1,試験指標,increase\n",
        encoding="utf-8",
    )
    (tmp_path / "f.csv").write_text(
        "municipality_code,plan,indicator_code,kind,period,value,note\n"
        "999997,2024-2028,K1,actual,2025年度,100件,\n",
        encoding="utf-8",
    )
    _shisaku(env, "import-indicators", str(tmp_path / "d.csv"), str(tmp_path / "f.csv"))
    _shisaku(
        env,
        "createuser",
        "kikaku",
        "--municipality",
        "999997",
        "--role",
        "planning",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    return _shisaku(env, "createtoken", "kikaku", "--name", "test").strip()


def _serve(env, tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "shisaku.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
        ],
        env=env,
        stdout=log,
        stderr=log,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, port, log
        except OSError:
            time.sleep(0.2)
    raise AssertionError((tmp_path / "gunicorn.log").read_text())


def _post(port, token, seen, value, barrier, out):
    body = json.dumps({"kind": "actual", "period": "2025年度", "value": value}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{URL}",
        data=body,
        method="POST",
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "If-Match": f'"{seen}"',
        },
    )
    barrier.wait()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            out.append(response.status)
    except urllib.error.HTTPError as error:
        out.append(error.code)
        error.close()


def _revisions(port):
    with urllib.request.urlopen(
        f"http://127.0.0.1:{port}{URL.rsplit('/', 1)[0]}/observations"
    ) as r:
        items = json.load(r)["items"]
    return sorted(i["revision"] for i in items)


def test_simultaneous_corrections_give_one_success_and_one_conflict(tmp_path):
    env = _env(tmp_path)
    token = _prepare(env, tmp_path)
    server, port, log = _serve(env, tmp_path)
    try:
        for seen in range(1, ROUNDS + 1):
            statuses: list[int] = []
            barrier = threading.Barrier(2)
            threads = [
                threading.Thread(
                    target=_post, args=(port, token, seen, f"{100 + seen}{s}件", barrier, statuses)
                )
                for s in ("0", "5")
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert sorted(statuses) == [201, 409], (seen, statuses)
        assert _revisions(port) == list(range(1, ROUNDS + 2))
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
