"""A kept page answered again costs its stamp's read, not a new database connection.

On the embedded SQLite database each server thread keeps its connection between requests
(``CONN_MAX_AGE``, as for PostgreSQL): opening one (the connection, its pragmas and functions)
cost about three times what the rest of a kept page's answer costs (benchmarks/README.md,
HTTP load).  Checked in a process of its own, as production runs: a new SQLite file, no test
database around it, Django's WSGI handler answering the home page three times in one thread.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = """
import io, sys
import django
django.setup()
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.db import connections
from django.db.backends.signals import connection_created

call_command("migrate", verbosity=0)
connections.close_all()
opened = []
connection_created.connect(
    lambda sender, connection, **kwargs: opened.append(connection.alias), weak=False
)
app = WSGIHandler()
statuses = []
for _ in range(3):
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": "/ja/", "QUERY_STRING": "",
        "SERVER_NAME": "localhost", "SERVER_PORT": "80", "HTTP_HOST": "localhost",
        "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr,
    }
    body = app(environ, lambda status, headers: statuses.append(status))
    b"".join(body)
    body.close()
print(statuses, opened)
"""


def test_three_requests_on_the_embedded_database_open_one_connection(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "SHISAKU_HOME": str(tmp_path),
        "SHISAKU_DEBUG": "0",
        "SHISAKU_SECRET_KEY": "test-only-" + "k" * 50,
        "SHISAKU_ALLOWED_HOSTS": "localhost",
        "SHISAKU_HTTPS": "0",
        "DJANGO_SETTINGS_MODULE": "shisaku.settings",
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "['200 OK', '200 OK', '200 OK'] ['default']\n"
