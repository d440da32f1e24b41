"""The security probes run commands as the fixtures' agents, who prove who they are."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _commands_prove_their_agent(agent_password: str) -> str:
    return agent_password
