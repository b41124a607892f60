"""Production settings pass Django's deployment check; every response carries the CSP."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from shisaku.security import POLICY

SHISAKU = str(Path(sys.executable).parent / "shisaku")


def test_production_settings_pass_the_deployment_check(tmp_path):
    # the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE must not reach a deployment check
    unwanted = ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in unwanted} | {
        "SHISAKU_HOME": str(tmp_path),
        "SHISAKU_DEBUG": "0",
        "SHISAKU_SECRET_KEY": secrets.token_urlsafe(50),
        "SHISAKU_ALLOWED_HOSTS": "plan.example.jp",
    }
    done = subprocess.run(
        [SHISAKU, "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SHISAKU_SECRET_KEY")}
    env |= {"SHISAKU_HOME": str(tmp_path), "SHISAKU_DEBUG": "0"}
    done = subprocess.run([SHISAKU, "check"], env=env, capture_output=True, text=True, check=False)
    assert done.returncode != 0
    assert "SHISAKU_SECRET_KEY must be set" in done.stderr


def test_every_kind_of_response_carries_the_content_security_policy(db, client):
    for url in ["/ja/", "/ja/999999/", "/api/v1/municipalities", "/ja/staff/login/"]:
        response = client.get(url)
        assert response.headers["Content-Security-Policy"] == POLICY, url
    assert "script-src 'self'" in POLICY and "unsafe-inline" not in POLICY
