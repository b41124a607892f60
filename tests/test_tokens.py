"""API tokens expire, and are listed and revoked from the command line (no SQL)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from shisaku.accounts import services as accounts
from shisaku.accounts.models import ApiToken
from shisaku.audit.models import AuditEntry
from shisaku.cli import main
from tests.test_api_write import ACTUAL, post, tokens  # noqa: F401


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def prefix(token: str) -> str:
    return token[8:16]


def test_a_new_token_expires_after_a_year_by_default(tokens):  # noqa: F811
    row = ApiToken.objects.get(prefix=prefix(tokens["kosodate"]))
    assert row.expires_at is not None
    lifetime = row.expires_at - row.created_at
    assert timedelta(days=364) < lifetime <= timedelta(days=365)


def test_an_expired_token_is_a_401(client, tokens):  # noqa: F811
    past = timezone.now() - timedelta(seconds=1)
    ApiToken.objects.filter(prefix=prefix(tokens["kosodate"])).update(expires_at=past)
    assert post(client, tokens["kosodate"], ACTUAL).status_code == 401


def test_the_list_shows_expiry_last_use_and_state(client, tokens, capsys):  # noqa: F811
    assert post(client, tokens["kosodate"], ACTUAL).status_code == 201
    code, out, _ = run(capsys, "token", "list")
    assert code == 0
    lines = {line.split("\t")[0]: line.split("\t") for line in out.splitlines()[1:]}
    used = lines[prefix(tokens["kosodate"])]
    assert used[1:3] == ["kosodate", "API"]
    assert used[4].startswith(str(timezone.localdate() + timedelta(days=365))[:4])
    assert used[5] != "未使用" and used[6] == "有効"
    assert lines[prefix(tokens["iin"])][5] == "未使用"
    assert tokens["kosodate"] not in out  # only the prefix is ever shown


def test_revoke_stops_the_token_and_is_audited(client, tokens, capsys):  # noqa: F811
    shown = prefix(tokens["kosodate"])
    code, out, err = run(capsys, "token", "revoke", shown)
    assert code == 0, err
    assert f"トークン {shown}… を失効させました" in out
    assert post(client, tokens["kosodate"], ACTUAL).status_code == 401
    assert AuditEntry.objects.filter(action="token.revoke", object_id=shown).exists()
    _, listed, _ = run(capsys, "token", "list", "--user", "kosodate")
    assert listed.splitlines()[1].endswith("\t失効")
    _, live, _ = run(capsys, "token", "list", "--live")
    assert shown not in live


def test_revoking_an_unknown_token_is_a_clear_error(tokens, capsys):  # noqa: F811
    code, _, err = run(capsys, "token", "revoke", "nosuchtk")
    assert code == 2 and "失効していないトークン nosuchtk… はありません" in err


def test_a_token_lifetime_is_bounded(tokens, capsys):  # noqa: F811
    code, _, err = run(capsys, "createtoken", "kosodate", "--name", "x", "--days", "0")
    assert code == 2 and "有効期間は 1〜3650 日" in err
    code, out, _ = run(capsys, "createtoken", "kosodate", "--name", "短期", "--days", "7")
    assert code == 0
    row = ApiToken.objects.get(prefix=prefix(out.strip()))
    assert row.expires_at - row.created_at <= timedelta(days=7)


def test_only_its_owner_or_the_operator_revokes_a_token(tokens):  # noqa: F811
    from django.contrib.auth import get_user_model

    doboku = get_user_model().objects.get(username="doboku")
    with pytest.raises(accounts.PermissionDenied):
        accounts.revoke_token(
            actor=accounts.actor_for(doboku.pk, "doboku"), prefix=prefix(tokens["kosodate"])
        )
    assert not ApiToken.objects.filter(revoked=True).exists()
