"""The reseller access rule and the customer's decisions: default no access, changes that count
at once and are audited, and every way content reaches a reseller obeying the one rule."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from access_builders import (
    FILE_NAME,
    LEGACY_PDF,
    NOTE,
    REPLY,
    AccessWorld,
    build_access_world,
    open_full_ticket,
    unlinked_ticket,
)
from hezo_desk.db import Database
from hezo_desk.enums import Channel, MessageKind
from hezo_desk.errors import NotFoundError, UserError
from hezo_desk.models import AuditEntry, ResellerAccessChange
from hezo_desk.services.access import (
    AccessChangeRefusedError,
    AccessRequest,
    ResellerAccessService,
)
from hezo_desk.services.actor import Actor
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.reseller_rule import reseller_may_see
from hezo_desk.services.ticket_conflicts import TicketConflictError
from hezo_desk.services.tickets import TicketService


@pytest.fixture
def aw(db: Database) -> AccessWorld:
    return build_access_world(db)


def _grant(contact_id: int | None = None, *, granted: bool = True) -> AccessRequest:
    return AccessRequest(
        granted=granted,
        channel=Channel.PHONE,
        requested_by_contact_id=contact_id,
        requested_by_name=None if contact_id else "Zofia Łęcka (prezes)",
        note="rozmowa 2.11 – „tak”",
    )


def _audited(db: Database, ticket_id: int) -> list[AuditEntry]:
    with db.sessions() as session:
        return list(
            session.scalars(
                select(AuditEntry)
                .where(
                    AuditEntry.ticket_id == ticket_id,
                    AuditEntry.action == AuditAction.TICKET_RESELLER_ACCESS_CHANGED,
                )
                .order_by(AuditEntry.id)
            )
        )


def test_the_rule_needs_consent_and_the_tickets_own_reseller() -> None:
    assert reseller_may_see(True, 5, 5)
    assert not reseller_may_see(False, 5, 5)
    assert not reseller_may_see(True, 6, 5)
    assert not reseller_may_see(True, None, 5)


def test_a_new_ticket_has_no_access_and_shows_the_reseller_nothing(
    db: Database, aw: AccessWorld, agent: Actor
) -> None:
    ticket = open_full_ticket(db, agent, aw.world.contract_id, "Brak VPN")
    access = ResellerAccessService(db)
    state = access.ticket_access(ticket.id)
    assert not state.granted
    assert state.reseller_name == "Gęś IT Partner Sp. z o.o."
    assert [(c.previous, c.granted) for c in state.history] == [(None, False)]
    assert access.preview(ticket.id) is None
    assert access.view_for_reseller(ticket.id, aw.world.reseller_id) is None
    assert access.visible_tickets(aw.world.reseller_id) == []
    assert access.count_visible(aw.world.reseller_id) == 0


def test_granting_counts_at_once_and_shows_only_customer_visible_content(
    db: Database, aw: AccessWorld, agent: Actor
) -> None:
    ticket = open_full_ticket(db, agent, aw.world.contract_id, "Brak VPN – Łódź")
    access = ResellerAccessService(db)
    before = TicketService(db).row(ticket.id).version
    result = access.change_access(agent, ticket.id, _grant(aw.contact_id), expected_version=before)
    assert result.granted
    assert result.ticket.version == before + 1
    latest = result.latest
    assert latest is not None
    assert (latest.previous, latest.granted) == (False, True)
    assert latest.requested_by_name == "Paweł Żółkiewski"
    assert latest.requested_by_contact_id == aw.contact_id
    assert latest.agent_login == agent.login
    assert latest.channel is Channel.PHONE
    assert latest.note == "rozmowa 2.11 – „tak”"

    view = access.preview(ticket.id)
    assert view is not None
    assert view.subject == "Brak VPN – Łódź"
    assert view.reseller_name == "Gęś IT Partner Sp. z o.o."
    assert [m.kind for m in view.messages] == [MessageKind.CUSTOMER, MessageKind.AGENT]
    assert view.messages[1].body == REPLY
    assert all(NOTE not in m.body for m in view.messages)
    assert [a.file_name for a in view.attachments] == [FILE_NAME]

    listed = access.visible_tickets(aw.world.reseller_id)
    assert [(t.number, t.messages, t.attachments) for t in listed] == [(ticket.number, 2, 1)]
    entries = _audited(db, ticket.id)
    assert len(entries) == 1
    assert entries[0].agent_id == agent.id
    assert entries[0].details["from"] is False
    assert entries[0].details["to"] is True
    assert entries[0].details["requested_by"] == "Paweł Żółkiewski"
    assert entries[0].details["channel"] == "phone"


def test_a_withdrawal_counts_at_once_everywhere(
    db: Database, aw: AccessWorld, agent: Actor
) -> None:
    ticket = open_full_ticket(db, agent, aw.world.contract_id, "Brak VPN", access=True)
    access = ResellerAccessService(db)
    assert access.preview(ticket.id) is not None
    version = TicketService(db).row(ticket.id).version
    result = access.change_access(
        agent, ticket.id, _grant(None, granted=False), expected_version=version
    )
    assert not result.granted
    assert [(c.previous, c.granted) for c in result.history] == [(None, True), (True, False)]
    assert result.history[-1].requested_by_name == "Zofia Łęcka (prezes)"
    assert result.history[-1].requested_by_contact_id is None
    assert access.preview(ticket.id) is None
    assert access.view_for_reseller(ticket.id, aw.world.reseller_id) is None
    assert access.visible_tickets(aw.world.reseller_id) == []
    assert [e.details["to"] for e in _audited(db, ticket.id)] == [False]


def test_another_reseller_never_sees_the_ticket_even_with_access(
    db: Database, aw: AccessWorld, agent: Actor
) -> None:
    ticket = open_full_ticket(db, agent, aw.world.contract_id, "Brak VPN", access=True)
    theirs = open_full_ticket(db, agent, aw.other_reseller_contract_id, "Żuraw", access=True)
    access = ResellerAccessService(db)
    assert access.view_for_reseller(ticket.id, aw.other_reseller_id) is None
    assert access.view_for_reseller(theirs.id, aw.world.reseller_id) is None
    assert [t.number for t in access.visible_tickets(aw.other_reseller_id)] == [theirs.number]
    assert [t.number for t in access.visible_tickets(aw.world.reseller_id)] == [ticket.number]
    assert access.view_for_reseller(ticket.id, 424242) is None


def test_a_change_based_on_an_old_version_is_refused_and_nothing_is_recorded(
    db: Database, aw: AccessWorld, agent: Actor
) -> None:
    ticket = open_full_ticket(db, agent, aw.world.contract_id, "Brak VPN")
    access = ResellerAccessService(db)
    seen = TicketService(db).row(ticket.id).version
    access.change_access(agent, ticket.id, _grant(aw.contact_id), expected_version=seen)
    with pytest.raises(TicketConflictError, match="changed by someone else") as caught:
        access.change_access(
            agent, ticket.id, _grant(aw.contact_id, granted=False), expected_version=seen
        )
    assert caught.value.current.reseller_access
    assert any("reseller access granted" in str(line) for line in caught.value.changes)
    with db.sessions() as session:
        count = session.scalar(
            select(func.count(ResellerAccessChange.id)).where(
                ResellerAccessChange.ticket_id == ticket.id
            )
        )
    assert count == 2
    assert access.preview(ticket.id) is not None


def test_bad_requests_are_refused_with_the_reason(
    db: Database, aw: AccessWorld, agent: Actor
) -> None:
    ticket = open_full_ticket(db, agent, aw.world.contract_id, "Brak VPN")
    access = ResellerAccessService(db)
    with pytest.raises(UserError, match="not one of the customer's"):
        access.change_access(
            agent, ticket.id, _grant(aw.stranger_contact_id), expected_version=None
        )
    with pytest.raises(UserError, match="say who asked"):
        access.change_access(
            agent,
            ticket.id,
            AccessRequest(granted=True, channel=Channel.PHONE, requested_by_name="   "),
            expected_version=None,
        )
    with pytest.raises(UserError, match="not by migration"):
        access.change_access(
            agent,
            ticket.id,
            AccessRequest(granted=True, channel=Channel.MIGRATION, requested_by_name="X"),
            expected_version=None,
        )
    with pytest.raises(AccessChangeRefusedError, match="has no access; nothing to change"):
        access.change_access(
            agent, ticket.id, _grant(aw.contact_id, granted=False), expected_version=None
        )
    unlinked = unlinked_ticket(db, aw.world.customer_id)
    with pytest.raises(AccessChangeRefusedError, match="linked to no contract"):
        access.change_access(agent, unlinked, _grant(aw.contact_id), expected_version=None)
    assert access.preview(unlinked) is None
    assert _audited(db, ticket.id) == []
    assert [c.granted for c in access.ticket_access(ticket.id).history] == [False]


def test_the_requester_is_read_from_an_email_a_contacts_name_or_any_name(
    db: Database, aw: AccessWorld, agent: Actor
) -> None:
    ticket = open_full_ticket(db, agent, aw.world.contract_id, "Brak VPN")
    access = ResellerAccessService(db)
    assert access.find_requester(ticket.id, " PAWEL@laka.pl ") == (
        aw.contact_id,
        "Paweł Żółkiewski",
    )
    assert access.find_requester(ticket.id, "pawel zolkiewski") == (
        aw.contact_id,
        "Paweł Żółkiewski",
    )
    assert access.find_requester(ticket.id, "Jan  Nowak") == (None, "Jan Nowak")
    with pytest.raises(NotFoundError, match="no registered contact of Drukarnia Łąka"):
        access.find_requester(ticket.id, "olga@zolw.pl")
    with pytest.raises(UserError, match="say who asked"):
        access.find_requester(ticket.id, "  ")


def test_resellers_are_listed_and_found_by_tax_id_legacy_id_or_name(
    db: Database, aw: AccessWorld, agent: Actor
) -> None:
    open_full_ticket(db, agent, aw.world.contract_id, "A", access=True)
    open_full_ticket(db, agent, aw.world.contract_id, "B")
    access = ResellerAccessService(db)
    rows = access.resellers()
    assert [(r.name, r.active_contracts, r.visible_tickets) for r in rows] == [
        ("Gęś IT Partner Sp. z o.o.", 2, 1),
        ("Żuraw Systemy S.A.", 1, 0),
    ]
    for typed in ("603-082-46-25", "pl 603 082 46 25", "gęś it partner sp. z o.o."):
        assert access.find_reseller(typed).id == aw.world.reseller_id
    assert access.find_reseller("r-77").id == aw.other_reseller_id
    with pytest.raises(NotFoundError, match="no reseller has"):
        access.find_reseller("Gęś IT")
    with pytest.raises(UserError, match="name the reseller"):
        access.find_reseller(" ")


def test_the_reseller_pdf_of_a_ticket_without_access_is_refused(
    db: Database, aw: AccessWorld, agent: Actor
) -> None:
    from hezo_desk.services.pdf.document import Variant
    from hezo_desk.services.pdf.export import PdfExportService, ResellerCopyRefusedError

    closed = open_full_ticket(db, agent, aw.world.contract_id, "Bez zgody")
    allowed = open_full_ticket(db, agent, aw.world.contract_id, "Ze zgodą", access=True)
    export = PdfExportService(db)
    with pytest.raises(ResellerCopyRefusedError, match="has not allowed"):
        export.document(closed.id, Variant.RESELLER)
    with pytest.raises(ResellerCopyRefusedError):
        export.render(agent, closed.id, Variant.RESELLER)
    document = export.document(allowed.id, Variant.RESELLER)
    assert [entry.kind for entry in document.entries] == [MessageKind.CUSTOMER, MessageKind.AGENT]
    assert all(NOTE not in entry.body for entry in document.entries)
    assert [a.name for a in document.attachments] == [FILE_NAME]
    assert LEGACY_PDF not in {a.name for a in document.attachments}
    # Withdrawn: the next copy is refused at once.
    version = TicketService(db).row(allowed.id).version
    ResellerAccessService(db).change_access(
        agent, allowed.id, _grant(aw.contact_id, granted=False), expected_version=version
    )
    with pytest.raises(ResellerCopyRefusedError):
        export.document(allowed.id, Variant.RESELLER)


def test_what_came_with_an_internal_note_stays_with_the_staff(
    db: Database, aw: AccessWorld, agent: Actor
) -> None:
    """A migrated internal note's attachment: hidden from the reseller and the customer copy,
    as the database's reseller views hide it, shown to staff."""
    import hashlib

    from hezo_desk.models import Attachment, Message
    from hezo_desk.services.pdf.document import Variant
    from hezo_desk.services.pdf.export import PdfExportService

    ticket = open_full_ticket(db, agent, aw.world.contract_id, "Notatka z plikiem", access=True)
    with db.transaction() as session:
        note_id = session.scalar(
            select(Message.id).where(
                Message.ticket_id == ticket.id, Message.kind == MessageKind.INTERNAL_NOTE
            )
        )
        data = b"haslo serwisowe: 1234"
        session.add(
            Attachment(
                ticket_id=ticket.id,
                message_id=note_id,
                file_name="notatka-serwisowa.txt",
                content_type="text/plain",
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                data=data,
            )
        )
    staff = TicketService(db).detail(ticket.id, include_internal=True)
    assert "notatka-serwisowa.txt" in {a.file_name for a in staff.attachments}
    view = ResellerAccessService(db).preview(ticket.id)
    assert view is not None
    assert [a.file_name for a in view.attachments] == [FILE_NAME]
    listed = ResellerAccessService(db).visible_tickets(aw.world.reseller_id)
    assert [(t.number, t.attachments) for t in listed] == [(ticket.number, 1)]
    export = PdfExportService(db)
    for variant in (Variant.RESELLER, Variant.CUSTOMER):
        document = export.document(ticket.id, variant)
        assert [a.name for a in document.attachments] == [FILE_NAME], variant
    internal = export.document(ticket.id, Variant.INTERNAL)
    assert "notatka-serwisowa.txt" in {a.name for a in internal.attachments}
