"""``shisaku voice-purge``: delete the contact details whose keeping period is over."""

from __future__ import annotations

import argparse
from datetime import date

from django.utils import timezone

from shisaku.cli.database import ensure_migrated
from shisaku.cli.registry import Command, register
from shisaku.domain.actors import Actor
from shisaku.voice.services import purge_contacts


def _configure(parser: argparse.ArgumentParser) -> None:
    """Declare --today (for a run that catches up, or a test)."""
    parser.add_argument(
        "--today", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD", help="基準日"
    )


def _handle(args: argparse.Namespace) -> int:
    """Delete the contact details due and print how many."""
    ensure_migrated()
    today = args.today or timezone.localdate()
    count = purge_contacts(actor=Actor.operator(), today=today)
    print(f"連絡先を {count} 件削除しました（保存期限が {today.isoformat()} より前のもの）")
    return 0


register(
    "voice-purge",
    Command("保存期限を過ぎた意見の連絡先を削除する（毎日実行）", _configure, _handle),
)
