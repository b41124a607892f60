"""The upload limit holds before the body arrives, and uploads are kept exactly as documented
(issue 13, item 11)."""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import load_handler

from shisaku.staff import planimport_store, uploads
from tests.conftest import ROOT
from tests.test_staff_support import BASE, as_user, town_fixture  # noqa: F401

UPLOAD = BASE + "upload/"


class EndlessBody:
    """A request body that counts what is read from it (and never ends)."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        """Return ``size`` bytes of a multipart-looking body, counting them."""
        size = 64 * 1024 if size is None or size < 0 else size
        self.read_bytes += size
        return b"x" * size

    def readline(self, size: int = -1) -> bytes:
        """Return a line (Django's multipart parser may read by line)."""
        return self.read(size if size and size > 0 else 1024)


def test_a_body_declaring_50_mb_is_refused_with_413_before_a_byte_is_read(town):
    """Before: the whole body was read (and spooled to a temporary file) before the form
    said the file was over 5 MB."""
    body = EndlessBody()
    response = as_user("kikaku").generic(
        "POST",
        UPLOAD,
        CONTENT_TYPE="multipart/form-data; boundary=abc",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
        **{"wsgi.input": body},
    )
    assert response.status_code == 413
    text = response.content.decode()
    assert text.startswith("送信されたデータが大きすぎます（50.0 MB。ファイルは 5 MB までです）")
    assert body.read_bytes == 0


def test_under_the_api_the_413_is_the_api_error_envelope(client, db):
    """Before: the API answered an oversized body with the site's plain text."""
    body = EndlessBody()
    response = client.generic(
        "POST",
        "/api/v1/municipalities/999997/plans/2024-2028/indicators/K1/figures",
        CONTENT_TYPE="application/json",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
        **{"wsgi.input": body},
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json; charset=utf-8"
    error = response.json()["error"]
    assert (error["status"], error["code"], error["details"]) == (413, "payload_too_large", [])
    assert error["message"].startswith("送信されたデータが大きすぎます（50.0 MB。")
    assert "The request is too large (50.0 MB" in error["message"]
    assert body.read_bytes == 0


def test_an_upload_within_the_limit_is_read_in_memory_never_into_a_temporary_file():
    handlers = [load_handler(path) for path in settings.FILE_UPLOAD_HANDLERS]
    assert [type(h).__name__ for h in handlers] == ["MemoryFileUploadHandler"]
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE >= settings.SHISAKU_UPLOAD_MAX_BYTES + 64 * 1024


def test_the_deployment_guide_says_what_is_kept_of_an_upload_and_when_it_is_deleted():
    """docs/deployment.md once said uploads were never stored, while a previewed file waited a
    day in the instance folder."""
    text = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    assert "never stored" not in text
    for name in ("uploads", "plan-uploads"):
        assert f"$SHISAKU_HOME/{name}/" in text
    assert uploads.KEEP_SECONDS == planimport_store.KEEP_SECONDS == 24 * 60 * 60
    assert "413" in text and "a day" in text
