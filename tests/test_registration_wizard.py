"""The registration wizard through the UI: every failing fact named with its reason as typed,
the notation to read back, what the customer then sees, and no duplicate contact."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from access_builders import desk_for
from builders import World, build_world
from hezo_desk.db import Database
from hezo_desk.models import AuditEntry, Contact
from hezo_desk.services.actor import Actor
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.registration import ContactDetails, RegistrationService
from hezo_desk.services.ticket_targets import resolve_target
from hezo_desk.services.tickets import NewTicket, TicketService
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.registration_wizard import READ_BACK_STYLE, RegistrationWizard
from hezo_desk.ui.settings import DeskSettings
from pictures import save_picture
from waiting import WAIT_MS


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


@pytest.fixture
def context(
    db: Database, agent: Actor, desk_settings: DeskSettings, qtbot: QtBot
) -> Iterator[DeskContext]:
    yield from desk_for(db, agent, desk_settings)  # type: ignore[misc]


def _wizard(
    qtbot: QtBot, context: DeskContext, customer_id: int | None = None
) -> RegistrationWizard:
    wizard = RegistrationWizard(context, customer_id)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _type_facts(
    qtbot: QtBot, wizard: RegistrationWizard, tax_id: str, contract: str, serial: str
) -> None:
    facts = wizard.facts
    for field, text in ((facts.tax_id, tax_id), (facts.contract, contract), (facts.serial, serial)):
        field.clear()
        if text.isascii():
            qtbot.keyClicks(field, text)
        else:  # QTest types ASCII only; Polish text arrives as if pasted
            field.setText(text)
    # The check runs once the typing pauses, in the background.
    qtbot.waitUntil(lambda: facts.result_for == facts.typed(), timeout=WAIT_MS)


@pytest.mark.parametrize(
    ("tax_id", "contract", "serial", "label", "fragments"),
    [
        (
            "526-025-02-75",
            "UMS/2024/00001",
            "FG1234567890",
            "tax_id_status",
            ["Invalid tax id", "checksum"],
        ),
        (
            "PL52602502",
            "UMS/2024/00001",
            "FG1234567890",
            "tax_id_status",
            ["Invalid tax id", "has 8"],
        ),
        (
            "PL 603-082-46-25",
            "UMS/2024/00001",
            "FG1234567890",
            "tax_id_status",
            ["No HEZO customer has this tax id"],
        ),
        (
            "PL5260250274",
            "UMS/2024/99999",
            "FG1234567890",
            "contract_status",
            ["No such contract", "UMS/2024/99999"],
        ),
        (
            "PL5260250274",
            "ums 2020 00002",
            "FP0000000001",
            "contract_status",
            ["Contract not active", "expired"],
        ),
        (
            "PL5260250274",
            "UMS/2024/00003",
            "FA9999999999",
            "contract_status",
            ["Contract of another company", "does not belong to the company PL5260250274"],
        ),
        (
            "PL5260250274",
            "UMS/2024/00001",
            "FA9999999999",
            "serial_status",
            ["Serial not on that contract", "it is on another company's contract"],
        ),
        (
            "PL5260250274",
            "UMS/2024/00001",
            "FG12#",
            "serial_status",
            ["Invalid serial number", "letters and digits"],
        ),
    ],
    ids=[
        "checksum",
        "length",
        "unknown-tax-id",
        "no-such-contract",
        "contract-not-active",
        "contract-of-another-company",
        "serial-not-on-contract",
        "invalid-serial",
    ],
)
def test_each_failing_fact_is_named_as_it_is_typed(
    qtbot: QtBot,
    context: DeskContext,
    world: World,
    tax_id: str,
    contract: str,
    serial: str,
    label: str,
    fragments: list[str],
    tmp_path: Path,
) -> None:
    wizard = _wizard(qtbot, context)
    _type_facts(qtbot, wizard, tax_id, contract, serial)
    status = getattr(wizard.facts, label).text()
    for fragment in fragments:
        assert fragment in status
    # Whoever is on the phone never hears another customer's name or tax id.
    assert "Żółw" not in status
    assert "7251801126" not in status
    assert "✗" in status
    assert not wizard.facts.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert not wizard.facts.read_back.isVisible()
    if label == "contract_status" and serial == "FA9999999999":
        assert "the contract is not accepted" in wizard.facts.serial_status.text()
    if label == "contract_status":
        save_picture(wizard, tmp_path, f"wizard-failure-{fragments[0].split()[0].lower()}")


def test_the_notation_to_read_back_is_shown_prominently(
    qtbot: QtBot, context: DeskContext, world: World, tmp_path: Path
) -> None:
    wizard = _wizard(qtbot, context)
    _type_facts(qtbot, wizard, "pl 526 025 02 74", "ums 2024 00001", "(h)-fg 1234567890")
    facts = wizard.facts
    assert facts.isComplete()
    assert facts.read_back.isVisible()
    shown = facts.read_back.text()
    assert "the contract holds:" in shown
    assert "font-size: 24pt'>(H1)-FG1234567890</div>" in shown
    assert "They read (H)-FG1234567890; in the portal they must type (H1)-FG1234567890" in shown
    assert facts.read_back.styleSheet() == READ_BACK_STYLE
    assert "✓ PL5260250274: Drukarnia Łąka Sp. z o.o." in facts.tax_id_status.text()
    save_picture(wizard, tmp_path, "wizard-read-back")

    _type_facts(qtbot, wizard, "PL5260250274", "UMS/2024/00001", "(H2)-FG1234567890")
    assert "exact: (H2)-FG1234567890" in facts.read_back.text()
    assert facts.read_back.styleSheet() != READ_BACK_STYLE


def test_registering_shows_what_the_customer_now_sees_and_is_audited(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    context: DeskContext,
    world: World,
    db: Database,
    agent: Actor,
    tmp_path: Path,
) -> None:
    target = resolve_target(db, "UMS/2024/00001", "(H)-FW5550001111")
    ticket = TicketService(db).open(
        agent,
        NewTicket(
            contract_id=target.contract_id,
            service_id=target.service_id,
            subject="Awaria zasilacza – Łódź",
            description="Nie działa.",
        ),
    )
    wizard = _wizard(qtbot, context, world.customer_id)
    registered: list[tuple[int, int]] = []
    wizard.registered.connect(lambda contact, customer: registered.append((contact, customer)))
    _type_facts(qtbot, wizard, "526-025-02-74", "UMS/2024/00001", "FW 555 000 1111")
    # Enter on the last fact moves on, as the agent expects.
    qtbot.keyClick(wizard.facts.serial, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.details
    details = wizard.details
    details.first_name.setText("Paweł")
    details.last_name.setText("Żółkiewski")
    qtbot.keyClicks(details.email, "pawel@laka.pl")
    qtbot.keyClicks(details.phone, "+48 600 100 200")
    save_picture(wizard, tmp_path, "wizard-details")
    wizard.button(QWizard.WizardButton.NextButton).click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=WAIT_MS)
    done = wizard.done_page
    assert (
        "Paweł Żółkiewski <pawel@laka.pl> is registered for Drukarnia Łąka" in done.summary.text()
    )
    assert "(H)-FW5550001111" in done.read_back.text()
    assert [c.number for c in done.contracts_model.rows] == ["UMS/2024/00001"]
    assert {s.notation for s in done.services_model.rows} == {
        "(H1)-FG1234567890",
        "(H2)-FG1234567890",
        "(H)-FW5550001111",
    }
    assert [t.number for t in done.tickets_model.rows] == [ticket.number]
    for model in (done.contracts_model, done.services_model, done.tickets_model):
        qtmodeltester.check(model)
    save_picture(wizard, tmp_path, "wizard-done")
    assert len(registered) == 1
    assert registered[0][1] == world.customer_id
    with db.sessions() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.action == AuditAction.CONTACT_REGISTERED)
        ).all()
    assert len(actions) == 1


def test_an_existing_email_is_not_duplicated_and_can_be_updated(
    qtbot: QtBot, context: DeskContext, world: World, db: Database, agent: Actor, tmp_path: Path
) -> None:
    RegistrationService(db).register(
        agent,
        tax_id="PL5260250274",
        contract="UMS/2024/00001",
        serial="(H1)-FG1234567890",
        details=ContactDetails("Paweł", "Żółkiewski", "Pawel@Laka.pl", "+48 600 100 200"),
    )
    wizard = _wizard(qtbot, context)
    _type_facts(qtbot, wizard, "PL5260250274", "UMS/2024/00001", "(H2)-FG1234567890")
    wizard.next()
    details = wizard.details
    details.first_name.setText("Paweł")
    details.last_name.setText("Żółkiewski-Nowak")
    qtbot.keyClicks(details.email, "pawel@laka.pl")
    wizard.button(QWizard.WizardButton.NextButton).click()
    qtbot.waitUntil(details.exists_box.isVisible, timeout=WAIT_MS)
    assert wizard.currentPage() is details
    assert "Pawel@Laka.pl is already registered: Paweł Żółkiewski" in details.exists_text.text()
    assert "Nothing was added" in details.exists_text.text()
    save_picture(wizard, tmp_path, "wizard-existing-contact")
    with db.sessions() as session:
        assert session.scalar(select(func.count(Contact.id))) == 1
    details.update_button.click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=WAIT_MS)
    assert "was updated (no second contact was added)" in wizard.done_page.summary.text()
    with db.sessions() as session:
        contacts = session.scalars(select(Contact)).all()
    assert [(c.last_name, c.email) for c in contacts] == [("Żółkiewski-Nowak", "pawel@laka.pl")]


def test_bad_contact_details_are_explained_and_nothing_is_saved(
    qtbot: QtBot, context: DeskContext, world: World, db: Database
) -> None:
    wizard = _wizard(qtbot, context)
    _type_facts(qtbot, wizard, "PL5260250274", "UMS/2024/00001", "(H2)-FG1234567890")
    wizard.next()
    details = wizard.details
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    details.first_name.setText("Paweł")
    details.last_name.setText("Żółkiewski")
    qtbot.keyClicks(details.email, "pawel-at-laka.pl")
    wizard.button(QWizard.WizardButton.NextButton).click()
    qtbot.waitUntil(details.problem.isVisible, timeout=WAIT_MS)
    assert "is not an e-mail address" in details.problem.text()
    assert wizard.currentPage() is details
    with db.sessions() as session:
        assert session.scalar(select(func.count(Contact.id))) == 0


def test_a_company_other_than_the_one_looked_up_is_pointed_out(
    qtbot: QtBot, context: DeskContext, world: World
) -> None:
    wizard = _wizard(qtbot, context, world.other_customer_id)
    qtbot.waitUntil(lambda: wizard.facts.expected_customer is not None, timeout=WAIT_MS)
    _type_facts(qtbot, wizard, "PL5260250274", "UMS/2024/00001", "(H2)-FG1234567890")
    assert "not the company selected in the lookup, Żółw Logistyka" in (
        wizard.facts.tax_id_status.text()
    )
    assert wizard.facts.isComplete()
