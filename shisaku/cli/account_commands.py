"""``shisaku createuser`` and ``shisaku createtoken``: accounts without default passwords."""

from __future__ import annotations

import argparse
import getpass
import sys

from django.contrib.auth import get_user_model

from shisaku.accounts import services
from shisaku.accounts.models import Role
from shisaku.cli.database import ensure_migrated
from shisaku.cli.registry import Command, CommandError, register
from shisaku.domain.actors import Actor
from shisaku.domain.localcode import LocalCodeError, normalize_local_code


def _configure_user(parser: argparse.ArgumentParser) -> None:
    """Declare the options of createuser."""
    parser.add_argument("username", help="利用者名")
    parser.add_argument("--municipality", required=True, help="全国地方公共団体コード")
    parser.add_argument("--role", required=True, choices=Role.values, help="役割")
    parser.add_argument(
        "--department", default="", help="課の名前（role=department / manager のとき必須）"
    )
    parser.add_argument("--email", default="", help="メールアドレス（督促メールの宛先）")
    parser.add_argument(
        "--password-stdin", action="store_true", help="パスワードを標準入力の1行目から読む"
    )


def _password(from_stdin: bool) -> str:
    """Read the new password: from standard input, or asked twice on the terminal."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("パスワード: ")
    if first != getpass.getpass("パスワード（確認）: "):
        raise CommandError("パスワードが一致しません")
    return first


def _handle_user(args: argparse.Namespace) -> int:
    """Create the user with its role."""
    ensure_migrated()
    try:
        code = normalize_local_code(args.municipality)
        services.create_user(
            actor=Actor.operator(),
            username=args.username,
            password=_password(args.password_stdin),
            municipality_code=code,
            role=args.role,
            department=args.department,
            email=args.email,
        )
    except (services.AccountError, LocalCodeError) as error:
        raise CommandError(str(error)) from error
    print(f"利用者 {args.username} を作成しました（{code}、{Role(args.role).label}）")
    return 0


def _configure_token(parser: argparse.ArgumentParser) -> None:
    """Declare the options of createtoken."""
    parser.add_argument("username", help="利用者名")
    parser.add_argument("--name", required=True, help="トークンの用途（例: 集計スクリプト）")


def _handle_token(args: argparse.Namespace) -> int:
    """Create an API token and print it once."""
    ensure_migrated()
    user = get_user_model().objects.filter(username=args.username).first()
    if user is None:
        raise CommandError(f"利用者 {args.username} はいません")
    token = services.create_token(actor=Actor.operator(), user_id=user.pk, name=args.name)
    print(token)
    print("このトークンは二度と表示されません。安全な場所に保管してください。", file=sys.stderr)
    return 0


register(
    "createuser", Command("利用者を作成する（団体と役割を指定）", _configure_user, _handle_user)
)
register("createtoken", Command("API のトークンを作成する", _configure_token, _handle_token))
