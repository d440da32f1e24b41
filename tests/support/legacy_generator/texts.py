"""The words a generated export is made of: names, subjects, dialogue, legacy statuses."""

from __future__ import annotations

import random

from hezo_desk.enums import MessageKind

COMPANY_KINDS = (
    "Hurtownia",
    "Drukarnia",
    "Urząd Gminy",
    "Spółdzielnia",
    "Przychodnia",
    "Biuro Rachunkowe",
    "Zakład Usług",
    "Apteka",
    "Przedsiębiorstwo Handlowe",
    "Kancelaria",
    "Szpital Miejski",
)
NAMES = ("Gęś", "Łąka", "Żółw", "Świt", "Dęby", "Źródło", "Bóbr", "Żuraw", "Kłos", "Łoś", "Ćma")
FORMS = ("Sp. z o.o.", "S.A.", "sp.j.", "Sp. z o.o. sp.k.", "")
CITIES = (
    ("Kraków", "31"),
    ("Łódź", "90"),
    ("Wrocław", "50"),
    ("Gdańsk", "80"),
    ("Zielona Góra", "65"),
    ("Białystok", "15"),
    ("Poznań", "60"),
)
STREETS = (
    "ul. Długa",
    "ul. Źródlana",
    "al. Jana Pawła II",
    "ul. Świętokrzyska",
    "os. Złota Jesień",
)
PEOPLE = (
    "Paweł Żółkiewski",
    "Agnieszka Kamińska",
    "Łukasz Szymański",
    "Małgorzata Wójcik",
    "Jędrzej Ćwik",
    "Zofia Dąbrowska",
    "Grzegorz Łuczak",
    "Ewa Wiśniewska",
)
PRODUCTS = (
    "FortiCare 8x5",
    "FortiCare 24x7",
    "FortiGuard IPS",
    "UTP Bundle",
    "Wymiana sprzętu NBD",
    "Enterprise Bundle",
)
EU = (("DE136695976", "Nordlicht Systems GmbH", "DE"), ("CZ25123891", "Pražská Síť s.r.o.", "CZ"))
SUBJECTS = (
    "Błąd „license invalid” w panelu",
    "Brak połączenia VPN po aktualizacji firmware",
    "Wysokie obciążenie CPU (>90%) w godzinach szczytu",
    "Wymiana zasilacza – tryb NBD; pilne",
    'HA: węzeł zapasowy nie przejmuje ruchu, "split brain"',
    "  Zmiana osoby kontaktowej w umowie  ",
    "Pytanie o fakturę € / zakres usługi serwisowej",
    "Żółć gęślą jaźń – ĄĆĘŁŃÓŚŹŻ, ąćęłńóśźż",
    "Filtrowanie <b>nie działa</b> & logi puste",
)
LINES = (
    "Dzień dobry, od wczoraj urządzenie zgłasza błąd.",
    "Proszę o informację, czy usługa obejmuje wymianę sprzętu w trybie NBD.",
    "Zgodnie z rozmową telefoniczną: przesyłamy konfigurację (bez haseł).",
    "Zrestartowaliśmy urządzenie – problem wrócił po ~3 h; czy możemy prosić o sesję?",
    'Komunikat: <license status="invalid"> & brak aktualizacji sygnatur.',
    "Żółć gęślą jaźń – test znaków: ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ „cytat” – myślnik.",
    "Dziękujemy, wgraliśmy poprawkę 7.2.8, obserwujemy.",
    "Problem został przekazany do producenta (TAC #7412339).",
)
NOTES = ("Klient dzwonił 2x, zdenerwowany.", "Reseller pytał o status – bez zgody klienta nic.")
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
