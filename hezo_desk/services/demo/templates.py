"""The demo desk's reply templates, Polish and English: greetings, a request for logs, closing
words, and the myHEZO registration help of the portal announcement, which names the caller's
real NIP, contract and serials in the new notation through placeholders."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from hezo_desk.enums import Language
from hezo_desk.models import ReplyTemplate
from hezo_desk.services.reply_templates import name_key

_SIGNATURE_PL = "Pozdrawiamy\n{agent}\nZespół wsparcia HEZO | +48 12 25 25 600 | pomoc@myhezo.pl"
_SIGNATURE_EN = "Kind regards\n{agent}\nHEZO support | +48 12 25 25 600 | pomoc@myhezo.pl"

DEMO_TEMPLATES: Sequence[tuple[str, Language, str]] = (
    (
        "Rejestracja w portalu myHEZO",
        Language.POLISH,
        "Dzień dobry {contact},\n\n"
        "od 16 stycznia 2024 zgłoszenia w portalu myHEZO wymagają jednorazowej rejestracji: "
        "na https://myhezo.pl/ proszę wybrać Logowanie, a następnie Zarejestruj się. Oprócz "
        "danych kontaktowych potrzebne są trzy parametry:\n\n"
        "- NIP firmy poprzedzony znakami PL: {tax_id}\n"
        "- numer jednej z umów serwisowych, np. {contract}\n"
        "- jeden numer seryjny z tej umowy w nowej notacji, np. {notation}\n\n"
        "Numery seryjne Państwa aktywnych umów w nowej notacji:\n{serials}\n\n"
        "Gdy dla jednego numeru seryjnego zakupiono kilka usług serwisowych, numer ma postać "
        "(H1)-…, (H2)-… – proszę wpisać go dokładnie tak, jak na liście powyżej.\n\n"
        "{cursor}\n\n" + _SIGNATURE_PL,
    ),
    (
        "myHEZO portal registration",
        Language.ENGLISH,
        "Dear {contact},\n\n"
        "since 16 January 2024 requests in the myHEZO portal need a one-time registration: on "
        "https://myhezo.com/ choose Log in, then Register. Besides your contact details it "
        "asks for three things:\n\n"
        "- your company's tax id with its country prefix: {tax_id}\n"
        "- the number of one of your service contracts, e.g. {contract}\n"
        "- one serial number of that contract in the new notation, e.g. {notation}\n\n"
        "The serial numbers of your active contracts in the new notation:\n{serials}\n\n"
        "Where several services were bought for one serial, it reads (H1)-…, (H2)-…: please "
        "type it exactly as in the list above.\n\n"
        "{cursor}\n\n" + _SIGNATURE_EN,
    ),
    (
        "Powitanie",
        Language.POLISH,
        "Dzień dobry {contact},\n\ndziękujemy za zgłoszenie {ticket_number} „{ticket_subject}”."
        "\n\n{cursor}\n\n" + _SIGNATURE_PL,
    ),
    (
        "Greeting",
        Language.ENGLISH,
        "Dear {contact},\n\nthank you for your request {ticket_number} "
        '"{ticket_subject}".\n\n{cursor}\n\n' + _SIGNATURE_EN,
    ),
    (
        "Prośba o logi",
        Language.POLISH,
        "Dzień dobry {contact},\n\n"
        "aby zdiagnozować problem z urządzeniem {notation} (umowa {contract}), prosimy o "
        "przesłanie pliku konfiguracji i logów z ostatnich 24 godzin w odpowiedzi na to "
        "zgłoszenie ({ticket_number}).\n\n{cursor}\n\n" + _SIGNATURE_PL,
    ),
    (
        "Request for logs",
        Language.ENGLISH,
        "Dear {contact},\n\n"
        "to diagnose the problem with the device {notation} (contract {contract}), please "
        "send us its configuration file and the logs of the last 24 hours in reply to this "
        "request ({ticket_number}).\n\n{cursor}\n\n" + _SIGNATURE_EN,
    ),
    (
        "Zamknięcie zgłoszenia",
        Language.POLISH,
        "Dzień dobry {contact},\n\n"
        "zgłoszenie {ticket_number} uznajemy za rozwiązane{cursor}. Jeśli problem wróci, "
        "wystarczy odpowiedzieć na tę wiadomość – zgłoszenie zostanie otwarte ponownie.\n\n"
        + _SIGNATURE_PL,
    ),
    (
        "Closing the request",
        Language.ENGLISH,
        "Dear {contact},\n\n"
        "we consider request {ticket_number} resolved{cursor}. Should the problem come back, "
        "just reply to this message and the request is opened again.\n\n" + _SIGNATURE_EN,
    ),
)


def add_demo_templates(session: Session, author_id: int | None) -> int:
    """The demo templates, written by `author_id` (the demo supervisor); how many."""
    session.add_all(
        ReplyTemplate(
            name=name,
            name_key=name_key(name),
            language=language,
            body=body,
            created_by_agent_id=author_id,
            updated_by_agent_id=author_id,
        )
        for name, language, body in DEMO_TEMPLATES
    )
    session.flush()
    return len(DEMO_TEMPLATES)
