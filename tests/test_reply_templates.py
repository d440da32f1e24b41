"""Reply templates (issue 15): placeholder validation and rendering for a ticket, the serials of
a customer with a shared serial in the new notation, roles, names per language, optimistic
locking, the audit of every use; on both databases."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from builders import World, build_world
from hezo_desk.db import Database
from hezo_desk.enums import ContractState, Language, Role
from hezo_desk.errors import (
    FieldTooLongError,
    InputField,
    PermissionDeniedError,
    TemplateChangedError,
    TemplateError,
    TemplateProblem,
)
from hezo_desk.models import AuditEntry, Contact, Customer, Service, ServiceContract, Ticket
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService
from hezo_desk.services.limits import max_length
from hezo_desk.services.reply_templates import (
    PLACEHOLDERS,
    RenderedTemplate,
    ReplyTemplateService,
    TemplateAction,
    fill,
    matching,
    placeholders_in,
)
from hezo_desk.services.tickets import NewTicket, TicketService
from hezo_desk.wording import coded_error_text

REGISTRATION = (
    "Dzień dobry {contact},\n"
    "NIP: {tax_id}\nUmowa: {contract}\nNumer: {notation}\n"
    "Wszystkie numery:\n{serials}\n\n{cursor}\n\n{agent} ({ticket_number}: {ticket_subject}, "
    "{customer}) {{bez zmian}}"
)


@pytest.fixture
def supervisor(db: Database, admin: Actor) -> Actor:
    agents = AgentService(db)
    agents.add(
        admin, login="ola.szef", display_name="Ola Szef", role=Role.SUPERVISOR, password=None
    )
    return agents.resolve("ola.szef")


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


def _ticket(db: Database, agent: Actor, world: World, *, with_contact: bool = True) -> int:
    with db.transaction() as session:
        service_id = session.scalar(
            select(Service.id).where(Service.serial == "FG1234567890", Service.notation_index == 2)
        )
        contact_id = None
        if with_contact:
            contact = Contact(
                customer_id=world.customer_id,
                first_name="Paweł",
                last_name="Żółkiewski",
                email="pawel@laka.pl",
                email_normalized="pawel@laka.pl",
                language=Language.ENGLISH,
            )
            session.add(contact)
            session.flush()
            contact_id = contact.id
    assert service_id is not None
    row = TicketService(db).open(
        agent,
        NewTicket(
            contract_id=world.contract_id,
            service_id=service_id,
            subject="Nie działa VPN",
            description="Od rana.",
            contact_id=contact_id,
        ),
    )
    return row.id


def test_the_syntax_knows_its_placeholders_and_refuses_any_other() -> None:
    assert placeholders_in("{Customer} {{literal}} { tax_id } {cursor}") == [
        "customer",
        "tax_id",
        "cursor",
    ]
    with pytest.raises(TemplateError) as refused:
        placeholders_in("Dzień dobry {klient},")
    assert refused.value.problem is TemplateProblem.UNKNOWN_PLACEHOLDER
    assert refused.value.detail == "{klient}"
    words = coded_error_text(refused.value)
    assert words is not None
    assert "{klient}" in words
    assert "{serials}" in words
    # A value is never read as a placeholder; gaps leave no trace and say where they were.
    text, gaps = fill("A {contact}{cursor} B {cursor}", {"contact": "{agent}"})
    assert text == "A {agent} B "
    assert gaps == (9, 12)
    lines = RenderedTemplate(1, "t", "A\n\n\n\nB\n", (3,), ())
    assert lines.without_gaps() == "A\n\nB\n"
    assert RenderedTemplate(1, "t", "\nA", (0,), ()).without_gaps() == "A"
    assert RenderedTemplate(1, "t", "ok .", (2,), ()).with_text_in_gap("") == "ok ."
    assert set(PLACEHOLDERS) >= {"serials", "notation", "tax_id", "cursor"}


def test_a_template_is_filled_in_for_the_ticket_with_every_serial_in_the_new_notation(
    db: Database, world: World, agent: Actor, supervisor: Actor
) -> None:
    service = ReplyTemplateService(db)
    template = service.add(supervisor, "Rejestracja", Language.POLISH, REGISTRATION)
    ticket_id = _ticket(db, agent, world)
    rendered = service.render(agent, template.id, ticket_id)
    lines = rendered.text.splitlines()
    assert lines[0] == "Dzień dobry Paweł Żółkiewski,"
    assert "NIP: PL5260250274" in lines
    assert "Umowa: UMS/2024/00001" in lines
    assert "Numer: (H2)-FG1234567890" in lines
    # All the customer's serials of active contracts, (H1)/(H2) for the shared one; the
    # expired contract's serial and the other company's are not there.
    serials = lines[lines.index("Wszystkie numery:") + 1 : lines.index("Wszystkie numery:") + 4]
    assert serials == [
        "(H1)-FG1234567890 (UMS/2024/00001, FortiCare 8x5)",
        "(H2)-FG1234567890 (UMS/2024/00001, FortiGuard IPS)",
        "(H)-FW5550001111 (UMS/2024/00001, UTP Bundle)",
    ]
    assert "FP0000000001" not in rendered.text
    assert "FA9999999999" not in rendered.text
    assert rendered.text.endswith(
        "Anna.Nowak (HD-000001: Nie działa VPN, Drukarnia Łąka Sp. z o.o.) {bez zmian}"
    )
    # The caret's place: the gap, an empty line of its own.
    assert rendered.text[rendered.caret - 2 : rendered.caret] == "\n\n"
    assert rendered.empty == ()
    assert "Tu piszę" in rendered.with_text_in_gap("Tu piszę")
    assert rendered.with_text_in_gap("Tu piszę").index("Tu piszę") == rendered.caret

    with db.sessions() as session:
        used = session.scalars(
            select(AuditEntry).where(AuditEntry.action == TemplateAction.USED)
        ).all()
    assert [(entry.ticket_id, entry.subject_id, entry.agent_id) for entry in used] == [
        (ticket_id, template.id, agent.id)
    ]
    assert used[0].details["template_id"] == template.id


def test_values_a_ticket_lacks_become_empty_and_are_named(
    db: Database, world: World, agent: Actor, supervisor: Actor
) -> None:
    service = ReplyTemplateService(db)
    template = service.add(supervisor, "Hello", Language.ENGLISH, "Dear {contact}, {cursor}")
    ticket_id = _ticket(db, agent, world, with_contact=False)
    rendered = service.render(agent, template.id, ticket_id)
    assert rendered.text == "Dear , "
    assert rendered.empty == ("{contact}",)
    assert service.ticket_language(ticket_id) is Language.POLISH


def test_only_supervisors_and_administrators_manage_templates(
    db: Database, agent: Actor, admin: Actor, supervisor: Actor
) -> None:
    service = ReplyTemplateService(db)
    with pytest.raises(PermissionDeniedError):
        service.add(agent, "Powitanie", Language.POLISH, "Dzień dobry")
    row = service.add(admin, "Powitanie", Language.POLISH, "Dzień dobry")
    with pytest.raises(PermissionDeniedError):
        service.edit(agent, row.id, body="Cześć")
    with pytest.raises(PermissionDeniedError):
        service.remove(agent, row.id)
    assert [r.name for r in service.templates()] == ["Powitanie"]
    service.remove(supervisor, row.id)
    assert service.templates() == []


def test_names_are_unique_per_language_whatever_their_case(db: Database, supervisor: Actor) -> None:
    service = ReplyTemplateService(db)
    polish = service.add(supervisor, "Logi", Language.POLISH, "Prosimy o logi")
    with pytest.raises(TemplateError) as taken:
        service.add(supervisor, "  LOGI ", Language.POLISH, "Inne")
    assert taken.value.problem is TemplateProblem.NAME_TAKEN
    english = service.add(supervisor, "logi", Language.ENGLISH, "Send logs, please")
    with pytest.raises(TemplateError) as ambiguous:
        service.find("LOGI")
    assert ambiguous.value.problem is TemplateProblem.AMBIGUOUS
    assert service.find("LOGI", Language.ENGLISH).id == english.id
    assert service.find("logi", prefer=Language.POLISH).id == polish.id
    with pytest.raises(TemplateError) as missing:
        service.find("Nie ma")
    assert missing.value.problem is TemplateProblem.NOT_FOUND
    with pytest.raises(TemplateError) as moved:
        service.edit(supervisor, english.id, language=Language.POLISH)
    assert moved.value.problem is TemplateProblem.NAME_TAKEN


def test_bad_input_is_refused_by_code(db: Database, supervisor: Actor) -> None:
    service = ReplyTemplateService(db)
    for name, body, problem in (
        ("", "x", TemplateProblem.EMPTY_NAME),
        ("\x1b[31mred", "x", TemplateProblem.NAME_CONTROL_CHARACTER),
        ("two\nlines", "x", TemplateProblem.NAME_CONTROL_CHARACTER),
        ("tab\there", "x", TemplateProblem.NAME_CONTROL_CHARACTER),
        ("Logi\u202egol", "x", TemplateProblem.NAME_CONTROL_CHARACTER),
        ("\u2066isolate\u2069", "x", TemplateProblem.NAME_CONTROL_CHARACTER),
        ("A", "  \n ", TemplateProblem.EMPTY_BODY),
        ("A", "x\x00y", TemplateProblem.NUL_CHARACTER),
        ("A", "Dzień dobry {kontakt}", TemplateProblem.UNKNOWN_PLACEHOLDER),
    ):
        with pytest.raises(TemplateError) as refused:
            service.add(supervisor, name, Language.POLISH, body)
        assert refused.value.problem is problem
    with pytest.raises(FieldTooLongError) as too_long:
        service.add(
            supervisor, "A", Language.POLISH, "x" * (max_length(InputField.TEMPLATE_BODY) + 1)
        )
    assert too_long.value.field is InputField.TEMPLATE_BODY
    with pytest.raises(FieldTooLongError):
        service.add(supervisor, "A" * 101, Language.POLISH, "x")
    assert service.templates() == []
    # A rename is checked at the same door.
    kept = service.add(supervisor, "Logi", Language.POLISH, "Prosimy o logi")
    with pytest.raises(TemplateError) as renamed:
        service.edit(
            supervisor, kept.id, name="Logi\x1b]0;title\x07", expected_version=kept.version
        )
    assert renamed.value.problem is TemplateProblem.NAME_CONTROL_CHARACTER
    assert [row.name for row in service.templates()] == ["Logi"]


def test_an_edit_based_on_an_older_version_is_refused(db: Database, supervisor: Actor) -> None:
    service = ReplyTemplateService(db)
    row = service.add(supervisor, "Powitanie", Language.POLISH, "Dzień dobry")
    changed = service.edit(supervisor, row.id, body="Dzień dobry {contact}", expected_version=1)
    assert changed.version == 2
    with pytest.raises(TemplateChangedError):
        service.edit(supervisor, row.id, body="Witam", expected_version=1)
    with pytest.raises(TemplateChangedError):
        service.remove(supervisor, row.id, expected_version=1)
    assert service.find("powitanie").body == "Dzień dobry {contact}"
    with db.sessions() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.subject_type == "reply_template")
        ).all()
    assert actions == [TemplateAction.ADDED, TemplateAction.CHANGED]


def test_the_list_filters_by_words_and_puts_the_tickets_language_first(
    db: Database, supervisor: Actor
) -> None:
    service = ReplyTemplateService(db)
    service.add(supervisor, "Zamknięcie", Language.POLISH, "Zgłoszenie rozwiązane")
    service.add(supervisor, "Closing", Language.ENGLISH, "Request resolved")
    service.add(supervisor, "Logi", Language.POLISH, "Prosimy o logi")
    assert [r.name for r in service.templates(first_language=Language.ENGLISH)] == [
        "Closing",
        "Logi",
        "Zamknięcie",
    ]
    assert [r.name for r in service.templates("zamkniecie")] == ["Zamknięcie"]
    assert [r.name for r in service.templates("resolved")] == ["Closing"]
    assert [r.name for r in service.templates(language=Language.POLISH)] == ["Logi", "Zamknięcie"]
    assert matching(service.templates(), "prosimy LOGI") == service.templates("logi prosimy")


def test_the_demo_registration_help_names_the_callers_shared_serial_as_h1_h2(
    demo_db: Database, demo_agent: Actor
) -> None:
    """Demo data ships the announcement's registration help; for a customer with several
    services on one serial it lists each in its (Hn) notation."""
    with demo_db.sessions() as session:
        ticket_id, customer_id, serial = session.execute(
            select(Ticket.id, Ticket.customer_id, Service.serial)
            .join(ServiceContract, ServiceContract.customer_id == Ticket.customer_id)
            .join(Service, Service.contract_id == ServiceContract.id)
            .where(ServiceContract.state == ContractState.ACTIVE, Service.notation_index == 2)
            .order_by(Ticket.id)
            .limit(1)
        ).one()
        tax_id = session.get_one(Customer, customer_id).tax_id
    service = ReplyTemplateService(demo_db)
    names = {(row.name, row.language) for row in service.templates()}
    assert ("Rejestracja w portalu myHEZO", Language.POLISH) in names
    assert ("myHEZO portal registration", Language.ENGLISH) in names
    assert len(names) >= 8
    template = service.find("rejestracja w portalu myhezo")
    text = service.render(demo_agent, template.id, ticket_id).text
    assert f"NIP firmy poprzedzony znakami PL: {tax_id}" in text
    assert f"(H1)-{serial} (" in text
    assert f"(H2)-{serial} (" in text
    assert f"(H)-{serial}" not in text
    assert "{" not in text
