"""Who is acting: every change is made by an agent and recorded under that agent."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.enums import Role
from hezo_desk.errors import Coded, PermissionDeniedError


@dataclass(frozen=True)
class Actor:
    id: int
    login: str
    display_name: str
    role: Role


def require_role(actor: Actor, allowed: Iterable[Role], doing: str) -> None:
    """`doing` is told by code: a phrase marked `QT_TRANSLATE_NOOP("Errors", "add agents")`."""
    allowed = tuple(allowed)
    if actor.role not in allowed:
        raise PermissionDeniedError(
            QT_TRANSLATE_NOOP("Errors", "%1 (%2) may not %3; that needs the role %4"),
            actor.login,
            actor.role,
            Coded(doing),
            allowed,
        )
