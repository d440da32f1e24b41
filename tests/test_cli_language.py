"""The command line speaks Polish or English: `--language`, else the locale (issue 14)."""

from __future__ import annotations

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
