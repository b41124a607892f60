"""``shisaku serve``: run the web site."""

from __future__ import annotations

import argparse

from django.core.management import call_command

from shisaku.cli.database import ensure_migrated
from shisaku.cli.registry import Command, register


def _configure(parser: argparse.ArgumentParser) -> None:
    """Declare host and port."""
    parser.add_argument("--host", default="127.0.0.1", help="待ち受けるアドレス（既定 127.0.0.1）")
    parser.add_argument("--port", type=int, default=8000, help="ポート（既定 8000）")


def _handle(args: argparse.Namespace) -> int:
    """Migrate if needed, then serve until interrupted.

    The static files (styles, scripts, the icon) are served by this process with debug on or off
    (runserver's ``--insecure``), so ``scripts/run`` works with debug off and no web server in
    front; production serves them from nginx (docs/deployment.md).
    """
    ensure_migrated()
    print(f"http://{args.host}:{args.port}/ で公開サイトを提供します（Ctrl+C で終了）")
    address = f"{args.host}:{args.port}"
    call_command("runserver", address, use_reloader=False, insecure_serving=True)
    return 0


register("serve", Command("公開サイトを起動する", _configure, _handle))
