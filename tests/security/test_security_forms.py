"""Probes in the window: the forms hold no more than the columns do, and a limit the services
refuse is worded in the desk's language with the field and the number."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from access_builders import desk_for
from builders import World, build_world
from hezo_desk.db import Database
from hezo_desk.errors import FieldTooLongError, InputField
from hezo_desk.services.actor import Actor
from hezo_desk.services.limits import max_length
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.error_wording import error_text
from hezo_desk.ui.i18n import Translations
from hezo_desk.ui.lookup_view import LookupView
from hezo_desk.ui.registration_wizard import RegistrationWizard
from hezo_desk.ui.settings import DeskSettings


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


@pytest.fixture
def context(
    db: Database, agent: Actor, desk_settings: DeskSettings, qtbot: QtBot
) -> Iterator[DeskContext]:
    yield from desk_for(db, agent, desk_settings)  # type: ignore[misc]


def test_the_registration_form_holds_what_the_columns_hold(
    qtbot: QtBot, context: DeskContext, world: World
) -> None:
    wizard = RegistrationWizard(context, None)
    qtbot.addWidget(wizard)
    details = wizard.details
    for edit, field in (
        (details.first_name, InputField.FIRST_NAME),
        (details.last_name, InputField.LAST_NAME),
        (details.email, InputField.EMAIL),
        (details.phone, InputField.PHONE),
    ):
        assert edit.maxLength() == max_length(field)
        edit.setText("x" * 100_000)  # a paste
        assert len(edit.text()) == max_length(field)


def test_the_lookup_holds_what_a_lookup_may_be(qtbot: QtBot, context: DeskContext) -> None:
    view = LookupView(context)
    qtbot.addWidget(view)
    view.query.setText("Q" * 50_001)
    assert len(view.query.text()) == max_length(InputField.LOOKUP)


def test_a_refused_length_is_worded_in_the_desks_language(qapp: QApplication) -> None:
    error = FieldTooLongError(InputField.FIRST_NAME, 100, 101)
    translations = Translations(qapp)
    assert error_text(error) == "The first name is too long: 101 characters, at most 100 fit"
    try:
        assert translations.apply("pl")
        assert error_text(error) == "Pole „imię” jest za długie (długość: 101, najwięcej: 100)"
    finally:
        translations.apply("en")
