"""`shisaku demo` then `shisaku serve` in real processes, as the README's run command does:
with debug off (scripts/run's SHISAKU_DEBUG=0), so the styles, the icon and the site's own 404
page are what a visitor gets."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

SHISAKU = str(Path(sys.executable).parent / "shisaku")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return str(response.read().decode("utf-8"))
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _answer(url: str) -> tuple[int, str, bytes]:
    """Return the status, content type and body of a GET, error statuses included."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


# What scripts/run sets: debug off over plain HTTP, with a secret key.
RUN_ENV = {"SHISAKU_DEBUG": "0", "SHISAKU_HTTPS": "0", "SHISAKU_SECRET_KEY": "test-" + "k" * 50}


def test_the_served_site_shows_the_bundled_plan(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "SHISAKU_HOME": str(tmp_path),
        **RUN_ENV,
    }
    subprocess.run([SHISAKU, "demo"], env=env, check=True, capture_output=True)
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [SHISAKU, "serve", "--port", str(port)], env=env, stdout=log, stderr=log
    )
    site = f"http://127.0.0.1:{port}"
    try:
        page = _get(f"{site}/ja/022012/2019-2023/2-1/", time.monotonic() + 30)
        style, icon = _answer(f"{site}/static/shisaku/site.css"), _answer(f"{site}/favicon.ico")
        missing = _answer(f"{site}/en/no-such-page/")
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
    assert "<h1" in page and "子ども・子育て支援の充実" in page
    assert "《" not in page and "出生数の状況" in page
    assert style[0] == 200 and style[1].startswith("text/css")
    assert icon[0] == 200 and icon[1].startswith("image/")
    assert missing[0] == 404 and b"<h1>Page not found</h1>" in missing[2]
    assert b"URLconf" not in missing[2]
