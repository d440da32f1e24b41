"""The call journal: what the phone system says about calls, the call-back list, the day's figures.

A call is one row, whatever the phone system sends about it: the ring creates it, the answer
and the hang-up complete it, tied together by the phone system's call id (or, without one, the
agent's latest call to that number still going on). Each change is audited in its own
transaction, which is also how other desks learn of it (services/change_feed.py).

An incoming call that ended unanswered is missed and waits on the call-back list until an agent
calls back (or the caller gets through on a later call). One agent claims a call-back at a
time; a second claim is refused like a stale save of a ticket (`CallBackClaimedError`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.db import Database
from hezo_desk.enums import CallDirection, CallEventKind, Role
from hezo_desk.errors import ConflictError, NotFoundError, UserError
from hezo_desk.local_time import WARSAW
from hezo_desk.models import Call, utcnow
from hezo_desk.services import audit
from hezo_desk.services.actor import Actor, require_role
from hezo_desk.services.audit import CALL_SUBJECT, AuditAction
from hezo_desk.services.call_events import MAX_CALL_ID_LENGTH, CallEvent
from hezo_desk.services.call_links import MAX_LIVE_CALL, live_call
from hezo_desk.services.call_records import (
    CallRecord,
    call_select,
    load_call_record,
    make_call_record,
    missed_condition,
)
from hezo_desk.services.normalize import printable_line
from hezo_desk.services.phone_match import match_phone
from hezo_desk.services.phones import NotAPhoneNumberError, parse_phone, phone_e164

MAX_NUMBER_LENGTH = 100
MAX_OUTCOME_LENGTH = 300
SUPERVISING_ROLES = (Role.SUPERVISOR, Role.ADMINISTRATOR)


class CallConflictError(ConflictError):
    """The call changed since the caller read it; `current` is the call as it is now."""

    def __init__(self, current: CallRecord, template: str | None = None, *params: object) -> None:
        if template is None:
            template = QT_TRANSLATE_NOOP(
                "Errors",
                "the call with %1 was changed by someone else meanwhile; your change was not saved",
            )
            params = (current.display,)
        super().__init__(template, *params)
        self.current = current


class CallBackClaimedError(CallConflictError):
    """Another agent has taken on this call-back; `current` says who."""

    def __init__(self, current: CallRecord) -> None:
        if current.callback_agent_name is None:
            super().__init__(
                current,
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "the call from %1 is being called back by someone else; nothing was changed",
                ),
                current.display,
            )
            return
        super().__init__(
            current,
            QT_TRANSLATE_NOOP(
                "Errors", "the call from %1 is being called back by %2; nothing was changed"
            ),
            current.display,
            current.callback_agent_name,
        )


class NotACallBackError(UserError):
    """The call is no missed call waiting to be called back (answered, or done already)."""

    def __init__(self, current: CallRecord) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("Errors", "the call from %1 is not waiting for a call-back"),
            current.display,
        )
        self.current = current


@dataclass(frozen=True)
class HourCount:
    hour: int  # 0–23, Warsaw time
    incoming: int
    outgoing: int
    missed: int


@dataclass(frozen=True)
class DayStatistics:
    day: dt.date
    hours: list[HourCount]
    incoming: int
    outgoing: int
    missed: int

    @property
    def missed_rate(self) -> float | None:
        """Missed incoming calls over all incoming calls; None without any."""
        return None if self.incoming == 0 else self.missed / self.incoming


class CallJournal:
    def __init__(self, db: Database) -> None:
        self._db = db

    # ----- what the phone system says ------------------------------------------------------

    def record(self, actor: Actor, event: CallEvent) -> CallRecord:
        """Record a ring, answer or hang-up; returns the call as it now is.

        Repeating an event changes nothing (its time is kept from the first). Two desks
        creating the same call id at once, or changing one call at once: the loser reads the
        winner's row and applies its event to it.
        """
        number = printable_line(event.number)[:MAX_NUMBER_LENGTH]
        if not number:
            raise NotAPhoneNumberError(event.number)
        call_id = printable_line(event.call_id or "")[:MAX_CALL_ID_LENGTH] or None
        try:
            return self._record(actor, event, number, call_id)
        except (IntegrityError, StaleDataError):
            return self._record(actor, event, number, call_id)

    def _record(
        self, actor: Actor, event: CallEvent, number: str, call_id: str | None
    ) -> CallRecord:
        e164 = phone_e164(number)
        with self._db.transaction() as session:
            call_id = _own_call_id(session, call_id, number, e164, event.at)
            call = self._find(session, actor, event, number, e164, call_id)
            changed = call is None
            if call is None:
                call = Call(
                    started_at=event.at,
                    direction=event.direction,
                    number=number,
                    number_e164=e164,
                    agent_id=actor.id,
                    call_id=call_id,
                )
                _match_caller(session, call)
                session.add(call)
                session.flush()
            elif call.call_id is None and call_id is not None:
                call.call_id, changed = call_id, True
            if event.event is CallEventKind.RING and call.rang_at is None:
                call.rang_at, changed = event.at, True
            elif event.event is CallEventKind.ANSWER:
                changed = _answer(session, call, actor, event.at) or changed
            elif event.event is CallEventKind.HANGUP:
                changed = _hang_up(call, actor, event.at) or changed
            if changed:
                session.flush()
                audit.record(
                    session,
                    actor,
                    AuditAction.CALL_RECORDED,
                    f"{event.event.value} {event.direction.value} {call.number_e164 or number}",
                    subject=(CALL_SUBJECT, call.id),
                    details={
                        "event": event.event.value,
                        "direction": event.direction.value,
                        "number": number,
                        "call_id": call_id,
                        "at": event.at.isoformat(),
                    },
                )
            return load_call_record(session, call.id, is_sqlite=self._db.is_sqlite)

    @staticmethod
    def _find(
        session: Session,
        actor: Actor,
        event: CallEvent,
        number: str,
        e164: str | None,
        call_id: str | None,
    ) -> Call | None:
        if call_id is not None:
            known = session.scalar(select(Call).where(Call.call_id == call_id))
            if known is not None:
                return known
        same_number = Call.number_e164 == e164 if e164 is not None else Call.number == number
        going_on = [
            Call.agent_id == actor.id,
            same_number,
            Call.ended_at.is_(None),
            Call.started_at > event.at - MAX_LIVE_CALL,
        ]
        if event.event is CallEventKind.RING or call_id is not None:
            # A ring, or an event of a call id never seen, is a new call, unless the desk
            # recorded the dialling already (a call back) and the phone system now reports it.
            going_on += [
                Call.call_id.is_(None),
                Call.direction == event.direction,
                Call.rang_at.is_(None),
                Call.answered_at.is_(None),
            ]
        return session.scalar(
            select(Call).where(*going_on).order_by(Call.started_at.desc(), Call.id.desc()).limit(1)
        )

    # ----- reading -------------------------------------------------------------------------

    def get(self, call_id: int) -> CallRecord:
        with self._db.sessions() as session:
            return load_call_record(session, call_id, is_sqlite=self._db.is_sqlite)

    def live_call(self, actor: Actor) -> CallRecord | None:
        """The agent's call in progress, if any: what a ticket opened now would be linked to."""
        with self._db.sessions() as session:
            call = live_call(session, actor.id, utcnow())
            if call is None:
                return None
            return load_call_record(session, call.id, is_sqlite=self._db.is_sqlite)

    def callbacks(self, limit: int = 500) -> list[CallRecord]:
        """Missed calls waiting to be called back, oldest first (claimed ones included)."""
        with self._db.sessions() as session:
            rows = session.execute(
                call_select(self._db.is_sqlite)
                .where(missed_condition(), Call.callback_done_at.is_(None))
                .order_by(Call.started_at, Call.id)
                .limit(limit)
            ).all()
            return [make_call_record(row) for row in rows]

    # ----- the agent's word ----------------------------------------------------------------

    def set_outcome(
        self, actor: Actor, call_id: int, outcome: str, *, expected_version: int | None
    ) -> CallRecord:
        """What came of the call, in the agent's words (empty: none)."""
        worded = printable_line(outcome)
        if len(worded) > MAX_OUTCOME_LENGTH:
            raise UserError(
                QT_TRANSLATE_NOOP("Errors", "an outcome is at most %1 characters"),
                MAX_OUTCOME_LENGTH,
            )

        def change(session: Session, call: Call) -> None:
            call.outcome = worded or None
            audit.record(
                session,
                actor,
                AuditAction.CALL_OUTCOME_SET,
                f"outcome of the call with {call.number}: {worded}",
                subject=(CALL_SUBJECT, call.id),
                details={"outcome": worded},
            )

        return self._change(actor, call_id, expected_version, change)

    def claim_callback(self, actor: Actor, call_id: int, *, expected_version: int) -> CallRecord:
        """Take on calling back a missed call. Refused with `CallBackClaimedError` when another
        agent has it or the call changed since `expected_version`; claiming one's own again
        changes nothing."""

        def change(session: Session, call: Call) -> None:
            _require_pending(session, call, self._db.is_sqlite)
            if call.callback_agent_id == actor.id:
                return
            if call.callback_agent_id is not None:
                raise CallBackClaimedError(
                    load_call_record(session, call.id, is_sqlite=self._db.is_sqlite)
                )
            call.callback_agent_id, call.callback_claimed_at = actor.id, utcnow()
            audit.record(
                session,
                actor,
                AuditAction.CALL_BACK_CLAIMED,
                f"calling back {call.number}",
                subject=(CALL_SUBJECT, call.id),
                details={"number": call.number_e164 or call.number},
            )

        return self._change(actor, call_id, expected_version, change)

    def release_callback(self, actor: Actor, call_id: int, *, expected_version: int) -> CallRecord:
        """Give a claimed call-back back to the list (one's own; a supervisor anyone's)."""

        def change(session: Session, call: Call) -> None:
            _require_pending(session, call, self._db.is_sqlite)
            if call.callback_agent_id is None:
                return
            if call.callback_agent_id != actor.id and actor.role not in SUPERVISING_ROLES:
                raise CallBackClaimedError(
                    load_call_record(session, call.id, is_sqlite=self._db.is_sqlite)
                )
            call.callback_agent_id, call.callback_claimed_at = None, None
            audit.record(
                session,
                actor,
                AuditAction.CALL_BACK_RELEASED,
                f"no longer calling back {call.number}",
                subject=(CALL_SUBJECT, call.id),
                details={"number": call.number_e164 or call.number},
            )

        return self._change(actor, call_id, expected_version, change)

    def call_back(self, actor: Actor, call_id: int, *, expected_version: int) -> CallRecord:
        """Record the outgoing call back of a missed call (the desk then dials it through a
        `tel:` link). Claims the call-back if nobody had; refused if another agent has it.
        Every missed call from that number waiting for a call-back is settled by it. Returns
        the outgoing call."""
        try:
            with self._db.transaction() as session:
                missed = _call(session, call_id)
                stale = missed.version != expected_version
                if missed.callback_agent_id not in (None, actor.id) or (
                    stale and missed.callback_agent_id != actor.id
                ):
                    raise self._conflict(session, actor, call_id)
                _require_pending(session, missed, self._db.is_sqlite)
                number = missed.number_e164 or parse_phone(missed.number)
                now = utcnow()
                outgoing = Call(
                    started_at=now,
                    direction=CallDirection.OUTBOUND,
                    number=number,
                    number_e164=number,
                    customer_id=missed.customer_id,
                    contact_id=missed.contact_id,
                    agent_id=actor.id,
                )
                session.add(outgoing)
                session.flush()
                missed.callback_agent_id = actor.id
                missed.callback_claimed_at = missed.callback_claimed_at or now
                _settle_callbacks(session, outgoing, now, including=missed)
                audit.record(
                    session,
                    actor,
                    AuditAction.CALL_BACK_MADE,
                    f"called back {number}",
                    subject=(CALL_SUBJECT, missed.id),
                    details={"number": number, "missed_call": missed.id, "call": outgoing.id},
                )
                session.flush()
                return load_call_record(session, outgoing.id, is_sqlite=self._db.is_sqlite)
        except StaleDataError:
            with self._db.sessions() as session:
                raise self._conflict(session, actor, call_id) from None

    def _change(
        self,
        actor: Actor,
        call_id: int,
        expected_version: int | None,
        change: Callable[[Session, Call], None],
    ) -> CallRecord:
        """Apply `change` to the call if it is still at `expected_version` (None: any).

        A stale version is no conflict on a call-back the actor has claimed: whatever changed
        it, the claim is theirs (claiming it again changes nothing)."""
        try:
            with self._db.transaction() as session:
                call = _call(session, call_id)
                stale = expected_version is not None and call.version != expected_version
                if stale and call.callback_agent_id != actor.id:
                    raise self._conflict(session, actor, call_id)
                change(session, call)
                session.flush()
                return load_call_record(session, call_id, is_sqlite=self._db.is_sqlite)
        except StaleDataError:
            # Someone committed between our read and our write: report it like any conflict.
            with self._db.sessions() as session:
                raise self._conflict(session, actor, call_id) from None

    def _conflict(self, session: Session, actor: Actor, call_id: int) -> CallConflictError:
        current = load_call_record(session, call_id, is_sqlite=self._db.is_sqlite)
        if current.callback_agent_id not in (None, actor.id):
            return CallBackClaimedError(current)
        return CallConflictError(current)

    # ----- supervisors' figures and the export ---------------------------------------------

    def day_statistics(self, actor: Actor, day: dt.date) -> DayStatistics:
        """Calls per hour of a day (Warsaw time) and how many incoming calls were missed."""
        require_role(
            actor, SUPERVISING_ROLES, QT_TRANSLATE_NOOP("Errors", "read the call statistics")
        )
        start = dt.datetime.combine(day, dt.time(), WARSAW).astimezone(dt.UTC)
        end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), WARSAW).astimezone(dt.UTC)
        with self._db.sessions() as session:
            rows = session.execute(
                select(Call.started_at, Call.direction, Call.answered_at, Call.ended_at).where(
                    Call.started_at >= start, Call.started_at < end
                )
            ).all()
        counts = {hour: [0, 0, 0] for hour in range(24)}
        for started_at, direction, answered_at, ended_at in rows:
            bucket = counts[started_at.astimezone(WARSAW).hour]
            if direction is CallDirection.INBOUND:
                bucket[0] += 1
                if answered_at is None and ended_at is not None:
                    bucket[2] += 1
            else:
                bucket[1] += 1
        hours = [HourCount(hour, *values) for hour, values in counts.items()]
        return DayStatistics(
            day,
            hours,
            incoming=sum(hour.incoming for hour in hours),
            outgoing=sum(hour.outgoing for hour in hours),
            missed=sum(hour.missed for hour in hours),
        )


def _own_call_id(
    session: Session, call_id: str | None, number: str, e164: str | None, at: dt.datetime
) -> str | None:
    """The call id this event's call may go by: `call_id`, unless another call has it.

    Phone systems number their calls alike or from 1 again after a restart: a call that holds
    the id with another number, or that began too long ago to be going on, is another call. A
    finished one gives the id up (it only tied that call's events together); one still going
    on keeps it, and this event's call goes without an id, tied by its agent and number.
    """
    if call_id is None:
        return None
    known = session.scalar(select(Call).where(Call.call_id == call_id))
    if known is None:
        return call_id
    same_number = (
        known.number_e164 == e164
        if known.number_e164 is not None and e164 is not None
        else known.number == number
    )
    recent = known.started_at > at - MAX_LIVE_CALL
    if same_number and recent:
        return call_id
    if known.ended_at is not None or not recent:
        known.call_id = None
        session.flush()
        return call_id
    return None


def _answer(session: Session, call: Call, actor: Actor, at: dt.datetime) -> bool:
    """The actor's phone answered the call; whether that changed it.

    Each desk's phone system reports its own leg of a call: in a ring group the hang-up of the
    leg that stopped ringing may come before the colleague's answer, and a call passed on is
    answered again on the other agent's phone.
    """
    if call.answered_at is None:
        if call.ended_at is not None and (call.agent_id != actor.id or at >= call.ended_at):
            # What ended was another desk's leg, or an earlier offer of the call: it goes on.
            call.ended_at = None
        call.answered_at, call.agent_id = at, actor.id
        if call.ended_at is not None:
            # This desk's own hang-up reached the journal first (two commands raced).
            call.duration_s = _seconds(call.answered_at, call.ended_at)
        _settle_callbacks(session, call, at)
        return True
    if call.ended_at is None and call.agent_id != actor.id:
        # Passed on to another agent: tickets they open now belong to it, their hang-up ends it.
        call.agent_id = actor.id
        return True
    return False


def _hang_up(call: Call, actor: Actor, at: dt.datetime) -> bool:
    """The actor's leg of the call ended; whether that ended the call.

    An answered call ends with the leg of the agent who has it: another desk's leg ending (its
    phone stopped ringing when a colleague answered, or it passed the call on) leaves it live.
    """
    if call.ended_at is not None:
        return False
    if call.answered_at is not None and call.agent_id != actor.id:
        return False
    call.ended_at = at
    if call.answered_at is not None:
        call.duration_s = _seconds(call.answered_at, at)
    return True


def _seconds(start: dt.datetime, end: dt.datetime) -> int:
    return max(0, round((end - start).total_seconds()))


def _match_caller(session: Session, call: Call) -> None:
    """The caller's company and person, where the number names exactly one of each."""
    if call.number_e164 is None:
        return
    matches = match_phone(session, call.number_e164)
    customers = matches.all_customer_ids
    if len(customers) != 1:
        return
    call.customer_id = customers[0]
    contacts = [contact for contact, customer in matches.contacts if customer == customers[0]]
    if len(contacts) == 1:
        call.contact_id = contacts[0]


def _settle_callbacks(
    session: Session, call: Call, at: dt.datetime, *, including: Call | None = None
) -> None:
    """Missed calls from this number before `call` need no call-back now it got through."""
    pending: list[Call] = [including] if including is not None else []
    if call.number_e164 is not None:
        pending += session.scalars(
            select(Call).where(
                missed_condition(),
                Call.number_e164 == call.number_e164,
                Call.callback_done_at.is_(None),
                Call.id != call.id,
                Call.started_at <= call.started_at,
            )
        ).all()
    for missed in {item.id: item for item in pending}.values():
        missed.callback_done_at = at
        missed.callback_by_call_id = call.id


def _call(session: Session, call_id: int) -> Call:
    call = session.get(Call, call_id)
    if call is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "no call with id %1"), call_id)
    return call


def _require_pending(session: Session, call: Call, is_sqlite: bool) -> None:
    record = load_call_record(session, call.id, is_sqlite=is_sqlite)
    if not record.callback_pending:
        raise NotACallBackError(record)
