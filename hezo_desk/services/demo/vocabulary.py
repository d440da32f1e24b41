"""The names and texts demo data is made of, and the small generators that draw from them.

Polish companies, addresses, people, products, serials, ticket subjects and message lines;
each generator makes one value from a random source. tests/support/legacy_generator writes
its legacy exports with them too, so demo data and generated exports read alike.
"""

from __future__ import annotations

import random

from hezo_desk.services.tax_ids import make_nip

_FORMS = ("Sp. z o.o.", "S.A.", "Sp. j.", "sp.k.", "")
_KINDS = (
    "Hurtownia",
    "Drukarnia",
    "Urząd Gminy",
    "Spółdzielnia",
    "Przychodnia",
    "Biuro Rachunkowe",
    "Zakład Usług",
    "Szkoła Podstawowa nr 3",
    "Apteka",
    "Przedsiębiorstwo Handlowe",
    "Kancelaria",
    "Piekarnia",
    "Warsztat",
    "Centrum Logistyczne",
    "Fundacja",
)
_NAMES = (
    "Gęś",
    "Łąka",
    "Żółw",
    "Świt",
    "Dęby",
    "Źródło",
    "Bóbr",
    "Żuraw",
    "Jaskółka",
    "Sokół",
    "Orzeł",
    "Wisła",
    "Tatry",
    "Bałtyk",
    "Mazury",
    "Śnieżka",
    "Kłos",
    "Jodła",
    "Łoś",
    "Ćma",
    "Ślęża",
    "Grześ",
    "Nałęcz",
    "Żagiel",
    "Łódź",
    "Pszczółka",
    "Dąb",
    "Róża",
    "Zorza",
)
_CITIES = (
    ("Kraków", "31"),
    ("Warszawa", "00"),
    ("Łódź", "90"),
    ("Wrocław", "50"),
    ("Poznań", "60"),
    ("Gdańsk", "80"),
    ("Szczecin", "70"),
    ("Lublin", "20"),
    ("Białystok", "15"),
    ("Zielona Góra", "65"),
    ("Rzeszów", "35"),
    ("Toruń", "87"),
    ("Kielce", "25"),
)
_STREETS = (
    "ul. Długa",
    "ul. Źródlana",
    "al. Jana Pawła II",
    "ul. Świętokrzyska",
    "ul. Łąkowa",
    "ul. Żeromskiego",
    "ul. Kościuszki",
    "os. Tysiąclecia",
)
_FIRST = (
    "Paweł",
    "Agnieszka",
    "Łukasz",
    "Małgorzata",
    "Krzysztof",
    "Zofia",
    "Michał",
    "Katarzyna",
    "Grzegorz",
    "Joanna",
    "Wojciech",
    "Beata",
    "Tomasz",
    "Dorota",
)
_LAST = (
    "Żółkiewski",
    "Kamińska",
    "Szymański",
    "Wójcik",
    "Kowalczyk",
    "Lewandowska",
    "Dąbrowski",
    "Zając",
    "Wróbel",
    "Król",
    "Jabłońska",
    "Mazur",
    "Kaczmarek",
    "Łuczak",
)
PRODUCTS = (
    "FortiCare 8x5",
    "FortiCare 24x7",
    "FortiGuard IPS",
    "UTP Bundle",
    "Wymiana sprzętu NBD",
    "FortiGuard Web Filtering",
    "Enterprise Bundle",
)
_SERIAL_PREFIXES = ("FG", "FW", "FP", "FA", "FS", "FAP")
# Valid VAT ids of other member states (checked by stdnum at generation time).
EU_CUSTOMERS = (
    ("DE136695976", "Nordlicht Systems GmbH", "Berlin", "de"),
    ("CZ25123891", "Pražská Síť s.r.o.", "Praha", "cz"),
    ("EL094259216", "Aegean Secure A.E.", "Athens", "gr"),
    ("FR40303265045", "Réseaux Sûrs SARL", "Lyon", "fr"),
)
SUBJECTS = (
    "Brak połączenia VPN po aktualizacji firmware",
    "Błąd „license invalid” w panelu",
    "Pytanie o zakres usługi serwisowej",
    "Wymiana uszkodzonego zasilacza – tryb NBD",
    "Urządzenie restartuje się co kilka godzin",
    "Nie działa filtrowanie treści dla gałęzi <b>Łódź</b>",
    "Prośba o przedłużenie licencji FortiGuard",
    "Wysokie obciążenie CPU & pamięci po zmianie reguł",
    "Problem z rejestracją w myHEZO – numer seryjny (H)-…",
    "Zgłoszenie awarii łącza zapasowego",
)
CUSTOMER_LINES = (
    "Dzień dobry, po aktualizacji do wersji 7.2.8 tunel IPsec do oddziału w Łodzi nie wstaje.",
    "Proszę o informację, czy usługa obejmuje wymianę sprzętu w trybie NBD.",
    "Zgodnie z rozmową telefoniczną: przesyłamy konfigurację (bez haseł).",
    "W załączeniu log z urządzenia; błąd pojawia się codziennie ok. 3:15 w nocy.",
    "Czy możemy prosić o pilny kontakt? Klienci zgłaszają „zawieszanie się” sieci.",
    "Portal myHEZO nie przyjmuje numeru seryjnego – wpisujemy (H)-…, a system odrzuca.",
    'Komunikat w panelu: <license status="invalid"> & brak aktualizacji sygnatur.',
)
AGENT_LINES = (
    "Dziękujemy za zgłoszenie. Prosimy o przesłanie pliku debug (diagnose debug report).",
    "Wymiana sprzętu została zlecona; kurier dostarczy urządzenie jutro do 12:00.",
    "Prosimy wpisać numer seryjny w nowej notacji, dokładnie tak jak na umowie, np. (H2)-….",
    "Poprawka jest w wersji 7.2.9 – zalecamy aktualizację w oknie serwisowym.",
    "Zamykamy zgłoszenie po potwierdzeniu poprawnego działania. Pozdrawiamy, zespół HEZO.",
)
NOTES = (
    "Klient dzwonił dwa razy; sprawa eskalowana do drugiej linii.",
    "Uwaga: reseller pytał o status – bez zgody klienta nie udzielamy informacji (RODO).",
    "Sprawdzone w dystrybutorze: RMA nr 4471/2026, czekamy na numer listu przewozowego.",
)


def unused_nip(rng: random.Random, used: set[str]) -> str:
    """A valid NIP that is not in `used`, and is added to it."""
    while True:
        nip = make_nip(f"{rng.randrange(100, 999)}{rng.randrange(10**6):06d}")
        if nip is not None and nip not in used:
            used.add(nip)
            return nip


def company_name(rng: random.Random) -> str:
    name = f"{rng.choice(_KINDS)} {rng.choice(_NAMES)}"
    form = rng.choice(_FORMS)
    return f"{name} {form}".strip()


def reseller_name(rng: random.Random, number: int) -> str:
    return f"{rng.choice(_NAMES)} IT Partner {number} Sp. z o.o."


def polish_address(rng: random.Random) -> tuple[str, str, str]:
    """Street with house number, postal code and city."""
    city, prefix = rng.choice(_CITIES)
    street = f"{rng.choice(_STREETS)} {rng.randrange(1, 120)}"
    postal = f"{prefix}-{rng.randrange(100, 999)}"
    return street, postal, city


def phone_number(rng: random.Random) -> str:
    return f"+48 {rng.randrange(500, 899)} {rng.randrange(100, 999)} {rng.randrange(100, 999)}"


def person_name(rng: random.Random) -> tuple[str, str]:
    """First and last name."""
    return rng.choice(_FIRST), rng.choice(_LAST)


def serial_number(rng: random.Random) -> str:
    return f"{rng.choice(_SERIAL_PREFIXES)}{rng.randrange(10**9, 10**10)}"
