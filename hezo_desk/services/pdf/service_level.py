"""A case's service level on paper: its level, each target, each due and its outcome (met,
breached, pending, paused) as of the moment the document was made, in the PDF's language."""

from __future__ import annotations

import datetime as dt

from hezo_desk.local_time import local_minute
from hezo_desk.placeholders import fill
from hezo_desk.services.pdf.document import CaseDocument
from hezo_desk.services.pdf.labels import Labels, SlaLabels
from hezo_desk.services.service_levels.standing import (
    Standing,
    TimeLeft,
    duration_parts,
    resolution_standing,
    response_standing,
)

# From this many hours on, a duration leaves out its minutes (as the desk's list does).
WHOLE_HOURS = 10


def duration(minutes: int, words: SlaLabels) -> str:
    days, hours, mins = duration_parts(minutes)
    if days:
        return fill(words.days_hours, days, hours)
    if hours >= WHOLE_HOURS:
        return fill(words.hours, hours)
    if hours:
        return fill(words.hours_minutes, hours, mins)
    return fill(words.minutes, mins)


def _target(minutes: int | None, nbd: bool, words: SlaLabels) -> str:
    if nbd:
        return words.next_business_day
    if minutes is None:
        return words.no_target
    return duration(minutes, words)


def _due(due: TimeLeft, words: SlaLabels) -> str | None:
    when = local_minute(due.due_at)
    if due.standing is Standing.LEFT and due.minutes is not None:
        return fill(words.left, when, duration(due.minutes, words))
    if due.standing is Standing.OVERDUE and due.minutes is not None:
        return fill(words.overdue, when, duration(due.minutes, words))
    if due.standing is Standing.MET:
        return (
            fill(words.met, when, local_minute(due.at)) if due.at else fill(words.met_plain, when)
        )
    if due.standing is Standing.BREACHED:
        if due.minutes is None:
            return fill(words.breached_plain, when)
        return fill(words.breached, when, duration(due.minutes, words))
    if due.standing is Standing.PAUSED:
        return words.paused
    if due.due_at is not None:
        return fill(words.undecided, when)
    return None


def service_level_facts(document: CaseDocument, labels: Labels) -> list[tuple[str, str | None]]:
    """The case's service-level facts (none when the document carries no service level)."""
    facts = document.service_level
    if facts is None:
        return []
    words, names = labels.sla, labels.facts
    now = document.sla_as_of or dt.datetime.now(dt.UTC)
    rows: list[tuple[str, str | None]] = [
        (names["service_level"], facts.level_name or words.no_level),
        (
            names["response_target"],
            _target(facts.response_target_minutes, facts.response_target_nbd, words),
        ),
    ]
    if facts.has_response_target:
        rows.append((names["response_due"], _due(response_standing(facts, now), words)))
    rows.append(
        (
            names["resolution_target"],
            _target(facts.resolution_target_minutes, facts.resolution_target_nbd, words),
        )
    )
    if facts.has_resolution_target:
        rows.append((names["resolution_due"], _due(resolution_standing(facts, now), words)))
    return rows
