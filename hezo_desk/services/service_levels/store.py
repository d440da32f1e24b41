"""The service levels kept in the database: listed, added, changed and removed by supervisors,
and each service's level set by the back office.

Every change is checked at the door (`ServiceLevelRefusedError` with a `LevelProblem` code and
its parameters, worded by `hezo_desk/wording.py`), based on the version its caller read
(`ServiceLevelConflictError` when someone changed the level meanwhile) and audited with the
values before and after.

A change of targets applies to tickets opened from then on: each ticket keeps a copy of the
targets it was opened under (DOMAIN.md, *Service levels*). Moving open tickets onto the new
targets is the supervisor's separate choice, the recompute of `service_levels.dues`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.db import Database
from hezo_desk.enums import CalendarKind, Priority, Role
from hezo_desk.errors import LevelProblem, ServiceLevelConflictError, ServiceLevelRefusedError
from hezo_desk.models import Customer, Service, ServiceContract, ServiceLevel, ServiceLevelTarget
from hezo_desk.models.base import utcnow
from hezo_desk.services import audit
from hezo_desk.services.actor import Actor, require_role
from hezo_desk.services.limits import column_length
from hezo_desk.services.normalize import clean_line, has_control_characters
from hezo_desk.services.serials import InvalidSerialError, format_notation, parse_serial
from hezo_desk.services.service_levels.levels import (
    EIGHT_FIVE,
    NBD,
    NEXT_BUSINESS_DAY,
    TWENTY_FOUR_SEVEN,
    NextBusinessDay,
    Target,
    default_level,
)
from hezo_desk.services.service_levels.levels import ServiceLevel as LevelRules

# The most minutes a target may have: about 69 days of every minute, 208 business days.
MAX_TARGET_MINUTES = 100_000
# The most characters a level's name may have (its column's length).
NAME_LIMIT = column_length(ServiceLevel.name)
# Who manages the levels, and who sets a service's level.
LEVEL_MANAGERS = (Role.SUPERVISOR, Role.ADMINISTRATOR)
SERVICE_LEVEL_SETTERS = (Role.BACK_OFFICE, Role.SUPERVISOR, Role.ADMINISTRATOR)
# How a target is written in the audit log and on the command line.
NBD_TEXT = "nbd"
NONE_TEXT = "none"

Targets = Mapping[Priority, Target]


@dataclass(frozen=True)
class LevelRow:
    """A level as the screens and commands show it."""

    id: int
    name: str
    calendar: CalendarKind
    # The built-in level's key ('24x7', 'nbd', '8x5', 'none'); None for a supervisor's own.
    rule_key: str | None
    version: int
    response: Targets
    resolution: Targets
    services: int
    updated_at: dt.datetime

    @property
    def built_in(self) -> bool:
        return self.rule_key is not None

    def rules(self) -> LevelRules:
        """The level as the due computation reads it."""
        return LevelRules(self.name, self.calendar, self.response, self.resolution)


@dataclass(frozen=True)
class LevelChange:
    """What to change of a level: None leaves it as it is. Targets are given per priority;
    a priority left out keeps its target."""

    name: str | None = None
    calendar: CalendarKind | None = None
    response: Targets = field(default_factory=lambda: MappingProxyType({}))
    resolution: Targets = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class LevelSaved:
    """The level after a change; `targets_changed`: tickets opened from now on get the new
    targets, open ones keep theirs until a supervisor recomputes them."""

    level: LevelRow
    targets_changed: bool


@dataclass(frozen=True)
class ServiceLevelRow:
    """A service (contract line) and its level, for the screens."""

    service_id: int
    notation: str
    product: str
    contract_number: str
    customer_name: str
    # The level it is served on; for a service stored without one (written around the desk),
    # the built-in level its product's name gives, with `by_product_rule` set.
    level_id: int | None
    level_name: str | None
    by_product_rule: bool = False


def target_text(target: Target) -> str:
    """A target as the audit log and the command line write it: minutes, 'nbd' or 'none'."""
    if isinstance(target, NextBusinessDay):
        return NBD_TEXT
    return NONE_TEXT if target is None else str(target)


def parse_target(text: str) -> Target:
    """'90', 'nbd' or 'none' (any case, spaces aside) → a target; refused with a code."""
    cleaned = text.strip().casefold()
    if cleaned == NBD_TEXT:
        return NEXT_BUSINESS_DAY
    if cleaned in {NONE_TEXT, "-", ""}:
        return None
    try:
        minutes = int(cleaned)
    except ValueError:
        raise ServiceLevelRefusedError(LevelProblem.TARGET_UNREADABLE, text.strip()) from None
    return check_minutes(minutes)


def check_minutes(minutes: int) -> int:
    if minutes < 0:
        raise ServiceLevelRefusedError(LevelProblem.MINUTES_NEGATIVE, minutes)
    if minutes > MAX_TARGET_MINUTES:
        raise ServiceLevelRefusedError(LevelProblem.MINUTES_TOO_MANY, minutes, MAX_TARGET_MINUTES)
    return minutes


def parse_calendar(text: str) -> CalendarKind:
    """'24x7' or 'business-hours' (also 'business_hours', '8x5') → a calendar."""
    cleaned = text.strip().casefold().replace("-", "_").replace(" ", "_")
    if cleaned == "8x5":
        return CalendarKind.BUSINESS_HOURS
    try:
        return CalendarKind(cleaned)
    except ValueError:
        raise ServiceLevelRefusedError(LevelProblem.UNKNOWN_CALENDAR, text.strip()) from None


def parse_priority(text: str) -> Priority:
    try:
        return Priority(text.strip().casefold())
    except ValueError:
        raise ServiceLevelRefusedError(LevelProblem.UNKNOWN_PRIORITY, text.strip()) from None


class ServiceLevelStore:
    """The levels and the services' levels, read by anyone, changed by their roles."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # ----- reading -------------------------------------------------------------------------

    def levels(self) -> list[LevelRow]:
        """Every level with its targets and how many services use it, by name."""
        with self._db.sessions() as session:
            return _level_rows(session)

    def level(self, name: str | int) -> LevelRow:
        """The level named `name` (letter case aside), or with this id."""
        with self._db.sessions() as session:
            return _row(session, _by_name(session, name))

    def services(
        self, *, contract_id: int | None = None, service_ids: tuple[int, ...] | None = None
    ) -> list[ServiceLevelRow]:
        """Services with their level, by notation: of one contract, or the ones named."""
        query = (
            select(
                Service.id,
                Service.serial,
                Service.notation_index,
                Service.product,
                ServiceContract.number,
                Customer.name,
                ServiceLevel.id,
                ServiceLevel.name,
            )
            .join(ServiceContract, ServiceContract.id == Service.contract_id)
            .join(Customer, Customer.id == ServiceContract.customer_id)
            .outerjoin(ServiceLevel, ServiceLevel.id == Service.service_level_id)
            .order_by(Service.serial, Service.notation_index)
        )
        if contract_id is not None:
            query = query.where(Service.contract_id == contract_id)
        if service_ids is not None:
            query = query.where(Service.id.in_(service_ids))
        with self._db.sessions() as session:
            rows = session.execute(query).all()
            built_in = {
                key: (level_id, name)
                for level_id, name, key in session.execute(
                    select(ServiceLevel.id, ServiceLevel.name, ServiceLevel.rule_key).where(
                        ServiceLevel.rule_key.is_not(None)
                    )
                )
            }
        found: list[ServiceLevelRow] = []
        for row in rows:
            # An outer join: no level row for a service stored without one.
            level_id: int | None = row[6]
            level_name: str | None = row[7]
            by_rule = False
            if level_id is None:
                level_id, level_name = built_in.get(_rule_key(row[3]), (None, None))
                by_rule = level_id is not None
            found.append(
                ServiceLevelRow(
                    service_id=row[0],
                    notation=format_notation(row[1], row[2]),
                    product=row[3],
                    contract_number=row[4],
                    customer_name=row[5],
                    level_id=level_id,
                    level_name=level_name,
                    by_product_rule=by_rule,
                )
            )
        return found

    # ----- supervisors: the levels ---------------------------------------------------------

    def add(
        self,
        actor: Actor,
        *,
        name: str,
        calendar: CalendarKind | str,
        response: Targets | None = None,
        resolution: Targets | None = None,
    ) -> LevelRow:
        """A new level; priorities without a target given have none."""
        require_role(actor, LEVEL_MANAGERS, QT_TRANSLATE_NOOP("Errors", "manage service levels"))
        name = _valid_name(name)
        calendar = calendar if isinstance(calendar, CalendarKind) else parse_calendar(calendar)
        targets = {
            "response": _complete(response or {}),
            "resolution": _complete(resolution or {}),
        }
        with self._db.transaction() as session:
            _check_free(session, name, None)
            level = ServiceLevel(name=name, calendar=calendar, rule_key=None)
            session.add(level)
            session.flush()
            for priority in Priority:
                target = ServiceLevelTarget(level_id=level.id, priority=priority)
                _set_target(target, "response", targets["response"][priority])
                _set_target(target, "resolution", targets["resolution"][priority])
                session.add(target)
            session.flush()
            session.expire(level, ["targets"])
            row = _row(session, level)
            audit.record(
                session,
                actor,
                audit.AuditAction.SERVICE_LEVEL_CREATED,
                f"service level {name} added",
                subject=("service_level", level.id),
                details={"new": _described(row)},
            )
            return row

    def change(
        self, actor: Actor, name: str | int, based_on_version: int, change: LevelChange
    ) -> LevelSaved:
        """Rename a level (named, or by id), change its calendar or targets, if it is still as
        its caller read it."""
        require_role(actor, LEVEL_MANAGERS, QT_TRANSLATE_NOOP("Errors", "manage service levels"))
        new_name = _valid_name(change.name) if change.name is not None else None
        response = {p: _checked(t) for p, t in change.response.items()}
        resolution = {p: _checked(t) for p, t in change.resolution.items()}
        try:
            with self._db.transaction() as session:
                level = _by_name(session, name)
                if level.version != based_on_version:
                    raise ServiceLevelConflictError(level.name)
                before = _row(session, level)
                if new_name is not None and new_name != level.name:
                    _check_free(session, new_name, level.id)
                    level.name = new_name
                if change.calendar is not None:
                    level.calendar = change.calendar
                targets = {t.priority: t for t in level.targets}
                for priority in Priority:
                    if priority not in targets:
                        targets[priority] = ServiceLevelTarget(level_id=level.id, priority=priority)
                        session.add(targets[priority])
                for kind, given in (("response", response), ("resolution", resolution)):
                    for priority, target in given.items():
                        _set_target(targets[priority], kind, target)
                level.updated_at = utcnow()  # the version moves even when only targets changed
                session.flush()
                session.expire(level, ["targets"])
                after = _row(session, level)
                old, new = _differences(_described(before), _described(after))
                if old or new:
                    audit.record(
                        session,
                        actor,
                        audit.AuditAction.SERVICE_LEVEL_CHANGED,
                        f"service level {after.name} changed",
                        subject=("service_level", level.id),
                        details={"name": after.name, "old": old, "new": new},
                    )
                targets_changed = (
                    before.calendar != after.calendar
                    or before.response != after.response
                    or before.resolution != after.resolution
                )
                return LevelSaved(after, targets_changed)
        except StaleDataError:
            raise ServiceLevelConflictError(str(name).strip()) from None

    def remove(self, actor: Actor, name: str | int) -> None:
        """Remove a level (named, or by id) no service uses; the built-in levels stay."""
        require_role(actor, LEVEL_MANAGERS, QT_TRANSLATE_NOOP("Errors", "manage service levels"))
        with self._db.transaction() as session:
            level = _by_name(session, name)
            if level.rule_key is not None:
                raise ServiceLevelRefusedError(LevelProblem.BUILT_IN, level.name)
            used = _services_using(session, level.id)
            if used:
                raise ServiceLevelRefusedError(LevelProblem.IN_USE, level.name, used)
            row = _row(session, level)
            session.execute(
                delete(ServiceLevelTarget).where(ServiceLevelTarget.level_id == level.id)
            )
            session.expire(level, ["targets"])
            session.delete(level)
            audit.record(
                session,
                actor,
                audit.AuditAction.SERVICE_LEVEL_REMOVED,
                f"service level {row.name} removed",
                subject=("service_level", row.id),
                details={"old": _described(row)},
            )

    # ----- back office: a service's level --------------------------------------------------

    def set_service_level(
        self, actor: Actor, service: int | str, level_name: str
    ) -> ServiceLevelRow:
        """Serve `service` (its id, or a notation / serial) on the level named `level_name`.

        Its tickets opened from now on get this level's targets; open ones keep theirs until
        a supervisor recomputes them.
        """
        require_role(
            actor, SERVICE_LEVEL_SETTERS, QT_TRANSLATE_NOOP("Errors", "change a service's level")
        )
        with self._db.transaction() as session:
            service_id = service if isinstance(service, int) else _service_id(session, service)
            found = session.get(Service, service_id)
            if found is None:
                raise ServiceLevelRefusedError(LevelProblem.NO_SUCH_SERVICE, service)
            level = _by_name(session, level_name)
            old = (
                session.get(ServiceLevel, found.service_level_id)
                if found.service_level_id
                else None
            )
            if old is None or old.id != level.id:
                found.service_level_id = level.id
                notation = format_notation(found.serial, found.notation_index)
                audit.record(
                    session,
                    actor,
                    audit.AuditAction.SERVICE_LEVEL_SET,
                    f"service {notation}: level {old.name if old else '—'} → {level.name}",
                    subject=("service", found.id),
                    details={
                        "service": notation,
                        "old": old.name if old else None,
                        "new": level.name,
                    },
                )
        (row,) = self.services(service_ids=(service_id,))
        return row


# ----- inside ------------------------------------------------------------------------------


def _rule_key(product: str) -> str:
    """The key of the built-in level the product rule gives a product (levels.default_level)."""
    rule = default_level(product)
    for level, key in ((TWENTY_FOUR_SEVEN, "24x7"), (NBD, "nbd"), (EIGHT_FIVE, "8x5")):
        if rule is level:
            return key
    return "8x5"


def _valid_name(name: str) -> str:
    if has_control_characters(name):
        raise ServiceLevelRefusedError(LevelProblem.NAME_CONTROL_CHARACTER)
    cleaned = clean_line(name)
    if not cleaned:
        raise ServiceLevelRefusedError(LevelProblem.NAME_EMPTY)
    if len(cleaned) > NAME_LIMIT:
        raise ServiceLevelRefusedError(LevelProblem.NAME_TOO_LONG, NAME_LIMIT, len(cleaned))
    return cleaned


def _checked(target: Target) -> Target:
    return check_minutes(target) if isinstance(target, int) else target


def _complete(given: Targets) -> dict[Priority, Target]:
    return {priority: _checked(given.get(priority)) for priority in Priority}


def _check_free(session: Session, name: str, level_id: int | None) -> None:
    folded = name.casefold()
    for other_id, other in session.execute(select(ServiceLevel.id, ServiceLevel.name)):
        if other_id != level_id and other.casefold() == folded:
            raise ServiceLevelRefusedError(LevelProblem.NAME_TAKEN, other)


def _by_name(session: Session, name: str | int) -> ServiceLevel:
    if isinstance(name, int):
        found = session.get(ServiceLevel, name)
        if found is None:
            raise ServiceLevelRefusedError(LevelProblem.NO_SUCH_LEVEL, name)
        return found
    wanted = clean_line(name).casefold()
    for level in session.scalars(select(ServiceLevel)):
        if level.name.casefold() == wanted:
            return level
    raise ServiceLevelRefusedError(LevelProblem.NO_SUCH_LEVEL, clean_line(name))


def _services_using(session: Session, level_id: int) -> int:
    return (
        session.scalar(select(func.count(Service.id)).where(Service.service_level_id == level_id))
        or 0
    )


def _service_id(session: Session, text: str) -> int:
    try:
        parsed = parse_serial(text)
    except InvalidSerialError:
        raise ServiceLevelRefusedError(LevelProblem.NO_SUCH_SERVICE, text.strip()) from None
    query = select(Service.id, Service.serial, Service.notation_index).where(
        Service.serial == parsed.serial
    )
    if parsed.index is not None:
        query = query.where(Service.notation_index == parsed.index)
    found = session.execute(query.order_by(Service.notation_index)).all()
    if not found:
        raise ServiceLevelRefusedError(LevelProblem.NO_SUCH_SERVICE, text.strip())
    if len(found) > 1:
        notations = ", ".join(format_notation(serial, index) for _id, serial, index in found)
        raise ServiceLevelRefusedError(LevelProblem.SERVICE_AMBIGUOUS, text.strip(), notations)
    return int(found[0][0])


def _set_target(target: ServiceLevelTarget, kind: str, value: Target) -> None:
    minutes = value if isinstance(value, int) else None
    next_business_day = isinstance(value, NextBusinessDay)
    if kind == "response":
        target.response_minutes = minutes
        target.response_next_business_day = next_business_day
    else:
        target.resolution_minutes = minutes
        target.resolution_next_business_day = next_business_day


def _target(minutes: int | None, next_business_day: bool) -> Target:
    if next_business_day:
        return NEXT_BUSINESS_DAY
    return minutes


def _level_rows(session: Session) -> list[LevelRow]:
    counted = select(Service.service_level_id, func.count(Service.id)).group_by(
        Service.service_level_id
    )
    counts: dict[int | None, int] = {row[0]: row[1] for row in session.execute(counted)}
    levels = session.scalars(select(ServiceLevel).options(selectinload(ServiceLevel.targets))).all()
    rows = [_row(session, level, counts.get(level.id, 0)) for level in levels]
    return sorted(rows, key=lambda row: (row.name.casefold(), row.id))


def _row(session: Session, level: ServiceLevel, services: int | None = None) -> LevelRow:
    response: dict[Priority, Target] = dict.fromkeys(Priority)
    resolution: dict[Priority, Target] = dict.fromkeys(Priority)
    for target in level.targets:
        response[target.priority] = _target(
            target.response_minutes, target.response_next_business_day
        )
        resolution[target.priority] = _target(
            target.resolution_minutes, target.resolution_next_business_day
        )
    return LevelRow(
        id=level.id,
        name=level.name,
        calendar=level.calendar,
        rule_key=level.rule_key,
        version=level.version,
        response=MappingProxyType(response),
        resolution=MappingProxyType(resolution),
        services=_services_using(session, level.id) if services is None else services,
        updated_at=level.updated_at,
    )


def _described(row: LevelRow) -> dict[str, Any]:
    """A level as its audit entries write it: name, calendar, each target as text."""
    described: dict[str, Any] = {"name": row.name, "calendar": row.calendar.value}
    for priority in Priority:
        described[f"response.{priority.value}"] = target_text(row.response[priority])
        described[f"resolution.{priority.value}"] = target_text(row.resolution[priority])
    return described


def _differences(
    before: dict[str, Any], after: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    changed = [key for key in after if before.get(key) != after[key]]
    return {key: before.get(key) for key in changed}, {key: after[key] for key in changed}
