"""The command line speaks Polish or English: `--language`, else the locale (issue 14)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builders import build_world
from hezo_desk.cli import main
from hezo_desk.cli.language import language_of_locale
from hezo_desk.db import Database
from hezo_desk.enums import Language
from hezo_desk.services.actor import Actor

pytestmark = pytest.mark.usefixtures("agent_password")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, Language.ENGLISH),
        ({"LANG": "pl_PL.UTF-8"}, Language.POLISH),
        ({"LANG": "C.UTF-8"}, Language.ENGLISH),
        ({"LANG": "pl_PL.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, Language.ENGLISH),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "pl_PL.UTF-8"}, Language.POLISH),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "pl:en"}, Language.POLISH),
        ({"LANGUAGE": "", "LC_ALL": "", "LANG": "pl_PL"}, Language.POLISH),
    ],
)
def test_the_locale_names_the_language(environ: dict[str, str], expected: Language) -> None:
    assert language_of_locale(environ) is expected


def test_a_refusal_follows_language(capsys: pytest.CaptureFixture[str], db: Database) -> None:
    code, _, english = run(capsys, "--database", url(db), "ticket", "show", "HD-999999")
    assert code == 2
    assert "no ticket “HD-999999” (new numbers look like HD-000123)" in english
    code, _, polish = run(
        capsys, "--language", "pl", "--database", url(db), "ticket", "show", "HD-999999"
    )
    assert code == 2
    assert "brak zgłoszenia „HD-999999” (nowe numery wyglądają jak HD-000123)" in polish


def test_the_locale_is_the_default(
    capsys: pytest.CaptureFixture[str], db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "pl_PL.UTF-8")
    code, _, polish = run(capsys, "--database", url(db), "lookup", "")
    assert code == 2
    assert "wyszukiwanie jest puste" in polish
    code, _, english = run(capsys, "--language", "en", "--database", url(db), "lookup", "")
    assert code == 2
    assert "the lookup is empty" in english


def test_results_and_tables_follow_language(
    capsys: pytest.CaptureFixture[str], db: Database
) -> None:
    build_world(db)
    code, english, _ = run(capsys, "--database", url(db), "lookup", "PL5260250274")
    assert code == 0, english
    assert "read as: tax id PL5260250274" in english
    assert "Customers (1)" in english
    code, polish, _ = run(
        capsys, "--language", "pl", "--database", url(db), "lookup", "PL5260250274"
    )
    assert code == 0, polish
    assert "odczytano jako: NIP PL5260250274" in polish
    assert "Klienci (1)" in polish
    header = polish.splitlines()[3]
    assert "NIP" in header
    assert "miasto" in header


def test_a_permission_refusal_words_the_roles(
    capsys: pytest.CaptureFixture[str], db: Database, agent: Actor
) -> None:
    code, _, polish = run(
        capsys, "--language", "pl", "--database", url(db), "--agent", agent.login,
        "gdpr", "export", "#1", "--output", "unused",
    )  # fmt: skip
    assert code == 2, polish
    assert "nie może eksportować danych osobowych osoby" in polish
    assert "kierownik" in polish


def _absent(text: str, *words: str) -> None:
    """None of `words` stands in `text` as a word of its own ("normal" is not in "normalny")."""
    for word in words:
        found = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)
        assert found is None, f"{word!r} in {text!r}"


def test_service_levels_speak_the_chosen_language(
    capsys: pytest.CaptureFixture[str], db: Database, admin: Actor
) -> None:
    build_world(db)
    as_admin = ("--database", url(db), "--agent", admin.login)
    code, polish, err = run(capsys, "--language", "pl", *as_admin, "service-level", "list")
    assert code == 0, err
    header = polish.splitlines()[0].split()
    assert header == [
        *("nazwa", "kalendarz", "wbudowany", "usługi"),
        *("reakcja", "k/w/n/n", "rozwiązanie", "k/w/n/n"),
    ]
    assert "24x7: każda minuta" in polish
    assert "godziny pracy: pn–pt 8–16" in polish
    assert " tak " in polish
    _absent(polish, "name", "calendar", "built-in", "services", "business_hours", "yes", "no")
    _absent(polish, "response", "resolution", "every minute", "business hours")
    code, english, err = run(capsys, *as_admin, "service-level", "list")
    assert code == 0, err
    assert english.split()[:4] == ["name", "calendar", "built-in", "services"]
    assert "business hours: Mon–Fri 8–16" in english
    assert "24x7: every minute" in english

    code, polish, err = run(
        capsys, "--language", "pl", *as_admin, "service-level", "add", "Złoty",
        "--calendar", "business-hours", "--response", "critical=30", "--response", "high=nbd",
    )  # fmt: skip
    assert code == 0, err
    assert polish.startswith("poziom obsługi Złoty\n")
    for words in (
        "kalendarz: godziny pracy: pn–pt 8–16",
        "wbudowany: nie",
        "usługi na tym poziomie: 0",
        "priorytet",
        "krytyczny  30 min (0:30)",
        "wysoki     następny dzień roboczy, 16:00",
        "brak",
    ):
        assert words in polish
    _absent(polish, "service level", "calendar", "built-in", "services on it", "priority")
    _absent(polish, "critical", "high", "normal", "low", "next business day", "none", "no")

    code, polish, err = run(
        capsys, "--language", "pl", *as_admin, "service-level", "set", "złoty",
        "--response", "low=90",
    )  # fmt: skip
    assert code == 0, err
    assert "niski      90 min (1:30)" in polish
    assert "Zgłoszenia otwarte od teraz dostaną nowe cele" in polish
    _absent(polish, "Tickets opened from now on")

    code, polish, err = run(
        capsys, "--language", "pl", *as_admin, "service", "set-level", "(h2)-FG1234567890", "złoty"
    )
    assert code == 0, err
    assert "(H2)-FG1234567890 (" in polish
    assert ", umowa UMS/2024/00001): poziom obsługi Złoty" in polish
    assert "dopóki kierownik ich nie przeliczy (hezo-desk service-level recompute)" in polish
    _absent(polish, "contract", "service level", "Tickets")

    code, polish, err = run(
        capsys, "--language", "pl", *as_admin, "service-level", "recompute", "złoty"
    )
    assert code == 0, err
    assert polish.startswith("Poziom obsługi Złoty: przeliczono otwarte zgłoszenia:")
    _absent(polish, "Service level", "recomputed", "open")

    code, polish, err = run(
        capsys, "--language", "pl", *as_admin, "service", "set-level", "(h2)-FG1234567890", "8x5"
    )
    assert code == 0, err
    code, polish, err = run(
        capsys, "--language", "pl", *as_admin, "service-level", "remove", "Złoty"
    )
    assert code == 0, err
    assert polish == "usunięto poziom obsługi Złoty\n"

    code, english, err = run(capsys, *as_admin, "service-level", "show", "nbd")
    assert code == 0, err
    for words in (
        "service level NBD",
        "calendar: business hours: Mon–Fri 8–16",
        "built-in: nbd",
        "services on it:",
        "critical  240 min (4:00)    next business day, 16:00",
        "low       1920 min (32:00)",
    ):
        assert words in english


@pytest.mark.parametrize(
    ("name", "language", "reason"),
    [
        ("\x1b[31mred", "pl", "Nazwa poziomu obsługi zawiera znak sterujący"),
        ("two\nlines", "en", "The service level's name holds a control character"),
        ("Gold\u202e4h", "en", "The service level's name holds a control character"),
    ],
)
def test_a_level_name_with_control_characters_is_refused(
    capsys: pytest.CaptureFixture[str], db: Database, admin: Actor, name: str, language: str,
    reason: str,
) -> None:  # fmt: skip
    code, out, err = run(
        capsys, "--language", language, "--database", url(db), "--agent", admin.login,
        "service-level", "add", name, "--calendar", "24x7",
    )  # fmt: skip
    assert (code, out) == (2, "")
    assert reason in err
    assert "\x1b" not in err
    assert "\u202e" not in err


def test_templates_speak_the_chosen_language(
    capsys: pytest.CaptureFixture[str], db: Database, admin: Actor, tmp_path: Path
) -> None:
    body = tmp_path / "body.txt"
    body.write_text("Dzień dobry {contact},\nprosimy o logi.", encoding="utf-8")
    pl = ("--language", "pl", "--database", url(db), "--agent", admin.login)
    code, polish, err = run(
        capsys, *pl, "template", "add", "Logi", "--language", "pl", "--body-file", str(body)
    )
    assert code == 0, err
    assert polish == "dodano szablon: Logi (polski)\n"
    code, polish, err = run(capsys, *pl, "template", "list")
    assert code == 0, err
    assert polish.split()[:6] == ["nazwa", "język", "pierwszy", "wiersz", "zmieniono", "przez"]
    assert polish.splitlines()[1].split()[:5] == ["Logi", "polski", "Dzień", "dobry", "{contact},"]
    _absent(polish, "name", "language", "first line", "changed", "by", "pl", "Polish")
    code, polish, err = run(capsys, *pl, "template", "edit", "logi", "--new-language", "en")
    assert code == 0, err
    assert polish == "zmieniono szablon: Logi (angielski)\n"
    code, _, err = run(capsys, *pl, "template", "edit", "logi")
    assert code == 2
    assert "nic do zmiany: podaj --name, --new-language lub --body-file" in err
    code, _, err = run(
        capsys, *pl, "template", "add", "Inny", "--language", "pl",
        "--body-file", str(tmp_path / "missing.txt"),
    )  # fmt: skip
    assert code == 2
    assert "nie można odczytać" in err
    code, _, err = run(
        capsys, *pl, "template", "add", "Logi", "--language", "en", "--body-file", str(body)
    )
    assert code == 2
    assert "Szablon o nazwie Logi (język: angielski) już istnieje" in err
    code, _, err = run(
        capsys, *pl, "template", "add", "zły\x1b[2J", "--language", "pl", "--body-file", str(body)
    )
    assert code == 2
    assert "Nazwa szablonu zawiera znak sterujący" in err
    code, polish, err = run(capsys, *pl, "template", "remove", "logi")
    assert code == 0, err
    assert polish == "usunięto szablon: Logi (angielski)\n"

    en = ("--language", "en", "--database", url(db), "--agent", admin.login)
    code, english, err = run(
        capsys, *en, "template", "add", "Logs", "--language", "en", "--body-file", str(body)
    )
    assert code == 0, err
    assert english == "template added: Logs (English)\n"
    code, english, err = run(capsys, *en, "template", "list")
    assert english.split()[:6] == ["name", "language", "first", "line", "changed", "by"]
    code, _, err = run(
        capsys, *en, "template", "add", "two\nlines", "--language", "pl", "--body-file", str(body)
    )
    assert code == 2
    assert "The template's name holds a control character" in err


def test_the_dashboard_speaks_the_chosen_language(
    capsys: pytest.CaptureFixture[str], db: Database, admin: Actor, tmp_path: Path
) -> None:
    folder = tmp_path / "csv"
    dashboard = ("dashboard", "--csv", str(folder), "--from", "2026-03-02", "--to", "2026-03-31")
    as_admin = ("--database", url(db), "--agent", admin.login)
    code, polish, err = run(capsys, "--language", "pl", *as_admin, *dashboard)
    assert code == 0, err
    assert polish.startswith(
        f"od 2026-03-02 do 2026-03-31: zapisano {folder / 'opened_closed.csv'}"
    )
    _absent(polish, "wrote")
    code, english, err = run(capsys, "--language", "en", *as_admin, *dashboard)
    assert code == 0, err
    assert english.startswith("2026-03-02 to 2026-03-31: wrote ")
    code, _, err = run(
        capsys, "--language", "pl", *as_admin, "dashboard", "--csv", str(folder), "--to", "31.03"
    )
    assert code == 2
    assert "„31.03” to nie jest dzień; zapisz go jako RRRR-MM-DD" in err
    code, _, err = run(capsys, *as_admin, "dashboard", "--csv", str(folder), "--to", "31.03")
    assert code == 2
    assert "“31.03” is no day; write it as YYYY-MM-DD" in err


def test_an_agents_change_speaks_the_chosen_language(
    capsys: pytest.CaptureFixture[str], db: Database, admin: Actor, agent: Actor
) -> None:
    as_admin = ("--database", url(db), "--agent", admin.login)
    code, polish, err = run(
        capsys, "--language", "pl", *as_admin, "agent", "set", agent.login, "--deactivate"
    )
    assert code == 0, err
    assert polish == f"{agent.login}: konsultant, konto wyłączone\n"
    code, english, err = run(capsys, *as_admin, "agent", "set", agent.login, "--activate")
    assert code == 0, err
    assert english == f"{agent.login}: agent, active\n"
