"""``shisaku voice-purge``: delete the contact details whose keeping period is over; and the
demo's example consultation, opened by ``shisaku demo``."""

from __future__ import annotations

import argparse
from datetime import date

from django.utils import timezone

from shisaku.cli.database import ensure_migrated
from shisaku.cli.registry import Command, register
from shisaku.domain.actors import Actor
from shisaku.voice.services import open_example_consultation, purge_contacts

DEMO_MEASURE = "2-1-2"  # 子ども支援の充実: the plan's own words on children's views


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


def open_demo_consultation(actor: Actor, municipality_code: str, plan_slug: str) -> None:
    """Open the demo's example consultation for children on measure 2-1-2 (once) and say so."""
    item = open_example_consultation(
        actor=actor,
        municipality_code=municipality_code,
        plan_slug=plan_slug,
        node_code=DEMO_MEASURE,
    )
    if item is not None:
        print(f"意見募集の例: 施策 {DEMO_MEASURE}（こども・若者向け、{item.ends_on} まで）")


register(
    "voice-purge",
    Command("保存期限を過ぎた意見の連絡先を削除する（毎日実行）", _configure, _handle),
)
