"""The service levels kept in the database: supervisors manage them, the back office sets a
service's level; every change checked with a code, based on the version read, and audited."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from builders import add_agent as _add_agent
from builders import build_world
from hezo_desk.db import Database
from hezo_desk.enums import CalendarKind, Priority, Role
from hezo_desk.errors import (
    LevelProblem,
    PermissionDeniedError,
    ServiceLevelConflictError,
    ServiceLevelRefusedError,
)
from hezo_desk.models import Service
from hezo_desk.services.actor import Actor
from hezo_desk.services.audit import AuditFilter, AuditService
from hezo_desk.services.service_levels.levels import NEXT_BUSINESS_DAY
from hezo_desk.services.service_levels.store import (
    MAX_TARGET_MINUTES,
    LevelChange,
    ServiceLevelStore,
    parse_calendar,
    parse_target,
)
from hezo_desk.wording import coded_error_text


def _refused(problem: LevelProblem, action: object) -> ServiceLevelRefusedError:
    with pytest.raises(ServiceLevelRefusedError) as caught:
        action()  # type: ignore[operator]
    assert caught.value.problem is problem
    return caught.value


def test_the_four_built_in_levels_are_listed_with_their_targets(db: Database) -> None:
    levels = {level.name: level for level in ServiceLevelStore(db).levels()}
    assert set(levels) == {"24x7", "8x5", "NBD", "none"}
    assert levels["24x7"].calendar is CalendarKind.ALWAYS
    assert levels["24x7"].response[Priority.CRITICAL] == 60
    assert levels["NBD"].resolution[Priority.HIGH] is NEXT_BUSINESS_DAY
    assert levels["none"].resolution[Priority.LOW] is None
    assert all(level.built_in for level in levels.values())


def test_a_supervisor_adds_changes_and_removes_a_level_each_audited(
    db: Database, admin: Actor
) -> None:
    supervisor = _add_agent(db, admin, "sylwia", Role.SUPERVISOR)
    store = ServiceLevelStore(db)
    added = store.add(
        supervisor,
        name="Gold 4h",
        calendar="business-hours",
        response={Priority.CRITICAL: 30, Priority.HIGH: NEXT_BUSINESS_DAY},
        resolution={Priority.CRITICAL: 240},
    )
    assert added.calendar is CalendarKind.BUSINESS_HOURS
    assert added.response[Priority.CRITICAL] == 30
    assert added.response[Priority.HIGH] is NEXT_BUSINESS_DAY
    assert added.response[Priority.LOW] is None
    assert store.level("gold 4H").id == added.id

    saved = store.change(
        supervisor,
        "Gold 4h",
        added.version,
        LevelChange(name="Gold", response={Priority.LOW: 600}),
    )
    assert saved.targets_changed
    assert saved.level.name == "Gold"
    assert saved.level.response[Priority.LOW] == 600
    assert saved.level.response[Priority.CRITICAL] == 30
    assert saved.level.version > added.version
    renamed = store.change(supervisor, "Gold", saved.level.version, LevelChange(name="Gold+"))
    assert not renamed.targets_changed

    # Based on an older version: refused, nothing changed.
    with pytest.raises(ServiceLevelConflictError):
        store.change(supervisor, "Gold+", added.version, LevelChange(calendar=CalendarKind.ALWAYS))
    assert store.level("Gold+").calendar is CalendarKind.BUSINESS_HOURS

    store.remove(supervisor, "Gold+")
    assert "Gold+" not in {level.name for level in store.levels()}

    entries = AuditService(db).entries(admin, AuditFilter(action="service_level."))
    by_action = {entry.action: entry for entry in entries}
    assert set(by_action) == {
        "service_level.created",
        "service_level.changed",
        "service_level.removed",
    }
    changes = [e for e in entries if e.action == "service_level.changed"]
    first = next(e for e in changes if e.details["new"].get("response.low") == "600")
    assert first.details["old"] == {"name": "Gold 4h", "response.low": "none"}
    assert first.details["new"] == {"name": "Gold", "response.low": "600"}
    assert by_action["service_level.created"].details["new"]["response.high"] == "nbd"


def test_the_door_refuses_wrong_input_with_codes(db: Database, admin: Actor) -> None:
    store = ServiceLevelStore(db)
    _refused(LevelProblem.NAME_EMPTY, lambda: store.add(admin, name="  ", calendar="24x7"))
    too_long = _refused(
        LevelProblem.NAME_TOO_LONG, lambda: store.add(admin, name="x" * 65, calendar="24x7")
    )
    assert too_long.params == (64, 65)
    taken = _refused(LevelProblem.NAME_TAKEN, lambda: store.add(admin, name="nbd", calendar="24x7"))
    assert taken.params == ("NBD",)
    _refused(
        LevelProblem.MINUTES_NEGATIVE,
        lambda: store.add(admin, name="A", calendar="24x7", response={Priority.LOW: -1}),
    )
    _refused(
        LevelProblem.MINUTES_TOO_MANY,
        lambda: store.add(
            admin, name="A", calendar="24x7", resolution={Priority.LOW: MAX_TARGET_MINUTES + 1}
        ),
    )
    _refused(LevelProblem.UNKNOWN_CALENDAR, lambda: store.add(admin, name="A", calendar="9x6"))
    _refused(LevelProblem.NO_SUCH_LEVEL, lambda: store.level("Platinum"))
    _refused(LevelProblem.TARGET_UNREADABLE, lambda: parse_target("soon"))
    assert parse_target(" NBD ") is NEXT_BUSINESS_DAY
    assert parse_target("none") is None
    assert parse_target("90") == 90
    assert parse_calendar("8x5") is CalendarKind.BUSINESS_HOURS
    other = store.add(admin, name="Silver", calendar="24x7")
    _refused(
        LevelProblem.NAME_TAKEN,
        lambda: store.change(admin, "Silver", other.version, LevelChange(name="24X7")),
    )
    # Worded from the catalogue (the command line's English here).
    text = coded_error_text(ServiceLevelRefusedError(LevelProblem.IN_USE, "Silver", 3))
    assert text is not None
    assert "Silver" in text
    assert "3 service" in text


def test_built_in_and_used_levels_are_not_removed(db: Database, admin: Actor) -> None:
    world = build_world(db)
    store = ServiceLevelStore(db)
    built_in = _refused(LevelProblem.BUILT_IN, lambda: store.remove(admin, "8x5"))
    assert built_in.params == ("8x5",)
    store.add(admin, name="Silver", calendar="24x7")
    store.set_service_level(admin, "(H)-FW5550001111", "Silver")
    used = _refused(LevelProblem.IN_USE, lambda: store.remove(admin, "silver"))
    assert used.params == ("Silver", 1)
    shown = {
        s.notation: (s.level_name, s.by_product_rule)
        for s in store.services(contract_id=world.contract_id)
    }
    assert shown == {
        "(H1)-FG1234567890": ("8x5", False),
        "(H2)-FG1234567890": ("8x5", False),
        "(H)-FW5550001111": ("Silver", False),
    }
    # A service stored without a level (written around the desk) reads as its product gives.
    with db.transaction() as session:
        session.execute(
            update(Service).where(Service.serial == "FA9999999999").values(service_level_id=None)
        )
    nbd = [s for s in store.services() if s.notation == "(H)-FA9999999999"]
    assert [(s.level_name, s.by_product_rule) for s in nbd] == [("NBD", True)]


def test_agents_and_back_office_may_not_manage_levels(
    db: Database, admin: Actor, agent: Actor
) -> None:
    back_office = _add_agent(db, admin, "bogdan", Role.BACK_OFFICE)
    store = ServiceLevelStore(db)
    for actor in (agent, back_office):
        with pytest.raises(PermissionDeniedError):
            store.add(actor, name="Mine", calendar="24x7")
        level = store.level("8x5")
        with pytest.raises(PermissionDeniedError):
            store.change(actor, "8x5", level.version, LevelChange(name="Mine"))
        with pytest.raises(PermissionDeniedError):
            store.remove(actor, "8x5")
    build_world(db)
    with pytest.raises(PermissionDeniedError):
        store.set_service_level(agent, "(H)-FW5550001111", "24x7")


def test_the_back_office_sets_a_services_level_by_notation_audited(
    db: Database, admin: Actor
) -> None:
    build_world(db)
    back_office = _add_agent(db, admin, "bogdan", Role.BACK_OFFICE)
    store = ServiceLevelStore(db)
    row = store.set_service_level(back_office, "(h2)-fg1234567890", "24X7")
    assert (row.notation, row.level_name) == ("(H2)-FG1234567890", "24x7")
    again = store.set_service_level(back_office, "FW5550001111", "NBD")
    assert again.level_name == "NBD"
    assert [s.level_name for s in store.services() if s.notation == "(H)-FW5550001111"] == ["NBD"]
    ambiguous = _refused(
        LevelProblem.SERVICE_AMBIGUOUS,
        lambda: store.set_service_level(back_office, "FG1234567890", "NBD"),
    )
    assert ambiguous.params == ("FG1234567890", "(H1)-FG1234567890, (H2)-FG1234567890")
    _refused(
        LevelProblem.NO_SUCH_SERVICE,
        lambda: store.set_service_level(back_office, "(H)-FG1234567890", "NBD"),
    )
    _refused(
        LevelProblem.NO_SUCH_LEVEL,
        lambda: store.set_service_level(back_office, "(H1)-FG1234567890", "Platinum"),
    )
    entries = AuditService(db).entries(admin, AuditFilter(action="service.level_changed"))
    assert sorted((e.details["service"], e.details["new"]) for e in entries) == [
        ("(H)-FW5550001111", "NBD"),
        ("(H2)-FG1234567890", "24x7"),
    ]


@pytest.mark.parametrize(
    "name", ["\x1b[31mred", "two\nlines", "tab\there", "Gold\u202e4h", "zero\u200bwidth", "\x85C1"]
)
def test_a_name_with_a_control_character_is_refused_not_stored(
    db: Database, admin: Actor, name: str
) -> None:
    store = ServiceLevelStore(db)
    refused = _refused(
        LevelProblem.NAME_CONTROL_CHARACTER, lambda: store.add(admin, name=name, calendar="24x7")
    )
    assert refused.params == ()  # the name is not echoed back
    level = store.add(admin, name="Gold", calendar="24x7")
    _refused(
        LevelProblem.NAME_CONTROL_CHARACTER,
        lambda: store.change(admin, "Gold", level.version, LevelChange(name=name)),
    )
    assert sorted(level.name for level in store.levels() if not level.built_in) == ["Gold"]
    text = coded_error_text(refused)
    assert text is not None
    assert "control character" in text


def test_level_names_are_unique_whatever_their_case(db: Database, admin: Actor) -> None:
    store = ServiceLevelStore(db)
    gold = store.add(admin, name="Gold", calendar="24x7")
    taken = _refused(
        LevelProblem.NAME_TAKEN, lambda: store.add(admin, name="gold", calendar="24x7")
    )
    assert taken.params == ("Gold",)
    _refused(LevelProblem.NAME_TAKEN, lambda: store.add(admin, name=" GOLD ", calendar="24x7"))
    silver = store.add(admin, name="Silver", calendar="24x7")
    _refused(
        LevelProblem.NAME_TAKEN,
        lambda: store.change(admin, "Silver", silver.version, LevelChange(name="gOLD")),
    )
    # A level may change the case of its own name.
    renamed = store.change(admin, "Gold", gold.version, LevelChange(name="GOLD"))
    assert renamed.level.name == "GOLD"
