"""``shisaku dump`` and ``shisaku restore``: the whole instance to a file and back."""

from __future__ import annotations

import argparse
from pathlib import Path

from shisaku.cli.database import ensure_migrated
from shisaku.cli.registry import Command, CommandError, register
from shisaku.exchange.backup import BackupError, dump, restore


def _configure_dump(parser: argparse.ArgumentParser) -> None:
    """Declare the options of dump."""
    parser.add_argument(
        "-o", "--output", type=Path, required=True, help="出力ファイル（.gz で圧縮）"
    )


def _handle_dump(args: argparse.Namespace) -> int:
    """Write the dump and print its content hash."""
    ensure_migrated()
    try:
        digest = dump(args.output)
    except BackupError as error:
        raise CommandError(str(error)) from error
    except OSError as error:
        raise CommandError(f"{args.output}: 書き込めません（{error.strerror}）") from error
    print(f"{args.output} に書き出しました（内容の SHA-256: {digest}）")
    return 0


def _configure_restore(parser: argparse.ArgumentParser) -> None:
    """Declare the options of restore."""
    parser.add_argument("file", type=Path, help="shisaku dump で作ったファイル")


def _handle_restore(args: argparse.Namespace) -> int:
    """Restore into the (empty) database and confirm the hash."""
    ensure_migrated()
    try:
        digest = restore(args.file)
    except BackupError as error:
        raise CommandError(str(error)) from error
    print(f"{args.file} から復元しました（内容の SHA-256 が一致: {digest}）")
    return 0


register(
    "dump",
    Command("すべての記録をファイルに書き出す（バックアップ）", _configure_dump, _handle_dump),
)
register(
    "restore",
    Command("バックアップを空のデータベースに復元する", _configure_restore, _handle_restore),
)
