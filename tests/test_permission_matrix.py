"""Every role × action × department × municipality, against the published policy.

The expected policy is written out here on its own (not read from ROLE_ACTIONS), so a change
to who may do what fails this test until the policy below, and docs/workspace.md, agree.
"""

import itertools

import pytest
from django.contrib.auth import get_user_model

from shisaku.accounts import services as accounts
from shisaku.accounts.permissions import ROLE_ACTIONS, allowed
from shisaku.domain.actors import Actor
from shisaku.plan import services as plan_services
from tests.test_staff_support import town_fixture  # noqa: F401

P, D, M, R, V = "planning", "department", "manager", "reviewer", "viewer"
# action → roles allowed (in their own municipality); department and manager only for their
# own department's objects
POLICY = {
    "plan.import": {P},
    "plan.edit": {P, D, M},
    "plan.assign": {P},
    "plan.publish": {P},
    "plan.read_drafts": {P, D, M, R},
    "municipality.create": set(),
    "indicators.define": {P},
    "indicators.record": {P, D, M},
    "accounts.manage": {P},
    "evaluation.edit": {P, D, M},
    "evaluation.submit": {P, D, M},
    "evaluation.approve": {M},
    "evaluation.review": {P},
    "evaluation.comment": {R},
    "evaluation.publish": {P},
    "evaluation.reopen": {P},
    "evaluation.schedule": {P},
    "programme.edit": {P, D, M},
}
SCOPED = {D, M}
OWN, OTHER = "999997", "022012"
DEPARTMENTS = ["子育て支援課", "土木課", ""]  # the object's department: own, another, none


def test_the_policy_names_every_action_the_code_knows():
    assert set(POLICY) == set(ROLE_ACTIONS)


@pytest.fixture
def members(small_plan, operator):
    plan_services.save_municipality(actor=operator, code=OTHER, name_ja="青森市")
    made = {}
    for role in (P, D, M, R, V):
        uid = accounts.create_user(
            actor=operator,
            username=role,
            password="correct horse battery staple 42",
            municipality_code=OWN,
            role=role,
            department="子育て支援課" if role in SCOPED else "",
        )
        made[role] = accounts.actor_for(uid, role)
    return made


def expected(role, action, town, department):
    if town != OWN or role not in POLICY[action]:
        return False
    return department == "子育て支援課" if role in SCOPED else True


def test_every_role_action_department_and_municipality(members):
    wrong = [
        (role, action, town, department)
        for role, action, town, department in itertools.product(
            members, POLICY, (OWN, OTHER), DEPARTMENTS
        )
        if allowed(members[role], action, town, department or None)
        != expected(role, action, town, department)
    ]
    assert wrong == []


def test_a_visitor_may_do_nothing_and_the_operator_everything(db):
    visitor, operator = Actor.anonymous(), Actor.operator("test")
    assert not any(allowed(visitor, a, OWN, d or None) for a in POLICY for d in DEPARTMENTS)
    assert all(allowed(operator, a, OWN, None) for a in POLICY)


# --- history pages: the same visibility as the object they describe ---------------------------

DRAFT = "まだ公開していない下書きの本文。"
HISTORY_PAGES = ["text/1-1-1/history/", "indicators/K1/history/", "text/1-1-1/"]
# persona → whether they may read the drafts of node 1-1-1 (福祉課): the planning office, its
# department and the committee; not another department, not a viewer
READS_DRAFTS = {
    "kikaku": True,
    "fukushi": True,
    "iin": True,
    "kosodate": False,
    "doboku": False,
    "etsuran": False,
}


@pytest.fixture
def drafted(town, operator):
    from shisaku.plan import editing
    from tests.test_staff_support import SLUG, TOWN

    fukushi = accounts.actor_for(get_user_model().objects.get(username="fukushi").pk, "fukushi")
    ref = editing.TextRef("1-1-1", "description", 0, "ja")
    editing.save_draft(actor=fukushi, municipality_code=TOWN, slug=SLUG, ref=ref, text=DRAFT)
    plan_services.save_municipality(actor=operator, code="292125", name_ja="宇陀市")
    accounts.create_user(
        actor=operator,
        username="uda",
        password="correct horse battery staple 42",
        municipality_code="292125",
        role="planning",
    )


@pytest.mark.parametrize("page", HISTORY_PAGES)
@pytest.mark.parametrize("persona", sorted(READS_DRAFTS))
def test_every_role_reads_a_draft_in_a_history_only_where_it_reads_the_draft(
    drafted, persona, page
):
    from tests.test_staff_support import BASE, as_user, text

    response = as_user(persona).get(BASE + page)
    assert response.status_code == 200
    shown = DRAFT in text(response)
    assert shown == (READS_DRAFTS[persona] and page.startswith("text/"))


@pytest.mark.parametrize("page", HISTORY_PAGES)
def test_another_city_reads_no_history(drafted, page):
    from tests.test_staff_support import BASE, as_user, text

    response = as_user("uda").get(BASE + page)
    assert response.status_code == 403
    assert DRAFT not in text(response)


def test_a_discarded_draft_stays_hidden_from_those_who_may_not_read_drafts(drafted):
    from shisaku.plan import editing
    from tests.test_staff_support import BASE, SLUG, TOWN, as_user, text

    editing.discard_draft(
        actor=Actor.operator("test"),
        municipality_code=TOWN,
        slug=SLUG,
        ref=editing.TextRef("1-1-1", "description", 0, "ja"),
    )
    assert DRAFT not in text(as_user("etsuran").get(BASE + "text/1-1-1/history/"))
    assert DRAFT in text(as_user("fukushi").get(BASE + "text/1-1-1/history/"))
