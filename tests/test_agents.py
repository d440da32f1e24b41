"""Agent accounts and sign-in."""

from __future__ import annotations

import pytest

from hezo_desk.db import Database
from hezo_desk.enums import Role
from hezo_desk.errors import PermissionDeniedError, UserError
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService, SignInError
from hezo_desk.services.audit import AuditFilter, AuditService
from hezo_desk.services.passwords import hash_password, verify_password


def test_passwords_are_salted_kdf_hashes() -> None:
    first, second = hash_password("correct horse"), hash_password("correct horse")
    assert first != second
    assert first.startswith("scrypt$")
    assert verify_password("correct horse", first)
    assert not verify_password("correct hors", first)
    assert not verify_password("x", "garbage")


def test_the_first_agent_needs_no_actor_later_ones_need_an_administrator(db: Database) -> None:
    service = AgentService(db)
    admin = service.add(None, login="Admin", display_name="Admin", role=Role.ADMINISTRATOR)
    assert admin.login == "admin"
    with pytest.raises(UserError, match="acting administrator"):
        service.add(None, login="eve", display_name="Eve", role=Role.AGENT)
    acting = service.resolve("admin")
    service.add(acting, login="anna", display_name="Anna", role=Role.AGENT)
    anna = service.resolve("anna")
    with pytest.raises(PermissionDeniedError, match="administrator"):
        service.add(anna, login="bob", display_name="Bob", role=Role.AGENT)
    with pytest.raises(UserError, match="already exists"):
        service.add(acting, login="anna", display_name="Anna 2", role=Role.AGENT)
    with pytest.raises(UserError, match="not valid"):
        service.add(acting, login="a b", display_name="A B", role=Role.AGENT)


def test_sign_in_role_change_deactivation_and_reset(db: Database, admin: Actor) -> None:
    service = AgentService(db)
    service.add(admin, login="jan", display_name="Jan", role=Role.AGENT, password="pierwsze1")
    assert service.authenticate("jan", "pierwsze1").login == "jan"
    with pytest.raises(SignInError):
        service.authenticate("jan", "wrong-password")
    service.set_role(admin, "jan", Role.SUPERVISOR)
    service.reset_password(admin, "jan", "drugie-haslo")
    assert service.authenticate("JAN", "drugie-haslo").role is Role.SUPERVISOR
    service.set_active(admin, "jan", active=False)
    with pytest.raises(SignInError):
        service.authenticate("jan", "drugie-haslo")
    with pytest.raises(UserError, match="deactivated"):
        service.resolve("jan")
    with pytest.raises(UserError, match="your own account"):
        service.set_active(admin, "admin", active=False)
    with pytest.raises(UserError, match="at least 8"):
        service.reset_password(admin, "jan", "short")
    log = AuditService(db).entries(admin, AuditFilter(action="agent."))
    assert [entry.action for entry in log][:4] == [
        "agent.changed",
        "agent.signed_in",
        "agent.changed",
        "agent.changed",
    ]


def test_only_supervisors_and_administrators_read_the_audit_log(
    db: Database, admin: Actor, agent: Actor
) -> None:
    with pytest.raises(PermissionDeniedError):
        AuditService(db).entries(agent)
    entries = AuditService(db).entries(admin, AuditFilter(agent_login="admin"))
    assert {entry.agent_login for entry in entries} == {"admin"}
