"""The words of a generated export that the demo does not have, and the legacy statuses.

Companies, addresses, people, products and most of the text come from
hezo_desk.services.demo.vocabulary (one place for both); what is here is what only an export
needs.
"""

from __future__ import annotations

import random

from hezo_desk.enums import MessageKind
from hezo_desk.services.demo.vocabulary import CUSTOMER_LINES, EU_CUSTOMERS
from hezo_desk.services.demo.vocabulary import SUBJECTS as DEMO_SUBJECTS

# Beyond the demo's: subjects and lines that trip up a CSV reader or an encoding (`;` `,` `"`,
# padding, €). Foreign customers: the German and the Czech one (the French name has no
# Windows-1250 form, and the old system wrote some files in it).
EU = tuple((tax_id, name, tax_id[:2]) for tax_id, name, _city, _language in EU_CUSTOMERS[:2])
SUBJECTS = (
    *DEMO_SUBJECTS,
    "Wysokie obciążenie CPU (>90%) w godzinach szczytu",
    "Wymiana zasilacza – tryb NBD; pilne",
    'HA: węzeł zapasowy nie przejmuje ruchu, "split brain"',
    "  Zmiana osoby kontaktowej w umowie  ",
    "Pytanie o fakturę € / zakres usługi serwisowej",
    "Żółć gęślą jaźń – ĄĆĘŁŃÓŚŹŻ, ąćęłńóśźż",
    "Filtrowanie <b>nie działa</b> & logi puste",
)
LINES = (
    *CUSTOMER_LINES,
    "Dzień dobry, od wczoraj urządzenie zgłasza błąd.",
    "Zrestartowaliśmy urządzenie – problem wrócił po ~3 h; czy możemy prosić o sesję?",
    "Żółć gęślą jaźń – test znaków: ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ „cytat” – myślnik.",
    "Dziękujemy, wgraliśmy poprawkę 7.2.8, obserwujemy.",
    "Problem został przekazany do producenta (TAC #7412339).",
)
CONTRACT_STATUS = (("aktywna", 6), ("wygasła", 3), ("anulowana", 1))
TICKET_STATUS = (
    ("nowe", 3),
    ("w realizacji", 3),
    ("oczekuje na klienta", 2),
    ("zamknięte", 4),
    ("anulowane", 1),
)
PRIORITIES = ("niski", "normalny", "wysoki", "krytyczny")
ACTIVE_TICKET = {"nowe", "w realizacji", "oczekuje na klienta"}
KIND = {
    "klient": MessageKind.CUSTOMER,
    "agent": MessageKind.AGENT,
    "notatka": MessageKind.INTERNAL_NOTE,
}


def weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def as_web_form(text: str, rng: random.Random) -> tuple[str, str]:
    """Text as the old web form stored it (HTML line breaks and entities), and what it
    stands for."""
    encoded = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    meant = text
    if rng.random() < 0.5:
        encoded = encoded.replace(" – ", "&nbsp;&ndash;&nbsp;")
        meant = text.replace(" – ", "\u00a0–\u00a0")
    breaks = ("<br>", "<br/>", "<BR />", "<br >")
    raw = "".join(
        part if i == 0 else rng.choice(breaks) + part for i, part in enumerate(encoded.split("\n"))
    )
    return raw, meant
