"""The registry of Shisaku's own commands: name → parser set-up and handler."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation


class CommandError(Exception):
    """A user-facing failure: printed as one clear message, exit status 2."""


@dataclass(frozen=True)
class Command:
    """One ``shisaku`` sub-command."""

    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    handle: Callable[[argparse.Namespace], int]


COMMANDS: dict[str, Command] = {}


def register(name: str, command: Command) -> None:
    """Add a command to the registry."""
    COMMANDS[name] = command


def run_command(name: str, argv: list[str]) -> int:
    """Parse ``argv`` for command ``name`` and run it in the site's language (Japanese), whatever
    language the process last served a page in."""
    cmd = COMMANDS[name]
    parser = argparse.ArgumentParser(prog=f"shisaku {name}", description=cmd.help)
    cmd.configure(parser)
    args = parser.parse_args(argv)
    try:
        with translation.override(settings.LANGUAGE_CODE):  # the commands speak Japanese
            return cmd.handle(args)
    except CommandError as error:
        print(f"エラー: {error}", file=sys.stderr)
        return 2
