"""`shisaku demo` then `shisaku serve` in real processes, as the README's run command does."""

import os
import socket
import subprocess
import sys
import time
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


def test_the_served_site_shows_the_bundled_plan(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "SHISAKU_HOME": str(tmp_path)
    }
    subprocess.run([SHISAKU, "demo"], env=env, check=True, capture_output=True)
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [SHISAKU, "serve", "--port", str(port)], env=env, stdout=log, stderr=log
    )
    try:
        page = _get(f"http://127.0.0.1:{port}/ja/022012/2019-2023/2-1/", time.monotonic() + 30)
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
    assert "<h1" in page and "子ども・子育て支援の充実" in page
    assert "《" not in page and "出生数の状況" in page
