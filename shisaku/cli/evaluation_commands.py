"""``shisaku open-year``, ``stage-deadline``, ``evaluation-status`` and ``remind``.

The yearly evaluation cycle (docs/evaluation.md) from the command line, acting as the
instance operator.
"""

from __future__ import annotations

import argparse
import unicodedata
from datetime import date

from shisaku.accounts.permissions import PermissionDenied
from shisaku.cli.database import ensure_migrated
from shisaku.cli.registry import Command, CommandError, register
from shisaku.domain.actors import Actor
from shisaku.domain.localcode import LocalCodeError, normalize_local_code
from shisaku.domain.workflow import STAGE_LABELS, STAGES, STATE_LABELS, date_ja
from shisaku.evaluation import services
from shisaku.evaluation.queries import CycleOverview, cycle_overview, fiscal_year_label
from shisaku.evaluation.reminders import reminders, send_reminders
from shisaku.plan import queries

DRY_RUN = "（試行）"


def _day(text: str) -> date:
    """Read an ISO date (2025-06-30)."""
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"「{text}」: 日付は 2025-06-30 の形で") from error


def _common(parser: argparse.ArgumentParser) -> None:
    """Declare the options every evaluation command takes."""
    parser.add_argument(
        "--municipality", required=True, metavar="CODE", help="全国地方公共団体コード"
    )
    parser.add_argument("--plan", metavar="SLUG", help="計画の識別子（既定: 現行の計画）")
    parser.add_argument("--year", type=int, required=True, metavar="YYYY", help="評価する年度")


def _with_today(parser: argparse.ArgumentParser) -> None:
    """Declare the common options and --today."""
    _common(parser)
    parser.add_argument(
        "--today", type=_day, default=None, metavar="YYYY-MM-DD", help="基準日（既定: 今日）"
    )


def _plan(args: argparse.Namespace) -> queries.PlanInfo:
    """Return the plan the options name."""
    try:
        return queries.find_plan(normalize_local_code(args.municipality), args.plan)
    except (queries.NotFound, LocalCodeError) as error:
        raise CommandError(str(error)) from error


def _handle_open(args: argparse.Namespace) -> int:
    """Create the year's draft evaluations."""
    ensure_migrated()
    plan = _plan(args)
    try:
        done = services.open_year(
            actor=Actor.operator(),
            municipality_code=plan.municipality_code,
            plan=plan.meta.slug,
            fiscal_year=args.year,
        )
    except (services.EvaluationError, PermissionDenied) as error:
        raise CommandError(str(error)) from error
    label = fiscal_year_label(args.year)
    print(f"{label}の施策評価: 新規 {len(done.created)}件・既存 {len(done.existing)}件")
    for code in done.reassigned:
        print(f"  {code}: 担当課を施策の主管課に合わせました")
    return 0


def _configure_deadline(parser: argparse.ArgumentParser) -> None:
    """Declare the options of stage-deadline."""
    _common(parser)
    parser.add_argument("--stage", required=True, choices=STAGES, help="段階")
    parser.add_argument("--due", required=True, type=_day, metavar="YYYY-MM-DD", help="期限")


def _handle_deadline(args: argparse.Namespace) -> int:
    """Set a stage's due date."""
    ensure_migrated()
    plan = _plan(args)
    try:
        services.set_stage_deadline(
            actor=Actor.operator(),
            municipality_code=plan.municipality_code,
            plan=plan.meta.slug,
            fiscal_year=args.year,
            stage=args.stage,
            due=args.due,
        )
    except (services.EvaluationError, PermissionDenied) as error:
        raise CommandError(str(error)) from error
    label = STAGE_LABELS[args.stage]
    print(f"{fiscal_year_label(args.year)}「{label}」の期限: {date_ja(args.due)}")
    return 0


def _width(text: str) -> int:
    """Return the display width of text (full-width characters count two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    """Pad text with spaces to a display width."""
    return text + " " * max(0, width - _width(text))


def _table(rows: list[list[str]]) -> list[str]:
    """Return rows as aligned columns."""
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]


def status_text(overview: CycleOverview, plan: queries.PlanInfo) -> str:
    """Render the year's overview: one line per measure, then the totals per department."""
    lines = [
        f"{plan.municipality_name_ja} {plan.meta.title}  {overview.fiscal_year_label}の施策評価"
    ]
    if not overview.rows:
        return (
            "\n".join([*lines, "  評価はまだありません（shisaku open-year で作成します）"]) + "\n"
        )
    head = ["施策", "名称", "担当課", "状態", "次の段階", "期限", ""]
    body = [
        [
            r.measure_code,
            r.measure_title,
            r.department or "（未設定）",
            r.status_label,
            r.next_stage_label or "—",
            r.due.isoformat() if r.due else "—",
            "期限超過" if r.late else ("期限間近" if r.soon else ""),
        ]
        for r in overview.rows
    ]
    lines += _table([head, *body])
    lines += ["", "担当課別:"]
    for d in overview.departments:
        counts = " / ".join(f"{STATE_LABELS[s]} {n}" for s, n in d.by_status.items())
        lines.append(
            f"  {d.department}: {d.total}件（{counts}）期限超過 {d.late}・期限間近 {d.soon}"
        )
    return "\n".join(lines) + "\n"


def _handle_status(args: argparse.Namespace) -> int:
    """Print the year's overview."""
    ensure_migrated()
    plan = _plan(args)
    print(status_text(cycle_overview(plan.id, args.year, args.today or date.today()), plan), end="")
    return 0


def _configure_remind(parser: argparse.ArgumentParser) -> None:
    """Declare the options of remind."""
    _with_today(parser)
    parser.add_argument(
        "--dry-run", action="store_true", help="送らずに、送るメールの宛先と本文を表示する"
    )


def _handle_remind(args: argparse.Namespace) -> int:
    """Send (or, in a dry run, show) one reminder per responsible person."""
    ensure_migrated()
    plan = _plan(args)
    items = reminders(plan, args.year, args.today or date.today())
    prefix = DRY_RUN if args.dry_run else ""
    for r in items:
        print(f"{prefix}宛先: {r.username} <{r.email}>  {len(r.items)}件")
        if args.dry_run:
            print(f"件名: {r.subject}\n{r.body}")
    if args.dry_run:
        print(f"{DRY_RUN}{len(items)}通（送信はしていません）")
        return 0
    sent = send_reminders(actor=Actor.operator(), plan=plan, year=args.year, items=items)
    print(f"{sent}通のお知らせを送信しました")
    return 0


register(
    "open-year", Command("年度の施策評価（作成中）を全施策について作成する", _common, _handle_open)
)
register(
    "stage-deadline",
    Command("施策評価の段階ごとの期限を設定する", _configure_deadline, _handle_deadline),
)
register(
    "evaluation-status",
    Command("年度の施策評価の進み具合と期限を表示する", _with_today, _handle_status),
)
register(
    "remind",
    Command(
        "期限超過・期限間近の施策評価の担当者にメールで知らせる", _configure_remind, _handle_remind
    ),
)
