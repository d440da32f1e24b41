"""How every screen words a failure: one sentence, in the desk's language.

Our own errors (`HezoError`) already say what is wrong and how to fix it; anything else is a
failure of the system, shown by its type and the first line of its message (never a whole
SQL statement with its parameters).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from hezo_desk.audit_words import action_words, entry_words, review_flag_words
from hezo_desk.errors import Coded, HezoError
from hezo_desk.placeholders import fill
from hezo_desk.services.audit import AuditRow
from hezo_desk.services.legacy_import.details import detail_words
from hezo_desk.services.personal_data.contacts import ContactNotResolvedError, ContactProblem
from hezo_desk.wording import coded_error_text, coded_text


def error_text(error: object) -> str:
    """`error` as the agent reads it in a status line, a dialog or next to a field."""
    if isinstance(error, ContactNotResolvedError):
        return contact_problem_text(error)
    if isinstance(error, BaseException):
        coded = coded_error_text(error, QCoreApplication.translate)
        if coded is not None:
            return coded
    if isinstance(error, HezoError):
        return str(error)
    lines = str(error).strip().splitlines()
    detail = f"{type(error).__name__}: {lines[0]}" if lines else type(error).__name__
    return fill(QCoreApplication.translate("Errors", "Unexpected error: %1"), detail)


def coded_words(coded: Coded) -> str:
    """A sentence told by code (a lookup's reading, a fact's verdict) in the desk's language."""
    return coded_text(coded.template, coded.params, QCoreApplication.translate, coded.context)


def import_detail_text(detail: str) -> str:
    """A legacy import row's stored detail in the desk's language."""
    return detail_words(detail, QCoreApplication.translate)


def review_flag_text(line: str) -> str:
    """A migrated ticket's stored review flag in the desk's language."""
    return review_flag_words(line, QCoreApplication.translate)


def audit_action_text(action: str) -> str:
    """An audit action's name (`ticket.reseller_access_changed`) in the desk's language."""
    return action_words(action, QCoreApplication.translate)


def audit_entry_text(entry: AuditRow) -> str:
    """What an audit entry says, in the desk's language (its stored summary when the desk
    cannot word it from its action and details)."""
    return entry_words(
        entry.action,
        entry.details,
        ticket_number=entry.ticket_number,
        agent_login=entry.agent_login,
        summary=entry.summary,
        translate=QCoreApplication.translate,
    )


def contact_problem_text(error: ContactNotResolvedError) -> str:
    """Why a text names no single contact person, from the service's code."""
    texts = {
        ContactProblem.EMPTY: QCoreApplication.translate(
            "Errors", "Name the person: an e-mail, a phone or a contact id."
        ),
        ContactProblem.NO_SUCH_ID: QCoreApplication.translate(
            "Errors", "No contact has the id %1."
        ),
        ContactProblem.NO_SUCH_EMAIL: QCoreApplication.translate(
            "Errors", "No contact has the e-mail %1."
        ),
        ContactProblem.NO_SUCH_PHONE: QCoreApplication.translate(
            "Errors", "No contact has the phone %1."
        ),
        ContactProblem.UNREADABLE: QCoreApplication.translate(
            "Errors", "“%1” is neither an e-mail, nor a phone, nor a contact id (e.g. #12)."
        ),
        ContactProblem.AMBIGUOUS_PHONE: QCoreApplication.translate(
            "Errors", "The phone %1 belongs to several contacts (ids %2): choose one by its id."
        ),
    }
    candidates = ", ".join(str(candidate) for candidate in error.candidates)
    return fill(texts[error.problem], error.text, candidates)
