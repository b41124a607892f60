"""English translations of a plan's content, exchanged with a translation contractor.

Every translatable text of a plan is a *slot*: one field of one record, named by a unit id that
says which record and which field (``node:1-1:title``, ``block:1-1:situation:2``,
``indicator:K1:definition``, ``indicator:K1:unit``, ``department:12:name``,
``evaluation:1-1-1:2025:results``).
The planning office exports the slots (all, or only those without English) as XLIFF 2.1
(:mod:`shisaku.exchange.xliff`) or xlsx (:mod:`shisaku.exchange.translation_xlsx`); each
carries the Japanese it was exported with.  Importing the file back gives a :class:`Preview`:
per unit new / changed / unchanged / refused (an unknown unit id, or Japanese that changed since
the export, so the English would translate a text that is no longer there).  Applying writes
every new and changed English text at once, audited, or nothing when any unit is refused.
The audit entry keeps the Japanese each English text was made for, so a later export offers
again the texts whose Japanese changed since (*stale*), with their old English as a start.
Empty Japanese fields are left out.  Indicator units (単位) are a kind of their own, ``unit``
(its Japanese is the stored ``unit``, its English ``unit_en``), so that their progress is counted
apart from the indicators' sentences; no unit is translated automatically.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Literal

from django.db import models, transaction

from shisaku.accounts.models import Department
from shisaku.accounts.permissions import require
from shisaku.audit.models import AuditEntry
from shisaku.audit.services import record_many
from shisaku.domain.actors import Actor
from shisaku.evaluation.models import Evaluation
from shisaku.evaluation.queries import TEXTS
from shisaku.indicators.models import Indicator
from shisaku.plan.models import Plan, PlanNode, TextBlock
from shisaku.plan.services import snapshot_and_audit

Status = Literal["new", "changed", "unchanged", "refused"]
ACTION = "translation.import"
INDICATOR_FIELDS = ("name", "definition", "rationale", "note")
EVALUATION_FIELDS = TEXTS  # 対象, 意図, 成果, 課題, the two comments, the committee's opinion


@dataclass(frozen=True)
class Slot:
    """One translatable field of one record: its unit id, kind, Japanese and English."""

    id: str
    kind: str  # node, block, indicator, unit, department, evaluation
    field: str  # the field's base name: title, text, name, definition, results …
    ja: str
    en: str
    row: models.Model
    stale: bool = False  # its English was imported for Japanese that has changed since

    @property
    def translated(self) -> bool:
        """Return whether the slot has English made for its present Japanese."""
        return bool(self.en) and not self.stale


@dataclass(frozen=True)
class Unit:
    """One unit as read from an exchange file: id, the Japanese exported, the English given."""

    id: str
    source: str
    target: str
    place: str  # where it was read: "unit node:1-1:title" or "row 5"


@dataclass(frozen=True)
class Item:
    """What importing one unit would do."""

    unit: Unit
    status: Status
    before: str = ""  # the English there now
    reason: str = ""  # why a unit is refused


@dataclass(frozen=True)
class Preview:
    """What an import would change, unit by unit."""

    items: list[Item]

    def count(self, status: Status) -> int:
        """Return how many units have ``status``."""
        return sum(1 for item in self.items if item.status == status)

    @property
    def refused(self) -> list[Item]:
        """Return the refused units (none: the import may be applied)."""
        return [item for item in self.items if item.status == "refused"]


class TranslationRefused(ValueError):
    """An import holds refused units; nothing was written."""

    def __init__(self, refused: list[Item]) -> None:
        """Keep the refused units; the message names each with its reason."""
        super().__init__("; ".join(f"{i.unit.place}: {i.reason}" for i in refused))
        self.refused = refused


class BadTranslationFile(ValueError):
    """A file that cannot be read as a translation exchange file (the message says why)."""


# --- the slots of a plan ----------------------------------------------------------------------


def _node_slots(plan: Plan) -> Iterator[Slot]:
    """Yield the titles of a plan's nodes (those the source gives)."""
    for node in PlanNode.objects.filter(plan=plan, title_known=True).order_by("position"):
        yield Slot(f"node:{node.code}:title", "node", "title", node.title_ja, node.title_en, node)


def _block_slots(plan: Plan) -> Iterator[Slot]:
    """Yield the text blocks of a plan's sections, in document order."""
    blocks = (
        TextBlock.objects.filter(section__node__plan=plan)
        .select_related("section__node")
        .order_by("section__node__position", "section__position", "position")
    )
    for b in blocks:
        where = f"{b.section.node.code}:{b.section.key}:{b.position}"
        yield Slot(f"block:{where}", "block", "text", b.text_ja, b.text_en, b)


def _indicator_slots(plan: Plan) -> Iterator[Slot]:
    """Yield the name, definition, rationale and note of each indicator (when given)."""
    for row in Indicator.objects.filter(plan=plan).order_by("position", "code"):
        for name in INDICATOR_FIELDS:
            ja, en = getattr(row, f"{name}_ja"), getattr(row, f"{name}_en")
            if ja:
                yield Slot(f"indicator:{row.code}:{name}", "indicator", name, ja, en, row)


def _unit_slots(plan: Plan) -> Iterator[Slot]:
    """Yield the unit (単位) of each indicator that has one."""
    for row in Indicator.objects.filter(plan=plan).exclude(unit="").order_by("position", "code"):
        yield Slot(f"indicator:{row.code}:unit", "unit", "unit", row.unit, row.unit_en, row)


def _department_slots(plan: Plan) -> Iterator[Slot]:
    """Yield the names of the municipality's departments."""
    for row in Department.objects.filter(municipality_id=plan.municipality_id).order_by("pk"):
        yield Slot(f"department:{row.pk}:name", "department", "name", row.name_ja, row.name_en, row)


def _evaluation_slots(plan: Plan) -> Iterator[Slot]:
    """Yield the texts of the plan's published evaluations."""
    rows = Evaluation.objects.filter(plan=plan, status="published").select_related("node")
    for row in rows.order_by("fiscal_year", "node__position"):
        for name in EVALUATION_FIELDS:
            ja, en = getattr(row, f"{name}_ja"), getattr(row, f"{name}_en")
            if ja:
                where = f"{row.node.code}:{row.fiscal_year}:{name}"
                yield Slot(f"evaluation:{where}", "evaluation", name, ja, en, row)


SLOT_KINDS: dict[str, Callable[[Plan], Iterator[Slot]]] = {
    "node": _node_slots,
    "block": _block_slots,
    "indicator": _indicator_slots,
    "unit": _unit_slots,
    "department": _department_slots,
    "evaluation": _evaluation_slots,
}


def _imported_for(plan: Plan) -> dict[str, str]:
    """Return, by unit id, the Japanese its English was last imported for (from the audit)."""
    prefix = f"{plan.municipality.code}/{plan.slug}/"
    rows = AuditEntry.objects.filter(
        action=ACTION, object_id__startswith=prefix, after__isnull=False
    ).order_by("id")
    return {r.object_id[len(prefix) :]: str((r.after or {}).get("ja", "")) for r in rows}


def slots(plan: Plan) -> dict[str, Slot]:
    """Return every translatable text of a plan by unit id, in document order per kind."""
    found = {slot.id: slot for kind in SLOT_KINDS.values() for slot in kind(plan)}
    for unit_id, ja in _imported_for(plan).items():
        slot = found.get(unit_id)
        if slot is not None and slot.en and ja != slot.ja:
            found[unit_id] = replace(slot, stale=True)
    return found


def exported(plan: Plan, *, only_untranslated: bool) -> list[Slot]:
    """Return the slots to export: all, or those without English or whose Japanese changed
    since their English was imported."""
    found = slots(plan).values()
    return [s for s in found if not (only_untranslated and s.translated)]


@dataclass(frozen=True)
class Progress:
    """How much of one kind of text is translated."""

    kind: str
    translated: int
    total: int

    @property
    def percent(self) -> int:
        """Return the share translated, in whole percent (rounded down; 100 only when all)."""
        return 100 * self.translated // self.total if self.total else 100


def progress(plan: Plan) -> list[Progress]:
    """Return the translation progress of each kind of text of a plan."""
    found = list(slots(plan).values())
    return [
        Progress(kind, sum(s.translated for s in of), len(of))
        for kind in SLOT_KINDS
        for of in [[s for s in found if s.kind == kind]]
    ]


# --- preview and apply ------------------------------------------------------------------------


def _item(unit: Unit, slot: Slot | None) -> Item:
    """Return what importing one unit would do to its slot."""
    if slot is None:
        return Item(unit, "refused", reason=f"この計画に id「{unit.id}」の文はありません")
    if unit.source != slot.ja:
        return Item(
            unit, "refused", slot.en, "書き出しの後に日本語が変わりました（書き出し直してください）"
        )
    if not unit.target or (unit.target == slot.en and not slot.stale):
        return Item(unit, "unchanged", slot.en)
    # stale English sent back as it was is "changed": the translator confirmed it anew
    return Item(unit, "changed" if slot.en else "new", slot.en)


def preview(plan: Plan, units: Iterable[Unit]) -> Preview:
    """Return what importing ``units`` into ``plan`` would change (nothing is written)."""
    found = slots(plan)
    seen: set[str] = set()
    items = []
    for unit in units:
        item = _item(unit, found.get(unit.id))
        if unit.id in seen:
            item = Item(unit, "refused", reason=f"id「{unit.id}」が二度あります")
        seen.add(unit.id)
        items.append(item)
    return Preview(items)


def _write(slot: Slot, text: str) -> None:
    """Set the English of one slot."""
    type(slot.row)._default_manager.filter(pk=slot.row.pk).update(**{f"{slot.field}_en": text})


def _entry(plan: Plan, item: Item) -> dict[str, object]:
    """Return the audit entry of one translation written."""
    code = plan.municipality.code
    return {
        "action": ACTION,
        "object_type": "translation",
        "object_id": f"{code}/{plan.slug}/{item.unit.id}",
        "municipality_code": code,
        "before": {"en": item.before},
        "after": {"en": item.unit.target, "ja": item.unit.source},
    }


def apply(*, actor: Actor, plan: Plan, units: list[Unit]) -> Preview:
    """Write every new and changed English text, audited, all or nothing; return the preview.

    Raises :class:`TranslationRefused` (writing nothing) when any unit is refused.
    """
    require(actor, "plan.publish", plan.municipality.code)
    with transaction.atomic():
        locked = Plan.objects.select_for_update().select_related("municipality").get(pk=plan.pk)
        done = preview(locked, units)
        if done.refused:
            raise TranslationRefused(done.refused)
        found = slots(locked)
        writes = [i for i in done.items if i.status in ("new", "changed")]
        for item in writes:
            _write(found[item.unit.id], item.unit.target)
        if writes:
            _new_version(actor, locked, [_entry(locked, i) for i in writes])
    return done


def _new_version(actor: Actor, plan: Plan, entries: list[dict[str, object]]) -> None:
    """Record the translations and give the plan a new version with its snapshot."""
    record_many(actor=actor, entries=entries)
    before = {"version": plan.version}
    Plan.objects.filter(pk=plan.pk).update(version=plan.version + 1)
    plan.refresh_from_db()
    snapshot_and_audit(actor, plan, "plan.update", before, f"英訳 {len(entries)} 件を取り込み")
