"""Roles of users within a municipality."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    """What a member may do in their municipality."""

    PLANNING = "planning", "企画課"
    DEPARTMENT = "department", "担当課"
    MANAGER = "manager", "所属長"  # a department's head: 一次評価 of its evaluations
    REVIEWER = "reviewer", "外部評価委員"
    VIEWER = "viewer", "閲覧者"


class Membership(models.Model):
    """A user's role in one municipality (department editors also name their department)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    municipality = models.ForeignKey("plan.Municipality", on_delete=models.CASCADE)
    role = models.CharField(max_length=20, choices=Role.choices)
    department = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"], name="one_role_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.municipality_id}: {self.role}"


class Department(models.Model):
    """One department (課) of a municipality's list, with its name in English.

    Once a municipality has a list, a member's department must be one of it (a typo in
    ``createuser --department`` is refused with the names it knows); English pages show
    ``name_en``, Japanese ones ``name_ja``.
    """

    municipality = models.ForeignKey("plan.Municipality", on_delete=models.CASCADE)
    name_ja = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["municipality_id", "name_ja"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name_ja"], name="one_department_per_name"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id}: {self.name_ja}"


class ApiToken(models.Model):
    """A token for the JSON API's write endpoints; only its SHA-256 hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tokens"
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=8)  # shown to tell tokens apart; not secret
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    # after this moment the token is refused; tokens made before expiry existed have none
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.user} {self.name} ({self.prefix}…)"


class LoginFailure(models.Model):
    """A failed sign-in, kept to lock an account after repeated failures."""

    username = models.CharField(max_length=150, db_index=True)
    address = models.CharField(max_length=45, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.username} {self.at:%Y-%m-%d %H:%M}"


class SignInCount(models.Model):
    """The sign-in attempts of one typed name in the current lockout window, counted atomically.

    An attempt is counted before its password is checked, by one conditional ``UPDATE``, so
    simultaneous attempts cannot all see the name unlocked; a success forgets the count.
    """

    username = models.CharField(max_length=150, unique=True)
    failures = models.PositiveIntegerField(default=0)
    window_start = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.username} {self.failures}"
