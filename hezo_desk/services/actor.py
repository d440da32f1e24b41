"""Who is acting: every change is made by an agent and recorded under that agent."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hezo_desk.enums import Role
from hezo_desk.errors import PermissionDeniedError


@dataclass(frozen=True)
class Actor:
    id: int
    login: str
    display_name: str
    role: Role


def require_role(actor: Actor, allowed: Iterable[Role], doing: str) -> None:
    allowed = tuple(allowed)
    if actor.role not in allowed:
        names = ", ".join(role.value for role in allowed)
        raise PermissionDeniedError(
            f"{actor.login} ({actor.role.value}) may not {doing}; that needs the role {names}"
        )
