"""How the audit log reads: its actions by name, and each entry worded from its action code
and details, in the reader's language.

A stored entry keeps its action code, details and English summary as they were written (the
audit chain's hash covers them; they are never rewritten). The window, the PDF and the
command line word an entry at display time with `entry_words`: a known action with the
details it needs reads in the reader's language; anything else (an action this desk does not
know, an old entry without those details) falls back to the stored summary, which stays the
log's English for SQL readers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.enums import (
    CallDirection,
    CallEventKind,
    ContractState,
    Priority,
    Role,
    TicketState,
)
from hezo_desk.errors import Coded
from hezo_desk.placeholders import fill
from hezo_desk.wording import Translate, coded_text, dues_change_text, in_english, value_words

AUDIT = "Audit"

# Every action the desk records (services/audit.py AuditAction), by name.
ACTION_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "ticket.opened": QT_TRANSLATE_NOOP("Audit", "ticket opened"),
        "ticket.replied": QT_TRANSLATE_NOOP("Audit", "reply"),
        "ticket.note_added": QT_TRANSLATE_NOOP("Audit", "internal note"),
        "ticket.state_changed": QT_TRANSLATE_NOOP("Audit", "state changed"),
        "ticket.priority_changed": QT_TRANSLATE_NOOP("Audit", "priority changed"),
        "ticket.assigned": QT_TRANSLATE_NOOP("Audit", "assignee changed"),
        "ticket.attachment_added": QT_TRANSLATE_NOOP("Audit", "attachment added"),
        "ticket.reseller_access_changed": QT_TRANSLATE_NOOP("Audit", "reseller access changed"),
        "ticket.linked": QT_TRANSLATE_NOOP("Audit", "ticket linked to a contract"),
        "ticket.reviewed": QT_TRANSLATE_NOOP("Audit", "migrated ticket reviewed"),
        "ticket.exported": QT_TRANSLATE_NOOP("Audit", "ticket exported as PDF"),
        "ticket.printed": QT_TRANSLATE_NOOP("Audit", "ticket printed"),
        "reseller.db_role_granted": QT_TRANSLATE_NOOP("Audit", "reseller database role granted"),
        "reseller.db_role_revoked": QT_TRANSLATE_NOOP("Audit", "reseller database role revoked"),
        "customer.merged": QT_TRANSLATE_NOOP("Audit", "customers merged"),
        "contact.registered": QT_TRANSLATE_NOOP("Audit", "contact registered"),
        "contact.updated": QT_TRANSLATE_NOOP("Audit", "contact updated"),
        "contact.data_exported": QT_TRANSLATE_NOOP("Audit", "personal data exported"),
        "contact.anonymised": QT_TRANSLATE_NOOP("Audit", "contact anonymised"),
        "ticket.personal_data_redacted": QT_TRANSLATE_NOOP("Audit", "personal data redacted"),
        "personal_data.retention_run": QT_TRANSLATE_NOOP("Audit", "retention run"),
        "agent.added": QT_TRANSLATE_NOOP("Audit", "agent added"),
        "agent.changed": QT_TRANSLATE_NOOP("Audit", "agent changed"),
        "agent.signed_in": QT_TRANSLATE_NOOP("Audit", "signed in"),
        "legacy.imported": QT_TRANSLATE_NOOP("Audit", "legacy import"),
        "demo.loaded": QT_TRANSLATE_NOOP("Audit", "demo data loaded"),
        "call.recorded": QT_TRANSLATE_NOOP("Audit", "call recorded"),
        "call.ticket_linked": QT_TRANSLATE_NOOP("Audit", "ticket linked to a call"),
        "call.outcome_set": QT_TRANSLATE_NOOP("Audit", "call outcome noted"),
        "call.back_claimed": QT_TRANSLATE_NOOP("Audit", "call-back taken on"),
        "call.back_released": QT_TRANSLATE_NOOP("Audit", "call-back given up"),
        "call.back_made": QT_TRANSLATE_NOOP("Audit", "called back"),
        "ticket.dues_changed": QT_TRANSLATE_NOOP("Audit", "service-level dues changed"),
        "service_level.created": QT_TRANSLATE_NOOP("Audit", "service level added"),
        "service_level.changed": QT_TRANSLATE_NOOP("Audit", "service level changed"),
        "service_level.removed": QT_TRANSLATE_NOOP("Audit", "service level removed"),
        "service.level_changed": QT_TRANSLATE_NOOP("Audit", "service's level changed"),
        "template.added": QT_TRANSLATE_NOOP("Audit", "reply template added"),
        "template.changed": QT_TRANSLATE_NOOP("Audit", "reply template changed"),
        "template.removed": QT_TRANSLATE_NOOP("Audit", "reply template removed"),
        "template.used": QT_TRANSLATE_NOOP("Audit", "reply template used"),
    }
)

# Worded by `wording.dues_change_text` (the reason and the dues in Warsaw time).
_DUES_CHANGED = "ticket.dues_changed"
_NOBODY = QT_TRANSLATE_NOOP("Audit", "(none)")
# The copies of a case PDF (services/pdf/document.py Variant), by name.
_COPIES: Mapping[str, str] = MappingProxyType(
    {
        "customer": QT_TRANSLATE_NOOP("Audit", "customer's"),
        "internal": QT_TRANSLATE_NOOP("Audit", "internal"),
        "reseller": QT_TRANSLATE_NOOP("Audit", "reseller's"),
    }
)
SYSTEM = QT_TRANSLATE_NOOP("Audit", "system")


def action_words(action: str, translate: Translate = in_english) -> str:
    """An action's name in the reader's language; an unknown action by its code."""
    name = ACTION_NAMES.get(action)
    return translate(AUDIT, name) if name is not None else action


def entry_words(
    action: str,
    details: Mapping[str, Any],
    *,
    ticket_number: str | None,
    agent_login: str | None,
    summary: str,
    translate: Translate = in_english,
) -> str:
    """What an entry says, in the reader's language; the stored `summary` when this desk
    cannot word it (an unknown action, or an older entry without the details needed)."""
    if action == _DUES_CHANGED:
        return dues_change_text(details, translate)
    coded = entry_coded(action, details, ticket_number=ticket_number, agent_login=agent_login)
    if coded is None:
        return summary
    return coded_text(coded.template, coded.params, translate, coded.context)


def entry_coded(
    action: str,
    details: Mapping[str, Any],
    *,
    ticket_number: str | None,
    agent_login: str | None,
) -> Coded | None:
    """An entry as a sentence told by code, or None when it cannot be worded from its data."""
    worder = _WORDERS.get(action)
    if worder is None:
        return None
    values = {**details, "_ticket": ticket_number, "_agent": agent_login}
    try:
        return worder(values)
    except (KeyError, ValueError, TypeError):
        return None


def _said(template: str, *params: object) -> Coded:
    return Coded(template, params, AUDIT)


def _need(values: Mapping[str, Any], key: str) -> Any:
    value = values[key]
    if value is None:
        raise KeyError(key)
    return value


def _person(value: Any) -> object:
    return value if value else Coded(_NOBODY, (), AUDIT)


def _opened(v: Mapping[str, Any]) -> Coded:
    if v.get("subject"):
        return _said(QT_TRANSLATE_NOOP("Audit", "opened %1: %2"), _need(v, "number"), v["subject"])
    return _said(
        QT_TRANSLATE_NOOP("Audit", "opened %1 on contract %2"),
        _need(v, "number"),
        _need(v, "contract"),
    )


def _access(v: Mapping[str, Any]) -> Coded:
    number = _need(v, "_ticket")
    if v.get("reason") == "reseller_changed":
        return _said(
            QT_TRANSLATE_NOOP(
                "Audit",
                "%1: reseller access withdrawn, the ticket moved to another reseller; the "
                "customer's decision about the new reseller is needed",
            ),
            number,
        )
    if _need(v, "to"):
        return _said(QT_TRANSLATE_NOOP("Audit", "%1: reseller access granted"), number)
    return _said(QT_TRANSLATE_NOOP("Audit", "%1: reseller access withdrawn"), number)


def _linked(v: Mapping[str, Any]) -> Coded:
    after = _need(v, "to")
    if after.get("serial"):
        return _said(
            QT_TRANSLATE_NOOP("Audit", "%1: linked to %2 %3"),
            _need(v, "_ticket"),
            after["contract"],
            after["serial"],
        )
    return _said(
        QT_TRANSLATE_NOOP("Audit", "%1: linked to %2 (no serial)"),
        _need(v, "_ticket"),
        after["contract"],
    )


def _reviewed(v: Mapping[str, Any]) -> Coded:
    flags = v.get("flags") or []
    if flags:
        return _said(
            QT_TRANSLATE_NOOP("Audit", "%1: migrated case reviewed (%2 flag(s))"),
            _need(v, "_ticket"),
            len(flags),
        )
    return _said(QT_TRANSLATE_NOOP("Audit", "%1: migrated case reviewed"), _need(v, "_ticket"))


def _legacy(v: Mapping[str, Any]) -> Coded:
    if "legacy_number" in v:
        return _said(
            QT_TRANSLATE_NOOP("Audit", "%1: migrated from legacy ticket %2 (run %3)"),
            _need(v, "_ticket"),
            v["legacy_number"],
            v["run_id"],
        )
    return _said(QT_TRANSLATE_NOOP("Audit", "legacy import run %1: %2"), v["run_id"], v["status"])


def _merged(v: Mapping[str, Any]) -> Coded:
    gone, kept, moved = v["from"], v["into"], v["moved"]
    return _said(
        QT_TRANSLATE_NOOP(
            "Audit",
            "customer %1 (%2) merged into %3 (%4); moved: %5 contact(s), %6 contract(s), "
            "%7 ticket(s), %8 call(s)",
        ),
        gone["name"],
        gone["tax_id"],
        kept["name"],
        kept["tax_id"],
        moved["contacts"],
        moved["service_contracts"],
        moved["tickets"],
        moved["calls"],
    )


def _call_recorded(v: Mapping[str, Any]) -> Coded:
    return _said(
        QT_TRANSLATE_NOOP("Audit", "%1, %2 call, %3"),
        CallEventKind(v["event"]),
        CallDirection(v["direction"]),
        _need(v, "number"),
    )


def _agent_changed(v: Mapping[str, Any]) -> Coded:
    login = _need(v, "login")
    if "role" in v:
        return _said(QT_TRANSLATE_NOOP("Audit", "agent %1: role → %2"), login, Role(v["role"]))
    if "active" in v:
        return _said(
            QT_TRANSLATE_NOOP("Audit", "agent %1: activated")
            if v["active"]
            else QT_TRANSLATE_NOOP("Audit", "agent %1: deactivated"),
            login,
        )
    if v.get("password_reset"):
        return _said(QT_TRANSLATE_NOOP("Audit", "agent %1: password reset"), login)
    raise KeyError("change")


_WORDERS: Mapping[str, Callable[[Mapping[str, Any]], Coded]] = MappingProxyType(
    {
        "ticket.opened": _opened,
        "ticket.replied": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "%1: reply"), _need(v, "_ticket")
        ),
        "ticket.note_added": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "%1: internal note"), _need(v, "_ticket")
        ),
        "ticket.state_changed": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "%1: state %2 → %3"),
            _need(v, "_ticket"),
            TicketState(v["from"]),
            TicketState(v["to"]),
        ),
        "ticket.priority_changed": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "%1: priority %2 → %3"),
            _need(v, "_ticket"),
            Priority(v["from"]),
            Priority(v["to"]),
        ),
        "ticket.assigned": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "%1: assignee %2 → %3"),
            _need(v, "_ticket"),
            _person(v["from"]),
            _person(v["to"]),
        ),
        "ticket.attachment_added": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "%1: attached %2 (%3 bytes)"),
            _need(v, "_ticket"),
            v["file_name"],
            v["size"],
        ),
        "ticket.reseller_access_changed": _access,
        "ticket.linked": _linked,
        "ticket.reviewed": _reviewed,
        "ticket.exported": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "exported %1 as PDF (%2 copy)"),
            v["number"],
            Coded(_COPIES[v["variant"]], (), AUDIT),
        ),
        "ticket.printed": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "printed %1 (%2 copy, %3 pages)"),
            v["number"],
            Coded(_COPIES[v["variant"]], (), AUDIT),
            v["pages"],
        ),
        "reseller.db_role_granted": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "database role %1 reads for the reseller"), v["role"]
        ),
        "reseller.db_role_revoked": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "database role %1 no longer reads for the reseller"),
            v["role"],
        ),
        "customer.merged": _merged,
        "contact.registered": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "registered contact %1 <%2>"), v["name"], v["email"]
        ),
        "contact.updated": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "updated contact %1 <%2>"), v["name"], v["email"]
        ),
        "contact.data_exported": lambda v: _said(
            QT_TRANSLATE_NOOP(
                "Audit", "exported the personal data held about contact #%1 (RODO art. 15)"
            ),
            v["contact_id"],
        ),
        "contact.anonymised": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "anonymised contact %1 as person %2"),
            v["contact_id"],
            v["anonymised_number"],
        ),
        "ticket.personal_data_redacted": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "personal data redacted (contact %1)"), v["contact_id"]
        ),
        "personal_data.retention_run": lambda v: _said(
            QT_TRANSLATE_NOOP(
                "Audit", "retention: %1 contact(s) of tickets closed before %2 anonymised"
            ),
            len(v["anonymised"]),
            v["closed_before"],
        ),
        "agent.added": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "agent %1 (%2) added"), v["login"], Role(v["role"])
        ),
        "agent.changed": _agent_changed,
        "agent.signed_in": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "%1 signed in"), _need(v, "_agent")
        ),
        "legacy.imported": _legacy,
        "demo.loaded": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "demo data loaded: %1 customers, %2 tickets (seed %3)"),
            v["customers"],
            v["tickets"],
            v["seed"],
        ),
        "call.recorded": _call_recorded,
        "template.added": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "reply template added: %1 (%2)"), v["name"], v["language"]
        ),
        "template.changed": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "reply template changed: %1 (%2)"),
            v["from"]["name"],
            v["from"]["language"],
        ),
        "template.removed": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "reply template removed: %1 (%2)"),
            v["name"],
            v["language"],
        ),
        "template.used": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "%1: reply template %2 (%3)"),
            _need(v, "_ticket"),
            v["name"],
            v["language"],
        ),
        "service_level.created": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "service level %1 added"), v["new"]["name"]
        ),
        "service_level.changed": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "service level %1 changed"), v["name"]
        ),
        "service_level.removed": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "service level %1 removed"), v["old"]["name"]
        ),
        "service.level_changed": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "service %1: level %2 → %3"),
            v["service"],
            v["old"] or "—",
            v["new"],
        ),
        "call.ticket_linked": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "%1 linked to the call with %2"),
            _need(v, "_ticket"),
            v["number"],
        ),
        "call.outcome_set": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "outcome of the call: %1"), v["outcome"]
        ),
        "call.back_claimed": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "calling back %1"), v["number"]
        ),
        "call.back_released": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "no longer calling back %1"), v["number"]
        ),
        "call.back_made": lambda v: _said(
            QT_TRANSLATE_NOOP("Audit", "called back %1"), v["number"]
        ),
    }
)


# ----- review flags ------------------------------------------------------------------------
# What the legacy import flags on a migrated ticket for the back office, by code. A ticket
# stores its flags as lines of English words (`review_flag`); `review_flag_words` reads a
# stored line back against these templates and words it in the reader's language (a line
# that matches none is shown as stored).
REVIEW_FLAGS: Mapping[str, str] = MappingProxyType(
    {
        "legacy_priority": QT_TRANSLATE_NOOP("ReviewFlags", "legacy %1; set to normal"),
        "empty_subject": QT_TRANSLATE_NOOP("ReviewFlags", "the legacy subject is empty"),
        "attachment_rejected": QT_TRANSLATE_NOOP(
            "ReviewFlags", "attachment %1 rejected (attachments.csv line %2: %3)"
        ),
        "empty_dialogue": QT_TRANSLATE_NOOP(
            "ReviewFlags", "the legacy dialogue of this ticket is empty (no message moved)"
        ),
        "no_contract": QT_TRANSLATE_NOOP(
            "ReviewFlags", "the legacy ticket names no contract; link one"
        ),
        "contract_not_moved": QT_TRANSLATE_NOOP(
            "ReviewFlags", "contract %1 is %2 and did not move; link the right one"
        ),
        "contract_rejected": QT_TRANSLATE_NOOP(
            "ReviewFlags",
            "contract %1 was rejected (contracts.csv line %2: %3); link the right one",
        ),
        "contract_not_exported": QT_TRANSLATE_NOOP(
            "ReviewFlags", "contract %1 is not in the export; link the right one"
        ),
        "contract_of_another_customer": QT_TRANSLATE_NOOP(
            "ReviewFlags", "contract %1 belongs to another customer; link the right one"
        ),
        "invalid_serial": QT_TRANSLATE_NOOP(
            "ReviewFlags", "the legacy serial is not valid (%1); link the right one"
        ),
        "no_serial": QT_TRANSLATE_NOOP(
            "ReviewFlags", "the legacy ticket names no serial; link the right service"
        ),
        "serial_contract_not_moved": QT_TRANSLATE_NOOP(
            "ReviewFlags", "serial %1 not linked: its contract did not move"
        ),
        "serial_on_no_service": QT_TRANSLATE_NOOP(
            "ReviewFlags",
            "serial %1 is on no service of contract %2 that moved; link the right service",
        ),
        "serial_on_several_services": QT_TRANSLATE_NOOP(
            "ReviewFlags", "serial %1 has %2 services on contract %3 (%4); link the right one"
        ),
        "dialogue_not_rendered": QT_TRANSLATE_NOOP(
            "ReviewFlags",
            "the legacy dialogue could not be rendered as PDF (%1); its messages are in the ticket",
        ),
        "dialogue_too_big": QT_TRANSLATE_NOOP(
            "ReviewFlags",
            "the legacy dialogue PDF has %1 MB, more than the desk stores per attachment; not "
            "attached (its messages are in the ticket)",
        ),
    }
)
REVIEW_FLAGS_CONTEXT = "ReviewFlags"
_PLACEHOLDER = re.compile(r"%(\d)")


def review_flag(code: str, *params: object) -> str:
    """The stored (English) line of the review flag `code` with its values."""
    return str(Coded(REVIEW_FLAGS[code], params, REVIEW_FLAGS_CONTEXT))


def review_flag_words(line: str, translate: Translate = in_english) -> str:
    """A stored review flag in the reader's language; the line as stored when no template
    matches it."""
    for template, pattern in _FLAG_PATTERNS:
        match = pattern.fullmatch(line)
        if match is None:
            continue
        order = [int(number) for number in _PLACEHOLDER.findall(template)]
        values = dict(zip(order, match.groups(), strict=True))
        return fill(
            translate(REVIEW_FLAGS_CONTEXT, template),
            *(_flag_value(values[n], translate) for n in sorted(values)),
        )
    return line


_CONTRACT_STATES = frozenset(state.value for state in ContractState)


def _flag_value(value: str, translate: Translate) -> str:
    """A value of a stored flag: a contract's state in the reader's words, the rest as is."""
    if value in _CONTRACT_STATES:
        return value_words(ContractState(value), translate)
    return value


def _flag_pattern(template: str) -> re.Pattern[str]:
    parts = _PLACEHOLDER.split(template)
    # Even parts are text, odd parts placeholder numbers.
    return re.compile(
        "".join(re.escape(part) if index % 2 == 0 else "(.+?)" for index, part in enumerate(parts)),
        re.DOTALL,
    )


_FLAG_PATTERNS = tuple((template, _flag_pattern(template)) for template in REVIEW_FLAGS.values())
