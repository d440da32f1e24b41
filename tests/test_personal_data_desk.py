"""The desk's "Export personal data…" on a company's contacts (issue 17, right of access)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from access_builders import desk_for
from hezo_desk.db import Database
from hezo_desk.models import AuditEntry, Contact
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.personal_data.contacts import ContactNotResolvedError, ContactProblem
from hezo_desk.ui import lookup_view
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.error_wording import error_text
from hezo_desk.ui.i18n import Translations
from hezo_desk.ui.lookup_view import LookupView
from hezo_desk.ui.settings import DeskSettings
from pictures import save_picture
from waiting import WAIT_MS


@pytest.fixture
def supervisor_desk(demo_db: Database, desk_settings: DeskSettings) -> Iterator[DeskContext]:
    supervisor = AgentService(demo_db).resolve("marek.zielinski")
    yield from desk_for(demo_db, supervisor, desk_settings)  # type: ignore[misc]


def _a_contact(db: Database) -> tuple[int, str, str]:
    with db.sessions() as session:
        contact = session.scalars(select(Contact).order_by(Contact.id)).first()
        assert contact is not None
        return contact.id, contact.email, f"{contact.first_name} {contact.last_name}"


def _show_contacts_of(qtbot: QtBot, view: LookupView, email: str) -> None:
    view.query.setText(email)
    view.run_lookup()
    qtbot.waitUntil(lambda: view.overview is not None, timeout=WAIT_MS)
    view.details.setCurrentIndex(3)


def test_a_supervisor_exports_a_contacts_personal_data(
    qtbot: QtBot,
    supervisor_desk: DeskContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = supervisor_desk.db
    contact_id, email, name = _a_contact(db)
    folder = tmp_path / "request"
    folder.mkdir()
    asked: list[str] = []

    def choose_folder(_parent: object, caption: str, *_args: object) -> str:
        asked.append(caption)
        return str(folder)

    monkeypatch.setattr(lookup_view.QFileDialog, "getExistingDirectory", choose_folder)
    view = LookupView(supervisor_desk)
    qtbot.addWidget(view)
    view.resize(1100, 620)
    view.show()
    _show_contacts_of(qtbot, view, email)
    button = view.export_personal_data_button
    assert button.isVisible()
    assert not button.isEnabled()  # nobody selected yet

    row = next(i for i, c in enumerate(view.contacts_model.rows) if c.id == contact_id)
    # The context menu of a contact selects the row under the pointer and offers the export.
    view.contacts.clearSelection()
    centre = view.contacts.visualRect(view.contacts_model.index(row, 0)).center()
    popped: list[QPoint] = []
    # Offscreen Qt warns when a popup shows (propagateSizeHints): record where it would.
    monkeypatch.setattr(view.contact_menu, "popup", popped.append)
    view.contacts.customContextMenuRequested.emit(centre)
    assert len(popped) == 1
    assert view.selected_contact() is not None
    assert view.selected_contact().id == contact_id  # type: ignore[union-attr]
    assert view.contact_menu.actions() == [view.export_personal_data_action]
    assert button.isEnabled()
    assert view.export_personal_data_action.isEnabled()
    button.click()
    qtbot.waitUntil(view.export_notice.isVisible, timeout=WAIT_MS)

    assert asked == [f"Folder for the personal data of {name}"]
    files = sorted(folder.iterdir())
    assert [f.suffix for f in files] == [".json", ".pdf"]
    assert json.loads(files[0].read_text(encoding="utf-8"))["person"]["id"] == contact_id
    assert name in view.export_notice.text()
    assert files[1].name in view.export_notice.text()
    assert button.isEnabled()
    with db.sessions() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == AuditAction.CONTACT_DATA_EXPORTED)
        ).one()
    assert entry.subject_id == contact_id
    save_picture(view, tmp_path, "lookup-personal-data-exported")


def test_a_failed_export_says_why(
    qtbot: QtBot,
    supervisor_desk: DeskContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _contact_id, email, _name = _a_contact(supervisor_desk.db)
    gone = tmp_path / "gone"
    monkeypatch.setattr(lookup_view.QFileDialog, "getExistingDirectory", lambda *_a: str(gone))
    view = LookupView(supervisor_desk)
    qtbot.addWidget(view)
    _show_contacts_of(qtbot, view, email)
    view.contacts.selectRow(0)
    view.export_personal_data_action.trigger()
    qtbot.waitUntil(lambda: not view.error.isHidden(), timeout=WAIT_MS)
    assert str(gone) in view.error.text()
    assert view.export_notice.isHidden()
    assert view.export_personal_data_button.isEnabled()


def test_an_agent_has_no_export(qtbot: QtBot, desk_context: DeskContext, demo_agent: Actor) -> None:
    _contact_id, email, _name = _a_contact(desk_context.db)
    view = LookupView(desk_context)
    qtbot.addWidget(view)
    view.show()
    _show_contacts_of(qtbot, view, email)
    view.contacts.selectRow(0)
    assert not view.export_personal_data_button.isVisible()
    assert not view.export_personal_data_action.isEnabled()


def test_the_desk_words_why_a_text_names_no_single_contact(qapp: QApplication) -> None:
    ambiguous = ContactNotResolvedError(ContactProblem.AMBIGUOUS_PHONE, "601200300", (3, 5))
    assert error_text(ambiguous) == (
        "The phone 601200300 belongs to several contacts (ids 3, 5): choose one by its id."
    )
    translations = Translations(qapp)
    assert translations.apply("pl")
    try:
        assert error_text(ContactNotResolvedError(ContactProblem.NO_SUCH_ID, "12")) == (
            "Żaden kontakt nie ma identyfikatora 12."
        )
    finally:
        translations.apply("en")
