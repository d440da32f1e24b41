"""`hezo-desk service-level …` and `hezo-desk service set-level`: the levels from the shell."""

from __future__ import annotations

import json

import pytest

from builders import add_agent as _add_agent
from builders import build_world
from hezo_desk.cli import main
from hezo_desk.db import Database
from hezo_desk.enums import Role
from hezo_desk.services.actor import Actor
from hezo_desk.services.audit import AuditFilter, AuditService

pytestmark = pytest.mark.usefixtures("agent_password")


def run(capsys: pytest.CaptureFixture[str], db: Database, *argv: str) -> tuple[int, str, str]:
    code = main(["--database", db.url.render_as_string(hide_password=False), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_list_add_show_set_remove(
    capsys: pytest.CaptureFixture[str], db: Database, admin: Actor
) -> None:
    _add_agent(db, admin, "sylwia", Role.SUPERVISOR)
    code, out, err = run(capsys, db, "service-level", "list")
    assert code == 0, err
    assert "24x7" in out
    assert "1:00 / 2:00 / 4:00 / 8:00" in out
    assert "nbd / nbd / 80:00 / 160:00" in out

    code, out, err = run(
        capsys,
        db,
        "--agent",
        "sylwia",
        "service-level",
        "add",
        "Gold",
        "--calendar",
        "business-hours",
        "--response",
        "critical=30",
        "--response",
        "high=nbd",
        "--resolution",
        "critical=480",
    )
    assert code == 0, err
    assert "service level Gold" in out
    assert "30 min (0:30)" in out

    code, out, err = run(capsys, db, "service-level", "show", "gold", "--json")
    assert code == 0, err
    shown = json.loads(out)
    assert shown["calendar"] == "business_hours"
    assert shown["response"] == {"critical": "30", "high": "nbd", "normal": "none", "low": "none"}
    assert shown["resolution"]["critical"] == "480"
    assert shown["built_in"] is None

    code, out, err = run(
        capsys,
        db,
        "--agent",
        "sylwia",
        "service-level",
        "set",
        "Gold",
        "--name",
        "Gold 24",
        "--calendar",
        "24x7",
        "--resolution",
        "low=none",
        "--response",
        "low=1440",
    )
    assert code == 0, err
    assert "service level Gold 24" in out
    assert "Tickets opened from now on get the new targets" in out
    assert "hezo-desk service-level recompute" in out

    code, out, err = run(capsys, db, "service-level", "list", "--json")
    levels = {level["name"]: level for level in json.loads(out)["levels"]}
    assert levels["Gold 24"]["calendar"] == "24x7"
    assert levels["Gold 24"]["response"]["low"] == "1440"

    code, out, err = run(capsys, db, "--agent", "sylwia", "service-level", "remove", "gold 24")
    assert code == 0, err
    assert "Gold 24 removed" in out
    entries = AuditService(db).entries(admin, AuditFilter(action="service_level."))
    assert [e.action for e in entries] == [
        "service_level.removed",
        "service_level.changed",
        "service_level.created",
    ]


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["service-level", "show", "Platinum"], "No service level is named Platinum"),
        (
            ["service-level", "add", "X", "--calendar", "9x6"],
            "“9x6” is not a calendar: 24x7 or business-hours",
        ),
        (
            ["service-level", "add", "X", "--calendar", "24x7", "--response", "urgent=5"],
            "“urgent” is not a priority",
        ),
        (
            ["service-level", "add", "X", "--calendar", "24x7", "--response", "low"],
            "“low” is not a target",
        ),
        (
            ["service-level", "add", "X", "--calendar", "24x7", "--response", "low=-5"],
            "A target cannot be negative (-5 minutes)",
        ),
        (
            ["service-level", "add", "X", "--calendar", "24x7", "--resolution", "low=100001"],
            "A target of 100001 minutes is more than the 100000",
        ),
        (["service-level", "add", "nbd", "--calendar", "24x7"], "named NBD already exists"),
        (["service-level", "remove", "8x5"], "can be changed but not removed"),
        (["service", "set-level", "FG1234567890", "24x7"], "has several services"),
        (["service", "set-level", "(H9)-FG1234567890", "24x7"], "No service has the serial"),
    ],
)
def test_wrong_input_exits_2_with_the_catalogues_words(
    capsys: pytest.CaptureFixture[str],
    db: Database,
    admin: Actor,
    argv: list[str],
    fragment: str,
) -> None:
    build_world(db)
    code, _, err = run(capsys, db, "--agent", "admin", *argv)
    assert code == 2
    assert fragment in err
    assert "Traceback" not in err


def test_the_back_office_sets_a_services_level_by_notation(
    capsys: pytest.CaptureFixture[str], db: Database, admin: Actor, agent: Actor
) -> None:
    build_world(db)
    _add_agent(db, admin, "bogdan", Role.BACK_OFFICE)
    code, out, err = run(
        capsys, db, "--agent", "bogdan", "service", "set-level", "(h2)-FG1234567890", "nbd"
    )
    assert code == 0, err
    assert "(H2)-FG1234567890" in out
    assert "service level NBD" in out
    code, out, err = run(
        capsys, db, "--agent", "bogdan", "--json", "service", "set-level", "FW5550001111", "24x7"
    )
    assert code == 0, err
    assert json.loads(out)["level"] == "24x7"
    # An agent may not; nor may the back office manage the levels themselves.
    code, _, err = run(
        capsys, db, "--agent", agent.login, "service", "set-level", "FW5550001111", "8x5"
    )
    assert code == 2
    assert "back office" in err
    code, _, err = run(
        capsys, db, "--agent", "bogdan", "service-level", "add", "Mine", "--calendar", "24x7"
    )
    assert code == 2
    assert "supervisor" in err
