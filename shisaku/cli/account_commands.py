"""``shisaku createuser``, ``shisaku createtoken`` and ``shisaku token list|revoke``.

Accounts have no default passwords; API tokens expire (365 days unless ``--days`` says
otherwise) and are listed with their expiry and last use, and revoked, without SQL.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from shisaku.accounts import queries, services
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
        "--department",
        default="",
        help="課の名前（担当課・所属長のとき必須。団体の課の一覧があればその中の名前）",
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
    parser.add_argument(
        "--days",
        type=int,
        default=services.TOKEN_DAYS,
        help=f"有効期間（日、既定: {services.TOKEN_DAYS}、最長: {services.MAX_TOKEN_DAYS}）",
    )


def _handle_token(args: argparse.Namespace) -> int:
    """Create an API token and print it once."""
    ensure_migrated()
    user = get_user_model().objects.filter(username=args.username).first()
    if user is None:
        raise CommandError(f"利用者 {args.username} はいません")
    try:
        token = services.create_token(
            actor=Actor.operator(), user_id=user.pk, name=args.name, days=args.days
        )
    except services.AccountError as error:
        raise CommandError(str(error)) from error
    print(token)
    print("このトークンは二度と表示されません。安全な場所に保管してください。", file=sys.stderr)
    return 0


def _configure_tokens(parser: argparse.ArgumentParser) -> None:
    """Declare token list and token revoke."""
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="トークンを期限と最終利用日時とともに一覧する")
    listing.add_argument("--user", default="", help="この利用者のトークンだけ")
    listing.add_argument("--live", action="store_true", help="使えるトークンだけ")
    revoking = actions.add_parser("revoke", help="トークンを失効させる（一覧の先頭 8 文字で指定）")
    revoking.add_argument("prefix", metavar="PREFIX", help="一覧に出るトークンの先頭 8 文字")
    revoking.add_argument("--user", default="", help="利用者（同じ先頭のトークンが複数あるとき）")


def _moment(when: datetime | None, none: str) -> str:
    """Return a time as the list shows it (local time, to the minute)."""
    return timezone.localtime(when).strftime("%Y-%m-%d %H:%M") if when else none


def _handle_tokens(args: argparse.Namespace) -> int:
    """List the tokens, or revoke one."""
    ensure_migrated()
    if args.action == "revoke":
        return _revoke(args.prefix, args.user)
    found = queries.tokens(username=args.user, live_only=args.live)
    now = timezone.now()
    print("先頭\t利用者\t用途\t作成\t有効期限\t最終利用\t状態")
    for t in found:
        cells = [t.prefix, t.username, t.name, _moment(t.created_at, "")]
        cells += [_moment(t.expires_at, "無期限"), _moment(t.last_used_at, "未使用"), t.state(now)]
        print("\t".join(cells))
    print(f"{len(found)} 件", file=sys.stderr)
    return 0


def _revoke(prefix: str, username: str) -> int:
    """Revoke one token."""
    try:
        services.revoke_token(actor=Actor.operator(), prefix=prefix, username=username)
    except services.AccountError as error:
        raise CommandError(str(error)) from error
    print(f"トークン {prefix}… を失効させました。以後このトークンでは API を使えません。")
    return 0


register(
    "createuser", Command("利用者を作成する（団体と役割を指定）", _configure_user, _handle_user)
)
register("createtoken", Command("API のトークンを作成する", _configure_token, _handle_token))
register(
    "token",
    Command(
        "API のトークンを一覧する・失効させる（list / revoke）", _configure_tokens, _handle_tokens
    ),
)
