"""The ``shisaku`` command: Shisaku's own commands, and Django's management commands."""

from __future__ import annotations

import gc
import importlib
import os
import sys

from shisaku.cli.registry import COMMANDS, run_command

# A command whose module registers it alone: running it imports only that module, not every
# command's (``shisaku publish`` is timed as a whole process, start-up included).
ALONE = {"publish": "shisaku.cli.publish_commands"}


def _load_commands(name: str | None = None) -> None:
    """Set Django up and import the command modules, which register themselves (only the
    module of ``name`` when it is one of :data:`ALONE`)."""
    import django

    django.setup()
    if name in ALONE:
        importlib.import_module(ALONE[name])
        return
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
    """Run ``shisaku`` with ``argv`` (default: the process arguments); return the exit code.

    Run as the process (no ``argv``), the objects of the start-up (modules, settings, routes)
    are made with the garbage collector paused (they live until the end: a collection meanwhile
    would only look at them again and again), then frozen out of its passes (forked workers
    then leave their pages untouched), and so is everything at the end: the interpreter's last
    collections at exit would only pass over what the process's end frees anyway."""
    process = argv is None
    args = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shisaku.settings")
    if process:
        gc.disable()
    _load_commands(args[0] if args else None)
    if process:
        gc.freeze()
        gc.enable()
    try:
        return _run(args)
    finally:
        if process:
            gc.freeze()


def _run(args: list[str]) -> int:
    """Run the command ``args`` name (Shisaku's, else Django's); return the exit code."""
    if not args or args[0] in ("-h", "--help", "help"):
        print(_usage(), end="")
        return 0
    if args[0] in COMMANDS:
        return run_command(args[0], args[1:])
    from django.core.management import execute_from_command_line

    execute_from_command_line(["shisaku", *args])
    return 0
