"""``shisaku report`` (the year's reports as files) and ``shisaku mark-education``.

See docs/reports.md. A report is built in memory, then written atomically: a failure leaves
nothing half-written.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from shisaku.accounts.permissions import PermissionDenied
from shisaku.cli.database import ensure_migrated
from shisaku.cli.registry import Command, CommandError, register
from shisaku.domain.actors import Actor
from shisaku.domain.localcode import LocalCodeError, normalize_local_code
from shisaku.plan import queries, services
from shisaku.progress import enabled, track
from shisaku.reports.data import Placed, ReportError
from shisaku.reports.files import TargetError, check_target, write_atomic
from shisaku.reports.kinds import KINDS, build


def _day(text: str) -> date:
    """Read an ISO date (2025-09-01)."""
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"「{text}」: 日付は 2025-09-01 の形で") from error


def _plan(code: str, slug: str | None) -> queries.PlanInfo:
    """Return the plan the options name."""
    try:
        return queries.find_plan(normalize_local_code(code), slug)
    except (queries.NotFound, LocalCodeError) as error:
        raise CommandError(str(error)) from error


def _reported_plan(code: str, slug: str | None) -> queries.PlanInfo:
    """Return the plan named, or the current published plan (a draft is reported only by name)."""
    if slug:
        return _plan(code, slug)
    try:
        return queries.find_plan(normalize_local_code(code), published_only=True)
    except LocalCodeError as error:
        raise CommandError(str(error)) from error
    except queries.NotFound as error:
        message = f"{code} には公開中の計画がありません（下書きの計画は --plan で指定してください）"
        raise CommandError(message) from error


def _configure_report(parser: argparse.ArgumentParser) -> None:
    """Declare the options of report."""
    kinds = "、".join(f"{name}: {kind.label}" for name, kind in KINDS.items())
    parser.add_argument("kind", choices=list(KINDS), metavar="KIND", help=f"種類（{kinds}）")
    parser.add_argument(
        "--municipality", required=True, metavar="CODE", help="全国地方公共団体コード"
    )
    parser.add_argument("--plan", metavar="SLUG", help="計画の識別子（既定: 公開中の現行の計画）")
    parser.add_argument("--year", type=int, required=True, metavar="YYYY", help="対象の年度")
    parser.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE", help="書き出すファイル"
    )
    parser.add_argument(
        "--issued", type=_day, metavar="YYYY-MM-DD", help="表紙の発行日（既定: 今日）"
    )


def _progress(items: Sequence[Placed]) -> Iterable[Placed]:
    """Draw a bar over the measures (only on a terminal)."""
    return track(items, total=len(items), label="施策")


def _handle_report(args: argparse.Namespace) -> int:
    """Build a report and write it."""
    ensure_migrated()
    plan = _reported_plan(args.municipality, args.plan)
    try:
        target = check_target(args.output)
    except TargetError as error:
        raise CommandError(str(error)) from error
    started = time.perf_counter()
    if enabled(sys.stderr):
        print(f"{KINDS[args.kind].label}を作成しています…", file=sys.stderr)
    try:
        data = build(args.kind, plan, args.year, issued=args.issued, track=_progress)
    except ReportError as error:
        raise CommandError(str(error)) from error
    try:
        write_atomic(target, data)
    except OSError as error:
        raise CommandError(f"{target} に書き込めません: {error.strerror or error}") from error
    seconds = time.perf_counter() - started
    print(f"{target}: {KINDS[args.kind].label}（{len(data):,} バイト、{seconds:.1f} 秒）")
    return 0


def _configure_mark(parser: argparse.ArgumentParser) -> None:
    """Declare the options of mark-education."""
    parser.add_argument("node", metavar="NODE_CODE", help="政策のコード（例: 2-2）")
    parser.add_argument(
        "--municipality", required=True, metavar="CODE", help="全国地方公共団体コード"
    )
    parser.add_argument("--plan", required=True, metavar="SLUG", help="計画の識別子")
    parser.add_argument("--off", action="store_true", help="印を外す")


def _handle_mark(args: argparse.Namespace) -> int:
    """Mark (or unmark) a policy as education."""
    ensure_migrated()
    plan = _plan(args.municipality, args.plan)
    try:
        changed = services.mark_education(
            actor=Actor.operator(),
            municipality_code=plan.municipality_code,
            slug=plan.meta.slug,
            node_code=args.node,
            education=not args.off,
        )
    except (queries.NotFound, services.NotAPolicy, PermissionDenied) as error:
        raise CommandError(str(error)) from error
    state = "対象から外しました" if args.off else "対象にしました"
    if not changed:
        state = "対象外のままです" if args.off else "既に対象です"
    print(f"{plan.municipality_code}/{plan.meta.slug} {args.node}: 教育の点検・評価の{state}")
    return 0


register(
    "report",
    Command("年度の報告書（PDF・Excel・HTML）を作成する", _configure_report, _handle_report),
)
register(
    "mark-education",
    Command(
        "政策に教育（点検・評価報告書の対象）の印を付ける・外す", _configure_mark, _handle_mark
    ),
)
