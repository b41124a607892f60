"""``shisaku import-plan``, ``export-plan`` and ``demo``."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from shisaku.accounts.permissions import PermissionDenied
from shisaku.cli.database import ensure_migrated
from shisaku.cli.output import indicator_line, reading_report, summary_line, tree_lines
from shisaku.cli.registry import Command, CommandError, register
from shisaku.cli.voice_commands import open_demo_consultation
from shisaku.domain.actors import Actor
from shisaku.domain.assessment import PRESETS
from shisaku.domain.localcode import LocalCodeError, normalize_local_code
from shisaku.domain.plandoc import decode_plan_bytes, parse_plan
from shisaku.domain.plantree import Node, PlanMeta, Warning
from shisaku.exchange.examples import load_examples
from shisaku.exchange.municipalities import bundled_names
from shisaku.exchange.planfiles import (
    FORMATS,
    LoadedPlan,
    PlanFileError,
    read_plan_file,
    read_profile,
    render,
    render_profile,
)
from shisaku.indicators.documents import plan_with_indicators
from shisaku.indicators.planimport import import_plan_document
from shisaku.indicators.services import BatchRejected
from shisaku.plan import queries, services
from shisaku.plan.models import Municipality
from shisaku.progress import track

DEMO_CODE = "022012"
DEMO_FILE = "data/aomori-2019-2023.txt"
DEMO_META = PlanMeta(
    title="青森市総合計画 前期基本計画",
    title_en="Aomori City Comprehensive Plan: First Basic Plan",
    period_start=2019,
    period_end=2023,
    assessment={"preset": "aomori"},
)


def _period(text: str) -> tuple[int, int]:
    """Read ``2019-2023`` as a pair of fiscal years."""
    match = re.fullmatch(r"(\d{4})\s*[-~〜]\s*(\d{4})", text.strip())
    if not match or int(match[1]) > int(match[2]):
        raise argparse.ArgumentTypeError(f"「{text}」: 期間は 2019-2023 の形で、始まり ≤ 終わり")
    return int(match[1]), int(match[2])


def _configure_import(parser: argparse.ArgumentParser) -> None:
    """Declare the options of import-plan."""
    parser.add_argument(
        "file",
        type=Path,
        help="計画書（PDF・Word（.docx）・テキスト）または交換形式（.json/.yaml）",
    )
    parser.add_argument("--municipality", help="全国地方公共団体コード（例: 022012）")
    parser.add_argument("--name", help="団体名（新しい団体のとき）")
    parser.add_argument("--name-en", default="", help="団体名（英語）")
    parser.add_argument("--plan", help="計画の識別子（既定: --period から、なければ現行の計画）")
    parser.add_argument("--title", help="計画名")
    parser.add_argument("--title-en", help="計画名（英語）")
    parser.add_argument("--period", type=_period, help="計画期間（年度）、例: 2019-2023")
    parser.add_argument("--status", choices=["draft", "published"], help="公開状態")
    parser.add_argument(
        "--assessment", choices=sorted(PRESETS), help="評価方法の既定（例: aomori）"
    )
    parser.add_argument(
        "--profile",
        type=Path,
        help="見出しの読み方を直すプロファイル（YAML。--dry-run が表示するものを直して渡す）",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="書き込まずに、読み取ったツリー・指標・プロファイル・除いた行と変更点を表示する",
    )


def _town_code(args: argparse.Namespace, loaded: LoadedPlan) -> str:
    """Return the municipality code from the option or the exchange file."""
    given = args.municipality or (loaded.municipality or {}).get("code")
    if not given:
        raise CommandError(
            "--municipality CODE（全国地方公共団体コード、例: 022012）を指定してください"
        )
    try:
        return normalize_local_code(given)
    except LocalCodeError as error:
        raise CommandError(str(error)) from error


def _town_names(code: str, args: argparse.Namespace, loaded: LoadedPlan) -> tuple[str, str]:
    """Return the names to give a new municipality (or to rename it to, with --name)."""
    if Municipality.objects.filter(code=code).exists() and not args.name:
        return "", ""
    from_file = loaded.municipality or {}
    bundled = bundled_names().get(code, ("", ""))
    name = args.name or from_file.get("name") or bundled[0]
    if not name:
        raise CommandError(f"団体 {code} は未登録です。--name で団体名を指定してください")
    return name, args.name_en or from_file.get("name_en") or bundled[1]


def _existing_meta(code: str, slug: str | None) -> PlanMeta | None:
    """Return the metadata of the targeted existing plan, if any."""
    try:
        return queries.find_plan(code, slug).meta
    except queries.NotFound:
        return None


def _resolve_meta(code: str, args: argparse.Namespace, loaded: LoadedPlan) -> PlanMeta:
    """Combine the file's metadata, the existing plan's and the options (options win)."""
    period = args.period or (loaded.reading.period if loaded.reading else None)
    slug = args.plan or (f"{period[0]}-{period[1]}" if period else None)
    base = loaded.meta or _existing_meta(code, slug)
    if base is None:
        title = args.title or (loaded.reading.title if loaded.reading else "")
        if not (title and period):
            raise CommandError(
                "新しい計画です。--title と --period（例: 2019-2023）を指定してください"
                "（文書から計画名と計画期間を読み取れませんでした）"
            )
        base = PlanMeta(title=title, period_start=period[0], period_end=period[1])
    start, end = period or (base.period_start, base.period_end)
    return PlanMeta(
        title=args.title or base.title,
        title_en=args.title_en if args.title_en is not None else base.title_en,
        period_start=start,
        period_end=end,
        slug=slug or base.slug,
        status=args.status or base.status,
        version=base.version,
        assessment={"preset": args.assessment} if args.assessment else base.assessment,
    )


def _print_warnings(warnings: list[Warning]) -> None:
    """List what the reader noticed without failing."""
    for warning in warnings:
        print(f"注意: {warning}")


class _PageBar:
    """A PDF's pages read, drawn as a progress bar (on a terminal only, silent in CI)."""

    def __init__(self) -> None:
        self._steps: Iterator[int] | None = None
        self._drawn = 0

    def __call__(self, done: int, total: int) -> None:
        """Draw the bar up to ``done`` of ``total`` pages (``track`` draws a step per item)."""
        if self._steps is None:
            self._steps = track(range(total), total=total, label="PDF を読み取り中（ページ）")
            next(self._steps, None)
        while self._drawn < done:
            self._drawn += 1
            next(self._steps, None)


def _load(args: argparse.Namespace) -> LoadedPlan:
    """Read the file (and the profile, if one is given), turning refusals into errors."""
    bar = _PageBar() if args.file.suffix.lower() == ".pdf" else None
    try:
        profile = read_profile(args.profile) if args.profile else None
        return read_plan_file(args.file, profile, progress=bar, period=args.period)
    except PlanFileError as error:
        raise CommandError(str(error)) from error


def _handle_import(args: argparse.Namespace) -> int:
    """Import a plan file; print warnings, counts and (dry run) the reading and changes."""
    ensure_migrated()
    loaded = _load(args)
    code = _town_code(args, loaded)
    meta = _resolve_meta(code, args, loaded)
    try:
        result = import_plan_document(
            actor=Actor.operator(),
            municipality_code=code,
            meta=meta,
            nodes=loaded.nodes,
            municipality_names=_town_names(code, args, loaded),
            source_name=loaded.source_name,
            source_sha256=loaded.sha256,
            dry_run=args.dry_run,
            sdgs=loaded.sdgs,
        )
    except BatchRejected as rejected:
        raise CommandError("\n".join(str(e) for e in rejected.errors)) from rejected
    except (PermissionDenied, queries.NotFound, ValueError) as error:
        raise CommandError(str(error)) from error
    _print_warnings(loaded.warnings + result.warnings)
    _report(result.plan, loaded.nodes)
    print(indicator_line(result.rows, result.figures, result.indicators))
    if args.dry_run and loaded.reading is not None:
        print(reading_report(loaded.reading, render_profile(loaded.reading)))
    return 0


def _report(result: services.ImportResult, nodes: list[Node]) -> None:
    """Print what the import did or would do."""
    if result.dry_run:
        print("\n".join(tree_lines(nodes)))
    print(summary_line(nodes))
    where = f"{result.municipality_code}/{result.slug}"
    if result.created:
        verb = "新規作成します" if result.dry_run else "新規作成しました"
        print(f"{where}: {verb}（版 {result.version}）")
    elif not result.changes:
        print(f"{where}: 変更はありません（版 {result.version}）")
    else:
        verb = "更新します" if result.dry_run else "更新しました"
        print(f"{where}: {len(result.changes)} 件の変更を{verb}（版 {result.version}）")
        print("\n".join(f"  {c}" for c in result.changes))


def _configure_export(parser: argparse.ArgumentParser) -> None:
    """Declare the options of export-plan."""
    parser.add_argument("--municipality", required=True, help="全国地方公共団体コード")
    parser.add_argument("--plan", help="計画の識別子（既定: 現行の計画）")
    parser.add_argument("--format", choices=sorted(FORMATS), default="json", help="出力形式")
    parser.add_argument("-o", "--output", type=Path, help="出力ファイル（既定: 標準出力）")


def _handle_export(args: argparse.Namespace) -> int:
    """Write the plan in the chosen format."""
    ensure_migrated()
    try:
        plan = queries.find_plan(normalize_local_code(args.municipality), args.plan)
    except (queries.NotFound, LocalCodeError) as error:
        raise CommandError(str(error)) from error
    text = render(plan_with_indicators(plan), args.format)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    return 0


def _configure_demo(parser: argparse.ArgumentParser) -> None:
    """demo takes no options."""


def _handle_demo(args: argparse.Namespace) -> int:
    """Load the bundled 青森市 plan and the labelled examples of other cities (idempotent)."""
    ensure_migrated()
    actor = Actor.operator("demo")
    name_ja, name_en = bundled_names()[DEMO_CODE]
    services.save_municipality(actor=actor, code=DEMO_CODE, name_ja=name_ja, name_en=name_en)
    data = resources.files("shisaku").joinpath(DEMO_FILE).read_bytes()
    tree = parse_plan(decode_plan_bytes(data, source=DEMO_FILE), source=DEMO_FILE)
    result = services.import_plan(
        actor=actor,
        municipality_code=DEMO_CODE,
        meta=DEMO_META,
        nodes=tree.nodes,
        source_name=DEMO_FILE,
    )
    _report(result, tree.nodes)
    examples = load_examples(actor)
    added = f"指標 新規 {examples.indicators_created} / 数値 追加 {examples.figures_added}"
    print(f"他都市の例（出典付き）: {added}")
    open_demo_consultation(actor, DEMO_CODE, result.slug)
    return 0


register(
    "import-plan",
    Command(
        "計画書（テキスト）または交換形式（JSON/YAML）を取り込む", _configure_import, _handle_import
    ),
)
register(
    "export-plan",
    Command("計画を JSON / YAML / Markdown で書き出す", _configure_export, _handle_export),
)
register(
    "demo", Command("同梱の青森市総合計画と他都市の指標例を読み込む", _configure_demo, _handle_demo)
)
