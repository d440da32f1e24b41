"""Probes of the smaller doors: the local file's rights, password hashes, database URLs,
reseller role names, Greek VAT ids, and the attachment limit before a file is read."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from builders import World, build_world
from hezo_desk.cli import main
from hezo_desk.cli.ticket_commands import read_attachment
from hezo_desk.db import Database, parse_url
from hezo_desk.errors import ReservedRoleNameError, UserError
from hezo_desk.models import Agent, Customer
from hezo_desk.services import passwords
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService
from hezo_desk.services.lookup import LookupService
from hezo_desk.services.normalize import fold
from hezo_desk.services.reseller_roles import valid_role_name
from hezo_desk.services.tax_ids import parse_tax_id
from hezo_desk.wording import coded_error_text

POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# ----- the local database file ------------------------------------------------------------


@POSIX_ONLY
def test_a_new_local_database_and_its_folder_are_the_users_alone(tmp_path: Path) -> None:
    path = tmp_path / "new-folder" / "hezo-desk.sqlite3"
    db = Database(f"sqlite:///{path}")
    try:
        db.ensure_ready(auto_upgrade=True)
        with db.transaction() as session:
            session.execute(text("SELECT 1"))
    finally:
        db.dispose()
    assert _mode(path.parent) == 0o700
    assert _mode(path) == 0o600
    for companion in path.parent.iterdir():
        assert _mode(companion) & 0o077 == 0, companion.name


@POSIX_ONLY
def test_an_existing_readable_database_is_tightened_on_open(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    path = shared / "hezo-desk.sqlite3"
    wal = Path(f"{path}-wal")
    for made in (path, wal):
        made.write_bytes(b"")
        made.chmod(0o644)
    Database(f"sqlite:///{path}").dispose()
    assert _mode(path) == 0o600
    assert _mode(wal) == 0o600
    assert _mode(shared) == 0o755, "a folder the desk did not create is left alone"


# ----- passwords ----------------------------------------------------------------------------


def _old_hash(password: str) -> str:
    """A hash as the desk made them before (N=2^14)."""
    salt = b"0123456789abcdef"
    key = passwords._derive(password, salt, 2**14, 8, 1)
    return "$".join(["scrypt", "16384", "8", "1", passwords._b64(salt), passwords._b64(key)])


def test_new_hashes_cost_n_2_17_and_old_ones_still_verify() -> None:
    made = passwords.hash_password("correct horse")
    assert made.split("$")[1:4] == ["131072", "8", "1"]
    assert passwords.verify_password("correct horse", made)
    old = _old_hash("correct horse")
    assert passwords.verify_password("correct horse", old)
    assert not passwords.verify_password("wrong horse", old)
    assert passwords.needs_rehash(old)
    assert not passwords.needs_rehash(made)


def test_a_stored_hash_asking_for_more_memory_is_refused_unread() -> None:
    greedy = _old_hash("x").replace("$16384$", f"${2**24}$")
    assert not passwords.verify_password("x", greedy)


def test_signing_in_with_an_old_hash_brings_it_up_to_todays_cost(
    db: Database, agent: Actor
) -> None:
    with db.transaction() as session:
        session.execute(
            update(Agent).where(Agent.id == agent.id).values(password_hash=_old_hash("stare hasło"))
        )
    AgentService(db).authenticate(agent.login, "stare hasło")
    with db.sessions() as session:
        stored = session.scalar(select(Agent.password_hash).where(Agent.id == agent.id))
    assert stored is not None
    assert stored.split("$")[1] == "131072"
    assert passwords.verify_password("stare hasło", stored)


# ----- database URLs ----------------------------------------------------------------------


def test_postgres_urls_mean_the_psycopg_driver() -> None:
    for url in ("postgres://u@h/db", "postgresql://u@h/db", "postgres+psycopg2://u@h/db"):
        assert parse_url(url).drivername == "postgresql+psycopg"


def test_a_postgres_url_opens_the_database(pg_demo_db: Database) -> None:
    url = pg_demo_db.url.set(drivername="postgres").render_as_string(hide_password=False)
    assert url.startswith("postgres://")
    assert main(["agent", "list", "--json", "--database", url]) == 0


def test_a_password_on_the_command_line_is_warned_about_and_never_shown(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Port 1: refused at once, so the command fails after the warning.
    url = "postgresql://desk:Tajne-Haslo-9@127.0.0.1:1/desk"
    assert main(["agent", "list", "--database", url]) == 1
    err = capsys.readouterr().err
    assert err.startswith("hezo-desk: warning: the password in --database is visible")
    assert "HEZO_DESK_DATABASE_URL" in err
    assert "Tajne-Haslo-9" not in err


# ----- reseller role names ----------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["current_user", "session_user", "current_role", "public", "none", "user", "all"]
)
def test_reserved_role_names_are_refused(name: str) -> None:
    with pytest.raises(ReservedRoleNameError) as refused:
        valid_role_name(name)
    assert coded_error_text(refused.value) == (
        f"{name} is a name PostgreSQL reserves for itself; choose another role name"
    )


def test_the_command_line_refuses_a_reserved_role_before_the_server_sees_it(
    pg_demo_db: Database, capsys: pytest.CaptureFixture[str], demo_agent_password: str
) -> None:
    url = pg_demo_db.url.render_as_string(hide_password=False)
    with pg_demo_db.sessions() as session:
        reseller = session.execute(text("SELECT name FROM resellers ORDER BY id")).scalar()
    assert reseller is not None
    argv = ["reseller", "grant-db-role", reseller, "--role", "session_user", "--database", url]
    assert main([*argv, "--agent", "admin"]) == 2
    assert "session_user is a name PostgreSQL reserves" in capsys.readouterr().err
    with pg_demo_db.sessions() as session:
        rows = session.execute(text("SELECT count(*) FROM reseller_db_roles")).scalar()
    assert rows == 0


# ----- Greek VAT ids ----------------------------------------------------------------------


def test_gr_and_el_are_one_greek_vat_id() -> None:
    assert parse_tax_id("GR094259216") == parse_tax_id("EL 094259216")
    assert parse_tax_id("gr-094259216").canonical == "EL094259216"


def test_a_greek_company_is_found_by_either_prefix(db: Database, world: World) -> None:
    name = "Ελληνική Εταιρεία Α.Ε."
    with db.transaction() as session:
        session.add(
            Customer(
                tax_id=parse_tax_id("GR094259216").canonical, name=name, name_folded=fold(name)
            )
        )
    for typed in ("GR094259216", "EL094259216", "el 094 259 216"):
        found = LookupService(db).lookup(typed).customers
        assert [row.name for row in found] == [name], typed


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


# ----- attachments ------------------------------------------------------------------------


def test_an_attachment_over_the_limit_is_refused_by_its_size_unread(tmp_path: Path) -> None:
    # 8 GiB without a byte on disk: reading it whole would take the machine's memory.
    sparse = tmp_path / "huge.bin"
    with sparse.open("wb") as file:
        file.truncate(8 * 1024**3)
    with pytest.raises(UserError, match=r"huge.bin is 8192.0 MB; attachments may be at most 25"):
        read_attachment(sparse)


@POSIX_ONLY
def test_a_file_without_a_size_is_read_only_up_to_the_limit() -> None:
    # /dev/zero says size 0 and never ends: the read stops one byte past 25 MB.
    with pytest.raises(UserError, match=r"zero is 25.0 MB; attachments may be at most 25 MB"):
        read_attachment(Path("/dev/zero"))
