"""Every write to municipalities and plans: permission check, validation, audit entry."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import ProtectedError

from shisaku.accounts.permissions import require
from shisaku.audit.services import record
from shisaku.domain.actors import Actor
from shisaku.domain.assessment import config_from_setting
from shisaku.domain.localcode import normalize_local_code
from shisaku.domain.plandiff import Change, carry_translations, diff_trees
from shisaku.domain.plantree import Node, PlanMeta, meta_to_dict, walk
from shisaku.domain.sdgs import MeasureLinks
from shisaku.plan import queries
from shisaku.plan import sdgs as sdg_links
from shisaku.plan.models import Municipality, Plan, PlanNode, PlanSnapshot
from shisaku.plan.store import replace_content


@dataclass
class ImportResult:
    """What an import did (or, in a dry run, would do)."""

    municipality_code: str
    slug: str
    created: bool
    version: int
    changes: list[Change] = field(default_factory=list)
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        """Return whether the content or metadata changed."""
        return self.created or bool(self.changes)


def save_municipality(*, actor: Actor, code: str, name_ja: str, name_en: str = "") -> Municipality:
    """Create a municipality, or update its names."""
    code = normalize_local_code(code)
    require(actor, "municipality.create", code)
    town, created = Municipality.objects.get_or_create(
        code=code, defaults={"name_ja": name_ja, "name_en": name_en}
    )
    before = {"name_ja": town.name_ja, "name_en": town.name_en}
    after = {"name_ja": name_ja or town.name_ja, "name_en": name_en or town.name_en}
    if created or before != after:
        Municipality.objects.filter(pk=town.pk).update(**after)
        record(
            actor=actor,
            action="municipality.save",
            object_type="municipality",
            object_id=code,
            municipality_code=code,
            before=None if created else before,
            after=after,
        )
    town.refresh_from_db()
    return town


def import_plan(
    *,
    actor: Actor,
    municipality_code: str,
    meta: PlanMeta,
    nodes: list[Node],
    source_name: str = "",
    source_sha256: str = "",
    dry_run: bool = False,
    sdgs: list[MeasureLinks] | None = None,
) -> ImportResult:
    """Create a plan from a tree, or update it in place (no duplicates); all or nothing.

    ``sdgs``, when given (an exchange file's ``sdgs`` list), replaces the plan's SDG links.
    """
    code = normalize_local_code(municipality_code)
    require(actor, "plan.import", code)
    config_from_setting(meta.assessment)  # refuse an unknown method or preset before writing
    if sdgs is not None:
        sdg_links.check_links(sdgs, {n.code for n in walk(nodes) if n.kind == "measure"})
    town = Municipality.objects.filter(code=code).first()
    if town is None:
        raise queries.NotFound(f"municipality {code} does not exist; create it first")
    with transaction.atomic():
        # one import of a municipality's plans at a time: a second import of the same new plan
        # waits here, then finds the plan the first one created and updates it (or not at all)
        Municipality.objects.select_for_update().filter(pk=town.pk).values_list("pk").get()
        plan = Plan.objects.select_for_update().filter(municipality=town, slug=meta.slug).first()
        if plan is None:
            result = _create(actor, town, meta, nodes, source_name, source_sha256, dry_run)
        else:
            result = _update(actor, plan, meta, nodes, source_name, source_sha256, dry_run)
        if sdgs is not None and not dry_run:
            saved = Plan.objects.get(municipality=town, slug=meta.slug)
            sdg_links.import_links(actor=actor, plan=saved, links=sdgs)
        return result


def _create(
    actor: Actor,
    town: Municipality,
    meta: PlanMeta,
    nodes: list[Node],
    source_name: str,
    sha: str,
    dry_run: bool,
) -> ImportResult:
    """Create a new plan with its content."""
    result = ImportResult(town.code, meta.slug, created=True, version=meta.version, dry_run=dry_run)
    if dry_run:
        return result
    plan = Plan.objects.create(
        municipality=town,
        slug=meta.slug,
        title_ja=meta.title,
        title_en=meta.title_en,
        period_start=meta.period_start,
        period_end=meta.period_end,
        status=meta.status,
        version=meta.version,
        assessment=meta.assessment,
        source_name=source_name,
        source_sha256=sha,
    )
    replace_content(plan, nodes)
    snapshot_and_audit(actor, plan, "plan.create", None, f"{source_name} を取り込み")
    return result


def _meta_changes(plan: Plan, meta: PlanMeta) -> list[Change]:
    """List the metadata differences between a stored plan and incoming metadata."""
    pairs = {
        "計画名": (plan.title_ja, meta.title),
        "英語名": (plan.title_en, meta.title_en or plan.title_en),
        "計画期間": ((plan.period_start, plan.period_end), (meta.period_start, meta.period_end)),
        "状態": (plan.status, meta.status),
        "評価方法": (plan.assessment, meta.assessment or plan.assessment),
    }
    return [Change("~", "plan", f"{k}: {a} → {b}") for k, (a, b) in pairs.items() if a != b]


def _update(
    actor: Actor,
    plan: Plan,
    meta: PlanMeta,
    nodes: list[Node],
    source_name: str,
    sha: str,
    dry_run: bool,
) -> ImportResult:
    """Update an existing plan in place, keeping translations whose Japanese is unchanged."""
    old = queries.load_nodes(plan.id)
    carry_translations(old, nodes)
    changes = _meta_changes(plan, meta) + diff_trees(old, nodes)
    version = plan.version + 1 if changes else plan.version
    result = ImportResult(plan.municipality.code, plan.slug, False, version, changes, dry_run)
    if dry_run or not changes:
        return result
    before = {"version": plan.version}  # the full earlier content stays in its PlanSnapshot
    Plan.objects.filter(pk=plan.pk).update(
        title_ja=meta.title,
        title_en=meta.title_en or plan.title_en,
        period_start=meta.period_start,
        period_end=meta.period_end,
        status=meta.status,
        version=version,
        assessment=meta.assessment or plan.assessment,
        source_name=source_name or plan.source_name,
        source_sha256=sha or plan.source_sha256,
    )
    _replace_checked(plan, nodes)
    plan.refresh_from_db()
    snapshot_and_audit(actor, plan, "plan.update", before, "; ".join(map(str, changes[:20])))
    return result


class PlanInUse(ValueError):
    """A re-import would remove nodes that indicators, evaluations or programmes still use."""


def _replace_checked(plan: Plan, nodes: list[Node]) -> None:
    """Replace the content, refusing to drop a node that other records depend on."""
    try:
        replace_content(plan, nodes)
    except ProtectedError as error:
        users = sorted({str(getattr(o, "code", o)) for o in error.protected_objects})
        kept = sorted({str(getattr(o, "node", "")) for o in error.protected_objects})
        raise PlanInUse(
            f"取り込み後の計画にない項目 {', '.join(k for k in kept if k)} を、"
            f"指標・評価・事務事業（{', '.join(users[:10])}）が参照しているため、取り込めません。"
            "先にそれらを移すか削除してください"
        ) from error


def snapshot_and_audit(actor: Actor, plan: Plan, action: str, before: object, summary: str) -> None:
    """Keep the new version as a snapshot and record the write."""
    info = queries.find_plan(plan.municipality.code, plan.slug)
    document = queries.plan_document(info)
    PlanSnapshot.objects.create(
        plan=plan,
        version=plan.version,
        actor=actor.label,
        source_name=plan.source_name,
        document=document,
    )
    record(
        actor=actor,
        action=action,
        object_type="plan",
        object_id=f"{info.municipality_code}/{plan.slug}",
        municipality_code=info.municipality_code,
        summary=summary,
        before=before,
        after={"version": plan.version, **meta_to_dict(info.meta)},
    )


def set_plan_status(*, actor: Actor, municipality_code: str, slug: str, status: str) -> None:
    """Publish a plan or return it to draft."""
    require(actor, "plan.publish", municipality_code)
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(municipality__code=municipality_code, slug=slug)
        if plan.status == status:
            return
        before = plan.status
        Plan.objects.filter(pk=plan.pk).update(status=status)
        record(
            actor=actor,
            action="plan.status",
            object_type="plan",
            object_id=f"{municipality_code}/{slug}",
            municipality_code=municipality_code,
            before={"status": before},
            after={"status": status},
        )


class NotAPolicy(ValueError):
    """Only a policy (政策) can be marked as education."""


def mark_education(
    *, actor: Actor, municipality_code: str, slug: str, node_code: str, education: bool = True
) -> bool:
    """Mark a policy as education (教育委員会の点検・評価の対象), or unmark it.

    Returns whether anything changed. The marker survives a re-import of the plan, the way
    the responsible department does (see :func:`shisaku.domain.plandiff.carry_translations`).
    """
    require(actor, "plan.assign", municipality_code)
    node = PlanNode.objects.filter(
        plan__municipality__code=municipality_code, plan__slug=slug, code=node_code
    ).first()
    if node is None:
        raise queries.NotFound(f"node {node_code} does not exist in {municipality_code}/{slug}")
    if node.kind != PlanNode.Kind.POLICY:
        raise NotAPolicy(
            f"{node_code} は{node.get_kind_display()}です。教育の印は政策（policy）に付けます"
        )
    if node.education == education:
        return False
    PlanNode.objects.filter(pk=node.pk).update(education=education)
    record(
        actor=actor,
        action="node.education",
        object_type="node",
        object_id=f"{municipality_code}/{slug}/{node_code}",
        municipality_code=municipality_code,
        before={"education": node.education},
        after={"education": education},
    )
    return True
