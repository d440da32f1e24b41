"""The README's phone flow, end to end in the window, as a desk connected with the desks'
database role: every change it makes passes PostgreSQL's own checks of the agent (revision
0017), not only the desk's. (The rest of the suite connects as the schema owner.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from test_desk_roles import _desk_role

from builders import signed_in_desk
from hezo_desk.db import Database
from hezo_desk.services.agents import AgentService
from hezo_desk.services.demo import DEMO_PASSWORD
from hezo_desk.ui.context import DeskContext
from test_phone_flow import language, test_the_phone_flow_of_the_readme_needs_only_its_keys, window

pytestmark = pytest.mark.parametrize("demo_db", ["postgresql"], indirect=True)

__all__ = ["language", "test_the_phone_flow_of_the_readme_needs_only_its_keys", "window"]


@pytest.fixture
def desk_context(
    demo_db: Database, desk_settings: object, qtbot: object, tmp_path: Path
) -> Iterator[DeskContext]:
    """The conftest's signed-in desk, but connected as a member of `hezo_desk`."""
    with _desk_role(demo_db) as login:
        desk = Database(demo_db.url.set(username=login))
        try:
            actor = AgentService(desk).authenticate("anna.nowak", DEMO_PASSWORD)
            with signed_in_desk(desk, actor, desk_settings, tmp_path) as context:
                yield context  # type: ignore[misc]
        finally:
            desk.dispose()
    with demo_db.engine.connect() as owner:
        acting = owner.scalars(
            text(
                "SELECT DISTINCT g.login FROM audit_log a JOIN agents g ON g.id = a.acting_agent_id"
            )
        ).all()
    assert acting == ["anna.nowak"], "every change of the flow was recorded as the agent's"
