"""Every service is checked and audited (issue 7 item 1), walked one by one.

Every write — web forms, API, CLI, imports — goes through a service that checks permission,
validates and records an audit entry. This module finds every public function of the
service modules (every ``services.py`` under ``shisaku/``, found by walking the package, and
the other modules in ``MORE_MODULES``), and for each one either performs one valid call
(``RECIPES``) or says why it is not a write (``EXEMPT``); a new function in one of those
modules fails :func:`test_every_service_has_a_recipe_or_an_exemption` by name until it gets
one. Each recipe is then called by actors without the right — refused, nothing written — and
by the operator — done, and audited with the state before and after.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.db import transaction

import shisaku
from shisaku.accounts import services as accounts
from shisaku.accounts.models import ApiToken
from shisaku.accounts.permissions import PermissionDenied
from shisaku.audit.models import AppendOnlyError, AuditEntry
from shisaku.domain.actors import Actor
from shisaku.domain.indicatordata import IndicatorBatch, IndicatorDefinition
from shisaku.domain.plantree import PlanMeta
from shisaku.evaluation import programmes, transitions
from shisaku.evaluation import services as evaluation
from shisaku.evaluation.programmes import ProgrammeInput, ProgrammeYearInput
from shisaku.evaluation.reminders import reminders, send_reminders
from shisaku.evaluation.requirements import set_required_to_submit
from shisaku.exchange import backup, bulkload
from shisaku.indicators import services as indicators
from shisaku.indicators.services import BatchRejected, FigureEntry
from shisaku.plan import editing
from shisaku.plan import services as plan_services
from shisaku.plan.editing import TextRef
from tests.test_evaluation_setup import (
    KOSODATE,
    PASSWORD,
    SLUG,
    TOWN,
    YEAR,
    Town,
    build_town,
    nodes,
)
from tests.voice_support import VOICE_EXEMPT, voice_recipes, voice_world

# writes that live outside a module named services.py
MORE_MODULES = (
    "shisaku.plan.editing",
    "shisaku.evaluation.transitions",
    "shisaku.evaluation.requirements",
    "shisaku.evaluation.programmes",
    "shisaku.evaluation.reminders",
    "shisaku.exchange.bulkload",
)
OTHER_TOWN = "022012"  # 青森市: a second municipality whose planning office has no say here
NEW_TOWN = "019003"  # a municipality no one has created yet (number 900: no real one uses it)
LATE = date(2025, 7, 1)  # the day after the submission due date set in the world


def service_modules() -> list[str]:
    """Return every module named services.py under shisaku/, and MORE_MODULES."""
    found = [
        info.name
        for info in pkgutil.walk_packages(shisaku.__path__, "shisaku.")
        if info.name.rsplit(".", 1)[-1] == "services"
    ]
    return sorted({*found, *MORE_MODULES})


def discovered() -> set[str]:
    """Return the qualified names of the public functions defined in the service modules."""
    names = set()
    for name in service_modules():
        module = importlib.import_module(name)
        for attr, fn in inspect.getmembers(module, inspect.isfunction):
            if not attr.startswith("_") and fn.__module__ == module.__name__:
                names.add(f"{name}.{attr}")
    return names


# public functions that are not writes of their own, and why
EXEMPT = {
    "shisaku.accounts.services.actor_for": "builds an Actor; writes nothing",
    "shisaku.accounts.services.actor_for_token": "reads a token (stamps last_used_at only)",
    "shisaku.accounts.services.is_locked": "reads the sign-in failures",
    "shisaku.accounts.services.note_failure": "sign-in bookkeeping of an anonymous attempt",
    "shisaku.accounts.services.reserve_attempt": "sign-in bookkeeping before a password check",
    "shisaku.accounts.services.clear_failures": "sign-in bookkeeping after a success",
    "shisaku.evaluation.requirements.check_submittable": "checks a sheet; writes nothing",
    "shisaku.evaluation.requirements.missing_fields": "reads a sheet; writes nothing",
    "shisaku.evaluation.requirements.required_to_submit": "reads the plan's rule",
    "shisaku.audit.services.record": "the audit trail itself, called by the services",
    "shisaku.audit.services.record_many": "the audit trail itself, called by the services",
    "shisaku.evaluation.reminders.reminders": "computes who to remind; writes nothing",
    "shisaku.evaluation.services.audit_entry": "builds an audit entry for the services",
    "shisaku.evaluation.services.find_plan_row": "reads a plan",
    "shisaku.evaluation.services.load_for_update": "locks and reads, inside a checked service",
    "shisaku.indicators.services.components_json": "formats a value",
    "shisaku.indicators.services.figure_state": "formats a figure",
    "shisaku.indicators.services.locked_message": "formats a message",
    "shisaku.indicators.services.plan_locks": "reads a plan's period locks",
    "shisaku.plan.editing.current_text": "reads a published text",
    "shisaku.plan.services.snapshot_and_audit": "a step of the checked plan writes",
    **VOICE_EXEMPT,
}


@dataclass
class World:
    """The fictional town of tests.test_evaluation_setup, with something for every service."""

    town: Town
    outsider: Actor  # the planning office of OTHER_TOWN
    published: int  # the audit entry of a published text (for revert)

    def user_id(self, name: str) -> int:
        """Return the user id of a member of 試験市."""
        uid = self.town[name].user_id
        assert uid is not None
        return uid

    def evaluation_args(self) -> dict[str, Any]:
        """Return the id and current version of measure 1-1-1's evaluation."""
        row = self.town.evaluation()
        return {"evaluation_id": row.pk, "expected_version": row.version}


WORLD_TOKEN = "集計スクリプト"  # kikaku's API token in the world, for revoke_token


@pytest.fixture
def world(db, operator) -> World:
    """試験市 with a published and a pending text, due dates, and a programme with values."""
    town = build_town(operator)
    plan_services.save_municipality(actor=operator, code=OTHER_TOWN, name_ja="青森市")
    uid = accounts.create_user(
        actor=operator,
        username="yoso",
        password=PASSWORD,
        municipality_code=OTHER_TOWN,
        role="planning",
    )
    place = {"actor": operator, "municipality_code": TOWN, "slug": SLUG}
    editing.save_draft(**place, ref=TextRef("1-1-3"), text="子育て家庭の交流の場")
    editing.publish_drafts(**place)
    editing.save_draft(**place, ref=TextRef("1-1-1"), text="相談支援の一層の充実")
    indicators.set_deadline(
        **where(operator), department=KOSODATE, plan=SLUG, due=date(2025, 6, 30), fiscal_year=YEAR
    )
    evaluation.set_stage_deadline(
        **where(operator), plan=SLUG, fiscal_year=YEAR, stage="submitted", due=date(2025, 6, 30)
    )
    programmes.save_programme(**where(operator), plan=SLUG, programme=programme("相談窓口運営事業"))
    programmes.save_programme_year(
        **programme_place(operator), values=ProgrammeYearInput(YEAR, budget=Decimal(1000000))
    )
    programmes.save_programme_indicator(**programme_place(operator), **ACTIVITY, unit="件")
    programmes.record_programme_value(
        **programme_place(operator), **ACTIVITY, fiscal_year=YEAR, planned=Decimal(100), actual=None
    )
    accounts.create_token(actor=operator, user_id=town["kikaku"].user_id, name=WORLD_TOKEN)
    voice_world(operator)
    published = AuditEntry.objects.get(action="text.publish").pk
    return World(town, accounts.actor_for(uid, "yoso"), published)


def where(actor: Actor) -> dict[str, Any]:
    """Return the actor and municipality arguments."""
    return {"actor": actor, "municipality_code": TOWN}


def programme(name: str) -> ProgrammeInput:
    """Return the programme J-001 of initiative 1-1-1.1 (子育て支援課)."""
    return ProgrammeInput("J-001", name, "1-1-1.1", department=KOSODATE)


def programme_place(actor: Actor) -> dict[str, Any]:
    """Return the arguments naming programme J-001."""
    return {**where(actor), "plan": SLUG, "code": "J-001"}


def plan_place(actor: Actor) -> dict[str, Any]:
    """Return the arguments naming the plan."""
    return {**where(actor), "slug": SLUG}


ACTIVITY: dict[str, Any] = {"kind": "activity", "name_ja": "相談件数"}


def batch() -> IndicatorBatch:
    """Return an import renaming indicator K1."""
    name = "試験指標K1（改）"
    definition = IndicatorDefinition(
        TOWN, SLUG, "K1", name, "increase", node_code="1-1-1", department=KOSODATE
    )
    return IndicatorBatch(definitions=[definition])


@dataclass(frozen=True)
class Recipe:
    """One valid call of a service, and the audit entry it records."""

    action: str  # the audit action the call records
    call: Callable[[World, Actor], object]
    before: bool = True  # the call changes an existing object: the entry keeps its state before
    after: bool = True  # False for a removal: nothing is left after


# service → one valid call by the actor ``a`` in the world ``w``
RECIPES: dict[str, Recipe] = {
    # plan
    "shisaku.plan.services.save_municipality": Recipe(
        "municipality.save",
        lambda w, a: plan_services.save_municipality(actor=a, code=TOWN, name_ja="試験町"),
    ),
    "shisaku.plan.services.import_plan": Recipe(
        "plan.update",
        lambda w, a: plan_services.import_plan(
            **where(a), meta=PlanMeta("試験市総合計画（改訂）", 2024, 2028), nodes=nodes()
        ),
    ),
    "shisaku.plan.services.set_plan_status": Recipe(
        "plan.status", lambda w, a: plan_services.set_plan_status(**plan_place(a), status="draft")
    ),
    "shisaku.plan.services.mark_education": Recipe(
        "node.education",
        lambda w, a: plan_services.mark_education(**plan_place(a), node_code="1-1"),
    ),
    # national-scale load of new municipalities
    "shisaku.exchange.bulkload.bulk_load": Recipe(
        "plan.create",
        lambda w, a: bulkload.bulk_load(
            actor=a,
            plans=[
                bulkload.PlanLoad(NEW_TOWN, "新市", PlanMeta("新市総合計画", 2025, 2029), nodes())
            ],
        ),
        before=False,
    ),
    # plan texts
    "shisaku.plan.editing.save_draft": Recipe(
        "text.draft",
        lambda w, a: editing.save_draft(**plan_place(a), ref=TextRef("1-1-2"), text="道の安全"),
        before=False,
    ),
    "shisaku.plan.editing.discard_draft": Recipe(
        "text.discard",
        lambda w, a: editing.discard_draft(**plan_place(a), ref=TextRef("1-1-1")),
        after=False,
    ),
    "shisaku.plan.editing.publish_drafts": Recipe(
        "text.publish", lambda w, a: editing.publish_drafts(**plan_place(a))
    ),
    "shisaku.plan.editing.revert": Recipe(
        "text.revert", lambda w, a: editing.revert(actor=a, entry_id=w.published)
    ),
    "shisaku.plan.editing.assign_department": Recipe(
        "node.assign",
        lambda w, a: editing.assign_department(
            **plan_place(a), node_code="1-1-3", department="福祉課"
        ),
    ),
    # indicators
    "shisaku.indicators.services.apply_batch": Recipe(
        "indicator.save", lambda w, a: indicators.apply_batch(actor=a, batch=batch())
    ),
    "shisaku.indicators.services.record_figure": Recipe(
        "figure.record",
        lambda w, a: indicators.record_figure(
            actor=a, entry=FigureEntry(TOWN, SLUG, "K1", "actual", "2025年度", "160")
        ),
    ),
    "shisaku.indicators.services.set_deadline": Recipe(
        "deadline.set",
        lambda w, a: indicators.set_deadline(
            **where(a), plan=SLUG, fiscal_year=YEAR, department=KOSODATE, due=date(2025, 7, 31)
        ),
    ),
    # accounts
    "shisaku.accounts.services.create_user": Recipe(
        "user.create",
        lambda w, a: accounts.create_user(
            **where(a), username="shinjin", password=PASSWORD, role="viewer"
        ),
        before=False,
    ),
    "shisaku.accounts.services.create_token": Recipe(
        "token.create",
        lambda w, a: accounts.create_token(actor=a, user_id=w.user_id("kikaku"), name="API"),
        before=False,
    ),
    "shisaku.accounts.services.revoke_token": Recipe(
        "token.revoke",
        lambda w, a: accounts.revoke_token(
            actor=a, prefix=ApiToken.objects.get(name=WORLD_TOKEN).prefix
        ),
    ),
    # evaluation
    "shisaku.evaluation.services.open_year": Recipe(
        "evaluation.open",
        lambda w, a: evaluation.open_year(**where(a), plan=SLUG, fiscal_year=YEAR + 1),
        before=False,
    ),
    "shisaku.evaluation.services.update_evaluation": Recipe(
        "evaluation.edit",
        lambda w, a: evaluation.update_evaluation(
            actor=a, **w.evaluation_args(), changes={"results_ja": "相談件数が増えました。"}
        ),
    ),
    "shisaku.evaluation.services.update_translation": Recipe(
        "evaluation.translate",
        lambda w, a: evaluation.update_translation(
            actor=a, **w.evaluation_args(), changes={"results_en": "More people were counselled."}
        ),
    ),
    "shisaku.evaluation.services.set_stage_deadline": Recipe(
        "evaluation.deadline",
        lambda w, a: evaluation.set_stage_deadline(
            **where(a), plan=SLUG, fiscal_year=YEAR, stage="submitted", due=date(2025, 7, 31)
        ),
    ),
    "shisaku.evaluation.transitions.transition": Recipe(
        "evaluation.submit",
        lambda w, a: transitions.transition(actor=a, **w.evaluation_args(), action="submit"),
    ),
    "shisaku.evaluation.transitions.save_and_submit": Recipe(
        "evaluation.submit",
        lambda w, a: transitions.save_and_submit(
            actor=a, **w.evaluation_args(), changes={"results_ja": "相談件数が増えました。"}
        ),
    ),
    "shisaku.evaluation.requirements.set_required_to_submit": Recipe(
        "evaluation.rules",
        lambda w, a: set_required_to_submit(**where(a), plan=SLUG, fields=["results_ja"]),
    ),
    "shisaku.evaluation.reminders.send_reminders": Recipe(
        "evaluation.remind",
        lambda w, a: send_reminders(
            actor=a, plan=w.town.plan, year=YEAR, items=reminders(w.town.plan, YEAR, LATE)
        ),
        before=False,
    ),
    # programmes (事務事業)
    "shisaku.evaluation.programmes.save_programme": Recipe(
        "programme.save",
        lambda w, a: programmes.save_programme(
            **where(a), plan=SLUG, programme=programme("相談窓口の運営")
        ),
    ),
    "shisaku.evaluation.programmes.save_programme_year": Recipe(
        "programme.year",
        lambda w, a: programmes.save_programme_year(
            **programme_place(a), values=ProgrammeYearInput(YEAR, budget=Decimal(1200000))
        ),
    ),
    "shisaku.evaluation.programmes.save_programme_indicator": Recipe(
        "programme.indicator",
        lambda w, a: programmes.save_programme_indicator(
            **programme_place(a), **ACTIVITY, unit="回"
        ),
    ),
    "shisaku.evaluation.programmes.record_programme_value": Recipe(
        "programme.value",
        lambda w, a: programmes.record_programme_value(
            **programme_place(a),
            **ACTIVITY,
            fiscal_year=YEAR,
            planned=Decimal(100),
            actual=Decimal(95),
        ),
    ),
    **voice_recipes(Recipe),
}
# an import lists every refused row at once (BatchRejected) rather than stopping at the first
REFUSALS: dict[str, type[Exception]] = {"shisaku.indicators.services.apply_batch": BatchRejected}


def test_every_service_has_a_recipe_or_an_exemption():
    found = discovered()
    assert not set(RECIPES) & set(EXEMPT)
    assert sorted(found - set(RECIPES) - set(EXEMPT)) == [], "services without a recipe"
    assert sorted((set(RECIPES) | set(EXEMPT)) - found) == [], "recipes of no service"


def test_the_walk_finds_every_module_named_services():
    assert {
        "shisaku.accounts.services",
        "shisaku.audit.services",
        "shisaku.evaluation.services",
        "shisaku.indicators.services",
        "shisaku.plan.services",
    } <= set(service_modules())


def snapshot() -> str:
    """Return the hash of every row of the instance (users, accounts, audit, plan, …)."""
    return backup.content_hash(backup.content())


def intruder(world: World, who: str) -> Actor:
    """Return an actor without the right to write in 試験市."""
    return {
        "anonymous": Actor.anonymous(),
        "outsider": world.outsider,  # the planning office of another municipality
        "viewer": world.town["etsuran"],  # a member of 試験市 who may only read
    }[who]


@pytest.mark.parametrize("who", ["anonymous", "outsider", "viewer"])
@pytest.mark.parametrize("name", sorted(RECIPES))
def test_an_actor_without_the_right_is_refused_and_nothing_is_written(world, name, who):
    actor = intruder(world, who)
    before = snapshot()
    sent = len(mail.outbox)
    with pytest.raises(REFUSALS.get(name, PermissionDenied)) as refused:
        RECIPES[name].call(world, actor)
    if isinstance(refused.value, BatchRejected):
        assert all("権限" in error.message for error in refused.value.errors)
    assert snapshot() == before
    assert len(mail.outbox) == sent


@pytest.mark.parametrize("name", sorted(RECIPES))
def test_the_operator_is_allowed_and_the_write_is_audited(world, operator, name):
    recipe = RECIPES[name]
    last = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    recipe.call(world, operator)
    entries = list(AuditEntry.objects.filter(id__gt=last).order_by("id"))
    assert entries, f"{name} wrote no audit entry"
    assert {e.actor for e in entries} == {operator.label}
    mine = [e for e in entries if e.action == recipe.action]
    assert mine, f"{name} recorded {[e.action for e in entries]}, not {recipe.action}"
    assert all(e.object_id and e.municipality_code for e in mine if e.object_type != "token")
    kept = {(e.before is not None, e.after is not None) for e in mine}
    assert (recipe.before, recipe.after) in kept, f"{name}: before/after kept as {kept}"


def test_an_audit_entry_cannot_be_changed_or_removed(world):
    entry = AuditEntry.objects.earliest("id")
    entry.summary = "書き換え"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    before = snapshot()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(summary="書き換え")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(AppendOnlyError), transaction.atomic():  # bulk_update opens no savepoint
        AuditEntry.objects.bulk_update([entry], ["summary"])
    assert snapshot() == before


def test_audit_entries_are_still_added_one_at_a_time_and_in_bulk(db, operator):
    from shisaku.audit.services import record, record_many

    record(actor=operator, action="test.one", object_type="test", object_id="1")
    record_many(
        actor=operator, entries=[{"action": "test.many", "object_type": "t", "object_id": "2"}]
    )
    assert sorted(AuditEntry.objects.values_list("action", flat=True)) == ["test.many", "test.one"]
