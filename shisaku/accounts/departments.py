"""A municipality's list of departments (課), with their English names.

The list is what member accounts are checked against: once a municipality has one, a member's
department must be on it, and a name that is not (a typo such as 子育て支援か) is refused with
the names it knows. The planning office keeps the list on the workspace's departments page.
English pages show a department's English name where the list gives one.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import transaction

from shisaku.accounts.models import Department
from shisaku.accounts.permissions import require
from shisaku.audit.services import record
from shisaku.domain.actors import Actor

NAME_LIMIT = 100


@dataclass(frozen=True)
class DepartmentName:
    """One department of the list: its name, and its English name ("" when not given)."""

    name_ja: str
    name_en: str


def department_list(municipality_code: str) -> list[DepartmentName]:
    """Return the municipality's departments, by Japanese name."""
    rows = Department.objects.filter(municipality__code=municipality_code).order_by("name_ja")
    return [DepartmentName(r.name_ja, r.name_en) for r in rows]


def english_names(municipality_code: str) -> dict[str, str]:
    """Return each listed department's English name by its Japanese name (given ones only)."""
    return {d.name_ja: d.name_en for d in department_list(municipality_code) if d.name_en}


def unknown_department(
    municipality_code: str, name: str, known: list[str] | None = None
) -> str | None:
    """Return why ``name`` is refused as a department of the municipality, or None.

    A municipality without a list accepts any name (its list is not kept yet). ``known`` is the
    list's names when the caller has read them already.
    """
    if known is None:
        known = [d.name_ja for d in department_list(municipality_code)]
    if not known or not name or name in known:
        return None
    return (
        f"課「{name}」は {municipality_code} の課の一覧にありません。"
        f"一覧にある課: {'、'.join(known)}"
        "（新しい課は、ワークスペースの「主管課」ページで企画課が一覧に加えます）"
    )


def save_department(*, actor: Actor, municipality_code: str, name_ja: str, name_en: str) -> bool:
    """Add a department to the list or set its English name; return whether anything changed."""
    require(actor, "accounts.manage", municipality_code)
    name_ja, name_en = name_ja.strip(), name_en.strip()
    if not name_ja or len(name_ja) > NAME_LIMIT or len(name_en) > NAME_LIMIT:
        raise ValueError(f"課の名前は1〜{NAME_LIMIT}字で書いてください")
    with transaction.atomic():
        row = Department.objects.filter(
            municipality__code=municipality_code, name_ja=name_ja
        ).first()
        if row is not None and row.name_en == name_en:
            return False
        before = None if row is None else {"name_en": row.name_en}
        _write(municipality_code, name_ja, name_en, row)
        record(
            actor=actor,
            action="department.save",
            object_type="department",
            object_id=f"{municipality_code}/{name_ja}",
            municipality_code=municipality_code,
            before=before,
            after={"name_ja": name_ja, "name_en": name_en},
        )
    return True


def _write(code: str, name_ja: str, name_en: str, row: Department | None) -> None:
    """Create the department's row or update its English name."""
    if row is not None:
        Department.objects.filter(pk=row.pk).update(name_en=name_en)
        return
    town = apps.get_model("plan", "Municipality").objects.get(code=code)  # plan is above us
    Department.objects.create(municipality=town, name_ja=name_ja, name_en=name_en)
