"""A server error is logged with its traceback to stderr, where gunicorn and systemd collect it."""

import io
import logging
import os
import secrets
import subprocess
import sys
import warnings

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import path

from tests.conftest import ROOT


def boom(request):
    raise RuntimeError("the view broke")


urlpatterns = [path("boom/", boom)]


def test_a_server_error_is_logged_on_django_request_with_its_traceback(settings, caplog):
    settings.ROOT_URLCONF = __name__
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/boom/", secure=True)
    assert response.status_code == 500
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelno == logging.ERROR
    assert record.getMessage() == "Internal Server Error: /boom/"
    assert record.exc_info[0] is RuntimeError
    assert "the view broke" in logging.Formatter().format(record)  # the traceback's last line


def test_request_errors_and_shisaku_messages_go_to_one_stderr_handler_with_level_and_name():
    for name in ("django.request", "shisaku"):
        # pytest adds its own capturing handlers to non-propagating loggers: skip those
        [handler] = [
            h for h in logging.getLogger(name).handlers if type(h) is logging.StreamHandler
        ]
        # the stream is sys.stderr as it was when logging was configured (under pytest, a
        # capture; every `shisaku` command configures it again): the production test below
        # proves it is the process's stderr
        assert isinstance(handler.stream, io.TextIOBase)
        assert "%(levelname)s %(name)s %(message)s" in handler.formatter._fmt
        assert "%(asctime)s" in handler.formatter._fmt
        assert not logging.getLogger(name).propagate  # written once, not again by "django"
    assert logging.getLogger("django.request").level == logging.ERROR
    assert logging.getLogger("shisaku").level == logging.getLevelName(django_settings.LOG_LEVEL)
    assert django_settings.LOGGING["handlers"]["stderr"]["stream"] == "ext://sys.stderr"


def test_warnings_are_still_errors_in_the_tests():
    with pytest.raises(UserWarning):
        warnings.warn("still an error", UserWarning, stacklevel=1)


PRODUCTION_REQUEST = """
import django
django.setup()
from django.test import Client
from django.test.utils import override_settings
with override_settings(ROOT_URLCONF="tests.test_logging"):
    print(Client(raise_request_exception=False).get("/boom/", secure=True).status_code)
"""


def production_env(tmp_path, **extra):
    unwanted = ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    return {k: v for k, v in os.environ.items() if k not in unwanted} | {
        "DJANGO_SETTINGS_MODULE": "shisaku.settings",
        "SHISAKU_HOME": str(tmp_path),
        "SHISAKU_DEBUG": "0",
        "SHISAKU_SECRET_KEY": secrets.token_urlsafe(50),
        "SHISAKU_ALLOWED_HOSTS": "testserver",
        **extra,
    }


def test_with_production_settings_a_server_error_reaches_stderr_with_its_traceback(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", PRODUCTION_REQUEST],
        env=production_env(tmp_path),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.strip() == "500", done.stderr
    first, *rest = done.stderr.splitlines()
    # e.g. "2025-01-31 09:00:00,123 ERROR django.request Internal Server Error: /boom/"
    assert first.split(" ", 2)[2] == "ERROR django.request Internal Server Error: /boom/"
    assert rest[0] == "Traceback (most recent call last):"
    assert rest[-1] == "RuntimeError: the view broke"


def test_an_unknown_log_level_refuses_to_start(tmp_path):
    env = production_env(tmp_path, SHISAKU_LOG_LEVEL="verbose")
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "SHISAKU_LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL" in done.stderr
