"""``shisaku import-plan``, ``export-plan`` and ``demo``."""

from __future__ import annotations

import argparse
import re
from importlib import resources
from pathlib import Path

from django.db import transaction

from shisaku.accounts.permissions import PermissionDenied
from shisaku.cli.database import ensure_migrated
from shisaku.cli.output import summary_line, tree_lines
from shisaku.cli.registry import Command, CommandError, register
from shisaku.domain.actors import Actor
from shisaku.domain.assessment import PRESETS
from shisaku.domain.localcode import LocalCodeError, normalize_local_code
from shisaku.domain.plandoc import decode_plan_bytes, parse_plan
from shisaku.domain.plantree import Node, PlanMeta, Warning
from shisaku.exchange.examples import load_examples
from shisaku.exchange.municipalities import bundled_names
from shisaku.exchange.planfiles import FORMATS, LoadedPlan, PlanFileError, read_plan_file, render
from shisaku.plan import queries, services
from shisaku.plan.models import Municipality

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
        "file", type=Path, help="計画書のテキスト（.txt）または交換形式（.json/.yaml）"
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
        "--dry-run", action="store_true", help="書き込まずに、ツリーと変更点を表示する"
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


def _ensure_town(actor: Actor, code: str, args: argparse.Namespace, loaded: LoadedPlan) -> None:
    """Create the municipality when it is new, from --name, the file, or the bundled list."""
    if Municipality.objects.filter(code=code).exists() and not args.name:
        return
    from_file = loaded.municipality or {}
    bundled = bundled_names().get(code, ("", ""))
    name = args.name or from_file.get("name") or bundled[0]
    if not name:
        raise CommandError(f"団体 {code} は未登録です。--name で団体名を指定してください")
    name_en = args.name_en or from_file.get("name_en") or bundled[1]
    services.save_municipality(actor=actor, code=code, name_ja=name, name_en=name_en)


def _existing_meta(code: str, slug: str | None) -> PlanMeta | None:
    """Return the metadata of the targeted existing plan, if any."""
    try:
        return queries.find_plan(code, slug).meta
    except queries.NotFound:
        return None


def _resolve_meta(code: str, args: argparse.Namespace, loaded: LoadedPlan) -> PlanMeta:
    """Combine the file's metadata, the existing plan's and the options (options win)."""
    slug = args.plan or (f"{args.period[0]}-{args.period[1]}" if args.period else None)
    base = loaded.meta or _existing_meta(code, slug)
    if base is None:
        if not (args.title and args.period):
            raise CommandError(
                "新しい計画です。--title と --period（例: 2019-2023）を指定してください"
            )
        base = PlanMeta(title=args.title, period_start=args.period[0], period_end=args.period[1])
    start, end = args.period or (base.period_start, base.period_end)
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


def _handle_import(args: argparse.Namespace) -> int:
    """Import a plan file; print warnings, counts and (dry run) the tree and changes."""
    ensure_migrated()
    actor = Actor.operator()
    try:
        loaded = read_plan_file(args.file)
    except PlanFileError as error:
        raise CommandError(str(error)) from error
    code = _town_code(args, loaded)
    meta = _resolve_meta(code, args, loaded)
    with transaction.atomic():  # a new municipality is kept only if its plan is imported
        if not args.dry_run:
            _ensure_town(actor, code, args, loaded)
        result = _import(actor, code, meta, loaded, args.dry_run)
    _print_warnings(loaded.warnings)
    _report(result, loaded.nodes)
    return 0


def _import(
    actor: Actor, code: str, meta: PlanMeta, loaded: LoadedPlan, dry_run: bool
) -> services.ImportResult:
    """Run the import service, turning its refusals into command errors."""
    if dry_run and not Municipality.objects.filter(code=code).exists():
        return services.ImportResult(code, meta.slug, True, meta.version, dry_run=True)
    try:
        return services.import_plan(
            actor=actor,
            municipality_code=code,
            meta=meta,
            nodes=loaded.nodes,
            source_name=loaded.source_name,
            source_sha256=loaded.sha256,
            dry_run=dry_run,
        )
    except (PermissionDenied, queries.NotFound, ValueError) as error:
        raise CommandError(str(error)) from error


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
    text = render(queries.plan_document(plan), args.format)
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
