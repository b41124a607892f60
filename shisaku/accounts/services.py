"""Accounts: users with a role in a municipality, API tokens, and sign-in lockout."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from shisaku.accounts.departments import unknown_department
from shisaku.accounts.models import ApiToken, LoginFailure, Membership, Role, SignInCount
from shisaku.accounts.permissions import DEPARTMENT_SCOPED, PermissionDenied, require
from shisaku.audit.services import record
from shisaku.domain.actors import Actor

LOCK_AFTER = 5  # failed sign-ins …
LOCK_WINDOW = timedelta(minutes=15)  # … within this window lock the account for the window
TOKEN_DAYS = 365  # a new API token's lifetime unless another is asked for
MAX_TOKEN_DAYS = 3650


class AccountError(ValueError):
    """The account cannot be created as asked; the message says why."""


def actor_for(user_id: int, username: str) -> Actor:
    """Return the actor of a signed-in user."""
    return Actor(label=f"user:{username}", user_id=user_id)


def create_user(
    *,
    actor: Actor,
    username: str,
    password: str,
    municipality_code: str,
    role: str,
    department: str = "",
    email: str = "",
) -> int:
    """Create a user with a role in one municipality; return the user's id."""
    require(actor, "accounts.manage", municipality_code)
    if role not in Role.values:
        raise AccountError(f"役割 {role!r} はありません。使えるもの: {', '.join(Role.values)}")
    if role in DEPARTMENT_SCOPED and not department:
        raise AccountError("担当課・所属長の利用者には --department（課の名前）が必要です")
    refused = unknown_department(municipality_code, department)
    if refused:
        raise AccountError(refused)
    users = get_user_model()
    if users.objects.filter(username=username).exists():
        raise AccountError(f"利用者 {username} は既にあります")
    try:
        validate_password(password, users(username=username))
    except ValidationError as error:
        raise AccountError(" ".join(error.messages)) from error
    with transaction.atomic():
        user = users.objects.create_user(username=username, password=password, email=email)
        town = _municipality_id(municipality_code)
        Membership.objects.create(user=user, municipality_id=town, role=role, department=department)
        after = {"username": username, "role": role, "department": department}
        record(
            actor=actor,
            action="user.create",
            object_type="user",
            object_id=username,
            municipality_code=municipality_code,
            after=after,
        )
    return int(user.pk)


def _municipality_id(code: str) -> int:
    """Return the id of a municipality, or raise AccountError."""
    from django.apps import apps

    town = apps.get_model("plan", "Municipality").objects.filter(code=code).first()
    if town is None:
        raise AccountError(f"団体 {code} は登録されていません")
    return int(town.pk)


def _digest(token: str) -> str:
    """Return the stored form of a token."""
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(*, actor: Actor, user_id: int, name: str, days: int = TOKEN_DAYS) -> str:
    """Create an API token for a user, valid for ``days``, and return it (shown only once)."""
    if not actor.is_operator and actor.user_id != user_id:
        raise PermissionDenied(f"{actor.label} は自分のトークンだけを作れます")
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise AccountError(f"有効期間は 1〜{MAX_TOKEN_DAYS} 日で指定してください（{days} 日）")
    token = "shisaku_" + secrets.token_urlsafe(32)
    expires = timezone.now() + timedelta(days=days)
    ApiToken.objects.create(
        user_id=user_id, name=name, prefix=token[8:16], digest=_digest(token), expires_at=expires
    )
    record(
        actor=actor,
        action="token.create",
        object_type="token",
        object_id=token[8:16],
        after={"user_id": user_id, "name": name, "expires_at": expires.isoformat()},
    )
    return token


def revoke_token(*, actor: Actor, prefix: str, username: str = "") -> None:
    """Revoke the live token shown as ``prefix`` (of ``username``): its owner or the operator."""
    live = ApiToken.objects.filter(prefix=prefix, revoked=False)
    rows = list(live.filter(user__username=username) if username else live)
    if len(rows) != 1:
        found = "ありません" if not rows else f"{len(rows)} 件あります（利用者を指定してください）"
        raise AccountError(f"失効していないトークン {prefix}… は{found}")
    row = rows[0]
    if not actor.is_operator and actor.user_id != row.user_id:
        raise PermissionDenied(f"{actor.label} は自分のトークンだけを失効させられます")
    ApiToken.objects.filter(pk=row.pk).update(revoked=True)
    record(
        actor=actor,
        action="token.revoke",
        object_type="token",
        object_id=prefix,
        before={"revoked": False},
        after={"revoked": True},
    )


def actor_for_token(token: str) -> Actor | None:
    """Return the actor a token stands for, or None for an unknown, revoked or expired token."""
    live = Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now())
    row = (
        ApiToken.objects.select_related("user")
        .filter(live, digest=_digest(token), revoked=False)
        .first()
    )
    if row is None or not row.user.is_active:
        return None
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
    return actor_for(row.user.pk, row.user.get_username())


def is_locked(username: str) -> bool:
    """Return whether a user is locked out by recent failed sign-ins."""
    since = timezone.now() - LOCK_WINDOW
    return SignInCount.objects.filter(
        username=username, failures__gte=LOCK_AFTER, window_start__gte=since
    ).exists()


def reserve_attempt(username: str) -> bool:
    """Count a sign-in attempt as failed before its password is checked; False: locked.

    The check and the count are one conditional ``UPDATE`` (the database serialises updates of
    the row), so however many attempts arrive at once, at most ``LOCK_AFTER`` passwords of a
    name are tried in a window. A success then forgets the count (:func:`clear_failures`).
    """
    now = timezone.now()
    SignInCount.objects.get_or_create(username=username, defaults={"window_start": now})
    SignInCount.objects.filter(username=username, window_start__lt=now - LOCK_WINDOW).update(
        failures=0, window_start=now
    )
    counted = SignInCount.objects.filter(username=username, failures__lt=LOCK_AFTER).update(
        failures=F("failures") + 1
    )
    return counted == 1


def note_failure(username: str, address: str) -> None:
    """Keep a record of a failed sign-in and where it came from (already counted)."""
    LoginFailure.objects.create(username=username, address=address)


def clear_failures(username: str) -> None:
    """Forget a user's failed sign-ins after a successful one."""
    SignInCount.objects.filter(username=username).delete()
    LoginFailure.objects.filter(username=username).delete()
