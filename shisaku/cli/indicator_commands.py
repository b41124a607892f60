"""``shisaku import-indicators`` and ``export-indicators`` (layouts: docs/indicator-files.md)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from shisaku.accounts.permissions import PermissionDenied
from shisaku.cli.database import ensure_migrated
from shisaku.cli.registry import Command, CommandError, register
from shisaku.domain.actors import Actor
from shisaku.domain.indicatordata import InputError
from shisaku.domain.localcode import LocalCodeError, normalize_local_code
from shisaku.exchange.indicator_csv import CsvWriteError
from shisaku.exchange.indicator_rows import Row
from shisaku.exchange.indicatorfiles import (
    csv_paths,
    export_indicators,
    read_indicator_files,
    render_csv,
    render_xlsx,
    write_files,
)
from shisaku.indicators import services
from shisaku.plan import queries
from shisaku.progress import track

DRY_RUN = "（試行）"
ENCODINGS = ("utf-8", "shift_jis", "utf-16")  # --bom makes utf-8 utf-8-bom


def _configure_import(parser: argparse.ArgumentParser) -> None:
    """Declare the options of import-indicators."""
    parser.add_argument(
        "files", nargs="+", type=Path, metavar="FILE", help="指標定義・数値のファイル（CSV / xlsx）"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="書き込まずに、行われる変更を表示する"
    )


def _progress(rows: list[Row], label: str) -> Iterable[Row]:
    """Draw a progress bar over the rows of one table (only on a terminal)."""
    return track(rows, total=len(rows), label=label)


def _handle_import(args: argparse.Namespace) -> int:
    """Check every row of every file; apply all of them or, on any error, none."""
    ensure_migrated()
    batch = read_indicator_files(args.files, progress=_progress)
    if batch.errors:
        return _print_errors(batch.errors)
    try:
        result = services.apply_batch(actor=Actor.operator(), batch=batch, dry_run=args.dry_run)
    except services.BatchRejected as rejected:
        return _print_errors(rejected.errors)
    except PermissionDenied as error:
        raise CommandError(str(error)) from error
    _report(result)
    return 0


def _print_errors(errors: list[InputError]) -> int:
    """Print every error with its place, and the count; return the exit status."""
    for error in errors:
        print(f"エラー: {error}", file=sys.stderr)
    print(f"{len(errors)} 件のエラーがあります。何も書き込んでいません。", file=sys.stderr)
    return 2


def summary(result: services.BatchResult) -> str:
    """Return the counts of a batch in one line."""
    return (
        f"指標: 新規 {result.indicators_created}・更新 {result.indicators_updated} / "
        f"数値: 追加 {result.figures_added}・改訂 {result.figures_revised}・"
        f"変更なし {result.figures_unchanged}"
    )


def _report(result: services.BatchResult) -> None:
    """Print each change and the summary (marked as a trial in a dry run)."""
    prefix = DRY_RUN if result.dry_run else ""
    for change in result.changes:
        print(f"{prefix}{change}")
    if not result.changes:
        print(f"{prefix}変更はありません")
    tail = "（書き込みはしていません）" if result.dry_run else ""
    print(f"{prefix}{summary(result)}{tail}")


def _configure_export(parser: argparse.ArgumentParser) -> None:
    """Declare the options of export-indicators."""
    parser.add_argument(
        "--municipality", required=True, metavar="CODE", help="全国地方公共団体コード"
    )
    parser.add_argument("--plan", metavar="SLUG", help="計画の識別子（既定: 現行の計画）")
    parser.add_argument("--format", choices=["csv", "xlsx"], default="csv", help="出力形式")
    parser.add_argument(
        "--bom", action="store_true", help="CSV を BOM 付き UTF-8 で書く（Excel 用）"
    )
    parser.add_argument("--encoding", choices=ENCODINGS, default="utf-8", help="CSV の文字コード")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="PATH",
        help="csv: PATH-definitions.csv と PATH-figures.csv（PATH 末尾の .csv は除く）、xlsx: PATH",
    )


def _csv_encoding(args: argparse.Namespace) -> str:
    """Return the CSV encoding the options ask for."""
    if args.bom and args.encoding != "utf-8":
        raise CommandError("--bom は UTF-8 のときだけ使えます（--encoding utf-8）")
    return "utf-8-bom" if args.bom else str(args.encoding)


def _handle_export(args: argparse.Namespace) -> int:
    """Write a plan's definitions and current figures as two CSV files or one workbook."""
    ensure_migrated()
    if args.format == "xlsx" and (args.bom or args.encoding != "utf-8"):
        raise CommandError("--bom と --encoding は --format csv のときだけ使えます")
    try:
        plan = queries.find_plan(normalize_local_code(args.municipality), args.plan)
    except (queries.NotFound, LocalCodeError) as error:
        raise CommandError(str(error)) from error
    definitions, figures = export_indicators(plan)
    try:
        files = _render(args, definitions, figures)
        write_files(files)
    except CsvWriteError as error:
        raise CommandError(str(error)) from error
    except OSError as error:
        raise CommandError(f"{error.filename}: 書き込めません（{error.strerror}）") from error
    names = "、".join(str(path) for path in files)
    print(f"書き出しました: {names}（指標 {len(definitions)} 件、数値 {len(figures)} 件）")
    return 0


def _render(
    args: argparse.Namespace, definitions: list[dict[str, str]], figures: list[dict[str, str]]
) -> dict[Path, bytes]:
    """Return the files to write, path → content."""
    if args.format == "xlsx":
        return {args.output: render_xlsx(definitions, figures)}
    encoding = _csv_encoding(args)
    texts = render_csv(definitions, figures, encoding=encoding)
    return dict(zip(csv_paths(args.output), texts, strict=True))


register(
    "import-indicators",
    Command(
        "指標の定義と数値（CSV / xlsx）を取り込む（全行を検査し、すべてか無しか）",
        _configure_import,
        _handle_import,
    ),
)
register(
    "export-indicators",
    Command("計画の指標の定義と数値を CSV / xlsx で書き出す", _configure_export, _handle_export),
)
