"""The ``shisaku`` command: Shisaku's own commands, and Django's management commands."""

from __future__ import annotations

import os
import sys

from shisaku.cli.registry import COMMANDS, run_command


def _load_commands() -> None:
    """Set Django up and import the command modules, which register themselves."""
    import django

    django.setup()
    from shisaku.cli import (  # noqa: F401
        account_commands,
        assess_commands,
        backup_commands,
        evaluation_commands,
        indicator_commands,
        plan_commands,
        publish_commands,
        report_commands,
        serve_commands,
        voice_commands,
    )


def _usage() -> str:
    """Return the top-level help text."""
    rows = "\n".join(f"  {name:<18}{cmd.help}" for name, cmd in sorted(COMMANDS.items()))
    return (
        "使い方: shisaku COMMAND [options]   (shisaku COMMAND --help で詳細)\n\n"
        f"Shisaku のコマンド:\n{rows}\n\n"
        "そのほか Django の管理コマンド（migrate, createsuperuser, check …）もそのまま使えます。\n"
    )


def main(argv: list[str] | None = None) -> int:
    """Run ``shisaku`` with ``argv`` (default: the process arguments); return the exit code."""
    args = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shisaku.settings")
    _load_commands()
    if not args or args[0] in ("-h", "--help", "help"):
        print(_usage(), end="")
        return 0
    if args[0] in COMMANDS:
        return run_command(args[0], args[1:])
    from django.core.management import execute_from_command_line

    execute_from_command_line(["shisaku", *args])
    return 0
