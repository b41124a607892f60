"""``shisaku publish OUT_DIR``: write the public site as static files (docs/publishing.md)."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from shisaku.cli.database import ensure_migrated
from shisaku.cli.registry import Command, CommandError, register
from shisaku.domain.localcode import LocalCodeError, normalize_local_code
from shisaku.exchange.indicatorfiles import export_csv
from shisaku.indicators.queries import IndicatorView
from shisaku.plan.queries import PlanInfo
from shisaku.progress import track
from shisaku.public.comparisons.views import comparison_pages
from shisaku.publishing.pages import Page
from shisaku.publishing.site import DEFAULT_SITE_URL, PublishError, publish
from shisaku.publishing.workers import fewer_collections

LANGUAGES = {"ja": ["ja"], "en": ["en"], "both": ["ja", "en"]}


def exchange_files(plan: PlanInfo, views: list[IndicatorView]) -> dict[str, bytes]:
    """Return a plan's indicator exchange files, as ``shisaku export-indicators`` writes them."""
    definitions, figures = export_csv(plan, views)
    return {"indicator-definitions.csv": definitions, "indicator-figures.csv": figures}


def _configure(parser: argparse.ArgumentParser) -> None:
    """Declare the options of publish."""
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="書き出すフォルダ")
    parser.add_argument("--municipality", metavar="CODE", help="この団体だけを書き出す")
    parser.add_argument(
        "--language", choices=sorted(LANGUAGES), default="both", help="ページの言語（既定: both）"
    )
    parser.add_argument(
        "--site-url",
        default=DEFAULT_SITE_URL,
        metavar="URL",
        help=f"公開先のアドレス（ダウンロードとデータの url 列に使う。既定: {DEFAULT_SITE_URL}）",
    )
    parser.add_argument(
        "--licence",
        metavar="SPDX",
        help="データパッケージのライセンス（例: CC-BY-4.0。既定: 未定と記す）",
    )
    parser.add_argument(
        "--jobs",
        type=_jobs,
        default=os.cpu_count() or 1,
        metavar="N",
        help="ページを描く並列プロセス数（既定: CPU の数）",
    )


def _jobs(text: str) -> int:
    """Return the number of processes, 1 or more."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"「{text}」は使えません。1 以上の整数を指定してください")
    return int(text)


def _progress(pages: Iterable[Page], total: int) -> Iterable[Page]:
    """Draw a progress bar over the pages (only on a terminal)."""
    return track(pages, total=total, label="ページ")


def _handle(args: argparse.Namespace) -> int:
    """Publish the site and print what was written, left as it was and deleted."""
    ensure_migrated()
    try:
        code = normalize_local_code(args.municipality) if args.municipality else None
    except LocalCodeError as error:
        raise CommandError(str(error)) from error
    started = time.perf_counter()
    try:
        with fewer_collections():  # the command's process only: a live server's threads share gc
            report = publish(
                args.out_dir,
                municipality=code,
                languages=LANGUAGES[args.language],
                site_url=args.site_url,
                exporter=exchange_files,
                progress=_progress,
                licence=args.licence,
                jobs=args.jobs,
                comparisons=comparison_pages,
            )
    except PublishError as error:
        raise CommandError(str(error)) from error
    except OSError as error:
        where = error.filename or args.out_dir
        raise CommandError(f"{where}: 書き込めません（{error.strerror or error}）") from error
    except sqlite3.OperationalError as error:
        if getattr(error, "sqlite_errorcode", None) != sqlite3.SQLITE_FULL:
            raise
        raise CommandError(_disk_full(args.out_dir)) from error
    seconds = time.perf_counter() - started
    for path in report.skipped:
        print(f"警告: {path} はファイル名にできないため書き出していません", file=sys.stderr)
    for warning in report.warnings:
        print(f"警告: {warning}", file=sys.stderr)
    print(
        f"{args.out_dir}: ページ {report.pages}・ファイル {report.files} "
        f"（書き込み {report.written}・変更なし {report.unchanged}・削除 {report.deleted}）"
        f" {seconds:.1f} 秒"
    )
    return 0


def _disk_full(out_dir: Path) -> str:
    """Return what to say when the run's record of its files (a temporary SQLite database,
    :class:`~shisaku.publishing.manifest.Ledger`) found the disk full: most often the pages
    filled it first, and the record could not even note what was written."""
    return (
        f"{out_dir}: 書き込めません（ディスクがいっぱいです。公開フォルダと一時フォルダ "
        f"{tempfile.gettempdir()} の空きを確かめて、もう一度実行してください。"
        "書き込み済みのファイルは次の実行で確かめ直されます）"
    )


register("publish", Command("公開サイトを静的ファイルとして書き出す", _configure, _handle))
