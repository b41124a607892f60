"""Every role × action × department × municipality, against the published policy.

The expected policy is written out here on its own (not read from ROLE_ACTIONS), so a change
to who may do what fails this test until the policy below, and docs/workspace.md, agree.
"""

import itertools

import pytest

from shisaku.accounts import services as accounts
from shisaku.accounts.permissions import ROLE_ACTIONS, allowed
from shisaku.domain.actors import Actor
from shisaku.plan import services as plan_services

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
